"""Statuses, selectors, scopes and roles: the schema's enums, named where the SDK relies on them (no I/O).

Every value here is written as a member of a generated enum (``InstanceStatus.KILLED``), never as a string:
when the platform's schema renames or drops a value, regenerating makes this module fail ``mypy`` (and its
import), so the change breaks the build instead of a user's run. ``saagie doctor`` checks the same values
against a live platform (:data:`RELIED_ON`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any

from .._generated.projects.enums import (  # the module saagieapi.enums exports them from
    AppStatus,
    ConditionStatusPresetValueInput,
    EnvVarScope,
    InstanceStatus,
    JobInstanceSelector,
    PipelineInstanceStatusSelector,
    ProjectRole,
    ProjectStatus,
)
from ..errors import InvalidInputError

if TYPE_CHECKING:
    from ..models import App, JobInstance, PipelineInstance

__all__ = [
    "ALERTING_STATUSES",
    "APP_ALERTING_STATUSES",
    "APP_STOPPED",
    "CONDITION_STATUS_VALUES",
    "ENV_VAR_SCOPES",
    "JOB_FINAL_STATUSES",
    "JOB_INSTANCE_SELECTORS",
    "JOB_SUCCESS_STATUSES",
    "PIPELINE_FINAL_STATUSES",
    "PIPELINE_INSTANCE_SELECTORS",
    "PIPELINE_SUCCESS_STATUSES",
    "PROJECT_FINAL_STATUSES",
    "PROJECT_ROLES",
    "PROJECT_SUCCESS_STATUSES",
    "RELIED_ON",
    "app_status",
    "app_wait_statuses",
    "instance_status",
    "job_instance_selector",
    "pipeline_instance_selector",
    "pipeline_status",
    "values",
]


def values(members: Iterable[Enum]) -> tuple[str, ...]:
    """The values of enum members, in order (what the platform sends and accepts)."""
    return tuple(str(member.value) for member in members)


#: Statuses after which a job or pipeline instance changes no more.
JOB_FINAL_STATUSES = frozenset(
    values(
        (
            InstanceStatus.SUCCEEDED,
            InstanceStatus.FAILED,
            InstanceStatus.KILLED,
            InstanceStatus.UNKNOWN,
            InstanceStatus.ERROR,
            InstanceStatus.SKIPPED,
        )
    )
)
JOB_SUCCESS_STATUSES = frozenset(values((InstanceStatus.SUCCEEDED,)))
PIPELINE_FINAL_STATUSES = JOB_FINAL_STATUSES
PIPELINE_SUCCESS_STATUSES = JOB_SUCCESS_STATUSES
#: Statuses an alert can be raised on (the schema's InstanceStatus minus ERROR, as the platform accepts).
ALERTING_STATUSES = values(
    (
        InstanceStatus.REQUESTED,
        InstanceStatus.QUEUED,
        InstanceStatus.RUNNING,
        InstanceStatus.FAILED,
        InstanceStatus.KILLED,
        InstanceStatus.KILLING,
        InstanceStatus.SUCCEEDED,
        InstanceStatus.UNKNOWN,
        InstanceStatus.AWAITING,
        InstanceStatus.SKIPPED,
    )
)
#: Statuses an app alert can be raised on.
APP_ALERTING_STATUSES = values(
    (
        AppStatus.STARTING,
        AppStatus.STARTED,
        AppStatus.ROLLING_BACK,
        AppStatus.UPGRADING,
        AppStatus.RECOVERING,
        AppStatus.RESTARTING,
        AppStatus.STOPPING,
        AppStatus.STOPPED,
        AppStatus.FAILED,
    )
)
#: The status of an app that never ran.
APP_STOPPED = AppStatus.STOPPED.value
PROJECT_FINAL_STATUSES = frozenset(values((ProjectStatus.READY, ProjectStatus.FAILED)))
PROJECT_SUCCESS_STATUSES = frozenset(values((ProjectStatus.READY,)))
#: Status selectors of ``jobs.delete_instances_by_selector``.
JOB_INSTANCE_SELECTORS = values(
    (
        JobInstanceSelector.ALL,
        JobInstanceSelector.SUCCEEDED,
        JobInstanceSelector.FAILED,
        JobInstanceSelector.STOPPED,
        JobInstanceSelector.UNKNOWN,
    )
)
#: Status selectors of ``pipelines.delete_instances_by_selector``.
PIPELINE_INSTANCE_SELECTORS = values(
    (
        PipelineInstanceStatusSelector.ALL,
        PipelineInstanceStatusSelector.SUCCEEDED,
        PipelineInstanceStatusSelector.FAILED,
        PipelineInstanceStatusSelector.STOPPED,
        PipelineInstanceStatusSelector.UNKNOWN,
    )
)
#: Scopes ``api.env_vars`` manages (the schema's JOB scope has no 2.x method).
ENV_VAR_SCOPES = values((EnvVarScope.GLOBAL, EnvVarScope.PROJECT, EnvVarScope.PIPELINE, EnvVarScope.APP))
#: Presets a pipeline's status condition can test.
CONDITION_STATUS_VALUES = values(
    (
        ConditionStatusPresetValueInput.AllSuccess,
        ConditionStatusPresetValueInput.AllSuccessOrSkipped,
        ConditionStatusPresetValueInput.AtLeastOneSuccess,
    )
)
#: 2.x's role words -> the schema's project roles.
PROJECT_ROLES = {
    "manager": ProjectRole.ROLE_PROJECT_MANAGER.value,
    "editor": ProjectRole.ROLE_PROJECT_EDITOR.value,
    "viewer": ProjectRole.ROLE_PROJECT_VIEWER.value,
}


def app_wait_statuses(target: str) -> tuple[frozenset[str], frozenset[str]]:
    """(final, success) statuses when waiting for an app to reach ``target`` (STARTED or STOPPED)."""
    final = {target, AppStatus.FAILED.value, AppStatus.UNKNOWN.value}
    if target == AppStatus.STARTED.value:
        final.add(AppStatus.STOPPED.value)
    return frozenset(final), frozenset({target})


#: Every enum value the SDK names, by enum: ``saagie doctor`` checks that a live platform still has them.
RELIED_ON: dict[str, frozenset[str]] = {
    "InstanceStatus": JOB_FINAL_STATUSES | frozenset(ALERTING_STATUSES),
    "AppStatus": frozenset(APP_ALERTING_STATUSES) | {AppStatus.UNKNOWN.value},
    "ProjectStatus": PROJECT_FINAL_STATUSES,
    "JobInstanceSelector": frozenset(JOB_INSTANCE_SELECTORS),
    "PipelineInstanceStatusSelector": frozenset(PIPELINE_INSTANCE_SELECTORS),
    "EnvVarScope": frozenset(ENV_VAR_SCOPES),
    "ProjectRole": frozenset(PROJECT_ROLES.values()),
    "ConditionStatusPresetValueInput": frozenset(CONDITION_STATUS_VALUES),
}


def _value(status: Any) -> str:
    return str(getattr(status, "value", status))


def instance_status(instance: JobInstance) -> str:
    """Status of a job instance from ``history.currentStatus`` (the deprecated ``status`` as fallback)."""
    if instance.history is not None and instance.history.current_status is not None:
        return _value(instance.history.current_status.status)
    return _value(instance.status)


def pipeline_status(instance: PipelineInstance) -> str:
    """Status of a pipeline instance, as a string."""
    return _value(instance.status)


def app_status(app: App) -> str:
    """Current status of an app (``history.currentStatus``), ``STOPPED`` when it never ran."""
    if app.history is None:
        return APP_STOPPED
    return _value(app.history.current_status)


def _selector(selector: object, choices: tuple[str, ...], what: str) -> str:
    value = _value(selector).upper()
    if value not in choices:
        raise InvalidInputError(f"invalid {what} selector {selector!r}: choose among {', '.join(choices)}")
    return value


def job_instance_selector(selector: str) -> JobInstanceSelector:
    """The selector of ``jobs.delete_instances_by_selector`` (case-insensitive); InvalidInputError otherwise."""
    return JobInstanceSelector(_selector(selector, JOB_INSTANCE_SELECTORS, "job instance"))


def pipeline_instance_selector(selector: str) -> PipelineInstanceStatusSelector:
    """The selector of ``pipelines.delete_instances_by_selector`` (case-insensitive); InvalidInputError otherwise."""
    return PipelineInstanceStatusSelector(_selector(selector, PIPELINE_INSTANCE_SELECTORS, "pipeline instance"))
