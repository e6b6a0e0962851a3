# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Sending a change whose answer may be lost, and looking at the platform before sending it again.

This file is the single source: ``saagieapi/_sync/reconcile.py`` is generated from it (``make codegen``).
The rules, method by method, are in :mod:`saagieapi._core.reconcile` (``RULES``).

A resource method wraps its one mutation call::

    return reconciled(self._api, "createJob", lambda: self._client.create_job(...), probe)

``probe`` looks the effect up on the platform (a query) and returns it, or None when it is not there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .._backend import ResultOf, sync_sleep
from .._core.reconcile import CURRENT, MutationContext, casefold_equal, is_not_found, job_version_matches
from .._http import backoff_delay, logger
from ..errors import OutcomeUnknownError, SaagieError

if TYPE_CHECKING:
    from ..models import (
        App,
        AppVersion,
        DockerCredentials,
        EnvVar,
        Job,
        JobVersion,
        Pipeline,
        PipelineVersion,
        Project,
        Storage,
    )
    from .client import SaagieApi

__all__ = [
    "announced",
    "app_created",
    "app_version_added",
    "docker_credential_created",
    "env_var_created",
    "gone",
    "idempotent",
    "job_created",
    "job_version_added",
    "pipeline_created",
    "pipeline_version_added",
    "project_created",
    "reconciled",
    "storage_created",
]

T = TypeVar("T")


def reconciled(
    api: SaagieApi,
    operation: str,
    send: Callable[[], ResultOf[T]],
    probe: Callable[[], ResultOf[T | None]],
) -> T:
    """``send()``; when its outcome is unknown, ``probe()`` the platform: the effect found is returned, else
    the change is sent again (within the client's ``retries``). Each attempt sends uploads from their start.

    A failed look-up leaves the outcome unknown: OutcomeUnknownError. When the retries are spent and the
    platform shows no effect, the last failure is raised (the change was not applied).
    """
    reset = CURRENT.set(MutationContext(operation))
    try:
        attempt = 0
        while True:
            unknown: OutcomeUnknownError | None = None
            try:
                return send()
            except OutcomeUnknownError as error:
                unknown = error
            looked_up: SaagieError | None = None
            found: T | None = None
            try:
                found = probe()
            except SaagieError as error:
                looked_up = error
            if looked_up is not None:
                raise OutcomeUnknownError(
                    f"{unknown} (looking it up failed as well: {looked_up})",
                    operation=unknown.operation,
                    failure=unknown.failure,
                    check=unknown.check,
                )
            if found is not None:
                logger.info("%s: the answer was lost, the change is on the platform: done", operation)
                return found
            if attempt >= api.settings.retries:
                raise unknown.failure  # checked on the platform: the change was not applied
            delay = backoff_delay(attempt)
            logger.info("%s: the answer was lost, the change is not on the platform: retry in %.2f s", operation, delay)
            sync_sleep(delay)
            attempt += 1
    finally:
        CURRENT.reset(reset)


def idempotent(operation: str, send: Callable[[], ResultOf[T]]) -> T:
    """``send()`` a change that leaves the same state when applied twice (an edit): sent again like a query."""
    reset = CURRENT.set(MutationContext(operation, idempotent=True))
    try:
        return send()
    finally:
        CURRENT.reset(reset)


def announced(operation: str, check: str, send: Callable[[], ResultOf[T]]) -> T:
    """``send()`` a change with no natural key (a run): a lost answer raises OutcomeUnknownError saying ``check``."""
    unknown: OutcomeUnknownError | None = None
    try:
        return send()
    except OutcomeUnknownError as error:
        unknown = error
    raise OutcomeUnknownError(
        f"{operation} was sent but its outcome is unknown ({unknown.failure}); the platform may or may not have "
        f"applied it, and sending it again could do it twice: {check}",
        operation=operation,
        failure=unknown.failure,
        check=check,
    )


def gone(lookup: Callable[[], ResultOf[object]], result: T) -> T | None:
    """``result`` when ``lookup()`` says the entity does not exist (a deletion applied), else None."""
    try:
        lookup()
    except SaagieError as error:
        if is_not_found(error):
            return result
        raise
    return None


# -- probes: what each change leaves on the platform --------------------------------------------------------
def project_created(api: SaagieApi, name: str, description: str) -> Project | None:
    """The project ``name`` when it exists with ``description`` (project names are unique on a platform)."""
    for project in api.projects.list():
        if casefold_equal(project.name, name) and (project.description or "") == (description or ""):
            return project
    return None


