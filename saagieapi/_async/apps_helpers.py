"""Pure helpers of ``api.apps``: alerting, exposed ports, statuses (2.x's static methods live here).

This file is the single source: ``saagieapi/_sync/apps_helpers.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import InvalidInputError
from ..models import App

__all__ = [
    "APP_STATUSES",
    "EXPOSED_PORT_FIELDS",
    "EXPOSED_PORT_MANDATORY",
    "app_status",
    "check_app_alerting",
    "check_exposed_ports",
    "port_inputs",
]

APP_STATUSES = (
    "STARTING",
    "STARTED",
    "ROLLING_BACK",
    "UPGRADING",
    "RECOVERING",
    "RESTARTING",
    "STOPPING",
    "STOPPED",
    "FAILED",
)
EXPOSED_PORT_FIELDS = ("basePathVariableName", "isRewriteUrl", "scope", "number", "name")
EXPOSED_PORT_MANDATORY = ("isRewriteUrl", "scope", "number")


def check_app_alerting(
    emails: Sequence[str] | None = None, logins: Sequence[str] | None = None, status_list: Sequence[str] | None = None
) -> dict[str, Any]:
    """The ``AppAlertingInput``: a status list and at least one e-mail or login; statuses validated.

    Example::

        check_app_alerting(["ops@acme.io"], None, ["FAILED"])
        # {'statusList': ['FAILED'], 'emails': ['ops@acme.io']}
    """
    for name, value in (("emails", emails), ("logins", logins), ("status_list", status_list)):
        if isinstance(value, str):
            raise InvalidInputError(f"{name} must be a list, not a string")
    statuses = [str(status).upper() for status in status_list or []]
    wrong = [status for status in statuses if status not in APP_STATUSES]
    if wrong:
        raise InvalidInputError(f"invalid app status(es) {wrong}: choose among {', '.join(APP_STATUSES)}")
    addresses = [str(email).strip() for email in emails or [] if str(email).strip()]
    bad = [email for email in addresses if "@" not in email or " " in email]
    if bad:
        raise InvalidInputError(f"invalid e-mail address(es) for alerting: {bad}")
    users = [str(login) for login in logins or [] if str(login)]
    if not statuses or not (addresses or users):
        raise InvalidInputError("alerting needs a status_list and at least one e-mail or login")
    result: dict[str, Any] = {"statusList": statuses}
    if addresses:
        result["emails"] = addresses
    if users:
        result["logins"] = users
    return result


def check_exposed_ports(exposed_ports: Sequence[Mapping[str, Any]] | None) -> bool:
    """True when every port is a dict with ``number``, ``isRewriteUrl`` and ``scope`` and only known keys.

    ``internalUrl`` (returned by the platform) is accepted and ignored; an empty list is valid.

    Example::

        assert check_exposed_ports([{"number": 8080, "isRewriteUrl": True, "scope": "PROJECT"}])
    """
    if exposed_ports is None:
        return True
    if isinstance(exposed_ports, (str, Mapping)):
        return False
    for port in exposed_ports:
        if not isinstance(port, Mapping):
            return False
        keys = set(port) - {"internalUrl"}
        if not set(EXPOSED_PORT_MANDATORY) <= keys or not keys <= set(EXPOSED_PORT_FIELDS):
            return False
    return True


def port_inputs(exposed_ports: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """Exposed ports as ``PortInput`` dicts (``internalUrl`` dropped); InvalidInputError if malformed."""
    if not check_exposed_ports(exposed_ports):
        raise InvalidInputError(
            "exposed_ports must be a list of dicts with 'number', 'isRewriteUrl' and 'scope' "
            f"(optional: 'name', 'basePathVariableName'), not {exposed_ports!r}"
        )
    return [{key: value for key, value in port.items() if key != "internalUrl"} for port in exposed_ports or []]


def app_status(app: App) -> str:
    """Current status of an app (``history.currentStatus``), ``STOPPED`` when it never ran."""
    if app.history is None:
        return "STOPPED"
    return str(getattr(app.history.current_status, "value", app.history.current_status))
