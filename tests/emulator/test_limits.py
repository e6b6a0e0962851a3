"""What one request may cost: bodies, JSON depth, GraphQL size/aliases/depth/fields, the event loop, the parse
cache, slow connections, malformed REST bodies, state files that cannot be written."""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from saagie_emulator import RunningPlatform, running
from saagie_emulator.control import CONTROL_TOKEN_HEADER
from saagie_emulator.limits import Limits
from saagie_emulator.state_file import StateFileError

from .conftest import Client

LOGIN = "/authentication/api/open/authenticate"


@pytest.fixture(scope="module")
def small() -> Iterator[RunningPlatform]:
    """An emulator with small limits, to test them without sending megabytes."""
    limits = Limits(max_body_bytes=10_000, max_graphql_body_bytes=50_000, max_document_chars=20_000)
    with running(limits=limits) as served:
        yield served


def _state(platform: RunningPlatform) -> Any:
    data = platform.emulator.store.data
    return (sorted(data.projects), sorted(data.users), sorted(data.groups), platform.stats.mutations_executed)


def _host(platform: RunningPlatform) -> tuple[str, int]:
    return "127.0.0.1", int(platform.url.rsplit(":", 1)[1].strip("/"))


def _raw(platform: RunningPlatform, head: bytes, body: bytes = b"", timeout: float = 5) -> bytes:
    """Send ``head`` and ``body`` on a raw socket and read what comes back until the server closes or pauses."""
    with socket.create_connection(_host(platform), timeout=timeout) as sock:
        sock.sendall(head + body)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks):
                    break
        except TimeoutError:
            pass
        return b"".join(chunks)


