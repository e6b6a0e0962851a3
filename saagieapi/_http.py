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
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO, Any, Literal
from urllib.parse import quote, quote_plus, unquote_plus

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


def _json_escaped_html_safe(text: str) -> str:
    """JSON as Gson and Go write it: ``<``, ``>``, ``&``, ``=`` and ``'`` as ``\\u00XX``, ``/`` as ``\\/``."""
    escaped = _json_escaped(text)
    for char in "<>&='":
        escaped = escaped.replace(char, f"\\u{ord(char):04x}")
    return escaped.replace("/", "\\/")


_ESCAPES = (_json_escaped, _json_escaped_unicode, _json_escaped_html_safe, _url_escaped, quote_plus, html.escape)


def _forms(secret: str) -> set[str]:
    """The secret as it may appear in a text: raw, JSON-, URL- and HTML-escaped, and twice escaped (in both
    Unicode normal forms)."""
    forms = {secret, unicodedata.normalize("NFC", secret), unicodedata.normalize("NFD", secret)}
    for _ in range(2):
        forms |= {escape(form) for form in list(forms) for escape in _ESCAPES}
    forms.discard("")
    return forms


_JSON_ESCAPE = re.compile(r'\\(u[0-9a-fA-F]{4}|[ntrbf/"\\])')
_JSON_CHARACTERS = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "/": "/", '"': '"', "\\": "\\"}
_WHITESPACE = re.compile(r"\s+")


def _json_unescaped(text: str) -> str:
    """Every JSON escape of ``text`` decoded, wherever it stands (a lenient reading of any JSON dialect)."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code[1:], 16)) if code[0] == "u" else _JSON_CHARACTERS[code]

    return _JSON_ESCAPE.sub(one, text)


def _canonical(text: str) -> str:
    """A text reduced to what a reader sees of it: NFKC, case-folded, without any whitespace."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def _decoded_views(text: str) -> set[str]:
    """``text`` as a reader may see it once decoded: JSON escapes, HTML entities and tags, percent-encoding,
    twice over, each reduced by :func:`_canonical` (a secret split by a tag or by other whitespace shows)."""
    views = {text}
    for _ in range(2):
        views |= {decode(view) for view in list(views) for trigger, decode in _DECODERS if trigger in view}
    views |= {_TAG.sub("", view) for view in views if "<" in view}
    return {_canonical(view) for view in views}


_DECODERS = (("\\", _json_unescaped), ("&", html.unescape), ("%", unquote_plus), ("+", unquote_plus))


#: Characters of a response body read for an excerpt: the rest is dropped before redaction (with a margin of
#: the longest form of a secret, so that no part of a secret at the cut remains).
EXCERPT_SOURCE = 64 * 1024
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")
_PASSWORD_KEY = re.compile(r"(?i)(password|passwd|pwd)")


def _found(forms: dict[str, str], text: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern of the ``forms`` (lower-cased form -> form) present in ``text``, or None.

    Looking for each form with ``in`` first keeps a long text with many known secrets (a token per login) fast:
    the pattern is compiled only in the rare case a secret is there.
    """
    lowered = text.lower()
    present = [form for key, form in forms.items() if key in lowered]
    if not present:
        return None
    return re.compile("|".join(re.escape(form) for form in sorted(present, key=len, reverse=True)), re.IGNORECASE)


class Redactor:
    """Keeps known secrets (password, tokens, password-variable values...) out of every text leaving the SDK.

    A long secret is replaced by ``***`` in every form it may take (raw, JSON-escaped in the usual dialects,
    URL- or HTML-escaped, twice escaped, in either Unicode normal form). A text still holding a secret once
    decoded and reduced to its visible letters (echoed raw with its whitespace changed, split by a tag,
    escaped in another way), or holding a secret too short to mask safely, is withheld whole
    (:data:`WITHHELD`): a mask never betrays a secret by its gaps.
    """

    def __init__(self, *secrets: str | None) -> None:
        self._secrets: set[str] = set()
        self._long: dict[str, str] = {}
        self._short: dict[str, str] = {}
        self._hidden: set[str] = set()
        self._longest = 0
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str | None) -> None:
        """Remember one more secret (a new token, a password the client sent)."""
        if not isinstance(secret, str) or not secret or secret in self._secrets:
            return
        # Copied, never changed in place: other threads may be reading the current ones.
        self._secrets = self._secrets | {secret}
        forms = {form.lower(): form for form in _forms(secret)}
        if len(secret) >= MIN_MASKED_SECRET:
            self._long = {**self._long, **forms}
        else:
            self._short = {**self._short, **forms}
        self._longest = max(self._longest, *(len(form) for form in forms.values()))
        self._hidden = self._hidden | ({_canonical(secret)} - {""})

    def __call__(self, text: str) -> str:
        masks = _found(self._long, text)
        if masks is not None:
            text = masks.sub("***", text)
        if _found(self._short, text) is not None:
            return WITHHELD
        # What masking could not find (a secret decoded and echoed raw with its whitespace changed, split by a
        # tag, in another escape dialect): the text is withheld whole rather than shown with it.
        if self._hidden and any(secret in view for view in _decoded_views(text) for secret in self._hidden):
            return WITHHELD
        return _BEARER.sub(r"\1***", text)

    def excerpt(self, text: str, limit: int = EXCERPT_LENGTH) -> str:
        """A short, redacted excerpt of a response body: HTML reduced to its text, whitespace collapsed.

        Redaction happens on the whole text, before it is reduced to words and before it is cut, so neither
        a secret across the cut nor one whose whitespace or tags the reduction changes can leak a part.
        """
        if len(text) > EXCERPT_SOURCE:  # an excerpt needs no more; no part of a secret at the cut is kept
            text = text[: max(0, EXCERPT_SOURCE - self._longest)]
        masked = self(text)
        if masked == WITHHELD:
            return masked
        redacted = self(_plain_text(masked))
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
