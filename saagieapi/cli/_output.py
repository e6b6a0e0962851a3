"""Presentation: Rich tables for people, JSON for scripts, one-line errors with a hint and an exit code."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .._core.logs import printable

__all__ = [
    "EXIT_AUTH",
    "EXIT_FAILED",
    "EXIT_NETWORK",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_USAGE",
    "LISTING_COMMANDS",
    "classify",
    "emit",
    "header",
    "jsonable",
    "note",
    "report_error",
    "shown",
    "table",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_NOT_FOUND = 4
EXIT_NETWORK = 5

T = TypeVar("T")


def jsonable(data: Any) -> Any:
    """Models as ``model_dump(mode="json")`` (snake_case keys), lists and dicts recursively."""
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


def header(name: str) -> str:
    """Column header of a row field: ``id`` -> ``ID``, ``last_run`` -> ``Last run``."""
    return "ID" if name == "id" else name.replace("_", " ").capitalize()


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


def _console(stderr: bool = False, *, markup: bool = False) -> Any:
    """A Rich console that shows text as text: names, descriptions and messages come from the platform or from
    files, and Rich markup in them (``[/]``, ``[link=...]``) would be interpreted, or fail to parse. Only our own
    fixed labels use markup (``markup=True``, with every interpolated text escaped)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False, markup=markup)


def emit(
    state: Any,
    data: Any,
    *,
    row: Callable[[Any], Any] | None = None,
    title: str | None = None,
    message: str | None = None,
) -> None:
    """Print a result: JSON with ``--json``; otherwise a message, a table (lists) or a field table (one entity).

    A list is shown one ``row(item)`` per line: ``row`` builds a dataclass whose fields are the columns (see
    :func:`table`). JSON always shows the entities themselves.
    """
    if state.json:
        sys.stdout.write(json.dumps(jsonable(data), indent=2, ensure_ascii=False, sort_keys=False) + "\n")
        return
    from rich.table import Table

    console = _console()
    if message is not None:
        console.print(shown(message), soft_wrap=True)  # one line: a path or an id is read by scripts
        return
    if isinstance(data, (list, tuple)):
        table(data, row, title=title)
        return
    fields = Table(title=_text(title), title_justify="left", show_header=False)
    fields.add_column("field", style="bold")
    fields.add_column("value", overflow="fold")
    values = jsonable(data)
    if isinstance(values, dict):
        for key, value in values.items():
            fields.add_row(_text(key), _text(_cell(value)))
    else:
        fields.add_row("value", _text(_cell(values)))
    console.print(fields)


def table(items: Sequence[T], row: Callable[[T], Any] | None, *, title: str | None = None) -> None:
    """A Rich table: one line per item, the columns being the fields of the dataclass ``row(item)``."""
    console = _console()
    if not items:
        console.print(f"{title}: (none)" if title else "(none)")
        return
    from rich.table import Table

    rows = [row(item) if row is not None else _Value(item) for item in items]
    names = [field.name for field in dataclasses.fields(rows[0])]
    shown = Table(title=_text(title), title_justify="left")
    for name in names:
        shown.add_column(header(name), overflow="fold")
    for line in rows:
        shown.add_row(*(_text(_cell(getattr(line, name))) for name in names))
    console.print(shown)


def _text(value: str | None) -> Any:
    """``value`` as a Rich ``Text``: a table cell or title is never read as markup."""
    if value is None:
        return None
    from rich.text import Text

    return Text(printable(value))


def shown(text: str) -> str:
    """Text that may hold names or messages from the platform or from files, safe on a terminal: control
    characters (escape sequences that would set the title, clear the screen, recolour) written as ``\\x1b``;
    the line breaks between the lines of our own messages kept."""
    return "\n".join(printable(line) for line in text.split("\n"))


@dataclasses.dataclass(frozen=True)
class _Value:
    value: Any


def note(state: Any, text: str) -> None:
    """A progress line for people on stderr (silent with ``--json``)."""
    if not state.json:
        _console(stderr=True).print(shown(text))


