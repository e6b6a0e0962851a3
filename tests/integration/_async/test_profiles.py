"""api.profiles against the emulator over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi

from ...support.platforms import connect_async

pytestmark = pytest.mark.anyio


async def test_profiles_list_get_edit_export(api: AsyncSaagieApi, tmp_path: Path) -> None:
    await api.users.create("a/b c", "pw-abc")
    assert "a/b c" in [profile.login for profile in await api.profiles.list()]
    assert await api.profiles.edit("a/b c", job_title="PROJECT_MANAGER", email="abc@example.com") is True
    profile = await api.profiles.get_info("a/b c")
    assert (profile.job, profile.email) == ("PROJECT_MANAGER", "abc@example.com")

    await api.profiles.edit("a/b c", job_title="DATA_ENGINEER")  # the email is kept
    assert (await api.profiles.get_info("a/b c")).email == "abc@example.com"
    await api.profiles.edit("a/b c", email="")  # and can be cleared
    assert (await api.profiles.get_info("a/b c")).email == ""
    assert (await api.profiles.get_info("a/b c")).job == "DATA_ENGINEER"

    assert await api.profiles.export(tmp_path) is True
    exported = {p["login"]: p for p in json.loads((tmp_path / "profiles.json").read_text())}
    assert exported["a/b c"] == {"login": "a/b c", "job": "DATA_ENGINEER", "email": ""}

    with pytest.raises(saagieapi.NotFoundError):
        await api.profiles.get_info("nobody")
    with pytest.raises(saagieapi.NotFoundError):
        await api.profiles.edit("nobody", job_title="DATA_ENGINEER")


async def test_admin_profile_through_one_client(platform: RunningPlatform, tmp_path: Path) -> None:
    user = platform.user
    async with connect_async(platform) as api:
        assert (await api.profiles.get_info(user)).login == user
        assert await api.profiles.edit(user, job_title="PROJECT_MANAGER")
        assert (await api.profiles.get_info(user)).job == "PROJECT_MANAGER"
        assert user in [profile.login for profile in await api.profiles.list()]
        assert await api.profiles.export(tmp_path)
        assert (tmp_path / "profiles.json").exists()
