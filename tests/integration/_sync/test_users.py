# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""api.users against the emulator over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi

from ...support.platforms import connect


def test_user_with_escaped_name_round_trips(api: SaagieApi) -> None:
    assert api.users.create("a/b c", "Pw-0f-a/b c", roles=["ROLE_READER"]) is True
    user = api.users.get_info("a/b c")
    assert user.login == "a/b c" and user.roles == ["ROLE_READER"] and not user.protected
    assert "a/b c" in [u.login for u in api.users.list()]
    assert api.users.delete("a/b c") is True
    with pytest.raises(saagieapi.NotFoundError):
        api.users.get_info("a/b c")
    with pytest.raises(saagieapi.NotFoundError):
        api.users.delete("a/b c")


def test_literal_percent_is_not_decoded_twice(api: SaagieApi) -> None:
    api.users.create("x%41", "pw-percent")
    assert (api.users.get_info("x%41")).login == "x%41"
    with pytest.raises(saagieapi.NotFoundError):
        api.users.get_info("xA")


def test_create_with_groups_and_explicit_empty_roles(api: SaagieApi, platform: RunningPlatform) -> None:
    admin = api.users.get_info(platform.user)
    api.users.create("dana", "pw-dana", platforms=[platform.platform_id], roles=[], groups=admin.groups)
    dana = api.users.get_info("dana")
    assert dana.groups == admin.groups and dana.platforms == [platform.platform_id]
    with pytest.raises(saagieapi.HTTPStatusError) as caught:
        api.users.create("dana", "pw-dana")
    assert caught.value.status_code == 409


def test_edit_password_lets_the_user_log_in(api: SaagieApi, platform: RunningPlatform) -> None:
    api.users.create("erin", "first-pw")
    assert api.users.edit_password("erin", "first-pw", "second-pw") is True
    with SaagieApi(platform.url, platform.platform_id, "erin", "second-pw", platform.realm) as erin:
        erin.login()
    with pytest.raises(saagieapi.HTTPStatusError):
        api.users.edit_password("erin", "wrong-pw", "third-pw")


def test_export_then_import(api: SaagieApi, tmp_path: Path, platform: RunningPlatform) -> None:
    admin_groups = (api.users.get_info(platform.user)).groups
    api.users.create("fred", "pw-fred", roles=["ROLE_READER"], groups=admin_groups)
    api.users.create("gina/ops", "pw-gina")
    assert api.users.export(tmp_path) is True
    exported = json.loads((tmp_path / "users.json").read_text())
    assert {u["login"] for u in exported} >= {"fred", "gina/ops", platform.user}

    api.users.delete("fred")
    api.users.delete("gina/ops")
    assert api.users.import_from_json(tmp_path / "users.json", "Temp-Pw-1", error_folder=tmp_path / "err") is True
    fred = api.users.get_info("fred")
    assert fred.roles == ["ROLE_READER"] and fred.groups == admin_groups  # groups are imported too
    assert (api.users.get_info("gina/ops")).login == "gina/ops"
    assert not (tmp_path / "err").exists()
    # Everybody exists now: a second import creates nobody and succeeds.
    assert api.users.import_from_json(tmp_path / "users.json", "Temp-Pw-1") is True


def test_user_round_trip_through_one_client(platform: RunningPlatform, tmp_path: Path) -> None:
    with connect(platform) as api:
        assert api.users.create("a/b c", "pw-round")
        assert (api.users.get_info("a/b c")).login == "a/b c"
        assert "a/b c" in [u.login for u in api.users.list()]
        assert api.users.edit_password("a/b c", "pw-round", "pw-round-2")
        assert api.users.export(tmp_path)
        assert api.users.delete("a/b c")
        assert api.users.import_from_json(tmp_path / "users.json", "Temp-Pw-2")
        assert (api.users.get_info("a/b c")).login == "a/b c"
        with pytest.raises(saagieapi.NotFoundError):
            api.users.get_info("nobody")