# ------------------------------------------------------------------ bodies
@pytest.mark.parametrize(
    "path", [LOGIN, "/_emulator/reset", "/auth/api/users", "/projects/api/platform/1/graphql", "/gateway/api/graphql"]
)
def test_declared_oversized_bodies_are_refused_before_they_are_sent(small: RunningPlatform, path: str) -> None:
    """Content-Length says 400 MB and only the head is sent: the answer (413) comes without waiting for it."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {400 * 1024 * 1024}\r\n\r\n"
    ).encode()
    start = time.perf_counter()
    answer = _raw(small, head)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert time.perf_counter() - start < 3


def test_chunked_bodies_are_cut_as_soon_as_they_pass_the_limit(small: RunningPlatform) -> None:
    """No Content-Length: the server counts while reading and answers 413 without the end of the body."""
    head = (
        b"POST /authentication/api/open/authenticate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b" " * 4096
    body = b"".join(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" for _ in range(5))  # 20 KB, never terminated
    answer = _raw(small, head, body)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_bodies_under_the_limit_still_work(small: RunningPlatform) -> None:
    client = Client(small)  # logs in: a small body
    assert client.gql("{ projects { id } }") == {"projects": []}
    client.close()


# ------------------------------------------------------------------ JSON depth
DEEP = [b"[" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000, b"[" * 200 + b"]" * 200]


@pytest.mark.parametrize("body", DEEP, ids=["unclosed-100k", "objects-50k", "arrays-200"])
def test_deeply_nested_json_is_a_400_everywhere(platform: RunningPlatform, body: bytes) -> None:
    client = Client(platform)
    before = _state(platform)
    json_type = {"Content-Type": "application/json"}
    answers = [
        client.http.post(LOGIN, content=body, headers={"Saagie-Realm": platform.realm, **json_type}),
        client.http.post(
            f"/projects/api/platform/{platform.platform_id}/graphql",
            content=body,
            headers={**client.headers, **json_type},
        ),
        client.http.post("/auth/api/users", content=body, headers={**client.headers, **json_type}),
        client.http.put("/security/api/groups/administrators", content=body, headers={**client.headers, **json_type}),
        client.http.post(
            "/_emulator/faults", content=body, headers={CONTROL_TOKEN_HEADER: platform.control_token, **json_type}
        ),
    ]
    for response in answers:
        assert response.status_code == 400, (response.request.url, response.text)
    assert _state(platform) == before
    client.close()


def test_deep_graphql_variables_are_a_400(client: Client) -> None:
    nested: Any = "x"
    for _ in range(200):
        nested = {"a": nested}
    response = client.raw("query($v: String) { projects { id } }", {"v": nested})
    assert response.status_code == 400
    assert "nested deeper" in response.json()["errors"][0]["message"]


# ------------------------------------------------------------------ GraphQL documents
def _aborted(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    body = response.json()
    assert "data" not in body or body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["classification"] == "ExecutionAborted"
    return str(error["message"])


def test_graphql_documents_over_the_limits_get_a_clear_error(client: Client) -> None:
    limits = client.platform.emulator.limits
    before = _state(client.platform)
    aliases = "{ " + " ".join(f"a{i}: projects {{ id }}" for i in range(limits.max_aliases + 1)) + " }"
    assert "aliases" in _aborted(client.raw(aliases))
    deep = "{ projects { " + "jobs { project { " * 13 + "id" + " } }" * 13 + " } }"
    assert "levels deep" in _aborted(client.raw(deep))
    # Fields multiplied through fragments: 10 spreads of 10 spreads of 10 spreads of 20 fields.
    fragments = "fragment F0 on Project { " + " ".join(f"f{i}: name" for i in range(20)) + " }\n"
    for level in range(1, 4):
        fragments += f"fragment F{level} on Project {{ " + " ".join(f"...F{level - 1}" for _ in range(10)) + " }\n"
    wide = "{ projects { ...F3 } }\n" + fragments
    message = _aborted(client.raw(wide))
    assert "aliases" in message or "fields" in message
    huge = "{ projects { id } }" + " " * (limits.max_document_chars + 1)
    assert "characters" in _aborted(client.raw(huge))
    tokens = "{ projects { " + "id " * (limits.max_document_tokens + 10) + "} }"
    assert "tokens" in _aborted(client.raw(tokens))
    nested = "{ projects " + "{ id " * 5000 + "}" * 5001
    assert _aborted(client.raw(nested))
    mutation = (
        "mutation { "
        + " ".join(
            f'p{i}: createProject(project: {{name: "p{i}", technologiesByCategory: []}}) {{ id }}' for i in range(1001)
        )
        + " }"
    )
    assert "aliases" in _aborted(client.raw(mutation))
    assert _state(client.platform) == before  # nothing executed
    # Under the limits, the same shapes work.
    assert "errors" not in client.raw("{ " + " ".join(f"a{i}: projects {{ id }}" for i in range(100)) + " }").json()


def _simple_query_delays(platform: RunningPlatform, heavy: str, rounds: int = 3) -> tuple[float, list[float]]:
    """Run ``heavy`` while a second client sends simple queries one after another: how long the heavy one
    took, and how long each simple query took (their latency is what a stalled event loop would show)."""
    heavy_client, light_client = Client(platform), Client(platform)
    light_client.gql("{ projects { id } }")  # warm: connection, parse cache
    delays: list[float] = []
    heavy_seconds = 0.0
    for _ in range(rounds):
        done = threading.Event()

        def run_heavy(done: threading.Event = done) -> None:
            nonlocal heavy_seconds
            start = time.perf_counter()
            heavy_client.raw(heavy)
            heavy_seconds = max(heavy_seconds, time.perf_counter() - start)
            done.set()

        thread = threading.Thread(target=run_heavy)
        thread.start()
        while not done.is_set():
            start = time.perf_counter()
            assert light_client.raw("{ projects { id } }").status_code == 200
            delays.append(time.perf_counter() - start)
        thread.join()
    heavy_client.close()
    light_client.close()
    return heavy_seconds, delays


def test_a_30000_alias_query_does_not_stall_other_clients(platform: RunningPlatform) -> None:
    """The issue's attack: 30,000 aliases (~0.9 MB). It is refused by its size before any parsing, and nothing
    it does runs on the event loop."""
    heavy = "{ " + " ".join(f"a{i}: projects {{ id name }}" for i in range(30_000)) + " }"
    assert 800_000 < len(heavy) < 1_000_000
    seconds, delays = _simple_query_delays(platform, heavy)
    worst = max(delays)
    sys.stderr.write(
        f"\n30,000 aliases: heavy request {seconds * 1000:.1f} ms; concurrent simple queries: "
        f"{len(delays)}, median {statistics.median(delays) * 1000:.1f} ms, worst {worst * 1000:.1f} ms\n"
    )
    assert worst < 0.5  # loosely: the issue measured 11 s; the target is 100 ms on an idle machine


def test_an_accepted_costly_query_runs_off_the_event_loop() -> None:
    """A query within the limits but costly to parse and validate (limits raised for the test): the other
    client's simple queries keep being answered while it is prepared in a worker thread."""
    limits = Limits(max_document_chars=2_000_000, max_document_tokens=500_000, max_aliases=40_000, max_fields=80_000)
    with running(limits=limits) as served:
        heavy = "{ " + " ".join(f"a{i}: projects {{ id name }}" for i in range(10_000)) + " }"
        seconds, delays = _simple_query_delays(served, heavy, rounds=1)
    sys.stderr.write(
        f"\n10,000 aliases accepted: heavy request {seconds * 1000:.0f} ms; concurrent simple queries: "
        f"{len(delays)}, median {statistics.median(delays) * 1000:.1f} ms, worst {max(delays) * 1000:.1f} ms\n"
    )
    assert seconds > 0.3 and len(delays) >= 3  # the simple queries were answered while it ran
    assert statistics.median(delays) < seconds / 3


