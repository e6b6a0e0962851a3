"""``saagieapi.v2.projects``: the 2.x module path of ``Projects`` (``from saagieapi.projects import Projects`` in 2.x)."""

from .projects import Projects

__all__ = ["Projects"]
