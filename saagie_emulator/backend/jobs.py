"""Jobs: creation in a project's categories and technologies, versions with artifacts, edition, deletion,
duplication and moves between projects."""

from __future__ import annotations

import re
from typing import Any

from ..errors import NotFoundError, ValidationError
from ..model import Job, JobVersion, Pipeline, new_id
from .base import Caller, Domain, Upload

__all__ = ["JobsBackend", "job_alias"]


def job_alias(name: str) -> str:
    """The alias the platform derives from a job or pipeline name."""
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


def current_version(job: Job) -> JobVersion:
    return next(v for v in job.versions if v.is_current)


class JobsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, job_id: object) -> Job:
        return self.store.job(job_id)

    def find(self, job_id: object) -> Job | None:
        return self.data.jobs.get(str(job_id))

    def of_project(
        self, project_id: object, *, category: str | None = None, technology_id: str | None = None
    ) -> list[Job]:
        self.store.project(project_id)
        return [
            job
            for job in self.store.jobs_of(str(project_id))
            if category in (None, job.category) and technology_id in (None, job.technology_id)
        ]

    def by_alias(self, project_id: object, alias: str) -> Job | None:
        return next((job for job in self.store.jobs_of(str(project_id)) if job.alias == alias), None)

    def version(self, job: Job, number: int) -> JobVersion:
        for version in job.versions:
            if version.number == number:
                return version
        raise NotFoundError(f"Version of job {job.name}", number)

    def owner_of_version(self, version: JobVersion) -> Job | None:
        return next((j for j in self.data.jobs.values() if any(v is version for v in j.versions)), None)

    @staticmethod
    def artifact(job: Job, number: str, package_name: str) -> bytes | None:
        """The file of a job version (``number`` as in a URL), None if that version has no such file."""
        for version in job.versions:
            if str(version.number) == number and version.package_name == package_name:
                return version.artifact or b""
        return None

    def pipelines_using(self, job: Job, *, current_only: bool) -> list[Pipeline]:
        found = []
        for pipeline in self.store.pipelines_of(job.project_id):
            versions = [v for v in pipeline.versions if v.is_current or not current_only]
            if any(node.job_id == job.id for version in versions for node in version.job_nodes):
                found.append(pipeline)
        return found

    def has_unfinished_instances(self, job: Job) -> bool:
        return self.backend.job_instances.has_unfinished(job)

    def deletable_reasons(self, job: Job) -> list[str]:
        reasons = []
        if self.has_unfinished_instances(job):
            reasons.append("HAS_UNFINISHED_INSTANCES")
        if self.pipelines_using(job, current_only=True):
            reasons.append("LINKED_TO_PIPELINE")
        return reasons

    def count_by_category(
        self,
        project_id: object,
        *,
        search: str | None = None,
        job_category: str | None = None,
        technology_id: str | None = None,
    ) -> list[dict[str, Any]]:
        jobs = self.of_project(project_id, category=job_category, technology_id=technology_id)
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
            result.append(
                {"job_category": category, "jobs_count_by_technology": by_technology, "count": len(in_category)}
            )
        return result

    def lab_web_apps(self, project_id: object) -> list[Job]:
        return [j for j in self.store.jobs_of(str(project_id)) if j.category == "Smart App"]

    # ------------------------------------------------------------------ checks (no change)
    def _check_name(self, project_id: str, name: str, exclude: str | None = None) -> None:
        if not name or not name.strip():
            raise ValidationError("The job name must not be empty")
        others = [j for j in self.store.jobs_of(project_id) if j.id != exclude]
        self.store.check_unique_name("Job", [j.name for j in others], name)
        alias = job_alias(name)
        if any((j.alias or "").casefold() == alias.casefold() for j in others):
            raise ValidationError(f"Job alias '{alias}' is already used in this project")

    def _check_runtime(self, technology_id: str, version: dict[str, Any]) -> None:
        technology = self.store.technology(technology_id)
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

    # ------------------------------------------------------------------ building blocks (apply only)
    def _new_version(
        self, caller: Caller, job: Job, version: dict[str, Any], file: Upload | None, previous: JobVersion | None
    ) -> JobVersion:
        number = max((v.number for v in job.versions), default=0) + 1
        created = JobVersion(
            number=number,
            creator=caller.login,
            release_note=version.get("release_note"),
            runtime_version=version.get("runtime_version"),
            command_line=version.get("command_line"),
            docker_info=version.get("docker_info"),
            extra_technology=version.get("extra_technology"),
            source_url=version.get("source_url"),
            does_use_gpu=bool(version.get("does_use_gpu")),
            creation_date=self.clock.datetime(),
        )
        if file is not None:
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

    def _copy(self, caller: Caller, job: Job, project_id: str, name: str) -> Job:
        return Job(
            id=new_id(),
            project_id=project_id,
            name=name,
            alias=job_alias(name),
            category=job.category,
            technology_id=job.technology_id,
            creator=caller.login,
            description=job.description,
            is_scheduled=job.is_scheduled,
            cron_scheduling=job.cron_scheduling,
            schedule_timezone=job.schedule_timezone,
            alerting=job.alerting,
            is_streaming=job.is_streaming,
            does_use_gpu=job.does_use_gpu,
            resources=job.resources,
            versions=[JobVersion(**{**vars(v)}) for v in job.versions],
            creation_date=self.clock.datetime(),
        )

    def _forget(self, job: Job) -> None:
        """Remove a job with its instances and its variables."""
        del self.data.jobs[job.id]
        for key in [k for k, i in self.data.job_instances.items() if i.job_id == job.id]:
            del self.data.job_instances[key]
        for env_var in [v for v in self.data.env_vars.values() if v.entity_id == job.id]:
            del self.data.env_vars[env_var.id]

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any], version: dict[str, Any], file: Upload | None) -> Job:
        with self.store.lock:
            project = self.store.project(values["project_id"])
            self._check_name(project.id, values["name"])
            technology_id = str(values["technology"]["id"])
            technology = self.store.technology(technology_id)
            category = values["category"]
            allowed = dict(project.technologies_by_category).get(category)
            if allowed is None:
                raise ValidationError(f"Job category '{category}' is not enabled in project '{project.name}'")
            if technology.id not in allowed:
                raise ValidationError(
                    f"Technology '{technology.label}' is not enabled for category '{category}' in this project"
                )
            self._check_runtime(technology_id, version)
            if values.get("is_scheduled") and not values.get("cron_scheduling"):
                raise ValidationError("A scheduled job needs a cron expression")
            created = Job(
                id=new_id(),
                project_id=project.id,
                name=values["name"],
                alias=values.get("alias") or job_alias(values["name"]),
                category=category,
                technology_id=technology_id,
                creator=caller.login,
                description=values.get("description"),
                is_scheduled=bool(values.get("is_scheduled")),
                cron_scheduling=values.get("cron_scheduling"),
                schedule_timezone=values.get("schedule_timezone") or ("UTC" if values.get("is_scheduled") else None),
                alerting=values.get("alerting"),
                is_streaming=bool(values.get("is_streaming")),
                does_use_gpu=bool(values.get("does_use_gpu")),
                resources=values.get("resources"),
                creation_date=self.clock.datetime(),
            )
            self._new_version(caller, created, version, file, None)
            self.data.jobs[created.id] = created
        return created

    def add_version(self, caller: Caller, job_id: object, version: dict[str, Any], file: Upload | None) -> JobVersion:
        with self.store.lock:
            job = self.get(job_id)
            current = current_version(job)
            merged = dict(version)
            if merged.get("runtime_version") is None:
                merged["runtime_version"] = current.runtime_version
            self._check_runtime(job.technology_id, merged)
            return self._new_version(caller, job, merged, file, current)

    def edit(self, caller: Caller, values: dict[str, Any]) -> Job:
        with self.store.lock:
            found = self.get(values["id"])
            name = values.get("name") or None
            if name:
                self._check_name(found.project_id, name, exclude=found.id)
            keys = ("is_scheduled", "is_streaming", "does_use_gpu")
            flags = {key: bool(values[key]) for key in keys if values.get(key) is not None}
            is_scheduled = flags.get("is_scheduled", found.is_scheduled)
            cron = values.get("cron_scheduling", found.cron_scheduling)
            if is_scheduled and not cron:
                raise ValidationError("A scheduled job needs a cron expression")
            # Nothing can be refused from here on.
            if name:
                found.name = name
            if values.get("alias"):
                found.alias = values["alias"]
            for key in ("description", "alerting", "resources", "cron_scheduling", "schedule_timezone"):
                if key in values:
                    setattr(found, key, values[key])
            for key, flag in flags.items():
                setattr(found, key, flag)
            if not found.is_scheduled and "cron_scheduling" not in values:
                found.cron_scheduling = None
        return found

    def delete_versions(self, caller: Caller, job_id: object, numbers: list[int]) -> list[dict[str, Any]]:
        with self.store.lock:
            job = self.get(job_id)
            results = []
            for number in numbers:
                version = next((v for v in job.versions if v.number == number), None)
                success = version is not None and not version.is_current
                if version is not None and success:
                    job.versions.remove(version)
                results.append({"number": number, "success": success})
        return results

    def rollback(self, caller: Caller, job_id: object, number: int) -> Job:
        with self.store.lock:
            job = self.get(job_id)
            target = self.version(job, number)
            for version in job.versions:
                version.is_current = version is target
        return job

    def set_major(self, caller: Caller, job_id: object, number: int, is_major: bool) -> JobVersion:
        with self.store.lock:
            version = self.version(self.get(job_id), number)
            version.is_major = is_major
        return version

    def delete(self, caller: Caller, job_id: object) -> bool:
        with self.store.lock:
            job = self.get(job_id)
            if self.has_unfinished_instances(job):
                raise ValidationError(f"Job '{job.name}' has unfinished instances and cannot be deleted")
            used_by = self.pipelines_using(job, current_only=True)
            if used_by:
                names = ", ".join(p.name for p in used_by)
                raise ValidationError(f"Job '{job.name}' is used by pipeline(s) {names} and cannot be deleted")
            self._forget(job)
        return True

    def duplicate(self, caller: Caller, job_id: object) -> Job:
        with self.store.lock:
            job = self.get(job_id)
            names = {j.name.casefold() for j in self.store.jobs_of(job.project_id)}
            index = 1
            while f"{job.name} (copy {index})".casefold() in names:
                index += 1
            copy = self._copy(caller, job, job.project_id, f"{job.name} (copy {index})")
            copy.original_job_id = job.id
            self.data.jobs[copy.id] = copy
        return copy

    def _check_move(self, job: Job, target_project_id: str) -> None:
        if self.has_unfinished_instances(job) or self.pipelines_using(job, current_only=False):
            raise ValidationError(f"Job '{job.name}' cannot be moved: it is running or used by a pipeline")
        self._check_name(target_project_id, job.name)

    def _apply_move(self, caller: Caller, job: Job, target_project_id: str, category: str | None) -> Job:
        moved = self._copy(caller, job, target_project_id, job.name)
        if category:
            moved.category = category
        self.data.jobs[moved.id] = moved
        del self.data.jobs[job.id]
        for key in [k for k, i in self.data.job_instances.items() if i.job_id == job.id]:
            del self.data.job_instances[key]
        return moved

    def _check_platform(self, platform_id: int) -> None:
        if platform_id != self.data.platform_id:
            raise NotFoundError("Platform", platform_id)

    def move(
        self, caller: Caller, job_id: object, target_platform_id: int, target_project_id: object, category: str | None
    ) -> str:
        with self.store.lock:
            self._check_platform(target_platform_id)
            job = self.get(job_id)
            target = self.store.project(target_project_id)
            self._check_move(job, target.id)
            return self._apply_move(caller, job, target.id, category).id

    def move_many(self, caller: Caller, job_ids: list[str], project_id: object, category: str | None) -> bool:
        with self.store.lock:
            target = self.store.project(project_id)
            jobs = [self.get(job_id) for job_id in job_ids]
            for job in jobs:
                self._check_move(job, target.id)
            names = [job.name for job in jobs]
            for index, name in enumerate(names):
                self.store.check_unique_name("Job", names[:index], name)
            for job in jobs:
                self._apply_move(caller, job, target.id, category)
        return True
