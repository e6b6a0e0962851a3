"""``saagieapi.v2.apps``: the 2.x module path of ``Apps`` (``from saagieapi.apps import Apps`` in 2.x)."""

from .apps import Apps

__all__ = ["Apps"]
