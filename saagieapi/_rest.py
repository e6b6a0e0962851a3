"""REST helpers shared by users, groups and profiles: escaped URLs, 404 mapped to NotFoundError."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from .errors import HTTPStatusError, InvalidInputError, NotFoundError

__all__ = ["rest_url", "translate_not_found", "warn_verify_ssl"]


def rest_url(base: str, path: str, *names: str) -> str:
    """``base/path/<name>...`` with every name percent-encoded as one path segment (``/`` included).

    A name that is empty, blank, ``.`` or ``..`` raises InvalidInputError: URLs drop such segments (``users/.``
    is ``users``, the list), so the request would reach another endpoint than the one meant.
    """
    url = base.rstrip("/") + "/" + path.strip("/")
    for name in names:
        text = str(name)
        if not text.strip() or text in (".", ".."):
            raise InvalidInputError(
                f"{text!r} is not a valid name: a login, group or profile name cannot be empty, '.' or '..'"
            )
        url += "/" + quote(text, safe="")
    return url


@contextmanager
def translate_not_found(kind: str, name: str, *, statuses: tuple[int, ...] = (404,)) -> Iterator[None]:
    """Turn an HTTP 404 (or ``statuses``) raised inside the block into NotFoundError(kind, name)."""
    try:
        yield
    except HTTPStatusError as error:
        if error.status_code in statuses:
            raise NotFoundError(kind, name) from None
        raise


def warn_verify_ssl(verify_ssl: bool | None) -> None:
    """2.x's per-call ``verify_ssl`` is accepted and ignored: TLS is configured once on the client."""
    if verify_ssl is not None:
        warnings.warn(
            "verify_ssl per call is ignored: set verify_ssl= (True, False or a CA bundle path) on SaagieApi",
            DeprecationWarning,
            stacklevel=3,
        )
