"""``saagie emulator``, ``saagie schema pull`` and ``saagie doctor``."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    pass
