"""Projects API wire adapter: pipelines, their versions and graphs (see :mod:`saagie_emulator.backend.pipelines`)."""

from __future__ import annotations

from typing import Any

from ariadne import InterfaceType, MutationType, ObjectType, QueryType

from ..context import context_of
from ..model import JobNode, Pipeline, PipelineVersion
from .common import alerting_out, page

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
pipeline_type = ObjectType("Pipeline")
version_type = ObjectType("PipelineVersion")
job_node_type = ObjectType("JobNode")
condition_interface = InterfaceType("Condition")


@condition_interface.type_resolver
def _condition_type(obj: dict[str, Any], *_: Any) -> str:
    return "ConditionStatus" if "value" in obj else "ConditionExpression"


# ----------------------------------------------------------------------------- queries
@query.field("graphPipeline")
def resolve_graph_pipeline(_: Any, info: Any, id: str) -> Pipeline | None:
    ctx = context_of(info)
    return ctx.backend.pipelines.visible(ctx.caller, id)


@query.field("pipeline")
def resolve_legacy_pipeline(_: Any, info: Any, id: str) -> Pipeline | None:
    ctx = context_of(info)
    return ctx.backend.pipelines.legacy(ctx.caller, id)


@query.field("pipelines")
def resolve_pipelines(_: Any, info: Any, project_id: str) -> list[Pipeline] | None:
    ctx = context_of(info)
    return ctx.backend.pipelines.of_project(ctx.caller, project_id, linear_only=True)


@query.field("graphPipelineByName")
def resolve_by_name(_: Any, info: Any, project_id: str, name: str) -> Pipeline | None:
    ctx = context_of(info)
    return ctx.backend.pipelines.by_name(ctx.caller, project_id, name)


@query.field("graphPipelineByAlias")
def resolve_by_alias(_: Any, info: Any, project_id: str, alias: str) -> Pipeline:
    ctx = context_of(info)
    return ctx.backend.pipelines.by_alias(ctx.caller, project_id, alias)


@query.field("pipelineVersion")
def resolve_pipeline_version(_: Any, info: Any, pipeline_id: str, number: int) -> PipelineVersion | None:
    ctx = context_of(info)
    pipeline = ctx.backend.pipelines.visible(ctx.caller, pipeline_id)
    return None if pipeline is None else ctx.backend.pipelines.find_version(pipeline, number)


# ----------------------------------------------------------------------------- object fields
@pipeline_type.field("alerting")
def resolve_alerting(obj: Pipeline, info: Any) -> Any:
    return alerting_out(obj.alerting)


@pipeline_type.field("pipelineInstanceCount")
def resolve_instance_count(obj: Pipeline, info: Any) -> int:
    return len(context_of(info).backend.pipeline_runs.instances_of(obj.id))


@pipeline_type.field("instances")
def resolve_pipeline_instances(obj: Pipeline, info: Any, limit: Any = None, skip: Any = None, **_: Any) -> Any:
    return page(context_of(info).backend.pipeline_runs.instances_of(obj.id), limit, skip)


@pipeline_type.field("versions")
def resolve_pipeline_versions(obj: Pipeline, info: Any, limit: Any = None, only_current: Any = None) -> Any:
    versions = sorted(obj.versions, key=lambda v: v.number, reverse=True)
    if only_current:
        versions = [v for v in versions if v.is_current]
    owners = context_of(info).memo.setdefault("pipeline_of_version", {})
    for version in versions:  # deletableState needs the pipeline: found here, not by scanning every pipeline
        owners[id(version)] = obj
    return page(versions, limit)


@pipeline_type.field("project")
def resolve_pipeline_project(obj: Pipeline, info: Any) -> Any:
    return context_of(info).store.project(obj.project_id)


@pipeline_type.field("scheduleStatus")
def resolve_schedule_status(obj: Pipeline, info: Any) -> str | None:
    return "READY" if obj.is_scheduled else None


@pipeline_type.field("isLegacyPipeline")
def resolve_is_legacy(obj: Pipeline, info: Any) -> bool:
    """ "Indicates whether this pipeline version is a linear pipeline or not": its current version."""
    return next((v.is_linear for v in obj.versions if v.is_current), False)


@pipeline_type.field("movableState")
def resolve_movable(obj: Pipeline, info: Any) -> dict[str, Any]:
    reasons = context_of(info).backend.pipelines.movable_state(obj)
    return {"movable": not reasons, "reasons": reasons}


