"""Business errors, reported the platform's way: HTTP 200 with a GraphQL ``errors`` entry, or a REST status.

Every refusal of the emulator is raised by a :class:`~saagie_emulator.rules.Rule` (``rule.error(...)``),
which cites where the platform documents it; the error carries that rule in ``rule``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rules import Rule

__all__ = ["AccessDeniedError", "BusinessError", "NotFoundError", "RestRefusal", "ValidationError"]


class BusinessError(Exception):
    """A rule of the platform was broken. ``classification`` goes to ``errors[].extensions``."""

    classification = "DataFetchingException"
    #: The status a REST endpoint answers with for this error.
    http_status = 400

    def __init__(self, message: str, *, rule: Rule | None = None, http_status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.rule = rule
        if http_status is not None:
            self.http_status = http_status


class NotFoundError(BusinessError):
    classification = "NotFound"
    http_status = 404


class ValidationError(BusinessError):
    classification = "ValidationError"


class AccessDeniedError(BusinessError):
    """The caller's roles do not allow the operation (what graphql-java reports for a denied fetcher)."""

    classification = "DataFetchingException"
    http_status = 403


class RestRefusal(BusinessError):
    """A refusal of a REST endpoint, with the HTTP status the platform answers."""
