"""Pipelines: graph versions, edition, deletion, duplication and moves with their jobs."""

from __future__ import annotations

from typing import Any

from ..errors import NotFoundError, ValidationError
from ..lifecycle import FINAL_STATUSES
from ..model import ConditionNode, JobNode, Pipeline, PipelineVersion, new_id
from .base import Caller, Domain
from .graph import linear_graph, parse_graph
from .jobs import job_alias

__all__ = ["PipelinesBackend", "current_pipeline_version"]


def current_pipeline_version(pipeline: Pipeline) -> PipelineVersion:
    return next(v for v in pipeline.versions if v.is_current)


class PipelinesBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, pipeline_id: object) -> Pipeline:
        return self.store.pipeline(pipeline_id)

    def find(self, pipeline_id: object) -> Pipeline | None:
        return self.data.pipelines.get(str(pipeline_id))

    def of_project(self, project_id: object) -> list[Pipeline]:
        return self.store.pipelines_of(str(project_id))

    def by_name(self, project_id: object, name: str) -> Pipeline | None:
        return next((p for p in self.store.pipelines_of(str(project_id)) if p.name == name), None)

    def by_alias(self, project_id: object, alias: str) -> Pipeline:
        found = next((p for p in self.store.pipelines_of(str(project_id)) if p.alias == alias), None)
        if found is None:
            raise NotFoundError("Pipeline alias", alias)
        return found

    def version(self, pipeline: Pipeline, number: int) -> PipelineVersion:
        for version in pipeline.versions:
            if version.number == number:
                return version
        raise NotFoundError(f"Version of pipeline {pipeline.name}", number)

    def has_unfinished_instances(self, pipeline: Pipeline) -> bool:
        at = self.now()
        runs = self.backend.pipeline_runs
        return any(i.timeline.status_at(at) not in FINAL_STATUSES for i in runs.instances_of(pipeline.id))

    # ------------------------------------------------------------------ checks (no change)
    def _check_names(self, project_id: str, name: str, alias: str, exclude: str | None = None) -> None:
        if not name or not name.strip():
            raise ValidationError("The pipeline name must not be empty")
        others = [p for p in self.store.pipelines_of(project_id) if p.id != exclude]
        self.store.check_unique_name("Pipeline", [p.name for p in others], name)
        if any(p.alias.casefold() == alias.casefold() for p in others):
            raise ValidationError(f"Pipeline alias '{alias}' is already used in this project")

    def _build_version(
        self, caller: Caller, pipeline: Pipeline, graph: dict[str, Any], note: Any, url: Any
    ) -> PipelineVersion:
        job_nodes, condition_nodes = parse_graph(graph, pipeline.project_id, self.store.job)
        return PipelineVersion(
            number=max((v.number for v in pipeline.versions), default=0) + 1,
            creator=caller.login,
            job_nodes=job_nodes,
            condition_nodes=condition_nodes,
            release_note=note,
            source_url=url,
            is_current=True,
            creation_date=self.clock.datetime(),
        )

    @staticmethod
    def _make_current(pipeline: Pipeline, version: PipelineVersion) -> None:
        for existing in pipeline.versions:
            existing.is_current = False
        pipeline.versions.append(version)

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any]) -> Pipeline:
        """``createGraphPipeline``; ``createPipeline`` sends ``jobs_id`` instead of a graph."""
        with self.store.lock:
            project = self.store.project(values["project_id"])
            alias = values.get("alias") or job_alias(values["name"])
            self._check_names(project.id, values["name"], alias)
            if values.get("is_scheduled") and not values.get("cron_scheduling"):
                raise ValidationError("A scheduled pipeline needs a cron expression")
            graph = values.get("graph")
            if graph is None:
                graph = linear_graph([str(j) for j in values.get("jobs_id") or []], new_id)
            created = Pipeline(
                id=new_id(),
                project_id=project.id,
                name=values["name"],
                alias=alias,
                creator=caller.login,
                description=values.get("description"),
                alerting=values.get("alerting"),
                has_execution_variables_enabled=bool(values.get("has_execution_variables_enabled")),
                is_scheduled=bool(values.get("is_scheduled")),
                cron_scheduling=values.get("cron_scheduling"),
                schedule_timezone=values.get("schedule_timezone"),
                creation_date=self.clock.datetime(),
            )
            version = self._build_version(caller, created, graph, values.get("release_note"), values.get("source_url"))
            self._make_current(created, version)
            self.data.pipelines[created.id] = created
        return created

    def add_version(
        self, caller: Caller, pipeline_id: object, graph: dict[str, Any], release_note: Any, source_url: Any
    ) -> PipelineVersion:
        with self.store.lock:
            pipeline = self.get(pipeline_id)
            version = self._build_version(caller, pipeline, graph, release_note, source_url)
            self._make_current(pipeline, version)
        return version

    def add_linear_version(
        self, caller: Caller, pipeline_id: object, job_ids: list[str], release_note: Any, source_url: Any
    ) -> PipelineVersion:
        return self.add_version(caller, pipeline_id, linear_graph(job_ids, new_id), release_note, source_url)

    def edit(self, caller: Caller, values: dict[str, Any]) -> Pipeline:
        with self.store.lock:
            found = self.get(values["id"])
            name = values.get("name") or found.name
            alias = values.get("alias") or found.alias
            self._check_names(found.project_id, name, alias, exclude=found.id)
            keys = ("is_scheduled", "has_execution_variables_enabled")
            flags = {key: bool(values[key]) for key in keys if values.get(key) is not None}
            is_scheduled = flags.get("is_scheduled", found.is_scheduled)
            cron = values.get("cron_scheduling", found.cron_scheduling)
            if is_scheduled and not cron:
                raise ValidationError("A scheduled pipeline needs a cron expression")
            # Nothing can be refused from here on.
            found.name, found.alias = name, alias
            for key in ("description", "alerting", "cron_scheduling", "schedule_timezone"):
                if key in values:
                    setattr(found, key, values[key])
            for key, flag in flags.items():
                setattr(found, key, flag)
        return found

    def delete(self, caller: Caller, pipeline_id: object) -> bool:
        with self.store.lock:
            pipeline = self.get(pipeline_id)
            if self.has_unfinished_instances(pipeline):
                raise ValidationError(f"Pipeline '{pipeline.name}' has unfinished instances and cannot be deleted")
            self.backend.pipeline_runs.remove(self.backend.pipeline_runs.instances_of(pipeline.id))
            for env_var in [v for v in self.data.env_vars.values() if v.entity_id == pipeline.id]:
                del self.data.env_vars[env_var.id]
            del self.data.pipelines[pipeline.id]
        return True

    def duplicate(self, caller: Caller, pipeline_id: object, duplicate_jobs: bool | None) -> Pipeline:
        with self.store.lock:
            pipeline = self.get(pipeline_id)
            names = {p.name.casefold() for p in self.store.pipelines_of(pipeline.project_id)}
            index = 1
            while f"{pipeline.name} (copy {index})".casefold() in names:
                index += 1
            name = f"{pipeline.name} (copy {index})"
            current = current_pipeline_version(pipeline)
            copy = Pipeline(
                id=new_id(),
                project_id=pipeline.project_id,
                name=name,
                alias=job_alias(name),
                creator=caller.login,
                description=pipeline.description,
                alerting=pipeline.alerting,
                has_execution_variables_enabled=pipeline.has_execution_variables_enabled,
                versions=[
                    PipelineVersion(
                        number=1,
                        creator=caller.login,
                        job_nodes=[JobNode(**vars(n)) for n in current.job_nodes],
                        condition_nodes=[ConditionNode(**vars(n)) for n in current.condition_nodes],
                        release_note=current.release_note,
                        is_current=True,
                        creation_date=self.clock.datetime(),
                    )
                ],
                creation_date=self.clock.datetime(),
            )
            self.data.pipelines[copy.id] = copy
        return copy

    def rollback(self, caller: Caller, pipeline_id: object, number: int) -> Pipeline:
        with self.store.lock:
            pipeline = self.get(pipeline_id)
            target = self.version(pipeline, number)
            for version in pipeline.versions:
                version.is_current = version is target
        return pipeline

    def set_major(self, caller: Caller, pipeline_id: object, number: int, is_major: bool) -> PipelineVersion:
        with self.store.lock:
            version = self.version(self.get(pipeline_id), number)
            version.is_major = is_major
        return version

    def delete_versions(self, caller: Caller, pipeline_id: object, numbers: list[int]) -> list[dict[str, Any]]:
        with self.store.lock:
            pipeline = self.get(pipeline_id)
            results = []
            for number in numbers:
                version = next((v for v in pipeline.versions if v.number == number), None)
                success = version is not None and not version.is_current
                if version is not None and success:
                    pipeline.versions.remove(version)
                results.append({"number": number, "success": success})
        return results

    def move(self, caller: Caller, pipeline_id: object, target_platform_id: int, target_project_id: object) -> str:
        """Moves a pipeline and the jobs of its versions (they must not be used by another pipeline)."""
        with self.store.lock:
            if target_platform_id != self.data.platform_id:
                raise NotFoundError("Platform", target_platform_id)
            pipeline = self.get(pipeline_id)
            target = self.store.project(target_project_id)
            if self.has_unfinished_instances(pipeline):
                raise ValidationError(f"Pipeline '{pipeline.name}' has unfinished instances and cannot be moved")
            job_ids = {n.job_id for v in pipeline.versions for n in v.job_nodes}
            for other in self.store.pipelines_of(pipeline.project_id):
                shared = job_ids & {n.job_id for v in other.versions for n in v.job_nodes}
                if other.id != pipeline.id and shared:
                    raise ValidationError(f"Jobs of '{pipeline.name}' are also used by pipeline '{other.name}'")
            self._check_names(target.id, pipeline.name, pipeline.alias)
            jobs = [self.data.jobs[job_id] for job_id in sorted(job_ids) if job_id in self.data.jobs]
            target_names = [j.name for j in self.store.jobs_of(target.id)]
            for job in jobs:
                self.store.check_unique_name("Job", target_names, job.name)
                target_names.append(job.name)
            # Nothing can be refused from here on.
            for job in jobs:
                job.project_id = target.id
            self.backend.pipeline_runs.remove(self.backend.pipeline_runs.instances_of(pipeline.id))
            pipeline.project_id = target.id
        return pipeline.id
