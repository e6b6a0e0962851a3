"""Job instances: runs moving through their statuses in emulated time, stop, logs, housekeeping."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import Any

from ..errors import ValidationError
from ..lifecycle import FINAL_STATUSES, job_timeline, kill_tail
from ..logs import filter_logs, job_instance_logs
from ..model import Job, JobInstance, JobVersion, new_id
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

    def status(self, instance: JobInstance, at: float | None = None) -> str:
        return instance.timeline.status_at(self.now() if at is None else at)

    def end_time(self, instance: JobInstance) -> float | None:
        return instance.timeline.time_of(self.now(), set(FINAL_STATUSES))

    def visible(self, job_id: str, at: float | None = None) -> list[JobInstance]:
        """A job's instances already requested at ``at`` (default: now), newest first."""
        at = self.now() if at is None else at
        found = [i for i in self.data.job_instances.values() if i.job_id == job_id and i.visible_from <= at]
        return sorted(found, key=lambda i: i.number, reverse=True)

    def has_unfinished(self, job: Job) -> bool:
        at = self.now()
        return any(i.timeline.status_at(at) not in FINAL_STATUSES for i in self.visible(job.id, at))

    def version_of(self, instance: JobInstance) -> JobVersion:
        return self.backend.jobs.version(self.store.job(instance.job_id), instance.version_number)

    def deletable_reasons(self, instance: JobInstance) -> list[str]:
        reasons = []
        if self.status(instance) not in FINAL_STATUSES:
            reasons.append("INSTANCE_NOT_TERMINATED")
        if instance.pipeline_instance_id:
            reasons.append("INSTANCE_LINKED_TO_PIPELINE")
        return reasons

    def count_by_selector(self, job_id: object) -> list[dict[str, Any]]:
        at = self.now()
        statuses = [i.timeline.status_at(at) for i in self.visible(self.store.job(job_id).id, at)]
        return [
            {"selector": selector, "count": sum(1 for s in statuses if s in allowed)}
            for selector, allowed in SELECTOR_STATUSES.items()
        ]

    def deletable_by_date(self, job_id: str, before: datetime) -> list[JobInstance]:
        at, limit = self.now(), before.timestamp()
        return [
            i
            for i in self.visible(job_id, at)
            if i.visible_from < limit and i.timeline.status_at(at) in FINAL_STATUSES and not i.pipeline_instance_id
        ]

    def count_by_date(self, job_id: object, before: datetime) -> int:
        return len(self.deletable_by_date(self.store.job(job_id).id, before))

    def logs(self, instance_id: object, streams: set[str] | None) -> list[dict[str, Any]]:
        instance = self.get(instance_id)
        job = self.store.job(instance.job_id)
        version = self.backend.jobs.version(job, instance.version_number)
        lines = job_instance_logs(job.name, version.command_line, self.status(instance), instance.visible_from)
        return filter_logs(lines, streams)

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
            return self.create(self.store.job(job_id), self.now())

    def stop(self, caller: Caller, instance_id: object) -> JobInstance:
        with self.store.lock:
            instance = self.get(instance_id)
            at = self.now()
            if instance.timeline.status_at(at) in FINAL_STATUSES:
                raise ValidationError(f"Job instance {instance.id} is already finished")
            instance.timeline.cut(at, kill_tail(self.controls, at))
        return instance

    # ------------------------------------------------------------------ housekeeping
    def _select(
        self, job_id: str, statuses: AbstractSet[str], exclude: list[str] | None, include: list[str] | None
    ) -> list[JobInstance]:
        at = self.now()
        excluded = {str(i) for i in exclude or []}
        chosen = [
            i
            for i in self.visible(job_id, at)
            if i.timeline.status_at(at) in statuses and i.id not in excluded and not i.pipeline_instance_id
        ]
        for extra in include or []:
            instance = self.data.job_instances.get(str(extra))
            if (
                instance
                and instance.job_id == job_id
                and instance not in chosen
                and instance.timeline.status_at(at) in FINAL_STATUSES
            ):
                chosen.append(instance)
        return chosen

    def _remove(self, instances: list[JobInstance]) -> int:
        for instance in instances:
            self.data.job_instances.pop(instance.id, None)
        return len(instances)

    def delete(self, caller: Caller, job_id: object, instance_ids: list[str]) -> list[dict[str, Any]]:
        with self.store.lock:
            job = self.store.job(job_id)
            at = self.now()
            results = []
            for instance_id in instance_ids:
                instance = self.data.job_instances.get(str(instance_id))
                success = (
                    instance is not None
                    and instance.job_id == job.id
                    and instance.timeline.status_at(at) in FINAL_STATUSES
                    and not instance.pipeline_instance_id
                )
                if success:
                    self.data.job_instances.pop(str(instance_id))
                results.append({"id": instance_id, "success": success})
        return results

    def delete_by_selector(
        self, caller: Caller, job_id: object, selector: str, exclude: list[str], include: list[str]
    ) -> int:
        with self.store.lock:
            job = self.store.job(job_id)
            return self._remove(self._select(job.id, SELECTOR_STATUSES[selector], exclude, include))

    def delete_by_date(self, caller: Caller, job_id: object, before: datetime, exclude: list[str]) -> int:
        with self.store.lock:
            job = self.store.job(job_id)
            excluded = {str(i) for i in exclude}
            return self._remove([i for i in self.deletable_by_date(job.id, before) if i.id not in excluded])
