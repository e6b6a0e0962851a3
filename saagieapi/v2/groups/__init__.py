"""The 2.x module path `saagieapi.groups` under `saagieapi.v2` (the class 2.x exported from it)."""

from .groups import Groups

__all__ = ["Groups"]
