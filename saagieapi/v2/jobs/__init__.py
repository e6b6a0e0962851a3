"""``saagieapi.v2.jobs``: the 2.x module path of ``Jobs`` (``from saagieapi.jobs import Jobs`` in 2.x)."""

from .jobs import Jobs

__all__ = ["Jobs"]
