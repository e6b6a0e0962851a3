# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Reading a log page by page, its last lines, and following it while the instance runs: what the job, app
and condition log methods share.

This file is the single source: ``saagieapi/_sync/log_reading.py`` is generated from it (``make codegen``).

A log only grows: the lines of one instance in a given set of streams keep their order, new ones are appended.
So a reader remembers how many lines it has seen and asks for the next ones with ``skip``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from .._backend import ResultOf, sync_sleep
from ..errors import WaitTimeoutError

__all__ = ["MAX_FOLLOW_INTERVAL", "follow_lines", "last_lines", "read_lines"]

T = TypeVar("T")
#: The longest pause (seconds) between two reads of a followed log that has gone quiet.
MAX_FOLLOW_INTERVAL = 5.0

#: ``fetch(limit, skip)``: one page of lines.
PageFetcher = Callable[[int, int], ResultOf[Sequence[T]]]
#: ``poll(limit, skip)``: one page of lines and whether the instance had ended when it was read.
PagePoller = Callable[[int, int], ResultOf[tuple[Sequence[T], bool]]]


def read_lines(fetch: PageFetcher[T], *, skip: int, page_size: int) -> Iterator[T]:
    """The lines from ``skip`` on, one request per ``page_size`` lines, until a page shorter than asked.

    Only the current page is held in memory.
    """
    while True:
        page = fetch(page_size, skip)
        for line in page:
            skip += 1
            yield line
        if len(page) < page_size:
            return


def last_lines(count: Callable[[], ResultOf[int]], fetch: PageFetcher[T], lines: int) -> list[T]:
    """The last ``lines`` lines: the count, then one page from ``count - lines`` (two requests)."""
    total = count()
    return list(fetch(lines, max(0, total - lines)))


def follow_lines(
    poll: PagePoller[T],
    *,
    skip: int,
    page_size: int,
    poll_interval: float,
    timeout: float | None,
    what: str,
    instance_id: str,
) -> Iterator[T]:
    """The lines from ``skip`` on as they are written, until the instance has ended and its log is read.

    Each request reads the instance's state and the next page together. Once a request has seen the instance
    ended, one more request reads what was written between that read of the state and the end; the iteration
    stops when a page comes back short after that. While nothing new arrives the pause between two requests
    grows from ``poll_interval`` to :data:`MAX_FOLLOW_INTERVAL`; a new line brings it back to ``poll_interval``.
    Raises WaitTimeoutError when ``timeout`` seconds pass first (``None``: no limit).
    """
    deadline = None if timeout is None or math.isinf(timeout) else time.monotonic() + timeout

    def timed_out() -> WaitTimeoutError:
        return WaitTimeoutError(
            f"{what} {instance_id} still running after {timeout} s of following its log; pass a longer "
            "timeout= or timeout=None to follow without limit",
            instance_id=instance_id,
            status=None,
        )

    delay = poll_interval
    ended_seen = False
    while True:
        page, ended = poll(page_size, skip)
        for line in page:
            skip += 1
            yield line
        if len(page) >= page_size:
            if deadline is not None and time.monotonic() >= deadline:
                raise timed_out()  # a log that never stops growing cannot hold the follower past its timeout
            continue  # more is waiting: read on at once
        if ended_seen:
            return
        if ended:
            ended_seen = True
            continue  # one more read: the lines written after this state was read
        delay = poll_interval if page else min(delay * 1.5, max(poll_interval, MAX_FOLLOW_INTERVAL))
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise timed_out()
            delay = min(delay, remaining)
        sync_sleep(delay)
