"""Pure helpers of ``api.jobs``: artifact uploads, dates, runtimes, instance statuses (no I/O but opening files).

This file is the single source: ``saagieapi/_sync/jobs_helpers.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import IO, Any, Union

from .._generated.projects.base_model import Upload
from ..errors import InvalidInputError, NotFoundError
from ..models import CatalogTechnology, JobInstance

__all__ = [
    "FileInput",
    "JOB_CATEGORIES",
    "JOB_FINAL_STATUSES",
    "docker_input",
    "instance_status",
    "opened_upload",
    "parse_date",
    "resolve_runtime",
    "version_numbers",
]

#: A local artifact: a path, or an open binary file.
FileInput = Union[str, "os.PathLike[str]", IO[bytes]]
JOB_CATEGORIES = ("Extraction", "Processing", "Smart App")
JOB_FINAL_STATUSES = frozenset({"SUCCEEDED", "FAILED", "KILLED", "UNKNOWN", "ERROR", "SKIPPED"})
SELECTORS = ("ALL", "SUCCEEDED", "FAILED", "STOPPED", "UNKNOWN")


def check_file(file: FileInput | None) -> None:
    """Fail before any request when the artifact is missing or unreadable."""
    if file is None:
        return
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        if not os.path.isfile(path):
            raise InvalidInputError(f"file {path!r} does not exist or is not a file")
        if not os.access(path, os.R_OK):
            raise InvalidInputError(f"file {path!r} is not readable")
        return
    if not hasattr(file, "read") or (hasattr(file, "readable") and not file.readable()):
        raise InvalidInputError("file must be a path or a file object opened for reading in binary mode")


@contextlib.contextmanager
def opened_upload(file: FileInput | None) -> Iterator[Upload | None]:
    """The GraphQL upload of an artifact (the base name only is sent); a path is opened and closed here."""
    check_file(file)
    if file is None:
        yield None
        return
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        with open(path, "rb") as stream:
            yield Upload(filename=os.path.basename(path), content=stream, content_type=None)  # type: ignore[arg-type]
        return
    name = getattr(file, "name", None)
    filename = os.path.basename(name) if isinstance(name, str) and name else "artifact"
    yield Upload(filename=filename, content=file, content_type=None)  # type: ignore[arg-type]


def parse_date(date_before: str | datetime) -> datetime:
    """A timezone-aware datetime from ``2023-06-01T00:00:00+01:00`` / ``...Z`` or a datetime."""
    if isinstance(date_before, datetime):
        value = date_before
    else:
        try:
            value = datetime.fromisoformat(str(date_before).replace("Z", "+00:00"))
        except ValueError:
            raise InvalidInputError(
                f"date_before {date_before!r} is not an ISO date such as '2023-06-01T00:00:00+01:00'"
            ) from None
    if value.tzinfo is None:
        raise InvalidInputError(f"date_before {date_before!r} has no timezone: add one, e.g. '+00:00' or 'Z'")
    return value


def check_selector(selector: str) -> str:
    value = str(getattr(selector, "value", selector)).upper()
    if value not in SELECTORS:
        raise InvalidInputError(f"selector {selector!r} is invalid: choose among {', '.join(SELECTORS)}")
    return value


def version_numbers(versions: Sequence[int | str] | int | str) -> list[int]:
    """Version numbers as integers (2.x documented strings such as ``["1"]``)."""
    items = [versions] if isinstance(versions, (int, str)) else list(versions)
    try:
        return [int(item) for item in items]
    except (TypeError, ValueError):
        raise InvalidInputError(f"version numbers must be integers, not {items!r}") from None


def docker_input(docker_info: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """``{"image", "dockerCredentialsId"}`` from 2.x's dict (snake_case keys accepted)."""
    if docker_info is None:
        return None
    image = docker_info.get("image")
    if not isinstance(image, str) or not image.strip():
        raise InvalidInputError("docker_info needs an 'image'")
    credentials = docker_info.get("dockerCredentialsId", docker_info.get("docker_credentials_id"))
    result: dict[str, Any] = {"image": image}
    if credentials:
        result["dockerCredentialsId"] = credentials
    return result


def resolve_runtime(technology: CatalogTechnology, runtime_version: str, catalog: str) -> str:
    """The id of an available runtime context of a job technology, given its id or label."""
    contexts: Sequence[Any] = getattr(technology, "contexts", None) or []
    available = [context for context in contexts if context.available]
    for context in available:
        if runtime_version in (context.id, context.label):
            return str(context.id)
    lowered = str(runtime_version).lower()
    for context in available:
        if lowered in (str(context.id).lower(), str(context.label).lower()):
            return str(context.id)
    choices = ", ".join(str(context.id) for context in available) or "none"
    raise NotFoundError(
        "runtime",
        str(runtime_version),
        scope=f"technology {technology.label!r} of catalog {catalog!r}",
        hint=f"available runtimes: {choices}",
    )


def instance_status(instance: JobInstance) -> str:
    """Status of a job instance from ``history.currentStatus`` (the deprecated ``status`` as fallback)."""
    if instance.history is not None and instance.history.current_status is not None:
        return str(instance.history.current_status.status.value)
    return str(instance.status.value)
