"""``saagie doctor``: connection, TLS and login checks, then every SDK operation against the live schema."""

from __future__ import annotations

from typing import Any

import typer

from .._state import state_of

__all__ = ["register"]


def doctor(ctx: typer.Context) -> None:
    """Check connection, TLS and login, then validate every SDK operation against the platform's live schema.

    Exit code 0 when all is well, 1 when some SDK methods would fail on this platform (listed with the reason),
    3/5 when login or the connection fails.
    """
    from .._doctor import APIS, check_enum_values, check_operations, introspect
    from .._output import EXIT_FAILED, classify, emit

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
    missing_values = check_enum_values(introspections)
    record(
        "enum values",
        not missing_values,
        "every status, selector and scope the SDK relies on exists here"
        if not missing_values
        else f"missing here (waiting or filtering on them would misbehave): {', '.join(missing_values)}",
    )
    if not state.json:
        for item in failing:
            typer.echo(f"{item['operation']} ({item['api']}): {'; '.join(item['errors'])}", err=True)
            typer.echo(f"    used by: {', '.join(item['sdk_methods']) or '(no public method)'}", err=True)
    finish(failing, EXIT_FAILED if problems or missing_values else 0)


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
