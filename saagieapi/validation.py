"""Checks done before anything is sent: alerting, scheduling, technologies (the 2.x static methods).

The public face of :mod:`saagieapi._core.validation`; both clients also expose these under the same names.
They raise :class:`~saagieapi.errors.InvalidInputError` (a ``ValueError``).
"""

from __future__ import annotations

from ._core.validation import (
    ALERTING_STATUSES,
    LabelledTechnology,
    check_alerting,
    check_scheduling,
    check_technology_configured,
    check_technology_valid,
)

__all__ = [
    "ALERTING_STATUSES",
    "LabelledTechnology",
    "check_alerting",
    "check_scheduling",
    "check_technology_configured",
    "check_technology_valid",
]
