"""Pipeline condition expressions: CEL (the platform's language), evaluated with cel-python.

Variables are visible both as top-level identifiers (``MY_VAR == "x"``) and through the ``vars`` map
(``vars.MY_VAR``, ``vars["MY-VAR"]``); every value is a string, as environment variables are.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping
from typing import Any

import celpy
from celpy import celtypes
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError

__all__ = ["ConditionError", "evaluate_condition"]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_environment = celpy.Environment()


class ConditionError(Exception):
    """The expression does not parse, does not evaluate, or does not give a boolean.

    Never sent to clients as such: a condition node that cannot be evaluated fails at run time, and
    ``evaluateConditionExpression`` (a nullable ``Boolean``) answers null.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _reason(error: Exception) -> str:
    text = str(error.args[0]) if error.args else str(error)
    return text.split(" (in activation")[0]


def evaluate_condition(expression: str, variables: Mapping[str, str | None]) -> bool:
    """Evaluate a CEL condition; raise :class:`ConditionError` unless it yields a boolean."""
    try:
        ast = _environment.compile(expression)
    except CELParseError as exc:
        raise ConditionError(f"Invalid condition expression '{expression}': {exc}") from exc
    activation: dict[str, Any] = {}
    as_map = celtypes.MapType({celtypes.StringType(k): celtypes.StringType(v or "") for k, v in variables.items()})
    for key, value in variables.items():
        if _IDENTIFIER.match(key) and not keyword.iskeyword(key) and key != "vars":
            activation[key] = celtypes.StringType(value or "")
    activation["vars"] = as_map
    try:
        result = _environment.program(ast).evaluate(activation)
    except CELEvalError as exc:
        raise ConditionError(f"Condition expression '{expression}' cannot be evaluated: {_reason(exc)}") from exc
    if isinstance(result, CELEvalError):
        raise ConditionError(f"Condition expression '{expression}' cannot be evaluated: {_reason(result)}")
    if not isinstance(result, celtypes.BoolType | bool):
        raise ConditionError(f"Condition expression '{expression}' does not evaluate to a boolean")
    return bool(result)
