"""Concurrency primitives under the names the async source uses and their synchronous twins.

``saagieapi/_async`` is the one source of the client logic; ``scripts/regenerate.py`` (unasync) rewrites
``AsyncLock`` into ``SyncLock`` and ``async_sleep`` into ``sync_sleep`` for ``saagieapi/_sync``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable
from typing import Annotated, TypeVar

import anyio

__all__ = ["AsyncLock", "AwaitableOf", "ResultOf", "SyncLock", "async_sleep", "sync_sleep"]

T = TypeVar("T")
#: What an async callback returns (``AwaitableOf[Job]``); its synchronous twin is ``ResultOf[Job]`` (a Job).
AwaitableOf = Awaitable[T]
ResultOf = Annotated[T, "result"]

AsyncLock = anyio.Lock
SyncLock = threading.Lock
async_sleep = anyio.sleep
sync_sleep = time.sleep
