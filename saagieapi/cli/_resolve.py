"""Names accepted wherever ids are: ``--project NAME``, ``saagie jobs run ingest --project demo``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saagieapi import SaagieApi

__all__ = ["app_id", "is_id", "job_id", "pipeline_id", "project_id", "repository_id"]

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_id(value: str) -> bool:
    """Saagie ids are UUIDs; anything else is taken as a name."""
    return bool(_UUID.match(value.strip()))


def project_id(api: SaagieApi, project: str | None) -> str:
    from saagieapi.errors import InvalidInputError

    if not project:
        raise InvalidInputError("This command needs --project (a project name or id).")
    return project if is_id(project) else api.projects.get_id(project)


def _in_project(api: SaagieApi, kind: str, value: str, project: str | None, lister: str) -> str:
    from saagieapi.errors import InvalidInputError
    from saagieapi.lookup import find_by_name

    if is_id(value):
        return value
    if not project:
        raise InvalidInputError(f"{kind.capitalize()} {value!r} is a name: pass --project too (or give the {kind} id).")
    pid = project_id(api, project)
    items = getattr(getattr(api, kind + "s"), lister)(pid)
    return str(find_by_name(items, value, kind=kind, scope=f"project {project!r}").id)


def job_id(api: SaagieApi, job: str, project: str | None) -> str:
    return _in_project(api, "job", job, project, "list_for_project_minimal")


def app_id(api: SaagieApi, app: str, project: str | None) -> str:
    return _in_project(api, "app", app, project, "list_for_project_minimal")


def pipeline_id(api: SaagieApi, pipeline: str, project: str | None) -> str:
    return _in_project(api, "pipeline", pipeline, project, "list_for_project_minimal")


def repository_id(api: SaagieApi, repository: str) -> str:
    return repository if is_id(repository) else api.repositories.get_id(repository)
