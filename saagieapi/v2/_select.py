"""The 2.x result shapes, written as selections, and the projection of typed results onto them.

A selection lists the keys 2.x returned, with the nested keys in braces: ``"id name versions{number}"``.
A key without braces is kept as the typed layer dumps it; ``__typename=Job`` adds a constant key (2.x asked the
platform for type names that the typed layer knows statically); ``?failure`` is kept only when the value has it
(the fields of one member of a GraphQL union). Typed results are dumped with
``model_dump(by_alias=True, mode="json")`` (the platform's camelCase names), then projected.

Example::

    >>> project({"id": "1", "name": "n", "extra": 2}, selection("id name"))
    {'id': '1', 'name': 'n'}
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any, Union

__all__ = ["Selection", "dump", "project", "selection"]

#: Raise on a key that the typed result lacks instead of filling ``None`` (the shape tests turn it on, so a
#: key 2.x returned that the typed layer does not fetch is a failure, not a silent ``None``).
STRICT = False

#: key -> nested selection (``None``: keep as dumped; a ``str``: a constant value).
Selection = dict[str, Union["Selection", str, None]]

_TOKEN = re.compile(
    r"\s*(?:(?P<name>\??[A-Za-z_][A-Za-z0-9_]*)(?:=(?P<constant>[A-Za-z_][A-Za-z0-9_]*))?|(?P<brace>[{}]))"
)


@functools.cache
def selection(text: str) -> Selection:
    """Parse ``"id name versions{number isCurrent}"`` into a :data:`Selection` (cached)."""
    stack: list[Selection] = [{}]
    last: str | None = None
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(f"bad selection at {position}: {text[position : position + 20]!r}")
        position = match.end()
        if match["name"]:
            last = match["name"]
            stack[-1][last] = match["constant"]
        elif match["brace"] == "{":
            if last is None:
                raise ValueError(f"'{{' without a key in {text!r}")
            nested: Selection = {}
            stack[-1][last] = nested
            stack.append(nested)
            last = None
        else:
            stack.pop()
            if not stack:
                raise ValueError(f"unbalanced '}}' in {text!r}")
            last = None
    if len(stack) != 1:
        raise ValueError(f"unbalanced '{{' in {text!r}")
    return stack[0]


def dump(value: Any) -> Any:
    """A typed result as the platform's JSON (camelCase keys, ISO dates); lists and dicts recursively."""
    if hasattr(value, "model_dump"):
        return value.model_dump(by_alias=True, mode="json")
    if isinstance(value, Mapping):
        return {key: dump(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [dump(item) for item in value]
    return value


def project(value: Any, spec: Selection | None) -> Any:
    """Keep the keys of ``spec`` (recursively through lists); a key the value lacks becomes ``None``."""
    if spec is None or value is None:
        return value
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [project(item, spec) for item in value]
    if not isinstance(value, Mapping):
        return value
    result: dict[str, Any] = {}
    for name, nested in spec.items():
        key = name.removeprefix("?")
        if key != name and key not in value:
            continue
        if isinstance(nested, str):
            result[key] = nested
        elif key in value:
            result[key] = project(value[key], nested)
        elif STRICT:
            raise KeyError(f"the typed result has no {key!r} (keys: {sorted(value)})")
        else:
            result[key] = None
    return result
