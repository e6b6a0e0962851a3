"""Synthetic log lines for job instances, app executions and condition instances."""

from __future__ import annotations

from typing import Any

from .model import App, AppExecution
from .scalars import format_datetime

__all__ = ["app_execution_logs", "condition_logs", "filter_logs", "job_instance_logs"]


def filter_logs(lines: list[dict[str, Any]], streams: set[str] | None) -> list[dict[str, Any]]:
    return [line for line in lines if streams is None or line["stream"] in streams]


def _lines(entries: list[tuple[str, str]], at: float) -> list[dict[str, Any]]:
    return [
        {"index": index, "value": value, "stream": stream, "time": format_datetime(at)}
        for index, (stream, value) in enumerate(entries)
    ]


def app_execution_logs(app: App, execution: AppExecution, now: float) -> list[dict[str, Any]]:
    entries = [("ORCHESTRATION_STDOUT", f"Starting app {app.name} version {execution.version_number}")]
    for at, status in execution.timeline.passed(now):
        entries.append(("STDOUT", f"{format_datetime(at)} app status {status}"))
    return _lines(entries, execution.timeline.steps[0][0])


def condition_logs(expression: str, variables: dict[str, str | None], result: str, at: float) -> list[dict[str, Any]]:
    """Exactly five STDOUT/STDERR lines, like the platform's condition evaluator prints."""
    entries = [
        ("ENVVARS_STDOUT", f"{len(variables)} environment variables available"),
        ("STDOUT", "Evaluating condition"),
        ("STDOUT", f"Expression: {expression}"),
        ("STDOUT", f"Variables: {', '.join(sorted(variables)) or '(none)'}"),
        ("STDOUT", f"Result: {result}"),
        ("STDERR" if result == "ERROR" else "STDOUT", "Condition evaluation finished"),
    ]
    return _lines(entries, at)


def job_instance_logs(job_name: str, command_line: str | None, status: str, at: float) -> list[dict[str, Any]]:
    entries = [
        ("ORCHESTRATION_STDOUT", f"Pulling image for job {job_name}"),
        ("STDOUT", f"$ {command_line or ''}".rstrip()),
        ("STDOUT", "Hello from the Saagie emulator"),
    ]
    if status == "FAILED":
        entries.append(("STDERR", "Job failed (forced outcome)"))
    return _lines(entries, at)
