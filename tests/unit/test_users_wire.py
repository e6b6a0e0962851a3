"""Wire format of api.users (REST): paths, escaping, bodies, error mapping, import/export, no password leaks."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import AsyncSaagieApi, SaagieApi

from .conftest import BASE, LOGIN, TOKEN

USERS = f"{BASE}/auth/api/users"
GROUPS = f"{BASE}/auth/api/groups"
ALICE = {"login": "alice", "roles": ["ROLE_ADMIN"], "platforms": [6], "groups": ["admins"], "protected": True}
BOB = {"login": "bob", "roles": ["ROLE_READER"], "platforms": [6], "groups": ["analysts", "gone"], "protected": False}
TEMP_PWD = "Temp-Import-Pw-9f3k"


def add_login(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)


def test_list_sends_realm_and_bearer(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=USERS, method="GET", json=[ALICE, BOB])

    users = api.users.list()

    assert [u.login for u in users] == ["alice", "bob"] and users[1].groups == ["analysts", "gone"]
    request = httpx_mock.get_requests()[-1]
    assert request.headers["Saagie-Realm"] == "acme"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_names_are_escaped_as_one_path_segment(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(method="GET", json={**BOB, "login": "a/b c"})
    httpx_mock.add_response(method="DELETE", status_code=204)

    assert api.users.get_info("a/b c").login == "a/b c"
    assert api.users.delete("a/b c") is True

    get, delete = httpx_mock.get_requests()[1:]
    assert get.url.raw_path == b"/auth/api/users/a%2Fb%20c"
    assert delete.url.raw_path == b"/auth/api/users/a%2Fb%20c"


def test_absent_user_raises_not_found(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(method="GET", status_code=404, json={"error": "User not found"})
    httpx_mock.add_response(method="DELETE", status_code=404, json={"error": "User not found"})
    with pytest.raises(saagieapi.NotFoundError, match="user 'ghost'"):
        api.users.get_info("ghost")
    with pytest.raises(saagieapi.NotFoundError):
        api.users.delete("ghost")


def test_create_body_defaults_and_explicit_empty_lists(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=USERS, method="POST", status_code=201, json=BOB, is_reusable=True)

    api.users.create("bob", "pw-1")
    api.users.create("carol", "pw-2", platforms=[6], roles=[], groups=["analysts"])

    first, second = [json.loads(r.content) for r in httpx_mock.get_requests() if r.method == "POST"][1:]
    assert first == {"login": "bob", "password": "pw-1", "platforms": [], "roles": ["ROLE_READER"], "groups": []}
    # 2.x sent ["ROLE_READER"] for roles=[]: an explicit empty list must stay empty.
    assert second == {"login": "carol", "password": "pw-2", "platforms": [6], "roles": [], "groups": ["analysts"]}


def test_create_validates_before_sending(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        api.users.create("", "pw")
    with pytest.raises(saagieapi.InvalidInputError):
        api.users.create("bob", "")
    assert httpx_mock.get_requests() == []


def test_password_never_in_error_messages(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=USERS, method="POST", status_code=400, text="bad password Sup3r-Secret-Pw")
    with pytest.raises(saagieapi.HTTPStatusError) as caught:
        api.users.create("bob", "Sup3r-Secret-Pw")
    assert caught.value.status_code == 400
    assert "Sup3r-Secret-Pw" not in str(caught.value) and "Sup3r-Secret-Pw" not in caught.value.body


def test_edit_password(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{BASE}/authentication/api/open/password/change", method="PUT", status_code=204)
    assert api.users.edit_password("bob", "old-pw", "new-pw") is True
    request = httpx_mock.get_requests()[-1]
    assert json.loads(request.content) == {"login": "bob", "oldPassword": "old-pw", "newPassword": "new-pw"}
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_rest_call_relogs_on_401(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=USERS, method="GET", status_code=401, text="expired")
    httpx_mock.add_response(url=LOGIN, method="POST", text="second-token")
    httpx_mock.add_response(url=USERS, method="GET", json=[ALICE])
    assert api.users.list()[0].login == "alice"
    assert httpx_mock.get_requests()[-1].headers["Authorization"] == "Bearer second-token"


def test_verify_ssl_argument_is_deprecated(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=USERS, method="GET", json=[])
    with pytest.warns(DeprecationWarning, match="verify_ssl"):
        api.users.list(verify_ssl=True)


def test_export_writes_users_json_atomically(api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=USERS, method="GET", json=[ALICE, BOB])
    assert api.users.export(tmp_path / "out") is True
    assert json.loads((tmp_path / "out" / "users.json").read_text()) == [ALICE, BOB]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["users.json"]  # no temporary file left


def test_import_creates_missing_users_with_their_groups(
    api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    carol = {**BOB, "login": "carol", "groups": []}
    source = tmp_path / "users.json"
    source.write_text(json.dumps([ALICE, BOB, carol]))
    add_login(httpx_mock)
    httpx_mock.add_response(url=USERS, method="GET", json=[ALICE, carol])
    httpx_mock.add_response(url=GROUPS, method="GET", json=[{"name": "analysts", "protected": False}])
    httpx_mock.add_response(url=USERS, method="POST", status_code=201, json=BOB)

    with caplog.at_level(logging.DEBUG, logger="saagieapi"):
        assert api.users.import_from_json(source, TEMP_PWD) is True

    (created,) = [json.loads(r.content) for r in httpx_mock.get_requests() if r.method == "POST"][1:]
    # 2.x never imported the groups (and crashed before creating anyone); "gone" does not exist here.
    assert created == {
        "login": "bob",
        "password": TEMP_PWD,
        "platforms": [6],
        "roles": ["ROLE_READER"],
        "groups": ["analysts"],
    }
    assert TEMP_PWD not in caplog.text


def test_import_reports_failures_without_the_password(
    api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = tmp_path / "users.json"
    source.write_text(json.dumps([BOB]))
    add_login(httpx_mock)
    httpx_mock.add_response(url=USERS, method="GET", json=[])
    httpx_mock.add_response(url=GROUPS, method="GET", json=[])
    httpx_mock.add_response(url=USERS, method="POST", status_code=400, text=f"rejected {TEMP_PWD}")

    with caplog.at_level(logging.DEBUG, logger="saagieapi"):
        assert api.users.import_from_json(source, TEMP_PWD, error_folder=tmp_path / "errors") is False

    error_text = (tmp_path / "errors" / "users" / "users_error.txt").read_text()
    assert error_text.startswith("bob:")
    assert TEMP_PWD not in error_text and TEMP_PWD not in caplog.text


def test_import_rejects_missing_file(api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        api.users.import_from_json(tmp_path / "nope.json", TEMP_PWD)
    assert httpx_mock.get_requests() == []


@pytest.mark.anyio
async def test_async_get_info(async_api: AsyncSaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{USERS}/bob", method="GET", json=BOB)
    async with async_api as client:
        assert (await client.users.get_info("bob")).platforms == [6]


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param(lambda path: path.write_text(_deep(100_000)), id="100k-deep JSON"),
        pytest.param(lambda path: path.write_text(json.dumps([{"login": ["alice"]}])), id="wrong type"),
        pytest.param(lambda path: (path.touch(), os.truncate(path, 64 * 1024 * 1024)), id="64 MiB file (sparse)"),
        pytest.param(os.mkfifo, id="FIFO (reading it would block)"),
        pytest.param(os.mkdir, id="a folder"),
    ],
)
def test_import_refuses_a_hostile_file_before_sending_anything(
    api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path, hostile: Callable[[Path], object]
) -> None:
    source = tmp_path / "users.json"
    hostile(source)
    with pytest.raises(saagieapi.InvalidInputError, match="users"):
        api.users.import_from_json(source, TEMP_PWD)
    assert httpx_mock.get_requests() == []
