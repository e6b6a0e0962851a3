"""Schedules that fire: cron-scheduled jobs and pipelines get instances at their times, on the emulated clock.

A job or pipeline with ``isScheduled`` and a ``cronScheduling`` expression runs at every time the expression
names, read in its ``scheduleTimezone`` (UTC when none; daylight saving time honoured): each of those times
becomes an instance requested at that time, exactly as if someone had clicked run then. Nothing runs in the
background: the schedules are caught up with the emulated clock before every GraphQL request and whenever a
test moves the clock (``platform.clock.advance(hours=1)``), so what a client sees is the same.

A schedule counts from the moment the emulator first sees it (at its creation or edit, or at the start of the
emulator for a state file written earlier: a platform that was stopped ran nothing meanwhile). A jump of the
clock over many due times creates at most :data:`MAX_CATCH_UP` instances per job or pipeline, the latest
ones. An expression the emulator cannot read never fires.
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter

if TYPE_CHECKING:
    from .backend import Backend

__all__ = ["MAX_CATCH_UP", "Scheduler", "fire_times"]

MAX_CATCH_UP = 1000
_Key = tuple[str, str]
_Signature = tuple[str, str]


def _zone(name: str | None) -> Any:
    if not name:
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def fire_times(cron: str, zone_name: str | None, after: float, until: float, limit: int = MAX_CATCH_UP) -> list[float]:
    """The times (epoch seconds) in ``(after, until]`` that ``cron`` names in ``zone_name``, the latest
    ``limit`` of them; none for an expression or a time zone that cannot be read."""
    zone = _zone(zone_name)
    if zone is None or until <= after:
        return []
    try:
        iterator = croniter(cron, datetime.fromtimestamp(after, zone))
    except (ValueError, KeyError, TypeError):
        return []
    times: list[float] = []
    while True:
        try:
            at = float(iterator.get_next(float))
        except (ValueError, KeyError, StopIteration):  # croniter gives up on impossible dates
            break
        if at > until:
            break
        times.append(at)
        if len(times) > limit:
            del times[0]
    return times


class Scheduler:
    """Fires the due schedules of one platform's backend. ``catch_up()`` is cheap when nothing is due."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._armed: dict[_Key, tuple[_Signature, float]] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        """Forget what was armed (the store was replaced: its schedules count from now)."""
        with self._lock:
            self._armed.clear()

    def _scheduled(self) -> list[tuple[_Key, _Signature, Any]]:
        data = self.backend.store.data
        found: list[tuple[_Key, _Signature, Any]] = []
        for kind, table in (("job", data.jobs), ("pipeline", data.pipelines)):
            for entity in table.values():
                if entity.is_scheduled and entity.cron_scheduling:
                    signature = (str(entity.cron_scheduling), str(entity.schedule_timezone or ""))
                    found.append(((kind, entity.id), signature, entity))
        return found

    def catch_up(self, now: float | None = None) -> int:
        """Create the instances of every schedule due since it was last looked at; how many were created."""
        backend = self.backend
        with backend.store.lock, self._lock:
            at = backend.clock.now() if now is None else now
            fired = 0
            seen: set[_Key] = set()
            for key, signature, entity in self._scheduled():
                seen.add(key)
                armed = self._armed.get(key)
                if armed is None or armed[0] != signature:
                    self._armed[key] = (signature, at)  # a new or changed schedule counts from now
                    continue
                times = fire_times(signature[0], signature[1] or None, armed[1], at)
                self._armed[key] = (signature, at)
                for fire_at in times:
                    self._fire(key[0], entity, fire_at)
                fired += len(times)
            for key in set(self._armed) - seen:
                del self._armed[key]
        return fired

    def _fire(self, kind: str, entity: Any, at: float) -> None:
        if kind == "job":
            self.backend.job_instances.create(entity, at)
        else:
            self.backend.pipeline_runs.start(entity, at)
