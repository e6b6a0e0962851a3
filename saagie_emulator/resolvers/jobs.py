"""Projects API wire adapter: jobs and job versions (see :mod:`saagie_emulator.backend.jobs`)."""

from __future__ import annotations

from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import context_of
from ..graphql_http import UploadedFile
from ..model import Job, JobInstance, JobVersion
from .common import alerting_out, page

__all__ = ["bindables", "upload_of"]

query = QueryType()
mutation = MutationType()
job_type = ObjectType("Job")
version_type = ObjectType("JobVersion")


def upload_of(file: Any) -> UploadedFile | None:
    """The uploaded file of a multipart request (anything else, a JSON null or string, is no file)."""
    return file if isinstance(file, UploadedFile) else None


# ----------------------------------------------------------------------------- queries
@query.field("jobs")
def resolve_jobs(
    _: Any, info: Any, project_id: str, category: str | None = None, technology_id: str | None = None
) -> list[Job] | None:
    ctx = context_of(info)
    return ctx.backend.jobs.of_project(ctx.caller, project_id, category=category, technology_id=technology_id)


@query.field("job")
@query.field("labWebApp")
def resolve_job(_: Any, info: Any, id: str) -> Job | None:
    ctx = context_of(info)
    return ctx.backend.jobs.visible(ctx.caller, id)


@query.field("jobByAlias")
def resolve_job_by_alias(_: Any, info: Any, project_id: str, alias: str) -> Job | None:
    ctx = context_of(info)
    return ctx.backend.jobs.by_alias(ctx.caller, project_id, alias)


@query.field("jobVersion")
def resolve_job_version(_: Any, info: Any, job_id: str, number: int) -> JobVersion | None:
    ctx = context_of(info)
    job = ctx.backend.jobs.visible(ctx.caller, job_id)
    return None if job is None else ctx.backend.jobs.find_version(job, number)


@query.field("countJobs")
def resolve_count_jobs(_: Any, info: Any, project_id: str, **deprecated: Any) -> list[dict[str, Any]] | None:
    """The deprecated ``search``/``jobCategory``/``technologyId`` are "not implemented": ignored."""
    ctx = context_of(info)
    return ctx.backend.jobs.count_by_category(ctx.caller, project_id)


@query.field("labWebApps")
def resolve_lab_web_apps(_: Any, info: Any, project_id: str) -> list[Job] | None:
    ctx = context_of(info)
    return ctx.backend.jobs.lab_web_apps(ctx.caller, project_id)


# ----------------------------------------------------------------------------- Job fields
@job_type.field("project")
def resolve_job_project(obj: Job, info: Any) -> Any:
    return context_of(info).store.project(obj.project_id)


@job_type.field("technology")
def resolve_job_technology(obj: Job, info: Any) -> dict[str, str]:
    return {"id": obj.technology_id}


@job_type.field("alerting")
def resolve_job_alerting(obj: Job, info: Any) -> Any:
    return alerting_out(obj.alerting)


@job_type.field("countJobInstance")
def resolve_count_job_instance(obj: Job, info: Any) -> int:
    return len(context_of(info).backend.job_instances.of_job(obj.id))


@job_type.field("instances")
def resolve_job_instances(
    obj: Job, info: Any, limit: int | None = None, skip: int | None = None, **_: Any
) -> list[JobInstance]:
    return page(context_of(info).backend.job_instances.of_job(obj.id), limit, skip)


@job_type.field("versions")
def resolve_job_versions(
    obj: Job, info: Any, limit: int | None = None, only_current: bool | None = None
) -> list[JobVersion]:
    versions = sorted(obj.versions, key=lambda v: v.number, reverse=True)
    if only_current:
        versions = [v for v in versions if v.is_current]
    owners = context_of(info).memo.setdefault("job_of_version", {})
    for version in versions:  # their fields need their job: found here, not by scanning every job
        owners[id(version)] = obj
    return page(versions, limit)


def _owner(ctx: Any, version: JobVersion) -> Job | None:
    """The job of a version listed by this request's ``Job.versions`` (else found by a scan of the jobs)."""
    job: Job | None = ctx.memo.get("job_of_version", {}).get(id(version))
    return job if job is not None else ctx.backend.jobs.owner_of_version(version)


@job_type.field("scheduleStatus")
def resolve_schedule_status(obj: Job, info: Any) -> str | None:
    return "READY" if obj.is_scheduled else None


@job_type.field("isDeletable")
def resolve_is_deletable(obj: Job, info: Any) -> bool:
    return not context_of(info).backend.jobs.deletable_reasons(obj)


