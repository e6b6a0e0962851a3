# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Polling until an instance (job, pipeline, app, project) reaches a final status.

This file is the single source: ``saagieapi/_sync/waiting.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

from .._backend import ResultOf, sync_sleep
from ..errors import InvalidInputError, RunFailedError, SaagieError, WaitTimeoutError

__all__ = ["DEFAULT_POLL_INTERVAL", "DEFAULT_WAIT_TIMEOUT", "MAX_POLL_INTERVAL", "check_wait", "wait_until_final"]

T = TypeVar("T")

#: First delay between two polls (seconds); it grows by half each poll up to ``MAX_POLL_INTERVAL``.
DEFAULT_POLL_INTERVAL = 0.5
MAX_POLL_INTERVAL = 10.0
#: How long a waiter waits by default (seconds); pass ``timeout=None`` to wait without limit.
DEFAULT_WAIT_TIMEOUT = 3600.0


def _seconds(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise InvalidInputError(f"{name} must be a number of seconds, not {type(value).__name__} {value!r}")
    return float(value)


def check_wait(freq: Any, timeout: Any, *, negative_timeout: bool = False) -> None:
    """Check waiting options before anything is sent: ``freq`` > 0 seconds, ``timeout`` >= 0 seconds or None.

    ``negative_timeout=True`` accepts a negative timeout (2.x's ``-1``: wait without limit).
    """
    if _seconds("freq", freq) <= 0 or math.isinf(freq):
        raise InvalidInputError(f"freq must be a positive, finite number of seconds, not {freq!r}")
    if timeout is not None and _seconds("timeout", timeout) < 0 and not negative_timeout:
        raise InvalidInputError("timeout must be a number of seconds >= 0, or None to wait without limit")


def wait_until_final(
    fetch: Callable[[], ResultOf[T]],
    status_of: Callable[[T], str | None],
    *,
    final_statuses: Collection[str],
    success_statuses: Collection[str],
    instance_id: str | None,
    what: str,
    timeout: float | None = DEFAULT_WAIT_TIMEOUT,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    max_poll_interval: float = MAX_POLL_INTERVAL,
    raise_on_failure: bool = True,
    callback: Callable[[T], object] | None = None,
    failure_tail: Callable[[T], ResultOf[Sequence[str]]] | None = None,
    progressed: Callable[[], bool] | None = None,
) -> T:
    """Poll ``fetch`` until ``status_of`` gives a final status; return the last value.

    Raises RunFailedError when the final status is not a success (unless ``raise_on_failure=False``)
    and WaitTimeoutError when ``timeout`` seconds pass first. ``callback`` sees every polled value.
    ``failure_tail(value)`` gives the last log lines the RunFailedError carries; when they cannot be read,
    the error still says how the run ended. When ``progressed()`` is true after a poll (it brought something
    new, such as log lines), the next poll comes after ``poll_interval`` again.
    """
    check_wait(poll_interval, timeout)
    deadline = None if timeout is None or math.isinf(timeout) else time.monotonic() + timeout
    delay = max(0.05, poll_interval)
    while True:
        value = fetch()
        status = status_of(value)
        if progressed is not None and progressed():
            delay = max(0.05, poll_interval)
        if callback is not None:
            callback(value)
        if status in final_statuses:
            if status not in success_statuses and raise_on_failure:
                message = f"{what} {instance_id} ended with status {status}"
                tail: Sequence[str] = ()
                if failure_tail is not None:
                    try:
                        tail = failure_tail(value)
                    except SaagieError as error:
                        message += f" (its log could not be read: {type(error).__name__})"
                raise RunFailedError(message, instance_id=instance_id, status=status, log_tail=tail)
            return value
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(
                    f"{what} {instance_id} still {status} after {timeout} s; pass a longer timeout= "
                    "or timeout=None to wait without limit",
                    instance_id=instance_id,
                    status=status,
                )
            delay = min(delay, remaining)
        sync_sleep(delay)
        delay = min(delay * 1.5, max_poll_interval)
