"""The control plane cannot be driven by a web page: token, JSON only, Host and Origin checked everywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from saagie_emulator import RunningPlatform, running
from saagie_emulator.control import CONTROL_TOKEN_ENV, CONTROL_TOKEN_HEADER

from .conftest import Client


@pytest.fixture
def persisted(tmp_path: Path) -> Iterator[RunningPlatform]:
    with running(state_path=tmp_path / "state.json") as served:
        yield served


def _login(platform: RunningPlatform, http: httpx.Client, **headers: str) -> httpx.Response:
    return http.post(
        "/authentication/api/open/authenticate",
        json={"login": platform.user, "password": platform.password},
        headers={"Saagie-Realm": platform.realm, **headers},
    )


def test_csrf_style_reset_is_refused_and_changes_nothing(persisted: RunningPlatform, tmp_path: Path) -> None:
    """What a web page can send without a CORS check: a POST with a text/plain body and no custom header."""
    client = Client(persisted)
    client.project("precious")
    state_file = tmp_path / "state.json"
    saved = state_file.read_bytes()
    assert b"precious" in saved
    settings = persisted.faults.settings()
    with httpx.Client(base_url=persisted.url, timeout=10) as http:
        for path, body in (("/_emulator/reset", "{}"), ("/_emulator/faults", '{"drop_rate": 1}')):
            # A browser's "simple request": text/plain, no token. Also a page that guessed the JSON type.
            for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/json"):
                response = http.post(path, content=body, headers={"Content-Type": content_type})
                if content_type == "application/json":
                    assert response.status_code == 401, response.text
                    assert CONTROL_TOKEN_HEADER in response.json()["error"]
                else:  # refused before the token is looked at, as on every endpoint (http_guard.py)
                    assert response.status_code == 415, response.text
            # With the token but not JSON: still refused.
            response = http.post(
                path,
                content=body,
                headers={"Content-Type": "text/plain", CONTROL_TOKEN_HEADER: persisted.control_token},
            )
            assert response.status_code == 415
        wrong = http.post("/_emulator/reset", json={}, headers={CONTROL_TOKEN_HEADER: persisted.control_token + "x"})
        assert wrong.status_code == 401
        assert http.get("/_emulator/stats").status_code == 401  # reads need the token too
    assert client.gql("{ projects { name } }")["projects"] == [{"name": "precious"}]
    assert state_file.read_bytes() == saved
    assert persisted.faults.settings() == settings
    # The platform's own owner still can.
    assert persisted.control("reset", {}) == {"reset": True}
    assert client.gql("{ projects { name } }")["projects"] == []
    assert b"precious" not in state_file.read_bytes()
    client.close()


def test_control_tokens_are_random_per_start_unless_chosen() -> None:
    with running() as first, running() as second:
        assert first.control_token != second.control_token
        assert len(first.control_token) >= 40
        assert "control_token" not in repr(first) and first.control_token not in repr(first)
    with running(control_token="chosen-token") as chosen:
        assert chosen.control_token == "chosen-token"
        assert chosen.control("faults", {"latency_ms": 5})["latency_ms"] == 5


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8080", "attacker.localhost.evil.example", "[bad"])
def test_every_endpoint_checks_the_host_header(platform: RunningPlatform, host: str) -> None:
    """DNS rebinding: a page's own name resolving to 127.0.0.1 reaches the server with Host: its name."""
    with httpx.Client(base_url=platform.url, timeout=10) as http:
        token = _login(platform, http).text
        checks = [
            lambda headers: _login(platform, http, **headers),
            lambda headers: http.post(
                f"/projects/api/platform/{platform.platform_id}/graphql",
                json={"query": "{ projects { id } }"},
                headers={"Authorization": f"Bearer {token}", **headers},
            ),
            lambda headers: http.get("/auth/api/users", headers={"Authorization": f"Bearer {token}", **headers}),
            lambda headers: http.get(
                "/_emulator/stats", headers={CONTROL_TOKEN_HEADER: platform.control_token, **headers}
            ),
        ]
        for check in checks:
            refused = check({"Host": host})
            assert refused.status_code == 400, refused.text
            assert "Host" in refused.json()["error"]
            assert check({}).status_code == 200  # the same request with the real Host


def test_loopback_names_ip_addresses_and_allowed_hosts_pass() -> None:
    with running(allowed_hosts=("emulator.internal",)) as served, httpx.Client(base_url=served.url) as http:
        port = served.url.rsplit(":", 1)[1].strip("/")
        for host in ("localhost", f"localhost:{port}", "127.0.0.1", f"[::1]:{port}", "EMULATOR.internal:80"):
            assert _login(served, http, Host=host).status_code == 200, host
        assert _login(served, http, Host="other.internal").status_code == 400


