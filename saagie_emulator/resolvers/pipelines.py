"""Graph pipelines: versions, runs that execute the graph (jobs, status and CEL conditions), housekeeping.

A run is simulated when it starts: each node gets its timeline from its inputs' results. A failed job
fails the pipeline and skips what follows; a status condition needs at least one successful input
(``AllSuccess``: all succeeded; ``AllSuccessOrSkipped``, the default: all succeeded or skipped;
``AtLeastOneSuccess``); an expression condition is CEL over the pipeline's environment variables.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ariadne import InterfaceType, MutationType, ObjectType, QueryType

from ..conditions import ConditionError, evaluate_condition
from ..context import RequestContext, context_of
from ..errors import NotFoundError, ValidationError
from ..lifecycle import CONDITION_SECONDS, FINAL_STATUSES, REQUESTED_SECONDS, job_end, kill_tail, now
from ..logs import condition_logs
from ..model import (
    ConditionInstance,
    ConditionNode,
    JobNode,
    Pipeline,
    PipelineInstance,
    PipelineVersion,
    Timeline,
    new_id,
)
from ..scalars import format_datetime
from .common import alerting_out, history_of, page
from .env_vars import visible_env_vars
from .jobs import create_job_instance, job_alias

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
pipeline_type = ObjectType("Pipeline")
version_type = ObjectType("PipelineVersion")
instance_type = ObjectType("PipelineInstance")
job_node_type = ObjectType("JobNode")
condition_instance_type = ObjectType("ConditionInstance")
condition_interface = InterfaceType("Condition")
_FOREVER = float("inf")
_SELECTORS = {
    "ALL": FINAL_STATUSES,
    "SUCCEEDED": {"SUCCEEDED"},
    "FAILED": {"FAILED", "ERROR"},
    "STOPPED": {"KILLED"},
    "UNKNOWN": {"UNKNOWN"},
}


@condition_interface.type_resolver
def _condition_type(obj: dict[str, Any], *_: Any) -> str:
    return "ConditionStatus" if "value" in obj else "ConditionExpression"


def _current(pipeline: Pipeline) -> PipelineVersion:
    return next(v for v in pipeline.versions if v.is_current)


def _version(pipeline: Pipeline, number: int) -> PipelineVersion:
    for version in pipeline.versions:
        if version.number == number:
            return version
    raise NotFoundError(f"Version of pipeline {pipeline.name}", number)


def _instances(ctx: RequestContext, pipeline_id: str) -> list[PipelineInstance]:
    found = [i for i in ctx.store.data.pipeline_instances.values() if i.pipeline_id == pipeline_id]
    return sorted(found, key=lambda i: i.number, reverse=True)


# ----------------------------------------------------------------------------- queries
@query.field("graphPipeline")
@query.field("pipeline")
def resolve_graph_pipeline(_: Any, info: Any, id: str) -> Pipeline:
    return context_of(info).store.pipeline(id)


@query.field("pipelines")
def resolve_pipelines(_: Any, info: Any, project_id: str) -> list[Pipeline]:
    return context_of(info).store.pipelines_of(str(project_id))


@query.field("graphPipelineByName")
def resolve_by_name(_: Any, info: Any, project_id: str, name: str) -> Pipeline | None:
    return next((p for p in context_of(info).store.pipelines_of(str(project_id)) if p.name == name), None)


@query.field("graphPipelineByAlias")
def resolve_by_alias(_: Any, info: Any, project_id: str, alias: str) -> Pipeline:
    found = next((p for p in context_of(info).store.pipelines_of(str(project_id)) if p.alias == alias), None)
    if found is None:
        raise NotFoundError("Pipeline alias", alias)
    return found


@query.field("pipelineVersion")
def resolve_pipeline_version(_: Any, info: Any, pipeline_id: str, number: int) -> PipelineVersion:
    return _version(context_of(info).store.pipeline(pipeline_id), number)


@query.field("pipelineInstance")
def resolve_pipeline_instance(_: Any, info: Any, id: str) -> PipelineInstance:
    return context_of(info).store.pipeline_instance(id)


@query.field("conditionInstance")
def resolve_condition_instance(_: Any, info: Any, id: str) -> ConditionInstance:
    for instance in context_of(info).store.data.pipeline_instances.values():
        for condition in instance.condition_instances:
            if condition.id == str(id):
                return condition
    raise NotFoundError("ConditionInstance", id)


@query.field("countDeletablePipelineInstancesByStatus")
def resolve_count_by_status(_: Any, info: Any, pipeline_id: str) -> list[dict[str, Any]]:
    ctx = context_of(info)
    at = now()
    statuses = [i.timeline.status_at(at) for i in _instances(ctx, ctx.store.pipeline(pipeline_id).id)]
    return [{"selector": s, "count": sum(1 for x in statuses if x in allowed)} for s, allowed in _SELECTORS.items()]


@query.field("countDeletablePipelineInstancesByDate")
def resolve_count_by_date(_: Any, info: Any, pipeline_id: str, before_at: datetime) -> int:
    ctx = context_of(info)
    return len(_by_date(ctx, ctx.store.pipeline(pipeline_id).id, before_at))


def _condition_logs_of(ctx: RequestContext, condition_instance_id: str) -> list[dict[str, Any]]:
    return list(resolve_condition_instance(None, _Info(ctx), condition_instance_id).logs)


class _Info:
    def __init__(self, ctx: RequestContext) -> None:
        self.context = ctx


@query.field("conditionPipelineFilteredLogs")
def resolve_condition_logs(
    _: Any,
    info: Any,
    condition_instance_id: str,
    project_id: str,
    streams: list[str],
    limit: Any = None,
    skip: Any = None,
) -> dict[str, Any]:
    lines = [line for line in _condition_logs_of(context_of(info), condition_instance_id) if line["stream"] in streams]
    return {"count": len(lines), "content": page(lines, limit, skip)}


@query.field("conditionPipelineCountFilteredLogs")
def resolve_condition_count(_: Any, info: Any, condition_instance_id: str, project_id: str, streams: list[str]) -> int:
    return sum(1 for line in _condition_logs_of(context_of(info), condition_instance_id) if line["stream"] in streams)


# ----------------------------------------------------------------------------- object fields
@pipeline_type.field("alerting")
def resolve_alerting(obj: Pipeline, info: Any) -> Any:
    return alerting_out(obj.alerting)


@pipeline_type.field("pipelineInstanceCount")
def resolve_instance_count(obj: Pipeline, info: Any) -> int:
    return len(_instances(context_of(info), obj.id))


@pipeline_type.field("instances")
def resolve_pipeline_instances(obj: Pipeline, info: Any, limit: Any = None, skip: Any = None, **_: Any) -> Any:
    return page(_instances(context_of(info), obj.id), limit, skip)


@pipeline_type.field("versions")
def resolve_pipeline_versions(obj: Pipeline, info: Any, limit: Any = None, only_current: Any = None) -> Any:
    versions = sorted(obj.versions, key=lambda v: v.number, reverse=True)
    if only_current:
        versions = [v for v in versions if v.is_current]
    return page(versions, limit)


@pipeline_type.field("project")
def resolve_pipeline_project(obj: Pipeline, info: Any) -> Any:
    return context_of(info).store.project(obj.project_id)


@pipeline_type.field("scheduleStatus")
def resolve_schedule_status(obj: Pipeline, info: Any) -> str | None:
    return "READY" if obj.is_scheduled else None


@pipeline_type.field("isLegacyPipeline")
def resolve_is_legacy(obj: Pipeline, info: Any) -> bool:
    return False


@pipeline_type.field("movableState")
def resolve_movable(obj: Pipeline, info: Any) -> dict[str, Any]:
    return {"movable": True, "reasons": []}


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
    reasons = ["CURRENT_VERSION"] if obj.is_current else []
    return {"deletable": not reasons, "reasons": reasons}


@job_node_type.field("job")
def resolve_node_job(obj: JobNode, info: Any) -> Any:
    return context_of(info).store.data.jobs.get(obj.job_id)


@instance_type.field("status")
def resolve_instance_status(obj: PipelineInstance, info: Any) -> str:
    return obj.timeline.status_at(now())


@instance_type.field("statusDetails")
def resolve_instance_details(obj: PipelineInstance, info: Any) -> dict[str, Any]:
    return dict(history_of(obj.timeline, now())["current_status"])


@instance_type.field("startTime")
def resolve_instance_start(obj: PipelineInstance, info: Any) -> str:
    return format_datetime(obj.timeline.steps[0][0])


@instance_type.field("endTime")
def resolve_instance_end(obj: PipelineInstance, info: Any) -> str | None:
    at = obj.timeline.time_of(now(), set(FINAL_STATUSES))
    return format_datetime(at) if at is not None else None


@instance_type.field("jobsInstance")
def resolve_jobs_instance(obj: PipelineInstance, info: Any, limit: Any = None, skip: Any = None) -> list[Any]:
    data = context_of(info).store.data
    at = now()
    found = [data.job_instances[i] for i in obj.job_instance_ids if i in data.job_instances]
    return page([i for i in found if i.visible_from <= at], limit, skip)


@instance_type.field("conditionsInstance")
def resolve_conditions_instance(obj: PipelineInstance, info: Any) -> list[ConditionInstance]:
    at = now()
    return [c for c in obj.condition_instances if c.visible_from <= at]


@instance_type.field("nodeStatuses")
def resolve_node_statuses(obj: PipelineInstance, info: Any) -> list[dict[str, str]]:
    at = now()
    return [{"node_id": node, "status": timeline.status_at(at)} for node, timeline in obj.node_timelines.items()]


@instance_type.field("version")
def resolve_instance_version(obj: PipelineInstance, info: Any) -> PipelineVersion:
    return _version(context_of(info).store.pipeline(obj.pipeline_id), obj.version_number)


@instance_type.field("pipelineName")
def resolve_instance_pipeline_name(obj: PipelineInstance, info: Any) -> str | None:
    pipeline = context_of(info).store.data.pipelines.get(obj.pipeline_id)
    return pipeline.name if pipeline else None


@instance_type.field("deletableState")
def resolve_instance_deletable(obj: PipelineInstance, info: Any) -> dict[str, Any]:
    done = obj.timeline.status_at(now()) in FINAL_STATUSES
    return {"deletable": done, "reasons": [] if done else ["INSTANCE_NOT_TERMINATED"]}


@condition_instance_type.field("history")
def resolve_condition_history(obj: ConditionInstance, info: Any) -> dict[str, Any]:
    return history_of(obj.timeline, now())


@condition_instance_type.field("isSuccess")
def resolve_condition_success(obj: ConditionInstance, info: Any) -> bool | None:
    return obj.is_success if obj.timeline.status_at(now()) in FINAL_STATUSES else None


@condition_instance_type.field("startTime")
def resolve_condition_start(obj: ConditionInstance, info: Any) -> str:
    return format_datetime(obj.visible_from)


@condition_instance_type.field("endTime")
def resolve_condition_end(obj: ConditionInstance, info: Any) -> str | None:
    at = obj.timeline.time_of(now(), set(FINAL_STATUSES))
    return format_datetime(at) if at is not None else None


@condition_instance_type.field("executionVariablesByKey")
def resolve_condition_vars(obj: ConditionInstance, info: Any) -> list[Any]:
    return []


# ----------------------------------------------------------------------------- graph validation
def _graph(ctx: RequestContext, project_id: str, graph: dict[str, Any]) -> tuple[list[JobNode], list[ConditionNode]]:
    job_nodes: dict[str, JobNode] = {}
    condition_nodes: dict[str, ConditionNode] = {}
    for node in graph.get("job_nodes") or []:
        node_id = str(node["id"])
        if node_id in job_nodes:
            continue  # saagieapi 2.x sends a node reachable by two paths twice, with the same id
        job = ctx.store.job(node["job"]["id"])
        if job.project_id != project_id:
            raise ValidationError(f"Job '{job.name}' does not belong to this project")
        job_nodes[node_id] = JobNode(
            id=node_id,
            job_id=job.id,
            next_nodes=[str(n) for n in node.get("next_nodes") or []],
            position=node.get("position"),
        )
    for node in graph.get("condition_nodes") or []:
        node_id = str(node["id"])
        if node_id in condition_nodes:
            continue
        condition = node.get("condition") or {}
        status, custom = condition.get("status"), condition.get("custom")
        if (status is None) == (custom is None):
            raise ValidationError(f"Condition node {node_id} needs exactly one of 'status' or 'custom'")
        expression = custom["expression"] if custom else None
        if expression is not None:
            try:
                evaluate_condition(expression, {})
            except ConditionError as exc:
                if "Invalid condition expression" in exc.message:
                    raise
        condition_nodes[node_id] = ConditionNode(
            id=node_id,
            next_nodes_success=[str(n) for n in node.get("next_nodes_success") or []],
            next_nodes_failure=[str(n) for n in node.get("next_nodes_failure") or []],
            status_value=status["value"] if status else None,
            expression=expression,
            position=node.get("position"),
        )
    if not job_nodes:
        raise ValidationError("A pipeline needs at least one job node")
    known = set(job_nodes) | set(condition_nodes)
    for successors in _successors(list(job_nodes.values()), list(condition_nodes.values())).values():
        for target, _kind in successors:
            if target not in known:
                raise ValidationError(f"Node {target} is referenced but not defined in the graph")
    _topological(list(job_nodes.values()), list(condition_nodes.values()))
    return list(job_nodes.values()), list(condition_nodes.values())


def _successors(job_nodes: list[JobNode], condition_nodes: list[ConditionNode]) -> dict[str, list[tuple[str, str]]]:
    edges: dict[str, list[tuple[str, str]]] = {}
    for job_node in job_nodes:
        edges[job_node.id] = [(n, "next") for n in job_node.next_nodes]
    for cond_node in condition_nodes:
        edges[cond_node.id] = [(n, "success") for n in cond_node.next_nodes_success] + [
            (n, "failure") for n in cond_node.next_nodes_failure
        ]
    return edges


def _topological(job_nodes: list[JobNode], condition_nodes: list[ConditionNode]) -> list[str]:
    edges = _successors(job_nodes, condition_nodes)
    indegree = dict.fromkeys(edges, 0)
    for successors in edges.values():
        for target, _ in successors:
            indegree[target] = indegree.get(target, 0) + 1
    ready = [n for n, d in indegree.items() if d == 0]
    order: list[str] = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for target, _ in edges.get(node, []):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    if len(order) != len(indegree):
        raise ValidationError("The pipeline graph contains a cycle")
    return order


# ----------------------------------------------------------------------------- mutations
def _check_names(ctx: RequestContext, project_id: str, name: str, alias: str, exclude: str | None = None) -> None:
    if not name or not name.strip():
        raise ValidationError("The pipeline name must not be empty")
    others = [p for p in ctx.store.pipelines_of(project_id) if p.id != exclude]
    ctx.store.check_unique_name("Pipeline", [p.name for p in others], name)
    if any(p.alias.casefold() == alias.casefold() for p in others):
        raise ValidationError(f"Pipeline alias '{alias}' is already used in this project")


def _add_version(
    ctx: RequestContext, pipeline: Pipeline, graph: dict[str, Any], note: Any, url: Any
) -> PipelineVersion:
    job_nodes, condition_nodes = _graph(ctx, pipeline.project_id, graph)
    version = PipelineVersion(
        number=max((v.number for v in pipeline.versions), default=0) + 1,
        creator=ctx.login,
        job_nodes=job_nodes,
        condition_nodes=condition_nodes,
        release_note=note,
        source_url=url,
        is_current=True,
    )
    for existing in pipeline.versions:
        existing.is_current = False
    pipeline.versions.append(version)
    return version


@mutation.field("createGraphPipeline")
def resolve_create_graph_pipeline(_: Any, info: Any, pipeline: dict[str, Any]) -> Pipeline:
    ctx = context_of(info)
    with ctx.store.lock:
        project = ctx.store.project(pipeline["project_id"])
        alias = pipeline.get("alias") or job_alias(pipeline["name"])
        _check_names(ctx, project.id, pipeline["name"], alias)
        if pipeline.get("is_scheduled") and not pipeline.get("cron_scheduling"):
            raise ValidationError("A scheduled pipeline needs a cron expression")
        created = Pipeline(
            id=new_id(),
            project_id=project.id,
            name=pipeline["name"],
            alias=alias,
            creator=ctx.login,
            description=pipeline.get("description"),
            alerting=pipeline.get("alerting"),
            has_execution_variables_enabled=bool(pipeline.get("has_execution_variables_enabled")),
            is_scheduled=bool(pipeline.get("is_scheduled")),
            cron_scheduling=pipeline.get("cron_scheduling"),
            schedule_timezone=pipeline.get("schedule_timezone"),
        )
        _add_version(ctx, created, pipeline["graph"], pipeline.get("release_note"), pipeline.get("source_url"))
        ctx.store.data.pipelines[created.id] = created
    return created


@mutation.field("createPipeline")
def resolve_create_pipeline(_: Any, info: Any, pipeline: dict[str, Any]) -> Pipeline:
    ids = [new_id() for _ in pipeline["jobs_id"]]
    nodes = [
        {"id": node_id, "job": {"id": job_id}, "next_nodes": ids[index + 1 : index + 2]}
        for index, (node_id, job_id) in enumerate(zip(ids, pipeline["jobs_id"], strict=True))
    ]
    created: Pipeline = resolve_create_graph_pipeline(_, info, {**pipeline, "graph": {"job_nodes": nodes}})
    return created


@mutation.field("addGraphPipelineVersion")
def resolve_add_version(
    _: Any, info: Any, pipeline_id: str, graph: dict[str, Any], release_note: Any = None, source_url: Any = None
) -> PipelineVersion:
    ctx = context_of(info)
    with ctx.store.lock:
        return _add_version(ctx, ctx.store.pipeline(pipeline_id), graph, release_note, source_url)


@mutation.field("editPipeline")
def resolve_edit_pipeline(_: Any, info: Any, pipeline: dict[str, Any]) -> Pipeline:
    ctx = context_of(info)
    with ctx.store.lock:
        found = ctx.store.pipeline(pipeline["id"])
        name = pipeline.get("name") or found.name
        alias = pipeline.get("alias") or found.alias
        _check_names(ctx, found.project_id, name, alias, exclude=found.id)
        found.name, found.alias = name, alias
        for key in ("description", "alerting", "cron_scheduling", "schedule_timezone"):
            if key in pipeline:
                setattr(found, key, pipeline[key])
        for key in ("is_scheduled", "has_execution_variables_enabled"):
            if pipeline.get(key) is not None:
                setattr(found, key, bool(pipeline[key]))
        if found.is_scheduled and not found.cron_scheduling:
            raise ValidationError("A scheduled pipeline needs a cron expression")
    return found


@mutation.field("deletePipeline")
def resolve_delete_pipeline(_: Any, info: Any, id: str) -> bool:
    ctx = context_of(info)
    with ctx.store.lock:
        pipeline = ctx.store.pipeline(id)
        at = now()
        if any(i.timeline.status_at(at) not in FINAL_STATUSES for i in _instances(ctx, pipeline.id)):
            raise ValidationError(f"Pipeline '{pipeline.name}' has unfinished instances and cannot be deleted")
        for instance in _instances(ctx, pipeline.id):
            del ctx.store.data.pipeline_instances[instance.id]
            for job_instance_id in instance.job_instance_ids:
                ctx.store.data.job_instances.pop(job_instance_id, None)
        for env_var in [v for v in ctx.store.data.env_vars.values() if v.entity_id == pipeline.id]:
            del ctx.store.data.env_vars[env_var.id]
        del ctx.store.data.pipelines[pipeline.id]
    return True


@mutation.field("duplicatePipeline")
def resolve_duplicate_pipeline(_: Any, info: Any, original_pipeline_id: str, duplicate_jobs: Any = None) -> Pipeline:
    ctx = context_of(info)
    with ctx.store.lock:
        pipeline = ctx.store.pipeline(original_pipeline_id)
        names = {p.name.casefold() for p in ctx.store.pipelines_of(pipeline.project_id)}
        index = 1
        while f"{pipeline.name} (copy {index})".casefold() in names:
            index += 1
        name = f"{pipeline.name} (copy {index})"
        current = _current(pipeline)
        copy = Pipeline(
            id=new_id(),
            project_id=pipeline.project_id,
            name=name,
            alias=job_alias(name),
            creator=ctx.login,
            description=pipeline.description,
            alerting=pipeline.alerting,
            has_execution_variables_enabled=pipeline.has_execution_variables_enabled,
            versions=[
                PipelineVersion(
                    number=1,
                    creator=ctx.login,
                    job_nodes=[JobNode(**vars(n)) for n in current.job_nodes],
                    condition_nodes=[ConditionNode(**vars(n)) for n in current.condition_nodes],
                    release_note=current.release_note,
                    is_current=True,
                )
            ],
        )
        ctx.store.data.pipelines[copy.id] = copy
    return copy


@mutation.field("rollbackPipelineVersion")
def resolve_rollback(_: Any, info: Any, pipeline_id: str, version_number: int) -> Pipeline:
    pipeline = context_of(info).store.pipeline(pipeline_id)
    target = _version(pipeline, version_number)
    for version in pipeline.versions:
        version.is_current = version is target
    return pipeline


@mutation.field("setMajorPipelineVersion")
def resolve_set_major(_: Any, info: Any, pipeline_id: str, version_number: int, is_major: bool) -> PipelineVersion:
    version = _version(context_of(info).store.pipeline(pipeline_id), version_number)
    version.is_major = is_major
    return version


@mutation.field("deletePipelineVersions")
def resolve_delete_versions(_: Any, info: Any, pipeline_id: str, pipeline_version_numbers: list[int]) -> list[Any]:
    pipeline = context_of(info).store.pipeline(pipeline_id)
    results = []
    for number in pipeline_version_numbers:
        version = next((v for v in pipeline.versions if v.number == number), None)
        success = version is not None and not version.is_current
        if version is not None and success:
            pipeline.versions.remove(version)
        results.append({"number": number, "success": success})
    return results


def _remove_instances(ctx: RequestContext, instances: list[PipelineInstance]) -> int:
    for instance in instances:
        ctx.store.data.pipeline_instances.pop(instance.id, None)
        for job_instance_id in instance.job_instance_ids:
            ctx.store.data.job_instances.pop(job_instance_id, None)
    return len(instances)


@mutation.field("deletePipelineInstances")
def resolve_delete_instances(_: Any, info: Any, pipeline_id: str, pipeline_instance_ids: Any = None) -> list[Any]:
    ctx = context_of(info)
    pipeline = ctx.store.pipeline(pipeline_id)
    at = now()
    results = []
    for instance_id in pipeline_instance_ids or []:
        instance = ctx.store.data.pipeline_instances.get(str(instance_id))
        success = (
            instance is not None
            and instance.pipeline_id == pipeline.id
            and instance.timeline.status_at(at) in FINAL_STATUSES
        )
        if instance is not None and success:
            _remove_instances(ctx, [instance])
        results.append({"id": instance_id, "success": success})
    return results


def _by_date(ctx: RequestContext, pipeline_id: str, before: datetime) -> list[PipelineInstance]:
    at, limit = now(), before.timestamp()
    return [
        i
        for i in _instances(ctx, pipeline_id)
        if i.timeline.steps[0][0] < limit and i.timeline.status_at(at) in FINAL_STATUSES
    ]


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
    pipeline = ctx.store.pipeline(pipeline_id)
    at = now()
    excluded = {str(i) for i in exclude_pipeline_instance_ids or []}
    chosen = [
        i
        for i in _instances(ctx, pipeline.id)
        if i.timeline.status_at(at) in _SELECTORS[selector] and i.id not in excluded
    ]
    return _remove_instances(ctx, chosen)


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
    excluded = {str(i) for i in exclude_pipeline_instance_ids or []}
    chosen = [i for i in _by_date(ctx, ctx.store.pipeline(pipeline_id).id, before_at) if i.id not in excluded]
    return _remove_instances(ctx, chosen)


# ----------------------------------------------------------------------------- running a graph
def _condition_passes(preset: str, inputs: list[str]) -> bool:
    succeeded = sum(1 for s in inputs if s == "SUCCEEDED")
    if succeeded == 0:
        return False
    if preset == "AllSuccess":
        return succeeded == len(inputs)
    if preset == "AtLeastOneSuccess":
        return True
    return all(s in ("SUCCEEDED", "SKIPPED") for s in inputs)  # AllSuccessOrSkipped, the default


def _simulate(ctx: RequestContext, pipeline: Pipeline, instance: PipelineInstance, start: float) -> None:
    version = _version(pipeline, instance.version_number)
    job_nodes = {n.id: n for n in version.job_nodes}
    condition_nodes = {n.id: n for n in version.condition_nodes}
    edges = _successors(version.job_nodes, version.condition_nodes)
    inputs: dict[str, list[tuple[str, str]]] = {node: [] for node in edges}
    for source, successors in edges.items():
        for target, kind in successors:
            inputs[target].append((source, kind))
    variables = {v.name: v.value for v in visible_env_vars(ctx, "PIPELINE", pipeline.id)}
    ends: dict[str, float] = {}
    results: dict[str, str] = {}  # node -> SUCCEEDED | FAILED | SKIPPED (jobs), TRUE | FALSE | ERROR | SKIPPED
    failed = False
    for node_id in _topological(version.job_nodes, version.condition_nodes):
        sources = inputs[node_id]
        ready = max((ends[s] for s, _ in sources), default=start)
        activated = not sources or any(
            (kind == "next" and results[s] == "SUCCEEDED")
            or (kind == "success" and results[s] == "TRUE")
            or (kind == "failure" and results[s] == "FALSE")
            for s, kind in sources
        )
        blocked = any(kind == "next" and results[s] == "FAILED" for s, kind in sources)
        if ready == _FOREVER:
            ends[node_id], results[node_id] = _FOREVER, "SKIPPED"
            instance.node_timelines[node_id] = Timeline([(start, "AWAITING")])
            continue
        if node_id in job_nodes:
            if not activated or blocked:
                results[node_id], ends[node_id] = "SKIPPED", ready
                instance.node_timelines[node_id] = Timeline([(start, "AWAITING"), (ready, "SKIPPED")])
                continue
            job = ctx.store.job(job_nodes[node_id].job_id)
            job_instance = create_job_instance(
                ctx,
                job,
                ready,
                pipeline_instance_id=instance.id,
                job_node_id=node_id,
                execution_variables=instance.initial_execution_variables,
            )
            instance.job_instance_ids.append(job_instance.id)
            instance.node_timelines[node_id] = job_instance.timeline
            ends[node_id] = job_end(job_instance.timeline)
            final = job_instance.timeline.steps[-1][1]
            results[node_id] = final if final in ("SUCCEEDED", "FAILED") else "RUNNING"
            failed = failed or final == "FAILED"
            continue
        node = condition_nodes[node_id]
        if not activated:
            results[node_id], ends[node_id] = "SKIPPED", ready
            instance.node_timelines[node_id] = Timeline([(start, "AWAITING"), (ready, "SKIPPED")])
            continue
        end = ready + ctx.controls.scaled(CONDITION_SECONDS)
        if node.expression is not None:
            try:
                outcome = "TRUE" if evaluate_condition(node.expression, variables) else "FALSE"
            except ConditionError:
                outcome = "ERROR"
        else:
            statuses = [
                results[s] if kind == "next" else ("SUCCEEDED" if results[s] in ("TRUE", "FALSE") else "SKIPPED")
                for s, kind in sources
            ]
            statuses = [
                ("SUCCEEDED" if (kind == "success") == (results[s] == "TRUE") else "SKIPPED") if kind != "next" else st
                for (s, kind), st in zip(sources, statuses, strict=True)
            ]
            outcome = "TRUE" if _condition_passes(node.status_value or "AllSuccessOrSkipped", statuses) else "FALSE"
        final_status = "FAILED" if outcome == "ERROR" else "SUCCEEDED"
        failed = failed or outcome == "ERROR"
        timeline = Timeline([(ready, "RUNNING"), (end, final_status)])
        condition = ConditionInstance(
            id=new_id(),
            condition_node_id=node_id,
            timeline=timeline,
            visible_from=ready,
            is_success=outcome == "TRUE",
            logs=condition_logs(node.expression or f"status {node.status_value}", variables, outcome, ready),
        )
        instance.condition_instances.append(condition)
        instance.node_timelines[node_id] = timeline
        results[node_id], ends[node_id] = outcome, end
    finish = max(ends.values(), default=start)
    steps = [(instance.timeline.steps[0][0], "REQUESTED"), (start, "RUNNING")]
    if finish != _FOREVER:
        steps.append((finish, "FAILED" if failed else "SUCCEEDED"))
    instance.timeline = Timeline(steps)


@mutation.field("runPipeline")
def resolve_run_pipeline(_: Any, info: Any, pipeline_id: str) -> PipelineInstance:
    ctx = context_of(info)
    with ctx.store.lock:
        pipeline = ctx.store.pipeline(pipeline_id)
        at = now()
        execution_variables = []
        if pipeline.has_execution_variables_enabled:
            execution_variables = [
                {"key": v.name, "value": None if v.is_password else v.value, "is_password": v.is_password}
                for v in visible_env_vars(ctx, "PIPELINE", pipeline.id)
            ]
        instance = PipelineInstance(
            id=new_id(),
            number=1 + max((i.number for i in _instances(ctx, pipeline.id)), default=0),
            pipeline_id=pipeline.id,
            version_number=_current(pipeline).number,
            timeline=Timeline([(at, "REQUESTED")]),
            initial_execution_variables=execution_variables,
            run_with_execution_variables=pipeline.has_execution_variables_enabled,
        )
        _simulate(ctx, pipeline, instance, at + ctx.controls.scaled(REQUESTED_SECONDS))
        ctx.store.data.pipeline_instances[instance.id] = instance
    return instance


@mutation.field("stopPipelineInstance")
def resolve_stop_pipeline_instance(_: Any, info: Any, pipeline_instance_id: str) -> PipelineInstance:
    ctx = context_of(info)
    with ctx.store.lock:
        instance = ctx.store.pipeline_instance(pipeline_instance_id)
        at = now()
        if instance.timeline.status_at(at) in FINAL_STATUSES:
            raise ValidationError(f"Pipeline instance {instance.id} is already finished")
        instance.timeline.cut(at, kill_tail(ctx.controls, at))
        for job_instance_id in list(instance.job_instance_ids):
            job_instance = ctx.store.data.job_instances.get(job_instance_id)
            if job_instance is None:
                continue
            if job_instance.visible_from > at:
                del ctx.store.data.job_instances[job_instance_id]
                instance.job_instance_ids.remove(job_instance_id)
            elif job_instance.timeline.status_at(at) not in FINAL_STATUSES:
                job_instance.timeline.cut(at, kill_tail(ctx.controls, at))
        instance.condition_instances = [c for c in instance.condition_instances if c.visible_from <= at]
        for timeline in instance.node_timelines.values():
            started = timeline.steps[0][0] <= at and timeline.status_at(at) not in FINAL_STATUSES
            if started and timeline.time_of(at, {"KILLING"}) is None:
                timeline.cut(at, [])
    return instance


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
) -> dict[str, Any]:
    instance = context_of(info).store.pipeline_instance(pipeline_instance_id)
    condition = next((c for c in instance.condition_instances if c.condition_node_id == str(condition_node_id)), None)
    if condition is None:
        raise NotFoundError("Condition node instance", condition_node_id)
    lines = [line for line in condition.logs if line["stream"] in streams]
    return {"count": len(lines), "content": page(lines, limit, skip)}


@query.field("projectReports")
def resolve_project_reports(_: Any, info: Any, time_slot: int, limit: int, skip: int) -> dict[str, Any]:
    ctx = context_of(info)
    at = now()
    since = at - time_slot * 3600

    def job_report(instance: Any) -> dict[str, Any]:
        job = ctx.store.data.jobs[instance.job_id]
        end = instance.timeline.time_of(at, set(FINAL_STATUSES))
        return {
            "id": instance.id,
            "job_id": job.id,
            "name": job.name,
            "start_time": format_datetime(instance.visible_from),
            "end_time": format_datetime(end) if end else None,
            "status": instance.timeline.status_at(at),
        }

    recent = [i for i in ctx.store.data.job_instances.values() if since <= i.visible_from <= at]
    projects = []
    for project in list(ctx.store.data.projects.values())[skip : skip + limit]:
        jobs = [
            {"id": job.id, "name": job.name, "job_instances": [job_report(i) for i in recent if i.job_id == job.id]}
            for job in ctx.store.jobs_of(project.id)
        ]
        pipelines = [
            {
                "id": p.id,
                "name": p.name,
                "pipeline_instances": [
                    {
                        "id": i.id,
                        "start_time": format_datetime(i.timeline.steps[0][0]),
                        "end_time": None,
                        "status": i.timeline.status_at(at),
                        "job_instances": [
                            job_report(ctx.store.data.job_instances[j])
                            for j in i.job_instance_ids
                            if j in ctx.store.data.job_instances
                        ],
                    }
                    for i in _instances(ctx, p.id)
                    if i.timeline.steps[0][0] >= since
                ],
            }
            for p in ctx.store.pipelines_of(project.id)
        ]
        projects.append({"id": project.id, "name": project.name, "jobs": jobs, "pipelines": pipelines})
    return {"count_instances": len(recent), "projects": projects}


@mutation.field("addPipelineVersion")
def resolve_add_linear_version(
    _: Any, info: Any, pipeline_id: str, jobs_id: list[str], release_note: Any = None, source_url: Any = None
) -> PipelineVersion:
    ids = [new_id() for _job in jobs_id]
    nodes = [
        {"id": node_id, "job": {"id": job_id}, "next_nodes": ids[index + 1 : index + 2]}
        for index, (node_id, job_id) in enumerate(zip(ids, jobs_id, strict=True))
    ]
    version: PipelineVersion = resolve_add_version(_, info, pipeline_id, {"job_nodes": nodes}, release_note, source_url)
    return version


@mutation.field("movePipeline")
def resolve_move_pipeline(_: Any, info: Any, pipeline_id: str, target_platform_id: int, target_project_id: str) -> str:
    """Moves a pipeline and the jobs of its versions (they must not be used by another pipeline)."""
    ctx = context_of(info)
    with ctx.store.lock:
        if target_platform_id != ctx.platform_id:
            raise NotFoundError("Platform", target_platform_id)
        pipeline = ctx.store.pipeline(pipeline_id)
        target = ctx.store.project(target_project_id)
        at = now()
        if any(i.timeline.status_at(at) not in FINAL_STATUSES for i in _instances(ctx, pipeline.id)):
            raise ValidationError(f"Pipeline '{pipeline.name}' has unfinished instances and cannot be moved")
        job_ids = {n.job_id for v in pipeline.versions for n in v.job_nodes}
        for other in ctx.store.pipelines_of(pipeline.project_id):
            shared = job_ids & {n.job_id for v in other.versions for n in v.job_nodes}
            if other.id != pipeline.id and shared:
                raise ValidationError(f"Jobs of '{pipeline.name}' are also used by pipeline '{other.name}'")
        _check_names(ctx, target.id, pipeline.name, pipeline.alias)
        for job_id in job_ids:
            job = ctx.store.data.jobs.get(job_id)
            if job is not None:
                ctx.store.check_unique_name("Job", [j.name for j in ctx.store.jobs_of(target.id)], job.name)
                job.project_id = target.id
        _remove_instances(ctx, _instances(ctx, pipeline.id))
        pipeline.project_id = target.id
    return pipeline.id


def bindables() -> list[Any]:
    return [
        query,
        mutation,
        pipeline_type,
        version_type,
        instance_type,
        job_node_type,
        condition_instance_type,
        condition_interface,
    ]
