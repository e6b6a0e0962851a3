"""The JSON bodies the platform's REST endpoints take, checked before a handler reads them.

A body of the wrong shape (``{"roles": 5}``, ``{"login": {...}}``, ``{"authorizations": 7}``) is answered
with HTTP 400 naming the field and what it should be, never with a 500 from deep inside a handler. The
shapes are those saagieapi 2.x sends (reference: ``saagieapi-2.13-rest.md`` §11-13); keys not listed are
accepted and ignored, ``null`` stands for an absent key.

    >>> check_body({"login": "ann", "roles": 5}, USER)
    Traceback (most recent call last):
    ...
    saagie_emulator.rest_bodies.BadBody: 'roles' must be a list of strings, not a number
"""

from __future__ import annotations

from typing import Any

from .limits import InvalidJson, loads_json

__all__ = [
    "GROUP",
    "GROUP_PERMISSIONS",
    "PASSWORD_CHANGE",
    "PROFILE",
    "USER",
    "BadBody",
    "Shape",
    "check_body",
    "parse_body",
]

#: ``str``, ``int``, ``bool``, ``float`` or a tuple of them; ``[shape]`` a list; ``{"key": shape}`` an object.
Shape = Any

_PERMISSION = {"artifact": {"type": str, "id": str}, "role": str}
USER: Shape = {"login": str, "password": str, "platforms": list, "roles": [str], "groups": [str]}
PASSWORD_CHANGE: Shape = {"login": str, "oldPassword": str, "newPassword": str}
GROUP: Shape = {"name": str, "users": [str]}
GROUP_PERMISSIONS: Shape = {
    "role": str,
    "authorizations": [{"platformId": int, "platformName": str, "permissions": [_PERMISSION]}],
    "realmAuthorization": {"permissions": [_PERMISSION]},
}
PROFILE: Shape = {"login": str, "job": str, "email": str}


class BadBody(ValueError):
    """A REST body that is not JSON or not of the endpoint's shape (HTTP 400)."""


_NAMES = {str: "a string", int: "a number", float: "a number", bool: "true or false"}


def _describe(shape: Shape) -> str:
    if isinstance(shape, tuple):
        return " or ".join(_describe(item) for item in shape)
    if isinstance(shape, list):
        inner = _describe(shape[0])
        return "a list of " + {"a string": "strings", "a number": "numbers"}.get(inner, f"({inner})")
    if isinstance(shape, dict):
        return "an object"
    return _NAMES.get(shape) or str(shape.__name__)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _matches(value: Any, shape: Shape) -> bool:
    if isinstance(shape, tuple):
        return any(_matches(value, item) for item in shape)
    if shape is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if shape is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(shape, type):
        return isinstance(value, shape)
    if isinstance(shape, list):
        return isinstance(value, list)
    return isinstance(value, dict)


def check_body(value: Any, shape: Shape, where: str = "") -> None:
    """Raise :class:`BadBody` unless ``value`` fits ``shape`` (``null`` fits any field but the body)."""
    if not where and not isinstance(value, dict):
        raise BadBody(f"the body must be a JSON object, not {_kind(value)}")
    if value is None:
        return
    label = f"'{where}'" if where else "the body"
    if not _matches(value, shape):
        raise BadBody(f"{label} must be {_describe(shape)}, not {_kind(value)}")
    if isinstance(shape, list):
        for index, item in enumerate(value):
            if item is None:
                raise BadBody(f"'{where}[{index}]' must be {_describe(shape[0])}, not null")
            check_body(item, shape[0], f"{where}[{index}]")
    elif isinstance(shape, dict):
        for key, inner in shape.items():
            if key in value:
                check_body(value[key], inner, f"{where}.{key}" if where else key)


def parse_body(raw: bytes, shape: Shape, *, max_depth: int) -> dict[str, Any]:
    """The JSON object in ``raw`` (an empty body is ``{}``), checked against ``shape``."""
    if not raw.strip():
        return {}
    try:
        value = loads_json(raw, max_depth=max_depth)
    except InvalidJson as exc:
        raise BadBody(str(exc)) from None
    check_body(value, shape)
    result: dict[str, Any] = value
    return result
