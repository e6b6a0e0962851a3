"""``api.jobs``: jobs: create with artifact upload, upgrade, run and wait, instances, versions.

This file is the single source: ``saagieapi/_sync/jobs.py`` is generated from it (``make codegen``).

The methods are grouped by theme: reading jobs (job_lookups.py), runs and instances
(job_instances.py), versions (job_versions.py); creating, editing, moving, exporting and importing jobs here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from .._core._build import build
from .._core.arguments import JOB_CATEGORIES, check_entity_name, docker_input, resolve_runtime
from .._core.inputs import (
    JobEditionInputFields,
    JobInputFields,
    JobVersionInputFields,
    job_edition_input,
    job_version_input,
)
from .._core.inputs import job_input as job_input_of
from .._core.lookup import find_by_name
from .._core.validation import (
    alerting_fields,
    check_technology_configured,
    check_technology_valid,
    checked_schedule,
    checked_timezone,
)
from .._generated.projects.base_model import UNSET
from .._generated.projects.input_types import JobResourceInput
from .._uploads import FileInput, check_file, opened_upload
from ..errors import InvalidInputError
from ..export_layout import DEFAULT_CONCURRENCY, ExportResult, ImportResult, ProgressCallback
from ..models import Job
from .job_instances import AsyncJobInstancesMixin
from .job_lookups import AsyncJobLookupsMixin
from .job_versions import AsyncJobVersionsMixin
from .reconcile import gone, idempotent, job_created, reconciled

__all__ = ["AsyncJobs"]


class AsyncJobs(AsyncJobInstancesMixin, AsyncJobVersionsMixin, AsyncJobLookupsMixin):
    """Methods of ``api.jobs`` (jobs: create with artifact upload, upgrade, run and wait, instances, versions)."""

    # -- create / edit ------------------------------------------------------------------------------------
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
        check_entity_name(job_name, param="job_name", entity="a job")
        check_file(file)
        schedule = checked_schedule(cron_scheduling, schedule_timezone) if cron_scheduling else None
        alerting = alerting_fields(emails, status_list) if emails else None
        resources_input = build(JobResourceInput, resources) if resources else None
        docker = docker_input(docker_info)
        technology_id, tech = await self._technology_id(project_id, category, technology, technology_catalog)
        job: JobInputFields = {
            "projectId": project_id,
            "name": job_name,
            "description": description,
            "category": category,
            "isStreaming": False,
            "isScheduled": schedule is not None,
            "technology": {"id": technology_id},
        }
        if schedule is not None:
            job["cronScheduling"], job["scheduleTimezone"] = schedule
        if alerting is not None:
            job["alerting"] = alerting
        if resources_input is not None:
            job["resources"] = resources_input
        version: JobVersionInputFields = {
            "releaseNote": release_note,
            "commandLine": command_line,
            "runtimeVersion": resolve_runtime(tech, runtime_version, technology_catalog),
        }
        if extra_technology:
            version["extraTechnology"] = {"language": extra_technology, "version": extra_technology_version or ""}
        if source_url:
            version["sourceUrl"] = source_url
        if docker is not None:
            version["dockerInfo"] = docker
        job_input, version_input = job_input_of(job), job_version_input(version)
        with opened_upload(file) as upload:
            artifact = None if upload is None else upload.filename
            return await reconciled(
                self._api,
                "createJob",
                lambda: self._client.create_job(
                    job=job_input, job_version=version_input, file=UNSET if upload is None else upload
                ),
                lambda: job_created(self._api, project_id, job, version, artifact),
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
        values: JobEditionInputFields = {"id": job_id}
        if job_name is not None:
            values["name"] = check_entity_name(job_name, param="job_name", entity="a job")
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
            values["isScheduled"] = True
            values["cronScheduling"], values["scheduleTimezone"] = checked_schedule(cron, timezone)
        elif schedule_timezone is not None:
            values["scheduleTimezone"] = checked_timezone(schedule_timezone)
        if emails is not None:
            values["alerting"] = alerting_fields(emails, status_list) if emails else None
        elif status_list is not None:
            current = await self.get_info(job_id, instances_limit=1, versions_only_current=True)
            if current.alerting is None:
                raise InvalidInputError("status_list needs emails: the job has no alerting yet")
            values["alerting"] = alerting_fields(current.alerting.emails, status_list)
        if resources is not None:
            values["resources"] = build(JobResourceInput, resources)
        edition = job_edition_input(values)
        return await idempotent("editJob", lambda: self._client.edit_job(job=edition, instances_limit=1))

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

    # -- copy / move / delete -----------------------------------------------------------------------------
    async def duplicate(self, job_id: str) -> Job:
        """Copy a job (current version) in its project; return the copy.

        Example::

            copy = await api.jobs.duplicate(job_id)
        """
        return await self._client.duplicate_job(job_id=job_id, instances_limit=1)

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

    async def delete(self, job_id: str) -> bool:
        """Delete a job; True when done.

        Example::

            await api.jobs.delete(job_id)
        """
        return bool(
            await reconciled(
                self._api,
                "deleteJob",
                lambda: self._client.delete_job(job_id=job_id),
                lambda: gone(lambda: self.get_info(job_id, instances_limit=1, versions_only_current=True), True),
            )
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
        from .project_export import run_export  # on first use: the export/import models are large

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
        from .project_import import run_import  # on first use: the export/import models are large

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
