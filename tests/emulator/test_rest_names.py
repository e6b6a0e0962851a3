"""Users and groups whose names hold URL delimiters: the platform takes any login, and clients put it in the path
percent-encoded (``/auth/api/users/x%3Fy``). The emulator cut the name at a decoded ``?`` or ``#`` (it measured the
path after the URL was split again), so such a user could be created but never read or deleted."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from saagie_emulator import RunningPlatform, running

NAMES = ["x?y=1", "a#b", "a/b c", "%41", "semi;colon", "ü", "q?"]


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with running() as served:
        yield served


@pytest.fixture
def http(platform: RunningPlatform) -> Iterator[httpx.Client]:
    platform.reset()
    with httpx.Client(base_url=platform.url, timeout=10) as client:
        token = client.post(
            "authentication/api/open/authenticate",
            json={"login": platform.user, "password": platform.password},
            headers={"Saagie-Realm": platform.realm},
        ).text
        client.headers["authorization"] = f"Bearer {token}"
        yield client


@pytest.mark.parametrize("name", NAMES)
def test_a_user_of_any_login_can_be_read_and_deleted(http: httpx.Client, name: str) -> None:
    created = http.post("auth/api/users", json={"login": name, "password": "Passw0rd-long!"})
    assert created.status_code < 300, created.text
    found = http.get("auth/api/users/" + quote(name, safe=""))
    assert found.status_code == 200, found.text
    assert found.json()["login"] == name
    assert http.delete("auth/api/users/" + quote(name, safe="")).status_code < 300
    assert name not in [user["login"] for user in http.get("auth/api/users").json()]


@pytest.mark.parametrize("name", NAMES)
def test_a_group_of_any_name_can_be_read_and_deleted(http: httpx.Client, name: str) -> None:
    assert http.post("auth/api/groups", json={"name": name, "users": []}).status_code < 300
    found = http.get("auth/api/groups/" + quote(name, safe=""))
    assert found.status_code == 200 and found.json()["name"] == name, found.text
    permissions = http.get("security/api/groups/" + quote(name, safe=""))
    assert permissions.status_code == 200 and permissions.json()["name"] == name, permissions.text
    assert http.delete("auth/api/groups/" + quote(name, safe="")).status_code < 300
