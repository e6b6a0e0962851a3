"""Every error the SDK raises, rooted at :class:`SaagieError`.

The whole tree (the one place it is drawn; ``tests/unit/test_public_names.py`` checks it against the classes)::

    SaagieError (Exception)
    ├── ConfigurationError (ValueError)       settings the client cannot work with
    │   └── InvalidURLError                   a platform URL of the wrong shape
    ├── InvalidInputError (ValueError)        a bad argument; nothing was sent
    ├── SaagieConnectionError                 the platform could not be reached
    │   └── SaagieTimeoutError                no answer in time
    ├── HTTPStatusError                       an HTTP error status
    │   ├── AuthenticationError               401 after one fresh login
    │   ├── PermissionDeniedError             403
    │   ├── RateLimitError                    429 after the retries
    │   └── ServerError                       5xx after the retries
    ├── InvalidResponseError                  an answer that is not what the schema says
    │   └── NotSaagiePlatformError            the URL answers, but not as a Saagie platform
    ├── ClientClosedError (RuntimeError)      a call on a closed client
    ├── OutcomeUnknownError                   a change was sent; whether it ran is unknown
    ├── GraphQLError                          an ``errors`` list in the answer
    │   └── GraphQLNotFoundError + NotFoundError  every error of the list says the entity does not exist
    ├── NotFoundError (LookupError)           no entity with this name or id
    ├── AmbiguousNameError (LookupError)      several entities with this name
    ├── MoveRefusedError                      the platform's rules forbid this move now
    ├── WaitError                             while waiting for an instance
    │   ├── RunFailedError                    it ended otherwise than in success
    │   └── WaitTimeoutError (TimeoutError)   it did not end in time
    └── ExportError                           an export or import could not be done
        ├── UnsafePathError                   a path escapes the export folder
        └── ExportFormatError (ValueError)    a malformed export folder (every problem listed)
            └── MissingArtifactError          the artifact of a current job version is missing

Messages say what went wrong and how to fix it; they never contain a password, a token or an
``Authorization`` header. Catch :class:`SaagieError` to handle them all::

    try:
        api.jobs.run_with_callback(job_id)
    except saagieapi.RunFailedError as error:
        log.warning("run %s ended %s", error.instance_id, error.status)
    except saagieapi.SaagieError as error:
        log.error("Saagie call failed: %s", error)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "AmbiguousNameError",
    "AuthenticationError",
    "ClientClosedError",
    "ConfigurationError",
    "ExportError",
    "ExportFormatError",
    "GraphQLError",
    "GraphQLNotFoundError",
    "HTTPStatusError",
    "InvalidInputError",
    "InvalidResponseError",
    "InvalidURLError",
    "MissingArtifactError",
    "MoveRefusedError",
    "NotFoundError",
    "NotSaagiePlatformError",
    "OutcomeUnknownError",
    "PermissionDeniedError",
    "RateLimitError",
    "RunFailedError",
    "SaagieConnectionError",
    "SaagieError",
    "SaagieTimeoutError",
    "ServerError",
    "UnsafePathError",
    "WaitError",
    "WaitTimeoutError",
]


class SaagieError(Exception):
    """Base class of every error raised by saagieapi."""


class ConfigurationError(SaagieError, ValueError):
    """The client was given settings it cannot work with (missing URL, realm, credentials...)."""


class InvalidURLError(ConfigurationError):
    """A platform URL does not have the shape ``easy_connect`` expects."""


class InvalidInputError(SaagieError, ValueError):
    """An argument is invalid; nothing was sent to the platform."""


class SaagieConnectionError(SaagieError):
    """The platform could not be reached (DNS, refused connection, TLS failure, dropped connection)."""


class SaagieTimeoutError(SaagieConnectionError):
    """The platform did not answer within the configured timeout."""


class HTTPStatusError(SaagieError):
    """The platform answered with an HTTP error status.

    Attributes: ``status_code``, ``method``, ``url`` (no query secrets), ``body`` (an excerpt, redacted).
    """

    def __init__(self, message: str, *, status_code: int, method: str, url: str, body: str = "") -> None:
        super().__init__(message)
        self.status_code = status_code
        self.method = method
        self.url = url
        self.body = body


class AuthenticationError(HTTPStatusError):
    """Login failed, or the platform still answered 401 after one fresh login."""


class PermissionDeniedError(HTTPStatusError):
    """The platform answered 403: the user lacks a right for this call."""


class RateLimitError(HTTPStatusError):
    """The platform answered 429 and retries were exhausted (``retry_after`` in seconds, when sent)."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(HTTPStatusError):
    """The platform answered with a 5xx status and retries were exhausted (or were not safe)."""


