"""The 2.x module path `saagieapi.users` under `saagieapi.v2` (the class 2.x exported from it)."""

from .users import Users

__all__ = ["Users"]
