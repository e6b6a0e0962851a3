"""``saagie schema``: the platform's GraphQL schemas (``pull``; other modules add commands to :data:`group`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .._state import state_of

__all__ = ["group", "register"]

group = typer.Typer(help="The platform's GraphQL schemas.", no_args_is_help=True)


@group.command("pull")
def schema_pull(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for projects.graphql and gateway.graphql.")] = Path(
        "schema"
    ),
) -> None:
    """Introspect the platform and write its SDL, to regenerate the SDK for it (`make codegen`)."""
    from .._doctor import APIS, introspect, sdl_of
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Any] = {}
    for which in APIS:
        text = sdl_of(introspect(api, which))
        path = out / f"{which}.graphql"
        path.write_text(text, encoding="utf-8")
        written[which] = {"path": str(path), "types": text.count("\ntype ") + text.startswith("type ")}
    emit(state, written, message="\n".join(f"Wrote {item['path']}" for item in written.values()))


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="schema")
