"""``saagieapi.v2.repositories``: the 2.x module path of ``Repositories`` (``from saagieapi.repositories import Repositories`` in 2.x)."""

from .repositories import Repositories

__all__ = ["Repositories"]
