"""Log lines of job instances, app executions and condition instances, in emulated time.

Lines are derived from an instance's timeline and what it runs, so they are the same at every read and
*grow while the instance runs*: a line exists once emulated time reached it. Streams are the platform's
``LogStream`` values (``ORCHESTRATION_STDOUT``/``_STDERR`` for the platform's own lines, ``ENVVARS_STDOUT`` for
the variables given to the run, ``STDOUT``/``STDERR`` for the program's output).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import App, AppExecution, Timeline
from .scalars import format_datetime

__all__ = [
    "JobRun",
    "app_execution_logs",
    "condition_logs",
    "filter_logs",
    "job_instance_logs",
]

#: A running job prints a line every ``RUNNING_SECONDS / PROGRESS_LINES`` of (scaled) running time.
PROGRESS_LINES = 4
#: A job held in RUNNING keeps printing, up to this many progress lines.
MAX_PROGRESS_LINES = 10_000

Entry = tuple[float, str, str]  # (emulated time, stream, text)


def filter_logs(lines: list[dict[str, Any]], streams: set[str] | None) -> list[dict[str, Any]]:
    return [line for line in lines if streams is None or line["stream"] in streams]


def _lines(entries: list[Entry], now: float) -> list[dict[str, Any]]:
    """Entries reached at ``now``, in time order, numbered; ``time`` is the ISO date of each line."""
    reached = sorted((e for e in entries if e[0] <= now), key=lambda e: e[0])
    return [
        {"index": index, "value": text, "stream": stream, "time": format_datetime(at)}
        for index, (at, stream, text) in enumerate(reached)
    ]


def _first(timeline: Timeline, status: str) -> float | None:
    return next((at for at, step in timeline.steps if step == status), None)


@dataclass(frozen=True)
class JobRun:
    """What a job instance runs: enough to print its lines."""

    job_name: str
    number: int
    command_line: str | None
    image: str
    variables: tuple[tuple[str, str | None, bool], ...] = ()  # (name, value, is_password)
    step_seconds: float = 1.0  # the (scaled) time between two progress lines of a run held in RUNNING


def job_instance_logs(run: JobRun, timeline: Timeline, now: float) -> list[dict[str, Any]]:
    """The lines of a job instance up to ``now``: orchestration, variables, program output, the end."""
    entries: list[Entry] = []
    requested = timeline.steps[0][0]
    entries.append((requested, "ORCHESTRATION_STDOUT", f"Instance {run.number} of job {run.job_name} requested"))
    queued = _first(timeline, "QUEUED")
    if queued is not None:
        entries.append((queued, "ORCHESTRATION_STDOUT", f"Pulling image {run.image}"))
    started = _first(timeline, "RUNNING")
    if started is not None:
        entries.append((started, "ORCHESTRATION_STDOUT", "Container started"))
        for name, value, is_password in run.variables:
            entries.append((started, "ENVVARS_STDOUT", f"{name}={'********' if is_password else value or ''}"))
        entries.append((started, "STDOUT", f"$ {run.command_line or ''}".rstrip()))
        end = next((at for at, step in timeline.steps if at > started and step != "RUNNING"), None)
        if end is None:  # held in RUNNING until stopped: a line every step, as long as it runs
            count = min(MAX_PROGRESS_LINES, int(max(now - started, 0) / run.step_seconds))
            step = run.step_seconds
        else:
            count, step = PROGRESS_LINES, (end - started) / (PROGRESS_LINES + 1)
        for index in range(1, count + 1):
            entries.append((started + index * step, "STDOUT", f"[{run.job_name}] working... step {index}"))
    for at, status in timeline.steps:
        if status == "SUCCEEDED":
            entries.append((at, "STDOUT", "Done."))
            entries.append((at, "ORCHESTRATION_STDOUT", "Container exited with code 0"))
        elif status == "FAILED":
            entries.append((at, "STDERR", "Traceback (most recent call last):"))
            entries.append((at, "STDERR", f"RuntimeError: {run.job_name} failed (outcome forced on the emulator)"))
            entries.append((at, "ORCHESTRATION_STDERR", "Container exited with code 1"))
        elif status == "KILLING":
            entries.append((at, "ORCHESTRATION_STDOUT", "Stop requested: killing the container"))
        elif status == "KILLED":
            entries.append((at, "ORCHESTRATION_STDERR", "Container killed"))
    return _lines(entries, now)


def app_execution_logs(app: App, execution: AppExecution, now: float) -> list[dict[str, Any]]:
    """An app execution's lines up to ``now``: its statuses, then a line every (scaled) step while STARTED."""
    timeline = execution.timeline
    start = timeline.steps[0][0]
    entries: list[Entry] = [
        (start, "ORCHESTRATION_STDOUT", f"Starting app {app.name} version {execution.version_number}")
    ]
    for at, status in timeline.steps:
        stream = "ORCHESTRATION_STDERR" if status == "FAILED" else "ORCHESTRATION_STDOUT"
        entries.append((at, stream, f"App status {status}"))
    started = _first(timeline, "STARTED")
    if started is not None:
        until = next((at for at, step in timeline.steps if at > started and step != "STARTED"), now)
        step = max((timeline.steps[1][0] - start) if len(timeline.steps) > 1 else 1.0, 1e-3)
        count = min(MAX_PROGRESS_LINES, int(max(min(until, now) - started, 0) / step))
        entries.extend((started + i * step, "STDOUT", f"{app.name}: serving ({i})") for i in range(1, count + 1))
    return _lines(entries, now)


def condition_logs(
    expression: str | None,
    preset: str | None,
    inputs: list[tuple[str, str]],
    variables: dict[str, str | None],
    result: str,
    at: float,
) -> list[dict[str, Any]]:
    """What the condition evaluator prints: the variables it sees, then the evaluation.

    A status condition prints one line per input node; an expression prints the variables it was given (or that
    there are none): the number of lines follows what was evaluated.
    """
    entries: list[Entry] = [(at, "ENVVARS_STDOUT", f"{len(variables)} environment variables available")]
    entries.append((at, "STDOUT", "Evaluating condition"))
    if expression is not None:
        entries.append((at, "STDOUT", f"Expression: {expression}"))
        names = sorted(variables)
        if names:
            entries.extend((at, "STDOUT", f"Variable {name}") for name in names)
        else:
            entries.append((at, "STDOUT", "Variables: (none)"))
    else:
        entries.append((at, "STDOUT", f"Status condition: {preset}"))
        entries.extend((at, "STDOUT", f"Input {node}: {status}") for node, status in inputs)
    entries.append((at, "STDERR" if result == "ERROR" else "STDOUT", f"Result: {result}"))
    entries.append((at, "STDOUT", "Condition evaluation finished"))
    return _lines(entries, at)
