"""api.groups against the emulator over real HTTP."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi

from ...support.platforms import connect_async

pytestmark = pytest.mark.anyio

REALM_AUTH = {"permissions": [{"artifact": {"type": "TECHNOLOGY_CATALOG"}, "role": "ROLE_ACCESS"}]}


@pytest.fixture
async def api(platform: RunningPlatform) -> AsyncIterator[AsyncSaagieApi]:
    """Overrides the shared ``api``: no retries."""
    async with connect_async(platform, retries=0) as client:
        yield client


async def test_group_lifecycle_with_escaped_name(api: AsyncSaagieApi, platform: RunningPlatform) -> None:
    await api.users.create("bob", "pw-bob")
    assert await api.groups.create("a/b c", ["bob"]) is True
    assert "a/b c" in [g.name for g in await api.groups.list()]
    assert (await api.groups.get_users("a/b c")).users == ["bob"]
    assert "a/b c" in (await api.users.get_info("bob")).groups

    fresh = await api.groups.get_permission("a/b c")
    assert fresh.role is not None and fresh.authorizations == [] and fresh.realm_authorization is not None

    authorizations = [
        {
            "platformId": platform.platform_id,
            "platformName": "p",
            "permissions": [{"artifact": {"type": "PROJECTS_ENVVAR_EDITOR"}, "role": "ROLE_PROJECT_ENVVAR_EDITOR"}],
        }
    ]
    await api.groups.edit_permission("a/b c", authorizations=authorizations, realm_authorization=REALM_AUTH)
    edited = (await api.groups.get_permission("a/b c")).to_json_dict()
    assert edited["authorizations"] == authorizations and edited["realmAuthorization"] == REALM_AUTH

    await api.groups.edit_permission("a/b c", authorizations=[])  # 2.x could not clear them
    cleared = await api.groups.get_permission("a/b c")
    assert cleared.authorizations == [] and cleared.to_json_dict()["realmAuthorization"] == REALM_AUTH

    assert await api.groups.delete("a/b c") is True
    for call in (api.groups.get_users, api.groups.get_permission, api.groups.delete):
        with pytest.raises(saagieapi.NotFoundError):
            await call("a/b c")


async def test_export_then_import(api: AsyncSaagieApi, tmp_path: Path) -> None:
    await api.users.create("carl", "pw-carl")
    await api.groups.create("team/blue", ["carl"])
    await api.groups.edit_permission("team/blue", realm_authorization=REALM_AUTH)
    assert await api.groups.export(tmp_path / "out", error_folder=tmp_path / "err") is True
    names = [g["name"] for g in json.loads((tmp_path / "out" / "groups.json").read_text())]
    assert "team/blue" in names
    assert (tmp_path / "out" / "groups" / "user_team%2Fblue.json").exists()
    assert json.loads((tmp_path / "out" / "groups" / "perm_team%2Fblue.json").read_text())["realmAuthorization"] == (
        REALM_AUTH
    )
    assert not list((tmp_path / "out").rglob("*.tmp"))

    await api.groups.delete("team/blue")
    assert await api.groups.import_from_json(tmp_path / "out", error_folder=tmp_path / "err") is True
    assert (await api.groups.get_users("team/blue")).users == ["carl"]
    assert (await api.groups.get_permission("team/blue")).to_json_dict()["realmAuthorization"] == REALM_AUTH
    # Existing and protected groups are skipped, not re-created.
    assert await api.groups.import_from_json(tmp_path / "out") is True


async def test_import_reports_a_group_whose_files_are_missing(api: AsyncSaagieApi, tmp_path: Path) -> None:
    (tmp_path / "groups.json").write_text(json.dumps([{"name": "lonely", "protected": False}]))
    assert await api.groups.import_from_json(tmp_path, error_folder=tmp_path / "err") is False
    assert "lonely" in (tmp_path / "err" / "groups" / "groups_error.txt").read_text()
    assert "lonely" not in [g.name for g in await api.groups.list()]


async def test_group_round_trip_through_one_client(api: AsyncSaagieApi, tmp_path: Path) -> None:
    await api.users.create("dora", "pw-dora")
    assert await api.groups.create("squad", ["dora"])
    assert (await api.groups.get_users("squad")).users == ["dora"]
    assert await api.groups.edit_permission("squad", realm_authorization=REALM_AUTH)
    assert (await api.groups.get_permission("squad")).to_json_dict()["realmAuthorization"] == REALM_AUTH
    assert await api.groups.export(tmp_path)
    assert await api.groups.delete("squad")
    assert "squad" not in [g.name for g in await api.groups.list()]
    assert await api.groups.import_from_json(tmp_path)
    assert (await api.groups.get_users("squad")).users == ["dora"]
    with pytest.raises(saagieapi.NotFoundError):
        await api.groups.get_users("nobody")
