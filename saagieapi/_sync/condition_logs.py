# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Condition instances of ``api.pipelines``: one evaluation of a condition node in a pipeline run, and its log
(a page, the last lines, all of them lazily, followed while it is evaluated).

This file is the single source: ``saagieapi/_sync/condition_logs.py`` is generated from it (``make codegen``).

A pipeline instance lists its condition instances (``instance.conditions_instance``: ``id`` and
``condition_node_id``). The platform needs the project of the pipeline to read their logs. The client-level
``api.get_condition_instance_logs_by_instance`` is the 2.x method, reading them through the log proxy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .._core.logs import (
    DEFAULT_FOLLOW_INTERVAL,
    DEFAULT_LOG_LIMIT,
    DEFAULT_LOG_PAGE_SIZE,
    check_follow,
    check_paging,
    check_streams,
)
from .._core.not_found import not_found_as
from .._core.statuses import JOB_FINAL_STATUSES
from ..errors import NotFoundError
from ..models import ConditionInstance, Log
from .log_reading import follow_lines, last_lines, read_lines
from .resource import Resource

__all__ = ["ConditionLogsMixin"]

Streams = str | Sequence[Any] | None


class ConditionLogsMixin(Resource):
    """Condition instances: the methods of ``api.pipelines`` that read them and their logs."""

    def get_condition_instance(self, condition_instance_id: str) -> ConditionInstance:
        """One evaluation of a pipeline condition: its node, result (``is_success``), times and status.

        Example::

            condition = api.pipelines.get_condition_instance(instance.conditions_instance[0].id)
            passed = condition.is_success
        """
        with not_found_as("condition instance", condition_instance_id):
            found = self._client.get_condition_instance(id=condition_instance_id)
        if found is None:
            raise NotFoundError("condition instance", condition_instance_id)
        return found

    def _condition_page(
        self, condition_instance_id: str, project_id: str, streams: list[Any], limit: int, skip: int
    ) -> list[Log]:
        with not_found_as("condition instance", condition_instance_id):
            page = self._client.get_condition_instance_logs(
                condition_instance_id=condition_instance_id,
                project_id=project_id,
                streams=streams,
                limit=limit,
                skip=skip,
            )
        if page is None:  # the platform's answer for a condition instance it does not know
            raise NotFoundError("condition instance", condition_instance_id)
        return list(page.content or [])

    def _condition_count(self, condition_instance_id: str, project_id: str, streams: list[Any]) -> int:
        with not_found_as("condition instance", condition_instance_id):
            count = self._client.count_condition_instance_logs(
                condition_instance_id=condition_instance_id, project_id=project_id, streams=streams
            )
        if count is None:
            raise NotFoundError("condition instance", condition_instance_id)
        return count

    def get_condition_logs(
        self,
        condition_instance_id: str,
        project_id: str,
        *,
        streams: Streams = None,
        limit: int = DEFAULT_LOG_LIMIT,
        skip: int = 0,
        tail: int | None = None,
    ) -> list[Log]:
        """Lines of a condition instance's log, oldest first.

        ``limit`` lines from line ``skip``, or the last ``tail``; ``streams`` as for the job logs (default
        STDOUT and STDERR).

        Example::

            from saagieapi.enums import LogStream

            condition_id = instance.conditions_instance[0].id
            lines = api.pipelines.get_condition_logs(condition_id, project_id, streams=list(LogStream))
        """
        check_paging(limit=limit, skip=skip, tail=tail)
        names = check_streams(streams)
        if tail is not None:
            return last_lines(
                lambda: self._condition_count(condition_instance_id, project_id, names),
                lambda size, start: self._condition_page(condition_instance_id, project_id, names, size, start),
                tail,
            )
        return self._condition_page(condition_instance_id, project_id, names, limit, skip)

    def get_condition_logs_by_node(
        self,
        pipeline_instance_id: str,
        condition_node_id: str,
        project_id: str,
        *,
        streams: Streams = None,
        limit: int = DEFAULT_LOG_LIMIT,
        skip: int = 0,
    ) -> list[Log]:
        """Lines of the log of a condition found by its node in a pipeline run (no condition instance id needed).

        Example::

            node_id = instance.conditions_instance[0].condition_node_id
            lines = api.pipelines.get_condition_logs_by_node(instance.id, node_id, project_id)
        """
        check_paging(limit=limit, skip=skip)
        page = self._client.get_condition_node_logs(
            pipeline_instance_id=pipeline_instance_id,
            condition_node_id=condition_node_id,
            project_id=project_id,
            streams=check_streams(streams),
            limit=limit,
            skip=skip,
        )
        if page is None:
            raise NotFoundError("condition node", condition_node_id, scope=f"pipeline instance {pipeline_instance_id}")
        return list(page.content or [])

    def count_condition_logs(self, condition_instance_id: str, project_id: str, *, streams: Streams = None) -> int:
        """How many lines a condition instance's log has in ``streams`` (default STDOUT and STDERR).

        Example::

            condition_id = instance.conditions_instance[0].id
            total = api.pipelines.count_condition_logs(condition_id, project_id)
        """
        return self._condition_count(condition_instance_id, project_id, check_streams(streams))

    def iter_condition_logs(
        self,
        condition_instance_id: str,
        project_id: str,
        *,
        streams: Streams = None,
        skip: int = 0,
        page_size: int = DEFAULT_LOG_PAGE_SIZE,
    ) -> Iterator[Log]:
        """Every line of a condition instance's log from line ``skip``, ``page_size`` lines per request.

        Example::

            condition_id = instance.conditions_instance[0].id
            text = [line.value for line in api.pipelines.iter_condition_logs(condition_id, project_id)]
        """
        check_paging(skip=skip, page_size=page_size)
        names = check_streams(streams)
        return read_lines(
            lambda size, start: self._condition_page(condition_instance_id, project_id, names, size, start),
            skip=skip,
            page_size=page_size,
        )

    def follow_condition_logs(
        self,
        condition_instance_id: str,
        project_id: str,
        *,
        streams: Streams = None,
        skip: int = 0,
        poll_interval: float = DEFAULT_FOLLOW_INTERVAL,
        timeout: float | None = None,
    ) -> Iterator[Log]:
        """The lines of a condition instance's log as they are written, until the evaluation has ended.

        It ends once the condition has a final status and its last lines are read (``timeout`` in seconds:
        WaitTimeoutError).

        Example::

            condition_id = instance.conditions_instance[0].id
            seen: list[str] = []
            for line in api.pipelines.follow_condition_logs(condition_id, project_id):
                seen.append(line.value)
        """
        check_paging(skip=skip)
        check_follow(poll_interval, timeout)
        names = check_streams(streams)

        def poll(limit: int, start: int) -> tuple[list[Log], bool]:
            with not_found_as("condition instance", condition_instance_id):
                answer = self._client.follow_condition_instance_logs(
                    condition_instance_id=condition_instance_id,
                    project_id=project_id,
                    streams=names,
                    limit=limit,
                    skip=start,
                )
            if answer.condition_instance is None:
                raise NotFoundError("condition instance", condition_instance_id)
            status = answer.condition_instance.history.current_status.status.value
            logs = answer.condition_pipeline_filtered_logs
            return (list(logs.content or []) if logs is not None else []), status in JOB_FINAL_STATUSES

        return follow_lines(
            poll,
            skip=skip,
            page_size=DEFAULT_LOG_PAGE_SIZE,
            poll_interval=poll_interval,
            timeout=timeout,
            what="condition instance",
            instance_id=condition_instance_id,
        )
