"""Wire format of api.groups (REST): paths, escaping, bodies, existence checks, export layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import AsyncSaagieApi, SaagieApi

from .conftest import BASE, LOGIN, TOKEN

GROUPS = f"{BASE}/auth/api/groups"
USERS = f"{BASE}/auth/api/users"
SECURITY = f"{BASE}/security/api/groups"
REALM_AUTH = {"permissions": [{"artifact": {"type": "TECHNOLOGY_CATALOG"}, "role": "ROLE_ACCESS"}]}
AUTHS = [
    {
        "platformId": 6,
        "platformName": "prod",
        "permissions": [{"artifact": {"type": "PROJECT", "id": "p-1"}, "role": "ROLE_PROJECT_MANAGER"}],
    }
]
PERMS = {
    "name": "team",
    "role": "ROLE_READER",
    "authorizations": AUTHS,
    "protected": False,
    "realmAuthorization": REALM_AUTH,
}


def add_login(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)


def test_list_get_users_get_permission_escaped(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GROUPS, method="GET", json=[{"name": "a/b c", "protected": False}])
    httpx_mock.add_response(url=f"{GROUPS}/a%2Fb%20c", method="GET", json={"name": "a/b c", "users": ["bob"]})
    httpx_mock.add_response(url=f"{SECURITY}/a%2Fb%20c", method="GET", json={**PERMS, "name": "a/b c"})

    assert api.groups.list()[0].name == "a/b c"
    assert api.groups.get_users("a/b c").users == ["bob"]
    permissions = api.groups.get_permission("a/b c")
    assert permissions.authorizations[0].permissions[0].artifact.id == "p-1"
    assert permissions.realm_authorization is not None
    assert permissions.realm_authorization.permissions[0].role == "ROLE_ACCESS"
    assert all(r.headers["Saagie-Realm"] == "acme" for r in httpx_mock.get_requests()[1:])


def test_create_body(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GROUPS, method="POST", status_code=201, json={})
    assert api.groups.create("team", ["alice", "bob"]) is True
    assert json.loads(httpx_mock.get_requests()[-1].content) == {"name": "team", "users": ["alice", "bob"]}
    with pytest.raises(saagieapi.InvalidInputError):
        api.groups.create("team", "alice")  # type: ignore[arg-type]


def test_edit_permission_can_clear_authorizations(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{SECURITY}/team", method="GET", json=PERMS, is_reusable=True)
    httpx_mock.add_response(url=f"{SECURITY}/team", method="PUT", status_code=204, is_reusable=True)

    api.groups.edit_permission("team", authorizations=[])
    api.groups.edit_permission("team", realm_authorization={"permissions": []})

    first, second = [json.loads(r.content) for r in httpx_mock.get_requests() if r.method == "PUT"]
    # 2.x replaced [] by the current authorizations, so they could never be cleared.
    assert first == {"role": "ROLE_READER", "authorizations": [], "realmAuthorization": REALM_AUTH}
    assert second == {"role": "ROLE_READER", "authorizations": AUTHS, "realmAuthorization": {"permissions": []}}


def test_absent_group_raises_not_found(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{SECURITY}/ghost", method="GET", status_code=404)
    httpx_mock.add_response(url=f"{GROUPS}/ghost", method="DELETE", status_code=404)
    # The platform answers 500 for an unknown group on auth/api/groups/{name}; the list tells it apart.
    httpx_mock.add_response(url=f"{GROUPS}/ghost", method="GET", status_code=500, is_reusable=True)
    httpx_mock.add_response(url=GROUPS, method="GET", json=[])
    with pytest.raises(saagieapi.NotFoundError):
        api.groups.get_permission("ghost")
    with pytest.raises(saagieapi.NotFoundError):
        api.groups.delete("ghost")
    with pytest.raises(saagieapi.NotFoundError):
        api.groups.get_users("ghost")


def test_export_layout(api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    add_login(httpx_mock)
    groups = [{"name": "team", "protected": False}, {"name": "x/y", "protected": False}]
    httpx_mock.add_response(url=GROUPS, method="GET", json=groups)
    httpx_mock.add_response(
        url=f"{GROUPS}/team", method="GET", json={"name": "team", "users": ["bob"], "protected": False}
    )
    httpx_mock.add_response(url=f"{SECURITY}/team", method="GET", json=PERMS)
    httpx_mock.add_response(url=f"{GROUPS}/x%2Fy", method="GET", json={"name": "x/y", "users": [], "protected": False})
    httpx_mock.add_response(url=f"{SECURITY}/x%2Fy", method="GET", status_code=403)

    assert api.groups.export(tmp_path / "out", error_folder=tmp_path / "err") is False

    out = tmp_path / "out"
    assert json.loads((out / "groups.json").read_text()) == groups
    assert json.loads((out / "groups" / "user_team.json").read_text())["users"] == ["bob"]
    assert json.loads((out / "groups" / "perm_team.json").read_text()) == PERMS
    assert sorted(p.name for p in (out / "groups").iterdir()) == ["perm_team.json", "user_team.json"]
    assert (tmp_path / "err" / "groups" / "groups_error.txt").read_text().startswith("x/y:")


def test_import_checks_existence_with_the_list(api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    (tmp_path / "groups").mkdir()
    (tmp_path / "groups.json").write_text(
        json.dumps([{"name": "admins", "protected": True}, {"name": "old", "protected": False}, {"name": "new"}])
    )
    (tmp_path / "groups" / "user_new.json").write_text(json.dumps({"name": "new", "users": ["bob", "gone"]}))
    (tmp_path / "groups" / "perm_new.json").write_text(json.dumps(PERMS | {"name": "new"}))
    add_login(httpx_mock)
    httpx_mock.add_response(url=GROUPS, method="GET", json=[{"name": "old", "protected": False}])
    httpx_mock.add_response(url=USERS, method="GET", json=[{"login": "bob"}])
    httpx_mock.add_response(url=GROUPS, method="POST", status_code=201, json={})
    httpx_mock.add_response(url=f"{SECURITY}/new", method="GET", json=PERMS | {"authorizations": []})
    httpx_mock.add_response(url=f"{SECURITY}/new", method="PUT", status_code=204)

    assert api.groups.import_from_json(tmp_path) is True

    create = next(r for r in httpx_mock.get_requests() if r.method == "POST" and r.url == GROUPS)
    assert json.loads(create.content) == {"name": "new", "users": ["bob"]}
    put = next(r for r in httpx_mock.get_requests() if r.method == "PUT")
    assert json.loads(put.content) == {"role": "ROLE_READER", "authorizations": [], "realmAuthorization": REALM_AUTH}
    # No GET auth/api/groups/{name} probe: 2.x treated any status but 500 (a 404 too) as "exists".
    assert not any(r.url.path.startswith("/auth/api/groups/") for r in httpx_mock.get_requests())


@pytest.mark.anyio
async def test_async_list(async_api: AsyncSaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GROUPS, method="GET", json=[{"name": "team", "protected": True}])
    async with async_api as client:
        assert (await client.groups.list())[0].protected is True


def test_import_refuses_a_100k_deep_groups_file_before_sending_anything(
    api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    (tmp_path / "groups.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(saagieapi.InvalidInputError, match="groups file"):
        api.groups.import_from_json(tmp_path)
    assert httpx_mock.get_requests() == []


def test_import_refuses_a_group_file_leading_out_of_the_folder_before_sending_anything(
    api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    (folder / "groups").mkdir(parents=True)
    (folder / "groups.json").write_text(json.dumps([{"name": "new"}]))
    (folder / "groups" / "user_new.json").write_text(json.dumps({"name": "new", "users": []}))
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps(PERMS | {"name": "new"}))
    (folder / "groups" / "perm_new.json").symlink_to(outside)
    with pytest.raises(saagieapi.UnsafePathError, match=r"perm_new\.json"):
        api.groups.import_from_json(folder)
    assert httpx_mock.get_requests() == []
