"""``saagie.jobs`` of saagieapi 2.x over ``api.jobs`` of the typed client.

Example::

    job_id = saagie.jobs.create("ingest", project_id, file="ingest.py")["data"]["createJob"]["id"]
    status, instance_id = saagie.jobs.run_with_callback(job_id, freq=5, timeout=600)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...errors import GraphQLError, NotFoundError
from .._core import V2Resource, status_of, v2_method
from .._select import dump, project, selection
from ..errors import make_output_folder
from ..saagie_api import TECHNOLOGY_ERRORS

__all__ = ["Jobs"]

_STATUS = "history{currentStatus{status details reason}}"
_VERSION = (
    "versions{number creationDate releaseNote runtimeVersion commandLine packageInfo{name downloadUrl} "
    "dockerInfo{image dockerCredentialsId} extraTechnology{language version} isCurrent isMajor "
    "deletableState{deletable reasons} sourceUrl}"
)
_JOB = (
    "id name alias description alerting{emails loginEmails{login email} statusList} countJobInstance "
    f"{_VERSION} category technology{{id}} isScheduled cronScheduling scheduleStatus scheduleTimezone isStreaming "
    "creationDate migrationStatus migrationProjectId isDeletable graphPipelines{id} doesUseGPU "
    "resources{cpu{request limit} memory{request limit}} originalJobId"
)
JOB = (
    f"{_JOB} instances{{id status {_STATUS} startTime endTime "
    "version{number releaseNote runtimeVersion commandLine isMajor doesUseGPU}}"
)
JOB_BY_ALIAS = (
    f"{_JOB} instances{{id {_STATUS} startTime endTime "
    "version{number releaseNote runtimeVersion commandLine isMajor}}"
)
JOB_IN_LIST = f"{_JOB} pipelines{{id}} instances{{id status {_STATUS} startTime endTime}}"
CREATED = "id versions{number __typename=JobVersion} __typename=Job"
EDITED = (
    "id name alias description isScheduled cronScheduling scheduleTimezone "
    "resources{cpu{request limit} memory{request limit}} alerting{emails statusList}"
)
_VARIABLE = "{key value isPassword}"
INSTANCE = (
    f"id number status {_STATUS} startTime endTime jobId jobAlias "
    "version{number releaseNote runtimeVersion commandLine isMajor isCurrent} "
    f"executionGlobalVariablesInput{_VARIABLE} "
    "executionVariablesInput{parentJobInstanceId parentJobId parentJobAlias isDirectParent "
    f"executionVariables{_VARIABLE} isGlobalVariables}} executionVariablesOutput{_VARIABLE} "
    "executionVariablesByKey{keyVariable isPassword valueVariablesInputByJobInstance{jobInstanceId jobId jobAlias "
    "jobName isDirectParent value isPassword} valueGlobalVariableInput valueVariableOutput}"
)
STOPPED = f"id number status {_STATUS} startTime endTime jobId"
VERSION_ADDED = "number __typename=JobVersion"
#: 2.x raised RuntimeError when the job to edit did not exist (the platform refuses the edit of a missing job).
MISSING_JOB_ERRORS: dict[Any, tuple[type[Exception], ...]] = {
    NotFoundError: (NameError, RuntimeError),
    GraphQLError: (RuntimeError,),
}


class Jobs(V2Resource):
    """Jobs: create with an artifact, upgrade, run and wait, instances and versions (2.x shapes)."""

    _resource = "jobs"

    # -- read ---------------------------------------------------------------------------------------------
    @v2_method("jobs", JOB_IN_LIST, kind="list")
    def list_for_project(
        self,
        project_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """``{"jobs": [{...}]}`` with instances and versions (limits: ``None`` for all)."""
        return self._typed.list_for_project(project_id, instances_limit, versions_limit, versions_only_current)

    @v2_method("jobs", "id name alias", kind="list")
    def list_for_project_minimal(self, project_id: str) -> Any:
        """``{"jobs": [{"id", "name", "alias"}]}``."""
        return self._typed.list_for_project_minimal(project_id)

    @v2_method("jobInstance", INSTANCE, missing="job instance")
    def get_instance(self, job_instance_id: str, pprint_result: bool | None = None) -> Any:
        """``{"jobInstance": {...}}`` with its status history, version and execution variables."""
        return self._typed.get_instance(job_instance_id)

    @v2_method()
    def get_id(self, job_name: str, project_name: str) -> Any:
        """The id of a job from its name and its project's name; ``NameError`` when there is none."""
        return self._typed.get_id(job_name, project_name)

    @v2_method("job", JOB, missing="job")
    def get_info(
        self,
        job_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """``{"job": {...}}``."""
        return self._typed.get_info(job_id, instances_limit, versions_limit, versions_only_current)

    @v2_method("jobByAlias", JOB_BY_ALIAS, missing=("job", "project"))
    def get_info_by_alias(
        self,
        project_id: str,
        job_alias: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """``{"jobByAlias": {...}}``."""
        return self._typed.get_info_by_alias(
            project_id, job_alias, instances_limit, versions_limit, versions_only_current
        )

    # -- create / edit / upgrade --------------------------------------------------------------------------
    @v2_method(("data", "createJob"), CREATED, errors=TECHNOLOGY_ERRORS)
    def create(
        self,
        job_name: str,
        project_id: str,
        file: str | None = None,
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
    ) -> Any:
        """``{"data": {"createJob": {"id", "versions": [{"number"}]}}}``; bad input raises ``RuntimeError``."""
        return self._typed.create(
            job_name,
            project_id,
            file,
            description,
            category,
            technology,
            technology_catalog,
            runtime_version,
            command_line,
            release_note,
            extra_technology,
            extra_technology_version,
            cron_scheduling,
            schedule_timezone,
            resources,
            emails,
            status_list,
            source_url,
            docker_info,
        )

    @v2_method("editJob", EDITED, errors=MISSING_JOB_ERRORS)
    def edit(
        self,
        job_id: str,
        job_name: str | None = None,
        description: str | None = None,
        is_scheduled: bool | None = None,
        cron_scheduling: str | None = None,
        schedule_timezone: str = "UTC",
        resources: Mapping[str, Any] | None = None,
        emails: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
    ) -> Any:
        """``{"editJob": {...}}``; what is not given stays; ``schedule_timezone`` applies with ``is_scheduled=True``."""
        return self._typed.edit(
            job_id,
            job_name,
            description,
            is_scheduled,
            cron_scheduling,
            schedule_timezone if is_scheduled else None,
            resources,
            emails,
            status_list,
        )

    @v2_method(("data", "addJobVersion"), VERSION_ADDED, errors=TECHNOLOGY_ERRORS)
    def upgrade(
        self,
        job_id: str,
        file: str | None = None,
        use_previous_artifact: bool = True,
        runtime_version: str | None = None,
        command_line: str | None = None,
        release_note: str = "",
        extra_technology: str | None = None,
        extra_technology_version: str | None = None,
        source_url: str = "",
        docker_info: Mapping[str, Any] | None = None,
    ) -> Any:
        """``{"data": {"addJobVersion": {"number"}}}``; a given ``file`` wins over ``use_previous_artifact``."""
        return self._typed.upgrade(
            job_id,
            file,
            use_previous_artifact,
            runtime_version,
            command_line,
            release_note,
            extra_technology,
            extra_technology_version,
            source_url,
            docker_info,
        )

    @v2_method(("data", "addJobVersion"), VERSION_ADDED, errors=TECHNOLOGY_ERRORS)
    def upgrade_by_name(
        self,
        job_name: str,
        project_name: str,
        file: str | None = None,
        use_previous_artifact: bool = True,
        runtime_version: str | None = None,
        command_line: str | None = None,
        release_note: str | None = None,
        extra_technology: str | None = None,
        extra_technology_version: str | None = None,
        source_url: str = "",
    ) -> Any:
        """Same as :meth:`upgrade`, the job given by its name and its project's name."""
        return self._typed.upgrade_by_name(
            job_name,
            project_name,
            file,
            use_previous_artifact,
            runtime_version,
            command_line,
            release_note or "",
            extra_technology,
            extra_technology_version,
            source_url,
        )

    @v2_method(kind="dict", raw=True, errors=TECHNOLOGY_ERRORS, note="both paths return the job")
    def create_or_upgrade(
        self,
        job_name: str,
        project_id: str,
        file: str | None = None,
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
        schedule_timezone: str = "UTC",
        resources: Mapping[str, Any] | None = None,
        emails: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
        source_url: str = "",
        docker_info: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Upgrade and edit the job if it exists (``{"addJobVersion", "editJob"}``), else create it
        (``{"data": {"createJob"}}``), as 2.x did."""
        existed = any(job.name == job_name for job in self._typed.list_for_project_minimal(project_id))
        job = self._typed.create_or_upgrade(
            job_name,
            project_id,
            file,
            use_previous_artifact,
            description,
            category,
            technology,
            technology_catalog,
            runtime_version,
            command_line,
            release_note,
            extra_technology,
            extra_technology_version,
            is_scheduled,
            cron_scheduling,
            schedule_timezone if existed and is_scheduled else (None if existed else schedule_timezone),
            resources,
            emails,
            status_list,
            source_url,
            docker_info,
        )
        dumped = dump(job)
        if not existed:
            return {"data": {"createJob": project(dumped, selection(CREATED))}}
        numbers = [v["number"] for v in dumped.get("versions") or [] if v.get("isCurrent")]
        if not numbers:  # the edit result did not list the versions: read the current one
            current = self._typed.get_info(job.id, instances_limit=0, versions_only_current=True)
            numbers = [version.number for version in current.versions or []]
        return {
            "addJobVersion": {"number": max(numbers) if numbers else None, "__typename": "JobVersion"},
            "editJob": project(dumped, selection(EDITED)),
        }

    @v2_method("rollbackJobVersion", "id versions{number isCurrent}")
    def rollback(self, job_id: str, version_number: str) -> Any:
        """``{"rollbackJobVersion": {"id", "versions": [{"number", "isCurrent"}]}}``."""
        return self._typed.rollback(job_id, version_number)

    @v2_method("deleteJob")
    def delete(self, job_id: str) -> Any:
        """``{"deleteJob": True}``."""
        return self._typed.delete(job_id)

    @v2_method("duplicateJob", "id name")
    def duplicate(self, job_id: str) -> Any:
        """``{"duplicateJob": {"id", "name"}}``."""
        return self._typed.duplicate(job_id)

    @v2_method("moveJob")
    def move_job(self, job_id: str, target_platform_id: int, target_project_id: str) -> Any:
        """``{"moveJob": "<id of the moved job>"}``."""
        return self._typed.move_job(job_id, int(target_platform_id), target_project_id)

    # -- runs ---------------------------------------------------------------------------------------------
    @v2_method("runJob", "id status")
    def run(self, job_id: str) -> Any:
        """``{"runJob": {"id", "status"}}``."""
        return self._typed.run(job_id)

    @v2_method(kind="tuple", raw=True)
    def run_with_callback(self, job_id: str, freq: int = 10, timeout: int = -1) -> tuple[str, str]:
        """Run the job and wait for its end: ``(final status, instance id)``; ``timeout=-1`` waits without
        limit, and ``TimeoutError`` (``WaitTimeoutError``) is raised after ``timeout`` seconds."""
        instance = self._typed.run_with_callback(
            job_id, freq, None if timeout == -1 else timeout, raise_on_failure=False
        )
        return status_of(instance), str(instance.id)

    @v2_method("stopJobInstance", STOPPED)
    def stop(self, job_instance_id: str) -> Any:
        """``{"stopJobInstance": {...}}``."""
        return self._typed.stop(job_instance_id)

    # -- instances and versions ---------------------------------------------------------------------------
    @v2_method("deleteJobInstances", "id success", kind="list")
    def delete_instances(self, job_id: str, job_instances_id: Sequence[str]) -> Any:
        """``{"deleteJobInstances": [{"id", "success"}]}``."""
        return self._typed.delete_instances(job_id, job_instances_id)

    @v2_method("deleteJobInstancesBySelector")
    def delete_instances_by_selector(
        self,
        job_id: str,
        selector: str,
        exclude_instances_id: Sequence[str] | None = None,
        include_instances_id: Sequence[str] | None = None,
    ) -> Any:
        """``{"deleteJobInstancesBySelector": <count>}``; selector ALL, SUCCEEDED, FAILED, STOPPED or UNKNOWN."""
        return self._typed.delete_instances_by_selector(job_id, selector, exclude_instances_id, include_instances_id)

    @v2_method("deleteJobInstancesByDate")
    def delete_instances_by_date(
        self,
        job_id: str,
        date_before: str,
        exclude_instances_id: Sequence[str] | None = None,
        include_instances_id: Sequence[str] | None = None,
    ) -> Any:
        """``{"deleteJobInstancesByDate": <count>}``; ``date_before`` like ``2024-01-31T00:00:00+00:00``."""
        return self._typed.delete_instances_by_date(job_id, date_before, exclude_instances_id, include_instances_id)

    @v2_method("deleteJobVersions", "number success", kind="list")
    def delete_versions(self, job_id: str, versions: Sequence[int]) -> Any:
        """``{"deleteJobVersions": [{"number", "success"}]}``."""
        return self._typed.delete_versions(job_id, versions)

    @v2_method(
        "countJobInstancesBySelector",
        "selector count",
        kind="list",
        replacement="api.jobs.count_deletable_instances_by_status",
    )
    def count_instances_by_status(self, job_id: str) -> Any:
        """Deprecated in 2.x: :meth:`count_deletable_instances_by_status`."""
        return self._typed.count_deletable_instances_by_status(job_id)

    @v2_method("countJobInstancesBySelector", "selector count", kind="list")
    def count_deletable_instances_by_status(self, job_id: str) -> Any:
        """``{"countJobInstancesBySelector": [{"selector", "count"}]}``."""
        return self._typed.count_deletable_instances_by_status(job_id)

    @v2_method("countJobInstancesByDate")
    def count_deletable_instances_by_date(self, job_id: str, date_before: str) -> Any:
        """``{"countJobInstancesByDate": <count>}``."""
        return self._typed.count_deletable_instances_by_date(job_id, date_before)

    # -- export / import ----------------------------------------------------------------------------------
    @v2_method(kind="result")
    def export(
        self,
        job_id: str,
        output_folder: str,
        error_folder: str | None = "",
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> bool:
        """Export the job and its artifacts to ``<output_folder>/<job_id>``; True when all was written."""
        make_output_folder(output_folder)
        return bool(
            self._typed.export(job_id, output_folder, error_folder or "", versions_limit, versions_only_current)
        )

    @v2_method(kind="result")
    def import_from_json(self, project_id: str, path_to_folder: str) -> bool:
        """Create the job exported in ``path_to_folder`` in a project; True when it was imported."""
        return bool(self._typed.import_from_json(project_id, path_to_folder))
