"""The 2.x module path `saagieapi.projects` under `saagieapi.v2` (the class 2.x exported from it)."""

from .projects import Projects

__all__ = ["Projects"]
