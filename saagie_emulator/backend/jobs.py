"""Jobs: creation in a project's categories and technologies, versions with artifacts, edition, deletion,
duplication and moves between projects."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..lifecycle import FINAL_STATUSES
from ..model import Context, Job, JobVersion, Pipeline, Project, Technology, new_id
from ..rules import book as r
from ..rules.checks import check_alias, check_name_length, derived_alias
from .authz import EDITOR, VIEWER
from .base import Caller, Domain, Upload

__all__ = ["JobsBackend", "current_version", "job_alias"]

#: Kept for callers of the former resolvers module.
job_alias = derived_alias


def current_version(job: Job) -> JobVersion:
    return next(v for v in job.versions if v.is_current)


class JobsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, job_id: object) -> Job:
        return self.store.job(job_id)

    def find(self, job_id: object) -> Job | None:
        return self.data.jobs.get(str(job_id))

    def visible(self, caller: Caller, job_id: object) -> Job | None:
        """The job if it exists and the caller may see its project, else None."""
        job = self.find(job_id)
        if job is None or not self.authz.can(caller, self.data.projects.get(job.project_id), VIEWER):
            return None
        return job

    def of_project(
        self, caller: Caller, project_id: object, *, category: str | None = None, technology_id: str | None = None
    ) -> list[Job] | None:
        if self.backend.projects.find(caller, project_id) is None:
            return None
        return [
            job
            for job in self.store.jobs_of(str(project_id))
            if category in (None, job.category) and technology_id in (None, str(job.technology_id))
        ]

    def by_alias(self, caller: Caller, project_id: object, alias: str) -> Job | None:
        jobs = self.of_project(caller, project_id) or []
        return next((job for job in jobs if job.alias == alias), None)

    def version(self, job: Job, number: int) -> JobVersion:
        found = self.find_version(job, number)
        if found is None:
            raise r.VERSION_NOT_FOUND.error(number=number, kind="job", name=job.name)
        return found

    @staticmethod
    def find_version(job: Job, number: int) -> JobVersion | None:
        return next((v for v in job.versions if v.number == number), None)

    def owner_of_version(self, version: JobVersion) -> Job | None:
        return next((j for j in self.data.jobs.values() if any(v is version for v in j.versions)), None)

    def artifact(
        self, caller: Caller, platform_id: str, project_id: str, job_id: str, number: str, package_name: str
    ) -> bytes:
        """The file of a job version, at its ``packageInfo.downloadUrl``."""
        job = self.visible(caller, job_id)
        if platform_id != str(self.data.platform_id) or job is None or job.project_id != project_id:
            raise r.ARTIFACT_NOT_FOUND.error(what="Job")
        for version in job.versions:
            if str(version.number) == number and version.package_name == package_name:
                return version.artifact or b""
        raise r.ARTIFACT_NOT_FOUND.error(what="Artifact")

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
        """``JobDeletableStateReason`` values: what ``deleteJob`` refuses (any pipeline version counts)."""
        reasons = []
        if self.has_unfinished_instances(job):
            reasons.append(r.JOB_HAS_UNFINISHED_INSTANCES.code)
        if self.pipelines_using(job, current_only=False):
            reasons.append(r.JOB_LINKED_TO_PIPELINE.code)
        return reasons

    def version_deletable_reasons(self, job: Job, version: JobVersion) -> list[str]:
        """``JobVersionDeletableStateReason`` values: what ``deleteJobVersions`` refuses for this version."""
        reasons = []
        if version.is_current:
            reasons.append(r.JOB_VERSION_CURRENT.code)
        at = self.now()
        instances = [i for i in self.data.job_instances.values() if i.job_id == job.id]
        mine = [i for i in instances if i.version_number == version.number]
        if any(i.timeline.status_at(at) not in FINAL_STATUSES for i in mine):
            reasons.append(r.VERSION_HAS_UNFINISHED_INSTANCES.code)
        if any(i.pipeline_instance_id for i in mine):
            reasons.append(r.VERSION_LINKED_TO_PIPELINE_INSTANCE.code)
        return reasons

    def count_by_category(self, caller: Caller, project_id: object) -> list[dict[str, Any]] | None:
        """``countJobs`` (its deprecated filters are "not implemented", so they are ignored, as on the platform)."""
        jobs = self.of_project(caller, project_id)
        if jobs is None:
            return None
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

    def lab_web_apps(self, caller: Caller, project_id: object) -> list[Job] | None:
        jobs = self.of_project(caller, project_id)
        return None if jobs is None else [j for j in jobs if j.category == "Smart App"]

    # ------------------------------------------------------------------ checks (no change)
    def _check_names(
        self, project: Project, name: str, alias: str | None, exclude: str | None = None, *, explicit: bool
    ) -> None:
        others = [j for j in self.store.jobs_of(project.id) if j.id != exclude]
        if any(j.name.casefold() == name.casefold() for j in others):
            raise r.JOB_NAME_TAKEN.error(name=name, project=project.name)
        if alias is not None and explicit:
            check_alias(alias)
        if alias is not None and any((j.alias or "").casefold() == alias.casefold() for j in others):
            raise r.JOB_ALIAS_TAKEN.error(alias=alias, project=project.name)

    def _context(self, technology: Technology, runtime: str) -> Context | None:
        return next((c for c in technology.contexts if c.id == runtime), None)

    def _check_runtime(self, technology_id: str, version: dict[str, Any]) -> None:
        technology = self.store.technology(technology_id)
        runtime = version.get("runtime_version")
        if runtime is None:
            if version.get("docker_info") is None and technology.label != "Generic":
                raise r.JOB_RUNTIME_REQUIRED.error(label=technology.label)
            return
        context = self._context(technology, runtime)
        if context is None:
            known = [c.id for c in technology.contexts]
            raise r.JOB_RUNTIME_UNKNOWN.error(runtime=runtime, label=technology.label, known=known)
        if not context.available:
            raise r.JOB_RUNTIME_UNAVAILABLE.error(runtime=runtime, label=technology.label)
        if context.trust_level == "Deprecated" or self._deprecated(context.deprecation_date):
            raise r.JOB_RUNTIME_DEPRECATED.error(runtime=runtime, label=technology.label)

    def _deprecated(self, date: datetime | None) -> bool:
        return date is not None and date.timestamp() <= self.now()

    @staticmethod
    def _check_resources(version: dict[str, Any]) -> None:
        for key, value in (version.get("resources") or {}).items():
            if isinstance(value, int | float) and value < 0:
                raise r.JOB_RESOURCES_NEGATIVE.error(field=key, value=value)

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

    def _copy(self, caller: Caller, job: Job, project_id: str, name: str, alias: str | None) -> Job:
        return Job(
            id=new_id(),
            project_id=project_id,
            name=name,
            alias=alias,
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

    def _editable(self, caller: Caller, job_id: object, operation: str) -> Job:
        job = self.get(job_id)
        self.authz.require(caller, self.store.project(job.project_id), EDITOR, operation)
        return job

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any], version: dict[str, Any], file: Upload | None) -> Job:
        with self.store.lock:
            project = self.store.project(values["project_id"])
            self.authz.require(caller, project, EDITOR, "createJob")
            name = values["name"]
            if not name or not name.strip():
                raise r.JOB_NAME_EMPTY.error()
            check_name_length("job", name)
            explicit = values.get("alias")
            self._check_names(project, name, explicit or None, explicit=bool(explicit))
            technology_id = str(values["technology"]["id"])
            technology = self.store.technology(technology_id)
            category = values["category"]
            allowed = dict(project.technologies_by_category).get(category)
            if allowed is None:
                raise r.JOB_CATEGORY_NOT_IN_PROJECT.error(category=category, project=project.name)
            if technology.id not in allowed:
                raise r.JOB_TECHNOLOGY_NOT_IN_PROJECT.error(
                    label=technology.label, category=category, project=project.name
                )
            self._check_runtime(technology_id, version)
            created = Job(
                id=new_id(),
                project_id=project.id,
                name=name,
                alias=explicit or derived_alias(name),
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
            job = self._editable(caller, job_id, "addJobVersion")
            current = current_version(job)
            merged = dict(version)
            if merged.get("runtime_version") is None:
                merged["runtime_version"] = current.runtime_version
            self._check_runtime(job.technology_id, merged)
            self._check_resources(merged)
            return self._new_version(caller, job, merged, file, current)

    def edit(self, caller: Caller, values: dict[str, Any]) -> Job:
        with self.store.lock:
            found = self._editable(caller, values["id"], "editJob")
            project = self.store.project(found.project_id)
            name = values.get("name") or found.name
            alias = values.get("alias") or None
            self._check_names(project, name, alias, exclude=found.id, explicit=True)
            keys = ("is_scheduled", "is_streaming", "does_use_gpu")
            flags = {key: bool(values[key]) for key in keys if values.get(key) is not None}
            # Nothing can be refused from here on.
            found.name = name
            if alias:
                found.alias = alias
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
            job = self._editable(caller, job_id, "deleteJobVersions")
            results = []
            for number in numbers:
                version = self.find_version(job, number)
                success = version is not None and not self.version_deletable_reasons(job, version)
                if version is not None and success:
                    job.versions.remove(version)
                    for key in [k for k, i in self.data.job_instances.items() if i.job_id == job.id]:
                        if self.data.job_instances[key].version_number == number:
                            del self.data.job_instances[key]
                results.append({"number": number, "success": success})
        return results

    def rollback(self, caller: Caller, job_id: object, number: int) -> Job:
        with self.store.lock:
            job = self._editable(caller, job_id, "rollbackJobVersion")
            target = self.version(job, number)
            for version in job.versions:
                version.is_current = version is target
        return job

    def set_major(self, caller: Caller, job_id: object, number: int, is_major: bool) -> JobVersion:
        with self.store.lock:
            version = self.version(self._editable(caller, job_id, "setMajorJobVersion"), number)
            version.is_major = is_major
        return version

    def _check_deletable(self, job: Job) -> None:
        if self.has_unfinished_instances(job):
            raise r.JOB_HAS_UNFINISHED_INSTANCES.error(name=job.name)
        used_by = self.pipelines_using(job, current_only=False)
        if used_by:
            raise r.JOB_LINKED_TO_PIPELINE.error(name=job.name, pipelines=", ".join(p.name for p in used_by))

    def delete(self, caller: Caller, job_id: object, operation: str = "deleteJob") -> bool:
        with self.store.lock:
            job = self._editable(caller, job_id, operation)
            self._check_deletable(job)
            self._forget(job)
        return True

    def duplicate(self, caller: Caller, job_id: object) -> Job:
        with self.store.lock:
            job = self._editable(caller, job_id, "duplicateJob")
            copy = self.copy_in_project(caller, job)
            copy.original_job_id = job.id
            self.data.jobs[copy.id] = copy
        return copy

    def copy_in_project(self, caller: Caller, job: Job, taken: set[str] | None = None) -> Job:
        """A copy of ``job`` named "<name> (copy N)" with a free name (not stored); ``taken`` adds names in use."""
        names = {j.name.casefold() for j in self.store.jobs_of(job.project_id)} | (taken or set())
        aliases = {(j.alias or "").casefold() for j in self.store.jobs_of(job.project_id)}
        index = 1
        while f"{job.name} (copy {index})".casefold() in names:
            index += 1
        name = f"{job.name} (copy {index})"
        alias = derived_alias(name)
        return self._copy(caller, job, job.project_id, name, alias if alias.casefold() not in aliases else None)

    # ------------------------------------------------------------------ moves
    def check_platform(self, platform_id: int) -> None:
        if platform_id != self.data.platform_id:
            raise r.PLATFORM_NOT_FOUND.error(key=platform_id, platform_id=self.data.platform_id)

    def check_move_target(self, caller: Caller, source: Project, target: Project, operation: str) -> None:
        """Rights in both projects, a different project, a READY one."""
        self.authz.require(caller, source, EDITOR, operation, r.ACCESS_EDITOR_BOTH)
        self.authz.require(caller, target, EDITOR, operation, r.ACCESS_EDITOR_BOTH)
        if source.id == target.id:
            raise r.MOVE_SAME_PROJECT.error()
        status = self.backend.projects.status(target)
        if status != "READY":
            raise r.MOVE_TARGET_NOT_READY.error(project=target.name, status=status)

    def _check_movable(self, job: Job, target: Project, category: str | None) -> None:
        self._check_deletable(job)
        if job.is_scheduled:
            raise r.JOB_MOVE_SCHEDULED.error(name=job.name)
        if job.is_streaming:
            raise r.JOB_MOVE_STREAMING.error(name=job.name)
        wanted = category or job.category
        if job.technology_id not in dict(target.technologies_by_category).get(wanted, []):
            label = self.store.technology(job.technology_id).label
            raise r.JOB_MOVE_TECHNOLOGY.error(project=target.name, label=label, category=wanted)

    def _check_names_in_target(self, jobs: list[Job], target: Project) -> None:
        names = {j.name.casefold() for j in self.store.jobs_of(target.id)}
        aliases = {(j.alias or "").casefold() for j in self.store.jobs_of(target.id)}
        for job in jobs:
            if job.name.casefold() in names:
                raise r.JOB_NAME_TAKEN.error(name=job.name, project=target.name)
            if job.alias and job.alias.casefold() in aliases:
                raise r.JOB_ALIAS_TAKEN.error(alias=job.alias, project=target.name)
            names.add(job.name.casefold())
            aliases.add((job.alias or "").casefold())

    def _apply_move(self, caller: Caller, job: Job, target_project_id: str, category: str | None) -> Job:
        moved = self._copy(caller, job, target_project_id, job.name, job.alias)
        if category:
            moved.category = category
        self.data.jobs[moved.id] = moved
        del self.data.jobs[job.id]
        for key in [k for k, i in self.data.job_instances.items() if i.job_id == job.id]:
            del self.data.job_instances[key]
        for env_var in [v for v in self.data.env_vars.values() if v.entity_id == job.id]:
            env_var.entity_id = moved.id
        return moved

    def move(
        self, caller: Caller, job_id: object, target_platform_id: int, target_project_id: object, category: str | None
    ) -> str:
        with self.store.lock:
            self.check_platform(target_platform_id)
            job = self.get(job_id)
            target = self.store.project(target_project_id)
            self.check_move_target(caller, self.store.project(job.project_id), target, "moveJob")
            self._check_movable(job, target, category)
            self._check_names_in_target([job], target)
            return self._apply_move(caller, job, target.id, category).id

    def move_many(self, caller: Caller, job_ids: list[str], project_id: object, category: str | None) -> bool:
        with self.store.lock:
            jobs = [self.get(job_id) for job_id in job_ids]
            target = self.store.project(project_id)
            if not jobs:
                return True
            if len({(j.project_id, j.technology_id) for j in jobs}) > 1:
                raise r.JOBS_MOVE_MIXED.error()
            self.check_move_target(caller, self.store.project(jobs[0].project_id), target, "moveJobs")
            for job in jobs:
                self._check_movable(job, target, category)
            self._check_names_in_target(jobs, target)
            for job in jobs:
                self._apply_move(caller, job, target.id, category)
        return True
