"""``saagie emulator``, ``saagie schema pull`` and ``saagie doctor``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ._state import state_of

__all__ = ["register"]

schema = typer.Typer(help="The platform's GraphQL schemas.", no_args_is_help=True)


def emulator(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8080,
    speed: Annotated[float, typer.Option(help="Simulation speed (10 = ten times faster).")] = 1.0,
    state_file: Annotated[Path | None, typer.Option("--state", help="Keep the state in this file.")] = None,
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
        platform = build_emulator(speed=speed, state_path=state_file, drop_fields=tuple(drop_field or ()))
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

        typer.echo(json.dumps({"url": url, **settings}))
    else:
        typer.echo(f"Saagie emulator on {url}  (Ctrl+C to stop)")
        typer.echo("Connect with:")
        for name, value in settings.items():
            typer.echo(f"  export {name}={value}")
    import sys

    sys.stdout.flush()
    serve_emulator(platform, host, port)


@schema.command("pull")
def schema_pull(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for projects.graphql and gateway.graphql.")] = Path(
        "schema"
    ),
) -> None:
    """Introspect the platform and write its SDL, to regenerate the SDK for it (`make codegen`)."""
    from ._doctor import APIS, introspect, sdl_of
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Any] = {}
    for which in APIS:
        text = sdl_of(introspect(api, which))
        path = out / f"{which}.graphql"
        path.write_text(text, encoding="utf-8")
        written[which] = {"path": str(path), "types": text.count("\ntype ") + text.startswith("type ")}
    emit(state, written, message="\n".join(f"wrote {item['path']}" for item in written.values()))


def doctor(ctx: typer.Context) -> None:
    """Check connection, TLS and login, then validate every SDK operation against the platform's live schema.

    Exit code 0 when all is well, 1 when some SDK methods would fail on this platform (listed with the reason),
    3/5 when login or the connection fails.
    """
    from ._doctor import APIS, check_operations, introspect
    from ._output import EXIT_FAILED, classify, emit

    state = state_of(ctx)
    checks: list[dict[str, Any]] = []

    def record(name: str, ok: bool, detail: str) -> None:
        checks.append({"check": name, "ok": ok, "detail": detail})
        if not state.json:
            from rich.console import Console
            from rich.markup import escape

            mark = "[green]ok[/]  " if ok else "[red]FAIL[/]"
            Console(stderr=True, highlight=False).print(f"{mark} {name}: {escape(detail)}")

    def finish(problems: list[Any], code: int) -> None:
        report = {"ok": code == 0, "checks": checks, "failing_operations": problems}
        if state.json:
            emit(state, report)
        raise typer.Exit(code)

    api = state.api()
    settings = api.settings
    from saagieapi.errors import HTTPStatusError

    scheme = "TLS verified" if settings.url_saagie.startswith("https") else "plain http (no TLS)"
    try:
        status = api.transport.request("GET", settings.url_saagie + "/", authenticated=False).status_code
        record("connection", True, f"{settings.url_saagie} answered HTTP {status}, {scheme}")
    except HTTPStatusError as exc:
        record("connection", True, f"{settings.url_saagie} answered HTTP {exc.status_code}, {scheme}")
    except Exception as exc:
        record("connection", False, f"{settings.url_saagie}: {exc}")
        finish([], classify(exc)[0])
    try:
        api.login()
        record("login", True, f"{settings.user} on realm {settings.realm}")
    except Exception as exc:
        record("login", False, str(exc))
        finish([], classify(exc)[0])
    introspections = {}
    for which in APIS:
        try:
            introspections[which] = introspect(api, which)
            record(f"{which} schema", True, "introspected")
        except Exception as exc:
            record(f"{which} schema", False, str(exc))
            finish([], classify(exc)[0])
    problems = check_operations(introspections)
    failing = [
        {
            "api": problem.operation.api,
            "operation": problem.operation.operation_name,
            "errors": problem.errors,
            "sdk_methods": problem.sdk_methods,
        }
        for problem in problems
    ]
    methods = sorted({method for problem in problems for method in problem.sdk_methods})
    record(
        "operations",
        not problems,
        "every SDK operation validates against this platform"
        if not problems
        else f"{len(problems)} operation(s) invalid here; SDK methods that would fail: {', '.join(methods)}",
    )
    if not state.json:
        for item in failing:
            typer.echo(f"{item['operation']} ({item['api']}): {'; '.join(item['errors'])}", err=True)
            typer.echo(f"    used by: {', '.join(item['sdk_methods']) or '(no public method)'}", err=True)
    finish(failing, EXIT_FAILED if problems else 0)


def register(app: typer.Typer) -> None:
    app.command("emulator")(emulator)
    app.add_typer(schema, name="schema")
    app.command("doctor")(doctor)
