"""The 2.x module path `saagieapi.repositories` under `saagieapi.v2` (the class 2.x exported from it)."""

from .repositories import Repositories

__all__ = ["Repositories"]
