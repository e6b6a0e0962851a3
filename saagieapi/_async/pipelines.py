"""``api.pipelines``: graph pipelines: create, upgrade, run and wait, instances, versions.

This file is the single source: ``saagieapi/_sync/pipelines.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from .._generated.projects.fragments import (
    PipelineFields,
    PipelineInstanceDeletionFields,
    PipelineInstanceFields,
    PipelineInstanceSelectorCountFields,
    PipelineMinimalFields,
    PipelineVersionDeletionFields,
    PipelineVersionFields,
)
from .._generated.projects.input_types import GraphPipelineInput, PipelineEditionInput, PipelineGraphInput
from ..errors import InvalidInputError, NotFoundError
from ..export_layout import ExportResult, ImportResult, ProgressCallback
from ..graph_pipeline import GraphPipeline
from ..lookup import find_by_name
from ..validation import check_alerting, check_scheduling
from .paging import DEFAULT_PAGE_SIZE, check_page_size, iter_pages
from .pipelines_inputs import (
    PIPELINE_FINAL_STATUSES,
    PIPELINE_SUCCESS_STATUSES,
    check_graph,
    check_unknown_jobs,
    parse_date,
    raw_variables,
    selector_value,
    uuid_list,
    version_number,
)
from .project_export import run_export
from .project_import import run_import
from .resource import AsyncResource
from .waiting import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, wait_until_final

__all__ = ["AsyncPipelines"]

_KEEP: Any = object()  # "leave as it is" for edit arguments


class AsyncPipelines(AsyncResource):
    """Methods of ``api.pipelines`` (graph pipelines: create, upgrade, run and wait, instances, versions)."""

    # -- read ------------------------------------------------------------------------------------------
    async def list_for_project(
        self,
        project_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> list[PipelineFields]:
        """Pipelines of a project, each with its instances and versions (limits optional).

        Example::

            for pipeline in await api.pipelines.list_for_project(project_id, instances_limit=1):
                print(pipeline.name, pipeline.instances[0].status if pipeline.instances else None)
        """
        project = await self._client.list_pipelines_for_project(
            project_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if project is None:
            raise NotFoundError("project", project_id)
        return list(project.pipelines)

    async def list_for_project_minimal(self, project_id: str) -> list[PipelineMinimalFields]:
        """Id, name and alias of the pipelines of a project.

        Example::

            names = [p.name for p in await api.pipelines.list_for_project_minimal(project_id)]
        """
        project = await self._client.list_pipelines_for_project_minimal(project_id)
        if project is None:
            raise NotFoundError("project", project_id)
        return list(project.pipelines)

    async def get_id(self, pipeline_name: str, project_name: str) -> str:
        """Id of the pipeline named ``pipeline_name`` in the project named ``project_name`` (one request).

        Example::

            pipeline_id = await api.pipelines.get_id("nightly", "demo")
        """
        project = await self._client.list_pipelines_of_project_by_name(project_name)
        if project is None:
            raise NotFoundError("project", project_name)
        found = find_by_name(project.pipelines, pipeline_name, kind="pipeline", scope=f"project {project_name!r}")
        return found.id

    async def get_info(
        self,
        pipeline_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> PipelineFields:
        """A pipeline with its instances and versions.

        Example::

            pipeline = await api.pipelines.get_info(pipeline_id, instances_limit=5, versions_only_current=True)
        """
        found = await self._client.get_pipeline(
            pipeline_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if found is None:
            raise NotFoundError("pipeline", pipeline_id)
        return found

    def iter_instances(
        self, pipeline_id: str, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> AsyncIterator[PipelineInstanceFields]:
        """The instances of a pipeline, most recent first, fetched ``page_size`` at a time (one request per page).

        Only one page is in memory at a time, where ``get_info(pipeline_id)`` loads every instance at once.
        The walk stops after the first page shorter than ``page_size``. For a pipeline that does not exist
        the first request raises, as ``get_info`` does (NotFoundError, or the platform's GraphQLError).

        Example::

            numbers = [instance.number async for instance in api.pipelines.iter_instances(pipeline_id)]
        """
        check_page_size(page_size)

        async def page(limit: int, skip: int) -> list[PipelineInstanceFields]:
            found = await self._client.list_pipeline_instances_page(id=pipeline_id, limit=limit, skip=skip)
            if found is None:
                raise NotFoundError("pipeline", pipeline_id)
            return list(found.instances or [])

        return iter_pages(page, page_size)

    async def get_info_by_name(
        self,
        project_id: str,
        pipeline_name: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> PipelineFields:
        """A pipeline found by its name in a project.

        Example::

            pipeline = await api.pipelines.get_info_by_name(project_id, "nightly")
        """
        found = await self._client.get_pipeline_by_name(
            project_id,
            pipeline_name,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if found is None:
            raise NotFoundError("pipeline", pipeline_name, scope=f"project {project_id}")
        return found

    async def get_info_by_alias(
        self,
        project_id: str,
        pipeline_alias: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> PipelineFields:
        """A pipeline found by its alias in a project.

        Example::

            pipeline = await api.pipelines.get_info_by_alias(project_id, "nightly")
        """
        return await self._client.get_pipeline_by_alias(
            project_id,
            pipeline_alias,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )

    async def get_instance(self, pipeline_instance_id: str) -> PipelineInstanceFields:
        """One run of a pipeline, with its job and condition instances.

        Example::

            instance = await api.pipelines.get_instance(instance_id)
            print(instance.status, [c.is_success for c in instance.conditions_instance or []])
        """
        found = await self._client.get_pipeline_instance(pipeline_instance_id)
        if found is None:
            raise NotFoundError("pipeline instance", pipeline_instance_id)
        return found

    # -- create, edit, upgrade -------------------------------------------------------------------------
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
    ) -> PipelineFields:
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
        fields: dict[str, Any] = {
            "name": name,
            "alias": alias,
            "projectId": project_id,
            "description": description,
            "releaseNote": release_note,
            "graph": graph,
            "isScheduled": False,
        }
        if cron_scheduling:
            fields.update(check_scheduling(cron_scheduling, schedule_timezone))
        if emails:
            fields.update(check_alerting(emails, status_list))
        if has_execution_variables_enabled is not None:
            fields["hasExecutionVariablesEnabled"] = bool(has_execution_variables_enabled)
        if source_url:
            fields["sourceUrl"] = source_url
        raw = raw_variables(environment_variables)
        if raw is not None:
            fields["environmentVariables"] = raw
        pipeline_input = GraphPipelineInput.model_validate(fields)
        if check_jobs:
            project = await self._client.get_project_jobs_for_graph(project_id)
            if project is None:
                raise NotFoundError("project", project_id)
            check_unknown_jobs(graph, (job.id for job in project.jobs), f"project {project_id}")
        return await self._client.create_graph_pipeline(pipeline_input, instances_limit=1, versions_only_current=True)

    async def upgrade(
        self,
        pipeline_id: str,
        graph_pipeline: GraphPipeline,
        release_note: str = "",
        source_url: str = "",
        *,
        check_jobs: bool = True,
    ) -> PipelineVersionFields:
        """Add a version with a new graph and make it current (job ids checked first, as in ``create_graph``).

        Example::

            version = await api.pipelines.upgrade(pipeline_id, graph, release_note="adds a retry branch")
        """
        graph = check_graph(graph_pipeline)
        graph_input = PipelineGraphInput.model_validate(graph)
        if check_jobs:
            found = await self._client.get_pipeline_project_jobs(pipeline_id)
            if found is None:
                raise NotFoundError("pipeline", pipeline_id)
            check_unknown_jobs(graph, (job.id for job in found.project.jobs), f"project {found.project_id}")
        return await self._client.add_graph_pipeline_version(
            pipeline_id, graph_input, release_note=release_note, source_url=source_url or None
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
    ) -> PipelineFields:
        """Change a pipeline's settings; ``None`` leaves a setting as it is (one request).

        ``description=""`` clears the description; ``emails=[]`` removes alerting; ``is_scheduled=False``
        unschedules; ``cron_scheduling`` (re)schedules in ``schedule_timezone``; ``is_scheduled=True``
        without a cron keeps the current cron.

        Example::

            await api.pipelines.edit(pipeline_id, description="nightly load", emails=["ops@acme.io"])
        """
        fields: dict[str, Any] = {"id": pipeline_id}
        for key, value in (("name", name), ("alias", alias)):
            if value is not None:
                if not value.strip():
                    raise InvalidInputError(f"the pipeline {key} cannot be empty")
                fields[key] = value
        if description is not None:
            fields["description"] = description
        if emails is not None or status_list is not None:
            if emails is not None and len(emails) == 0:
                fields["alerting"] = None
            elif emails:
                fields.update(check_alerting(emails, status_list))
            else:
                raise InvalidInputError("status_list needs emails: pass emails=[...] with it")
        if cron_scheduling:
            if is_scheduled is False:
                raise InvalidInputError("is_scheduled=False contradicts cron_scheduling")
            fields.update(check_scheduling(cron_scheduling, schedule_timezone))
        elif is_scheduled is True:
            current = await self.get_info(pipeline_id, instances_limit=0, versions_only_current=True)
            if not current.cron_scheduling:
                raise InvalidInputError("is_scheduled=True needs cron_scheduling: the pipeline has no cron yet")
            fields.update(check_scheduling(current.cron_scheduling, current.schedule_timezone or schedule_timezone))
        elif is_scheduled is False:
            fields["isScheduled"] = False
        if has_execution_variables_enabled is not None:
            fields["hasExecutionVariablesEnabled"] = bool(has_execution_variables_enabled)
        return await self._client.edit_pipeline(
            PipelineEditionInput.model_validate(fields), instances_limit=1, versions_only_current=True
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
    ) -> PipelineFields:
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

    async def rollback(self, pipeline_id: str, version_number: int | str) -> PipelineFields:
        """Make an earlier version current again; returns the pipeline with all its versions.

        Example::

            pipeline = await api.pipelines.rollback(pipeline_id, 1)
        """
        number = _version_number(version_number)
        found = await self._client.rollback_pipeline_version(pipeline_id, number, instances_limit=1)
        if found is None:
            raise NotFoundError("pipeline", pipeline_id)
        return found

    async def duplicate(self, pipeline_id: str, duplicate_jobs: bool = False) -> PipelineFields:
        """Copy a pipeline in its project (``duplicate_jobs=True`` copies its jobs too).

        Example::

            copy = await api.pipelines.duplicate(pipeline_id)
        """
        return await self._client.duplicate_pipeline(
            pipeline_id, duplicate_jobs=bool(duplicate_jobs), instances_limit=1, versions_only_current=True
        )

    async def delete(self, pipeline_id: str) -> bool:
        """Delete a pipeline (its jobs stay).

        Example::

            await api.pipelines.delete(pipeline_id)
        """
        return bool(await self._client.delete_pipeline(pipeline_id))

    # -- run -------------------------------------------------------------------------------------------
    async def run(self, pipeline_id: str) -> PipelineInstanceFields:
        """Start a run of the pipeline's current version; returns the new instance.

        Example::

            instance = await api.pipelines.run(pipeline_id)
        """
        return await self._client.run_pipeline(pipeline_id)

    async def run_with_callback(
        self,
        pipeline_id: str,
        freq: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        *,
        raise_on_failure: bool = True,
        callback: Callable[[PipelineInstanceFields], object] | None = None,
    ) -> PipelineInstanceFields:
        """Run the pipeline and wait for the end of the run; returns the final instance.

        ``freq`` is the first delay between polls (it grows up to 10 s); ``timeout`` in seconds (``None``
        or ``-1``: no limit). Raises RunFailedError when the run does not succeed (unless
        ``raise_on_failure=False``) and WaitTimeoutError on timeout; both carry ``instance_id``.

        Example::

            instance = await api.pipelines.run_with_callback(pipeline_id, timeout=600)
            print(instance.status)
        """
        if timeout is not None and timeout < 0:
            timeout = None
        instance = await self.run(pipeline_id)
        return await self.wait_for_instance(
            instance.id, poll_interval=freq, timeout=timeout, raise_on_failure=raise_on_failure, callback=callback
        )

    async def wait_for_instance(
        self,
        pipeline_instance_id: str,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        raise_on_failure: bool = True,
        callback: Callable[[PipelineInstanceFields], object] | None = None,
    ) -> PipelineInstanceFields:
        """Wait until a pipeline instance reaches a final status; returns it.

        Example::

            final = await api.pipelines.wait_for_instance(instance.id, timeout=300)
        """

        async def fetch() -> PipelineInstanceFields:
            return await self.get_instance(pipeline_instance_id)

        return await wait_until_final(
            fetch,
            _status_of,
            final_statuses=PIPELINE_FINAL_STATUSES,
            success_statuses=PIPELINE_SUCCESS_STATUSES,
            instance_id=pipeline_instance_id,
            what="pipeline instance",
            timeout=timeout,
            poll_interval=poll_interval,
            raise_on_failure=raise_on_failure,
            callback=callback,
        )

    async def stop(self, pipeline_instance_id: str) -> PipelineInstanceFields:
        """Ask a running pipeline instance to stop.

        Example::

            await api.pipelines.stop(instance.id)
        """
        return await self._client.stop_pipeline_instance(pipeline_instance_id)

    # -- clean-up --------------------------------------------------------------------------------------
    async def delete_versions(
        self, pipeline_id: str, versions: Iterable[int | str]
    ) -> list[PipelineVersionDeletionFields]:
        """Delete versions that are not current; one result per version number.

        Example::

            results = await api.pipelines.delete_versions(pipeline_id, [1, 2])
        """
        numbers = [_version_number(v) for v in versions]
        if not numbers:
            raise InvalidInputError("versions is empty")
        return list(await self._client.delete_pipeline_versions(pipeline_id, numbers))

    async def delete_instances(
        self, pipeline_id: str, pipeline_instances_id: Iterable[str]
    ) -> list[PipelineInstanceDeletionFields]:
        """Delete finished instances by id; one result per id.

        Example::

            results = await api.pipelines.delete_instances(pipeline_id, [instance.id])
        """
        ids = uuid_list(pipeline_instances_id, name="pipeline_instances_id")
        return list(await self._client.delete_pipeline_instances(pipeline_id, pipeline_instance_ids=ids))

    async def delete_instances_by_selector(
        self,
        pipeline_id: str,
        selector: str,
        exclude_instances_id: Iterable[str] | None = None,
        include_instances_id: Iterable[str] | None = None,
    ) -> int:
        """Delete the instances matching a status selector (ALL, SUCCEEDED, FAILED, STOPPED, UNKNOWN); how many.

        Example::

            deleted = await api.pipelines.delete_instances_by_selector(pipeline_id, "FAILED")
        """
        return await self._client.delete_pipeline_instances_by_status_selector(
            pipeline_id,
            selector_value(selector),  # type: ignore[arg-type]
            exclude_pipeline_instance_ids=uuid_list(exclude_instances_id, name="exclude_instances_id"),
            include_pipeline_instance_ids=uuid_list(include_instances_id, name="include_instances_id"),
        )

    async def delete_instances_by_date(
        self,
        pipeline_id: str,
        date_before: str | datetime,
        exclude_instances_id: Iterable[str] | None = None,
        include_instances_id: Iterable[str] | None = None,
    ) -> int:
        """Delete the instances started before a date (ISO-8601 with offset, or an aware datetime); how many.

        Example::

            deleted = await api.pipelines.delete_instances_by_date(pipeline_id, "2024-01-01T00:00:00Z")
        """
        return await self._client.delete_pipeline_instances_by_date_selector(
            pipeline_id,
            parse_date(date_before),
            exclude_pipeline_instance_ids=uuid_list(exclude_instances_id, name="exclude_instances_id"),
            include_pipeline_instance_ids=uuid_list(include_instances_id, name="include_instances_id"),
        )

    async def count_deletable_instances_by_status(self, pipeline_id: str) -> list[PipelineInstanceSelectorCountFields]:
        """How many instances each status selector would delete.

        Example::

            counts = {c.selector: c.count for c in await api.pipelines.count_deletable_instances_by_status(pid)}
        """
        return list(await self._client.count_deletable_pipeline_instances_by_status(pipeline_id) or [])

    async def count_deletable_instances_by_date(self, pipeline_id: str, date_before: str | datetime) -> int:
        """How many instances started before a date could be deleted.

        Example::

            count = await api.pipelines.count_deletable_instances_by_date(pipeline_id, "2024-01-01T00:00:00Z")
        """
        return int(
            await self._client.count_deletable_pipeline_instances_by_date(pipeline_id, parse_date(date_before)) or 0
        )

    # -- export / import (2.x folder layout) --------------------------------------------------------------
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
        return await run_import(
            self._api,
            "pipeline",
            json_file,
            project_id,
            if_exists=if_exists,
            error_folder=error_folder,
            progress=progress,
        )


def _status_of(instance: PipelineInstanceFields) -> str:
    status = instance.status
    return str(getattr(status, "value", status))


def _version_number(value: int | str) -> int:
    return version_number(value)