class InvalidResponseError(SaagieError):
    """The platform answered something that is not the JSON the SDK expects.

    When the answer did not match the schema the SDK was generated from, ``operation_name`` names the call
    and ``problems`` lists each mismatch as ``(location, message)``, without the values (they may be secret).
    """

    def __init__(
        self,
        message: str,
        *,
        operation_name: str | None = None,
        problems: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.operation_name = operation_name
        self.problems = list(problems)

    @classmethod
    def from_validation(cls, error: Any, *, what: str) -> InvalidResponseError:
        """Wrap a pydantic ``ValidationError`` raised while reading ``what`` (an operation or REST call).

        The message names the model and each location, never the values received.
        """
        problems = [
            (".".join(str(part) for part in item.get("loc", ())) or "(root)", str(item.get("msg", "")))
            for item in error.errors(include_url=False, include_input=False, include_context=False)
        ]
        shown = "; ".join(f"{where}: {message}" for where, message in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        return cls(
            f"the answer to {what} does not match the schema this SDK was generated from "
            f"({len(problems)} problem(s) reading {error.title}: {shown}{more}); "
            "the platform may be newer than this saagieapi version: upgrade it, or report the problem",
            operation_name=what,
            problems=problems,
        )


class NotSaagiePlatformError(InvalidResponseError):
    """The URL answered, but not like a Saagie platform (an HTML page or a JSON error instead of a token).

    Check ``url_saagie``: it must be the platform's own address, with no login portal or proxy page in between.
    """


class ClientClosedError(SaagieError, RuntimeError):
    """The client was closed (``close()``, or its ``with`` block ended): open a new one to send requests."""


class OutcomeUnknownError(SaagieError):
    """A change was sent, but no reliable answer came back (timeout, lost connection, 5xx): it may have run.

    ``operation`` names the call, ``failure`` is the underlying error (a :class:`SaagieTimeoutError`,
    :class:`SaagieConnectionError` or :class:`ServerError`), ``check`` says how to find out on the platform.
    The SDK raises it only for changes it cannot look up safely (runs, stops); creations, versions, edits and
    deletions are checked on the platform before anything is sent again.
    """

    def __init__(self, message: str, *, operation: str, failure: SaagieError, check: str) -> None:
        super().__init__(message)
        self.operation = operation
        self.failure = failure
        self.check = check


class GraphQLError(SaagieError):
    """The GraphQL response carried an ``errors`` list.

    ``errors`` is that list (dicts with ``message``, ``path``, ``extensions``...), ``data`` any partial data,
    ``operation_name`` the operation that failed.
    """

    def __init__(
        self,
        errors: Sequence[Mapping[str, Any]],
        *,
        data: Mapping[str, Any] | None = None,
        operation_name: str | None = None,
    ) -> None:
        self.errors = [dict(error) for error in errors]
        self.data = dict(data) if data is not None else None
        self.operation_name = operation_name
        messages = "; ".join(str(error.get("message", error)) for error in self.errors) or "unknown error"
        where = f" in {operation_name}" if operation_name else ""
        SaagieError.__init__(self, f"GraphQL error{where}: {messages}")  # not super(): see GraphQLNotFoundError

    @property
    def messages(self) -> list[str]:
        """The ``message`` of each error."""
        return [str(error.get("message", "")) for error in self.errors]


class NotFoundError(SaagieError, LookupError):
    """No entity of this kind has this name or id (``kind``, ``name``, ``scope``)."""

    def __init__(self, kind: str, name: str, *, scope: str | None = None, hint: str | None = None) -> None:
        self.kind = kind
        self.name = name
        self.scope = scope
        where = f" in {scope}" if scope else ""
        message = f"{kind} {name!r} not found{where}"
        if hint:
            message += f". {hint[:1].upper()}{hint[1:]}"  # a new sentence
        super().__init__(message)


_NAMED_MISSING = re.compile(r"^(?P<kind>[A-Za-z][A-Za-z ]*?) with (?:id|name) '(?P<name>[^']*)' not found")


class GraphQLNotFoundError(GraphQLError, NotFoundError):
    """A GraphQL answer whose every error says the entity does not exist (``jobs.run`` of an unknown id).

    Both a :class:`GraphQLError` (``errors``, ``data``, ``operation_name``) and a :class:`NotFoundError`, so
    ``except NotFoundError`` catches an unknown id whether the call reads or acts. ``kind`` and ``name`` come
    from the platform's message when it names them ("Job with id '...' not found"), else ``"entity"`` and ``""``.

    Example::

        try:
            api.jobs.run(job_id)
        except saagieapi.NotFoundError as error:
            missing = (error.kind, error.name)  # ("job", "<the id>")
    """

    def __init__(
        self,
        errors: Sequence[Mapping[str, Any]],
        *,
        data: Mapping[str, Any] | None = None,
        operation_name: str | None = None,
    ) -> None:
        GraphQLError.__init__(self, errors, data=data, operation_name=operation_name)
        named = _NAMED_MISSING.match(self.messages[0]) if self.messages else None
        self.kind = named["kind"].lower() if named else "entity"
        self.name = named["name"] if named else ""
        self.scope = None


class AmbiguousNameError(SaagieError, LookupError):
    """Several entities share the name that was looked up; use an id instead (``candidates`` lists them)."""

    def __init__(self, kind: str, name: str, candidates: Sequence[str], *, scope: str | None = None) -> None:
        self.kind = kind
        self.name = name
        self.candidates = list(candidates)
        self.scope = scope
        where = f" in {scope}" if scope else ""
        super().__init__(
            f"{len(self.candidates)} {kind}s are named {name!r}{where} (ids: {', '.join(self.candidates)}); "
            "pass an id instead of a name"
        )


class MoveRefusedError(SaagieError):
    """The platform says this entity cannot be moved now; nothing was sent.

    ``kind`` and ``entity_id`` name it; ``reasons`` are the platform's (``PipelineMovableStateError``: a
    ``reason`` of :class:`~saagieapi.enums.PipelineMovableStateErrorReason`, the offending job or pipeline);
    the message says what to do about each.
    """

    def __init__(self, message: str, *, kind: str, entity_id: str, reasons: Sequence[Any]) -> None:
        super().__init__(message)
        self.kind = kind
        self.entity_id = entity_id
        self.reasons = list(reasons)


class WaitError(SaagieError):
    """Base class of the errors raised while waiting for an instance (``instance_id``, ``status``)."""

    def __init__(self, message: str, *, instance_id: str | None, status: str | None) -> None:
        super().__init__(message)
        self.instance_id = instance_id
        self.status = status


class RunFailedError(WaitError):
    """The instance reached a final status other than success (``status`` says which).

    ``log_tail`` holds the last lines of the failed instance's log (STDOUT and STDERR; secrets of the client
    masked, control characters escaped) when they could be read, and the message ends with them: a traceback
    shows why the run failed.
    """

    def __init__(
        self, message: str, *, instance_id: str | None, status: str | None, log_tail: Sequence[str] = ()
    ) -> None:
        self.log_tail = list(log_tail)
        if self.log_tail:
            shown = "\n".join(f"  | {line}" for line in self.log_tail)
            message = f"{message}; last {len(self.log_tail)} log line(s):\n{shown}"
        super().__init__(message, instance_id=instance_id, status=status)


class WaitTimeoutError(WaitError, TimeoutError):
    """The instance did not reach a final status in time (``status`` is the last one seen)."""


class ExportError(SaagieError):
    """An export or import could not be done (the message names the file or entity)."""


class UnsafePathError(ExportError):
    """A path of an export folder escapes it (``..``, absolute path, symlink out of the folder)."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class ExportFormatError(ExportError, ValueError):
    """An export folder is malformed (not JSON, wrong types or values, broken references); nothing was sent.

    ``path`` names the (first) file; ``problems`` lists every problem found in the folder, each with its
    ``file`` (relative to the folder), ``location`` (JSON path, such as ``versions[1].extraTechnology``) and
    ``message``.
    """

    def __init__(self, message: str, *, path: str, problems: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.path = path
        self.problems = list(problems)


class MissingArtifactError(ExportFormatError):
    """The current version of a job in an export folder names an artifact file that is not there (``path``)."""
