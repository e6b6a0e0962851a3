# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Runs of ``api.pipelines``: run, stop and wait, instances (read, page, count, delete).

This file is the single source: ``saagieapi/_sync/pipeline_instances.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime

from .._core.arguments import parse_date, uuid_list
from .._core.logs import LOG_TAIL_LINES, printable
from .._core.statuses import (
    PIPELINE_FINAL_STATUSES,
    PIPELINE_SUCCESS_STATUSES,
    pipeline_instance_selector,
    pipeline_status,
)
from .._generated.projects.enums import InstanceStatus
from ..errors import InvalidInputError, NotFoundError
from ..models import (
    PipelineInstance,
    PipelineInstanceCount,
    PipelineInstanceDeletionResult,
)
from .paging import DEFAULT_PAGE_SIZE, Page, check_page_size, iter_pages
from .reconcile import announced
from .resource import Resource
from .waiting import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, check_wait, wait_until_final

__all__ = ["PipelineInstancesMixin"]


class PipelineInstancesMixin(Resource):
    """Runs of a pipeline: the ``api.pipelines`` methods that start, stop, wait for, list, count, delete instances."""

    # -- instances -------------------------------------------------------------------------------------
    def get_instance(self, pipeline_instance_id: str) -> PipelineInstance:
        """One run of a pipeline, with its job and condition instances.

        Example::

            instance = api.pipelines.get_instance(instance_id)
            branches = [c.is_success for c in instance.conditions_instance or []]
        """
        found = self._client.get_pipeline_instance(pipeline_instance_id)
        if found is None:
            raise NotFoundError("pipeline instance", pipeline_instance_id)
        return found

    def iter_instances(self, pipeline_id: str, *, page_size: int = DEFAULT_PAGE_SIZE) -> Iterator[PipelineInstance]:
        """The instances of a pipeline, most recent first, fetched ``page_size`` at a time (one request per page).

        Only one page is in memory at a time, where ``get_info(pipeline_id)`` loads every instance at once.
        The walk stops after the first page shorter than ``page_size``. For a pipeline that does not exist
        the first request raises, as ``get_info`` does (NotFoundError, or the platform's GraphQLError).

        Example::

            numbers = [instance.number for instance in api.pipelines.iter_instances(pipeline_id)]
        """
        check_page_size(page_size)

        def page(limit: int, skip: int) -> Page[PipelineInstance]:
            found = self._client.list_pipeline_instances_page(id=pipeline_id, limit=limit, skip=skip)
            if found is None:
                raise NotFoundError("pipeline", pipeline_id)
            return list(found.instances or []), None  # a pipeline does not tell its number of instances

        return iter_pages(page, page_size)

    # -- run -------------------------------------------------------------------------------------------
    def run(self, pipeline_id: str, *, execution_variables: Mapping[str, str] | None = None) -> PipelineInstance:
        """Start a run of the pipeline's current version; returns the new instance.

        ``execution_variables`` (``{name: value}``) are the values the run starts with: the platform takes them
        from the pipeline's PIPELINE-scope variables, so they are saved there (created or updated) before the run
        and later runs see them too. The pipeline must have ``has_execution_variables_enabled``; otherwise
        InvalidInputError is raised and nothing is sent.

        Example::

            instance = api.pipelines.run(pipeline_id)
            instance = api.pipelines.run(pipeline_id, execution_variables={"RUN_DATE": "2026-11-27"})
            started_with = {v.key: v.value for v in instance.initial_execution_variables or []}
        """
        if execution_variables:
            self._save_execution_variables(pipeline_id, execution_variables)
        return announced(
            "runPipeline",
            f"look at the pipeline's last instance (api.pipelines.get_info({pipeline_id!r}, instances_limit=1)"
            ".instances) before running it again",
            lambda: self._client.run_pipeline(pipeline_id),
        )

    def _save_execution_variables(self, pipeline_id: str, execution_variables: Mapping[str, str]) -> None:
        if isinstance(execution_variables, str) or not isinstance(execution_variables, Mapping):
            raise InvalidInputError("execution_variables must be a mapping {name: value}")
        wrong: list[object] = [
            name
            for name, value in execution_variables.items()
            if not isinstance(name, str) or not name or not isinstance(value, str)
        ]
        if wrong:
            raise InvalidInputError(f"execution variables need non-empty names and string values; check {wrong}")
        pipeline = self._api.pipelines.get_info(pipeline_id, instances_limit=0, versions_only_current=True)
        if not pipeline.has_execution_variables_enabled:
            raise InvalidInputError(
                f"pipeline {pipeline.name!r} does not take execution variables: enable them with "
                "api.pipelines.edit(pipeline_id, has_execution_variables_enabled=True)"
            )
        env_vars = self._api.env_vars
        existing = {var.name for var in env_vars.list("PIPELINE", pipeline_id=pipeline_id, scope_only=True)}
        for name, value in execution_variables.items():
            if name in existing:
                env_vars.update("PIPELINE", name, value=value, pipeline_id=pipeline_id)
            else:
                env_vars.create("PIPELINE", name, value, pipeline_id=pipeline_id)

    def run_with_callback(
        self,
        pipeline_id: str,
        freq: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        *,
        raise_on_failure: bool = True,
        callback: Callable[[PipelineInstance], object] | None = None,
        execution_variables: Mapping[str, str] | None = None,
    ) -> PipelineInstance:
        """Run the pipeline and wait for the end of the run; returns the final instance.

        ``freq`` is the first delay between polls (it grows up to 10 s); ``timeout`` in seconds (``None``
        or ``-1``: no limit). Raises RunFailedError when the run does not succeed (unless
        ``raise_on_failure=False``) and WaitTimeoutError on timeout; both carry ``instance_id``.
        ``execution_variables`` as for :meth:`run`.

        Example::

            instance = api.pipelines.run_with_callback(pipeline_id, timeout=600)
            final_status = instance.status
        """
        check_wait(freq, timeout, negative_timeout=True)
        if timeout is not None and timeout < 0:
            timeout = None
        instance = self.run(pipeline_id, execution_variables=execution_variables)
        return self.wait_for_instance(
            instance.id, poll_interval=freq, timeout=timeout, raise_on_failure=raise_on_failure, callback=callback
        )

    def wait_for_instance(
        self,
        pipeline_instance_id: str,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        raise_on_failure: bool = True,
        callback: Callable[[PipelineInstance], object] | None = None,
    ) -> PipelineInstance:
        """Wait until a pipeline instance reaches a final status; returns it.

        A RunFailedError carries in ``log_tail`` the last lines of the log of the job instance that failed.

        Example::

            final = api.pipelines.wait_for_instance(instance.id, timeout=300)
        """

        def fetch() -> PipelineInstance:
            return self.get_instance(pipeline_instance_id)

        def failure_tail(instance: PipelineInstance) -> list[str]:
            # The first job instance that FAILED (else the first one that did not succeed) explains the run.
            statuses = [
                (job.history.current_status.status.value, job.start_time, job.id)
                for job in instance.jobs_instance or []
                if job.history is not None
            ]
            failed = sorted(
                (status != InstanceStatus.FAILED.value, start, job_id)
                for status, start, job_id in statuses
                if status not in (InstanceStatus.SUCCEEDED.value, InstanceStatus.SKIPPED.value)
            )
            if not failed:
                return []
            lines = self._api.jobs.get_logs(failed[0][2], tail=LOG_TAIL_LINES)
            return [printable(self._transport.redact(line.value)) for line in lines]

        return wait_until_final(
            fetch,
            pipeline_status,
            final_statuses=PIPELINE_FINAL_STATUSES,
            success_statuses=PIPELINE_SUCCESS_STATUSES,
            instance_id=pipeline_instance_id,
            what="pipeline instance",
            timeout=timeout,
            poll_interval=poll_interval,
            raise_on_failure=raise_on_failure,
            callback=callback,
            failure_tail=failure_tail,
        )

    def stop(self, pipeline_instance_id: str) -> PipelineInstance:
        """Ask a running pipeline instance to stop.

        Example::

            api.pipelines.stop(instance.id)
        """
        return self._client.stop_pipeline_instance(pipeline_instance_id)

    # -- clean-up --------------------------------------------------------------------------------------
    def delete_instances(
        self, pipeline_id: str, pipeline_instances_id: Iterable[str]
    ) -> list[PipelineInstanceDeletionResult]:
        """Delete finished instances by id; one result per id.

        Example::

            results = api.pipelines.delete_instances(pipeline_id, [instance.id])
        """
        ids = uuid_list(pipeline_instances_id, name="pipeline_instances_id")
        return list(self._client.delete_pipeline_instances(pipeline_id, pipeline_instance_ids=ids))

    def delete_instances_by_selector(
        self,
        pipeline_id: str,
        selector: str,
        exclude_instances_id: Iterable[str] | None = None,
        include_instances_id: Iterable[str] | None = None,
    ) -> int:
        """Delete the instances matching a status selector (ALL, SUCCEEDED, FAILED, STOPPED, UNKNOWN); how many.

        Example::

            deleted = api.pipelines.delete_instances_by_selector(pipeline_id, "FAILED")
        """
        return self._client.delete_pipeline_instances_by_status_selector(
            pipeline_id,
            pipeline_instance_selector(selector),
            exclude_pipeline_instance_ids=uuid_list(exclude_instances_id, name="exclude_instances_id"),
            include_pipeline_instance_ids=uuid_list(include_instances_id, name="include_instances_id"),
        )

    def delete_instances_by_date(
        self,
        pipeline_id: str,
        date_before: str | datetime,
        exclude_instances_id: Iterable[str] | None = None,
        include_instances_id: Iterable[str] | None = None,
    ) -> int:
        """Delete the instances started before a date (ISO-8601 with offset, or an aware datetime); how many.

        Example::

            deleted = api.pipelines.delete_instances_by_date(pipeline_id, "2024-01-01T00:00:00Z")
        """
        return self._client.delete_pipeline_instances_by_date_selector(
            pipeline_id,
            parse_date(date_before),
            exclude_pipeline_instance_ids=uuid_list(exclude_instances_id, name="exclude_instances_id"),
            include_pipeline_instance_ids=uuid_list(include_instances_id, name="include_instances_id"),
        )

    def count_deletable_instances_by_status(self, pipeline_id: str) -> list[PipelineInstanceCount]:
        """How many instances each status selector would delete.

        Example::

            counts = {c.selector: c.count for c in api.pipelines.count_deletable_instances_by_status(pid)}
        """
        return list(self._client.count_deletable_pipeline_instances_by_status(pipeline_id) or [])

    def count_deletable_instances_by_date(self, pipeline_id: str, date_before: str | datetime) -> int:
        """How many instances started before a date could be deleted.

        Example::

            count = api.pipelines.count_deletable_instances_by_date(pipeline_id, "2024-01-01T00:00:00Z")
        """
        return int(self._client.count_deletable_pipeline_instances_by_date(pipeline_id, parse_date(date_before)) or 0)
