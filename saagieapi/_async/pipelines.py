"""``api.pipelines``: graph pipelines: create, upgrade, run and wait, instances, versions.

This file is the single source: ``saagieapi/_sync/pipelines.py`` is generated from it (``make codegen``).

The methods are grouped by theme: reading pipelines (pipeline_lookups.py), runs and instances
(pipeline_instances.py), versions (pipeline_versions.py); creating, editing, copying, exporting and importing
pipelines here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from .._core.arguments import check_graph, check_unknown_jobs, raw_variables
from .._core.inputs import (
    GraphPipelineInputFields,
    PipelineEditionInputFields,
    graph_pipeline_input,
    pipeline_edition_input,
)
from .._core.lookup import find_by_name
from .._core.moves import refusal_message
from .._core.validation import alerting_fields, checked_schedule
from ..errors import InvalidInputError, MoveRefusedError, NotFoundError
from ..export_layout import ExportResult, ImportResult, ProgressCallback
from ..graph_pipeline import GraphPipeline
from ..models import Pipeline, PipelineMovableState
from .condition_logs import AsyncConditionLogsMixin
from .pipeline_instances import AsyncPipelineInstancesMixin
from .pipeline_lookups import AsyncPipelineLookupsMixin
from .pipeline_versions import AsyncPipelineVersionsMixin
from .reconcile import announced, gone, idempotent, pipeline_created, reconciled

__all__ = ["AsyncPipelines"]


class AsyncPipelines(
    AsyncPipelineInstancesMixin, AsyncPipelineVersionsMixin, AsyncPipelineLookupsMixin, AsyncConditionLogsMixin
):
    """Methods of ``api.pipelines`` (graph pipelines: create, upgrade, run and wait, instances, versions)."""

    # -- create / edit ---------------------------------------------------------------------------------
    async def create_graph(
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
        *,
        environment_variables: Mapping[str, str] | None = None,
        check_jobs: bool = True,
    ) -> Pipeline:
        """Create a pipeline whose first version is ``graph_pipeline``.

        The graph is checked before anything is sent (cycles, unset conditions) and, unless
        ``check_jobs=False``, its job ids are checked against the project's jobs (one request).
        ``environment_variables`` creates PIPELINE-scoped variables with the pipeline.

        Example::

            graph = GraphPipeline()
            graph.add_root_node(JobNode(job_id))
            pipeline = await api.pipelines.create_graph("nightly", project_id, graph, alias="nightly")
        """
        if not isinstance(name, str) or not name.strip():
            raise InvalidInputError("the pipeline name is empty")
        if not isinstance(alias, str) or not alias.strip():
            raise InvalidInputError("the pipeline alias is empty")
        graph = check_graph(graph_pipeline)
        schedule = checked_schedule(cron_scheduling, schedule_timezone) if cron_scheduling else None
        fields: GraphPipelineInputFields = {
            "name": name,
            "alias": alias,
            "projectId": project_id,
            "description": description,
            "releaseNote": release_note,
            "graph": graph,
            "isScheduled": schedule is not None,
        }
        if schedule is not None:
            fields["cronScheduling"], fields["scheduleTimezone"] = schedule
        if emails:
            fields["alerting"] = alerting_fields(emails, status_list)
        if has_execution_variables_enabled is not None:
            fields["hasExecutionVariablesEnabled"] = bool(has_execution_variables_enabled)
        if source_url:
            fields["sourceUrl"] = source_url
        raw = raw_variables(environment_variables)
        if raw is not None:
            fields["environmentVariables"] = raw
        pipeline_input = graph_pipeline_input(fields)
        if check_jobs:
            project = await self._client.get_project_jobs_for_graph(project_id)
            if project is None:
                raise NotFoundError("project", project_id)
            check_unknown_jobs(graph, (job.id for job in project.jobs), f"project {project_id}")
        return await reconciled(
            self._api,
            "createGraphPipeline",
            lambda: self._client.create_graph_pipeline(pipeline_input, instances_limit=1, versions_only_current=True),
            lambda: pipeline_created(self._api, project_id, fields),
        )

    async def edit(
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
    ) -> Pipeline:
        """Change a pipeline's settings; ``None`` leaves a setting as it is (one request).

        ``description=""`` clears the description; ``emails=[]`` removes alerting; ``is_scheduled=False``
        unschedules; ``cron_scheduling`` (re)schedules in ``schedule_timezone``; ``is_scheduled=True``
        without a cron keeps the current cron.

        Example::

            await api.pipelines.edit(pipeline_id, description="nightly load", emails=["ops@acme.io"])
        """
        fields: PipelineEditionInputFields = {"id": pipeline_id}
        for key, value in (("name", name), ("alias", alias)):
            if value is not None and not value.strip():
                raise InvalidInputError(f"the pipeline {key} cannot be empty")
        if name is not None:
            fields["name"] = name
        if alias is not None:
            fields["alias"] = alias
        if description is not None:
            fields["description"] = description
        if emails is not None or status_list is not None:
            if emails is not None and len(emails) == 0:
                fields["alerting"] = None
            elif emails:
                fields["alerting"] = alerting_fields(emails, status_list)
            else:
                raise InvalidInputError("status_list needs emails: pass emails=[...] with it")
        if cron_scheduling:
            if is_scheduled is False:
                raise InvalidInputError("is_scheduled=False contradicts cron_scheduling")
            fields["isScheduled"] = True
            fields["cronScheduling"], fields["scheduleTimezone"] = checked_schedule(cron_scheduling, schedule_timezone)
        elif is_scheduled is True:
            current = await self.get_info(pipeline_id, instances_limit=0, versions_only_current=True)
            if not current.cron_scheduling:
                raise InvalidInputError("is_scheduled=True needs cron_scheduling: the pipeline has no cron yet")
            fields["isScheduled"] = True
            fields["cronScheduling"], fields["scheduleTimezone"] = checked_schedule(
                current.cron_scheduling, current.schedule_timezone or schedule_timezone
            )
        elif is_scheduled is False:
            fields["isScheduled"] = False
        if has_execution_variables_enabled is not None:
            fields["hasExecutionVariablesEnabled"] = bool(has_execution_variables_enabled)
        edition = pipeline_edition_input(fields)
        return await idempotent(
            "editPipeline",
            lambda: self._client.edit_pipeline(edition, instances_limit=1, versions_only_current=True),
        )

    async def create_or_upgrade(
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
    ) -> Pipeline:
        """Create the pipeline named ``name`` in the project, or upgrade and edit it if it exists.

        Both paths return the pipeline with its current version.

        Example::

            pipeline = await api.pipelines.create_or_upgrade("nightly", "nightly", project_id, graph)
        """
        check_graph(graph_pipeline)
        existing = await self.list_for_project_minimal(project_id)
        try:
            found = find_by_name(existing, name, kind="pipeline", scope=f"project {project_id}")
        except NotFoundError:
            if is_scheduled and not cron_scheduling:
                raise InvalidInputError("is_scheduled=True needs cron_scheduling for a new pipeline") from None
            return await self.create_graph(
                name,
                project_id,
                graph_pipeline,
                alias,
                description=description or "",
                release_note=release_note or "",
                emails=emails,
                status_list=status_list,
                cron_scheduling=cron_scheduling if is_scheduled is not False else None,
                schedule_timezone=schedule_timezone,
                has_execution_variables_enabled=has_execution_variables_enabled,
                source_url=source_url or "",
            )
        await self.upgrade(found.id, graph_pipeline, release_note=release_note or "", source_url=source_url or "")
        return await self.edit(
            found.id,
            alias=alias,
            description=description,
            emails=emails,
            status_list=status_list,
            is_scheduled=is_scheduled,
            cron_scheduling=cron_scheduling,
            schedule_timezone=schedule_timezone,
            has_execution_variables_enabled=has_execution_variables_enabled,
        )

    # -- copy / delete ---------------------------------------------------------------------------------
    async def duplicate(self, pipeline_id: str, duplicate_jobs: bool = False) -> Pipeline:
        """Copy a pipeline in its project (``duplicate_jobs=True`` copies its jobs too).

        Example::

            copy = await api.pipelines.duplicate(pipeline_id)
        """
        return await self._client.duplicate_pipeline(
            pipeline_id, duplicate_jobs=bool(duplicate_jobs), instances_limit=1, versions_only_current=True
        )

    async def get_movable_state(self, pipeline_id: str) -> PipelineMovableState:
        """Whether the platform lets a pipeline (with its jobs) move now, and the reasons why not.

        Example::

            state = await api.pipelines.get_movable_state(pipeline_id)
            blocking = [reason.reason.value for reason in state.reasons or []]
        """
        found = await self._client.get_pipeline_movable_state(id=pipeline_id)
        if found is None:
            raise NotFoundError("pipeline", pipeline_id)
        if found.movable_state is None:  # the platform did not say: let the move itself decide
            return PipelineMovableState(movable=True, reasons=[])
        return found.movable_state

    async def move(
        self, pipeline_id: str, target_project_id: str, *, target_platform_id: int | str | None = None
    ) -> str:
        """Move a pipeline and its jobs to another project; return the pipeline's id in the target project.

        The target project is on this platform unless ``target_platform_id`` says otherwise.

        The platform's movability rules are checked first (:meth:`get_movable_state`): a scheduled pipeline or
        job, unfinished or uncleaned runs, a move under way, a job shared with other pipelines. When one
        applies, MoveRefusedError lists the platform's reasons and nothing is sent.

        Example::

            new_id = await api.pipelines.move(pipeline_id, other_project_id)
        """
        if target_platform_id is None:
            target_platform_id = self._api.settings.id_platform
        try:
            platform = int(target_platform_id)
        except (TypeError, ValueError):
            raise InvalidInputError(f"target_platform_id {target_platform_id!r} is not a platform number") from None
        if not isinstance(target_project_id, str) or not target_project_id.strip():
            raise InvalidInputError("target_project_id is empty: give the id of the project to move to")
        found = await self._client.get_pipeline_movable_state(id=pipeline_id)
        if found is None:
            raise NotFoundError("pipeline", pipeline_id)
        state = found.movable_state
        if state is not None and not state.movable:
            reasons = list(state.reasons or [])
            raise MoveRefusedError(
                refusal_message("pipeline", found.name, reasons),
                kind="pipeline",
                entity_id=pipeline_id,
                reasons=reasons,
            )
        return await announced(
            "movePipeline",
            f"look for the pipeline in project {target_project_id} (api.pipelines.list_for_project_minimal) "
            "before moving it again",
            lambda: self._client.move_pipeline(
                pipeline_id=pipeline_id, target_platform_id=platform, target_project_id=target_project_id
            ),
        )

    async def delete(self, pipeline_id: str) -> bool:
        """Delete a pipeline (its jobs stay).

        Example::

            await api.pipelines.delete(pipeline_id)
        """
        return bool(
            await reconciled(
                self._api,
                "deletePipeline",
                lambda: self._client.delete_pipeline(pipeline_id),
                lambda: gone(lambda: self.get_info(pipeline_id, instances_limit=1, versions_only_current=True), True),
            )
        )

    # -- export / import (2.x folder layout) -----------------------------------------------------------
    async def export(
        self,
        pipeline_id: str,
        output_folder: str | os.PathLike[str],
        error_folder: str | os.PathLike[str] = "",
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        env_var_scope: str = "PIPELINE",
        *,
        progress: ProgressCallback | None = None,
    ) -> ExportResult:
        """Write ``<output_folder>/<pipeline_id>/pipeline.json`` and ``env_vars/<NAME>/variable.json``.

        ``env_var_scope``: PIPELINE (its own variables), PROJECT (plus the project's) or GLOBAL (plus the
        global ones); checked before anything is written. Failures raise ExportError, leaving nothing.

        Example::

            await api.pipelines.export(pipeline_id, "backup/pipelines", env_var_scope="PROJECT")
        """
        from .project_export import run_export  # on first use: the export/import models are large

        return await run_export(
            self._api,
            "pipeline",
            pipeline_id,
            output_folder,
            error_folder=error_folder,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
            progress=progress,
            env_var_scope=env_var_scope,
        )

    async def import_from_json(
        self,
        json_file: str | os.PathLike[str],
        project_id: str,
        *,
        if_exists: str = "skip",
        error_folder: str | os.PathLike[str] = "",
        progress: ProgressCallback | None = None,
    ) -> ImportResult:
        """Create an exported pipeline (every version, conditions kept whole) and its PIPELINE variables.

        Jobs are matched by name in the target project; missing jobs are reported, nothing is created.
        Variables of other scopes found next to it are skipped (no global side effects).

        Example::

            result = await api.pipelines.import_from_json("backup/pipelines/<id>/pipeline.json", project_id)
        """
        from .project_import import run_import  # on first use: the export/import models are large

        return await run_import(
            self._api,
            "pipeline",
            json_file,
            project_id,
            if_exists=if_exists,
            error_folder=error_folder,
            progress=progress,
        )
