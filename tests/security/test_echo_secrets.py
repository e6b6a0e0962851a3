"""Secrets against a server that echoes every request in its errors: 0 occurrences anywhere in what the SDK raises.

Every kind of secret the client sends (its password, its bearer token, a password variable's value, a docker
credential's password, a new user's password, an old and a new password), with ``"``, ``\\``, a tab, ``<``,
``&``, ``%`` and non-ASCII letters, is echoed back in every form a server may use (raw, JSON-escaped, twice
JSON-escaped, URL-encoded, HTML-escaped), across the excerpt's cut, in GraphQL ``errors``, ``extensions``
and ``data``. Searched: ``str``, ``repr``, ``args``, every attribute, the whole ``__cause__``/``__context__``
chain, the formatted traceback, and every log record at DEBUG. The server also reads the request and echoes its
values decoded (raw tabs, newlines and quotes; raw HTML, where ``<x>`` is a tag; Gson's ``\u003c`` dialect). No request, response or header object may be
reachable from an error.
"""

from __future__ import annotations

import html
import json
import logging
import traceback
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, quote_plus

import httpx
import pytest

from saagieapi import SaagieApi
from saagieapi._http import WITHHELD
from saagieapi.errors import NotSaagiePlatformError, SaagieError

from .echo_server import MODES, EchoServer, _gson, echo_server

PASSWORD = 'pa"ss\\wo\trd-Ünï-0123'
VARIABLE = 'var"secret\\value\t42<é>'
DOCKER = "dk/secret+value&x=1 %zz"
NEW_USER = 'nu<secret>&"pw"-long'
OLD_PASSWORD = "old-Pa$$word-\\-9876"
NEW_PASSWORD = 'new-Pa$$word-"-5432'


def forms(secret: str) -> set[str]:
    """The secret in every form a server may echo it (an oracle written apart from the SDK's)."""
    found = {secret}
    for _ in range(2):
        for form in list(found):
            found |= {
                json.dumps(form)[1:-1],
                json.dumps(form, ensure_ascii=False)[1:-1],
                _gson(form),
                quote(form, safe=""),
                quote_plus(form),
                html.escape(form),
            }
    found |= {" ".join(form.split()) for form in found}  # as a text reduced to its words shows it
    return {form for form in found if form.strip()}


def texts_of(error: BaseException, seen: set[int] | None = None) -> Iterator[str]:
    seen = set() if seen is None else seen
    if id(error) in seen:
        return
    seen.add(id(error))
    yield str(error)
    yield repr(error)
    yield repr(error.args)
    yield "".join(traceback.format_exception(error))
    for value in vars(error).values():
        yield repr(value)
        if isinstance(value, BaseException):
            yield from texts_of(value, seen)
    for linked in (error.__cause__, error.__context__):
        if linked is not None:
            yield from texts_of(linked, seen)


def reachable_objects(value: Any, depth: int = 0, seen: set[int] | None = None) -> Iterator[Any]:
    seen = set() if seen is None else seen
    if depth > 6 or id(value) in seen:
        return
    seen.add(id(value))
    yield value
    children: list[Any] = []
    if isinstance(value, BaseException):
        children = [*vars(value).values(), value.__cause__, value.__context__, *value.args]
    elif isinstance(value, dict):
        children = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set)):
        children = list(value)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        children = list(vars(value).values())
    for child in children:
        if child is not None:
            yield from reachable_objects(child, depth + 1, seen)


@pytest.fixture
def server() -> Iterator[EchoServer]:
    with echo_server() as running:
        yield running


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("saagieapi._sync.transport", "saagieapi._sync.reconcile"):
        monkeypatch.setattr(f"{module}.sync_sleep", lambda seconds: None)