@job_type.field("deletableState")
def resolve_job_deletable_state(obj: Job, info: Any) -> dict[str, Any]:
    reasons = context_of(info).backend.jobs.deletable_reasons(obj)
    return {"deletable": not reasons, "reasons": reasons}


@job_type.field("pipelines")
def resolve_job_pipelines(obj: Job, info: Any, is_current: bool | None = None) -> list[Any]:
    return []


@job_type.field("graphPipelines")
def resolve_job_graph_pipelines(obj: Job, info: Any, is_current: bool | None = None) -> list[Any]:
    return context_of(info).backend.jobs.pipelines_using(obj, current_only=bool(is_current))


# ----------------------------------------------------------------------------- JobVersion fields
@version_type.field("packageInfo")
def resolve_package_info(obj: JobVersion, info: Any) -> dict[str, Any] | None:
    if obj.package_name is None:
        return None
    ctx = context_of(info)
    job = _owner(ctx, obj)
    if job is None:
        return {"name": obj.package_name, "download_url": None}
    url = (
        f"/projects/api/platform/{ctx.platform_id}/project/{job.project_id}/job/{job.id}"
        f"/version/{obj.number}/artifact/{obj.package_name}"
    )
    return {"name": obj.package_name, "download_url": url}


@version_type.field("deletableState")
def resolve_version_deletable_state(obj: JobVersion, info: Any) -> dict[str, Any]:
    ctx = context_of(info)
    jobs = ctx.backend.jobs
    job = _owner(ctx, obj)
    reasons = (
        (["CURRENT_VERSION"] if obj.is_current else []) if job is None else jobs.version_deletable_reasons(job, obj)
    )
    return {"deletable": not reasons, "reasons": reasons}


@version_type.field("resources")
def resolve_version_resources(obj: JobVersion, info: Any) -> None:
    return None


# ----------------------------------------------------------------------------- mutations
@mutation.field("createJob")
def resolve_create_job(_: Any, info: Any, job: dict[str, Any], job_version: dict[str, Any], file: Any = None) -> Job:
    ctx = context_of(info)
    return ctx.backend.jobs.create(ctx.caller, job, job_version, upload_of(file))


@mutation.field("addJobVersion")
def resolve_add_job_version(
    _: Any, info: Any, job_id: str, job_version: dict[str, Any], file: Any = None
) -> JobVersion:
    ctx = context_of(info)
    return ctx.backend.jobs.add_version(ctx.caller, job_id, job_version, upload_of(file))


@mutation.field("editJob")
def resolve_edit_job(_: Any, info: Any, job: dict[str, Any]) -> Job:
    ctx = context_of(info)
    return ctx.backend.jobs.edit(ctx.caller, job)


@mutation.field("deleteJobVersions")
def resolve_delete_job_versions(_: Any, info: Any, job_id: str, job_version_numbers: list[int]) -> list[Any]:
    ctx = context_of(info)
    return ctx.backend.jobs.delete_versions(ctx.caller, job_id, job_version_numbers)


@mutation.field("rollbackJobVersion")
def resolve_rollback_job(_: Any, info: Any, job_id: str, version_number: int) -> Job:
    ctx = context_of(info)
    return ctx.backend.jobs.rollback(ctx.caller, job_id, version_number)


@mutation.field("setMajorJobVersion")
def resolve_set_major_job(_: Any, info: Any, job_id: str, version_number: int, is_major: bool) -> JobVersion:
    ctx = context_of(info)
    return ctx.backend.jobs.set_major(ctx.caller, job_id, version_number, is_major)


@mutation.field("deleteJob")
@mutation.field("archiveJob")
def resolve_delete_job(_: Any, info: Any, job_id: str) -> bool:
    ctx = context_of(info)
    return ctx.backend.jobs.delete(ctx.caller, job_id, info.field_name)


@mutation.field("duplicateJob")
def resolve_duplicate_job(_: Any, info: Any, original_job_id: str) -> Job:
    ctx = context_of(info)
    return ctx.backend.jobs.duplicate(ctx.caller, original_job_id)


@mutation.field("moveJob")
def resolve_move_job(
    _: Any, info: Any, job_id: str, target_platform_id: int, target_project_id: str, target_category: str | None = None
) -> str:
    ctx = context_of(info)
    return ctx.backend.jobs.move(ctx.caller, job_id, target_platform_id, target_project_id, target_category)


@mutation.field("moveJobs")
def resolve_move_jobs(_: Any, info: Any, job_ids: list[str], project_id: str, category: str | None = None) -> bool:
    ctx = context_of(info)
    return ctx.backend.jobs.move_many(ctx.caller, [str(j) for j in job_ids], project_id, category)


def bindables() -> list[Any]:
    return [query, mutation, job_type, version_type]
