"""Wire format of api.profiles (REST): paths, escaping, edit bodies (clearing allowed), export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import AsyncSaagieApi, SaagieApi

from .conftest import BASE, LOGIN, TOKEN

PROFILES = f"{BASE}/profiles/api"
ALICE = {"login": "alice", "job": "DATA_ENGINEER", "email": "alice@example.com"}


def add_login(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)


def test_list_uses_trailing_slash(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{PROFILES}/", method="GET", json=[ALICE])
    assert api.profiles.list()[0].email == "alice@example.com"
    assert httpx_mock.get_requests()[-1].headers["Saagie-Realm"] == "acme"


def test_get_info_escapes_and_maps_404(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{PROFILES}/a%2Fb%20c", method="GET", json={**ALICE, "login": "a/b c"})
    httpx_mock.add_response(url=f"{PROFILES}/ghost", method="GET", status_code=404)
    assert api.profiles.get_info("a/b c").login == "a/b c"
    with pytest.raises(saagieapi.NotFoundError, match="profile 'ghost'"):
        api.profiles.get_info("ghost")


def test_edit_keeps_none_and_clears_empty(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{PROFILES}/alice", method="GET", json=ALICE, is_reusable=True)
    httpx_mock.add_response(url=f"{PROFILES}/alice", method="PUT", json=ALICE, is_reusable=True)

    api.profiles.edit("alice", job_title="PROJECT_MANAGER")
    api.profiles.edit("alice", email="")

    first, second = [json.loads(r.content) for r in httpx_mock.get_requests() if r.method == "PUT"]
    assert first == {"login": "alice", "job": "PROJECT_MANAGER", "email": "alice@example.com"}
    # 2.x replaced "" by the current email: it could never be cleared.
    assert second == {"login": "alice", "job": "DATA_ENGINEER", "email": ""}


def test_export(api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{PROFILES}/", method="GET", json=[ALICE])
    assert api.profiles.export(tmp_path) is True
    assert json.loads((tmp_path / "profiles.json").read_text()) == [ALICE]
    assert [p.name for p in tmp_path.iterdir()] == ["profiles.json"]


@pytest.mark.anyio
async def test_async_get_info(async_api: AsyncSaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{PROFILES}/alice", method="GET", json=ALICE)
    async with async_api as client:
        assert (await client.profiles.get_info("alice")).job == "DATA_ENGINEER"