@pytest.mark.parametrize(
    "content_type", ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "TEXT/PLAIN"]
)
def test_bodies_a_page_can_send_without_a_cors_check_are_refused_everywhere(
    platform: RunningPlatform, content_type: str
) -> None:
    """A browser sends a text/plain or form POST from any page without a preflight; the platform's endpoints
    take JSON (and multipart uploads) only, so a page cannot log in or run a mutation that way, even with no
    Origin header (older browsers, some privacy settings). Nothing is executed."""
    with httpx.Client(base_url=platform.url, timeout=10) as http:
        token = _login(platform, http).text
        before = platform.stats.mutations_executed
        login_body = json.dumps({"login": platform.user, "password": platform.password})
        mutation = json.dumps({"query": 'mutation { createProject(project: {name: "csrf"}) { id } }'})
        refused = [
            http.post(
                "/authentication/api/open/authenticate",
                content=login_body,
                headers={"Content-Type": content_type, "Saagie-Realm": platform.realm},
            ),
            http.post(
                f"/projects/api/platform/{platform.platform_id}/graphql",
                content=mutation,
                headers={"Content-Type": content_type, "Authorization": f"Bearer {token}"},
            ),
            http.post(
                "/auth/api/groups",
                content=json.dumps({"name": "csrf", "users": []}),
                headers={"Content-Type": content_type, "Authorization": f"Bearer {token}"},
            ),
        ]
        for response in refused:
            assert response.status_code == 415, (response.request.url, response.text)
            assert "application/json" in response.json()["error"]
        assert platform.stats.mutations_executed == before
        assert all(group.name != "csrf" for group in platform.emulator.store.data.groups.values())
        # the same requests as JSON pass
        assert _login(platform, http).status_code == 200


def test_browser_origins_other_than_loopback_are_refused(platform: RunningPlatform) -> None:
    with httpx.Client(base_url=platform.url, timeout=10) as http:
        for origin in ("http://evil.example", "https://127.0.0.1.evil.example", "null", "http://10.0.0.5"):
            response = _login(platform, http, Origin=origin)
            assert response.status_code == 403, origin
        for origin in ("http://localhost:3000", "http://127.0.0.1:8080"):
            assert _login(platform, http, Origin=origin).status_code == 200, origin


def test_the_command_line_prints_the_control_token_and_takes_one_from_the_environment(tmp_path: Path) -> None:
    with running() as probe:  # borrow a free port
        port = int(probe.url.rsplit(":", 1)[1].strip("/"))
    env = {**os.environ, "PYTHONUNBUFFERED": "1", CONTROL_TOKEN_ENV: "from-the-environment"}
    process = subprocess.Popen(
        [sys.executable, "-m", "saagie_emulator", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(9)]
        assert any("control token: from-the-environment" in line for line in lines), lines
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 15
        while True:
            try:
                response = httpx.get(url + "_emulator/faults", headers={CONTROL_TOKEN_HEADER: "from-the-environment"})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert response.status_code == 200 and "latency_ms" in response.json()
        assert httpx.get(url + "_emulator/faults").status_code == 401
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_control_bodies_are_checked(platform: RunningPlatform) -> None:
    headers = {CONTROL_TOKEN_HEADER: platform.control_token, "Content-Type": "application/json"}
    with httpx.Client(base_url=platform.url, timeout=10) as http:
        for path, body in (
            ("/_emulator/faults", '{"fault_rate": "lots"}'),
            ("/_emulator/faults", '{"no_such_setting": 1}'),
            ("/_emulator/simulation", '{"speed": {"a": 1}}'),
            ("/_emulator/simulation", '{"speed": 0}'),
            ("/_emulator/simulation", '{"job_outcomes": 7}'),
            ("/_emulator/job-instances", '{"job_id": "x", "count": 10000000}'),
            ("/_emulator/reset", "[1, 2]"),
            ("/_emulator/reset", "[" * 100_000),
        ):
            response = http.post(path, content=body, headers=headers)
            assert response.status_code == 400, (path, body, response.text)
            assert response.json()["error"]
        assert json.loads(http.get("/_emulator/faults", headers=headers).text)["fault_rate"] == 0.0


def test_create_app_in_process_with_the_test_server_host() -> None:
    """``create_app`` under an in-process ASGI client (Host ``testserver``, as Starlette's TestClient sends)."""
    import asyncio

    from saagie_emulator import EmulatorOptions, create_app

    login = {"login": "admin", "password": "saagie-emulator"}

    async def status(app: Any) -> int:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            response = await http.post(
                "/authentication/api/open/authenticate", json=login, headers={"Saagie-Realm": "saagie"}
            )
            return response.status_code

    assert asyncio.run(status(create_app(EmulatorOptions(allowed_hosts=("testserver",))))) == 200
    assert asyncio.run(status(create_app())) == 400  # not a name this emulator answers to by default
