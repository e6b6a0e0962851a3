"""``saagieapi.v2.profiles``: the 2.x module path of ``Profiles`` (``from saagieapi.profiles import Profiles`` in 2.x)."""

from .profiles import Profiles

__all__ = ["Profiles"]
