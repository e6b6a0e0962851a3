"""Helpers shared by the resolvers."""

from __future__ import annotations

from typing import Any, TypeVar

from ..model import Timeline
from ..scalars import format_datetime

__all__ = ["alerting_out", "count_of", "history_of", "logs_page", "page", "present"]

T = TypeVar("T")


def page(items: list[T], limit: int | None = None, skip: int | None = None) -> list[T]:
    start = max(skip or 0, 0)
    return items[start:] if limit is None or limit < 0 else items[start : start + limit]


def alerting_out(alerting: dict[str, Any] | None) -> dict[str, Any] | None:
    """Stored alerting as the platform returns it (``loginEmails`` resolved from ``logins``)."""
    if alerting is None:
        return None
    logins = alerting.get("logins") or []
    return {
        "emails": list(alerting.get("emails") or []),
        "status_list": list(alerting.get("status_list") or []),
        "login_emails": [{"login": login, "email": f"{login}@example.com"} for login in logins],
    }


def history_of(timeline: Timeline, now: float) -> dict[str, Any]:
    """``InstanceHistory``: the statuses reached so far and the current one."""
    statuses = [
        {"status": status, "details": None, "reason": None, "record_at": format_datetime(at)}
        for at, status in timeline.passed(now)
    ]
    return {"statuses": statuses, "current_status": statuses[-1]}


def present(values: dict[str, Any], key: str) -> bool:
    """True when an input field was sent (explicit null included)."""
    return key in values


def logs_page(lines: list[dict[str, Any]] | None, limit: int | None, skip: int | None) -> dict[str, Any] | None:
    """``Logs``: the lines of a page and the count of all of them; None when the instance is absent or hidden."""
    if lines is None:
        return None
    return {"count": len(lines), "content": page(lines, limit, skip)}


def count_of(lines: list[Any] | None) -> int | None:
    return None if lines is None else len(lines)
