"""``saagieapi.v2.groups``: the 2.x module path of ``Groups`` (``from saagieapi.groups import Groups`` in 2.x)."""

from .groups import Groups

__all__ = ["Groups"]
