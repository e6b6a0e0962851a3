"""``api.jobs``: jobs: create with artifact upload, upgrade, run and wait, instances, versions.

This file is the single source: ``saagieapi/_sync/jobs.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from .._generated.projects.base_model import UNSET
from .._generated.projects.enums import JobInstanceSelector
from .._generated.projects.input_types import JobEditionInput, JobInput, JobVersionInput
from ..errors import InvalidInputError, NotFoundError
from ..export_layout import DEFAULT_CONCURRENCY, ExportResult, ImportResult, ProgressCallback
from ..lookup import find_by_name
from ..models import (
    Job,
    JobInstance,
    JobInstanceCount,
    JobInstanceDeletionResult,
    JobSummary,
    JobVersion,
    JobVersionDeletionResult,
)
from ..validation import check_alerting, check_scheduling, check_technology_configured, check_technology_valid
from .jobs_helpers import (
    JOB_CATEGORIES,
    JOB_FINAL_STATUSES,
    FileInput,
    check_file,
    check_selector,
    docker_input,
    instance_status,
    opened_upload,
    parse_date,
    resolve_runtime,
    version_numbers,
)
from .paging import DEFAULT_PAGE_SIZE, check_page_size, iter_pages
from .project_export import run_export
from .project_import import run_import
from .resource import AsyncResource
from .waiting import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, wait_until_final

__all__ = ["AsyncJobs"]


class AsyncJobs(AsyncResource):
    """Methods of ``api.jobs`` (jobs: create with artifact upload, upgrade, run and wait, instances, versions)."""

    # -- read ---------------------------------------------------------------------------------------------
    async def list_for_project(
        self,
        project_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> list[Job]:
        """The jobs of a project with their last instances and versions (limits: ``None`` for all).

        Example::

            jobs = await api.jobs.list_for_project(project_id, instances_limit=1, versions_only_current=True)
        """
        jobs = await self._client.list_jobs_for_project(
            project_id=project_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        return list(jobs or [])

    async def list_for_project_minimal(self, project_id: str) -> list[JobSummary]:
        """Id, name and alias of each job of a project.

        Example::

            names = [job.name for job in await api.jobs.list_for_project_minimal(project_id)]
        """
        return list(await self._client.list_jobs_for_project_minimal(project_id=project_id) or [])

    async def get_instance(self, job_instance_id: str) -> JobInstance:
        """A job instance (its status is ``history.current_status.status``).

        Example::

            instance = await api.jobs.get_instance(instance_id)
        """
        instance = await self._client.get_job_instance(job_instance_id=job_instance_id)
        if instance is None:
            raise NotFoundError("job instance", job_instance_id)
        return instance

    async def get_id(self, job_name: str, project_name: str) -> str:
        """Id of a job from its name and its project's name (one request per lookup).

        Example::

            job_id = await api.jobs.get_id("ingest", "demo")
        """
        project_id = await self._api.projects.get_id(project_name)
        jobs = await self.list_for_project_minimal(project_id)
        return find_by_name(jobs, job_name, kind="job", scope=f"project {project_name!r}").id

    async def get_info(
        self,
        job_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Job:
        """A job with its instances and versions (limits: ``None`` for all).

        Example::

            job = await api.jobs.get_info(job_id, instances_limit=5)
        """
        job = await self._client.get_job(
            job_id=job_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if job is None:
            raise NotFoundError("job", job_id)
        return job

    def iter_instances(self, job_id: str, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncIterator[JobInstance]:
        """The instances of a job, most recent first, fetched ``page_size`` at a time (one request per page).

        Only one page is in memory at a time, where ``get_info(job_id)`` loads every instance at once: the
        way to walk a job with thousands of runs. The walk stops after the first page shorter than
        ``page_size``. For a job that does not exist the first request raises, as ``get_info`` does
        (NotFoundError, or the platform's GraphQLError).

        Example::

            numbers = set()
            async for instance in api.jobs.iter_instances(job_id, page_size=200):
                numbers.add(instance.number)
        """
        check_page_size(page_size)

        async def page(limit: int, skip: int) -> list[JobInstance]:
            job = await self._client.list_job_instances_page(job_id=job_id, limit=limit, skip=skip)
            if job is None:
                raise NotFoundError("job", job_id)
            return list(job.instances or [])

        return iter_pages(page, page_size)

    async def get_info_by_alias(
        self,
        project_id: str,
        job_alias: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Job:
        """A job from its alias in a project.

        Example::

            job = await api.jobs.get_info_by_alias(project_id, "ingest")
        """
        job = await self._client.get_job_by_alias(
            project_id=project_id,
            alias=job_alias,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if job is None:
            raise NotFoundError("job", job_alias, scope=f"project {project_id}")
        return job

    # -- create / edit / upgrade --------------------------------------------------------------------------
    async def _technology_id(
        self, project_id: str, category: str, technology: str, technology_catalog: str
    ) -> tuple[str, Any]:
        categories = await self._api.projects.get_jobs_technologies(project_id)
        enabled = next((c for c in categories if c.job_category == category), None)
        if enabled is None:
            known = ", ".join(c.job_category for c in categories) or "none"
            raise InvalidInputError(f"category {category!r} is not enabled in project {project_id} (enabled: {known})")
        technologies = [
            tech
            for tech in await self._api.get_available_technologies(technology_catalog)
            if tech.typename__ in ("JobTechnology", "SparkTechnology")
        ]
        technology_id = check_technology_valid([technology], technologies, technology_catalog)[0]
        check_technology_configured({}, technology, technology_id, [t.id for t in enabled.technologies or []])
        return technology_id, next(tech for tech in technologies if tech.id == technology_id)

    async def create(
        self,
        job_name: str,
        project_id: str,
        file: FileInput | None = None,
        description: str = "",
        category: str = "Processing",
        technology: str = "python",
        technology_catalog: str = "Saagie",
        runtime_version: str = "3.10",
        command_line: str = "python {file} arg1 arg2",
        release_note: str = "",
        extra_technology: str | None = None,
        extra_technology_version: str | None = None,
        cron_scheduling: str | None = None,
        schedule_timezone: str = "UTC",
        resources: Mapping[str, Any] | None = None,
        emails: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
        source_url: str = "",
        docker_info: Mapping[str, Any] | None = None,
    ) -> Job:
        """Create a job: an artifact ``file`` (path or binary file object) or a ``docker_info`` image.

        The technology and runtime are given by name and checked against the catalog and the project
        (NotFoundError lists the valid choices); cron, timezone and alerting are checked before any request.

        Example::

            job = await api.jobs.create("ingest", project_id, file="ingest.py", technology="python",
                                        runtime_version="3.10", command_line="python {file}")
        """
        if category not in JOB_CATEGORIES:
            raise InvalidInputError(f"category {category!r} is invalid: choose among {', '.join(JOB_CATEGORIES)}")
        if not isinstance(job_name, str) or not job_name.strip():
            raise InvalidInputError("job_name is empty: a job needs a name")
        check_file(file)
        job: dict[str, Any] = {
            "projectId": project_id,
            "name": job_name,
            "description": description,
            "category": category,
            "isStreaming": False,
            "isScheduled": False,
        }
        if cron_scheduling:
            job.update(check_scheduling(cron_scheduling, schedule_timezone))
        if emails:
            job.update(check_alerting(emails, status_list))
        if resources:
            job["resources"] = dict(resources)
        version: dict[str, Any] = {"releaseNote": release_note, "commandLine": command_line}
        if extra_technology:
            version["extraTechnology"] = {"language": extra_technology, "version": extra_technology_version or ""}
        if source_url:
            version["sourceUrl"] = source_url
        docker = docker_input(docker_info)
        if docker is not None:
            version["dockerInfo"] = docker
        technology_id, tech = await self._technology_id(project_id, category, technology, technology_catalog)
        job["technology"] = {"id": technology_id}
        version["runtimeVersion"] = resolve_runtime(tech, runtime_version, technology_catalog)
        with opened_upload(file) as upload:
            return await self._client.create_job(
                job=JobInput.model_validate(job),
                job_version=JobVersionInput.model_validate(version),
                file=UNSET if upload is None else upload,
            )

    async def edit(
        self,
        job_id: str,
        job_name: str | None = None,
        description: str | None = None,
        is_scheduled: bool | None = None,
        cron_scheduling: str | None = None,
        schedule_timezone: str | None = None,
        resources: Mapping[str, Any] | None = None,
        emails: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
    ) -> Job:
        """Change a job; what is not given (None) stays as it is.

        ``description=""`` clears it; ``emails=[]`` removes the alerting; ``is_scheduled=False`` unschedules;
        ``is_scheduled=True`` without a cron keeps the current cron; a cron alone schedules the job.

        Example::

            job = await api.jobs.edit(job_id, cron_scheduling="0 3 * * *", schedule_timezone="Europe/Paris")
        """
        values: dict[str, Any] = {"id": job_id}
        if job_name is not None:
            if not job_name.strip():
                raise InvalidInputError("job_name is empty: a job needs a name")
            values["name"] = job_name
        if description is not None:
            values["description"] = description
        if is_scheduled is False:
            values["isScheduled"] = False
        elif is_scheduled or cron_scheduling is not None:
            cron, timezone = cron_scheduling, schedule_timezone
            if cron is None or timezone is None:
                current = await self.get_info(job_id, instances_limit=1, versions_only_current=True)
                cron = cron or current.cron_scheduling
                timezone = timezone or current.schedule_timezone or "UTC"
            if cron is None:
                raise InvalidInputError("is_scheduled=True needs a cron_scheduling: the job has none yet")
            values.update(check_scheduling(cron, timezone))
        elif schedule_timezone is not None:
            values.update({"scheduleTimezone": check_scheduling("0 0 * * *", schedule_timezone)["scheduleTimezone"]})
        if emails is not None:
            values["alerting"] = check_alerting(emails, status_list)["alerting"] if emails else None
        elif status_list is not None:
            current = await self.get_info(job_id, instances_limit=1, versions_only_current=True)
            if current.alerting is None:
                raise InvalidInputError("status_list needs emails: the job has no alerting yet")
            values.update(check_alerting(current.alerting.emails, status_list))
        if resources is not None:
            values["resources"] = dict(resources)
        return await self._client.edit_job(job=JobEditionInput.model_validate(values), instances_limit=1)

    async def upgrade(
        self,
        job_id: str,
        file: FileInput | None = None,
        use_previous_artifact: bool = True,
        runtime_version: str | None = None,
        command_line: str | None = None,
        release_note: str = "",
        extra_technology: str | None = None,
        extra_technology_version: str | None = None,
        source_url: str = "",
        docker_info: Mapping[str, Any] | None = None,
    ) -> JobVersion:
        """Add a version to a job: a new ``file``, or the previous artifact, or a ``docker_info`` image.

        A given file always wins over ``use_previous_artifact``. Runtime, command line, Docker image and
        extra technology default to the current version's.

        Example::

            version = await api.jobs.upgrade(job_id, file="ingest.py", release_note="fix")
        """
        check_file(file)
        docker = docker_input(docker_info)
        job = await self.get_info(job_id, instances_limit=1, versions_only_current=True)
        current = next((v for v in job.versions if v.is_current), job.versions[0] if job.versions else None)
        return await self._add_version(
            job_id,
            job.technology.id if job.technology is not None else None,
            current,
            file,
            use_previous_artifact,
            runtime_version,
            command_line,
            release_note,
            extra_technology,
            extra_technology_version,
            source_url,
            docker,
        )

    async def _add_version(
        self,
        job_id: str,
        technology_id: str | None,
        current: JobVersion | None,
        file: FileInput | None,
        use_previous_artifact: bool,
        runtime_version: str | None,
        command_line: str | None,
        release_note: str,
        extra_technology: str | None,
        extra_technology_version: str | None,
        source_url: str,
        docker: dict[str, Any] | None,
    ) -> JobVersion:
        """``upgrade`` once the job's technology and current version are known (import passes them: no lookup)."""
        version: dict[str, Any] = {
            "releaseNote": release_note,
            "commandLine": command_line if command_line is not None else (current.command_line if current else None),
            "usePreviousArtifact": bool(
                file is None and use_previous_artifact and current is not None and current.package_info
            ),
        }
        if runtime_version is not None:
            if technology_id is None:
                raise InvalidInputError(f"job {job_id} has no technology: runtime_version cannot be checked")
            tech = await self._api.get_runtimes(technology_id)
            version["runtimeVersion"] = resolve_runtime(tech, runtime_version, "catalog")
        elif current is not None:
            version["runtimeVersion"] = current.runtime_version
        if docker is not None:
            version["dockerInfo"] = docker
        elif current is not None and current.docker_info is not None:
            version["dockerInfo"] = current.docker_info.model_dump(by_alias=True, exclude_none=True)
        if extra_technology is not None:
            version["extraTechnology"] = {"language": extra_technology, "version": extra_technology_version or ""}
        elif current is not None and current.extra_technology is not None:
            version["extraTechnology"] = current.extra_technology.model_dump(by_alias=True)
        if source_url:
            version["sourceUrl"] = source_url
        with opened_upload(file) as upload:
            return await self._client.add_job_version(
                job_id=job_id,
                job_version=JobVersionInput.model_validate(version),
                file=UNSET if upload is None else upload,
            )

    async def upgrade_by_name(
        self,
        job_name: str,
        project_name: str,
        file: FileInput | None = None,
        use_previous_artifact: bool = True,
        runtime_version: str | None = None,
        command_line: str | None = None,
        release_note: str = "",
        extra_technology: str | None = None,
        extra_technology_version: str | None = None,
        source_url: str = "",
        docker_info: Mapping[str, Any] | None = None,
    ) -> JobVersion:
        """:meth:`upgrade` with the job given by its name and its project's name.

        Example::

            version = await api.jobs.upgrade_by_name("ingest", "demo", file="ingest.py")
        """
        check_file(file)
        return await self.upgrade(
            await self.get_id(job_name, project_name),
            file=file,
            use_previous_artifact=use_previous_artifact,
            runtime_version=runtime_version,
            command_line=command_line,
            release_note=release_note,
            extra_technology=extra_technology,
            extra_technology_version=extra_technology_version,
            source_url=source_url,
            docker_info=docker_info,
        )

    async def create_or_upgrade(
        self,
        job_name: str,
        project_id: str,
        file: FileInput | None = None,
        use_previous_artifact: bool = True,
        description: str | None = None,
        category: str | None = None,
        technology: str | None = None,
        technology_catalog: str | None = None,
        runtime_version: str | None = None,
        command_line: str | None = None,
        release_note: str | None = None,
        extra_technology: str | None = None,
        extra_technology_version: str | None = None,
        is_scheduled: bool | None = None,
        cron_scheduling: str | None = None,
        schedule_timezone: str | None = None,
        resources: Mapping[str, Any] | None = None,
        emails: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
        source_url: str = "",
        docker_info: Mapping[str, Any] | None = None,
    ) -> Job:
        """Upgrade and edit the job named ``job_name`` if it exists, otherwise create it; return the job.

        Both paths return the same type (2.x returned different shapes).

        Example::

            job = await api.jobs.create_or_upgrade("ingest", project_id, file="ingest.py")
        """
        check_file(file)
        jobs = await self.list_for_project_minimal(project_id)
        existing = [job for job in jobs if job.name == job_name]
        if not existing:
            options: dict[str, Any] = {
                "description": description,
                "category": category,
                "technology": technology,
                "technology_catalog": technology_catalog,
                "runtime_version": runtime_version,
                "command_line": command_line,
                "release_note": release_note,
                "extra_technology": extra_technology,
                "extra_technology_version": extra_technology_version,
                "cron_scheduling": None if is_scheduled is False else cron_scheduling,
                "schedule_timezone": schedule_timezone,
                "resources": resources,
                "emails": emails,
                "status_list": status_list,
                "source_url": source_url,
                "docker_info": docker_info,
            }
            given = {key: value for key, value in options.items() if value is not None}
            return await self.create(job_name, project_id, file=file, **given)
        job_id = find_by_name(existing, job_name, kind="job", scope=f"project {project_id}").id
        await self.upgrade(
            job_id,
            file=file,
            use_previous_artifact=use_previous_artifact,
            runtime_version=runtime_version,
            command_line=command_line,
            release_note=release_note or "",
            extra_technology=extra_technology,
            extra_technology_version=extra_technology_version,
            source_url=source_url,
            docker_info=docker_info,
        )
        return await self.edit(
            job_id,
            description=description,
            is_scheduled=is_scheduled,
            cron_scheduling=cron_scheduling,
            schedule_timezone=schedule_timezone,
            resources=resources,
            emails=emails,
            status_list=status_list,
        )

    async def rollback(self, job_id: str, version_number: int | str) -> Job:
        """Make an earlier version current again.

        Example::

            job = await api.jobs.rollback(job_id, 1)
        """
        (number,) = version_numbers(version_number)
        job = await self._client.rollback_job_version(job_id=job_id, version_number=number, instances_limit=1)
        if job is None:
            raise NotFoundError("job", job_id)
        return job

    async def delete(self, job_id: str) -> bool:
        """Delete a job; True when done.

        Example::

            await api.jobs.delete(job_id)
        """
        return bool(await self._client.delete_job(job_id=job_id))

    # -- runs ---------------------------------------------------------------------------------------------
    async def run(self, job_id: str) -> JobInstance:
        """Start a job; return the new instance (use :meth:`run_with_callback` to wait for its end).

        Example::

            instance = await api.jobs.run(job_id)
        """
        return await self._client.run_job(job_id=job_id)

    async def run_with_callback(
        self,
        job_id: str,
        freq: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        *,
        raise_on_failure: bool = True,
        callback: Callable[[JobInstance], object] | None = None,
    ) -> JobInstance:
        """Run a job and wait for its end; return the final instance.

        Polls after ``freq`` seconds, then less and less often. Raises RunFailedError (with
        ``instance_id`` and ``status``) when it ends otherwise than SUCCEEDED, unless
        ``raise_on_failure=False``, and WaitTimeoutError after ``timeout`` seconds (``None``: no limit).
        ``callback`` sees each polled instance.

        Example::

            instance = await api.jobs.run_with_callback(job_id, timeout=600)
            print(instance.history.current_status.status)
        """
        if timeout is not None and timeout < 0:
            raise InvalidInputError("timeout must be a number of seconds >= 0, or None to wait without limit")
        started = await self.run(job_id)

        async def fetch() -> JobInstance:
            return await self.get_instance(started.id)

        return await wait_until_final(
            fetch,
            instance_status,
            final_statuses=JOB_FINAL_STATUSES,
            success_statuses={"SUCCEEDED"},
            instance_id=started.id,
            what="job instance",
            timeout=timeout,
            poll_interval=freq,
            raise_on_failure=raise_on_failure,
            callback=callback,
        )

    async def stop(self, job_instance_id: str) -> JobInstance:
        """Ask a running job instance to stop; return it.

        Example::

            instance = await api.jobs.stop(instance_id)
        """
        return await self._client.stop_job_instance(job_instance_id=job_instance_id)

    # -- instances and versions ---------------------------------------------------------------------------
    async def delete_instances(self, job_id: str, job_instances_id: Sequence[str]) -> list[JobInstanceDeletionResult]:
        """Delete instances of a job; one result (id, success) per instance.

        Example::

            results = await api.jobs.delete_instances(job_id, [instance_id])
        """
        if isinstance(job_instances_id, str):
            job_instances_id = [job_instances_id]
        return list(await self._client.delete_job_instances(job_id=job_id, job_instance_ids=list(job_instances_id)))

    async def delete_instances_by_selector(
        self,
        job_id: str,
        selector: str,
        exclude_instances_id: Sequence[str] | None = None,
        include_instances_id: Sequence[str] | None = None,
    ) -> int:
        """Delete the instances of a job with a status (ALL, SUCCEEDED, FAILED, STOPPED, UNKNOWN); how many.

        Example::

            deleted = await api.jobs.delete_instances_by_selector(job_id, "FAILED")
        """
        return await self._client.delete_job_instances_by_selector(
            job_id=job_id,
            selector=JobInstanceSelector(check_selector(selector)),
            exclude_job_instance_ids=list(exclude_instances_id or []),
            include_job_instance_ids=list(include_instances_id or []),
        )

    async def delete_instances_by_date(
        self,
        job_id: str,
        date_before: str | datetime,
        exclude_instances_id: Sequence[str] | None = None,
        include_instances_id: Sequence[str] | None = None,
    ) -> int:
        """Delete the instances of a job started before a date (ISO with timezone, or aware datetime); how many.

        Example::

            deleted = await api.jobs.delete_instances_by_date(job_id, "2024-01-01T00:00:00Z")
        """
        return await self._client.delete_job_instances_by_date(
            job_id=job_id,
            before_at=parse_date(date_before),
            exclude_job_instance_ids=list(exclude_instances_id or []),
            include_job_instance_ids=list(include_instances_id or []),
        )

    async def delete_versions(self, job_id: str, versions: Sequence[int | str]) -> list[JobVersionDeletionResult]:
        """Delete versions (neither current nor used by a pipeline); one result per version number.

        Example::

            results = await api.jobs.delete_versions(job_id, [1, 2])
        """
        return list(
            await self._client.delete_job_versions(job_id=job_id, job_version_numbers=version_numbers(versions))
        )

    async def duplicate(self, job_id: str) -> Job:
        """Copy a job (current version) in its project; return the copy.

        Example::

            copy = await api.jobs.duplicate(job_id)
        """
        return await self._client.duplicate_job(job_id=job_id, instances_limit=1)

    async def count_instances_by_status(self, job_id: str) -> list[JobInstanceCount]:
        """Deprecated (2.9): use :meth:`count_deletable_instances_by_status`.

        Example::

            counts = await api.jobs.count_deletable_instances_by_status(job_id)
        """
        warnings.warn(
            "count_instances_by_status is deprecated: use count_deletable_instances_by_status",
            DeprecationWarning,
            stacklevel=2,
        )
        return await self.count_deletable_instances_by_status(job_id)

    async def count_deletable_instances_by_status(self, job_id: str) -> list[JobInstanceCount]:
        """How many instances of a job each selector (ALL, SUCCEEDED, FAILED...) would delete.

        Example::

            counts = {c.selector: c.count for c in await api.jobs.count_deletable_instances_by_status(job_id)}
        """
        return list(await self._client.count_job_instances_by_selector(job_id=job_id) or [])

    async def count_deletable_instances_by_date(self, job_id: str, date_before: str | datetime) -> int:
        """How many instances of a job started before a date.

        Example::

            count = await api.jobs.count_deletable_instances_by_date(job_id, "2024-01-01T00:00:00Z")
        """
        return int(
            await self._client.count_job_instances_by_date(job_id=job_id, before_at=parse_date(date_before)) or 0
        )

    async def move_job(
        self, job_id: str, target_platform_id: int, target_project_id: str, *, target_category: str | None = None
    ) -> str:
        """Move a job to another project (possibly on another platform); return the id of the moved job.

        Example::

            new_id = await api.jobs.move_job(job_id, 1, other_project_id)
        """
        return await self._client.move_job(
            job_id=job_id,
            target_platform_id=int(target_platform_id),
            target_project_id=target_project_id,
            target_category=target_category,
        )

    # -- export / import (2.x folder layout) --------------------------------------------------------------
    async def export(
        self,
        job_id: str,
        output_folder: str | os.PathLike[str],
        error_folder: str | os.PathLike[str] = "",
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        progress: ProgressCallback | None = None,
    ) -> ExportResult:
        """Write ``<output_folder>/<job_id>/job.json`` and each version's artifact (streamed to disk).

        The folder appears only once complete; any failure (an artifact download included) raises
        ExportError and leaves nothing behind (the id is noted in ``error_folder`` as in 2.x).

        Example::

            result = await api.jobs.export(job_id, "backup/jobs", versions_limit=3)
        """
        return await run_export(
            self._api,
            "job",
            job_id,
            output_folder,
            error_folder=error_folder,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
            concurrency=concurrency,
            progress=progress,
        )

    async def import_from_json(
        self,
        project_id: str,
        path_to_folder: str | os.PathLike[str],
        *,
        if_exists: str = "skip",
        docker_credentials_passwords: Mapping[str, str] | None = None,
        error_folder: str | os.PathLike[str] = "",
        progress: ProgressCallback | None = None,
    ) -> ImportResult:
        """Create the job of an exported folder (``job.json`` + ``version/<n>/<artifact>``) with all its versions.

        Technology and runtimes are matched by catalog and name; ``if_exists="skip"`` keeps a job of the
        same name, ``"upgrade"`` adds the current version to it and edits it. Files are checked first.

        Example::

            result = await api.jobs.import_from_json(project_id, "backup/jobs/<job_id>")
            new_job_id = result.of("job")[0].target_id
        """
        return await run_import(
            self._api,
            "job",
            path_to_folder,
            project_id,
            if_exists=if_exists,
            error_folder=error_folder,
            progress=progress,
            docker_credentials_passwords=docker_credentials_passwords,
        )
