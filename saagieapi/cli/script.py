"""The ``saagie`` console script: the command line, or one line saying to install the ``cli`` extra.

``pip install saagieapi`` (without ``[cli]``) installs the script too; it must not end in a traceback.
"""

from __future__ import annotations

import sys

__all__ = ["main"]

#: Modules of the ``cli`` extra that loading the command line needs (the others are imported by the commands).
_EXTRA_MODULES = frozenset({"typer", "click", "rich"})


def main() -> None:
    """The ``saagie`` console script: the command line, or one line saying to install the ``cli`` extra."""
    try:
        import rich  # noqa: F401 - the output of every command
        import typer  # noqa: F401

        from .main import app
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in _EXTRA_MODULES:
            raise
        sys.stderr.write(
            f"saagie: the command line needs the 'cli' extra ({error.name} is not installed): "
            "pip install 'saagieapi[cli]'\n"
        )
        raise SystemExit(2) from None
    app()
