"""Projects API wire adapter: job instances and their logs (see :mod:`saagie_emulator.backend.job_instances`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import context_of
from ..model import JobInstance, JobVersion
from .common import count_of, history_of, logs_page

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
instance_type = ObjectType("JobInstance")


# ----------------------------------------------------------------------------- queries
@query.field("jobInstance")
def resolve_job_instance(_: Any, info: Any, id: str) -> JobInstance | None:
    ctx = context_of(info)
    return ctx.backend.job_instances.visible(ctx.caller, id)


@query.field("countJobInstancesBySelector")
def resolve_count_by_selector(_: Any, info: Any, job_id: str) -> list[dict[str, Any]] | None:
    ctx = context_of(info)
    return ctx.backend.job_instances.count_by_selector(ctx.caller, job_id)


@query.field("countJobInstancesByDate")
def resolve_count_by_date(_: Any, info: Any, job_id: str, before_at: datetime) -> int | None:
    ctx = context_of(info)
    return ctx.backend.job_instances.count_by_date(ctx.caller, job_id, before_at)


def _lines(info: Any, job_instance_id: str, streams: set[str] | None) -> list[dict[str, Any]] | None:
    ctx = context_of(info)
    return ctx.backend.job_instances.logs(ctx.caller, job_instance_id, streams)


@query.field("filteredLogs")
def resolve_filtered_logs(
    _: Any, info: Any, job_instance_id: str, streams: list[str], limit: int | None = None, skip: int | None = None
) -> dict[str, Any] | None:
    return logs_page(_lines(info, job_instance_id, set(streams) or None), limit, skip)


@query.field("countFilteredLogs")
def resolve_count_filtered_logs(_: Any, info: Any, job_instance_id: str, streams: list[str]) -> int | None:
    return count_of(_lines(info, job_instance_id, set(streams) or None))


@query.field("logs")
def resolve_logs(
    _: Any, info: Any, job_instance_id: str, limit: int | None = None, skip: int | None = None, stream: Any = None
) -> dict[str, Any] | None:
    return logs_page(_lines(info, job_instance_id, {stream} if stream else None), limit, skip)


@query.field("countLogs")
def resolve_count_logs(_: Any, info: Any, job_instance_id: str, stream: Any = None) -> int | None:
    return count_of(_lines(info, job_instance_id, {stream} if stream else None))


# ----------------------------------------------------------------------------- JobInstance fields
@instance_type.field("status")
def resolve_instance_status(obj: JobInstance, info: Any) -> str:
    return context_of(info).backend.job_instances.status(obj)


@instance_type.field("history")
def resolve_instance_history(obj: JobInstance, info: Any) -> dict[str, Any]:
    return history_of(obj.timeline, context_of(info).now())


@instance_type.field("version")
def resolve_instance_version(obj: JobInstance, info: Any) -> JobVersion:
    return context_of(info).backend.job_instances.version_of(obj)


@instance_type.field("startTime")
def resolve_instance_start(obj: JobInstance, info: Any) -> float:
    return obj.visible_from


@instance_type.field("endTime")
def resolve_instance_end(obj: JobInstance, info: Any) -> float | None:
    return context_of(info).backend.job_instances.end_time(obj)


@instance_type.field("jobAlias")
def resolve_instance_alias(obj: JobInstance, info: Any) -> str | None:
    job = context_of(info).backend.jobs.find(obj.job_id)
    return job.alias if job else None


@instance_type.field("effectiveDockerImage")
def resolve_effective_image(obj: JobInstance, info: Any) -> str:
    return context_of(info).backend.job_instances.effective_docker_image(obj)


@instance_type.field("pipelineInstance")
def resolve_instance_pipeline_instance(obj: JobInstance, info: Any) -> Any:
    if obj.pipeline_instance_id is None:
        return None
    return context_of(info).backend.pipeline_runs.find(obj.pipeline_instance_id)


@instance_type.field("executionGlobalVariablesInput")
def resolve_global_vars_input(obj: JobInstance, info: Any) -> list[dict[str, Any]]:
    return obj.execution_variables


@instance_type.field("executionVariablesInput")
@instance_type.field("executionVariablesOutput")
@instance_type.field("executionVariablesByKey")
def resolve_no_vars(obj: JobInstance, info: Any) -> list[Any]:
    return []


@instance_type.field("deletableState")
def resolve_instance_deletable(obj: JobInstance, info: Any) -> dict[str, Any]:
    reasons = context_of(info).backend.job_instances.deletable_reasons(obj, obj.job_id)
    return {"deletable": not reasons, "reasons": reasons}


# ----------------------------------------------------------------------------- mutations
@mutation.field("runJob")
def resolve_run_job(_: Any, info: Any, job_id: str) -> JobInstance:
    ctx = context_of(info)
    return ctx.backend.job_instances.run(ctx.caller, job_id)


@mutation.field("stopJobInstance")
def resolve_stop_job_instance(_: Any, info: Any, job_instance_id: str) -> JobInstance:
    ctx = context_of(info)
    return ctx.backend.job_instances.stop(ctx.caller, job_instance_id)


@mutation.field("deleteJobInstances")
def resolve_delete_job_instances(_: Any, info: Any, job_id: str, job_instance_ids: list[str] | None = None) -> Any:
    ctx = context_of(info)
    return ctx.backend.job_instances.delete(ctx.caller, job_id, list(job_instance_ids or []))


@mutation.field("deleteJobInstancesBySelector")
def resolve_delete_by_selector(
    _: Any,
    info: Any,
    job_id: str,
    selector: str,
    exclude_job_instance_ids: list[str] | None = None,
    include_job_instance_ids: list[str] | None = None,
    **deprecated: Any,
) -> int:
    """``minusJobInstanceIds``/``moreJobInstanceIds`` are "not implemented" on the platform: ignored."""
    ctx = context_of(info)
    exclude = list(exclude_job_instance_ids or [])
    include = list(include_job_instance_ids or [])
    return ctx.backend.job_instances.delete_by_selector(ctx.caller, job_id, selector, exclude, include)


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
    exclude, include = list(exclude_job_instance_ids or []), list(include_job_instance_ids or [])
    return ctx.backend.job_instances.delete_by_date(ctx.caller, job_id, before_at, exclude, include)


def bindables() -> list[Any]:
    return [query, mutation, instance_type]
