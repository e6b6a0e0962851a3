"""The 2.x module path `saagieapi.profiles` under `saagieapi.v2` (the class 2.x exported from it)."""

from .profiles import Profiles

__all__ = ["Profiles"]
