"""The shape of a result: its keys and nesting, recursively, values ignored.

Standard library only: the saagieapi 2.13.1 driver imports this file too (from its own interpreter), so both
sides describe their results with the same code.

    >>> shape({"createJob": {"id": "x", "versions": [{"number": 1}]}})
    {'createJob': {'id': 'str', 'versions': ['list', {'number': 'number'}]}}
"""

from __future__ import annotations

from typing import Any

__all__ = ["compare", "shape"]

EMPTY_LIST = ["list"]


def _merge(left: Any, right: Any) -> Any:
    """The shape of a list element that can be either ``left`` or ``right`` (dict keys are united)."""
    if isinstance(left, dict) and isinstance(right, dict):
        merged = dict(left)
        for key, value in right.items():
            merged[key] = _merge(merged[key], value) if key in merged else value
        return merged
    if left == "null":
        return right
    if right == "null":
        return left
    if isinstance(left, list) and isinstance(right, list):
        if len(left) == 1:
            return right
        if len(right) == 1:
            return left
        return ["list", _merge(left[1], right[1])]
    return left


def shape(value: Any) -> Any:
    """Dicts keep their keys (sorted), lists become ``["list", <merged element shape>]``, tuples
    ``{"<tuple>": {"0": ..., "1": ...}}``, scalars their kind (``str``, ``number``, ``bool``, ``null``), other objects
    ``object:<class name>``."""
    if isinstance(value, dict):
        return {str(key): shape(value[key]) for key in sorted(value, key=str)}
    if isinstance(value, tuple):
        return {"<tuple>": {str(index): shape(item) for index, item in enumerate(value)}}
    if isinstance(value, list):
        if not value:
            return list(EMPTY_LIST)
        element = shape(value[0])
        for item in value[1:]:
            element = _merge(element, shape(item))
        return ["list", element]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "str"
    return f"object:{type(value).__name__}"


def compare(expected: Any, actual: Any, path: str = "$") -> list[str]:
    """Differences between two shapes, one line each (empty when they match).

    ``null`` matches any scalar (a value that is not set yet, such as the end time of a running instance),
    and an empty list matches any list; a ``null`` where the other side has a dict or a list is a difference.
    """
    if expected == actual:
        return []
    if isinstance(expected, dict) and isinstance(actual, dict):
        problems = []
        for key in sorted(set(expected) - set(actual)):
            problems.append(f"{path}.{key}: missing (2.x has it)")
        for key in sorted(set(actual) - set(expected)):
            problems.append(f"{path}.{key}: extra key (2.x does not have it)")
        for key in sorted(set(expected) & set(actual)):
            problems.extend(compare(expected[key], actual[key], f"{path}.{key}"))
        return problems
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) == 1 or len(actual) == 1:
            return []
        return compare(expected[1], actual[1], f"{path}[]")
    scalars = ("str", "number", "bool")
    if (expected == "null" and actual in scalars) or (actual == "null" and expected in scalars):
        return []
    return [f"{path}: 2.x gives {_describe(expected)}, v2 gives {_describe(actual)}"]


def _describe(part: Any) -> str:
    if isinstance(part, dict):
        return "a tuple" if "<tuple>" in part else "a dict"
    if isinstance(part, list):
        return "a list"
    return str(part)
