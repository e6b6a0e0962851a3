"""``saagieapi.v2.users``: the 2.x module path of ``Users`` (``from saagieapi.users import Users`` in 2.x)."""

from .users import Users

__all__ = ["Users"]
