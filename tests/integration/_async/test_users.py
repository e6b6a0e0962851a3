"""api.users against the emulator over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi

from ...support.platforms import connect_async

pytestmark = pytest.mark.anyio


async def test_user_with_escaped_name_round_trips(api: AsyncSaagieApi) -> None:
    assert await api.users.create("a/b c", "Pw-0f-a/b c", roles=["ROLE_READER"]) is True
    user = await api.users.get_info("a/b c")
    assert user.login == "a/b c" and user.roles == ["ROLE_READER"] and not user.protected
    assert "a/b c" in [u.login for u in await api.users.list()]
    assert await api.users.delete("a/b c") is True
    with pytest.raises(saagieapi.NotFoundError):
        await api.users.get_info("a/b c")
    with pytest.raises(saagieapi.NotFoundError):
        await api.users.delete("a/b c")


async def test_literal_percent_is_not_decoded_twice(api: AsyncSaagieApi) -> None:
    await api.users.create("x%41", "pw-percent")
    assert (await api.users.get_info("x%41")).login == "x%41"
    with pytest.raises(saagieapi.NotFoundError):
        await api.users.get_info("xA")


async def test_create_with_groups_and_explicit_empty_roles(api: AsyncSaagieApi, platform: RunningPlatform) -> None:
    admin = await api.users.get_info(platform.user)
    await api.users.create("dana", "pw-dana", platforms=[platform.platform_id], roles=[], groups=admin.groups)
    dana = await api.users.get_info("dana")
    assert dana.groups == admin.groups and dana.platforms == [platform.platform_id]
    with pytest.raises(saagieapi.HTTPStatusError) as caught:
        await api.users.create("dana", "pw-dana")
    assert caught.value.status_code == 409


async def test_edit_password_lets_the_user_log_in(api: AsyncSaagieApi, platform: RunningPlatform) -> None:
    await api.users.create("erin", "first-pw")
    assert await api.users.edit_password("erin", "first-pw", "second-pw") is True
    async with AsyncSaagieApi(platform.url, platform.platform_id, "erin", "second-pw", platform.realm) as erin:
        await erin.login()
    with pytest.raises(saagieapi.HTTPStatusError):
        await api.users.edit_password("erin", "wrong-pw", "third-pw")


async def test_export_then_import(api: AsyncSaagieApi, tmp_path: Path, platform: RunningPlatform) -> None:
    admin_groups = (await api.users.get_info(platform.user)).groups
    await api.users.create("fred", "pw-fred", roles=["ROLE_READER"], groups=admin_groups)
    await api.users.create("gina/ops", "pw-gina")
    assert await api.users.export(tmp_path) is True
    exported = json.loads((tmp_path / "users.json").read_text())
    assert {u["login"] for u in exported} >= {"fred", "gina/ops", platform.user}

    await api.users.delete("fred")
    await api.users.delete("gina/ops")
    assert await api.users.import_from_json(tmp_path / "users.json", "Temp-Pw-1", error_folder=tmp_path / "err") is True
    fred = await api.users.get_info("fred")
    assert fred.roles == ["ROLE_READER"] and fred.groups == admin_groups  # groups are imported too
    assert (await api.users.get_info("gina/ops")).login == "gina/ops"
    assert not (tmp_path / "err").exists()
    # Everybody exists now: a second import creates nobody and succeeds.
    assert await api.users.import_from_json(tmp_path / "users.json", "Temp-Pw-1") is True


async def test_user_round_trip_through_one_client(platform: RunningPlatform, tmp_path: Path) -> None:
    async with connect_async(platform) as api:
        assert await api.users.create("a/b c", "pw-round")
        assert (await api.users.get_info("a/b c")).login == "a/b c"
        assert "a/b c" in [u.login for u in await api.users.list()]
        assert await api.users.edit_password("a/b c", "pw-round", "pw-round-2")
        assert await api.users.export(tmp_path)
        assert await api.users.delete("a/b c")
        assert await api.users.import_from_json(tmp_path / "users.json", "Temp-Pw-2")
        assert (await api.users.get_info("a/b c")).login == "a/b c"
        with pytest.raises(saagieapi.NotFoundError):
            await api.users.get_info("nobody")
