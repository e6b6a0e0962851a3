"""The platform's custom GraphQL scalars: how they are written to and read from the wire."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from ariadne import ScalarType

from .rules import book as r
from .rules.checks import check_cron

__all__ = ["format_datetime", "normalize_data_size", "parse_datetime", "scalars_for", "size_in_bytes"]

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGTP]?i?B)?\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "K": 1000, "M": 1000**2, "G": 1000**3, "T": 1000**4, "P": 1000**5}


def format_datetime(value: Any) -> str:
    """ISO 8601 in UTC with milliseconds and a ``Z``, as the platform writes dates."""
    if isinstance(value, int | float):
        value = datetime.fromtimestamp(value, timezone.utc)
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return str(value)


def parse_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise r.INVALID_DATETIME.error(value=value) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def normalize_data_size(value: Any) -> str:
    """``"1 GB"`` → ``"1.0 GB"``: the platform renders sizes with one decimal; ``"1024"`` → ``"1024.0 B"``
    ("If no unit is specified, The default unit is Byte")."""
    match = _SIZE.match(str(value))
    if match is None:
        raise r.INVALID_DATA_SIZE.error(value=value)
    number, unit = match.groups()
    return f"{float(number)} {(unit or 'B').upper().replace('IB', 'iB')}"


def size_in_bytes(size: str) -> float:
    """Bytes of a normalised size (``"1.0 GB"``; KB, MB... are powers of 1000, KiB, MiB... of 1024)."""
    number, unit = size.split(" ", 1)
    binary = "i" in unit
    prefix = unit.upper().replace("IB", "").replace("B", "")
    factor = 1024 ** " KMGTP".index(prefix or " ") if binary else _FACTORS[prefix]
    return float(number) * factor


def _identity(value: Any) -> Any:
    return value


def _string(value: Any) -> str:
    return str(value)


def _cron(value: Any) -> str:
    return check_cron(str(value))


def _long(value: Any) -> int:
    return int(value)


def scalars_for(names: set[str]) -> list[ScalarType]:
    """Bindings for the custom scalars declared in a schema (``names``)."""
    known: dict[str, ScalarType] = {
        "UUID": ScalarType("UUID", serializer=_string, value_parser=_string),
        "DateTime": ScalarType("DateTime", serializer=format_datetime, value_parser=parse_datetime),
        "Instant": ScalarType("Instant", serializer=format_datetime, value_parser=parse_datetime),
        "Long": ScalarType("Long", serializer=_long, value_parser=_long),
        "DataSize": ScalarType("DataSize", serializer=normalize_data_size, value_parser=normalize_data_size),
        "Cron": ScalarType("Cron", serializer=_string, value_parser=_cron),
        "TimeZone": ScalarType("TimeZone", serializer=_string, value_parser=_string),
        "Email": ScalarType("Email", serializer=_string, value_parser=_string),
        "URL": ScalarType("URL", serializer=_string, value_parser=_string),
        "Upload": ScalarType("Upload", serializer=_identity, value_parser=_identity),
    }
    return [scalar for name, scalar in known.items() if name in names]
