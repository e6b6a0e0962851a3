"""``saagie.pipelines`` of saagieapi 2.x over ``api.pipelines`` of the typed client.

Example::

    pipeline_id = saagie.pipelines.create_graph("nightly", project_id, graph, alias="nightly")[
        "createGraphPipeline"
    ]["id"]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._core import V2Resource, status_of, v2_method
from .._select import dump, project, selection
from ..errors import make_output_folder
from .graph_pipeline import GraphPipeline

__all__ = ["Pipelines"]

_VARIABLE = "{key value isPassword}"
INSTANCE = (
    f"id status startTime endTime runWithExecutionVariables initialExecutionVariables{_VARIABLE} "
    "jobsInstance{id jobId number startTime endTime} conditionsInstance{id conditionNodeId isSuccess startTime endTime}"
)
_PIPELINE = (
    "id name alias description alerting{emails loginEmails{login email} statusList} pipelineInstanceCount "
    f"instances{{{INSTANCE}}} creationDate creator isScheduled cronScheduling scheduleStatus scheduleTimezone "
    "isLegacyPipeline"
)
_GRAPH = (
    "jobNodes{id job{id name} position{x y} nextNodes} "
    "conditionNodes{id position{x y} nextNodesSuccess nextNodesFailure"
)
PIPELINE = (
    f"{_PIPELINE} hasExecutionVariablesEnabled versions{{number releaseNote graph{{{_GRAPH} condition{{toString}}}}}} "
    "creationDate creator isCurrent isMajor sourceUrl}"
)
PIPELINE_IN_LIST = (
    f"{_PIPELINE} versions{{number releaseNote graph{{{_GRAPH}}}}} creationDate creator isCurrent isMajor sourceUrl}}"
)
STOPPED = "id number status startTime endTime pipelineId"
VERSION_ADDED = (
    "number releaseNote graph{jobNodes{id job{id}} conditionNodes{id}} creationDate creator isCurrent isMajor"
)
EDITED = (
    "id name alias description alerting{emails statusList} isScheduled cronScheduling scheduleTimezone "
    "hasExecutionVariablesEnabled"
)


def _current_version(pipeline: dict[str, Any]) -> Any:
    versions = pipeline.get("versions") or []
    current = [version for version in versions if version.get("isCurrent")] or versions[-1:]
    return project(current[0], selection(VERSION_ADDED)) if current else None


class Pipelines(V2Resource):
    """Pipelines: graph pipelines, versions, runs and instances (2.x shapes)."""

    _resource = "pipelines"

    # -- read ---------------------------------------------------------------------------------------------
    @v2_method(("project", "pipelines"), PIPELINE_IN_LIST, kind="list", missing="project", missing_wrapper=("project",))
    def list_for_project(
        self,
        project_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """``{"project": {"pipelines": [{...}]}}`` with instances and versions."""
        return self._typed.list_for_project(project_id, instances_limit, versions_limit, versions_only_current)

    @v2_method(("project", "pipelines"), "id name alias", kind="list", missing="project", missing_wrapper=("project",))
    def list_for_project_minimal(self, project_id: str) -> Any:
        """``{"project": {"pipelines": [{"id", "name", "alias"}]}}``."""
        return self._typed.list_for_project_minimal(project_id)

    @v2_method()
    def get_id(self, pipeline_name: str, project_name: str) -> Any:
        """The id of a pipeline from its name and its project's name; ``NameError`` when there is none."""
        return self._typed.get_id(pipeline_name, project_name)

    @v2_method("graphPipeline", PIPELINE, missing="pipeline")
    def get_info(
        self,
        pipeline_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """``{"graphPipeline": {...}}``."""
        return self._typed.get_info(pipeline_id, instances_limit, versions_limit, versions_only_current)

    @v2_method("graphPipelineByName", PIPELINE, missing=("pipeline", "project"))
    def get_info_by_name(
        self,
        project_id: str,
        pipeline_name: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """``{"graphPipelineByName": {...}}``."""
        return self._typed.get_info_by_name(
            project_id, pipeline_name, instances_limit, versions_limit, versions_only_current
        )

    @v2_method("graphPipelineByAlias", PIPELINE)
    def get_info_by_alias(
        self,
        project_id: str,
        pipeline_alias: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """``{"graphPipelineByAlias": {...}}``."""
        return self._typed.get_info_by_alias(
            project_id, pipeline_alias, instances_limit, versions_limit, versions_only_current
        )

    @v2_method("pipelineInstance", INSTANCE, missing="pipeline instance")
    def get_instance(self, pipeline_instance_id: str, pprint_result: bool | None = None) -> Any:
        """``{"pipelineInstance": {...}}`` with its job and condition instances."""
        return self._typed.get_instance(pipeline_instance_id)

    # -- create / edit / upgrade --------------------------------------------------------------------------
    @v2_method("createGraphPipeline", "id")
    def create_graph(
        self,
        name: str,
        project_id: str,
        graph_pipeline: GraphPipeline,
        alias: str,
        description: str = "",
        release_note: str = "",
        emails: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
        cron_scheduling: str | None = None,
        schedule_timezone: str = "UTC",
        has_execution_variables_enabled: bool | None = None,
        source_url: str = "",
    ) -> Any:
        """``{"createGraphPipeline": {"id"}}``."""
        return self._typed.create_graph(
            name,
            project_id,
            graph_pipeline,
            alias,
            description,
            release_note,
            emails,
            status_list,
            cron_scheduling,
            schedule_timezone,
            has_execution_variables_enabled,
            source_url,
        )

    @v2_method("addGraphPipelineVersion", VERSION_ADDED)
    def upgrade(
        self, pipeline_id: str, graph_pipeline: GraphPipeline, release_note: str = "", source_url: str = ""
    ) -> Any:
        """``{"addGraphPipelineVersion": {"number", "releaseNote", "graph"...}}``."""
        return self._typed.upgrade(pipeline_id, graph_pipeline, release_note, source_url)

    @v2_method("editPipeline", EDITED)
    def edit(
        self,
        pipeline_id: str,
        name: str | None = None,
        alias: str | None = None,
        description: str | None = None,
        emails: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
        is_scheduled: bool | None = None,
        cron_scheduling: str | None = None,
        schedule_timezone: str = "UTC",
        has_execution_variables_enabled: bool | None = None,
    ) -> Any:
        """``{"editPipeline": {...}}``; what is not given stays as it is."""
        return self._typed.edit(
            pipeline_id,
            name,
            alias,
            description,
            emails,
            status_list,
            is_scheduled,
            cron_scheduling,
            schedule_timezone,
            has_execution_variables_enabled,
        )

    @v2_method(kind="dict", raw=True, note="both paths return the pipeline")
    def create_or_upgrade(
        self,
        name: str,
        alias: str,
        project_id: str,
        graph_pipeline: GraphPipeline,
        description: str | None = None,
        release_note: str | None = None,
        emails: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
        is_scheduled: bool | None = None,
        cron_scheduling: str | None = None,
        schedule_timezone: str = "UTC",
        has_execution_variables_enabled: bool | None = None,
        source_url: str | None = None,
    ) -> dict[str, Any]:
        """Edit and upgrade the pipeline if it exists (``{"editPipeline", "addGraphPipelineVersion"}``), else
        create it (``{"createGraphPipeline": {"id"}}``), as 2.x did."""
        existed = any(p.name == name for p in self._typed.list_for_project_minimal(project_id))
        pipeline = dump(
            self._typed.create_or_upgrade(
                name,
                alias,
                project_id,
                graph_pipeline,
                description,
                release_note,
                emails,
                status_list,
                is_scheduled,
                cron_scheduling,
                schedule_timezone,
                has_execution_variables_enabled,
                source_url,
            )
        )
        if not existed:
            return {"createGraphPipeline": project(pipeline, selection("id"))}
        return {
            "editPipeline": project(pipeline, selection(EDITED)),
            "addGraphPipelineVersion": _current_version(pipeline),
        }

    @v2_method("rollbackPipelineVersion", "id versions{number isCurrent}")
    def rollback(self, pipeline_id: str, version_number: str) -> Any:
        """``{"rollbackPipelineVersion": {"id", "versions": [{"number", "isCurrent"}]}}``."""
        return self._typed.rollback(pipeline_id, version_number)

    @v2_method("deletePipeline")
    def delete(self, pipeline_id: str) -> Any:
        """``{"deletePipeline": True}``."""
        return self._typed.delete(pipeline_id)

    @v2_method("duplicatePipeline", "id name")
    def duplicate(self, pipeline_id: str, duplicate_jobs: bool = False) -> Any:
        """``{"duplicatePipeline": {"id", "name"}}``."""
        return self._typed.duplicate(pipeline_id, duplicate_jobs)

    # -- runs ---------------------------------------------------------------------------------------------
    @v2_method("runPipeline", "id status")
    def run(self, pipeline_id: str) -> Any:
        """``{"runPipeline": {"id", "status"}}``."""
        return self._typed.run(pipeline_id)

    @v2_method(kind="tuple", raw=True)
    def run_with_callback(self, pipeline_id: str, freq: int = 10, timeout: int = -1) -> tuple[str, str]:
        """Run the pipeline and wait for its end: ``(final status, instance id)``; ``timeout=-1`` waits without
        limit, and ``TimeoutError`` (``WaitTimeoutError``) is raised after ``timeout`` seconds."""
        instance = self._typed.run_with_callback(
            pipeline_id, freq, None if timeout == -1 else timeout, raise_on_failure=False
        )
        return status_of(instance), str(instance.id)

    @v2_method("stopPipelineInstance", STOPPED)
    def stop(self, pipeline_instance_id: str) -> Any:
        """``{"stopPipelineInstance": {...}}``."""
        return self._typed.stop(pipeline_instance_id)

    # -- instances and versions ---------------------------------------------------------------------------
    @v2_method("countDeletablePipelineInstancesByStatus", "selector count", kind="list")
    def count_deletable_instances_by_status(self, pipeline_id: str) -> Any:
        """``{"countDeletablePipelineInstancesByStatus": [{"selector", "count"}]}``."""
        return self._typed.count_deletable_instances_by_status(pipeline_id)

    @v2_method("countDeletablePipelineInstancesByDate")
    def count_deletable_instances_by_date(self, pipeline_id: str, date_before: str) -> Any:
        """``{"countDeletablePipelineInstancesByDate": <count>}``."""
        return self._typed.count_deletable_instances_by_date(pipeline_id, date_before)

    @v2_method("deletePipelineVersions", "number success", kind="list")
    def delete_versions(self, pipeline_id: str, versions: Sequence[int]) -> Any:
        """``{"deletePipelineVersions": [{"number", "success"}]}``."""
        return self._typed.delete_versions(pipeline_id, versions)

    @v2_method("deletePipelineInstances", "id success", kind="list")
    def delete_instances(self, pipeline_id: str, pipeline_instances_id: Sequence[str]) -> Any:
        """``{"deletePipelineInstances": [{"id", "success"}]}``."""
        return self._typed.delete_instances(pipeline_id, pipeline_instances_id)

    @v2_method("deletePipelineInstancesByStatusSelector")
    def delete_instances_by_selector(
        self,
        pipeline_id: str,
        selector: str,
        exclude_instances_id: Sequence[str] | None = None,
        include_instances_id: Sequence[str] | None = None,
    ) -> Any:
        """``{"deletePipelineInstancesByStatusSelector": <count>}``."""
        return self._typed.delete_instances_by_selector(
            pipeline_id, selector, exclude_instances_id, include_instances_id
        )

    @v2_method("deletePipelineInstancesByDateSelector")
    def delete_instances_by_date(
        self,
        pipeline_id: str,
        date_before: str,
        exclude_instances_id: Sequence[str] | None = None,
        include_instances_id: Sequence[str] | None = None,
    ) -> Any:
        """``{"deletePipelineInstancesByDateSelector": <count>}``."""
        return self._typed.delete_instances_by_date(
            pipeline_id, date_before, exclude_instances_id, include_instances_id
        )

    # -- export / import ----------------------------------------------------------------------------------
    @v2_method(kind="result")
    def export(
        self,
        pipeline_id: str,
        output_folder: str,
        error_folder: str | None = "",
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        env_var_scope: str = "PIPELINE",
    ) -> bool:
        """Export the pipeline to ``<output_folder>/<pipeline_id>``; True when all was written."""
        make_output_folder(output_folder)
        return bool(
            self._typed.export(
                pipeline_id, output_folder, error_folder or "", versions_limit, versions_only_current, env_var_scope
            )
        )

    @v2_method(kind="result")
    def import_from_json(self, json_file: str, project_id: str) -> bool:
        """Create the pipeline of an exported ``pipeline.json`` in a project; True when it was imported."""
        return bool(self._typed.import_from_json(json_file, project_id))