def job_created(
    api: SaagieApi, project_id: str, job: Mapping[str, Any], version: Mapping[str, Any], artifact: str | None
) -> Job | None:
    """The job named ``job["name"]`` in the project when its category, technology and current version are
    the ones sent (job names are unique in a project, case-insensitively)."""
    ids = [s.id for s in api.jobs.list_for_project_minimal(project_id) if casefold_equal(s.name, job["name"])]
    if len(ids) != 1:
        return None
    found = api.jobs.get_info(ids[0], instances_limit=1)
    dumped = found.model_dump(by_alias=True, mode="json")
    technology = (job.get("technology") or {}).get("id")
    if dumped.get("category") != job.get("category") or (
        technology and (dumped.get("technology") or {}).get("id") != technology
    ):
        return None
    current = next((v for v in dumped.get("versions") or [] if v.get("isCurrent")), None)
    if current is None or not job_version_matches(current, version, artifact):
        return None
    return found


def job_version_added(
    api: SaagieApi, job_id: str, before: int, version: Mapping[str, Any], artifact: str | None
) -> JobVersion | None:
    """The job's current version when it is newer than version ``before`` and is the one sent."""
    found = api.jobs.get_info(job_id, instances_limit=1, versions_only_current=True)
    current = next((v for v in found.versions if v.is_current), None)
    if current is None or current.number <= before:
        return None
    if not job_version_matches(current.model_dump(by_alias=True, mode="json"), version, artifact):
        return None
    return current


def _node_ids(graph: Mapping[str, Any]) -> set[str]:
    return {str(n.get("id")) for key in ("jobNodes", "conditionNodes") for n in graph.get(key) or []}


def pipeline_created(api: SaagieApi, project_id: str, fields: Mapping[str, Any]) -> Pipeline | None:
    """The pipeline named so in the project when its current version has the release note and graph nodes sent."""
    summaries = api.pipelines.list_for_project_minimal(project_id)
    ids = [s.id for s in summaries if casefold_equal(s.name, str(fields.get("name")))]
    if len(ids) != 1:
        return None
    found = api.pipelines.get_info(ids[0], instances_limit=1, versions_only_current=True)
    dumped = found.model_dump(by_alias=True, mode="json")
    current = next((v for v in dumped.get("versions") or [] if v.get("isCurrent")), None)
    if current is None or (current.get("releaseNote") or "") != (fields.get("releaseNote") or ""):
        return None
    if _node_ids(current.get("graph") or {}) != _node_ids(fields.get("graph") or {}):
        return None
    return found


def pipeline_version_added(
    api: SaagieApi, pipeline_id: str, graph: Mapping[str, Any], release_note: str
) -> PipelineVersion | None:
    """The pipeline's current version when it has the release note and graph nodes sent.

    A pipeline version holds nothing but its graph, release note and source URL: a current version with the
    same nodes (whose ids the client chose) and note is the change sent.
    """
    found = api.pipelines.get_info(pipeline_id, instances_limit=1, versions_only_current=True)
    current = next((v for v in found.versions if v.is_current), None)
    if current is None or (current.release_note or "") != (release_note or ""):
        return None
    if _node_ids(current.model_dump(by_alias=True, mode="json").get("graph") or {}) != _node_ids(graph):
        return None
    return current


def app_created(api: SaagieApi, project_id: str, name: str) -> App | None:
    """The app named ``name`` in the project (app names are unique in a project)."""
    ids = [s.id for s in api.apps.list_for_project_minimal(project_id) if casefold_equal(s.name, name)]
    return api.apps.get_info(ids[0]) if len(ids) == 1 else None


def app_version_added(api: SaagieApi, app_id: str, before: int, release_note: str) -> AppVersion | None:
    """The app's current version when it is newer than version ``before`` with the release note sent."""
    current = (api.apps.get_info(app_id)).current_version
    if current is None or current.number <= before or (current.release_note or "") != (release_note or ""):
        return None
    return current


def env_var_created(
    api: SaagieApi, scope: str, owner: Mapping[str, str | None], sent: Mapping[str, Any]
) -> EnvVar | None:
    """The variable named so at exactly this scope, with the description, password flag (and value) sent."""
    for variable in api.env_vars.list(scope, scope_only=True, **owner):
        if variable.name != sent["name"]:
            continue
        if (variable.description or "") != (sent.get("description") or ""):
            return None
        if bool(variable.is_password) != bool(sent.get("isPassword")):
            return None
        if not variable.is_password and (variable.value or "") != (sent.get("value") or ""):
            return None
        return variable
    return None


def docker_credential_created(
    api: SaagieApi, project_id: str, registry: str | None, username: str
) -> DockerCredentials | None:
    """The credentials of ``username`` on ``registry`` in the project (one per registry and username)."""
    for credential in api.docker_credentials.list_for_project(project_id):
        if (credential.registry or None) == (registry or None) and credential.username == username:
            return credential
    return None


def storage_created(api: SaagieApi, project_id: str, fields: Mapping[str, Any]) -> Storage | None:
    """The storage named so in the project, with the description sent (storage names are unique in a project)."""
    for storage in api.storages.list_for_project(project_id):
        if casefold_equal(storage.name, str(fields.get("name"))):
            if (storage.description or "") != (fields.get("description") or ""):
                return None
            return storage
    return None
