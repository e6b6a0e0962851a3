"""The 2.x module path `saagieapi.storages` under `saagieapi.v2` (the class 2.x exported from it)."""

from .storages import Storages

__all__ = ["Storages"]
