# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""HTTP transport of the synchronous client: login, bearer, re-login on 401, retries, errors.

This file is the single source: ``saagieapi/_sync/transport.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import json
import os
import secrets
import ssl
import time
from collections.abc import Callable, Mapping
from typing import IO, Any

import pydantic_core

from .._backend import SyncLock, sync_limiter, sync_sleep
from .._core.connection_checks import check_connection_options
from .._core.reconcile import CURRENT, upload_start
from .._core.settings import http_client_options, request_timeout
from .._http import (
    MAX_RETRY_AFTER,
    Kind,
    Redactor,
    backoff_delay,
    check_token,
    connection_error,
    is_retryable_exception,
    logger,
    never_sent,
    operation_kind,
    outcome_unknown,
    parse_retry_after,
    rewind,
    sent_secrets,
    should_retry_status,
    status_error,
    user_agent,
)
from .._httpx import httpx
from ..connection import ConnectionSettings
from ..errors import (
    AuthenticationError,
    ClientClosedError,
    ConfigurationError,
    GraphQLError,
    GraphQLNotFoundError,
    InvalidInputError,
    InvalidResponseError,
)

__all__ = ["Endpoint", "Transport"]

FileTuple = tuple[str, IO[bytes], "str | None"]
_UNSET: Any = object()
#: Connections of the pool the transport creates (and requests in flight at once).
CONNECTIONS = 100
#: Times a request rejected with a token that another caller has renewed since is sent again with the new one.
STALE_TOKEN_RETRIES = 10


def _plain_http(settings: ConnectionSettings) -> bool:
    """Whether no request of this client can use TLS: an ``http://`` platform reached without any proxy."""
    proxy_variables = ("http_proxy", "https_proxy", "all_proxy")
    return (
        settings.url_saagie.lower().startswith("http://")
        and settings.proxy is None
        and not any(name.lower() in proxy_variables for name in os.environ)
    )


def _verify(value: bool | str | ssl.SSLContext, settings: ConnectionSettings) -> bool | ssl.SSLContext:
    if value is True and _plain_http(settings):
        # Plain HTTP and no proxy: no TLS handshake can happen (every URL derives from url_saagie and redirects
        # are not followed), so skip loading the CA bundle (~40 ms). The context trusts no CA: if TLS were ever
        # attempted it would fail, never pass unverified.
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if isinstance(value, str):
        return ssl.create_default_context(cafile=value)
    return value


