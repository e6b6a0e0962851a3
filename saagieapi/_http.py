"""Transport rules shared by the synchronous and asynchronous clients (no I/O here).

Which failures are retried, how long to wait, how a response becomes an error, what a login answer must
look like, and how secrets are kept out of messages.
"""

from __future__ import annotations

import email.utils
import html
import json
import logging
import math
import platform
import random
import re
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO, Any, Literal
from urllib.parse import quote, quote_plus

from ._httpx import httpx
from ._version import __version__
from .errors import (
    AuthenticationError,
    HTTPStatusError,
    NotSaagiePlatformError,
    OutcomeUnknownError,
    PermissionDeniedError,
    RateLimitError,
    SaagieConnectionError,
    SaagieError,
    SaagieTimeoutError,
    ServerError,
)

__all__ = [
    "EXCERPT_LENGTH",
    "MAX_RETRY_AFTER",
    "MIN_MASKED_SECRET",
    "RETRY_STATUSES",
    "WITHHELD",
    "Kind",
    "Redactor",
    "backoff_delay",
    "check_token",
    "connection_error",
    "graphql_operations",
    "is_retryable_exception",
    "logger",
    "never_sent",
    "operation_kind",
    "outcome_unknown",
    "parse_retry_after",
    "rewind",
    "sent_secrets",
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
#: Characters of a response body quoted in an error message (after redaction).
EXCERPT_LENGTH = 200
#: Secrets shorter than this are not masked inside a text (``***`` in place of ``x`` would garble the text
#: and betray the secret by the gaps): a text holding one is withheld whole.
MIN_MASKED_SECRET = 8
WITHHELD = "[withheld: the text may contain a secret]"


def user_agent() -> str:
    """``saagieapi/<version> python/<version> httpx/<version>``."""
    return f"saagieapi/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"


# -- operation classification ------------------------------------------------------------------------------
_TOKENS = re.compile(
    r"""
    (?P<skip>[\s,\ufeff]+|\#[^\n\r]*)
   |(?P<block>\"\"\"(?:\\\"\"\"|(?!\"\"\")[\s\S])*\"\"\")
   |(?P<string>"(?:\\.|[^"\\\n\r])*")
   |(?P<name>[_A-Za-z][_0-9A-Za-z]*)
   |(?P<open>[{(\[])
   |(?P<close>[})\]])
   |(?P<other>\.\.\.|[^\s])
    """,
    re.VERBOSE,
)
_OPERATION_KEYWORDS = ("query", "mutation", "subscription")


def operation_kind(query: str, operation_name: str | None = None) -> Kind:
    """``query`` only when the operation that will run is provably a query; ``mutation`` otherwise.

    The document is parsed: with ``operation_name`` the operation of that name, without it the single
    operation of the document. A document that cannot be read, names no such operation, or holds several
    operations without a name to choose, counts as a mutation (never retried blindly).
    """
    operations = graphql_operations(query)
    if operations is None:
        return "mutation"
    chosen = [kind for kind, name in operations if operation_name is None or name == operation_name]
    if len(chosen) != 1 or (operation_name is None and len(operations) != 1):
        return "mutation"
    return "query" if chosen[0] == "query" else "mutation"


@lru_cache(maxsize=1024)
def graphql_operations(document: str) -> tuple[tuple[str, str | None], ...] | None:
    """``((kind, name), ...)`` of the operations of a GraphQL document; None when it cannot be read.

    A small reader of the document's top level: fragments are skipped, ``{ ... }`` alone is an anonymous
    query, selection sets and variable definitions are skipped by their brackets (strings and comments
    understood).
    """
    operations: list[tuple[str, str | None]] = []
    depth = 0
    position = 0
    state = "top"  # top | keyword (after query/mutation: a name may follow) | header (until the selection set)
    while position < len(document):
        match = _TOKENS.match(document, position)
        if match is None:
            return None
        position = match.end()
        group, text = match.lastgroup, match.group()
        if group == "skip":
            continue
        if group == "open":
            if depth == 0 and text == "{":
                if state == "top":
                    operations.append(("query", None))  # the anonymous shorthand ``{ ... }``
                state = "top"
            depth += 1
            continue
        if group == "close":
            depth -= 1
            if depth < 0:
                return None
            continue
        if depth:
            continue
        if state == "keyword" and group == "name":
            operations[-1] = (operations[-1][0], text)
            state = "header"
        elif state == "top" and group == "name" and text in _OPERATION_KEYWORDS:
            operations.append((text, None))
            state = "keyword"
        elif state == "top" and group == "name" and text == "fragment":
            operations.append(("fragment", None))
            state = "header"
        elif state == "top":
            return None  # anything else at the top level: not a document this reader understands
        else:
            state = "header"
    if depth != 0 or state != "top":
        return None
    return tuple((kind, name) for kind, name in operations if kind != "fragment")


# -- retries -----------------------------------------------------------------------------------------------
def should_retry_status(status_code: int, kind: Kind) -> bool:
    """Whether an HTTP status may be retried for this kind of request.

    A 429 means the platform refused the request before doing anything, so mutations are retried too;
    any other status is retried for queries only (a mutation may have run before a 5xx came back).
    """
    if status_code == 429:
        return True
    return kind == "query" and status_code in RETRY_STATUSES


def never_sent(error: httpx.TransportError) -> bool:
    """Whether a transport failure happened before the request could reach the server."""
    return isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))


