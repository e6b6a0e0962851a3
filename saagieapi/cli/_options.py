"""Arguments and options shared by several command groups, and the delete confirmation."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["ProjectOpt", "TimeoutOpt", "Yes", "confirm"]

ProjectOpt = Annotated[str | None, typer.Option("--project", "-P", help="Project name or id.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
TimeoutOpt = Annotated[float, typer.Option(help="Seconds to wait at most with --wait.")]


def confirm(what: str, yes: bool) -> None:
    """Ask before deleting ``what`` unless ``--yes`` was given (a refusal exits 1, nothing deleted)."""
    if not yes:
        typer.confirm(f"Delete {what}?", abort=True, err=True)
