"""Pipeline instances: a run executes the graph (jobs, status and CEL conditions) in emulated time.

A run is simulated when it starts: each node gets its timeline from its inputs' results. A failed job
fails the pipeline and skips what follows; a status condition needs at least one successful input
(``AllSuccess``: all succeeded; ``AllSuccessOrSkipped``, the default: all succeeded or skipped;
``AtLeastOneSuccess``); an expression condition is CEL over the pipeline's environment variables.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..conditions import ConditionError, evaluate_condition
from ..lifecycle import CONDITION_SECONDS, FINAL_STATUSES, REQUESTED_SECONDS, job_end, kill_tail
from ..logs import condition_logs
from ..model import ConditionInstance, Pipeline, PipelineInstance, PipelineVersion, Timeline, new_id
from ..rules import book as r
from ..scalars import format_datetime
from .authz import EDITOR
from .base import Caller, Domain
from .graph import successors, topological
from .job_instances import SELECTOR_STATUSES
from .pipelines import current_pipeline_version

__all__ = ["PipelineRunsBackend"]

_FOREVER = float("inf")


def _end(timeline: Timeline, at: float) -> str | None:
    end = timeline.time_of(at, set(FINAL_STATUSES))
    return None if end is None else format_datetime(end)


def _condition_passes(preset: str, inputs: list[str]) -> bool:
    succeeded = sum(1 for s in inputs if s == "SUCCEEDED")
    if succeeded == 0:
        return False
    if preset == "AllSuccess":
        return succeeded == len(inputs)
    if preset == "AtLeastOneSuccess":
        return True
    return all(s in ("SUCCEEDED", "SKIPPED") for s in inputs)  # AllSuccessOrSkipped, the default


class PipelineRunsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, instance_id: object) -> PipelineInstance:
        return self.store.pipeline_instance(instance_id)

    def find(self, instance_id: object) -> PipelineInstance | None:
        return self.data.pipeline_instances.get(str(instance_id))

    def visible(self, caller: Caller, instance_id: object) -> PipelineInstance | None:
        """The instance if it exists and the caller may see its project, else None."""
        instance = self.find(instance_id)
        if instance is None or self.backend.pipelines.visible(caller, instance.pipeline_id) is None:
            return None
        return instance

    def _project_of(self, instance: PipelineInstance) -> str | None:
        pipeline = self.data.pipelines.get(instance.pipeline_id)
        return None if pipeline is None else pipeline.project_id

    def instances_of(self, pipeline_id: str) -> list[PipelineInstance]:
        found = [i for i in self.data.pipeline_instances.values() if i.pipeline_id == pipeline_id]
        return sorted(found, key=lambda i: i.number, reverse=True)

    def status(self, instance: PipelineInstance) -> str:
        return instance.timeline.status_at(self.now())

    def version_of(self, instance: PipelineInstance) -> PipelineVersion:
        return self.backend.pipelines.version(self.store.pipeline(instance.pipeline_id), instance.version_number)

    def find_condition_instance(self, condition_instance_id: object) -> ConditionInstance | None:
        for instance in self.data.pipeline_instances.values():
            for condition in instance.condition_instances:
                if condition.id == str(condition_instance_id):
                    return condition
        return None

    def owner_of(self, condition: ConditionInstance) -> PipelineInstance | None:
        return next((i for i in self.data.pipeline_instances.values() if condition in i.condition_instances), None)

    def visible_condition(
        self, caller: Caller, condition_instance_id: object, project_id: object | None = None
    ) -> ConditionInstance | None:
        """A condition instance the caller may see (in ``project_id`` when given), else None."""
        condition = self.find_condition_instance(condition_instance_id)
        owner = None if condition is None else self.owner_of(condition)
        if owner is None or self.visible(caller, owner.id) is None:
            return None
        if project_id is not None and self._project_of(owner) != str(project_id):
            return None
        return condition

    def proxy_condition_logs(
        self, caller: Caller, realm: str, platform_id: str, project_id: str, instance_id: str
    ) -> list[dict[str, Any]]:
        """Log lines of a condition instance of a project (the log proxy)."""
        self.check_log_proxy_path(realm, platform_id)
        condition = self.visible_condition(caller, instance_id, project_id)
        if condition is None:
            raise r.LOGS_NOT_FOUND.error(kind="Condition instance", project=project_id)
        return list(condition.logs)

    def condition_by_node(
        self, caller: Caller, instance_id: object, condition_node_id: object, project_id: object
    ) -> ConditionInstance | None:
        instance = self.visible(caller, instance_id)
        if instance is None or self._project_of(instance) != str(project_id):
            return None
        node = str(condition_node_id)
        return next((c for c in instance.condition_instances if c.condition_node_id == node), None)

    def count_by_status(self, caller: Caller, pipeline_id: object) -> list[dict[str, Any]] | None:
        pipeline = self.backend.pipelines.visible(caller, pipeline_id)
        if pipeline is None:
            return None
        at = self.now()
        statuses = [i.timeline.status_at(at) for i in self.instances_of(pipeline.id)]
        return [
            {"selector": s, "count": sum(1 for x in statuses if x in allowed)}
            for s, allowed in SELECTOR_STATUSES.items()
        ]

    def deletable_reasons(self, instance: PipelineInstance, pipeline_id: str | None = None) -> list[str]:
        """``PipelineInstanceDeletableStateReason`` values: what the delete mutations refuse for this instance."""
        at = self.now()
        reasons = []
        if instance.timeline.status_at(at) not in FINAL_STATUSES:
            reasons.append(r.INSTANCE_NOT_TERMINATED.code)
        if pipeline_id is not None and instance.pipeline_id != pipeline_id:
            reasons.append(r.INSTANCE_DOES_NOT_MATCH.code + "_PIPELINE")
        job_instances = [self.data.job_instances.get(i) for i in instance.job_instance_ids]
        if any(j is not None and j.timeline.status_at(at) not in FINAL_STATUSES for j in job_instances):
            reasons.append(r.JOB_INSTANCES_NOT_TERMINATED.code)
        return reasons

    def by_date(self, pipeline_id: str, before: datetime) -> list[PipelineInstance]:
        limit = before.timestamp()
        return [
            i
            for i in self.instances_of(pipeline_id)
            if i.timeline.steps[0][0] < limit and not self.deletable_reasons(i, pipeline_id)
        ]

    def count_by_date(self, caller: Caller, pipeline_id: object, before: datetime) -> int | None:
        pipeline = self.backend.pipelines.visible(caller, pipeline_id)
        return None if pipeline is None else len(self.by_date(pipeline.id, before))

    def project_reports(self, caller: Caller, time_slot: int, limit: int, skip: int) -> dict[str, Any]:
        data = self.data
        at = self.now()
        since = at - time_slot * 3600

        def job_report(instance: Any) -> dict[str, Any]:
            job = data.jobs[instance.job_id]
            end = instance.timeline.time_of(at, set(FINAL_STATUSES))
            return {
                "id": instance.id,
                "job_id": job.id,
                "name": job.name,
                "start_time": format_datetime(instance.visible_from),
                "end_time": format_datetime(end) if end else None,
                "status": instance.timeline.status_at(at),
            }

        accessible = self.authz.visible_projects(caller)
        job_ids = {job.id for project in accessible for job in self.store.jobs_of(project.id)}
        recent = [i for i in data.job_instances.values() if i.job_id in job_ids and since <= i.visible_from <= at]
        projects = []
        for project in accessible[skip : skip + limit]:
            jobs = [
                {"id": job.id, "name": job.name, "job_instances": [job_report(i) for i in recent if i.job_id == job.id]}
                for job in self.store.jobs_of(project.id)
            ]
            pipelines = [
                {
                    "id": p.id,
                    "name": p.name,
                    "pipeline_instances": [
                        {
                            "id": i.id,
                            "start_time": format_datetime(i.timeline.steps[0][0]),
                            "end_time": _end(i.timeline, at),
                            "status": i.timeline.status_at(at),
                            "job_instances": [
                                job_report(data.job_instances[j]) for j in i.job_instance_ids if j in data.job_instances
                            ],
                        }
                        for i in self.instances_of(p.id)
                        if i.timeline.steps[0][0] >= since
                    ],
                }
                for p in self.store.pipelines_of(project.id)
            ]
            projects.append({"id": project.id, "name": project.name, "jobs": jobs, "pipelines": pipelines})
        return {"count_instances": len(recent), "projects": projects}

    # ------------------------------------------------------------------ running a graph
    def _simulate(self, pipeline: Pipeline, instance: PipelineInstance, start: float) -> None:
        version = self.backend.pipelines.version(pipeline, instance.version_number)
        job_nodes = {n.id: n for n in version.job_nodes}
        condition_nodes = {n.id: n for n in version.condition_nodes}
        edges = successors(version.job_nodes, version.condition_nodes)
        inputs: dict[str, list[tuple[str, str]]] = {node: [] for node in edges}
        for source, targets in edges.items():
            for target, kind in targets:
                inputs[target].append((source, kind))
        variables = {v.name: v.value for v in self.backend.env_vars.visible("PIPELINE", pipeline.id)}
        ends: dict[str, float] = {}
        results: dict[str, str] = {}  # node -> SUCCEEDED | FAILED | SKIPPED (jobs), TRUE | FALSE | ERROR | SKIPPED
        failed = False
        for node_id in topological(version.job_nodes, version.condition_nodes):
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
                job = self.store.job(job_nodes[node_id].job_id)
                job_instance = self.backend.job_instances.create(
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
            end = ready + self.controls.scaled(CONDITION_SECONDS)
            evaluated: list[tuple[str, str]] = []
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
                    ("SUCCEEDED" if (kind == "success") == (results[s] == "TRUE") else "SKIPPED")
                    if kind != "next"
                    else st
                    for (s, kind), st in zip(sources, statuses, strict=True)
                ]
                evaluated = [(source, status) for (source, _), status in zip(sources, statuses, strict=True)]
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
                logs=condition_logs(node.expression, node.status_value, evaluated, variables, outcome, ready),
            )
            instance.condition_instances.append(condition)
            instance.node_timelines[node_id] = timeline
            results[node_id], ends[node_id] = outcome, end
        finish = max(ends.values(), default=start)
        steps = [(instance.timeline.steps[0][0], "REQUESTED"), (start, "RUNNING")]
        if finish != _FOREVER:
            steps.append((finish, "FAILED" if failed else "SUCCEEDED"))
        instance.timeline = Timeline(steps)

    def run(self, caller: Caller, pipeline_id: object) -> PipelineInstance:
        with self.store.lock:
            pipeline = self.store.pipeline(pipeline_id)
            self.authz.require(caller, self.store.project(pipeline.project_id), EDITOR, "runPipeline")
            return self.start(pipeline, self.now())

    def start(self, pipeline: Pipeline, at: float) -> PipelineInstance:
        """A new instance of ``pipeline`` requested at ``at`` (a run, or its schedule firing: scheduler.py)."""
        with self.store.lock:
            execution_variables = []
            if pipeline.has_execution_variables_enabled:
                execution_variables = [
                    {"key": v.name, "value": None if v.is_password else v.value, "is_password": v.is_password}
                    for v in self.backend.env_vars.visible("PIPELINE", pipeline.id)
                ]
            instance = PipelineInstance(
                id=new_id(),
                number=1 + max((i.number for i in self.instances_of(pipeline.id)), default=0),
                pipeline_id=pipeline.id,
                version_number=current_pipeline_version(pipeline).number,
                timeline=Timeline([(at, "REQUESTED")]),
                initial_execution_variables=execution_variables,
                run_with_execution_variables=pipeline.has_execution_variables_enabled,
                created_at=datetime.fromtimestamp(at, timezone.utc),
            )
            self._simulate(pipeline, instance, at + self.controls.scaled(REQUESTED_SECONDS))
            self.data.pipeline_instances[instance.id] = instance
        return instance

    def stop(self, caller: Caller, instance_id: object) -> PipelineInstance:
        """Stop a run; a finished run is answered as it is (the platform documents no refusal)."""
        with self.store.lock:
            instance = self.get(instance_id)
            project = self.store.project(self.store.pipeline(instance.pipeline_id).project_id)
            self.authz.require(caller, project, EDITOR, "stopPipelineInstance")
            at = self.now()
            if instance.timeline.status_at(at) in FINAL_STATUSES:
                return instance
            instance.timeline.cut(at, kill_tail(self.controls, at))
            for job_instance_id in list(instance.job_instance_ids):
                job_instance = self.data.job_instances.get(job_instance_id)
                if job_instance is None:
                    continue
                if job_instance.visible_from > at:
                    del self.data.job_instances[job_instance_id]
                    instance.job_instance_ids.remove(job_instance_id)
                elif job_instance.timeline.status_at(at) not in FINAL_STATUSES:
                    job_instance.timeline.cut(at, kill_tail(self.controls, at))
            instance.condition_instances = [c for c in instance.condition_instances if c.visible_from <= at]
            for timeline in instance.node_timelines.values():
                started = timeline.steps[0][0] <= at and timeline.status_at(at) not in FINAL_STATUSES
                if started and timeline.time_of(at, {"KILLING"}) is None:
                    timeline.cut(at, [])
        return instance

    # ------------------------------------------------------------------ housekeeping
    def remove(self, instances: list[PipelineInstance]) -> int:
        """Forget pipeline instances and the job instances they ran."""
        for instance in instances:
            self.data.pipeline_instances.pop(instance.id, None)
            for job_instance_id in instance.job_instance_ids:
                self.data.job_instances.pop(job_instance_id, None)
        return len(instances)

    def _editable(self, caller: Caller, pipeline_id: object, operation: str) -> str:
        pipeline = self.store.pipeline(pipeline_id)
        self.authz.require(caller, self.store.project(pipeline.project_id), EDITOR, operation)
        return pipeline.id

    def _select(
        self, pipeline_id: str, chosen: list[PipelineInstance], exclude: list[str], include: list[str]
    ) -> list[PipelineInstance]:
        """The filter's instances minus ``exclude``, plus ``include`` ("takes precedence over exclude"), keeping
        only what may be deleted (children of the pipeline, terminated with their job instances)."""
        excluded = {str(i) for i in exclude}
        selected = {i.id: i for i in chosen if i.id not in excluded}
        for extra in include:
            instance = self.data.pipeline_instances.get(str(extra))
            if instance is not None:
                selected[instance.id] = instance
        return [i for i in selected.values() if not self.deletable_reasons(i, pipeline_id)]

    def delete(self, caller: Caller, pipeline_id: object, instance_ids: list[str]) -> list[dict[str, Any]]:
        with self.store.lock:
            pipeline = self._editable(caller, pipeline_id, "deletePipelineInstances")
            results = []
            for instance_id in instance_ids:
                instance = self.data.pipeline_instances.get(str(instance_id))
                success = instance is not None and not self.deletable_reasons(instance, pipeline)
                if instance is not None and success:
                    self.remove([instance])
                results.append({"id": instance_id, "success": success})
        return results

    def delete_by_status(
        self, caller: Caller, pipeline_id: object, selector: str, exclude: list[str], include: list[str]
    ) -> int:
        with self.store.lock:
            pipeline = self._editable(caller, pipeline_id, "deletePipelineInstancesByStatusSelector")
            at = self.now()
            allowed = SELECTOR_STATUSES[selector]
            chosen = [i for i in self.instances_of(pipeline) if i.timeline.status_at(at) in allowed]
            return self.remove(self._select(pipeline, chosen, exclude, include))

    def delete_by_date(
        self, caller: Caller, pipeline_id: object, before: datetime, exclude: list[str], include: list[str]
    ) -> int:
        with self.store.lock:
            pipeline = self._editable(caller, pipeline_id, "deletePipelineInstancesByDateSelector")
            return self.remove(self._select(pipeline, self.by_date(pipeline, before), exclude, include))
