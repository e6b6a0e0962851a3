"""Jobs: versions with stored artifacts, instances moving through their life cycle, housekeeping."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import RequestContext, context_of
from ..errors import NotFoundError, ValidationError
from ..graphql_http import UploadedFile
from ..lifecycle import FINAL_STATUSES, job_timeline, kill_tail, now
from ..logs import filter_logs, job_instance_logs
from ..model import Job, JobInstance, JobVersion, new_id
from ..scalars import format_datetime
from .common import alerting_out, history_of, page

__all__ = ["bindables", "create_job_instance", "job_alias", "visible_instances"]

query = QueryType()
mutation = MutationType()
job_type = ObjectType("Job")
version_type = ObjectType("JobVersion")
instance_type = ObjectType("JobInstance")
SELECTORS = ("ALL", "SUCCEEDED", "FAILED", "STOPPED", "UNKNOWN")
_SELECTOR_STATUSES = {
    "ALL": FINAL_STATUSES,
    "SUCCEEDED": {"SUCCEEDED"},
    "FAILED": {"FAILED", "ERROR"},
    "STOPPED": {"KILLED"},
    "UNKNOWN": {"UNKNOWN"},
}


def job_alias(name: str) -> str:
    """The alias the platform derives from a job or pipeline name."""
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


def visible_instances(ctx: RequestContext, job_id: str, at: float) -> list[JobInstance]:
    found = [i for i in ctx.store.data.job_instances.values() if i.job_id == job_id and i.visible_from <= at]
    return sorted(found, key=lambda i: i.number, reverse=True)


def _current(job: Job) -> JobVersion:
    return next(v for v in job.versions if v.is_current)


def _version(job: Job, number: int) -> JobVersion:
    for version in job.versions:
        if version.number == number:
            return version
    raise NotFoundError(f"Version of job {job.name}", number)


# ----------------------------------------------------------------------------- queries
@query.field("jobs")
def resolve_jobs(
    _: Any, info: Any, project_id: str, category: str | None = None, technology_id: str | None = None
) -> list[Job]:
    ctx = context_of(info)
    ctx.store.project(project_id)
    return [
        job
        for job in ctx.store.jobs_of(str(project_id))
        if category in (None, job.category) and technology_id in (None, job.technology_id)
    ]


@query.field("job")
@query.field("labWebApp")
def resolve_job(_: Any, info: Any, id: str) -> Job:
    return context_of(info).store.job(id)


@query.field("jobByAlias")
def resolve_job_by_alias(_: Any, info: Any, project_id: str, alias: str) -> Job | None:
    for job in context_of(info).store.jobs_of(str(project_id)):
        if job.alias == alias:
            return job
    return None


@query.field("jobInstance")
def resolve_job_instance(_: Any, info: Any, id: str) -> JobInstance:
    return context_of(info).store.job_instance(id)


@query.field("jobVersion")
def resolve_job_version(_: Any, info: Any, job_id: str, number: int) -> JobVersion:
    return _version(context_of(info).store.job(job_id), number)


@query.field("countJobInstancesBySelector")
def resolve_count_by_selector(_: Any, info: Any, job_id: str) -> list[dict[str, Any]]:
    ctx = context_of(info)
    at = now()
    statuses = [i.timeline.status_at(at) for i in visible_instances(ctx, ctx.store.job(job_id).id, at)]
    return [
        {"selector": selector, "count": sum(1 for s in statuses if s in _SELECTOR_STATUSES[selector])}
        for selector in SELECTORS
    ]


@query.field("countJobInstancesByDate")
def resolve_count_by_date(_: Any, info: Any, job_id: str, before_at: datetime) -> int:
    ctx = context_of(info)
    return len(_deletable_by_date(ctx, ctx.store.job(job_id).id, before_at, now()))


def _logs(ctx: RequestContext, instance: JobInstance, at: float) -> list[dict[str, Any]]:
    job = ctx.store.job(instance.job_id)
    version = _version(job, instance.version_number)
    return job_instance_logs(job.name, version.command_line, instance.timeline.status_at(at), instance.visible_from)


@query.field("filteredLogs")
def resolve_filtered_logs(
    _: Any, info: Any, job_instance_id: str, streams: list[str], limit: int | None = None, skip: int | None = None
) -> dict[str, Any]:
    ctx = context_of(info)
    lines = filter_logs(_logs(ctx, ctx.store.job_instance(job_instance_id), now()), set(streams) or None)
    return {"count": len(lines), "content": page(lines, limit, skip)}


@query.field("countFilteredLogs")
def resolve_count_filtered_logs(_: Any, info: Any, job_instance_id: str, streams: list[str]) -> int:
    ctx = context_of(info)
    return len(filter_logs(_logs(ctx, ctx.store.job_instance(job_instance_id), now()), set(streams) or None))


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
    return len(visible_instances(context_of(info), obj.id, now()))


@job_type.field("instances")
def resolve_job_instances(
    obj: Job, info: Any, limit: int | None = None, skip: int | None = None, **_: Any
) -> list[JobInstance]:
    return page(visible_instances(context_of(info), obj.id, now()), limit, skip)


@job_type.field("versions")
def resolve_job_versions(
    obj: Job, info: Any, limit: int | None = None, only_current: bool | None = None
) -> list[JobVersion]:
    versions = sorted(obj.versions, key=lambda v: v.number, reverse=True)
    if only_current:
        versions = [v for v in versions if v.is_current]
    return page(versions, limit)


@job_type.field("scheduleStatus")
def resolve_schedule_status(obj: Job, info: Any) -> str | None:
    return "READY" if obj.is_scheduled else None


def _unfinished(ctx: RequestContext, job: Job) -> bool:
    at = now()
    return any(i.timeline.status_at(at) not in FINAL_STATUSES for i in visible_instances(ctx, job.id, at))


def _pipelines_using(ctx: RequestContext, job: Job, current_only: bool) -> list[Any]:
    found = []
    for pipeline in ctx.store.pipelines_of(job.project_id):
        versions = [v for v in pipeline.versions if v.is_current or not current_only]
        if any(node.job_id == job.id for version in versions for node in version.job_nodes):
            found.append(pipeline)
    return found


@job_type.field("isDeletable")
def resolve_is_deletable(obj: Job, info: Any) -> bool:
    return not _unfinished(context_of(info), obj)


@job_type.field("deletableState")
def resolve_job_deletable_state(obj: Job, info: Any) -> dict[str, Any]:
    ctx = context_of(info)
    reasons = []
    if _unfinished(ctx, obj):
        reasons.append("HAS_UNFINISHED_INSTANCES")
    if _pipelines_using(ctx, obj, current_only=True):
        reasons.append("LINKED_TO_PIPELINE")
    return {"deletable": not reasons, "reasons": reasons}


@job_type.field("pipelines")
def resolve_job_pipelines(obj: Job, info: Any, is_current: bool | None = None) -> list[Any]:
    return []


@job_type.field("graphPipelines")
def resolve_job_graph_pipelines(obj: Job, info: Any, is_current: bool | None = None) -> list[Any]:
    return _pipelines_using(context_of(info), obj, current_only=bool(is_current))


# ----------------------------------------------------------------------------- JobVersion fields
@version_type.field("packageInfo")
def resolve_package_info(obj: JobVersion, info: Any) -> dict[str, Any] | None:
    if obj.package_name is None:
        return None
    ctx = context_of(info)
    job = next((j for j in ctx.store.data.jobs.values() if any(v is obj for v in j.versions)), None)
    if job is None:
        return {"name": obj.package_name, "download_url": None}
    url = (
        f"/projects/api/platform/{ctx.platform_id}/project/{job.project_id}/job/{job.id}"
        f"/version/{obj.number}/artifact/{obj.package_name}"
    )
    return {"name": obj.package_name, "download_url": url}


@version_type.field("deletableState")
def resolve_version_deletable_state(obj: JobVersion, info: Any) -> dict[str, Any]:
    reasons = ["CURRENT_VERSION"] if obj.is_current else []
    return {"deletable": not reasons, "reasons": reasons}


@version_type.field("resources")
def resolve_version_resources(obj: JobVersion, info: Any) -> None:
    return None


# ----------------------------------------------------------------------------- JobInstance fields
@instance_type.field("status")
def resolve_instance_status(obj: JobInstance, info: Any) -> str:
    return obj.timeline.status_at(now())


@instance_type.field("history")
def resolve_instance_history(obj: JobInstance, info: Any) -> dict[str, Any]:
    return history_of(obj.timeline, now())


@instance_type.field("version")
def resolve_instance_version(obj: JobInstance, info: Any) -> JobVersion:
    return _version(context_of(info).store.job(obj.job_id), obj.version_number)


@instance_type.field("startTime")
def resolve_instance_start(obj: JobInstance, info: Any) -> str:
    return format_datetime(obj.visible_from)


@instance_type.field("endTime")
def resolve_instance_end(obj: JobInstance, info: Any) -> str | None:
    at = obj.timeline.time_of(now(), set(FINAL_STATUSES))
    return format_datetime(at) if at is not None else None


@instance_type.field("jobAlias")
def resolve_instance_alias(obj: JobInstance, info: Any) -> str | None:
    job = context_of(info).store.data.jobs.get(obj.job_id)
    return job.alias if job else None


@instance_type.field("effectiveDockerImage")
def resolve_effective_image(obj: JobInstance, info: Any) -> str:
    ctx = context_of(info)
    job = ctx.store.job(obj.job_id)
    version = _version(job, obj.version_number)
    if version.docker_info:
        return str(version.docker_info.get("image"))
    technology = ctx.store.data.technologies.get(job.technology_id)
    return f"saagie/{technology.technology_id if technology else 'job'}:{version.runtime_version or 'latest'}"


@instance_type.field("pipelineInstance")
def resolve_instance_pipeline_instance(obj: JobInstance, info: Any) -> Any:
    if obj.pipeline_instance_id is None:
        return None
    return context_of(info).store.data.pipeline_instances.get(obj.pipeline_instance_id)


@instance_type.field("executionGlobalVariablesInput")
def resolve_global_vars_input(obj: JobInstance, info: Any) -> list[dict[str, Any]]:
    return obj.execution_variables


@instance_type.field("executionVariablesInput")
def resolve_vars_input(obj: JobInstance, info: Any) -> list[Any]:
    return []


@instance_type.field("executionVariablesOutput")
def resolve_vars_output(obj: JobInstance, info: Any) -> list[Any]:
    return []


@instance_type.field("executionVariablesByKey")
def resolve_vars_by_key(obj: JobInstance, info: Any) -> list[Any]:
    return []


@instance_type.field("deletableState")
def resolve_instance_deletable(obj: JobInstance, info: Any) -> dict[str, Any]:
    reasons = []
    if obj.timeline.status_at(now()) not in FINAL_STATUSES:
        reasons.append("INSTANCE_NOT_TERMINATED")
    if obj.pipeline_instance_id:
        reasons.append("INSTANCE_LINKED_TO_PIPELINE")
    return {"deletable": not reasons, "reasons": reasons}


# ----------------------------------------------------------------------------- creation and versions
def _check_job_name(ctx: RequestContext, project_id: str, name: str, exclude: str | None = None) -> None:
    if not name or not name.strip():
        raise ValidationError("The job name must not be empty")
    others = [j for j in ctx.store.jobs_of(project_id) if j.id != exclude]
    ctx.store.check_unique_name("Job", [j.name for j in others], name)
    alias = job_alias(name)
    if any((j.alias or "").casefold() == alias.casefold() for j in others):
        raise ValidationError(f"Job alias '{alias}' is already used in this project")


def _check_runtime(ctx: RequestContext, technology_id: str, version: dict[str, Any]) -> None:
    technology = ctx.store.technology(technology_id)
    runtime = version.get("runtime_version")
    if runtime is None:
        if version.get("docker_info") is None and technology.label != "Generic":
            raise ValidationError(f"A runtime version is required for technology '{technology.label}'")
        return
    available = [c.id for c in technology.contexts if c.available]
    if runtime not in available:
        raise ValidationError(
            f"Runtime '{runtime}' does not exist for technology '{technology.label}' (available: {available})"
        )


def _new_version(
    ctx: RequestContext, job: Job, version: dict[str, Any], file: Any, previous: JobVersion | None
) -> JobVersion:
    number = max((v.number for v in job.versions), default=0) + 1
    created = JobVersion(
        number=number,
        creator=ctx.login,
        release_note=version.get("release_note"),
        runtime_version=version.get("runtime_version"),
        command_line=version.get("command_line"),
        docker_info=version.get("docker_info"),
        extra_technology=version.get("extra_technology"),
        source_url=version.get("source_url"),
        does_use_gpu=bool(version.get("does_use_gpu")),
    )
    if isinstance(file, UploadedFile):
        created.package_name = file.filename.replace("\\", "/").rsplit("/", 1)[-1]
        created.artifact = file.content
    elif previous is not None and (
        version.get("use_previous_artifact") or (version.get("package_info") or {}).get("use_previous_artifact")
    ):
        created.package_name, created.artifact = previous.package_name, previous.artifact
    for existing in job.versions:
        existing.is_current = False
    created.is_current = True
    job.versions.append(created)
    return created


@mutation.field("createJob")
def resolve_create_job(_: Any, info: Any, job: dict[str, Any], job_version: dict[str, Any], file: Any = None) -> Job:
    ctx = context_of(info)
    with ctx.store.lock:
        project = ctx.store.project(job["project_id"])
        _check_job_name(ctx, project.id, job["name"])
        technology_id = str(job["technology"]["id"])
        technology = ctx.store.technology(technology_id)
        allowed = dict(project.technologies_by_category).get(job["category"])
        if allowed is None:
            raise ValidationError(f"Job category '{job['category']}' is not enabled in project '{project.name}'")
        if technology.id not in allowed:
            raise ValidationError(
                f"Technology '{technology.label}' is not enabled for category '{job['category']}' in this project"
            )
        _check_runtime(ctx, technology_id, job_version)
        if job.get("is_scheduled") and not job.get("cron_scheduling"):
            raise ValidationError("A scheduled job needs a cron expression")
        created = Job(
            id=new_id(),
            project_id=project.id,
            name=job["name"],
            alias=job.get("alias") or job_alias(job["name"]),
            category=job["category"],
            technology_id=technology_id,
            creator=ctx.login,
            description=job.get("description"),
            is_scheduled=bool(job.get("is_scheduled")),
            cron_scheduling=job.get("cron_scheduling"),
            schedule_timezone=job.get("schedule_timezone") or ("UTC" if job.get("is_scheduled") else None),
            alerting=job.get("alerting"),
            is_streaming=bool(job.get("is_streaming")),
            does_use_gpu=bool(job.get("does_use_gpu")),
            resources=job.get("resources"),
        )
        _new_version(ctx, created, job_version, file, None)
        ctx.store.data.jobs[created.id] = created
    return created


@mutation.field("addJobVersion")
def resolve_add_job_version(
    _: Any, info: Any, job_id: str, job_version: dict[str, Any], file: Any = None
) -> JobVersion:
    ctx = context_of(info)
    with ctx.store.lock:
        job = ctx.store.job(job_id)
        current = _current(job)
        merged = dict(job_version)
        merged.setdefault("runtime_version", current.runtime_version)
        if merged.get("runtime_version") is None:
            merged["runtime_version"] = current.runtime_version
        _check_runtime(ctx, job.technology_id, merged)
        return _new_version(ctx, job, merged, file, current)


@mutation.field("editJob")
def resolve_edit_job(_: Any, info: Any, job: dict[str, Any]) -> Job:
    ctx = context_of(info)
    with ctx.store.lock:
        found = ctx.store.job(job["id"])
        if job.get("name"):
            _check_job_name(ctx, found.project_id, job["name"], exclude=found.id)
            found.name = job["name"]
        if job.get("alias"):
            found.alias = job["alias"]
        for key in ("description", "alerting", "resources", "cron_scheduling", "schedule_timezone"):
            if key in job:
                setattr(found, key, job[key])
        for key in ("is_scheduled", "is_streaming", "does_use_gpu"):
            if job.get(key) is not None:
                setattr(found, key, bool(job[key]))
        if found.is_scheduled and not found.cron_scheduling:
            raise ValidationError("A scheduled job needs a cron expression")
        if not found.is_scheduled and "cron_scheduling" not in job:
            found.cron_scheduling = None
    return found


@mutation.field("deleteJobVersions")
def resolve_delete_job_versions(_: Any, info: Any, job_id: str, job_version_numbers: list[int]) -> list[Any]:
    ctx = context_of(info)
    job = ctx.store.job(job_id)
    results = []
    for number in job_version_numbers:
        version = next((v for v in job.versions if v.number == number), None)
        success = version is not None and not version.is_current
        if success:
            job.versions.remove(version)  # type: ignore[arg-type]
        results.append({"number": number, "success": success})
    return results


@mutation.field("rollbackJobVersion")
def resolve_rollback_job(_: Any, info: Any, job_id: str, version_number: int) -> Job:
    ctx = context_of(info)
    job = ctx.store.job(job_id)
    target = _version(job, version_number)
    for version in job.versions:
        version.is_current = version is target
    return job


@mutation.field("setMajorJobVersion")
def resolve_set_major_job(_: Any, info: Any, job_id: str, version_number: int, is_major: bool) -> JobVersion:
    version = _version(context_of(info).store.job(job_id), version_number)
    version.is_major = is_major
    return version


@mutation.field("deleteJob")
@mutation.field("archiveJob")
def resolve_delete_job(_: Any, info: Any, job_id: str) -> bool:
    ctx = context_of(info)
    with ctx.store.lock:
        job = ctx.store.job(job_id)
        if _unfinished(ctx, job):
            raise ValidationError(f"Job '{job.name}' has unfinished instances and cannot be deleted")
        used_by = _pipelines_using(ctx, job, current_only=True)
        if used_by:
            names = ", ".join(p.name for p in used_by)
            raise ValidationError(f"Job '{job.name}' is used by pipeline(s) {names} and cannot be deleted")
        del ctx.store.data.jobs[job.id]
        for key in [k for k, i in ctx.store.data.job_instances.items() if i.job_id == job.id]:
            del ctx.store.data.job_instances[key]
        for env_var in [v for v in ctx.store.data.env_vars.values() if v.entity_id == job.id]:
            del ctx.store.data.env_vars[env_var.id]
    return True


def _copy_job(ctx: RequestContext, job: Job, project_id: str, name: str) -> Job:
    copy = Job(
        id=new_id(),
        project_id=project_id,
        name=name,
        alias=job_alias(name),
        category=job.category,
        technology_id=job.technology_id,
        creator=ctx.login,
        description=job.description,
        is_scheduled=job.is_scheduled,
        cron_scheduling=job.cron_scheduling,
        schedule_timezone=job.schedule_timezone,
        alerting=job.alerting,
        is_streaming=job.is_streaming,
        does_use_gpu=job.does_use_gpu,
        resources=job.resources,
        versions=[JobVersion(**{**vars(v)}) for v in job.versions],
    )
    ctx.store.data.jobs[copy.id] = copy
    return copy


@mutation.field("duplicateJob")
def resolve_duplicate_job(_: Any, info: Any, original_job_id: str) -> Job:
    ctx = context_of(info)
    with ctx.store.lock:
        job = ctx.store.job(original_job_id)
        names = {j.name.casefold() for j in ctx.store.jobs_of(job.project_id)}
        index = 1
        while f"{job.name} (copy {index})".casefold() in names:
            index += 1
        copy = _copy_job(ctx, job, job.project_id, f"{job.name} (copy {index})")
        copy.original_job_id = job.id
    return copy


@mutation.field("moveJob")
def resolve_move_job(
    _: Any, info: Any, job_id: str, target_platform_id: int, target_project_id: str, target_category: str | None = None
) -> str:
    ctx = context_of(info)
    with ctx.store.lock:
        if target_platform_id != ctx.platform_id:
            raise NotFoundError("Platform", target_platform_id)
        job = ctx.store.job(job_id)
        target = ctx.store.project(target_project_id)
        if _unfinished(ctx, job) or _pipelines_using(ctx, job, current_only=False):
            raise ValidationError(f"Job '{job.name}' cannot be moved: it is running or used by a pipeline")
        _check_job_name(ctx, target.id, job.name)
        moved = _copy_job(ctx, job, target.id, job.name)
        if target_category:
            moved.category = target_category
        del ctx.store.data.jobs[job.id]
        for key in [k for k, i in ctx.store.data.job_instances.items() if i.job_id == job.id]:
            del ctx.store.data.job_instances[key]
    return moved.id


# ----------------------------------------------------------------------------- instances
def create_job_instance(
    ctx: RequestContext,
    job: Job,
    start: float,
    *,
    pipeline_instance_id: str | None = None,
    job_node_id: str | None = None,
    execution_variables: list[dict[str, Any]] | None = None,
) -> JobInstance:
    outcome = ctx.controls.outcome_for(job.id, job.name)
    number = 1 + max((i.number for i in ctx.store.data.job_instances.values() if i.job_id == job.id), default=0)
    instance = JobInstance(
        id=new_id(),
        number=number,
        job_id=job.id,
        version_number=_current(job).number,
        timeline=job_timeline(ctx.controls, start, outcome),
        visible_from=start,
        pipeline_instance_id=pipeline_instance_id,
        job_node_id=job_node_id,
        execution_variables=execution_variables or [],
    )
    ctx.store.data.job_instances[instance.id] = instance
    return instance


@mutation.field("runJob")
def resolve_run_job(_: Any, info: Any, job_id: str) -> JobInstance:
    ctx = context_of(info)
    with ctx.store.lock:
        return create_job_instance(ctx, ctx.store.job(job_id), now())


@mutation.field("stopJobInstance")
def resolve_stop_job_instance(_: Any, info: Any, job_instance_id: str) -> JobInstance:
    ctx = context_of(info)
    instance = ctx.store.job_instance(job_instance_id)
    at = now()
    if instance.timeline.status_at(at) in FINAL_STATUSES:
        raise ValidationError(f"Job instance {instance.id} is already finished")
    instance.timeline.cut(at, kill_tail(ctx.controls, at))
    return instance


def _select(
    ctx: RequestContext,
    job_id: str,
    statuses: AbstractSet[str],
    exclude: list[str] | None,
    include: list[str] | None,
) -> list[JobInstance]:
    at = now()
    excluded = {str(i) for i in exclude or []}
    chosen = [
        i
        for i in visible_instances(ctx, job_id, at)
        if i.timeline.status_at(at) in statuses and i.id not in excluded and not i.pipeline_instance_id
    ]
    for extra in include or []:
        instance = ctx.store.data.job_instances.get(str(extra))
        if (
            instance
            and instance.job_id == job_id
            and instance not in chosen
            and instance.timeline.status_at(at) in FINAL_STATUSES
        ):
            chosen.append(instance)
    return chosen


def _deletable_by_date(ctx: RequestContext, job_id: str, before: datetime, at: float) -> list[JobInstance]:
    limit = before.timestamp()
    return [
        i
        for i in visible_instances(ctx, job_id, at)
        if i.visible_from < limit and i.timeline.status_at(at) in FINAL_STATUSES and not i.pipeline_instance_id
    ]


def _delete(ctx: RequestContext, instances: list[JobInstance]) -> int:
    for instance in instances:
        ctx.store.data.job_instances.pop(instance.id, None)
    return len(instances)


@mutation.field("deleteJobInstances")
def resolve_delete_job_instances(_: Any, info: Any, job_id: str, job_instance_ids: list[str] | None = None) -> Any:
    ctx = context_of(info)
    job = ctx.store.job(job_id)
    at = now()
    results = []
    for instance_id in job_instance_ids or []:
        instance = ctx.store.data.job_instances.get(str(instance_id))
        success = (
            instance is not None
            and instance.job_id == job.id
            and instance.timeline.status_at(at) in FINAL_STATUSES
            and not instance.pipeline_instance_id
        )
        if success:
            ctx.store.data.job_instances.pop(str(instance_id))
        results.append({"id": instance_id, "success": success})
    return results


@mutation.field("deleteJobInstancesBySelector")
def resolve_delete_by_selector(
    _: Any,
    info: Any,
    job_id: str,
    selector: str,
    exclude_job_instance_ids: list[str] | None = None,
    include_job_instance_ids: list[str] | None = None,
    minus_job_instance_ids: list[str] | None = None,
    more_job_instance_ids: list[str] | None = None,
) -> int:
    ctx = context_of(info)
    job = ctx.store.job(job_id)
    exclude = [*(exclude_job_instance_ids or []), *(minus_job_instance_ids or [])]
    include = [*(include_job_instance_ids or []), *(more_job_instance_ids or [])]
    return _delete(ctx, _select(ctx, job.id, _SELECTOR_STATUSES[selector], exclude, include))


@mutation.field("deleteJobInstancesByDate")
def resolve_delete_by_date(
    _: Any,
    info: Any,
    job_id: str,
    before_at: datetime,
    exclude_job_instance_ids: list[str] | None = None,
    include_job_instance_ids: list[str] | None = None,
) -> int:
    ctx = context_of(info)
    job = ctx.store.job(job_id)
    excluded = {str(i) for i in exclude_job_instance_ids or []}
    chosen = [i for i in _deletable_by_date(ctx, job.id, before_at, now()) if i.id not in excluded]
    return _delete(ctx, chosen)


@query.field("logs")
def resolve_logs(
    _: Any, info: Any, job_instance_id: str, limit: int | None = None, skip: int | None = None, stream: Any = None
) -> dict[str, Any]:
    ctx = context_of(info)
    lines = filter_logs(_logs(ctx, ctx.store.job_instance(job_instance_id), now()), {stream} if stream else None)
    return {"count": len(lines), "content": page(lines, limit, skip)}


@query.field("countLogs")
def resolve_count_logs(_: Any, info: Any, job_instance_id: str, stream: Any = None) -> int:
    ctx = context_of(info)
    return len(filter_logs(_logs(ctx, ctx.store.job_instance(job_instance_id), now()), {stream} if stream else None))


@query.field("countJobs")
def resolve_count_jobs(
    _: Any,
    info: Any,
    project_id: str,
    search: str | None = None,
    job_category: str | None = None,
    technology_id: str | None = None,
) -> list[dict[str, Any]]:
    jobs = resolve_jobs(_, info, project_id, job_category, technology_id)
    if search:
        jobs = [j for j in jobs if search.casefold() in j.name.casefold()]
    result = []
    for category in sorted({j.category for j in jobs}):
        in_category = [j for j in jobs if j.category == category]
        technologies = sorted({j.technology_id for j in in_category})
        by_technology = [
            {"technology": {"id": t}, "count": sum(1 for j in in_category if j.technology_id == t)}
            for t in technologies
        ]
        result.append({"job_category": category, "jobs_count_by_technology": by_technology, "count": len(in_category)})
    return result


@query.field("labWebApps")
def resolve_lab_web_apps(_: Any, info: Any, project_id: str) -> list[Job]:
    return [j for j in context_of(info).store.jobs_of(str(project_id)) if j.category == "Smart App"]


@mutation.field("moveJobs")
def resolve_move_jobs(_: Any, info: Any, job_ids: list[str], project_id: str, category: str | None = None) -> bool:
    ctx = context_of(info)
    for job_id in job_ids:
        resolve_move_job(_, info, job_id, ctx.platform_id, project_id, category)
    return True


def bindables() -> list[Any]:
    return [query, mutation, job_type, version_type, instance_type]
