"""Projects API wire adapter: projects (see :mod:`saagie_emulator.backend.projects`)."""

from __future__ import annotations

from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import context_of
from ..model import Project

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
project_type = ObjectType("Project")


@query.field("projects")
def resolve_projects(_: Any, info: Any, **deprecated: Any) -> list[Project]:
    """The deprecated ``search``/``first``/``skip`` are "not implemented" on the platform: ignored."""
    ctx = context_of(info)
    return ctx.backend.projects.search(ctx.caller)


@query.field("project")
def resolve_project(_: Any, info: Any, id: str) -> Project | None:
    ctx = context_of(info)
    return ctx.backend.projects.find(ctx.caller, id)


@query.field("projectByName")
def resolve_project_by_name(_: Any, info: Any, name: str) -> Project | None:
    ctx = context_of(info)
    return ctx.backend.projects.by_name(ctx.caller, name)


@query.field("rights")
def resolve_rights(_: Any, info: Any, project_id: str) -> list[dict[str, Any]] | None:
    ctx = context_of(info)
    return ctx.backend.projects.rights(ctx.caller, project_id)


@query.field("technologiesByCategory")
def resolve_technologies_by_category(_: Any, info: Any, project_id: str, job_category: str | None = None) -> Any:
    ctx = context_of(info)
    project = ctx.backend.projects.find(ctx.caller, project_id)
    return None if project is None else ctx.backend.projects.technologies_by_category(project, job_category)


@query.field("appTechnologies")
def resolve_app_technologies_root(_: Any, info: Any, project_id: str) -> list[dict[str, str]] | None:
    ctx = context_of(info)
    project = ctx.backend.projects.find(ctx.caller, project_id)
    return None if project is None else [{"id": i} for i in project.app_technology_ids]


@project_type.field("status")
def resolve_project_status(obj: Project, info: Any) -> str:
    return context_of(info).backend.projects.status(obj)


@project_type.field("technologiesByCategory")
def resolve_project_technologies(obj: Project, info: Any) -> list[dict[str, Any]]:
    return context_of(info).backend.projects.technologies_by_category(obj)


@project_type.field("appTechnologies")
def resolve_project_app_technologies(obj: Project, info: Any) -> list[dict[str, str]]:
    return [{"id": i} for i in obj.app_technology_ids]


@project_type.field("jobsCount")
def resolve_jobs_count(obj: Project, info: Any) -> int:
    return len(context_of(info).store.jobs_of(obj.id))


@project_type.field("jobs")
def resolve_project_jobs(obj: Project, info: Any, limit: int | None = None) -> list[Any]:
    jobs = context_of(info).store.jobs_of(obj.id)
    return jobs[:limit] if limit else jobs


@project_type.field("apps")
def resolve_project_apps(obj: Project, info: Any) -> list[Any]:
    return context_of(info).store.apps_of(obj.id)


@project_type.field("volumes")
def resolve_project_volumes(obj: Project, info: Any) -> list[Any]:
    return context_of(info).store.volumes_of(obj.id)


@project_type.field("pipelines")
def resolve_project_pipelines(obj: Project, info: Any) -> list[Any]:
    return context_of(info).store.pipelines_of(obj.id)


@mutation.field("createProject")
def resolve_create_project(_: Any, info: Any, project: dict[str, Any]) -> Project:
    ctx = context_of(info)
    return ctx.backend.projects.create(ctx.caller, project)


@mutation.field("editProject")
def resolve_edit_project(_: Any, info: Any, project: dict[str, Any]) -> Project:
    ctx = context_of(info)
    return ctx.backend.projects.edit(ctx.caller, project)


@mutation.field("deleteProject")
@mutation.field("archiveProject")
def resolve_delete_project(_: Any, info: Any, project_id: str) -> bool:
    ctx = context_of(info)
    return ctx.backend.projects.delete(ctx.caller, project_id, info.field_name)


def bindables() -> list[Any]:
    return [query, mutation, project_type]
