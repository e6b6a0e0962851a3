"""``saagie schema diff``: schema drift between the committed ``schema/`` and a live platform, for CI.

Exit code by the most severe change: 0 none or safe only (new types and fields), 1 dangerous (a new enum
value, a new optional argument...: old code still works but may see values it does not know), 2 breaking (a
field, type, argument or enum value removed or changed: the SDK methods listed fail on that platform). Any
other failure keeps the command line's codes (3 authentication, 5 network...).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .._state import state_of
from .schema import group

__all__ = ["register"]

_LABELS = {"breaking": "[red]BREAKING[/] ", "dangerous": "[yellow]DANGEROUS[/]", "safe": "[green]SAFE[/]     "}


def schema_diff(
    ctx: typer.Context,
    schema_dir: Annotated[
        Path, typer.Option("--schema-dir", help="Folder of the committed projects.graphql and gateway.graphql.")
    ] = Path("schema"),
    url: Annotated[
        str | None, typer.Option(help="Platform URL (same as the global --url; SAAGIE_URL otherwise).")
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Write the live schemas into --schema-dir, then regenerate the SDK.")
    ] = False,
    regenerate: Annotated[
        bool, typer.Option(help="With --write: run scripts/regenerate.py next to --schema-dir (make codegen).")
    ] = True,
) -> None:
    """Compare the platform's live schemas with the committed ones: breaking, dangerous and safe changes.

    Each breaking or dangerous change names the SDK methods that use what changed. Exit code 0 (no change,
    or safe ones only), 1 (dangerous), 2 (breaking). `--write` updates the schema files (keeping their
    layout and descriptions) and regenerates the SDK.
    """
    from graphql import build_client_schema, build_schema

    from ...errors import ConfigurationError
    from .._doctor import APIS, introspect
    from .._output import emit
    from .._schema_diff import SEVERITIES, affected_methods, classify, exit_code, merged_sdl

    state = state_of(ctx)
    if url is not None:
        state.flags["url"] = url
    local_texts: dict[str, str] = {}
    for which in APIS:
        path = schema_dir / f"{which}.graphql"
        try:
            local_texts[which] = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigurationError(f"Cannot read {path} ({exc.strerror}); pass --schema-dir") from None
    api = state.api()
    olds = {which: build_schema(text) for which, text in local_texts.items()}
    lives = {which: build_client_schema(introspect(api, which)) for which in APIS}  # type: ignore[arg-type]
    changes = [change for which in APIS for change in classify(which, olds[which], lives[which])]
    affected_methods(changes, olds)
    code = exit_code(changes)
    severity = max((change.severity for change in changes), key=SEVERITIES.__getitem__, default="none")
    written: list[str] = []
    regenerated = None
    if write:
        for which in APIS:
            path = schema_dir / f"{which}.graphql"
            text = merged_sdl(local_texts[which], lives[which])
            if text != local_texts[which]:
                path.write_text(text, encoding="utf-8")
                written.append(str(path))
        if regenerate and written:
            regenerated = _regenerate(schema_dir)
    report: dict[str, Any] = {
        "severity": severity,
        "exit_code": code,
        "counts": {
            name: sum(change.severity == name for change in changes) for name in ("breaking", "dangerous", "safe")
        },
        "changes": changes,
        "written": written,
        "regenerated": regenerated,
    }
    if state.json:
        emit(state, report)
    else:
        _print(changes, written, regenerated)
    if regenerated is not None and not regenerated["ok"]:
        raise typer.Exit(max(code, 1))
    raise typer.Exit(code)


def _regenerate(schema_dir: Path) -> dict[str, Any]:
    """``scripts/regenerate.py`` of the checkout holding ``schema_dir``: ``{"ok", "output"}``."""
    root = schema_dir.resolve().parent
    script = root / "scripts" / "regenerate.py"
    if not script.is_file():
        return {"ok": False, "output": f"No {script}: regenerate the SDK yourself (make codegen)."}
    # The checkout's own generator, run only when asked (--write), as `make codegen` would run it.
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(script)], cwd=root, capture_output=True, text=True, check=False, timeout=900
    )
    return {"ok": result.returncode == 0, "output": (result.stdout + result.stderr).strip()}


def _print(changes: list[Any], written: list[str], regenerated: dict[str, Any] | None) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    if not changes:
        console.print("No change: the platform serves the committed schemas.")
    for change in sorted(changes, key=lambda c: ("breaking", "dangerous", "safe").index(c.severity)):
        console.print(f"{_LABELS[change.severity]} {change.api}: {escape(change.description)}")
        if change.severity != "safe":
            methods = ", ".join(change.sdk_methods) or "(no SDK method uses it)"
            console.print(f"            SDK methods: {escape(methods)}")
    counts = {name: sum(change.severity == name for change in changes) for name in ("breaking", "dangerous", "safe")}
    if changes:
        console.print(", ".join(f"{count} {name}" for name, count in counts.items()))
    for path in written:
        console.print(f"Wrote {escape(path)}")
    if regenerated is not None and regenerated["ok"]:
        console.print("Regenerated the SDK (scripts/regenerate.py).")
    elif regenerated is not None:
        console.print(f"[red]Regeneration failed[/]:\n{escape(regenerated['output'])}")


def register(app: typer.Typer) -> None:
    group.command("diff")(schema_diff)
