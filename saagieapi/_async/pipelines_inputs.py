"""Pure helpers of ``api.pipelines``: argument checks and input building (no request is sent here).

This file is the single source: ``saagieapi/_sync/pipelines_inputs.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from ..errors import InvalidInputError
from ..graph_pipeline import GraphPipeline

__all__ = [
    "INSTANCE_SELECTORS",
    "PIPELINE_FINAL_STATUSES",
    "PIPELINE_SUCCESS_STATUSES",
    "check_graph",
    "check_unknown_jobs",
    "parse_date",
    "raw_variables",
    "selector_value",
    "uuid_list",
    "version_number",
]

#: Status selectors of ``delete_instances_by_selector``.
INSTANCE_SELECTORS = ("ALL", "SUCCEEDED", "FAILED", "STOPPED", "UNKNOWN")
PIPELINE_FINAL_STATUSES = frozenset({"SUCCEEDED", "FAILED", "KILLED", "UNKNOWN", "ERROR", "SKIPPED"})
PIPELINE_SUCCESS_STATUSES = frozenset({"SUCCEEDED"})


def parse_date(date_before: str | datetime, *, name: str = "date_before") -> datetime:
    """A timezone-aware datetime from a datetime or an ISO-8601 string such as ``2024-01-31T00:00:00+01:00``."""
    if isinstance(date_before, datetime):
        value = date_before
    elif isinstance(date_before, str):
        text = date_before.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            value = datetime.fromisoformat(text)
        except ValueError as exc:
            raise InvalidInputError(
                f"{name} {date_before!r} is not a date: use ISO-8601 with an offset, e.g. 2024-01-31T00:00:00+01:00"
            ) from exc
    else:
        raise InvalidInputError(f"{name} must be a datetime or an ISO-8601 string, not {type(date_before).__name__}")
    if value.tzinfo is None:
        raise InvalidInputError(f"{name} {date_before!r} has no timezone offset: add one such as +00:00 or Z")
    return value


def selector_value(selector: str) -> str:
    value = str(getattr(selector, "value", selector)).upper()
    if value not in INSTANCE_SELECTORS:
        raise InvalidInputError(f"invalid selector {selector!r}: choose among {', '.join(INSTANCE_SELECTORS)}")
    return value


def uuid_list(values: Iterable[str] | None, *, name: str) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        raise InvalidInputError(f"{name} must be a list of ids, not a string")
    return [str(value) for value in values]


def version_number(value: int | str) -> int:
    """2.x took version numbers as strings; the platform wants an ``Int``."""
    if isinstance(value, bool):
        raise InvalidInputError(f"invalid version number {value!r}")
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"invalid version number {value!r}: give an integer such as 2") from exc
    if number < 1:
        raise InvalidInputError(f"invalid version number {value!r}: versions start at 1")
    return number


def check_graph(graph_pipeline: GraphPipeline) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(graph_pipeline, GraphPipeline):
        raise InvalidInputError(f"graph_pipeline must be a GraphPipeline, not {type(graph_pipeline).__name__}")
    return graph_pipeline.to_pipeline_graph_input()


def check_unknown_jobs(graph: Mapping[str, list[dict[str, Any]]], known_job_ids: Iterable[str], where: str) -> None:
    """Raise InvalidInputError naming the job ids of the graph that are not jobs of the project."""
    known = set(known_job_ids)
    unknown = sorted({node["job"]["id"] for node in graph["jobNodes"]} - known)
    if unknown:
        raise InvalidInputError(f"the pipeline graph uses job id(s) that are not jobs of {where}: {', '.join(unknown)}")


def raw_variables(variables: Mapping[str, str] | Sequence[str] | None) -> str | None:
    """``KEY=value`` lines from a mapping (or lines as given)."""
    if variables is None:
        return None
    if isinstance(variables, Mapping):
        lines = []
        for key, value in variables.items():
            if not str(key) or "=" in str(key) or "\n" in str(key) or "\n" in str(value):
                raise InvalidInputError(f"invalid variable {key!r}: names hold no '=' nor newline, values no newline")
            lines.append(f"{key}={value}")
        return "\n".join(lines)
    if isinstance(variables, str):
        return variables
    return "\n".join(str(line) for line in variables)
