"""Following long operations: run/wait status lines, export and import progress bars (stderr only)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from saagieapi import SaagieApi

    from ._state import State

__all__ = ["exporting", "following", "importing", "start"]

T = TypeVar("T")


@contextlib.contextmanager
def following(state: State, what: str, status_of: Callable[[Any], str]) -> Iterator[Callable[[Any], None]]:
    """A callback for the SDK's waiters that shows each new status on stderr (a spinner on a terminal)."""
    if state.json:
        yield lambda _item: None
        return
    from rich.console import Console

    from .._core.logs import printable

    console = Console(stderr=True, highlight=False, markup=False)  # names are text, not Rich markup
    what = printable(what)  # nor escape sequences
    seen: list[str] = []
    with console.status(f"{what}: starting") as status:

        def callback(item: Any) -> None:
            current = printable(status_of(item))
            status.update(f"{what}: {current}")
            if not seen or seen[-1] != current:
                seen.append(current)
                console.print(f"{what}: {current}")

        yield callback


def start(
    state: State,
    what: str,
    status_of: Callable[[T], str],
    *,
    wait: bool,
    begin: Callable[[], T],
    until_final: Callable[[Callable[[T], None]], T],
    summary: Callable[[T], str],
) -> None:
    """Run/start/stop something and print the result; with ``wait``, follow its statuses to the final one.

    ``begin()`` starts it and returns at once; ``until_final(callback)`` is the SDK's waiter, which raises
    ``RunFailedError`` / ``WaitTimeoutError`` (exit code 1) when it does not end well. People read
    ``summary(result)``; ``--json`` prints the result itself.
    """
    from ._output import emit

    if not wait:
        result = begin()
    else:
        with following(state, what, status_of) as callback:
            result = until_final(callback)
    emit(state, result, message=summary(result))


@contextlib.contextmanager
def _bar(state: State, description: str) -> Iterator[Callable[[Any], None]]:
    """A Rich progress line fed by the SDK's ``progress(event)`` callback (one event per entity handled)."""
    if state.json:
        yield lambda _event: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    counts = {"done": 0, "skipped": 0, "failed": 0}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),  # entity names are text, not Rich markup
        console=Console(stderr=True, markup=False),
    ) as bar:
        task = bar.add_task(description, total=None)

        def callback(event: Any) -> None:
            outcome = str(getattr(event, "outcome", "done"))
            counts[outcome] = counts.get(outcome, 0) + 1
            item = getattr(event, "item", None)
            label = f"{getattr(item, 'kind', '')} {getattr(item, 'name', '')}".strip()
            summary = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
            bar.update(task, description=f"{description}: {summary} (last: {label} {outcome})")

        yield callback


def _finish(state: State, verb: str, result: Any) -> None:
    """Print what an export/import did; failures make the command exit 1 (after showing everything)."""
    import typer

    from ._output import EXIT_FAILED, emit

    failed = list(getattr(result, "failed", []))
    done, skipped = list(getattr(result, "done", [])), list(getattr(result, "skipped", []))
    lines = [f"{verb} {len(done)} item(s) into {getattr(result, 'folder', '')}"]
    lines += [f"  skipped {item.kind} {item.name}: {item.reason}" for item in skipped]
    lines += [f"  FAILED {item.kind} {item.name}: {item.reason}" for item in failed]
    emit(state, result, message="\n".join(lines))
    if failed:
        raise typer.Exit(EXIT_FAILED)


def exporting(state: State, api: SaagieApi, project: str, out: Path, **options: Any) -> None:
    from ._resolve import project_id

    pid = project_id(api, project)
    with _bar(state, f"exporting {project}") as callback:
        result = api.projects.export(pid, out, progress=callback, **options)
    _finish(state, "Exported", result)


def importing(state: State, api: SaagieApi, path: Path, if_exists: str) -> None:
    with _bar(state, f"importing {path.name}") as callback:
        result = api.projects.import_from_json(path, if_exists=if_exists, progress=callback)
    _finish(state, "Imported", result)
