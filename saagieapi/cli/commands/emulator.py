"""``saagie emulator``: ``python -m saagie_emulator`` under the command line's name.

The arguments go to the emulator's own entry point (:func:`saagie_emulator.__main__.main`), so the two accept the
same options and print the same ``SAAGIE_*`` lines by construction; the global ``--json`` is passed on.
"""

from __future__ import annotations

import typer

from .._state import state_of

__all__ = ["register"]


def emulator(ctx: typer.Context) -> None:
    """Start a local emulated Saagie platform and print its connection settings (Ctrl+C stops it).

    Options as `python -m saagie_emulator`: see `saagie emulator --help`.
    """
    from saagieapi.errors import ConfigurationError

    try:
        from saagie_emulator.__main__ import main
    except ImportError as exc:
        raise ConfigurationError(f"The emulator is not installed ({exc}): pip install 'saagieapi[emulator]'") from None
    argv = list(ctx.args)
    if state_of(ctx).json and "--json" not in argv:
        argv.append("--json")
    try:
        main(argv, prog="saagie emulator")
    except SystemExit as exit_:  # argparse's --help and usage errors, a state or seed file that does not load
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
        raise typer.Exit(code) from None


def register(app: typer.Typer) -> None:
    app.command(
        "emulator",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
        add_help_option=False,
    )(emulator)