class Transport:
    """Owns one pooled ``httpx.Client``; safe to share between threads."""

    def __init__(self, settings: ConnectionSettings, *, http_client: httpx.Client | None = None) -> None:
        check_connection_options(settings.timeout, settings.verify_ssl, settings.proxy)
        self.settings = settings
        self.redact = Redactor(settings.password)
        if settings.verify_ssl is False:
            logger.warning(
                "TLS certificate verification is disabled for %s: use verify_ssl=<CA bundle path> instead",
                settings.url_saagie,
            )
        self._owns_client = http_client is None
        if http_client is None:
            failure: ConfigurationError | None = None
            try:
                http_client = httpx.Client(
                    verify=_verify(settings.verify_ssl, settings),
                    limits=httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS),
                    **http_client_options(settings, user_agent=user_agent()),
                )
            except (ImportError, OSError, ValueError, TypeError) as error:  # ssl.SSLError is an OSError
                failure = ConfigurationError(f"cannot set up the HTTP client: {type(error).__name__}: {error}")
            if failure is not None:
                raise failure
        assert http_client is not None
        self._client = http_client
        # A request takes a connection slot *before* its token is read: it then goes out at once, so a token
        # never waits in the pool (where a short-lived one would expire before being sent).
        self._slots = sync_limiter(_pool_size(http_client))
        self._closed = False
        self._token: str | None = None
        self._token_generation = 0
        self._login_lock = SyncLock()
        self.login_count = 0

    def __repr__(self) -> str:
        settings = self.settings
        return f"<{type(self).__name__} {settings.url_saagie} realm={settings.realm} user={settings.user}>"

    def close(self) -> None:
        """Close the connection pool (only when this transport created it); later calls raise ClientClosedError."""
        self._closed = True
        if self._owns_client:
            self._client.close()

    def _check_open(self) -> None:
        if self._closed or self._client.is_closed:
            raise ClientClosedError(
                "this client is closed (close() was called or its with-block ended): create a new client"
            )

    # -- authentication -------------------------------------------------------------------------------
    def login(self) -> None:
        """Log in now (otherwise the first call does it)."""
        self._check_open()
        with self._login_lock:
            self._login_locked()

    def _login_locked(self) -> None:
        settings = self.settings
        body = {"login": settings.user, "password": settings.password}
        attempt = 0
        while True:
            request = self._client.build_request(
                "POST",
                settings.login_url,
                json=body,
                headers={"Saagie-Realm": settings.realm},
            )
            failure: Exception | None = None
            try:
                response = self._client.send(request)
            except httpx.TransportError as error:
                if attempt < settings.retries:
                    delay = backoff_delay(attempt)
                else:
                    failure = connection_error(error, request, self.redact)
            except RuntimeError as error:  # the pool was closed meanwhile
                failure = ClientClosedError(f"this client is closed: create a new client ({error})")
            else:
                failure = self._login_failure(response)
                if failure is None:
                    self._token = check_token(response, settings.login_url)
                    self.redact.add(self._token)
                    self._token_generation += 1
                    self.login_count += 1
                    logger.debug("logged in to %s as %s", settings.url_saagie, settings.user)
                    return
                if isinstance(failure, _Retry):
                    if attempt >= settings.retries:
                        failure = status_error(response, self.redact, hint="during login")
                    else:
                        delay, failure = backoff_delay(attempt, failure.retry_after), None
            if failure is not None:
                raise failure
            sync_sleep(delay)
            attempt += 1

    def _login_failure(self, response: httpx.Response) -> Exception | None:
        """None for a successful login answer; the error to raise, or a _Retry marker, for the others."""
        settings = self.settings
        if response.status_code in (401, 403):
            return AuthenticationError(
                f"login refused for user {settings.user!r} on realm {settings.realm!r} "
                f"(HTTP {response.status_code}); check the user, password and realm",
                status_code=response.status_code,
                method="POST",
                url=settings.login_url,
            )
        if should_retry_status(response.status_code, "query"):
            return _Retry(parse_retry_after(response))
        if response.status_code in (404, 405):
            return status_error(
                response,
                self.redact,
                hint="the login endpoint does not exist there: check that url_saagie is a Saagie platform",
            )
        if response.status_code >= 300:
            return status_error(response, self.redact, hint="during login")
        return None

    def _current_token(self) -> tuple[str, int]:
        if self._token is None:
            with self._login_lock:
                if self._token is None:
                    self._login_locked()
        assert self._token is not None
        return self._token, self._token_generation

    def _refresh_token(self, failed_generation: int) -> None:
        """Log in again unless another caller already did since ``failed_generation``."""
        with self._login_lock:
            if self._token_generation == failed_generation:
                self._login_locked()

    # -- requests -------------------------------------------------------------------------------------
    def request(
        self,
        method: str,
        url: str | httpx.URL,
        *,
        kind: Kind | None = None,
        operation: str | None = None,
        json_body: Any = None,
        data: Mapping[str, str] | None = None,
        files: list[tuple[str, FileTuple]] | None = None,
        params: Mapping[str, Any] | None = None,
        timeout: float | None = _UNSET,
        stream: bool = False,
        authenticated: bool = True,
    ) -> httpx.Response:
        """Send one authenticated request with the retry rules; return a 2xx response or raise.

        ``kind`` defaults to ``query`` for GET and ``mutation`` otherwise. A mutation whose answer is lost
        after it was sent (timeout, dropped connection, 5xx) raises OutcomeUnknownError, unless the resource
        method declared it idempotent (then it is sent again). With ``stream=True`` the caller must close the
        returned response.
        """
        self._check_open()
        kind = kind or ("query" if method.upper() in ("GET", "HEAD") else "mutation")
        context = CURRENT.get()
        retry_kind: Kind = "query" if context is not None and context.idempotent else kind
        if json_body is not None:
            for secret in sent_secrets(json_body):
                self.redact.add(secret)
        content = pydantic_core.to_json(json_body) if json_body is not None else None
        positions = _upload_positions(files)
        extra: dict[str, Any] = {} if timeout is _UNSET else {"timeout": request_timeout(timeout)}
        # One boundary for every attempt, so that a replayed upload is byte-identical.
        boundary = secrets.token_hex(16) if files else None
        attempt = 0
        relogins = 0
        stale = 0
        label = operation or str(url)
        while True:
            failure: Exception | None = None
            delay: float | None = None
            response: httpx.Response | None = None
            with self._slots:
                headers = {"Saagie-Realm": self.settings.realm}
                generation = -1
                if authenticated:
                    # Read when the request can go out at once (a slot is held): never a token that waited.
                    token, generation = self._current_token()
                    headers["Authorization"] = f"Bearer {token}"
                if content is not None:
                    headers["Content-Type"] = "application/json"
                elif boundary is not None:
                    headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
                rewind(positions)
                request = self._client.build_request(
                    method, url, content=content, data=data, files=files, params=params, headers=headers, **extra
                )
                started = time.perf_counter()
                try:
                    response = self._client.send(request, stream=stream)
                except httpx.TransportError as error:
                    if attempt < self.settings.retries and is_retryable_exception(error, retry_kind):
                        delay = backoff_delay(attempt)
                        logger.info(
                            "%s failed (%s), retry %d in %.2f s", label, type(error).__name__, attempt + 1, delay
                        )
                    else:
                        failure = connection_error(error, request, self.redact)
                        if kind == "mutation" and not never_sent(error):
                            failure = outcome_unknown(failure, label)
                except RuntimeError as error:  # the pool was closed by another task meanwhile
                    failure = ClientClosedError(f"this client is closed: create a new client ({error})")
            if failure is not None:
                raise failure  # outside the except block: the error chain holds no request or header
            if response is None:
                assert delay is not None
                sync_sleep(delay)
                attempt += 1
                continue
            elapsed = (time.perf_counter() - started) * 1000
            logger.debug("%s %s -> %d in %.1f ms", method, label, response.status_code, elapsed)
            if response.status_code < 400:
                return response
            if stream:
                response.read()
                response.close()
            if response.status_code == 401 and authenticated:
                # The token expired or was revoked. When another caller already logged in since this request
                # took its token, try again with the new one (up to STALE_TOKEN_RETRIES times); otherwise log in
                # again: the first time is free, later ones use the retry budget. A login that is itself
                # refused raises AuthenticationError from the login.
                if self._token_generation != generation and stale < STALE_TOKEN_RETRIES:
                    stale += 1
                    continue
                if relogins == 0 or attempt < self.settings.retries:
                    if relogins:
                        attempt += 1
                    relogins += 1
                    self._refresh_token(generation)
                    continue
                raise status_error(response, self.redact, hint=f"{relogins} fresh logins did not help")
            if should_retry_status(response.status_code, retry_kind) and attempt < self.settings.retries:
                retry_after = parse_retry_after(response)
                if retry_after is None or retry_after <= MAX_RETRY_AFTER:
                    delay = backoff_delay(attempt, retry_after)
                    logger.info("%s got HTTP %d, retry %d in %.2f s", label, response.status_code, attempt + 1, delay)
                    sync_sleep(delay)
                    attempt += 1
                    continue
            error_status = status_error(response, self.redact)
            if kind == "mutation" and response.status_code >= 500:
                raise outcome_unknown(error_status, label)
            raise error_status

    def execute_graphql(
        self,
        *,
        url: str | httpx.URL,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        files: dict[str, FileTuple],
        files_map: dict[str, list[str]],
        parse: Callable[[bytes], Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Send one GraphQL operation (JSON, or multipart when there are uploads); return its ``data``.

        With ``parse`` (the generated clients' reader of the body straight into their result model), what
        ``parse(body)`` returns, unless None: None sends the body through the checks below (errors, partial
        data, invalid JSON), so it fails as it would without ``parse``.
        """
        payload = {"query": query, "operationName": operation_name, "variables": variables}
        kind = operation_kind(query, operation_name)
        options: dict[str, Any] = {}
        if "timeout" in kwargs:
            options["timeout"] = kwargs.pop("timeout")
        if kwargs:
            raise InvalidInputError(f"unexpected option(s) for {operation_name}: {', '.join(sorted(kwargs))}")
        if files:
            for secret in sent_secrets(variables):
                self.redact.add(secret)
            response = self.request(
                "POST",
                url,
                kind=kind,
                operation=operation_name,
                data={
                    "operations": pydantic_core.to_json(payload).decode(),
                    "map": json.dumps(files_map),
                },
                files=list(files.items()),
                **options,
            )
        else:
            response = self.request("POST", url, kind=kind, operation=operation_name, json_body=payload, **options)
        if parse is not None:
            parsed = parse(response.content)
            if parsed is not None:
                return parsed
        return self._graphql_data(response, operation_name)

    def _graphql_data(self, response: httpx.Response, operation_name: str | None) -> dict[str, Any]:
        what = operation_name or "GraphQL call"
        try:
            body = json.loads(response.content)
        except ValueError:
            body = _NOT_JSON
        if body is _NOT_JSON:
            raise InvalidResponseError(
                f"{what} returned HTTP {response.status_code} with a body that is not JSON, not the answer of a "
                f"Saagie GraphQL API: {self.redact.excerpt(response.text)!r}"
            )
        if not isinstance(body, dict) or ("data" not in body and "errors" not in body):
            raise InvalidResponseError(f"{what} returned JSON without 'data' or 'errors'")
        if body.get("errors"):
            raw = body["errors"] if isinstance(body["errors"], list) else [body["errors"]]
            errors = [
                self.redact.scrub(error) if isinstance(error, dict) else {"message": self.redact(str(error))}
                for error in raw
            ]
            data = body.get("data")
            # Every error saying the entity does not exist: also a NotFoundError (jobs.run of an unknown id).
            kind = GraphQLNotFoundError if all(map(_says_not_found, errors)) else GraphQLError
            raise kind(
                errors,
                data=self.redact.scrub(data) if isinstance(data, dict) else None,
                operation_name=operation_name,
            )
        data = body.get("data")
        if not isinstance(data, dict):
            raise InvalidResponseError(f"{what} returned no data")
        return data


_NOT_JSON: Any = object()


def _says_not_found(error: Mapping[str, Any]) -> bool:
    """Whether one GraphQL error says an entity does not exist (the rule of ``_core.reconcile.is_not_found``:
    classified ``NotFound``, or a message saying "not found")."""
    extensions = error.get("extensions")
    if isinstance(extensions, Mapping) and extensions.get("classification") == "NotFound":
        return True
    return "not found" in str(error.get("message", "")).lower()


class _Retry(Exception):
    """Marker: a login answer worth retrying (429/5xx), with the Retry-After asked."""

    def __init__(self, retry_after: float | None) -> None:
        super().__init__("retry")
        self.retry_after = retry_after


def _upload_positions(files: list[tuple[str, FileTuple]] | None) -> list[tuple[IO[bytes], int]]:
    """Where each upload starts: for a change sent again by reconciliation, where it started the first time."""
    positions = []
    for _, (_, content, _) in files or []:
        start = upload_start(content)
        if start is not None:
            positions.append((content, start))
    return positions


def _pool_size(client: httpx.Client) -> int:
    """The connection limit of ``client``'s pool (httpx keeps it private: the default when unreadable)."""
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    size = getattr(pool, "_max_connections", None)
    return size if isinstance(size, int) and size > 0 else CONNECTIONS


class Endpoint:
    """The transport bound to one GraphQL endpoint: what a generated client's base class calls."""

    def __init__(self, transport: Transport, url: str) -> None:
        self.transport = transport
        self.url = url
        # Parsed once: httpx parses a str URL again on every request (~20 µs, as much as reading a small answer).
        self._parsed_url = httpx.URL(url)

    def execute_graphql(self, **kwargs: Any) -> Any:
        return self.transport.execute_graphql(url=self._parsed_url, **kwargs)
