"""Presentation: Rich tables for people, JSON for scripts, one-line errors with a hint and an exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "EXIT_AUTH",
    "EXIT_FAILED",
    "EXIT_NETWORK",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_USAGE",
    "classify",
    "emit",
    "jsonable",
    "note",
    "report_error",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_NOT_FOUND = 4
EXIT_NETWORK = 5

Column = tuple[str, Any]  # (header, attribute path "a.b" or a function of the item)


def jsonable(data: Any) -> Any:
    """Models as ``model_dump(mode="json")`` (snake_case keys), lists and dicts recursively."""
    import dataclasses
    from pathlib import PurePath

    from pydantic import BaseModel

    if isinstance(data, BaseModel):
        return data.model_dump(mode="json")
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return {item.name: jsonable(getattr(data, item.name)) for item in dataclasses.fields(data)}
    if isinstance(data, PurePath):
        return str(data)
    if isinstance(data, dict):
        return {str(key): jsonable(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [jsonable(item) for item in data]
    return data


def _get(item: Any, path: str | Callable[[Any], Any]) -> Any:
    if callable(path):
        return path(item)
    value = item
    for part in path.split("."):
        if value is None:
            return None
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
    return value


def _cell(value: Any) -> str:
    from enum import Enum

    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        if all(isinstance(item, (str, int, float)) or item is None for item in value):
            return ", ".join(_cell(item) for item in value)
        return f"{len(value)} item(s)"
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return str(value.isoformat(timespec="seconds"))
    return str(value)


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def emit(
    state: Any,
    data: Any,
    *,
    columns: Sequence[Column] | None = None,
    title: str | None = None,
    message: str | None = None,
) -> None:
    """Print a result: JSON with ``--json``; otherwise a table (lists), a field table (one entity) or a message."""
    if state.json:
        sys.stdout.write(json.dumps(jsonable(data), indent=2, ensure_ascii=False, sort_keys=False) + "\n")
        return
    from rich.table import Table

    console = _console()
    if message is not None:
        console.print(message)
        return
    if isinstance(data, (list, tuple)):
        table = Table(title=title, title_justify="left")
        cols = columns or [("Value", lambda item: item)]
        for header, _ in cols:
            table.add_column(header, overflow="fold")
        for item in data:
            table.add_row(*(_cell(_get(item, path)) for _, path in cols))
        console.print(table)
        if not data:
            console.print("(none)")
        return
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    fields = jsonable(data)
    if isinstance(fields, dict):
        for key, value in fields.items():
            table.add_row(key, _cell(value))
    else:
        table.add_row("value", _cell(fields))
    console.print(table)


def note(state: Any, text: str) -> None:
    """A progress line for people on stderr (silent with ``--json``)."""
    if not state.json:
        _console(stderr=True).print(text)


def classify(exc: BaseException) -> tuple[int, str, str]:
    """``(exit code, message, hint)`` of an error."""
    from saagieapi import errors

    message = str(exc) or type(exc).__name__
    if isinstance(exc, errors.RunFailedError):
        return EXIT_FAILED, message, f"the instance {exc.instance_id} ended {exc.status}; look at its logs on Saagie"
    if isinstance(exc, errors.WaitTimeoutError):
        return EXIT_FAILED, message, "raise --timeout, or run without --wait and check later"
    if isinstance(exc, errors.AuthenticationError):
        return EXIT_AUTH, message, "check the user, password and realm (`saagie config show`)"
    if isinstance(exc, errors.PermissionDeniedError):
        return EXIT_AUTH, message, "this user lacks the right for this call; ask a platform administrator"
    if isinstance(exc, errors.NotFoundError):
        return EXIT_NOT_FOUND, message, "check the name or id (the `list` command of the group shows them)"
    if isinstance(exc, errors.AmbiguousNameError):
        return EXIT_USAGE, message, "pass the id instead of the name"
    if isinstance(exc, (errors.ConfigurationError, errors.InvalidInputError)):
        return EXIT_USAGE, message, "see `saagie --help` and the command's --help"
    if isinstance(exc, (errors.SaagieConnectionError, errors.ServerError, errors.RateLimitError)):
        return EXIT_NETWORK, message, "check the URL, the network or proxy, and TLS (--ca-bundle); then retry"
    if isinstance(exc, errors.GraphQLError):
        return EXIT_FAILED, message, "the platform refused the request; `saagie doctor` checks the SDK against it"
    if isinstance(exc, errors.SaagieError):
        return EXIT_FAILED, message, "run again with --debug for details"
    if isinstance(exc, OSError):
        return EXIT_FAILED, message, "check the path and its permissions"
    return EXIT_FAILED, f"unexpected {type(exc).__name__}: {message}", "run again with --debug for the traceback"


def report_error(exc: BaseException, *, as_json: bool) -> int:
    """Print an error on stderr (one line and a hint, or a JSON object) and return its exit code."""
    code, message, hint = classify(exc)
    message = " ".join(message.split())
    if as_json:
        payload = {"error": {"type": type(exc).__name__, "message": message, "hint": hint, "exit_code": code}}
        sys.stderr.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        from rich.markup import escape

        console = _console(stderr=True)
        console.print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True)
        console.print(f"[dim]Hint: {escape(hint)}[/]", soft_wrap=True)
    return code
