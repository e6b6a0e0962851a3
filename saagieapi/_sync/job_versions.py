# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Versions of ``api.jobs``: upgrade (new artifact, runtime or image), roll back, delete versions.

This file is the single source: ``saagieapi/_sync/job_versions.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._core.arguments import docker_input, resolve_runtime, version_numbers
from .._core.inputs import JobDockerInputFields, JobVersionInputFields, job_version_input
from .._core.not_found import not_found_as
from .._generated.projects.base_model import UNSET
from .._uploads import FileInput, check_file, opened_upload
from ..errors import InvalidInputError, NotFoundError
from ..models import Job, JobVersion, JobVersionDeletionResult
from .job_lookups import JobLookupsMixin
from .reconcile import idempotent, job_version_added, reconciled

__all__ = ["JobVersionsMixin"]


class JobVersionsMixin(JobLookupsMixin):
    """Versions of a job: the methods of ``api.jobs`` that add, make current and delete versions."""

    # -- upgrade ------------------------------------------------------------------------------------------
    def upgrade(
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

            version = api.jobs.upgrade(job_id, file="ingest.py", release_note="fix")
        """
        check_file(file)
        docker = docker_input(docker_info)
        job = self.get_info(job_id, instances_limit=1, versions_only_current=True)
        current = next((v for v in job.versions if v.is_current), job.versions[0] if job.versions else None)
        return self._add_version(
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

    def _add_version(
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
        docker: JobDockerInputFields | None,
    ) -> JobVersion:
        """``upgrade`` once the job's technology and current version are known (import passes them: no lookup)."""
        version: JobVersionInputFields = {
            "releaseNote": release_note,
            "commandLine": command_line if command_line is not None else (current.command_line if current else None),
            "usePreviousArtifact": bool(
                file is None and use_previous_artifact and current is not None and current.package_info
            ),
        }
        if runtime_version is not None:
            if technology_id is None:
                raise InvalidInputError(f"job {job_id} has no technology: runtime_version cannot be checked")
            tech = self._api.get_runtimes(technology_id)
            version["runtimeVersion"] = resolve_runtime(tech, runtime_version, "catalog")
        elif current is not None:
            version["runtimeVersion"] = current.runtime_version
        if docker is not None:
            version["dockerInfo"] = docker
        elif current is not None and current.docker_info is not None:
            previous: JobDockerInputFields = {"image": current.docker_info.image}
            if current.docker_info.docker_credentials_id is not None:
                previous["dockerCredentialsId"] = current.docker_info.docker_credentials_id
            version["dockerInfo"] = previous
        if extra_technology is not None:
            version["extraTechnology"] = {"language": extra_technology, "version": extra_technology_version or ""}
        elif current is not None and current.extra_technology is not None:
            extra = current.extra_technology
            version["extraTechnology"] = {"language": extra.language, "version": extra.version}
        if source_url:
            version["sourceUrl"] = source_url
        version_input = job_version_input(version)
        before = current.number if current is not None else 0
        with opened_upload(file) as upload:
            artifact = None if upload is None else upload.filename
            return reconciled(
                self._api,
                "addJobVersion",
                lambda: self._client.add_job_version(
                    job_id=job_id, job_version=version_input, file=UNSET if upload is None else upload
                ),
                lambda: job_version_added(self._api, job_id, before, version, artifact),
            )

    def upgrade_by_name(
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
        *,
        docker_info: Mapping[str, Any] | None = None,
    ) -> JobVersion:
        """:meth:`upgrade` with the job given by its name and its project's name.

        Example::

            version = api.jobs.upgrade_by_name("ingest", "demo", file="ingest.py")
        """
        check_file(file)
        return self.upgrade(
            self.get_id(job_name, project_name),
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

    # -- versions -----------------------------------------------------------------------------------------
    def rollback(self, job_id: str, version_number: int | str) -> Job:
        """Make an earlier version current again.

        Example::

            job = api.jobs.rollback(job_id, 1)
        """
        (number,) = version_numbers(version_number)
        job = idempotent(
            "rollbackJobVersion",
            lambda: self._client.rollback_job_version(job_id=job_id, version_number=number, instances_limit=1),
        )
        if job is None:
            raise NotFoundError("job", job_id)
        return job

    def delete_versions(self, job_id: str, versions: Sequence[int | str]) -> list[JobVersionDeletionResult]:
        """Delete versions (neither current nor used by a pipeline); one result per version number.

        Example::

            results = api.jobs.delete_versions(job_id, [1, 2])
        """
        return list(self._client.delete_job_versions(job_id=job_id, job_version_numbers=version_numbers(versions)))

    def get_version(self, job_id: str, version_number: int | str) -> JobVersion:
        """One version of a job by its number (NotFoundError when the job has no such version).

        Example::

            version = api.jobs.get_version(job_id, 2)
            command = version.command_line
        """
        (number,) = version_numbers(version_number)
        with not_found_as("job version", str(number), scope=f"job {job_id}"):
            version = self._client.get_job_version(job_id=job_id, number=number)
        if version is None:
            raise NotFoundError("job version", str(number), scope=f"job {job_id}")
        return version

    def set_major_version(self, job_id: str, version_number: int | str, *, is_major: bool = True) -> JobVersion:
        """Flag a version of a job as major (``is_major=False`` removes the flag); return the version.

        Example::

            version = api.jobs.set_major_version(job_id, 3)
        """
        (number,) = version_numbers(version_number)
        if not isinstance(is_major, bool):
            raise InvalidInputError(f"is_major must be True or False, not {is_major!r}")
        with not_found_as("job version", str(number), scope=f"job {job_id}"):
            version = idempotent(
                "setMajorJobVersion",
                lambda: self._client.set_major_job_version(job_id=job_id, version_number=number, is_major=is_major),
            )
        if version is None:
            raise NotFoundError("job version", str(number), scope=f"job {job_id}")
        return version
