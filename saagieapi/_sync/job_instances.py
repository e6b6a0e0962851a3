# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Runs of ``api.jobs``: run, stop and wait, instances (read, page, count, delete).

This file is the single source: ``saagieapi/_sync/job_instances.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from .._core.arguments import parse_date
from .._core.logs import DEFAULT_LOG_PAGE_SIZE, LOG_TAIL_LINES, check_streams, printable
from .._core.statuses import JOB_FINAL_STATUSES, JOB_SUCCESS_STATUSES, instance_status, job_instance_selector
from ..errors import NotFoundError
from ..models import JobInstance, JobInstanceCount, JobInstanceDeletionResult
from .job_logs import JobLogsMixin
from .log_reading import MAX_FOLLOW_INTERVAL, read_lines
from .paging import DEFAULT_PAGE_SIZE, Page, check_page_size, iter_pages
from .reconcile import announced
from .waiting import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, MAX_POLL_INTERVAL, check_wait, wait_until_final

__all__ = ["JobInstancesMixin"]


class JobInstancesMixin(JobLogsMixin):
    """Runs of a job: the methods of ``api.jobs`` that start, stop, wait for, list, count and delete instances."""

    # -- instances ----------------------------------------------------------------------------------------
    def get_instance(self, job_instance_id: str) -> JobInstance:
        """A job instance (its status is ``history.current_status.status``).

        Example::

            instance = api.jobs.get_instance(instance_id)
        """
        instance = self._client.get_job_instance(job_instance_id=job_instance_id)
        if instance is None:
            raise NotFoundError("job instance", job_instance_id)
        return instance

    def iter_instances(self, job_id: str, *, page_size: int = DEFAULT_PAGE_SIZE) -> Iterator[JobInstance]:
        """The instances of a job, most recent first, fetched ``page_size`` at a time.

        A few pages are in memory at a time (``PAGES_AHEAD``), where ``get_info(job_id)`` loads every instance
        at once: the way to walk a job with thousands of runs. The first page tells how many instances there
        are; the next pages are then requested a few at a time, so that the walk does not wait for one round
        trip per page. The walk stops after the first page shorter than ``page_size``. For a job that does
        not exist the first request raises, as ``get_info`` does (NotFoundError, or the platform's
        GraphQLError).

        Example::

            numbers = set()
            for instance in api.jobs.iter_instances(job_id, page_size=200):
                numbers.add(instance.number)
        """
        check_page_size(page_size)

        def page(limit: int, skip: int) -> Page[JobInstance]:
            job = self._client.list_job_instances_page(job_id=job_id, limit=limit, skip=skip)
            if job is None:
                raise NotFoundError("job", job_id)
            return list(job.instances or []), job.count_job_instance

        return iter_pages(page, page_size)

    # -- runs ---------------------------------------------------------------------------------------------
    def run(self, job_id: str) -> JobInstance:
        """Start a job; return the new instance (use :meth:`run_with_callback` to wait for its end).

        Example::

            instance = api.jobs.run(job_id)
        """
        return announced(
            "runJob",
            f"look at the job's last instance (api.jobs.get_info({job_id!r}, instances_limit=1).instances) before "
            "running it again",
            lambda: self._client.run_job(job_id=job_id),
        )

    def run_with_callback(
        self,
        job_id: str,
        freq: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        *,
        raise_on_failure: bool = True,
        callback: Callable[[JobInstance], object] | None = None,
        on_log: Callable[[str], object] | None = None,
    ) -> JobInstance:
        """Run a job and wait for its end; return the final instance.

        Polls after ``freq`` seconds, then less and less often. Raises RunFailedError (with
        ``instance_id``, ``status`` and ``log_tail``, the last lines of the run's log) when it ends otherwise
        than SUCCEEDED, unless ``raise_on_failure=False``, and WaitTimeoutError after ``timeout`` seconds
        (``None``: no limit). ``callback`` sees each polled instance; ``on_log`` sees the text of each new
        line of the run's log (STDOUT and STDERR) at each poll, every line once, in order; while it streams, a
        poll that brought new lines brings the next one back to ``freq`` and a quiet log is read at least every 5 s.

        Example::

            import logging

            log = logging.getLogger("ci")
            instance = api.jobs.run_with_callback(job_id, timeout=600, on_log=log.info)
            status = instance.history.current_status.status
        """
        check_wait(freq, timeout)
        streams = check_streams(None)
        started = self.run(job_id)
        lines_seen = 0
        lines_before = 0

        def fetch() -> JobInstance:
            nonlocal lines_seen, lines_before
            lines_before = lines_seen
            instance = self.get_instance(started.id)
            if on_log is not None:  # the status first: once it is final, this read holds every line
                for line in read_lines(
                    lambda size, start: self._log_page(started.id, streams, size, start),
                    skip=lines_seen,
                    page_size=DEFAULT_LOG_PAGE_SIZE,
                ):
                    lines_seen += 1
                    on_log(line.value)
            return instance

        def failure_tail(instance: JobInstance) -> list[str]:
            lines = self.get_logs(instance.id, tail=LOG_TAIL_LINES)
            return [printable(self._transport.redact(line.value)) for line in lines]

        return wait_until_final(
            fetch,
            instance_status,
            final_statuses=JOB_FINAL_STATUSES,
            success_statuses=JOB_SUCCESS_STATUSES,
            instance_id=started.id,
            what="job instance",
            timeout=timeout,
            poll_interval=freq,
            # streaming the log: polls at the pace of follow_logs, quicker again once new lines arrive
            max_poll_interval=MAX_POLL_INTERVAL if on_log is None else MAX_FOLLOW_INTERVAL,
            raise_on_failure=raise_on_failure,
            callback=callback,
            failure_tail=failure_tail,
            progressed=None if on_log is None else lambda: lines_seen > lines_before,
        )

    def stop(self, job_instance_id: str) -> JobInstance:
        """Ask a running job instance to stop; return it.

        Example::

            instance = api.jobs.stop(instance_id)
        """
        return self._client.stop_job_instance(job_instance_id=job_instance_id)

    # -- clean-up -----------------------------------------------------------------------------------------
    def delete_instances(self, job_id: str, job_instances_id: Sequence[str]) -> list[JobInstanceDeletionResult]:
        """Delete instances of a job; one result (id, success) per instance.

        Example::

            results = api.jobs.delete_instances(job_id, [instance_id])
        """
        if isinstance(job_instances_id, str):
            job_instances_id = [job_instances_id]
        return list(self._client.delete_job_instances(job_id=job_id, job_instance_ids=list(job_instances_id)))

    def delete_instances_by_selector(
        self,
        job_id: str,
        selector: str,
        exclude_instances_id: Sequence[str] | None = None,
        include_instances_id: Sequence[str] | None = None,
    ) -> int:
        """Delete the instances of a job with a status (ALL, SUCCEEDED, FAILED, STOPPED, UNKNOWN); how many.

        Example::

            deleted = api.jobs.delete_instances_by_selector(job_id, "FAILED")
        """
        return self._client.delete_job_instances_by_selector(
            job_id=job_id,
            selector=job_instance_selector(selector),
            exclude_job_instance_ids=list(exclude_instances_id or []),
            include_job_instance_ids=list(include_instances_id or []),
        )

    def delete_instances_by_date(
        self,
        job_id: str,
        date_before: str | datetime,
        exclude_instances_id: Sequence[str] | None = None,
        include_instances_id: Sequence[str] | None = None,
    ) -> int:
        """Delete the instances of a job started before a date (ISO with timezone, or aware datetime); how many.

        Example::

            deleted = api.jobs.delete_instances_by_date(job_id, "2024-01-01T00:00:00Z")
        """
        return self._client.delete_job_instances_by_date(
            job_id=job_id,
            before_at=parse_date(date_before),
            exclude_job_instance_ids=list(exclude_instances_id or []),
            include_job_instance_ids=list(include_instances_id or []),
        )

    def count_instances_by_status(self, job_id: str) -> list[JobInstanceCount]:
        """Deprecated (2.9): use :meth:`count_deletable_instances_by_status`.

        Example::

            counts = api.jobs.count_deletable_instances_by_status(job_id)
        """
        warnings.warn(
            "count_instances_by_status is deprecated: use count_deletable_instances_by_status",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.count_deletable_instances_by_status(job_id)

    def count_deletable_instances_by_status(self, job_id: str) -> list[JobInstanceCount]:
        """How many instances of a job each selector (ALL, SUCCEEDED, FAILED...) would delete.

        Example::

            counts = {c.selector: c.count for c in api.jobs.count_deletable_instances_by_status(job_id)}
        """
        return list(self._client.count_job_instances_by_selector(job_id=job_id) or [])

    def count_deletable_instances_by_date(self, job_id: str, date_before: str | datetime) -> int:
        """How many instances of a job started before a date.

        Example::

            count = api.jobs.count_deletable_instances_by_date(job_id, "2024-01-01T00:00:00Z")
        """
        return int(self._client.count_job_instances_by_date(job_id=job_id, before_at=parse_date(date_before)) or 0)
