"""The 2.x module path `saagieapi.jobs` under `saagieapi.v2` (the class 2.x exported from it)."""

from .jobs import Jobs

__all__ = ["Jobs"]
