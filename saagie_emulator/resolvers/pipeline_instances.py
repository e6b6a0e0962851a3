"""Projects API wire adapter: pipeline instances, condition instances and their logs, reports
(see :mod:`saagie_emulator.backend.pipeline_runs`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import context_of
from ..lifecycle import FINAL_STATUSES
from ..model import ConditionInstance, PipelineInstance, PipelineVersion
from .common import count_of, history_of, logs_page, page

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
instance_type = ObjectType("PipelineInstance")
condition_instance_type = ObjectType("ConditionInstance")


# ----------------------------------------------------------------------------- queries
@query.field("pipelineInstance")
def resolve_pipeline_instance(_: Any, info: Any, id: str) -> PipelineInstance | None:
    ctx = context_of(info)
    return ctx.backend.pipeline_runs.visible(ctx.caller, id)


@query.field("conditionInstance")
def resolve_condition_instance(_: Any, info: Any, id: str) -> ConditionInstance | None:
    ctx = context_of(info)
    return ctx.backend.pipeline_runs.visible_condition(ctx.caller, id)


@query.field("countDeletablePipelineInstancesByStatus")
def resolve_count_by_status(_: Any, info: Any, pipeline_id: str) -> list[dict[str, Any]] | None:
    ctx = context_of(info)
    return ctx.backend.pipeline_runs.count_by_status(ctx.caller, pipeline_id)


@query.field("countDeletablePipelineInstancesByDate")
def resolve_count_by_date(_: Any, info: Any, pipeline_id: str, before_at: datetime) -> int | None:
    ctx = context_of(info)
    return ctx.backend.pipeline_runs.count_by_date(ctx.caller, pipeline_id, before_at)


def _in_streams(condition: ConditionInstance | None, streams: list[str]) -> list[dict[str, Any]] | None:
    return None if condition is None else [line for line in condition.logs if line["stream"] in streams]


@query.field("conditionPipelineFilteredLogs")
def resolve_condition_logs(
    _: Any,
    info: Any,
    condition_instance_id: str,
    project_id: str,
    streams: list[str],
    limit: Any = None,
    skip: Any = None,
) -> dict[str, Any] | None:
    ctx = context_of(info)
    condition = ctx.backend.pipeline_runs.visible_condition(ctx.caller, condition_instance_id, project_id)
    return logs_page(_in_streams(condition, streams), limit, skip)


@query.field("conditionPipelineCountFilteredLogs")
def resolve_condition_count(
    _: Any, info: Any, condition_instance_id: str, project_id: str, streams: list[str]
) -> int | None:
    ctx = context_of(info)
    condition = ctx.backend.pipeline_runs.visible_condition(ctx.caller, condition_instance_id, project_id)
    return count_of(_in_streams(condition, streams))


@query.field("conditionPipelineByNodeIdFilteredLogs")
def resolve_condition_logs_by_node(
    _: Any,
    info: Any,
    pipeline_instance_id: str,
    condition_node_id: str,
    project_id: str,
    streams: list[str],
    limit: Any = None,
    skip: Any = None,
) -> dict[str, Any] | None:
    ctx = context_of(info)
    runs = ctx.backend.pipeline_runs
    condition = runs.condition_by_node(ctx.caller, pipeline_instance_id, condition_node_id, project_id)
    return logs_page(_in_streams(condition, streams), limit, skip)


@query.field("projectReports")
def resolve_project_reports(_: Any, info: Any, time_slot: int, limit: int, skip: int) -> dict[str, Any]:
    ctx = context_of(info)
    return ctx.backend.pipeline_runs.project_reports(ctx.caller, time_slot, limit, skip)


# ----------------------------------------------------------------------------- PipelineInstance fields
@instance_type.field("status")
def resolve_instance_status(obj: PipelineInstance, info: Any) -> str:
    return context_of(info).backend.pipeline_runs.status(obj)


@instance_type.field("statusDetails")
def resolve_instance_details(obj: PipelineInstance, info: Any) -> dict[str, Any]:
    return dict(history_of(obj.timeline, context_of(info).now())["current_status"])


@instance_type.field("startTime")
def resolve_instance_start(obj: PipelineInstance, info: Any) -> float:
    return obj.timeline.steps[0][0]


@instance_type.field("endTime")
def resolve_instance_end(obj: PipelineInstance, info: Any) -> float | None:
    return obj.timeline.time_of(context_of(info).now(), set(FINAL_STATUSES))


@instance_type.field("jobsInstance")
def resolve_jobs_instance(obj: PipelineInstance, info: Any, limit: Any = None, skip: Any = None) -> list[Any]:
    ctx = context_of(info)
    data, at = ctx.store.data, ctx.now()
    found = [data.job_instances[i] for i in obj.job_instance_ids if i in data.job_instances]
    return page([i for i in found if i.visible_from <= at], limit, skip)


@instance_type.field("conditionsInstance")
def resolve_conditions_instance(obj: PipelineInstance, info: Any) -> list[ConditionInstance]:
    at = context_of(info).now()
    return [c for c in obj.condition_instances if c.visible_from <= at]


@instance_type.field("nodeStatuses")
def resolve_node_statuses(obj: PipelineInstance, info: Any) -> list[dict[str, str]]:
    at = context_of(info).now()
    return [{"node_id": node, "status": timeline.status_at(at)} for node, timeline in obj.node_timelines.items()]


@instance_type.field("version")
def resolve_instance_version(obj: PipelineInstance, info: Any) -> PipelineVersion:
    return context_of(info).backend.pipeline_runs.version_of(obj)


@instance_type.field("pipelineName")
def resolve_instance_pipeline_name(obj: PipelineInstance, info: Any) -> str | None:
    pipeline = context_of(info).backend.pipelines.find(obj.pipeline_id)
    return pipeline.name if pipeline else None


@instance_type.field("deletableState")
def resolve_instance_deletable(obj: PipelineInstance, info: Any) -> dict[str, Any]:
    reasons = context_of(info).backend.pipeline_runs.deletable_reasons(obj, obj.pipeline_id)
    return {"deletable": not reasons, "reasons": reasons}


# ----------------------------------------------------------------------------- ConditionInstance fields
@condition_instance_type.field("history")
def resolve_condition_history(obj: ConditionInstance, info: Any) -> dict[str, Any]:
    return history_of(obj.timeline, context_of(info).now())


@condition_instance_type.field("isSuccess")
def resolve_condition_success(obj: ConditionInstance, info: Any) -> bool | None:
    return obj.is_success if obj.timeline.status_at(context_of(info).now()) in FINAL_STATUSES else None


@condition_instance_type.field("startTime")
def resolve_condition_start(obj: ConditionInstance, info: Any) -> float:
    return obj.visible_from


@condition_instance_type.field("endTime")
def resolve_condition_end(obj: ConditionInstance, info: Any) -> float | None:
    return obj.timeline.time_of(context_of(info).now(), set(FINAL_STATUSES))


@condition_instance_type.field("executionVariablesByKey")
def resolve_condition_vars(obj: ConditionInstance, info: Any) -> list[Any]:
    return []


# ----------------------------------------------------------------------------- mutations
@mutation.field("runPipeline")
def resolve_run_pipeline(_: Any, info: Any, pipeline_id: str) -> PipelineInstance:
    ctx = context_of(info)
    return ctx.backend.pipeline_runs.run(ctx.caller, pipeline_id)


@mutation.field("stopPipelineInstance")
def resolve_stop_pipeline_instance(_: Any, info: Any, pipeline_instance_id: str) -> PipelineInstance:
    ctx = context_of(info)
    return ctx.backend.pipeline_runs.stop(ctx.caller, pipeline_instance_id)


@mutation.field("deletePipelineInstances")
def resolve_delete_instances(_: Any, info: Any, pipeline_id: str, pipeline_instance_ids: Any = None) -> list[Any]:
    ctx = context_of(info)
    return ctx.backend.pipeline_runs.delete(ctx.caller, pipeline_id, list(pipeline_instance_ids or []))


@mutation.field("deletePipelineInstancesByStatusSelector")
def resolve_delete_by_status(
    _: Any,
    info: Any,
    pipeline_id: str,
    selector: str,
    exclude_pipeline_instance_ids: Any = None,
    include_pipeline_instance_ids: Any = None,
) -> int:
    ctx = context_of(info)
    exclude, include = list(exclude_pipeline_instance_ids or []), list(include_pipeline_instance_ids or [])
    return ctx.backend.pipeline_runs.delete_by_status(ctx.caller, pipeline_id, selector, exclude, include)


@mutation.field("deletePipelineInstancesByDateSelector")
def resolve_delete_by_date(
    _: Any,
    info: Any,
    pipeline_id: str,
    before_at: datetime,
    exclude_pipeline_instance_ids: Any = None,
    include_pipeline_instance_ids: Any = None,
) -> int:
    ctx = context_of(info)
    exclude, include = list(exclude_pipeline_instance_ids or []), list(include_pipeline_instance_ids or [])
    return ctx.backend.pipeline_runs.delete_by_date(ctx.caller, pipeline_id, before_at, exclude, include)


def bindables() -> list[Any]:
    return [query, mutation, instance_type, condition_instance_type]
