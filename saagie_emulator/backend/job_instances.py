"""Job instances: runs moving through their statuses in emulated time, stop, logs, housekeeping."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import Any

from ..lifecycle import FINAL_STATUSES, job_timeline, kill_tail
from ..logs import JobRun, filter_logs, job_instance_logs
from ..model import Job, JobInstance, JobVersion, new_id
from ..rules import book as r
from .authz import EDITOR
from .base import Caller, Domain
from .jobs import current_version

__all__ = ["SELECTOR_STATUSES", "JobInstancesBackend"]

#: Which statuses each ``JobInstanceSelector`` / ``PipelineInstanceSelector`` value stands for.
SELECTOR_STATUSES: dict[str, AbstractSet[str]] = {
    "ALL": FINAL_STATUSES,
    "SUCCEEDED": {"SUCCEEDED"},
    "FAILED": {"FAILED", "ERROR"},
    "STOPPED": {"KILLED"},
    "UNKNOWN": {"UNKNOWN"},
}


class JobInstancesBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, instance_id: object) -> JobInstance:
        return self.store.job_instance(instance_id)

    def find(self, instance_id: object) -> JobInstance | None:
        return self.data.job_instances.get(str(instance_id))

    def visible(self, caller: Caller, instance_id: object) -> JobInstance | None:
        """The instance if it exists and the caller may see its project, else None."""
        instance = self.find(instance_id)
        if instance is None or self.backend.jobs.visible(caller, instance.job_id) is None:
            return None
        return instance

    def status(self, instance: JobInstance, at: float | None = None) -> str:
        return instance.timeline.status_at(self.now() if at is None else at)

    def end_time(self, instance: JobInstance) -> float | None:
        return instance.timeline.time_of(self.now(), set(FINAL_STATUSES))

    def of_job(self, job_id: str, at: float | None = None) -> list[JobInstance]:
        """A job's instances already requested at ``at`` (default: now), newest first."""
        at = self.now() if at is None else at
        found = [i for i in self.data.job_instances.values() if i.job_id == job_id and i.visible_from <= at]
        return sorted(found, key=lambda i: i.number, reverse=True)

    def has_unfinished(self, job: Job) -> bool:
        at = self.now()
        return any(i.timeline.status_at(at) not in FINAL_STATUSES for i in self.of_job(job.id, at))

    def version_of(self, instance: JobInstance) -> JobVersion:
        return self.backend.jobs.version(self.store.job(instance.job_id), instance.version_number)

    def deletable_reasons(self, instance: JobInstance, job_id: str | None = None) -> list[str]:
        """``JobInstanceDeletableStateReason`` values: what the delete mutations refuse for this instance."""
        reasons = []
        if self.status(instance) not in FINAL_STATUSES:
            reasons.append(r.INSTANCE_NOT_TERMINATED.code)
        if instance.pipeline_instance_id:
            reasons.append(r.INSTANCE_LINKED_TO_PIPELINE.code)
        if job_id is not None and instance.job_id != job_id:
            reasons.append(r.INSTANCE_DOES_NOT_MATCH.code + "_JOB")
        return reasons

    def count_by_selector(self, caller: Caller, job_id: object) -> list[dict[str, Any]] | None:
        job = self.backend.jobs.visible(caller, job_id)
        if job is None:
            return None
        at = self.now()
        statuses = [i.timeline.status_at(at) for i in self.of_job(job.id, at)]
        return [
            {"selector": selector, "count": sum(1 for s in statuses if s in allowed)}
            for selector, allowed in SELECTOR_STATUSES.items()
        ]

    def deletable_by_date(self, job_id: str, before: datetime) -> list[JobInstance]:
        limit = before.timestamp()
        return [i for i in self.of_job(job_id) if i.visible_from < limit and not self.deletable_reasons(i, job_id)]

    def count_by_date(self, caller: Caller, job_id: object, before: datetime) -> int | None:
        job = self.backend.jobs.visible(caller, job_id)
        return None if job is None else len(self.deletable_by_date(job.id, before))

    def logs(self, caller: Caller, instance_id: object, streams: set[str] | None) -> list[dict[str, Any]] | None:
        instance = self.visible(caller, instance_id)
        if instance is None:
            return None
        job = self.store.job(instance.job_id)
        version = self.backend.jobs.version(job, instance.version_number)
        variables = tuple((v.name, v.value, v.is_password) for v in self.backend.env_vars.visible("JOB", job.id))
        run = JobRun(
            job_name=job.name,
            number=instance.number,
            command_line=version.command_line,
            image=self.effective_docker_image(instance),
            variables=variables,
            step_seconds=self.controls.scaled(1.0),
        )
        return filter_logs(job_instance_logs(run, instance.timeline, self.now()), streams)

    def effective_docker_image(self, instance: JobInstance) -> str:
        job = self.store.job(instance.job_id)
        version = self.backend.jobs.version(job, instance.version_number)
        if version.docker_info:
            return str(version.docker_info.get("image"))
        technology = self.data.technologies.get(job.technology_id)
        return f"saagie/{technology.technology_id if technology else 'job'}:{version.runtime_version or 'latest'}"

    # ------------------------------------------------------------------ runs
    def create(
        self,
        job: Job,
        start: float,
        *,
        pipeline_instance_id: str | None = None,
        job_node_id: str | None = None,
        execution_variables: list[dict[str, Any]] | None = None,
    ) -> JobInstance:
        """A new instance of ``job`` requested at ``start``, whose timeline is fixed now (forced outcomes)."""
        outcome = self.controls.outcome_for(job.id, job.name)
        number = 1 + max((i.number for i in self.data.job_instances.values() if i.job_id == job.id), default=0)
        instance = JobInstance(
            id=new_id(),
            number=number,
            job_id=job.id,
            version_number=current_version(job).number,
            timeline=job_timeline(self.controls, start, outcome),
            visible_from=start,
            pipeline_instance_id=pipeline_instance_id,
            job_node_id=job_node_id,
            execution_variables=execution_variables or [],
        )
        self.data.job_instances[instance.id] = instance
        return instance

    def run(self, caller: Caller, job_id: object) -> JobInstance:
        with self.store.lock:
            job = self.store.job(job_id)
            self.authz.require(caller, self.store.project(job.project_id), EDITOR, "runJob")
            return self.create(job, self.now())

    def stop(self, caller: Caller, instance_id: object) -> JobInstance:
        """Stop a run; a finished run is answered as it is (the platform documents no refusal)."""
        with self.store.lock:
            instance = self.get(instance_id)
            job = self.store.job(instance.job_id)
            self.authz.require(caller, self.store.project(job.project_id), EDITOR, "stopJobInstance")
            at = self.now()
            if instance.timeline.status_at(at) not in FINAL_STATUSES:
                instance.timeline.cut(at, kill_tail(self.controls, at))
        return instance

    # ------------------------------------------------------------------ housekeeping
    def _select(
        self, job_id: str, chosen: list[JobInstance], exclude: list[str], include: list[str]
    ) -> list[JobInstance]:
        """The filter's instances minus ``exclude``, plus ``include`` ("takes precedence over exclude"), keeping
        only what may be deleted (children of the job, terminated, not in a pipeline instance)."""
        excluded = {str(i) for i in exclude}
        selected = {i.id: i for i in chosen if i.id not in excluded}
        for extra in include:
            instance = self.data.job_instances.get(str(extra))
            if instance is not None:
                selected[instance.id] = instance
        return [i for i in selected.values() if not self.deletable_reasons(i, job_id)]

    def _remove(self, instances: list[JobInstance]) -> int:
        for instance in instances:
            self.data.job_instances.pop(instance.id, None)
        return len(instances)

    def _editable_job(self, caller: Caller, job_id: object, operation: str) -> str:
        job = self.store.job(job_id)
        self.authz.require(caller, self.store.project(job.project_id), EDITOR, operation)
        return job.id

    def delete(self, caller: Caller, job_id: object, instance_ids: list[str]) -> list[dict[str, Any]]:
        with self.store.lock:
            job = self._editable_job(caller, job_id, "deleteJobInstances")
            results = []
            for instance_id in instance_ids:
                instance = self.data.job_instances.get(str(instance_id))
                success = instance is not None and not self.deletable_reasons(instance, job)
                if success:
                    self.data.job_instances.pop(str(instance_id))
                results.append({"id": instance_id, "success": success})
        return results

    def delete_by_selector(
        self, caller: Caller, job_id: object, selector: str, exclude: list[str], include: list[str]
    ) -> int:
        with self.store.lock:
            job = self._editable_job(caller, job_id, "deleteJobInstancesBySelector")
            at = self.now()
            chosen = [i for i in self.of_job(job, at) if i.timeline.status_at(at) in SELECTOR_STATUSES[selector]]
            return self._remove(self._select(job, chosen, exclude, include))

    def delete_by_date(
        self, caller: Caller, job_id: object, before: datetime, exclude: list[str], include: list[str]
    ) -> int:
        with self.store.lock:
            job = self._editable_job(caller, job_id, "deleteJobInstancesByDate")
            return self._remove(self._select(job, self.deletable_by_date(job, before), exclude, include))