CALLS: dict[str, tuple[str, Callable[[SaagieApi], object], list[str]]] = {
    # kind: (login behaviour, the call, the secrets it sends)
    "password at login": ("echo", lambda api: api.projects.list(), [PASSWORD]),
    "bearer token": ("token", lambda api: api.projects.list(), []),
    "password variable": (
        "token",
        lambda api: api.env_vars.create("GLOBAL", "DB_PASSWORD", VARIABLE, is_password=True),
        [VARIABLE],
    ),
    "docker credential": ("token", lambda api: api.docker_credentials.create("p1", "robot", DOCKER), [DOCKER]),
    "new user password": ("token", lambda api: api.users.create("bob", NEW_USER), [NEW_USER]),
    "changed password": (
        "token",
        lambda api: api.users.edit_password("bob", OLD_PASSWORD, NEW_PASSWORD),
        [OLD_PASSWORD, NEW_PASSWORD],
    ),
}


#: REST calls succeed on any 2xx, whatever the body: only the error statuses apply to them.
REST = {"new user password", "changed password"}
COMBINATIONS = [
    (kind, mode)
    for kind in sorted(CALLS)
    for mode in MODES
    if kind not in REST or mode not in ("graphql_errors", "html_200")
]


@pytest.mark.parametrize(("kind", "mode"), COMBINATIONS)
def test_no_secret_in_any_error_of_an_echoing_server(
    server: EchoServer, caplog: pytest.LogCaptureFixture, kind: str, mode: str
) -> None:
    login, call, sent = CALLS[kind]
    server.login, server.mode = login, mode
    caplog.set_level(logging.DEBUG)
    with (
        SaagieApi(server.url, "6", "alice", PASSWORD, "acme", retries=1, timeout=10) as api,
        pytest.raises(SaagieError) as caught,
    ):
        call(api)
    error = caught.value
    texts = list(texts_of(error))
    for record in caplog.records:
        texts.append(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            texts += list(texts_of(record.exc_info[1]))
    secrets = [PASSWORD, *server.tokens, *sent]
    # Whole secrets in every form, and their first halves (a secret cut by an excerpt must not leak its start).
    leaks = {
        secret: sorted(f for f in forms(secret) | forms(secret[: len(secret) // 2]) if any(f in text for text in texts))
        for secret in secrets
    }
    assert {secret: found for secret, found in leaks.items() if found} == {}, type(error)
    # The echo did reach the error (the test would prove nothing otherwise)...
    if mode == "graphql_errors" and login == "token":
        assert "***" in str(error) and "cannot run" in str(error)
    # ...and no request, response or header object is reachable from it.
    carried = [type(o).__name__ for o in reachable_objects(error) if isinstance(o, (httpx.Request, httpx.Response))]
    assert carried == [] and not [o for o in reachable_objects(error) if isinstance(o, httpx.Headers)]


@pytest.mark.parametrize("password", ["x", "Error", "e"])
def test_a_short_password_is_never_masked_inside_a_text_the_excerpt_is_left_out(
    server: EchoServer, password: str
) -> None:
    server.login, server.mode = "echo", "html_400"
    with (
        SaagieApi(server.url, "6", "alice", password, "acme", retries=0, timeout=10) as api,
        pytest.raises(SaagieError) as caught,
    ):
        api.projects.list()
    text = str(caught.value)
    # No "e***planation", no "<h1>*** response": the body is withheld whole, never masked letter by letter.
    assert "***" not in text and WITHHELD in text and caught.value.body == WITHHELD  # type: ignore[attr-defined]


def test_an_html_login_page_is_not_taken_for_a_token(server: EchoServer) -> None:
    server.login, server.mode = "echo", "html_200"
    with (
        SaagieApi(server.url, "6", "alice", PASSWORD, "acme", retries=0, timeout=10) as api,
        pytest.raises(NotSaagiePlatformError) as caught,
    ):
        api.projects.list()
    message = str(caught.value)
    assert "did not answer like a Saagie platform" in message and "HTML" in message and "url_saagie" in message
    assert api.transport.login_count == 0


@pytest.mark.parametrize(
    "body", ['{"error": "unauthorized", "status": 401}', "", "OK", "<!doctype html><title>Portal</title>"]
)
def test_a_login_answer_that_is_not_a_token_is_a_typed_error(body: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=body)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with (
        SaagieApi("https://acme-workspace.saagie.example", "6", "alice", PASSWORD, "acme", http_client=http) as api,
        pytest.raises(NotSaagiePlatformError) as caught,
    ):
        api.projects.list()
    http.close()
    assert "instead of a token" in str(caught.value)
