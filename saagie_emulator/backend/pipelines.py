"""Pipelines: graph versions, edition, deletion, duplication and moves with their jobs."""

from __future__ import annotations

from typing import Any

from ..lifecycle import FINAL_STATUSES
from ..model import ConditionNode, Job, JobNode, Pipeline, PipelineVersion, Project, new_id
from ..rules import Rule
from ..rules import book as r
from ..rules.checks import check_source_url, derived_alias
from .authz import EDITOR, VIEWER
from .base import Caller, Domain
from .graph import linear_graph, parse_graph

__all__ = ["PipelinesBackend", "current_pipeline_version"]

#: ``PipelineMovableStateErrorReason`` values the emulator models, in the enum's order, with their rules.
MOVABLE_RULES: dict[str, Rule] = {
    "PIPELINE_HAS_UNFINISHED_INSTANCES": r.PIPELINE_HAS_UNFINISHED_INSTANCES,
    "PIPELINE_SCHEDULED": r.PIPELINE_SCHEDULED,
    "JOB_HAS_UNFINISHED_INSTANCES": r.PIPELINE_JOB_UNFINISHED,
    "JOB_SCHEDULED": r.PIPELINE_JOB_SCHEDULED,
    "JOBS_EXISTS_IN_MANY_PIPELINES": r.PIPELINE_JOBS_SHARED,
}


def current_pipeline_version(pipeline: Pipeline) -> PipelineVersion:
    return next(v for v in pipeline.versions if v.is_current)


class PipelinesBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, pipeline_id: object) -> Pipeline:
        return self.store.pipeline(pipeline_id)

    def find(self, pipeline_id: object) -> Pipeline | None:
        return self.data.pipelines.get(str(pipeline_id))

    def visible(self, caller: Caller, pipeline_id: object) -> Pipeline | None:
        """The pipeline if it exists and the caller may see its project, else None."""
        pipeline = self.find(pipeline_id)
        if pipeline is None or not self.authz.can(caller, self.data.projects.get(pipeline.project_id), VIEWER):
            return None
        return pipeline

    @staticmethod
    def is_linear(pipeline: Pipeline) -> bool:
        return all(version.is_linear for version in pipeline.versions)

    def legacy(self, caller: Caller, pipeline_id: object) -> Pipeline | None:
        """``pipeline(id)``: "If you try to fetch a pipeline with at least one graph version, you won't get any
        result"."""
        pipeline = self.visible(caller, pipeline_id)
        return pipeline if pipeline is not None and self.is_linear(pipeline) else None

    def of_project(self, caller: Caller, project_id: object, *, linear_only: bool = False) -> list[Pipeline] | None:
        if self.backend.projects.find(caller, project_id) is None:
            return None
        found = self.store.pipelines_of(str(project_id))
        return [p for p in found if self.is_linear(p)] if linear_only else found

    def by_name(self, caller: Caller, project_id: object, name: str) -> Pipeline | None:
        return next((p for p in self.of_project(caller, project_id) or [] if p.name == name), None)

    def by_alias(self, caller: Caller, project_id: object, alias: str) -> Pipeline:
        """``graphPipelineByAlias`` answers ``Pipeline!``: an absent pipeline is an error, not null."""
        project = self.data.projects.get(str(project_id))
        if project is not None and not self.authz.can(caller, project, VIEWER):
            raise r.ACCESS_VIEWER.error(login=caller.login, project=project.name)
        found = next((p for p in self.store.pipelines_of(str(project_id)) if p.alias == alias), None)
        if found is None:
            raise r.NOT_FOUND.error(kind="Pipeline alias", key=alias)
        return found

    def version(self, pipeline: Pipeline, number: int) -> PipelineVersion:
        found = self.find_version(pipeline, number)
        if found is None:
            raise r.VERSION_NOT_FOUND.error(number=number, kind="pipeline", name=pipeline.name)
        return found

    @staticmethod
    def find_version(pipeline: Pipeline, number: int) -> PipelineVersion | None:
        return next((v for v in pipeline.versions if v.number == number), None)

    def has_unfinished_instances(self, pipeline: Pipeline) -> bool:
        at = self.now()
        runs = self.backend.pipeline_runs
        return any(i.timeline.status_at(at) not in FINAL_STATUSES for i in runs.instances_of(pipeline.id))

    def version_deletable_reasons(self, pipeline: Pipeline, version: PipelineVersion) -> list[str]:
        """``PipelineVersionDeletableStateReason`` values: what ``deletePipelineVersions`` refuses."""
        reasons = [r.JOB_VERSION_CURRENT.code] if version.is_current else []
        at = self.now()
        runs = self.backend.pipeline_runs.instances_of(pipeline.id)
        if any(i.version_number == version.number and i.timeline.status_at(at) not in FINAL_STATUSES for i in runs):
            reasons.append(r.VERSION_HAS_UNFINISHED_INSTANCES.code)
        return reasons

    def jobs_of(self, pipeline: Pipeline) -> list[Job]:
        """The jobs of every version of the pipeline."""
        ids = sorted({n.job_id for v in pipeline.versions for n in v.job_nodes})
        return [self.data.jobs[i] for i in ids if i in self.data.jobs]

    def movable_state(self, pipeline: Pipeline) -> list[dict[str, Any]]:
        """``PipelineMovableStateError`` items: why ``movePipeline`` refuses this pipeline, whatever the target."""
        errors: list[dict[str, Any]] = []

        def add(reason: str, offending_id: str, name: str, shared: dict[str, Any] | None = None) -> None:
            errors.append(
                {
                    "reason": reason,
                    "offending_id": offending_id,
                    "offending_name": name,
                    "shared_job_in_many_pipelines_error": shared,
                }
            )

        if self.has_unfinished_instances(pipeline):
            add("PIPELINE_HAS_UNFINISHED_INSTANCES", pipeline.id, pipeline.name)
        if pipeline.is_scheduled:
            add("PIPELINE_SCHEDULED", pipeline.id, pipeline.name)
        jobs = self.jobs_of(pipeline)
        for job in jobs:
            if self.backend.jobs.has_unfinished_instances(job):
                add("JOB_HAS_UNFINISHED_INSTANCES", job.id, job.name)
        for job in jobs:
            if job.is_scheduled:
                add("JOB_SCHEDULED", job.id, job.name)
        for job in jobs:
            others = [
                {
                    "pipeline_id": other.id,
                    "pipeline_name": other.name,
                    "pipeline_versions": [
                        v.number for v in other.versions if any(n.job_id == job.id for n in v.job_nodes)
                    ],
                }
                for other in self.store.pipelines_of(pipeline.project_id)
                if other.id != pipeline.id and any(n.job_id == job.id for v in other.versions for n in v.job_nodes)
            ]
            if others:
                shared = {"job_id": job.id, "job_name": job.name, "other_pipelines_linked": others}
                add("JOBS_EXISTS_IN_MANY_PIPELINES", job.id, job.name, shared)
        return errors

    # ------------------------------------------------------------------ checks (no change)
    def _check_names(self, project: Project, name: str, alias: str, exclude: str | None = None) -> None:
        others = [p for p in self.store.pipelines_of(project.id) if p.id != exclude]
        if any(p.name.casefold() == name.casefold() for p in others):
            raise r.PIPELINE_NAME_TAKEN.error(name=name, project=project.name)
        if any(p.alias.casefold() == alias.casefold() for p in others):
            raise r.PIPELINE_ALIAS_TAKEN.error(alias=alias, project=project.name)

    def _build_version(
        self, caller: Caller, pipeline: Pipeline, project: Project, graph: dict[str, Any], note: Any, url: Any
    ) -> PipelineVersion:
        job_nodes, condition_nodes = parse_graph(graph, project, self.store.job)
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

    def _editable(self, caller: Caller, pipeline_id: object, operation: str) -> tuple[Pipeline, Project]:
        pipeline = self.get(pipeline_id)
        project = self.store.project(pipeline.project_id)
        self.authz.require(caller, project, EDITOR, operation)
        return pipeline, project

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any], *, operation: str = "createGraphPipeline") -> Pipeline:
        """``createGraphPipeline``; ``createPipeline`` sends ``jobs_id`` instead of a graph."""
        with self.store.lock:
            project = self.store.project(values["project_id"])
            self.authz.require(caller, project, EDITOR, operation)
            alias = values.get("alias") or derived_alias(values["name"])
            self._check_names(project, values["name"], alias)
            graph = values.get("graph")
            linear = graph is None
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
            version = self._build_version(
                caller, created, project, graph, values.get("release_note"), values.get("source_url")
            )
            version.is_linear = linear
            self._make_current(created, version)
            self.data.pipelines[created.id] = created
        return created

    def add_version(
        self,
        caller: Caller,
        pipeline_id: object,
        graph: dict[str, Any],
        release_note: Any,
        source_url: Any,
        *,
        linear: bool = False,
    ) -> PipelineVersion:
        operation = "addPipelineVersion" if linear else "addGraphPipelineVersion"
        with self.store.lock:
            pipeline, project = self._editable(caller, pipeline_id, operation)
            check_source_url(source_url)
            version = self._build_version(caller, pipeline, project, graph, release_note, source_url)
            version.is_linear = linear
            self._make_current(pipeline, version)
        return version

    def add_linear_version(
        self, caller: Caller, pipeline_id: object, job_ids: list[str], release_note: Any, source_url: Any
    ) -> PipelineVersion:
        graph = linear_graph(job_ids, new_id)
        return self.add_version(caller, pipeline_id, graph, release_note, source_url, linear=True)

    def edit(self, caller: Caller, values: dict[str, Any]) -> Pipeline:
        with self.store.lock:
            found, project = self._editable(caller, values["id"], "editPipeline")
            name = values.get("name") or found.name
            alias = values.get("alias") or found.alias
            self._check_names(project, name, alias, exclude=found.id)
            keys = ("is_scheduled", "has_execution_variables_enabled")
            flags = {key: bool(values[key]) for key in keys if values.get(key) is not None}
            # Nothing can be refused from here on.
            found.name, found.alias = name, alias
            for key in ("description", "alerting", "cron_scheduling", "schedule_timezone"):
                if key in values:
                    setattr(found, key, values[key])
            for key, flag in flags.items():
                setattr(found, key, flag)
        return found

    def delete(self, caller: Caller, pipeline_id: object) -> bool:
        """Deleting needs the Super-Admin role and nothing else: running instances are deleted with it."""
        with self.store.lock:
            pipeline = self.get(pipeline_id)
            self.authz.require_admin(caller, "deletePipeline", r.ACCESS_SUPER_ADMIN)
            self.backend.pipeline_runs.remove(self.backend.pipeline_runs.instances_of(pipeline.id))
            for env_var in [v for v in self.data.env_vars.values() if v.entity_id == pipeline.id]:
                del self.data.env_vars[env_var.id]
            del self.data.pipelines[pipeline.id]
        return True

    def duplicate(self, caller: Caller, pipeline_id: object, duplicate_jobs: bool | None) -> Pipeline:
        """A copy of the current version, with copies of its jobs when ``duplicate_jobs`` (each current version)."""
        with self.store.lock:
            pipeline, _ = self._editable(caller, pipeline_id, "duplicatePipeline")
            names = {p.name.casefold() for p in self.store.pipelines_of(pipeline.project_id)}
            aliases = {p.alias.casefold() for p in self.store.pipelines_of(pipeline.project_id)}
            index = 1
            while f"{pipeline.name} (copy {index})".casefold() in names:
                index += 1
            name = f"{pipeline.name} (copy {index})"
            alias = derived_alias(name)
            while alias.casefold() in aliases:
                alias += "_"
            current = current_pipeline_version(pipeline)
            job_nodes = [JobNode(**vars(n)) for n in current.job_nodes]
            copies: dict[str, Job] = {}
            if duplicate_jobs:
                taken: set[str] = set()
                for job_id in dict.fromkeys(n.job_id for n in job_nodes):
                    original = self.store.job(job_id)
                    copy = self.backend.jobs.copy_in_project(caller, original, taken)
                    copy.versions = [v for v in copy.versions if v.is_current]
                    copy.original_job_id = original.id
                    taken.add(copy.name.casefold())
                    copies[job_id] = copy
                for node in job_nodes:
                    node.job_id = copies[node.job_id].id
            copy_pipeline = Pipeline(
                id=new_id(),
                project_id=pipeline.project_id,
                name=name,
                alias=alias,
                creator=caller.login,
                description=pipeline.description,
                alerting=pipeline.alerting,
                has_execution_variables_enabled=pipeline.has_execution_variables_enabled,
                versions=[
                    PipelineVersion(
                        number=1,
                        creator=caller.login,
                        job_nodes=job_nodes,
                        condition_nodes=[ConditionNode(**vars(n)) for n in current.condition_nodes],
                        release_note=current.release_note,
                        is_current=True,
                        is_linear=current.is_linear,
                        creation_date=self.clock.datetime(),
                    )
                ],
                creation_date=self.clock.datetime(),
            )
            for job in copies.values():
                self.data.jobs[job.id] = job
            self.data.pipelines[copy_pipeline.id] = copy_pipeline
        return copy_pipeline

    def rollback(self, caller: Caller, pipeline_id: object, number: int) -> Pipeline:
        with self.store.lock:
            pipeline, _ = self._editable(caller, pipeline_id, "rollbackPipelineVersion")
            target = self.version(pipeline, number)
            for version in pipeline.versions:
                version.is_current = version is target
        return pipeline

    def set_major(self, caller: Caller, pipeline_id: object, number: int, is_major: bool) -> PipelineVersion:
        with self.store.lock:
            pipeline, _ = self._editable(caller, pipeline_id, "setMajorPipelineVersion")
            version = self.version(pipeline, number)
            version.is_major = is_major
        return version

    def delete_versions(self, caller: Caller, pipeline_id: object, numbers: list[int]) -> list[dict[str, Any]]:
        """Per item; the (terminated) instances of a deleted version go with it."""
        with self.store.lock:
            pipeline, _ = self._editable(caller, pipeline_id, "deletePipelineVersions")
            runs = self.backend.pipeline_runs
            results = []
            for number in numbers:
                version = self.find_version(pipeline, number)
                success = version is not None and not self.version_deletable_reasons(pipeline, version)
                if version is not None and success:
                    pipeline.versions.remove(version)
                    runs.remove([i for i in runs.instances_of(pipeline.id) if i.version_number == number])
                results.append({"number": number, "success": success})
        return results

    def move(self, caller: Caller, pipeline_id: object, target_platform_id: int, target_project_id: object) -> str:
        """Moves a pipeline and the jobs of all its versions (they must not be used by another pipeline)."""
        with self.store.lock:
            jobs_backend = self.backend.jobs
            jobs_backend.check_platform(target_platform_id)
            pipeline = self.get(pipeline_id)
            target = self.store.project(target_project_id)
            source = self.store.project(pipeline.project_id)
            jobs_backend.check_move_target(caller, source, target, "movePipeline")
            for error in self.movable_state(pipeline):
                raise MOVABLE_RULES[error["reason"]].error(name=error["offending_name"], other=self._other(error))
            jobs = self.jobs_of(pipeline)
            for job in jobs:
                if job.technology_id not in dict(target.technologies_by_category).get(job.category, []):
                    label = self.store.technology(job.technology_id).label
                    raise r.PIPELINE_MOVE_TECHNOLOGY.error(
                        project=target.name, label=label, category=job.category, name=job.name
                    )
            self._check_names(target, pipeline.name, pipeline.alias)
            names = {j.name.casefold() for j in self.store.jobs_of(target.id)}
            aliases = {(j.alias or "").casefold() for j in self.store.jobs_of(target.id)}
            for job in jobs:
                if job.name.casefold() in names:
                    raise r.JOB_NAME_TAKEN.error(name=job.name, project=target.name)
                if job.alias and job.alias.casefold() in aliases:
                    raise r.JOB_ALIAS_TAKEN.error(alias=job.alias, project=target.name)
            # Nothing can be refused from here on.
            for job in jobs:
                job.project_id = target.id
            self.backend.pipeline_runs.remove(self.backend.pipeline_runs.instances_of(pipeline.id))
            pipeline.project_id = target.id
        return pipeline.id

    @staticmethod
    def _other(error: dict[str, Any]) -> str:
        shared = error.get("shared_job_in_many_pipelines_error") or {}
        return ", ".join(p["pipeline_name"] for p in shared.get("other_pipelines_linked", []))
