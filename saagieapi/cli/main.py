"""The ``saagie`` console script: the Typer application, its global options and its command modules.

Only Typer and the SDK's table of connection settings (``saagieapi._core.settings``, which gives the global
flags) are imported here; the client, Rich and httpx are imported by the command that needs them, so that
``saagie --help`` and shell completion stay fast.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ._flags import with_connection_flags
from ._help import finish_tree
from ._state import State

__all__ = ["COMMANDS", "app", "main"]

#: The command modules (``saagieapi/cli/commands/<name>.py``), each defining ``register(app)``. Adding a command
#: group or a command is adding its module's name here; the order is the order of ``saagie --help``.
COMMANDS = (
    "projects",
    "jobs",
    "apps",
    "pipelines",
    "env_vars",
    "docker_credentials",
    "storages",
    "repositories",
    "technologies",
    "users",
    "groups",
    "profiles",
    "config",
    "emulator",
    "schema",
    "schema_diff",
    "doctor",
    "migrate",
)

EPILOG = (
    "Connection: flags > SAAGIE_* variables > profile (`saagie config`). "
    "Exit codes: 0 success, 1 failed (run failed, platform refused), 2 usage, 3 authentication or permission, "
    "4 not found, 5 network or platform unavailable."
)


class _Group(TyperGroup):
    """The root command: every error becomes one line, a hint and an exit code (a traceback only with
    ``--debug``); every command also takes ``--json`` after its name; help shows no Python type labels."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        finish_tree(self)  # here, not in __init__: Typer adds the completion options after building the group
        return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader went away (`saagie ... | head`): Click ends quietly with status 1, as for `saagie --help`.
            raise
        except Exception as exc:
            if type(exc).__module__.split(".")[0] in ("typer", "click"):
                raise  # usage errors, --help, typer.Exit, aborted confirmations: Typer reports them
            state = ctx.obj if isinstance(ctx.obj, State) else None
            if state is not None and state.debug:
                raise
            from ._output import report_error

            code = report_error(exc, as_json=bool(state and state.json))
            raise typer.Exit(code) from None


app = typer.Typer(
    cls=_Group,
    name="saagie",
    help="Command line for the Saagie DataOps platform (over the saagieapi SDK).",
    epilog=EPILOG,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete_profile(incomplete: str) -> list[str]:
    from ._config_file import profile_names

    return [name for name in profile_names() if name.startswith(incomplete)]


def _version(value: bool) -> None:
    if value:
        from saagieapi import __version__

        typer.echo(f"saagie {__version__}")
        raise typer.Exit()


def _root_options(
    ctx: typer.Context,
    profile: Annotated[
        str | None,
        typer.Option("--profile", "-p", help="Named profile (env SAAGIE_PROFILE).", autocompletion=_complete_profile),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Machine-readable JSON on stdout (also accepted after the command).")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    **connection: Any,
) -> None:
    state = State(profile=profile, flags=connection, json=json_output, debug=debug)
    ctx.obj = state
    ctx.call_on_close(state.close)


app.callback()(with_connection_flags(after=2)(_root_options))


for _name in COMMANDS:
    importlib.import_module(f"{__package__}.commands.{_name}").register(app)


def main() -> None:
    """Entry point equivalent to the ``saagie`` script."""
    app()
