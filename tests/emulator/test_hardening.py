"""The emulator's own bad-input handling: clean HTTP errors, no crash, no state change."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from saagie_emulator import RunningPlatform, running


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with running() as served:
        yield served


@pytest.fixture
def client(platform: RunningPlatform) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=platform.url, timeout=10) as http:
        token = http.post(
            "/authentication/api/open/authenticate",
            json={"login": platform.user, "password": platform.password},
            headers={"Saagie-Realm": platform.realm},
        ).text
        http.headers["Authorization"] = f"Bearer {token}"
        yield http


def _state(platform: RunningPlatform) -> str:
    data = platform.emulator.store.data
    return repr((sorted(data.projects), sorted(data.jobs), sorted(data.users), platform.stats.mutations_executed))


GRAPHQL = "/projects/api/platform/1/graphql"
MUTATION = 'mutation CreateProject { createProject(project: {name: "x", technologiesByCategory: []}) { id } }'


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"", "application/json"),
        (b"[1, 2]", "application/json"),
        (b'{"query": 42}', "application/json"),
        (json.dumps({"query": "{ projects { id }", "variables": []}).encode(), "application/json"),
        (b"\xff\xfe\x00garbage", "application/json"),
        (b"--x\r\nnot multipart", "multipart/form-data; boundary=x"),
        (b"--x--\r\n", "multipart/form-data; boundary=x"),
    ],
)
def test_malformed_bodies_get_4xx(
    platform: RunningPlatform, client: httpx.Client, content: bytes, content_type: str
) -> None:
    before = _state(platform)
    response = client.post(GRAPHQL, content=content, headers={"Content-Type": content_type})
    assert 400 <= response.status_code < 500 or (response.status_code == 200 and "errors" in response.json())
    assert _state(platform) == before
    assert client.post(GRAPHQL, json={"query": "{ projects { id } }"}).status_code == 200  # still alive


@pytest.mark.parametrize(
    "file_map",
    [
        "not json",
        "[1, 2]",
        json.dumps({"0": "variables.file"}),
        json.dumps({"0": ["variables.file.deeper.than.possible"]}),
        json.dumps({"0": ["variables.list.99"]}),
        json.dumps({"0": [42]}),
        json.dumps({"missing-part": ["variables.file"]}),
    ],
)
def test_invalid_multipart_maps_get_400(platform: RunningPlatform, client: httpx.Client, file_map: str) -> None:
    before = _state(platform)
    operations = json.dumps({"query": MUTATION, "variables": {"file": None, "list": []}})
    response = client.post(
        GRAPHQL, data={"operations": operations, "map": file_map}, files={"0": ("a.py", b"print(1)")}
    )
    assert response.status_code == 400, response.text
    assert "errors" in response.json()
    assert _state(platform) == before


def test_oversized_bodies_get_413(platform: RunningPlatform, client: httpx.Client) -> None:
    before = _state(platform)
    big = b'{"query": "' + b" " * (65 * 1024 * 1024) + b'{ projects { id } }"}'
    response = client.post(GRAPHQL, content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert _state(platform) == before


def test_wrong_realm_and_missing_or_bad_tokens(platform: RunningPlatform) -> None:
    before = _state(platform)
    with httpx.Client(base_url=platform.url, timeout=10) as http:
        login = {"login": platform.user, "password": platform.password}
        assert (
            http.post(
                "/authentication/api/open/authenticate", json=login, headers={"Saagie-Realm": "other"}
            ).status_code
            == 401
        )
        # A body that is not JSON is a bad request (400, as Spring answers), not a wrong password.
        assert (
            http.post(
                "/authentication/api/open/authenticate", content=b"{", headers={"Saagie-Realm": platform.realm}
            ).status_code
            == 400
        )
        assert http.post(GRAPHQL, json={"query": MUTATION}).status_code == 401
        for header in ("Bearer nope", "Basic abc", "Bearer", "bearer x y"):
            assert http.post(GRAPHQL, json={"query": MUTATION}, headers={"Authorization": header}).status_code == 401
        assert http.get("/api/v1/projects/platform/1/users", headers={"Authorization": "Bearer nope"}).status_code in (
            401,
            404,
        )
    assert _state(platform) == before