@version_type.field("graph")
def resolve_graph(obj: PipelineVersion, info: Any) -> dict[str, Any]:
    conditions = []
    for node in obj.condition_nodes:
        if node.expression is not None:
            condition: dict[str, Any] = {
                "expression": node.expression,
                "to_string": f'ConditionExpression(expression="{node.expression}")',
            }
        else:
            condition = {"value": node.status_value, "to_string": f"ConditionStatus(value={node.status_value})"}
        conditions.append(
            {
                "id": node.id,
                "position": node.position,
                "next_nodes_success": node.next_nodes_success,
                "next_nodes_failure": node.next_nodes_failure,
                "condition": condition,
            }
        )
    return {"job_nodes": obj.job_nodes, "condition_nodes": conditions}


@version_type.field("jobs")
def resolve_version_jobs(obj: PipelineVersion, info: Any) -> list[Any]:
    jobs = context_of(info).store.data.jobs
    return [jobs[n.job_id] for n in obj.job_nodes if n.job_id in jobs]


@version_type.field("deletableState")
def resolve_version_deletable(obj: PipelineVersion, info: Any) -> dict[str, Any]:
    ctx = context_of(info)
    pipelines = ctx.backend.pipelines
    owner = ctx.memo.get("pipeline_of_version", {}).get(id(obj)) or next(
        (p for p in pipelines.data.pipelines.values() if any(v is obj for v in p.versions)), None
    )
    reasons = (
        (["CURRENT_VERSION"] if obj.is_current else [])
        if owner is None
        else pipelines.version_deletable_reasons(owner, obj)
    )
    return {"deletable": not reasons, "reasons": reasons}


@job_node_type.field("job")
def resolve_node_job(obj: JobNode, info: Any) -> Any:
    return context_of(info).backend.jobs.find(obj.job_id)


# ----------------------------------------------------------------------------- mutations
@mutation.field("createGraphPipeline")
@mutation.field("createPipeline")
def resolve_create_pipeline(_: Any, info: Any, pipeline: dict[str, Any]) -> Pipeline:
    ctx = context_of(info)
    return ctx.backend.pipelines.create(ctx.caller, pipeline, operation=info.field_name)


@mutation.field("addGraphPipelineVersion")
def resolve_add_version(
    _: Any, info: Any, pipeline_id: str, graph: dict[str, Any], release_note: Any = None, source_url: Any = None
) -> PipelineVersion:
    ctx = context_of(info)
    return ctx.backend.pipelines.add_version(ctx.caller, pipeline_id, graph, release_note, source_url)


@mutation.field("addPipelineVersion")
def resolve_add_linear_version(
    _: Any, info: Any, pipeline_id: str, jobs_id: list[str], release_note: Any = None, source_url: Any = None
) -> PipelineVersion:
    ctx = context_of(info)
    job_ids = [str(j) for j in jobs_id]
    return ctx.backend.pipelines.add_linear_version(ctx.caller, pipeline_id, job_ids, release_note, source_url)


@mutation.field("editPipeline")
def resolve_edit_pipeline(_: Any, info: Any, pipeline: dict[str, Any]) -> Pipeline:
    ctx = context_of(info)
    return ctx.backend.pipelines.edit(ctx.caller, pipeline)


@mutation.field("deletePipeline")
def resolve_delete_pipeline(_: Any, info: Any, id: str) -> bool:
    ctx = context_of(info)
    return ctx.backend.pipelines.delete(ctx.caller, id)


@mutation.field("duplicatePipeline")
def resolve_duplicate_pipeline(_: Any, info: Any, original_pipeline_id: str, duplicate_jobs: Any = None) -> Pipeline:
    ctx = context_of(info)
    return ctx.backend.pipelines.duplicate(ctx.caller, original_pipeline_id, duplicate_jobs)


@mutation.field("rollbackPipelineVersion")
def resolve_rollback(_: Any, info: Any, pipeline_id: str, version_number: int) -> Pipeline:
    ctx = context_of(info)
    return ctx.backend.pipelines.rollback(ctx.caller, pipeline_id, version_number)


@mutation.field("setMajorPipelineVersion")
def resolve_set_major(_: Any, info: Any, pipeline_id: str, version_number: int, is_major: bool) -> PipelineVersion:
    ctx = context_of(info)
    return ctx.backend.pipelines.set_major(ctx.caller, pipeline_id, version_number, is_major)


@mutation.field("deletePipelineVersions")
def resolve_delete_versions(_: Any, info: Any, pipeline_id: str, pipeline_version_numbers: list[int]) -> list[Any]:
    ctx = context_of(info)
    return ctx.backend.pipelines.delete_versions(ctx.caller, pipeline_id, pipeline_version_numbers)


@mutation.field("movePipeline")
def resolve_move_pipeline(_: Any, info: Any, pipeline_id: str, target_platform_id: int, target_project_id: str) -> str:
    ctx = context_of(info)
    return ctx.backend.pipelines.move(ctx.caller, pipeline_id, target_platform_id, target_project_id)


def bindables() -> list[Any]:
    return [query, mutation, pipeline_type, version_type, job_node_type, condition_interface]
