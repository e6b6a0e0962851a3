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
from datetime import datetime
from typing import TYPE_CHECKING, Any

from croniter import croniter

from .rules.checks import zone_of

if TYPE_CHECKING:
    from .backend import Backend

__all__ = ["MAX_CATCH_UP", "Scheduler", "fire_times", "next_fire_time"]

MAX_CATCH_UP = 1000
_Key = tuple[str, str]
_Signature = tuple[str, str]


def fire_times(cron: str, zone_name: str | None, after: float, until: float, limit: int = MAX_CATCH_UP) -> list[float]:
    """The times (epoch seconds) in ``(after, until]`` that ``cron`` names in ``zone_name``, the latest
    ``limit`` of them; none for an expression that cannot be read (a time zone: see :func:`zone_of`)."""
    zone = zone_of(zone_name)
    if until <= after:
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


def next_fire_time(cron: str, zone_name: str | None, after: float) -> float:
    """The first time after ``after`` that ``cron`` names in ``zone_name`` (infinity: never)."""
    zone = zone_of(zone_name)
    try:
        return float(croniter(cron, datetime.fromtimestamp(after, zone)).get_next(float))
    except (ValueError, KeyError, TypeError, StopIteration):
        return _NEVER


_NEVER = float("inf")


class Scheduler:
    """Fires the due schedules of one platform's backend.

    ``due()`` only reads the store (it runs while queries read it, see :mod:`.store_lock`) and costs one
    comparison per schedule: each armed schedule keeps the time it next fires. ``catch_up()`` fires what is
    due and needs the store for itself.
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        #: schedule -> (its expression and time zone, since when it counts, when it fires next)
        self._armed: dict[_Key, tuple[_Signature, float, float]] = {}
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

    def _arm(self, key: _Key, signature: _Signature, at: float) -> None:
        """A new or changed schedule counts from ``at``."""
        self._armed[key] = (signature, at, next_fire_time(signature[0], signature[1] or None, at))

    def due(self, now: float | None = None) -> bool:
        """Whether a schedule fires by ``now`` (new and changed schedules are armed, nothing is fired)."""
        with self._lock:
            at = self.backend.clock.now() if now is None else now
            found = False
            seen: set[_Key] = set()
            for key, signature, _ in self._scheduled():
                seen.add(key)
                armed = self._armed.get(key)
                if armed is None or armed[0] != signature:
                    self._arm(key, signature, at)
                elif armed[2] <= at:
                    found = True
            for key in set(self._armed) - seen:
                del self._armed[key]
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
                    self._arm(key, signature, at)
                    continue
                if armed[2] > at:
                    continue  # nothing due yet: no need to read the expression
                times = fire_times(signature[0], signature[1] or None, armed[1], at)
                self._arm(key, signature, at)
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