def is_retryable_exception(error: httpx.TransportError, kind: Kind) -> bool:
    """Whether a transport failure may be retried: always when the request never left, else queries only."""
    return never_sent(error) or kind == "query"


def parse_retry_after(response: httpx.Response) -> float | None:
    """Seconds asked by ``Retry-After`` (a number or an HTTP date), or None."""
    raw = response.headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        value = float(raw)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(raw) if raw else None
        except (TypeError, ValueError):
            return None
        if parsed is None:
            return None
        return max(0.0, float(parsed.timestamp()) - time.time())
    return max(0.0, value) if math.isfinite(value) else None


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


# -- secrets -----------------------------------------------------------------------------------------------
def _json_escaped(text: str) -> str:
    return json.dumps(text)[1:-1]


def _json_escaped_unicode(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _url_escaped(text: str) -> str:
    return quote(text, safe="")


_ESCAPES = (_json_escaped, _json_escaped_unicode, _url_escaped, quote_plus, html.escape)


def _forms(secret: str) -> set[str]:
    """The secret as it may appear in a text: raw, JSON-, URL- and HTML-escaped, and twice escaped."""
    forms = {secret}
    for _ in range(2):
        forms |= {escape(form) for form in list(forms) for escape in _ESCAPES}
    forms.discard("")
    return forms


_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")
_PASSWORD_KEY = re.compile(r"(?i)(password|passwd|pwd)")


class Redactor:
    """Keeps known secrets (password, tokens, password-variable values...) out of every text leaving the SDK.

    A long secret is replaced by ``***`` in every form it may take (raw, JSON-, URL- or HTML-escaped, twice
    escaped); a text holding a secret too short to mask safely is withheld whole (:data:`WITHHELD`).
    """

    def __init__(self, *secrets: str | None) -> None:
        self._secrets: set[str] = set()
        self._masks: re.Pattern[str] | None = None
        self._short: re.Pattern[str] | None = None
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str | None) -> None:
        """Remember one more secret (a new token, a password the client sent)."""
        if isinstance(secret, str) and secret and secret not in self._secrets:
            self._secrets.add(secret)
            self._masks = self._short = None

    def _patterns(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        if self._masks is None and self._short is None and self._secrets:
            long_forms: set[str] = set()
            short_forms: set[str] = set()
            for secret in self._secrets:
                (long_forms if len(secret) >= MIN_MASKED_SECRET else short_forms).update(_forms(secret))

            def compile_forms(forms: set[str]) -> re.Pattern[str] | None:
                if not forms:
                    return None
                ordered = sorted(forms, key=len, reverse=True)
                return re.compile("|".join(re.escape(form) for form in ordered), re.IGNORECASE)

            self._masks, self._short = compile_forms(long_forms), compile_forms(short_forms)
        return self._masks, self._short

    def __call__(self, text: str) -> str:
        masks, short = self._patterns()
        if masks is not None:
            text = masks.sub("***", text)
        if short is not None and short.search(text):
            return WITHHELD
        return _BEARER.sub(r"\1***", text)

    def excerpt(self, text: str, limit: int = EXCERPT_LENGTH) -> str:
        """A short, redacted excerpt of a response body: HTML reduced to its text, whitespace collapsed.

        Redaction happens on the whole text, before it is cut, so a secret across the cut cannot leak its start.
        """
        plain = _plain_text(text)
        redacted = self(plain)
        if redacted == WITHHELD or len(redacted) <= limit:
            return redacted
        return redacted[: limit - 1].rstrip() + "…"

    def scrub(self, value: Any) -> Any:
        """A copy of a JSON-like value (GraphQL ``errors``, ``data``, ``extensions``) with every text redacted."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            return {self(str(key)): self.scrub(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.scrub(item) for item in value]
        return value

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._secrets)} secrets>)"


_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"(?is)<title[^>]*>(.*?)</title>")
_HIDDEN = re.compile(r"(?is)<(script|style|head)[^>]*>.*?</\1>")


def _plain_text(text: str) -> str:
    """The readable text of a body: for HTML its title and visible text, with whitespace collapsed."""
    stripped = text.lstrip()
    if stripped[:1] == "<" and re.search(r"(?i)<(html|body|head|title|h1|p|div|!doctype)\b", stripped[:2000]):
        title = _TITLE.search(stripped)
        body = _TAG.sub(" ", _HIDDEN.sub(" ", stripped))
        text = html.unescape(((title.group(1) + ": ") if title else "") + body)
    return " ".join(text.split())


def sent_secrets(value: Any) -> Iterator[str]:
    """The secrets in a request payload: values of password fields, values of password variables."""
    if isinstance(value, dict):
        if value.get("isPassword") is True and isinstance(value.get("value"), str):
            yield value["value"]
        for key, item in value.items():
            if isinstance(item, str) and isinstance(key, str) and _PASSWORD_KEY.search(key):
                yield item
            elif isinstance(item, (dict, list, tuple)):
                yield from sent_secrets(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from sent_secrets(item)


# -- login answers -----------------------------------------------------------------------------------------
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9._~+/=-]{4,16384}$")


def _describe_body(response: httpx.Response) -> str:
    text = response.text.strip()
    content_type = response.headers.get("content-type", "").split(";")[0].strip() or "no content type"
    if not text:
        return "an empty body"
    if text[:1] == "<":
        return f"an HTML or XML page ({content_type})"
    if text[:1] in "{[":
        return f"a JSON document ({content_type})"
    return f"text that is not a token ({content_type}, {len(text)} characters)"


def check_token(response: httpx.Response, login_url: str) -> str:
    """The bearer token of a successful login answer; NotSaagiePlatformError when it does not look like one.

    A Saagie login answers the token alone, as text: letters, digits and ``._~+/=-`` (a JWT). An HTML page
    (a web server, a proxy's login portal) or a JSON document means the URL is not a Saagie platform.
    """
    token = response.text.strip()
    if len(token) >= 2 and token[0] == token[-1] == '"':
        token = token[1:-1]
    if _TOKEN_SHAPE.match(token):
        return token
    raise NotSaagiePlatformError(
        f"{login_url} did not answer like a Saagie platform: the login returned {_describe_body(response)} "
        f"with HTTP {response.status_code} instead of a token. Check url_saagie: it must be the platform's "
        "address, such as https://<realm>-workspace.saagie.io (no proxy or login portal in between)"
    )


# -- errors ------------------------------------------------------------------------------------------------
def _safe_url(request: httpx.Request) -> str:
    return str(request.url.copy_with(query=None))


def connection_error(error: httpx.TransportError, request: httpx.Request, redact: Redactor) -> SaagieConnectionError:
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


def outcome_unknown(failure: SaagieError, operation: str, *, check: str = "") -> OutcomeUnknownError:
    """The error of a mutation that may or may not have been applied (sent, then no reliable answer)."""
    how = check or "look at the platform (list or get the entity) before sending it again"
    return OutcomeUnknownError(
        f"{operation} was sent but its outcome is unknown ({failure}); the platform may or may not have applied "
        f"it: {how}",
        operation=operation,
        failure=failure,
        check=how,
    )


def status_error(response: httpx.Response, redact: Redactor, *, hint: str = "") -> HTTPStatusError:
    """Turn an HTTP error response (its body already read) into the matching HTTPStatusError."""
    request = response.request
    status = response.status_code
    body = redact.excerpt(response.text) if response.content else ""
    url = _safe_url(request)
    message = f"{request.method} {url} returned HTTP {status}"
    if body:
        message += f": {body}"
    if hint:
        message += f" ({hint})"
    common: dict[str, Any] = {"status_code": status, "method": request.method, "url": url, "body": body}
    if status == 401:
        return AuthenticationError(
            message + " — the platform rejected the session token even after a fresh login", **common
        )
    if status == 403:
        return PermissionDeniedError(message + " — this user lacks the right for this call", **common)
    if status == 429:
        return RateLimitError(message, retry_after=parse_retry_after(response), **common)
    if status >= 500:
        return ServerError(message, **common)
    return HTTPStatusError(message, **common)
