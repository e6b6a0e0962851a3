# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""HTTP transport of the synchronous client: login, bearer, one re-login on 401, retries, errors.

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

from .._backend import SyncLock, sync_sleep
from .._http import (
    Kind,
    Redactor,
    backoff_delay,
    connection_error,
    is_retryable_exception,
    logger,
    operation_kind,
    parse_retry_after,
    rewind,
    should_retry_status,
    status_error,
    tell_positions,
    user_agent,
)
from .._httpx import httpx
from ..connection import DEFAULT_CONNECT_TIMEOUT, ConnectionSettings
from ..errors import AuthenticationError, GraphQLError, InvalidResponseError, RateLimitError

__all__ = ["Endpoint", "Transport"]

FileTuple = tuple[str, IO[bytes], "str | None"]
_UNSET: Any = object()


def _timeout(value: float | None) -> httpx.Timeout:
    if value is None:
        return httpx.Timeout(None)
    return httpx.Timeout(value, connect=min(value, DEFAULT_CONNECT_TIMEOUT))


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
    """Owns one pooled ``httpx.AsyncClient``; safe to share between threads."""

    def __init__(self, settings: ConnectionSettings, *, http_client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.redact = Redactor(settings.password)
        if settings.verify_ssl is False:
            logger.warning(
                "TLS certificate verification is disabled for %s: use verify_ssl=<CA bundle path> instead",
                settings.url_saagie,
            )
        self._owns_client = http_client is None
        self._client = http_client or httpx.Client(
            verify=_verify(settings.verify_ssl, settings),
            proxy=settings.proxy,
            timeout=_timeout(settings.timeout),
            headers={"User-Agent": user_agent()},
            follow_redirects=False,
        )
        self._token: str | None = None
        self._token_generation = 0
        self._login_lock = SyncLock()
        self.login_count = 0

    def __repr__(self) -> str:
        return f"<AsyncTransport {self.settings.url_saagie} realm={self.settings.realm} user={self.settings.user}>"

    def close(self) -> None:
        """Close the connection pool (only when this transport created it)."""
        if self._owns_client:
            self._client.close()

    # -- authentication -------------------------------------------------------------------------------
    def login(self) -> None:
        """Log in now (otherwise the first call does it)."""
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
            try:
                response = self._client.send(request)
            except httpx.TransportError as error:
                if attempt < settings.retries:
                    sync_sleep(backoff_delay(attempt))
                    attempt += 1
                    continue
                raise connection_error(error, request, self.redact) from None
            if response.status_code in (401, 403):
                raise AuthenticationError(
                    f"login refused for user {settings.user!r} on realm {settings.realm!r} "
                    f"(HTTP {response.status_code}); check the user, password and realm",
                    status_code=response.status_code,
                    method="POST",
                    url=settings.login_url,
                )
            if should_retry_status(response.status_code, "query") and attempt < settings.retries:
                sync_sleep(backoff_delay(attempt, parse_retry_after(response)))
                attempt += 1
                continue
            if response.status_code >= 400:
                raise status_error(response, self.redact, hint="during login")
            token = response.text.strip().strip('"')
            if not token:
                raise InvalidResponseError(f"the login endpoint {settings.login_url} returned an empty token")
            self.redact.add(token)
            self._token = token
            self._token_generation += 1
            self.login_count += 1
            logger.debug("logged in to %s as %s", settings.url_saagie, settings.user)
            return

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
        url: str,
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

        ``kind`` defaults to ``query`` for GET and ``mutation`` otherwise. With ``stream=True`` the caller
        must close the returned response.
        """
        kind = kind or ("query" if method.upper() in ("GET", "HEAD") else "mutation")
        content = pydantic_core.to_json(json_body) if json_body is not None else None
        positions = tell_positions(file for _, file in files) if files else []
        extra: dict[str, Any] = {} if timeout is _UNSET else {"timeout": _timeout(timeout)}
        # One boundary for every attempt, so that a replayed upload is byte-identical.
        boundary = secrets.token_hex(16) if files else None
        attempt = 0
        relogged = False
        label = operation or url
        while True:
            headers = {"Saagie-Realm": self.settings.realm}
            generation = -1
            if authenticated:
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
                if attempt < self.settings.retries and is_retryable_exception(error, kind):
                    delay = backoff_delay(attempt)
                    logger.info("%s failed (%s), retry %d in %.2f s", label, type(error).__name__, attempt + 1, delay)
                    sync_sleep(delay)
                    attempt += 1
                    continue
                raise connection_error(error, request, self.redact) from None
            elapsed = (time.perf_counter() - started) * 1000
            logger.debug("%s %s -> %d in %.1f ms", method, label, response.status_code, elapsed)
            if response.status_code < 400:
                return response
            if stream:
                response.read()
                response.close()
            if response.status_code == 401 and authenticated and not relogged:
                relogged = True
                self._refresh_token(generation)
                continue
            if should_retry_status(response.status_code, kind) and attempt < self.settings.retries:
                retry_after = parse_retry_after(response)
                if retry_after is None or retry_after <= 60.0:
                    delay = backoff_delay(attempt, retry_after)
                    logger.info("%s got HTTP %d, retry %d in %.2f s", label, response.status_code, attempt + 1, delay)
                    sync_sleep(delay)
                    attempt += 1
                    continue
            failure = status_error(response, self.redact)
            if isinstance(failure, RateLimitError) and failure.retry_after is None:
                failure.retry_after = parse_retry_after(response)
            raise failure

    def execute_graphql(
        self,
        *,
        url: str,
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
        kind = operation_kind(query)
        options: dict[str, Any] = {}
        if "timeout" in kwargs:
            options["timeout"] = kwargs.pop("timeout")
        if kwargs:
            raise TypeError(f"unexpected option(s) for {operation_name}: {', '.join(sorted(kwargs))}")
        if files:
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
        try:
            body = json.loads(response.content)
        except ValueError:
            raise InvalidResponseError(
                f"{operation_name or 'GraphQL call'} returned HTTP {response.status_code} with a body that is "
                f"not JSON: {self.redact(response.text[:200])!r}"
            ) from None
        if not isinstance(body, dict) or ("data" not in body and "errors" not in body):
            raise InvalidResponseError(f"{operation_name or 'GraphQL call'} returned JSON without 'data' or 'errors'")
        if body.get("errors"):
            raw = body["errors"] if isinstance(body["errors"], list) else [body["errors"]]
            errors = [
                {**error, "message": self.redact(str(error.get("message", "")))}
                if isinstance(error, dict)
                else {"message": self.redact(str(error))}
                for error in raw
            ]
            raise GraphQLError(errors, data=body.get("data"), operation_name=operation_name)
        data = body.get("data")
        if not isinstance(data, dict):
            raise InvalidResponseError(f"{operation_name or 'GraphQL call'} returned no data")
        return data


class Endpoint:
    """The transport bound to one GraphQL endpoint: what a generated client's base class calls."""

    def __init__(self, transport: Transport, url: str) -> None:
        self.transport = transport
        self.url = url

    def execute_graphql(self, **kwargs: Any) -> Any:
        return self.transport.execute_graphql(url=self.url, **kwargs)
