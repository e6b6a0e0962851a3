"""The platform's movability rules, in words (no I/O): what each ``PipelineMovableStateErrorReason`` means and
what to do about it, for the message of :class:`~saagieapi.errors.MoveRefusedError`.

The reasons are the schema's (``PipelineMovableState.reasons``): the platform computes them, the SDK reads
them before sending a move and explains them. A reason the SDK does not know yet is shown by its name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._generated.projects.enums import PipelineMovableStateErrorReason as Reason

__all__ = ["REASON_TEXTS", "refusal_message"]

#: What each reason means, with the way out; ``{name}`` is the offending job or pipeline.
REASON_TEXTS = {
    Reason.PIPELINE_HAS_UNFINISHED_INSTANCES.value: (
        "the pipeline has runs that are not finished: wait for them or stop them"
    ),
    Reason.PIPELINE_HAS_INSTANCES_NOT_YET_CLEANED.value: (
        "the pipeline has runs the platform has not cleaned up yet: delete its finished instances "
        "(api.pipelines.delete_instances_by_selector) or try again later"
    ),
    Reason.PIPELINE_ALREADY_IN_MIGRATION_STATE.value: "the pipeline is already being moved",
    Reason.PIPELINE_SCHEDULED.value: (
        "the pipeline is scheduled: unschedule it first (api.pipelines.edit(..., is_scheduled=False))"
    ),
    Reason.JOB_HAS_UNFINISHED_INSTANCES.value: "job {name} has runs that are not finished: wait for them or stop them",
    Reason.JOB_HAS_INSTANCES_NOT_YET_CLEANED.value: (
        "job {name} has runs the platform has not cleaned up yet: delete its finished instances "
        "(api.jobs.delete_instances_by_selector) or try again later"
    ),
    Reason.JOB_ALREADY_IN_MIGRATION_STATE.value: "job {name} is already being moved",
    Reason.JOB_SCHEDULED.value: "job {name} is scheduled: unschedule it first (api.jobs.edit(..., is_scheduled=False))",
    Reason.JOBS_EXISTS_IN_MANY_PIPELINES.value: "job {name} is also used by {others}: a pipeline moves with its jobs",
}


def _reason_text(reason: Any) -> str:
    code = str(getattr(reason.reason, "value", reason.reason))
    name = repr(reason.offending_name) if reason.offending_name else (reason.offending_id or "?")
    shared = reason.shared_job_in_many_pipelines_error
    others = "other pipelines"
    if shared is not None:
        name = repr(shared.job_name)
        others = (
            ", ".join(
                f"pipeline {other.pipeline_name!r} (versions {', '.join(str(v) for v in other.pipeline_versions if v)})"
                for other in shared.other_pipelines_linked
            )
            or others
        )
    template = REASON_TEXTS.get(code)
    return f"{code}: {template.format(name=name, others=others)}" if template else f"{code} ({name})"


def refusal_message(kind: str, name: str, reasons: Sequence[Any]) -> str:
    """The message of a refused move: one line per reason the platform gave.

    Example::

        refusal_message("pipeline", "nightly", state.reasons)
        # "pipeline 'nightly' cannot be moved now:\\n  - PIPELINE_SCHEDULED: the pipeline is scheduled: ..."
    """
    lines = [f"  - {_reason_text(reason)}" for reason in reasons] or ["  - the platform gave no reason"]
    return f"{kind} {name!r} cannot be moved now:\n" + "\n".join(lines)
