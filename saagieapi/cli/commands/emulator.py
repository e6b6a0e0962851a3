"""``saagie emulator``: a local emulated platform, with its connection settings printed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from .._state import state_of

__all__ = ["register"]


def emulator(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8080,
    speed: Annotated[float, typer.Option(help="Simulation speed (10 = ten times faster).")] = 1.0,
    state_file: Annotated[Path | None, typer.Option("--state", help="Keep the state in this file.")] = None,
    seed: Annotated[
        Path | None, typer.Option("--seed", help="Start with the groups, users, projects... of this YAML/JSON file.")
    ] = None,
    drop_field: Annotated[
        list[str] | None, typer.Option(help="Serve a schema without this field, e.g. Job.alias (repeatable).")
    ] = None,
) -> None:
    """Start a local emulated Saagie platform and print its connection settings (Ctrl+C stops it)."""
    from saagieapi.errors import ConfigurationError

    try:
        from saagie_emulator import DEFAULT_PASSWORD, DEFAULT_PLATFORM_ID, DEFAULT_REALM, DEFAULT_USER
        from saagie_emulator.server import build_emulator, serve_emulator
    except ImportError as exc:
        raise ConfigurationError(f"the emulator is not installed ({exc}): pip install 'saagieapi[emulator]'") from None
    try:
        # The state file is read before anything is printed: a bad one stops here with a one-line error.
        platform = build_emulator(
            speed=speed,
            state_path=state_file,
            seed=seed,
            drop_fields=tuple(drop_field or ()),
            control_token=os.environ.get("SAAGIE_EMULATOR_CONTROL_TOKEN") or None,
        )
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None
    url = f"http://{host}:{port}/"
    settings = {
        "SAAGIE_URL": f"{url}projects/platform/{DEFAULT_PLATFORM_ID}/",
        "SAAGIE_REALM": DEFAULT_REALM,
        "SAAGIE_USER": DEFAULT_USER,
        "SAAGIE_PASSWORD": DEFAULT_PASSWORD,
    }
    if state_of(ctx).json:
        import json

        typer.echo(json.dumps({"url": url, **settings, "control_token": platform.control_token}))
    else:
        typer.echo(f"Saagie emulator on {url}  (Ctrl+C to stop)")
        typer.echo("Connect with:")
        for name, value in settings.items():
            typer.echo(f"  export {name}={value}")
        typer.echo(f"Control endpoints (/_emulator/...): header Saagie-Emulator-Token: {platform.control_token}")
    import sys

    sys.stdout.flush()
    serve_emulator(platform, host, port)


def register(app: typer.Typer) -> None:
    app.command("emulator")(emulator)
