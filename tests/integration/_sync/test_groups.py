# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""api.groups against the emulator over real HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi

from ...support.platforms import connect

REALM_AUTH = {"permissions": [{"artifact": {"type": "TECHNOLOGY_CATALOG"}, "role": "ROLE_ACCESS"}]}


@pytest.fixture
def api(platform: RunningPlatform) -> Iterator[SaagieApi]:
    """Overrides the shared ``api``: no retries."""
    with connect(platform, retries=0) as client:
        yield client


def test_group_lifecycle_with_escaped_name(api: SaagieApi, platform: RunningPlatform) -> None:
    api.users.create("bob", "pw-bob")
    assert api.groups.create("a/b c", ["bob"]) is True
    assert "a/b c" in [g.name for g in api.groups.list()]
    assert (api.groups.get_users("a/b c")).users == ["bob"]
    assert "a/b c" in (api.users.get_info("bob")).groups

    fresh = api.groups.get_permission("a/b c")
    assert fresh.role is not None and fresh.authorizations == [] and fresh.realm_authorization is not None

    authorizations = [
        {
            "platformId": platform.platform_id,
            "platformName": "p",
            "permissions": [{"artifact": {"type": "PROJECTS_ENVVAR_EDITOR"}, "role": "ROLE_PROJECT_ENVVAR_EDITOR"}],
        }
    ]
    api.groups.edit_permission("a/b c", authorizations=authorizations, realm_authorization=REALM_AUTH)
    edited = (api.groups.get_permission("a/b c")).to_json_dict()
    assert edited["authorizations"] == authorizations and edited["realmAuthorization"] == REALM_AUTH

    api.groups.edit_permission("a/b c", authorizations=[])  # 2.x could not clear them
    cleared = api.groups.get_permission("a/b c")
    assert cleared.authorizations == [] and cleared.to_json_dict()["realmAuthorization"] == REALM_AUTH

    assert api.groups.delete("a/b c") is True
    for call in (api.groups.get_users, api.groups.get_permission, api.groups.delete):
        with pytest.raises(saagieapi.NotFoundError):
            call("a/b c")


def test_export_then_import(api: SaagieApi, tmp_path: Path) -> None:
    api.users.create("carl", "pw-carl")
    api.groups.create("team/blue", ["carl"])
    api.groups.edit_permission("team/blue", realm_authorization=REALM_AUTH)
    assert api.groups.export(tmp_path / "out", error_folder=tmp_path / "err") is True
    names = [g["name"] for g in json.loads((tmp_path / "out" / "groups.json").read_text())]
    assert "team/blue" in names
    assert (tmp_path / "out" / "groups" / "user_team%2Fblue.json").exists()
    assert json.loads((tmp_path / "out" / "groups" / "perm_team%2Fblue.json").read_text())["realmAuthorization"] == (
        REALM_AUTH
    )
    assert not list((tmp_path / "out").rglob("*.tmp"))

    api.groups.delete("team/blue")
    assert api.groups.import_from_json(tmp_path / "out", error_folder=tmp_path / "err") is True
    assert (api.groups.get_users("team/blue")).users == ["carl"]
    assert (api.groups.get_permission("team/blue")).to_json_dict()["realmAuthorization"] == REALM_AUTH
    # Existing and protected groups are skipped, not re-created.
    assert api.groups.import_from_json(tmp_path / "out") is True


def test_import_reports_a_group_whose_files_are_missing(api: SaagieApi, tmp_path: Path) -> None:
    (tmp_path / "groups.json").write_text(json.dumps([{"name": "lonely", "protected": False}]))
    assert api.groups.import_from_json(tmp_path, error_folder=tmp_path / "err") is False
    assert "lonely" in (tmp_path / "err" / "groups" / "groups_error.txt").read_text()
    assert "lonely" not in [g.name for g in api.groups.list()]


def test_group_round_trip_through_one_client(api: SaagieApi, tmp_path: Path) -> None:
    api.users.create("dora", "pw-dora")
    assert api.groups.create("squad", ["dora"])
    assert (api.groups.get_users("squad")).users == ["dora"]
    assert api.groups.edit_permission("squad", realm_authorization=REALM_AUTH)
    assert (api.groups.get_permission("squad")).to_json_dict()["realmAuthorization"] == REALM_AUTH
    assert api.groups.export(tmp_path)
    assert api.groups.delete("squad")
    assert "squad" not in [g.name for g in api.groups.list()]
    assert api.groups.import_from_json(tmp_path)
    assert (api.groups.get_users("squad")).users == ["dora"]
    with pytest.raises(saagieapi.NotFoundError):
        api.groups.get_users("nobody")
