"""``saagie migrate check PATH...``: list the saagieapi 2.x imports and calls of Python files.

Exit code 0 when none is left, 1 when 2.x code remains (2 on usage errors). ``--fix`` points the 2.x imports
at ``saagieapi.v2`` (same results as 2.x); ``--json`` prints the report as JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .._state import state_of

__all__ = ["register"]

migrate = typer.Typer(help="Move saagieapi 2.x scripts to saagieapi 3.", no_args_is_help=True)


@migrate.command("check")
def check(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Python files or folders to scan.", exists=True)],
    fix: Annotated[
        bool, typer.Option("--fix", help="Rewrite the 2.x imports to saagieapi.v2 (results keep their 2.x shape).")
    ] = False,
    assume_2x: Annotated[
        bool, typer.Option("--assume-2x", help="Treat every file that imports saagieapi as 2.x code.")
    ] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """List each 2.x import and call with its line, the typed 3.x call to use and how its result changes."""
    from ..migrate_check import check_paths

    report = check_paths(list(paths), fix=fix, assume_2x=assume_2x)
    if json_output or state_of(ctx).json:
        import json

        typer.echo(json.dumps(report.to_json(), indent=2))
    else:
        _print(report, fixed=fix)
    if report.remaining:
        raise typer.Exit(1)


def _shown(text: str) -> str:
    """``text`` with its control characters escaped: names and code come from the folder scanned, and a terminal
    runs the escape sequences it prints."""
    return "".join(
        char if char.isprintable() or char == " " else char.encode("unicode_escape").decode("ascii") for char in text
    )


def _print(report: object, *, fixed: bool) -> None:
    from ..migrate_check import Report

    assert isinstance(report, Report)
    current = ""
    for finding in report.findings:
        if finding.path != current:
            current = finding.path
            typer.echo(f"\n{_shown(current)}")
        status = "fixed: " if finding.fixed else ""
        what = finding.method or finding.kind
        typer.echo(f"  {finding.line}:{finding.column + 1} {status}{what}: {_shown(finding.code)}")
        returns = f"  -> {finding.returns}" if finding.returns else ""
        typer.echo(f"      3.x: {_shown(finding.replacement)}{returns}")
        if finding.change:
            typer.echo(f"      watch: {_shown(finding.change)}")
    for path in report.ambiguous:
        typer.echo(
            f"\nnote: {_shown(path)} imports saagieapi with no 2.x usage of its own; if it builds the client of the "
            "2.x scripts, import SaagieApi from saagieapi.v2 there (or scan with --assume-2x)"
        )
    for path, reason in report.skipped.items():
        typer.echo(f"\nskipped {_shown(path)}: {_shown(reason)}")
    done = len(report.findings) - len(report.remaining)
    summary = f"\n{report.files} file(s) read, {len(report.remaining)} 2.x import(s) and call(s) to migrate"
    if fixed:
        summary += f", {done} import(s) rewritten to saagieapi.v2"
    typer.echo(summary)


def register(app: typer.Typer) -> None:
    """Add the ``migrate`` group to the ``saagie`` application."""
    app.add_typer(migrate, name="migrate")
