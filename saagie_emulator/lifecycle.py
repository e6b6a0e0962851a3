"""How instances move through their statuses over time, and the knobs that make tests deterministic.

Every instance carries a :class:`~saagie_emulator.model.Timeline` computed when it starts: statuses are
read lazily against the platform's :class:`~saagie_emulator.clock.Clock`, so nothing runs in the
background. ``speed`` divides every duration; forced outcomes pick the final status of a job (by id or
name) or hold it in RUNNING until it is stopped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from .model import Timeline

__all__ = [
    "FINAL_STATUSES",
    "HOLD",
    "Controls",
    "app_start_timeline",
    "app_stop_timeline",
    "job_timeline",
    "kill_tail",
    "project_timeline",
]

FINAL_STATUSES = frozenset({"SUCCEEDED", "FAILED", "KILLED", "UNKNOWN", "SKIPPED", "ERROR"})
HOLD = "RUNNING"  # a forced outcome that keeps the job running until it is stopped
_FOREVER = float("inf")

# Durations at speed 1, in seconds: close enough to a small platform to look real.
REQUESTED_SECONDS = 1.0
QUEUED_SECONDS = 1.0
RUNNING_SECONDS = 4.0
CONDITION_SECONDS = 0.5
KILLING_SECONDS = 1.0
APP_STARTING_SECONDS = 3.0
APP_STOPPING_SECONDS = 1.0
#: A project's initialisation: CREATED, then INIT_REQUESTED, then INITIALIZING, then READY (or FAILED).
PROJECT_STEPS_SECONDS = (("CREATED", 1.0), ("INIT_REQUESTED", 1.0), ("INITIALIZING", 3.0))
PROJECT_OUTCOMES = ("READY", "FAILED")


@dataclass
class Controls:
    """Per-server simulation settings; change them at any time (thread-safe enough: plain assignments)."""

    speed: float = 1.0
    default_outcome: str = "SUCCEEDED"
    job_outcomes: dict[str, str] = field(default_factory=dict)
    #: Forced ends of the next starts of apps, by id or name: STARTED or FAILED.
    app_outcomes: dict[str, str] = field(default_factory=dict)
    #: Forced ends of the next creations of projects, by name (``"*"``: every project): READY or FAILED.
    project_outcomes: dict[str, str] = field(default_factory=dict)
    #: Volume sizes accepted, in bytes: ``(minimum, maximum)``; ``None`` for no bound ("set by your administrator").
    volume_size_bounds: tuple[float | None, float | None] = (None, None)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def scaled(self, seconds: float) -> float:
        return seconds / self.speed if self.speed > 0 else seconds

    def outcome_for(self, job_id: str, job_name: str) -> str:
        with self.lock:
            return self.job_outcomes.get(job_id) or self.job_outcomes.get(job_name) or self.default_outcome

    def force_job_outcome(self, job: str, outcome: str | None) -> None:
        """Force the result of the next runs of a job (id or name): SUCCEEDED, FAILED or RUNNING.

        ``None`` goes back to the default outcome.
        """
        if outcome is not None and outcome not in {"SUCCEEDED", "FAILED", HOLD}:
            raise ValueError(f"outcome must be SUCCEEDED, FAILED or {HOLD}, not {outcome!r}")
        with self.lock:
            if outcome is None:
                self.job_outcomes.pop(job, None)
            else:
                self.job_outcomes[job] = outcome

    def force_project_outcome(self, project: str, outcome: str | None) -> None:
        """Make the next creation of project ``project`` (a name, ``"*"`` for any) end READY or FAILED.

        ``None`` goes back to READY.
        """
        if outcome is not None and outcome not in PROJECT_OUTCOMES:
            raise ValueError(f"outcome must be one of {PROJECT_OUTCOMES}, not {outcome!r}")
        with self.lock:
            if outcome is None:
                self.project_outcomes.pop(project, None)
            else:
                self.project_outcomes[project] = outcome

    def force_app_outcome(self, app: str, outcome: str | None) -> None:
        """Make the next starts of an app (id or name) end STARTED or FAILED; ``None`` goes back to STARTED."""
        if outcome is not None and outcome not in ("STARTED", "FAILED"):
            raise ValueError(f"outcome must be STARTED or FAILED, not {outcome!r}")
        with self.lock:
            if outcome is None:
                self.app_outcomes.pop(app, None)
            else:
                self.app_outcomes[app] = outcome

    def app_outcome_for(self, app_id: str, name: str) -> str:
        with self.lock:
            return self.app_outcomes.get(app_id) or self.app_outcomes.get(name) or "STARTED"

    def project_outcome_for(self, name: str) -> str:
        with self.lock:
            return self.project_outcomes.get(name) or self.project_outcomes.get("*") or "READY"

    def reset(self) -> None:
        with self.lock:
            self.job_outcomes.clear()
            self.project_outcomes.clear()
            self.app_outcomes.clear()
            self.default_outcome = "SUCCEEDED"
            self.volume_size_bounds = (None, None)


def job_timeline(controls: Controls, start: float, outcome: str) -> Timeline:
    """REQUESTED → QUEUED → RUNNING → outcome (or RUNNING forever when the outcome is HOLD)."""
    queued = start + controls.scaled(REQUESTED_SECONDS)
    running = queued + controls.scaled(QUEUED_SECONDS)
    steps = [(start, "REQUESTED"), (queued, "QUEUED"), (running, "RUNNING")]
    if outcome != HOLD:
        steps.append((running + controls.scaled(RUNNING_SECONDS), outcome))
    return Timeline(steps)


def project_timeline(controls: Controls, start: float, outcome: str) -> Timeline:
    """CREATED -> INIT_REQUESTED -> INITIALIZING -> READY or FAILED."""
    steps, at = [], start
    for status, seconds in PROJECT_STEPS_SECONDS:
        steps.append((at, status))
        at += controls.scaled(seconds)
    steps.append((at, outcome))
    return Timeline(steps)


def job_end(timeline: Timeline) -> float:
    """When a precomputed job timeline finishes (infinity if it never does on its own)."""
    last_at, last_status = timeline.steps[-1]
    return last_at if last_status in FINAL_STATUSES else _FOREVER


def kill_tail(controls: Controls, at: float) -> list[tuple[float, str]]:
    return [(at, "KILLING"), (at + controls.scaled(KILLING_SECONDS), "KILLED")]


def app_start_timeline(controls: Controls, start: float, outcome: str = "STARTED", first: str = "STARTING") -> Timeline:
    """STARTING (RESTARTING for a restart) -> STARTED, or FAILED when forced."""
    return Timeline([(start, first), (start + controls.scaled(APP_STARTING_SECONDS), outcome)])


def app_stop_timeline(controls: Controls, timeline: Timeline, at: float) -> None:
    timeline.cut(at, [(at, "STOPPING"), (at + controls.scaled(APP_STOPPING_SECONDS), "STOPPED")])
