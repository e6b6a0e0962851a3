"""Name-to-entity lookups with typed errors: the public face of :mod:`saagieapi._core.lookup`."""

from __future__ import annotations

from ._core.lookup import find_by_name

__all__ = ["find_by_name"]
