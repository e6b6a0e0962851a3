"""Checks done before anything is sent: alerting, scheduling, technologies.

These are the pure helpers that 2.x exposed as static methods of ``SaagieApi``; both clients expose them
under the same names. They raise :class:`~saagieapi.errors.InvalidInputError` (a ``ValueError``).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from .._generated.projects.enums import InstanceStatus
from ..errors import InvalidInputError, NotFoundError
from .statuses import ALERTING_STATUSES

if TYPE_CHECKING:
    from .inputs import JobPipelineAlertingInputFields

__all__ = [
    "ALERTING_STATUSES",
    "LabelledTechnology",
    "alerting_fields",
    "check_alerting",
    "check_scheduling",
    "check_technology_configured",
    "check_technology_valid",
    "checked_schedule",
    "checked_timezone",
]


class LabelledTechnology(Protocol):
    """What ``check_technology_valid`` reads of a catalog technology (any model of ``CatalogTechnology``)."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...


def alerting_fields(emails: Sequence[str] | None, status_list: Sequence[str] | None) -> JobPipelineAlertingInputFields:
    """The typed ``alerting`` input of a job or pipeline: e-mails and statuses (default FAILED), all checked."""
    if isinstance(emails, str) or isinstance(status_list, str):
        raise InvalidInputError("emails and status_list must be lists, not strings")
    statuses = [str(status).upper() for status in (status_list or [InstanceStatus.FAILED.value])]
    wrong = [status for status in statuses if status not in ALERTING_STATUSES]
    if wrong:
        raise InvalidInputError(f"invalid alerting status(es) {wrong}: choose among {', '.join(ALERTING_STATUSES)}")
    addresses = [str(email).strip() for email in (emails or [])]
    bad = [email for email in addresses if "@" not in email or " " in email]
    if bad:
        raise InvalidInputError(f"invalid e-mail address(es) for alerting: {bad}")
    return {"emails": addresses, "statusList": [InstanceStatus(status) for status in statuses]}


def check_alerting(emails: Sequence[str] | None, status_list: Sequence[str] | None) -> dict[str, Any]:
    """Build the ``alerting`` input: e-mails and statuses (default ``["FAILED"]``), statuses validated.

    Example::

        check_alerting(["ops@acme.io"], ["FAILED", "KILLED"])
        # {'alerting': {'emails': ['ops@acme.io'], 'statusList': ['FAILED', 'KILLED']}}
    """
    fields = alerting_fields(emails, status_list)
    return {"alerting": {"emails": fields.get("emails"), "statusList": [s.value for s in fields["statusList"]]}}


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def checked_schedule(cron_scheduling: str, schedule_timezone: str) -> tuple[str, str]:
    """``(cron, timezone)`` once both are checked: a cron expression of five fields and an IANA timezone."""
    from croniter import croniter

    if not isinstance(cron_scheduling, str) or not cron_scheduling.strip():
        raise InvalidInputError("cron_scheduling is empty: give a cron expression such as '0 0 * * *'")
    if not croniter.is_valid(cron_scheduling.strip()):
        raise InvalidInputError(
            f"{cron_scheduling!r} is not a valid cron expression (five fields: minute hour day month weekday)"
        )
    return cron_scheduling.strip(), checked_timezone(schedule_timezone)


def checked_timezone(schedule_timezone: str) -> str:
    """An IANA timezone name, checked."""
    if not isinstance(schedule_timezone, str) or schedule_timezone not in _timezones():
        raise InvalidInputError(
            f"{schedule_timezone!r} is not a known timezone: use an IANA name such as 'UTC' or 'Europe/Paris'"
        )
    return schedule_timezone


def check_scheduling(cron_scheduling: str, schedule_timezone: str) -> dict[str, Any]:
    """Validate a cron expression and an IANA timezone; return the scheduling input.

    Example::

        check_scheduling("0 0 * * *", "Europe/Paris")
        # {'isScheduled': True, 'cronScheduling': '0 0 * * *', 'scheduleTimezone': 'Europe/Paris'}
    """
    cron, timezone = checked_schedule(cron_scheduling, schedule_timezone)
    return {"isScheduled": True, "cronScheduling": cron, "scheduleTimezone": timezone}


def check_technology_valid(
    technologies: Sequence[str], all_technologies_in_catalog: Iterable[LabelledTechnology], technology_catalog: str
) -> list[str]:
    """Map technology labels (case-insensitive) to catalog ids; every label must match exactly one technology.

    Example::

        ids = check_technology_valid(["python"], api.get_available_technologies("Saagie"), "Saagie")
    """
    catalog = list(all_technologies_in_catalog)
    if not catalog:
        raise NotFoundError("catalog", technology_catalog, hint="it does not exist or holds no available technology")
    ids: list[str] = []
    for label in technologies:
        matches = [tech.id for tech in catalog if tech.label.lower() == str(label).lower()]
        if not matches:
            choices = ", ".join(sorted({tech.label for tech in catalog}))
            raise NotFoundError(
                "technology",
                str(label),
                scope=f"catalog {technology_catalog!r}",
                hint=f"available: {choices}",
            )
        if len(matches) > 1:
            from ..errors import AmbiguousNameError

            raise AmbiguousNameError("technology", str(label), matches, scope=f"catalog {technology_catalog!r}")
        ids.append(matches[0])
    return ids


def check_technology_configured(
    params: dict[str, Any],
    technology: str,
    technology_id: str,
    technologies_configured_for_project: Iterable[str],
) -> dict[str, Any]:
    """Check that a technology is allowed in the project; return ``params`` with ``technologyId`` set.

    Example::

        params = check_technology_configured({}, "python", tech_id, [tech_id])
    """
    allowed = list(technologies_configured_for_project)
    if technology_id not in allowed:
        raise InvalidInputError(
            f"technology {technology!r} ({technology_id}) is not enabled in the target project; "
            "enable it in the project's settings or choose another technology"
        )
    return {**params, "technologyId": technology_id}
