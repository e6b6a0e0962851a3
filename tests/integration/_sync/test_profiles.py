# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""api.profiles against the emulator over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi

from ...support.platforms import connect


def test_profiles_list_get_edit_export(api: SaagieApi, tmp_path: Path) -> None:
    api.users.create("a/b c", "pw-abc")
    assert "a/b c" in [profile.login for profile in api.profiles.list()]
    assert api.profiles.edit("a/b c", job_title="PROJECT_MANAGER", email="abc@example.com") is True
    profile = api.profiles.get_info("a/b c")
    assert (profile.job, profile.email) == ("PROJECT_MANAGER", "abc@example.com")

    api.profiles.edit("a/b c", job_title="DATA_ENGINEER")  # the email is kept
    assert (api.profiles.get_info("a/b c")).email == "abc@example.com"
    api.profiles.edit("a/b c", email="")  # and can be cleared
    assert (api.profiles.get_info("a/b c")).email == ""
    assert (api.profiles.get_info("a/b c")).job == "DATA_ENGINEER"

    assert api.profiles.export(tmp_path) is True
    exported = {p["login"]: p for p in json.loads((tmp_path / "profiles.json").read_text())}
    assert exported["a/b c"] == {"login": "a/b c", "job": "DATA_ENGINEER", "email": ""}

    with pytest.raises(saagieapi.NotFoundError):
        api.profiles.get_info("nobody")
    with pytest.raises(saagieapi.NotFoundError):
        api.profiles.edit("nobody", job_title="DATA_ENGINEER")


def test_admin_profile_through_one_client(platform: RunningPlatform, tmp_path: Path) -> None:
    user = platform.user
    with connect(platform) as api:
        assert (api.profiles.get_info(user)).login == user
        assert api.profiles.edit(user, job_title="PROJECT_MANAGER")
        assert (api.profiles.get_info(user)).job == "PROJECT_MANAGER"
        assert user in [profile.login for profile in api.profiles.list()]
        assert api.profiles.export(tmp_path)
        assert (tmp_path / "profiles.json").exists()
