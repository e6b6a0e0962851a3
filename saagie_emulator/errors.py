"""Business errors, reported the platform's way: HTTP 200 with a GraphQL ``errors`` entry."""

from __future__ import annotations

__all__ = ["BusinessError", "NotFoundError", "ValidationError"]


class BusinessError(Exception):
    """A rule of the platform was broken. ``classification`` goes to ``errors[].extensions``."""

    classification = "DataFetchingException"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(BusinessError):
    classification = "NotFound"

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"{kind} with id '{key}' not found")


class ValidationError(BusinessError):
    classification = "ValidationError"
