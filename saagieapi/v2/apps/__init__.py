"""The 2.x module path `saagieapi.apps` under `saagieapi.v2` (the class 2.x exported from it)."""

from .apps import Apps

__all__ = ["Apps"]
