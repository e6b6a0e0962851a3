"""Reconciling changes whose outcome is unknown: the rules, per method (no I/O here).

A change (a GraphQL mutation, a REST POST/PUT/DELETE) is *sent*, then the answer is lost: a timeout after
sending, a connection dropped after sending, a 5xx. The platform may or may not have applied it. Sending it
again blindly could create a second job or run a pipeline twice; giving up could lose a change that was
never made. So, when the change has a **natural key**, the SDK looks at the platform before deciding:

* the effect is there (the entity named so in its scope, with what was sent): it is returned as the result;
* it is not there: the change is sent again, within the client's retry budget (``retries=``).

Where no reliable key exists (a run, a stop: each call is a new instance), the SDK raises
:class:`~saagieapi.errors.OutcomeUnknownError`, which says what may have happened and how to check.
Edits are *idempotent* (sending the same values twice leaves the same state): they are simply sent again.

:data:`RULES` is the table of every method concerned (the documentation and the tests read it).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

__all__ = [
    "CURRENT",
    "RULES",
    "MutationContext",
    "casefold_equal",
    "is_not_found",
    "job_version_matches",
    "same_fields",
    "upload_start",
]


@dataclass
class MutationContext:
    """The change being sent by the current task: its name, whether re-sending it is harmless, upload starts."""

    operation: str
    idempotent: bool = False
    #: Where each upload started at the first attempt (``id(stream)`` -> position): every attempt sends it whole.
    positions: dict[int, int] = field(default_factory=dict)


#: The change the current task (or thread) is sending, when a resource method declared one.
CURRENT: contextvars.ContextVar[MutationContext | None] = contextvars.ContextVar("saagieapi_mutation", default=None)


def upload_start(stream: IO[bytes]) -> int | None:
    """Where ``stream`` started at the first attempt of the current change (recorded now if first); None if unknown."""
    try:
        position = stream.tell()
    except (OSError, AttributeError, ValueError):
        return None
    context = CURRENT.get()
    if context is None:
        return position
    return context.positions.setdefault(id(stream), position)


def casefold_equal(left: str | None, right: str | None) -> bool:
    """Names compare as the platform compares them (unique per scope, case-insensitively)."""
    return (left or "").casefold() == (right or "").casefold()


def same_fields(found: Mapping[str, Any], sent: Mapping[str, Any], keys: Iterable[str]) -> bool:
    """Whether ``found`` holds what was ``sent`` for each of ``keys`` (``None`` and ``""`` count as equal)."""
    return all((found.get(key) or None) == (sent.get(key) or None) for key in keys)


def job_version_matches(found: Mapping[str, Any], sent: Mapping[str, Any], artifact: str | None) -> bool:
    """Whether a job version on the platform (camelCase JSON) is the one sent (``JobVersionInput`` values).

    Compared: command line, release note, runtime (when sent), Docker image (when sent) and the artifact's
    file name (when a file was uploaded). The platform exposes no checksum of the artifact: callers that add
    a version to an existing job also require a version number above the one current before sending.
    """
    if (found.get("commandLine") or "") != (sent.get("commandLine") or ""):
        return False
    if (found.get("releaseNote") or "") != (sent.get("releaseNote") or ""):
        return False
    if sent.get("runtimeVersion") and found.get("runtimeVersion") != sent["runtimeVersion"]:
        return False
    docker = sent.get("dockerInfo")
    image = docker.get("image") if isinstance(docker, Mapping) else None
    if image and (found.get("dockerInfo") or {}).get("image") != image:
        return False
    return artifact is None or (found.get("packageInfo") or {}).get("name") == artifact


def is_not_found(error: BaseException) -> bool:
    """Whether an error says the entity does not exist (a NotFoundError, or a GraphQL error classified so)."""
    from ..errors import GraphQLError, NotFoundError

    if isinstance(error, NotFoundError):
        return True
    if not isinstance(error, GraphQLError):
        return False
    for entry in error.errors:
        extensions = entry.get("extensions") if isinstance(entry, Mapping) else None
        classification = extensions.get("classification") if isinstance(extensions, Mapping) else None
        if classification == "NotFound" or "not found" in str(entry.get("message", "")).lower():
            return True
    return False


#: How each change is reconciled when its outcome is unknown: (method, natural key, rule).
RULES: tuple[tuple[str, str, str], ...] = (
    ("projects.create", "project name (platform-wide)", "look up: a project of that name -> returned; else re-sent"),
    ("projects.edit", "-", "idempotent: re-sent"),
    ("projects.edit_rights", "-", "idempotent: re-sent"),
    ("projects.delete", "project id", "look up: gone -> True; else re-sent"),
    (
        "jobs.create",
        "job name in its project",
        "look up: a job of that name whose current version has the command line, release note, runtime and "
        "artifact name sent -> returned; else re-sent (another job of that name: the platform refuses it)",
    ),
    (
        "jobs.upgrade",
        "job id + new current version",
        "look up: the job's current version is newer than before and has the command line, release note, "
        "runtime and artifact name sent -> returned; else re-sent",
    ),
    ("jobs.edit", "-", "idempotent: re-sent"),
    ("jobs.rollback", "-", "idempotent: re-sent"),
    ("jobs.delete", "job id", "look up: gone -> True; else re-sent"),
    ("jobs.run", "none (each run is a new instance)", "OutcomeUnknownError: check api.jobs.get_last_instance"),
    (
        "pipelines.create_graph",
        "pipeline name in its project",
        "look up: a pipeline of that name with the release note sent -> returned; else re-sent",
    ),
    (
        "pipelines.upgrade",
        "pipeline id + new current version",
        "look up: the current version is newer than before with the release note sent -> returned; else re-sent",
    ),
    ("pipelines.edit", "-", "idempotent: re-sent"),
    ("pipelines.rollback", "-", "idempotent: re-sent"),
    ("pipelines.delete", "pipeline id", "look up: gone -> True; else re-sent"),
    (
        "pipelines.run",
        "none (each run is a new instance)",
        "OutcomeUnknownError: check api.pipelines.get_last_instance",
    ),
    ("apps.create_from_scratch", "app name in its project", "look up: an app of that name -> returned; else re-sent"),
    ("apps.create_from_catalog", "app name in its project", "look up: an app of that name -> returned; else re-sent"),
    ("apps.edit", "-", "idempotent: re-sent"),
    ("apps.delete", "app id", "look up: gone -> True; else re-sent"),
    ("apps.run / apps.stop", "none", "OutcomeUnknownError: check api.apps.get_info(app_id).history"),
    (
        "env_vars.create",
        "variable name in its scope (and project, pipeline or app)",
        "look up: a variable of that name with the description and password flag sent (and the value, unless "
        "a password) -> returned; else re-sent",
    ),
    ("env_vars.update", "-", "idempotent: re-sent"),
    ("env_vars.delete", "variable name in its scope", "look up: gone -> True; else re-sent"),
    (
        "docker_credentials.create",
        "registry + username in the project",
        "look up: credentials for that registry and username -> returned; else re-sent",
    ),
    ("docker_credentials.upgrade", "-", "idempotent: re-sent"),
    ("docker_credentials.delete", "credential id", "look up: gone -> True; else re-sent"),
    ("storages.create", "storage name in its project", "look up: a storage of that name -> returned; else re-sent"),
    ("storages.edit", "-", "idempotent: re-sent"),
    ("storages.delete", "storage id", "look up: gone -> True; else re-sent"),
)