# ------------------------------------------------------------------ parse cache
def test_the_parse_cache_is_bounded_by_size() -> None:
    limits = Limits(cache_bytes=20_000_000, cache_entries=512)
    with running(limits=limits) as served:
        client = Client(served)
        cache = served.emulator.documents
        for index in range(40):  # 40 distinct dense documents of 300 aliases: ~1 MB each once parsed
            dense = "{ " + " ".join(f"a{j}: projects {{ id }}" for j in range(300)) + f" }} # {index}"
            assert client.raw(dense).status_code == 200
        assert cache.bytes <= limits.cache_bytes
        assert 0 < len(cache.entries) < 40
        for index in range(10):  # whitespace costs its length: 100 KB of text each
            assert client.raw("{ projects { id } }" + " " * 100_000 + f"# {index}").status_code == 200
        assert cache.bytes <= limits.cache_bytes
        big = "{ " + " ".join(f"b{j}: projects {{ id }}" for j in range(900)) + " }"  # over a sixteenth
        client.raw(big)
        assert all(query != big for _, query in cache.entries)
        client.close()


def test_thirty_distinct_dense_documents_do_not_grow_the_memory_for_good() -> None:
    """The issue: 24 distinct 16 MB queries took the emulator from 119 MB to 887 MB for good. Documents are
    now at most 256 Ki characters, and the cache keeps at most its budget of their parsed form."""
    import gc
    import resource

    with running() as served:
        client = Client(served)
        cache = served.emulator.documents
        for index in range(30):
            dense = "{ " + " ".join(f"a{j}: projects {{ id }}" for j in range(990)) + f" }} # {index}"
            client.raw(dense)
        gc.collect()
        assert cache.bytes <= served.emulator.limits.cache_bytes
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sys.stderr.write(
            f"\ncache after 30 dense documents: {len(cache.entries)} kept, ~{cache.bytes >> 20} MB; "
            f"peak RSS of the test process {peak_mb:.0f} MB\n"
        )
        client.close()


