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
    (
        "projects.create",
        "project name (unique on the platform)",
        "look up: a project of that name with the description sent -> returned; else sent again",
    ),
    ("projects.edit", "-", "idempotent: sent again"),
    ("projects.delete", "project id", "look up: gone -> True; else sent again"),
    (
        "jobs.create",
        "job name in its project",
        "look up: a job of that name, category and technology whose current version has the command line, "
        "release note, runtime and artifact file name sent -> returned; else sent again",
    ),
    (
        "jobs.upgrade",
        "job id + a version newer than the one current before",
        "look up: the current version is newer than the one current before sending and has the command line, "
        "release note, runtime and artifact file name sent -> returned; else sent again",
    ),
    ("jobs.edit", "-", "idempotent: sent again"),
    ("jobs.rollback", "-", "idempotent: sent again"),
    ("jobs.delete", "job id", "look up: gone -> True; else sent again"),
    ("jobs.run", "none: each run is a new instance", "OutcomeUnknownError: look at the job's last instance"),
    (
        "pipelines.create_graph",
        "pipeline name in its project",
        "look up: a pipeline of that name whose current version has the release note and graph nodes (ids chosen "
        "by the client) sent -> returned; else sent again",
    ),
    (
        "pipelines.upgrade",
        "pipeline id + graph node ids",
        "look up: the current version has the release note and graph nodes sent -> returned; else sent again",
    ),
    ("pipelines.edit", "-", "idempotent: sent again"),
    ("pipelines.rollback", "-", "idempotent: sent again"),
    ("pipelines.delete", "pipeline id", "look up: gone -> True; else sent again"),
    (
        "pipelines.run",
        "none: each run is a new instance",
        "OutcomeUnknownError: look at the pipeline's last instance",
    ),
    (
        "apps.create_from_scratch",
        "app name in its project",
        "look up: an app of that name -> returned; else sent again",
    ),
    (
        "apps.create_from_catalog",
        "none: the platform names an installed app",
        "OutcomeUnknownError: look at the project's apps",
    ),
    (
        "apps.upgrade",
        "app id + a version newer than the one current before",
        "look up: the current version is newer than before with the release note sent -> returned; else sent again",
    ),
    ("apps.edit", "-", "idempotent: sent again"),
    ("apps.rollback", "-", "idempotent: sent again"),
    ("apps.delete", "none: the answer (the app's summary) is gone with the app", "OutcomeUnknownError"),
    ("apps.run", "none", "OutcomeUnknownError: look at the app's status"),
    ("apps.stop", "none", "OutcomeUnknownError: look at the app's status"),
    (
        "env_vars.create",
        "variable name at its scope (and project, pipeline or app)",
        "look up: a variable of that name with the description and password flag sent (and the value, unless a "
        "password) -> returned; else sent again",
    ),
    ("env_vars.update", "-", "idempotent: sent again (the variable is addressed by id)"),
    ("env_vars.delete", "variable name at its scope", "look up: gone -> True; else sent again"),
    (
        "docker_credentials.create",
        "registry + username in the project",
        "look up: credentials for that registry and username -> returned; else sent again",
    ),
    ("docker_credentials.upgrade", "-", "idempotent: sent again"),
    ("docker_credentials.delete", "credential id", "look up: gone -> True; else sent again"),
    (
        "storages.create",
        "storage name in its project",
        "look up: a storage of that name with the description sent -> returned; else sent again",
    ),
    ("storages.edit", "-", "idempotent: sent again"),
    ("storages.delete", "storage id", "look up: gone -> its summary; else sent again"),
    (
        "any other change (api.client.execute, stops, moves, duplicates, instance deletions...)",
        "none known to the SDK",
        "OutcomeUnknownError",
    ),
)