#: The command that lists the entities of a kind (``NotFoundError.kind``), named in the not-found hint.
LISTING_COMMANDS = {
    "project": "saagie projects list",
    "job": "saagie jobs list --project PROJECT",
    "job instance": "saagie jobs get JOB --project PROJECT",
    "app": "saagie apps list --project PROJECT",
    "app context": "saagie technologies list --kind app",
    "pipeline": "saagie pipelines list --project PROJECT",
    "pipeline instance": "saagie pipelines get PIPELINE --project PROJECT",
    "environment variable": "saagie env-vars list",
    "docker credentials": "saagie docker-credentials list --project PROJECT",
    "storage": "saagie storages list --project PROJECT",
    "repository": "saagie repositories list",
    "catalog": "saagie repositories list",
    "technology": "saagie technologies list",
    "runtime": "saagie technologies list",
    "user": "saagie users list",
    "group": "saagie groups list",
    "profile": "saagie profiles list",
}


def _not_found_hint(kind: str) -> str:
    command = LISTING_COMMANDS.get(kind)
    if command is None:
        return "Check the name or id."
    return f"Check the name or id: `{command}` shows them."


def classify(exc: BaseException) -> tuple[int, str, str]:
    """``(exit code, message, hint)`` of an error."""
    from saagieapi import errors

    message = str(exc) or type(exc).__name__
    if isinstance(exc, errors.RunFailedError):
        # The log tail the message ends with is printed line by line by report_error.
        headline = message.split("; last ", 1)[0] if exc.log_tail else message
        if headline.startswith("job instance"):
            return EXIT_FAILED, headline, f"`saagie jobs logs {exc.instance_id}` shows its whole log."
        return EXIT_FAILED, headline, f"The instance {exc.instance_id} ended {exc.status}; look at its logs on Saagie."
    if isinstance(exc, errors.WaitTimeoutError):
        return EXIT_FAILED, message, "Raise --timeout, or run without --wait and check later."
    if isinstance(exc, errors.AuthenticationError):
        return EXIT_AUTH, message, "Check the user, password and realm (`saagie config show`)."
    if isinstance(exc, errors.PermissionDeniedError):
        return EXIT_AUTH, message, "This user lacks the right for this call; ask a platform administrator."
    if isinstance(exc, errors.NotFoundError):
        return EXIT_NOT_FOUND, message, _not_found_hint(exc.kind)
    if isinstance(exc, errors.AmbiguousNameError):
        return EXIT_USAGE, message, "Pass the id instead of the name."
    if isinstance(exc, errors.InvalidURLError):
        return (
            EXIT_USAGE,
            message,
            "Give the platform URL as https://<realm>-workspace.<domain>/projects/platform/<id>/, "
            "with --realm NAME (or SAAGIE_REALM) when the host does not carry the realm.",
        )
    if isinstance(exc, (errors.ConfigurationError, errors.InvalidInputError)):
        return EXIT_USAGE, message, "See `saagie --help` and the command's --help."
    if isinstance(exc, (errors.SaagieConnectionError, errors.ServerError, errors.RateLimitError)):
        return EXIT_NETWORK, message, "Check the URL, the network or proxy, and TLS (--ca-bundle); then retry."
    if isinstance(exc, errors.GraphQLError):
        return EXIT_FAILED, message, "The platform refused the request; `saagie doctor` checks the SDK against it."
    if isinstance(exc, errors.SaagieError):
        return EXIT_FAILED, message, "Run again with --debug for details."
    if isinstance(exc, OSError):
        return EXIT_FAILED, message, "Check the path and its permissions."
    return EXIT_FAILED, f"Unexpected {type(exc).__name__}: {message}", "Run again with --debug for the traceback."


def report_error(exc: BaseException, *, as_json: bool) -> int:
    """Print an error on stderr (one line and a hint, or a JSON object) and return its exit code."""
    code, message, hint = classify(exc)
    message = " ".join(message.split())
    if not as_json:  # JSON escapes control characters itself
        message, hint = printable(message), printable(hint)
    tail = [str(line) for line in getattr(exc, "log_tail", None) or []]  # a failed run: its last log lines
    if as_json:
        payload: dict[str, Any] = {"type": type(exc).__name__, "message": message, "hint": hint, "exit_code": code}
        if tail:
            payload["log_tail"] = tail
        sys.stderr.write(json.dumps({"error": payload}, ensure_ascii=False) + "\n")
    else:
        from rich.markup import escape

        console = _console(stderr=True, markup=True)
        console.print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True)
        if tail:
            sys.stderr.write(f"Last {len(tail)} log line(s):\n" + "".join(f"  | {line}\n" for line in tail))
            sys.stderr.flush()
        console.print(f"[dim]Hint: {escape(hint)}[/]", soft_wrap=True)
    return code
