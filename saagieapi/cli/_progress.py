"""Following long operations: run/wait status lines, export and import progress bars (stderr only)."""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saagieapi import SaagieApi

    from ._state import State

__all__ = ["exporting", "following", "importing"]


@contextlib.contextmanager
def following(state: State, what: str, status_of: Callable[[Any], str]) -> Iterator[Callable[[Any], None]]:
    """A callback for the SDK's waiters that shows each new status on stderr (a spinner on a terminal)."""
    if state.json:
        yield lambda _item: None
        return
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    seen: list[str] = []
    with console.status(f"{what}: starting") as status:

        def callback(item: Any) -> None:
            current = status_of(item)
            status.update(f"{what}: {current}")
            if not seen or seen[-1] != current:
                seen.append(current)
                console.print(f"{what}: {current}")

        yield callback


def _progress_parameter(method: Callable[..., Any]) -> str | None:
    names = inspect.signature(method).parameters
    return next((name for name in ("progress", "on_progress", "callback") if name in names), None)


@contextlib.contextmanager
def _bar(state: State, description: str) -> Iterator[Callable[..., None]]:
    """A Rich progress bar fed by ``callback(done, total, label)`` (any of them optional)."""
    if state.json:
        yield lambda *args, **kwargs: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True)
    ) as bar:
        task = bar.add_task(description, total=None)

        def callback(*args: Any, **kwargs: Any) -> None:
            values = list(args)
            done = kwargs.get("done", values[0] if values else None)
            total = kwargs.get("total", values[1] if len(values) > 1 else None)
            label = kwargs.get("label", values[2] if len(values) > 2 else None)
            if isinstance(done, int):
                bar.update(task, completed=done, total=total if isinstance(total, int) else None)
            else:
                bar.advance(task)
            if label:
                bar.update(task, description=f"{description}: {label}")

        yield callback


def _unavailable(what: str) -> Exception:
    from saagieapi.errors import SaagieError

    return SaagieError(f"this saagieapi has no {what} yet")


def exporting(state: State, api: SaagieApi, project: str, out: Path, **options: Any) -> None:
    from ._output import emit
    from ._resolve import project_id

    export = getattr(api.projects, "export", None)
    if export is None:
        raise _unavailable("api.projects.export")
    pid = project_id(api, project)
    parameter = _progress_parameter(export)
    accepted = inspect.signature(export).parameters
    options = {key: value for key, value in options.items() if key in accepted}
    with _bar(state, f"exporting {project}") as callback:
        if parameter:
            options[parameter] = callback
        result = export(pid, str(out), **options)
    emit(state, {"project_id": pid, "folder": str(out), "result": result}, message=f"Exported {project} to {out}")


def importing(state: State, api: SaagieApi, path: Path, name: str | None) -> None:
    from ._output import emit

    importer = getattr(api.projects, "import_from_json", None)
    if importer is None:
        raise _unavailable("api.projects.import_from_json")
    parameter = _progress_parameter(importer)
    accepted = inspect.signature(importer).parameters
    options: dict[str, Any] = {}
    if name is not None:
        key = next((key for key in ("project_name", "name") if key in accepted), None)
        if key is None:
            from saagieapi.errors import InvalidInputError

            raise InvalidInputError("this saagieapi cannot rename a project on import: leave out --name")
        options[key] = name
    with _bar(state, f"importing {path.name}") as callback:
        if parameter:
            options[parameter] = callback
        result = importer(str(path), **options)
    emit(state, result, message=f"Imported {path}")
