"""Business errors, reported the platform's way: HTTP 200 with a GraphQL ``errors`` entry, or a REST status."""

from __future__ import annotations

__all__ = ["BusinessError", "NotFoundError", "RestRefusal", "ValidationError"]


class BusinessError(Exception):
    """A rule of the platform was broken. ``classification`` goes to ``errors[].extensions``."""

    classification = "DataFetchingException"
    #: The status a REST endpoint answers with for this error.
    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(BusinessError):
    classification = "NotFound"
    http_status = 404

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"{kind} with id '{key}' not found")


class ValidationError(BusinessError):
    classification = "ValidationError"


class RestRefusal(BusinessError):
    """A refusal of a REST endpoint, with the HTTP status the platform answers."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.http_status = status