# ------------------------------------------------------------------ slow and half-open connections
def test_half_open_requests_are_closed_and_do_not_block_others() -> None:
    limits = Limits(header_timeout=0.5, body_idle_timeout=0.5)
    with running(limits=limits) as served:
        host = _host(served)
        sockets = []
        try:
            for index in range(1100):  # the issue's figure: 1,100 half-open requests
                sock = socket.create_connection(host, timeout=5)
                # Half a request head, or a head whose body never comes.
                if index % 2:
                    sock.sendall(b"POST /authentication/api/open/authenticate HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                else:
                    sock.sendall(
                        b"POST /authentication/api/open/authenticate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Length: 100\r\n\r\n{"
                    )
                sockets.append(sock)
            client = Client(served)  # a normal client meanwhile
            assert client.gql("{ projects { id } }") == {"projects": []}
            client.close()
            time.sleep(1.5)
            closed = 0
            for sock in sockets:
                sock.settimeout(2)
                try:
                    closed += sock.recv(1024) == b""
                except (ConnectionResetError, TimeoutError):
                    closed += 0
            assert closed == len(sockets)
            assert len(served.emulator.store.data.users) == 1
        finally:
            for sock in sockets:
                sock.close()


def test_a_slow_handler_is_not_cut_by_the_timeouts() -> None:
    with running(limits=Limits(header_timeout=0.3, body_idle_timeout=0.3), latency_ms=800) as served:
        client = Client(served)
        assert client.gql("{ projects { id } }") == {"projects": []}
        client.close()


# ------------------------------------------------------------------ malformed REST bodies
@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/auth/api/users", {"login": "ann", "password": "pw", "roles": 5}, "roles"),
        ("POST", "/auth/api/users", {"login": {"name": "ann"}, "password": "pw"}, "login"),
        ("POST", "/auth/api/users", {"login": "ann", "password": ["pw"]}, "password"),
        ("POST", "/auth/api/users", {"login": "ann", "password": "pw", "groups": "administrators"}, "groups"),
        ("POST", "/auth/api/users", {"login": "ann", "password": "pw", "roles": [1, 2]}, "roles[0]"),
        ("POST", "/auth/api/users", [1, 2], "object"),
        ("POST", "/auth/api/groups", {"name": 7}, "name"),
        ("POST", "/auth/api/groups", {"name": "g", "users": {"a": 1}}, "users"),
        ("PUT", "/security/api/groups/administrators", {"authorizations": 7}, "authorizations"),
        ("PUT", "/security/api/groups/administrators", {"authorizations": [{"permissions": 3}]}, "permissions"),
        ("PUT", "/security/api/groups/administrators", {"realmAuthorization": "all"}, "realmAuthorization"),
        ("PUT", "/security/api/groups/administrators", {"role": ["ROLE_ADMIN"]}, "role"),
        ("PUT", "/profiles/api/admin", {"email": 5}, "email"),
        ("PUT", "/authentication/api/open/password/change", {"login": "admin", "oldPassword": 1}, "oldPassword"),
    ],
)
def test_malformed_rest_bodies_are_4xx_with_a_message(
    client: Client, method: str, path: str, body: Any, field: str
) -> None:
    before = _state(client.platform)
    permissions = client.http.get("/security/api/groups/administrators", headers=client.headers).json()
    response = client.http.request(method, path, json=body, headers=client.headers)
    assert response.status_code == 400, response.text
    assert field in response.json()["error"]
    assert _state(client.platform) == before
    assert client.http.get("/security/api/groups/administrators", headers=client.headers).json() == permissions


def test_login_with_bodies_of_the_wrong_shape_is_4xx(platform: RunningPlatform) -> None:
    with httpx.Client(base_url=platform.url) as http:
        for body in ({"login": {"a": 1}, "password": "x"}, {"login": ["admin"]}, [platform.user], "admin"):
            response = http.post(LOGIN, json=body, headers={"Saagie-Realm": platform.realm})
            assert 400 <= response.status_code < 500, (body, response.status_code)
        response = http.post(
            LOGIN, json={"login": platform.user, "password": 12345}, headers={"Saagie-Realm": platform.realm}
        )
        assert response.status_code == 401


# ------------------------------------------------------------------ state files that cannot be written
def test_a_state_path_that_cannot_be_written_stops_the_start(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "state.json"
    with pytest.raises(StateFileError, match="folder does not exist") as raised, running(state_path=missing):
        pass
    assert "\n" not in str(raised.value)
    result = subprocess.run(
        [sys.executable, "-m", "saagie_emulator", "--port", "1", "--state", str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no-such-folder" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    directory = tmp_path / "a-directory"
    directory.mkdir()
    with pytest.raises(StateFileError), running(state_path=directory):
        pass


def test_a_failed_save_fails_the_mutation_and_memory_stays_as_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    path = folder / "state.json"
    with running(state_path=path) as served:
        client = Client(served)
        client.project("kept")
        saved = path.read_bytes()
        shutil.rmtree(folder)  # the disk goes away under the emulator
        response = client.raw(
            """mutation { createProject(project: {name: "lost", technologiesByCategory: []}) { id } }"""
        )
        assert response.status_code == 500
        assert "could not be written" in response.json()["errors"][0]["message"]
        assert [p["name"] for p in client.gql("{ projects { name } }")["projects"]] == ["kept"]
        users = client.http.post("/auth/api/users", json={"login": "ann", "password": "pw"}, headers=client.headers)
        assert users.status_code == 500 and "could not be written" in users.json()["error"]
        assert "ann" not in served.emulator.store.data.users
        folder.mkdir()
        path.write_bytes(saved)
        client.project("after")
        assert b"after" in path.read_bytes() and b"lost" not in path.read_bytes()
        assert os.stat(path).st_size > 0
        client.close()
