"""Projects: creation with their technologies and rights, listing, edition, deletion."""

from __future__ import annotations

from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import RequestContext, context_of
from ..errors import ValidationError
from ..model import Project, new_id

__all__ = ["bindables", "delete_project_contents"]

query = QueryType()
mutation = MutationType()
project_type = ObjectType("Project")
JOB_CATEGORIES = ("Extraction", "Processing", "Smart App")


@query.field("projects")
def resolve_projects(
    _: Any, info: Any, search: str | None = None, first: int | None = None, skip: int | None = None
) -> list[Project]:
    projects = list(context_of(info).store.data.projects.values())
    if search:
        projects = [p for p in projects if search.casefold() in p.name.casefold()]
    start = skip or 0
    return projects[start : start + first] if first else projects[start:]


@query.field("project")
def resolve_project(_: Any, info: Any, id: str) -> Project:
    return context_of(info).store.project(id)


@query.field("projectByName")
def resolve_project_by_name(_: Any, info: Any, name: str) -> Project | None:
    for project in context_of(info).store.data.projects.values():
        if project.name == name:
            return project
    return None


@query.field("rights")
def resolve_rights(_: Any, info: Any, project_id: str) -> list[dict[str, Any]]:
    project = context_of(info).store.project(project_id)
    return [{"name": name, "role": role, "is_all_projects": False} for name, role in project.authorized_groups]


@query.field("technologiesByCategory")
def resolve_technologies_by_category(_: Any, info: Any, project_id: str, job_category: str | None = None) -> Any:
    project = context_of(info).store.project(project_id)
    return [c for c in _technologies_by_category(project) if job_category in (None, c["job_category"])]


@query.field("appTechnologies")
def resolve_app_technologies_root(_: Any, info: Any, project_id: str) -> list[dict[str, str]]:
    return [{"id": i} for i in context_of(info).store.project(project_id).app_technology_ids]


def _technologies_by_category(project: Project) -> list[dict[str, Any]]:
    return [
        {"job_category": category, "technologies": [{"id": i} for i in ids]}
        for category, ids in project.technologies_by_category
    ]


@project_type.field("technologiesByCategory")
def resolve_project_technologies(obj: Project, info: Any) -> list[dict[str, Any]]:
    return _technologies_by_category(obj)


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


# ----------------------------------------------------------------------------- validation
def _check_name(ctx: RequestContext, name: str, exclude: str | None = None) -> None:
    if not name or not name.strip():
        raise ValidationError("The project name must not be empty")
    for project in ctx.store.data.projects.values():
        if project.id != exclude and project.name.casefold() == name.casefold():
            raise ValidationError(f"A project named '{name}' already exists")


def _job_technologies(ctx: RequestContext, categories: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    result: list[tuple[str, list[str]]] = []
    for entry in categories:
        category = entry["job_category"]
        if category not in JOB_CATEGORIES:
            raise ValidationError(f"Unknown job category '{category}'")
        ids: list[str] = []
        for tech in entry.get("technologies") or []:
            technology = ctx.store.technology(tech["id"])
            if technology.kind not in ("JobTechnology", "SparkTechnology"):
                raise ValidationError(f"Technology '{technology.label}' is not a job technology")
            if technology.id not in ids:
                ids.append(technology.id)
        result.append((category, ids))
    return result


def _app_technologies(ctx: RequestContext, technologies: list[dict[str, Any]]) -> list[str]:
    ids: list[str] = []
    for tech in technologies:
        technology = ctx.store.technology(tech["id"])
        if technology.kind != "AppTechnology":
            raise ValidationError(f"Technology '{technology.label}' is not an app technology")
        if technology.id not in ids:
            ids.append(technology.id)
    return ids


def _groups(ctx: RequestContext, groups: list[dict[str, Any] | None]) -> list[tuple[str, str | None]]:
    result: list[tuple[str, str | None]] = []
    for group in groups:
        if group is None:
            continue
        if group["name"] not in ctx.store.data.groups:
            raise ValidationError(f"Group '{group['name']}' does not exist")
        result.append((group["name"], group.get("role")))
    return result


@mutation.field("createProject")
def resolve_create_project(_: Any, info: Any, project: dict[str, Any]) -> Project:
    ctx = context_of(info)
    with ctx.store.lock:
        _check_name(ctx, project["name"])
        created = Project(
            id=new_id(),
            name=project["name"],
            creator=ctx.login,
            description=project.get("description"),
            technologies_by_category=_job_technologies(ctx, project.get("technologies_by_category") or []),
            app_technology_ids=_app_technologies(ctx, project.get("app_technologies") or []),
            authorized_groups=_groups(ctx, project.get("authorized_groups") or []),
        )
        ctx.store.data.projects[created.id] = created
    return created


@mutation.field("editProject")
def resolve_edit_project(_: Any, info: Any, project: dict[str, Any]) -> Project:
    ctx = context_of(info)
    with ctx.store.lock:
        found = ctx.store.project(project["id"])
        if project.get("name"):
            _check_name(ctx, project["name"], exclude=found.id)
            found.name = project["name"]
        if "description" in project:
            found.description = project["description"]
        if project.get("technologies_by_category") is not None:
            found.technologies_by_category = _job_technologies(ctx, project["technologies_by_category"])
        if project.get("app_technologies") is not None:
            found.app_technology_ids = _app_technologies(ctx, project["app_technologies"])
        if project.get("authorized_groups") is not None:
            found.authorized_groups = _groups(ctx, project["authorized_groups"])
    return found


def delete_project_contents(ctx: RequestContext, project_id: str) -> None:
    data = ctx.store.data
    job_ids = {job.id for job in ctx.store.jobs_of(project_id)}
    pipeline_ids = {p.id for p in ctx.store.pipelines_of(project_id)}
    app_ids = {a.id for a in ctx.store.apps_of(project_id)}
    for job_id in job_ids:
        del data.jobs[job_id]
    for pipeline_id in pipeline_ids:
        del data.pipelines[pipeline_id]
    for app_id in app_ids:
        del data.apps[app_id]
    for key, instance in list(data.job_instances.items()):
        if instance.job_id in job_ids:
            del data.job_instances[key]
    for key, pipeline_instance in list(data.pipeline_instances.items()):
        if pipeline_instance.pipeline_id in pipeline_ids:
            del data.pipeline_instances[key]
    for volume in ctx.store.volumes_of(project_id):
        del data.volumes[volume.id]
    for credential in [c for c in data.docker_credentials.values() if c.project_id == project_id]:
        del data.docker_credentials[credential.id]
    entities = job_ids | pipeline_ids | app_ids | {project_id}
    for env_var in [v for v in data.env_vars.values() if v.entity_id in entities]:
        del data.env_vars[env_var.id]


@mutation.field("deleteProject")
@mutation.field("archiveProject")
def resolve_delete_project(_: Any, info: Any, project_id: str) -> bool:
    ctx = context_of(info)
    with ctx.store.lock:
        project = ctx.store.project(project_id)
        delete_project_contents(ctx, project.id)
        del ctx.store.data.projects[project.id]
    return True


def bindables() -> list[Any]:
    return [query, mutation, project_type]
