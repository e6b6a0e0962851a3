"""``saagieapi.v2.storages``: the 2.x module path of ``Storages`` (``from saagieapi.storages import Storages`` in 2.x)."""

from .storages import Storages

__all__ = ["Storages"]
