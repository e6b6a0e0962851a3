"""Checks of values shared by several domains: names, aliases, cron expressions, time zones, URLs, sizes."""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter

from . import book as r

__all__ = [
    "NAME_LIMIT",
    "check_alias",
    "check_cron",
    "check_name_length",
    "check_source_url",
    "derived_alias",
    "zone_of",
]

#: Names must be "shorter than 255 characters".
NAME_LIMIT = 255
_ALIAS = re.compile(r"^[A-Za-z0-9_]+$")


def check_name_length(kind: str, name: str) -> None:
    if len(name) >= NAME_LIMIT:
        raise r.NAME_TOO_LONG.error(kind=kind, length=len(name))


def derived_alias(name: str) -> str:
    """The alias the platform derives from a job or pipeline name."""
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


def check_alias(alias: str) -> None:
    if not _ALIAS.match(alias):
        raise r.JOB_ALIAS_INVALID.error(alias=alias)


def check_cron(value: str) -> str:
    text = value.strip()
    if not text:
        raise r.INVALID_CRON.error(value=value, reason="it is empty")
    if not croniter.is_valid(text):
        raise r.INVALID_CRON.error(value=value, reason="expected minute hour day-of-month month day-of-week")
    return value


_OFFSET = re.compile(r"^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$")


def zone_of(value: str | None) -> tzinfo:
    """The time zone a schedule is read in: an IANA name, a fixed offset (``+02:00``, ``UTC+2``, ``GMT-05:30``)
    or, for a name the emulator cannot read, UTC (the value is accepted: see ``UNKNOWN_TIMEZONE_ALLOWED``)."""
    text = (value or "").strip()
    if not text or text.upper() in ("Z", "UTC", "GMT", "UT"):
        return timezone.utc
    match = _OFFSET.match(text.upper())
    if match is not None:
        sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta <= timedelta(hours=18):
            return timezone(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.utc


def check_source_url(value: str | None) -> None:
    if value is None or value == "":
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise r.SOURCE_URL_NOT_HTTP.error(value=value)
