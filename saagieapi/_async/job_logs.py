"""Logs of ``api.jobs``: read a job instance's lines (a page, the last ones, all of them lazily) and follow them
while it runs.

This file is the single source: ``saagieapi/_sync/job_logs.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
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
from ..models import Log
from .log_reading import follow_lines, last_lines, read_lines
from .resource import AsyncResource

__all__ = ["AsyncJobLogsMixin"]

#: ``streams`` argument: None (STDOUT and STDERR), a stream name, "STDOUT,STDERR", or a list of names/LogStream.
Streams = str | Sequence[Any] | None


class AsyncJobLogsMixin(AsyncResource):
    """Logs of job instances: the methods of ``api.jobs`` that read and follow them."""

    async def _log_page(self, job_instance_id: str, streams: list[Any], limit: int, skip: int) -> list[Log]:
        with not_found_as("job instance", job_instance_id):
            page = await self._client.get_job_instance_logs(
                job_instance_id=job_instance_id, streams=streams, limit=limit, skip=skip
            )
        if page is None:  # the platform's answer for an instance it does not know (or that is not visible)
            raise NotFoundError("job instance", job_instance_id)
        return list(page.content or [])

    async def _log_count(self, job_instance_id: str, streams: list[Any]) -> int:
        with not_found_as("job instance", job_instance_id):
            count = await self._client.count_job_instance_logs(job_instance_id=job_instance_id, streams=streams)
        if count is None:
            raise NotFoundError("job instance", job_instance_id)
        return count

    async def get_logs(
        self,
        job_instance_id: str,
        *,
        streams: Streams = None,
        limit: int = DEFAULT_LOG_LIMIT,
        skip: int = 0,
        tail: int | None = None,
    ) -> list[Log]:
        """Lines of a job instance's log, oldest first: ``limit`` lines from line ``skip``, or the last ``tail``.

        ``streams`` picks the streams (default ``STDOUT`` and ``STDERR``; ``list(LogStream)`` for all six); each
        line says its ``stream``. Use :meth:`iter_logs` to walk a long log and :meth:`follow_logs` to read it
        while the instance runs.

        Example::

            lines = await api.jobs.get_logs(instance_id, tail=50)
            by_stream = [(line.stream.value, line.value) for line in lines]
        """
        check_paging(limit=limit, skip=skip, tail=tail)
        names = check_streams(streams)
        if tail is not None:
            return await last_lines(
                lambda: self._log_count(job_instance_id, names),
                lambda size, start: self._log_page(job_instance_id, names, size, start),
                tail,
            )
        return await self._log_page(job_instance_id, names, limit, skip)

    async def count_logs(self, job_instance_id: str, *, streams: Streams = None) -> int:
        """How many lines a job instance's log has in ``streams`` (default ``STDOUT`` and ``STDERR``).

        Example::

            total = await api.jobs.count_logs(instance_id, streams=["STDERR"])
        """
        return await self._log_count(job_instance_id, check_streams(streams))

    def iter_logs(
        self, job_instance_id: str, *, streams: Streams = None, skip: int = 0, page_size: int = DEFAULT_LOG_PAGE_SIZE
    ) -> AsyncIterator[Log]:
        """Every line of a job instance's log from line ``skip``, fetched ``page_size`` lines per request.

        Only one page is in memory at a time; the walk ends at the end of the log as it is when read (use
        :meth:`follow_logs` to wait for more).

        Example::

            errors = [line.value async for line in api.jobs.iter_logs(instance_id, streams="STDERR")]
        """
        check_paging(skip=skip, page_size=page_size)
        names = check_streams(streams)
        return read_lines(
            lambda size, start: self._log_page(job_instance_id, names, size, start), skip=skip, page_size=page_size
        )

    def follow_logs(
        self,
        job_instance_id: str,
        *,
        streams: Streams = None,
        skip: int = 0,
        poll_interval: float = DEFAULT_FOLLOW_INTERVAL,
        timeout: float | None = None,
    ) -> AsyncIterator[Log]:
        """The lines of a job instance's log as they are written, until the instance has ended.

        It starts at line ``skip`` and ends once the instance has reached a final status (SUCCEEDED, FAILED,
        KILLED...) and its last lines are read.

        The log is read again every ``poll_interval`` seconds, less often while it stays quiet (at most every
        5 s). ``timeout`` (seconds, default none) raises WaitTimeoutError; breaking out of the loop stops
        following at any time. NotFoundError when the instance does not exist.

        Example::

            seen: list[str] = []
            async for line in api.jobs.follow_logs(instance_id):
                seen.append(line.value)
        """
        check_paging(skip=skip)
        check_follow(poll_interval, timeout)
        names = check_streams(streams)

        async def poll(limit: int, start: int) -> tuple[list[Log], bool]:
            with not_found_as("job instance", job_instance_id):
                answer = await self._client.follow_job_instance_logs(
                    job_instance_id=job_instance_id, streams=names, limit=limit, skip=start
                )
            if answer.job_instance is None:
                raise NotFoundError("job instance", job_instance_id)
            lines = list(answer.filtered_logs.content or []) if answer.filtered_logs is not None else []
            history = answer.job_instance.history
            status = history.current_status.status.value if history is not None else None
            return lines, status in JOB_FINAL_STATUSES

        return follow_lines(
            poll,
            skip=skip,
            page_size=DEFAULT_LOG_PAGE_SIZE,
            poll_interval=poll_interval,
            timeout=timeout,
            what="job instance",
            instance_id=job_instance_id,
        )
