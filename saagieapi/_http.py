"""Transport rules shared by the synchronous and asynchronous clients (no I/O here).

Which failures are retried, how long to wait, how a response becomes an error, and how secrets are kept
out of messages.
"""

from __future__ import annotations

import email.utils
import logging
import platform
import random
import re
import time
from collections.abc import Iterable
from typing import IO, Any, Literal

from ._httpx import httpx
from ._version import __version__
from .errors import (
    AuthenticationError,
    HTTPStatusError,
    PermissionDeniedError,
    RateLimitError,
    SaagieConnectionError,
    SaagieTimeoutError,
    ServerError,
)

__all__ = [
    "MAX_RETRY_AFTER",
    "RETRY_STATUSES",
    "Kind",
    "Redactor",
    "backoff_delay",
    "connection_error",
    "is_retryable_exception",
    "logger",
    "operation_kind",
    "parse_retry_after",
    "rewind",
    "should_retry_status",
    "status_error",
    "tell_positions",
    "user_agent",
]

logger = logging.getLogger("saagieapi")

#: A query (or REST GET) can be sent again safely; a mutation only when it never reached the server.
Kind = Literal["query", "mutation"]
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: A Retry-After longer than this (seconds) is not waited for: the error is raised at once.
MAX_RETRY_AFTER = 60.0
_FIRST_WORD = re.compile(r"^\s*(?:#[^\n]*\n\s*)*(\w+)")


def user_agent() -> str:
    """``saagieapi/<version> python/<version> httpx/<version>``."""
    return f"saagieapi/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"


def operation_kind(query: str) -> Kind:
    """``mutation`` when the document's operation is a mutation, else ``query``."""
    match = _FIRST_WORD.match(query)
    return "mutation" if match and match.group(1) == "mutation" else "query"


def should_retry_status(status_code: int, kind: Kind) -> bool:
    """Whether an HTTP status may be retried for this kind of request.

    A 429 means the platform refused the request before doing anything, so mutations are retried too;
    any other status is retried for queries only (a mutation may have run before a 5xx came back).
    """
    if status_code == 429:
        return True
    return kind == "query" and status_code in RETRY_STATUSES


def is_retryable_exception(error: httpx.TransportError, kind: Kind) -> bool:
    """Whether a transport failure may be retried: always when the request never left, else queries only."""
    if isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return True
    return kind == "query"


def parse_retry_after(response: httpx.Response) -> float | None:
    """Seconds asked by ``Retry-After`` (a number or an HTTP date), or None."""
    raw = response.headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        return max(0.0, float(raw))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(raw) if raw else None
        if parsed is None:
            return None
        return max(0.0, float(parsed.timestamp()) - time.time())


def backoff_delay(attempt: int, retry_after: float | None = None) -> float:
    """Delay before retry number ``attempt`` (0-based): Retry-After if given, else 0.5 s doubling to 8 s, jittered."""
    if retry_after is not None:
        return retry_after
    return min(0.5 * 2.0**attempt, 8.0) * (1 - 0.25 * random.random())


def tell_positions(files: Iterable[tuple[str, IO[bytes], Any]]) -> list[tuple[IO[bytes], int]]:
    """Remember where each upload starts, so that a replay sends the same bytes."""
    positions = []
    for _, content, _ in files:
        try:
            positions.append((content, content.tell()))
        except (OSError, AttributeError):
            continue
    return positions


def rewind(positions: list[tuple[IO[bytes], int]]) -> None:
    """Put each upload back where it started."""
    for content, position in positions:
        content.seek(position)


class Redactor:
    """Replaces known secrets (password, tokens) by ``***`` in any text that leaves the SDK."""

    def __init__(self, *secrets: str) -> None:
        self._secrets: set[str] = {secret for secret in secrets if secret}

    def add(self, secret: str | None) -> None:
        """Remember one more secret (a new token)."""
        if secret:
            self._secrets.add(secret)

    def __call__(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        return re.sub(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+", r"\1***", text)

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._secrets)} secrets>)"


def _safe_url(request: httpx.Request) -> str:
    return str(request.url.copy_with(query=None))


def connection_error(error: httpx.TransportError, request: httpx.Request, redact: Redactor) -> Exception:
    """Turn an httpx transport failure into a SaagieConnectionError or SaagieTimeoutError."""
    where = f"{request.method} {_safe_url(request)}"
    detail = redact(str(error) or type(error).__name__)
    if isinstance(error, httpx.TimeoutException):
        return SaagieTimeoutError(
            f"{where} timed out ({type(error).__name__}: {detail}); raise timeout= if the platform is slow"
        )
    return SaagieConnectionError(
        f"{where} failed ({type(error).__name__}: {detail}); check the URL, network, proxy and TLS settings"
    )


def status_error(response: httpx.Response, redact: Redactor, *, hint: str = "") -> HTTPStatusError:
    """Turn an HTTP error response (its body already read) into the matching HTTPStatusError."""
    request = response.request
    status = response.status_code
    body = redact(response.text[:500]) if response.content else ""
    url = _safe_url(request)
    message = f"{request.method} {url} returned HTTP {status}"
    if body:
        message += f": {body}"
    if hint:
        message += f" ({hint})"
    common: dict[str, Any] = {"status_code": status, "method": request.method, "url": url, "body": body}
    if status == 401:
        return AuthenticationError(message + " — the login was refused; check the user, password and realm", **common)
    if status == 403:
        return PermissionDeniedError(message + " — this user lacks the right for this call", **common)
    if status == 429:
        return RateLimitError(message, retry_after=parse_retry_after(response), **common)
    if status >= 500:
        return ServerError(message, **common)
    return HTTPStatusError(message, **common)
