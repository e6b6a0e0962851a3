"""Walking a long list page by page (``limit``/``skip``): what ``jobs.iter_instances`` and
``pipelines.iter_instances`` share.

This file is the single source: ``saagieapi/_sync/paging.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any, TypeVar

from .._backend import AwaitableOf
from ..errors import InvalidInputError

__all__ = ["DEFAULT_PAGE_SIZE", "check_page_size", "iter_pages"]

T = TypeVar("T")
#: Items asked for per request by the ``iter_*`` methods.
DEFAULT_PAGE_SIZE = 500


def check_page_size(page_size: int) -> int:
    """``page_size`` when it is a positive int; InvalidInputError otherwise (before any request)."""
    if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
        raise InvalidInputError(f"page_size must be a positive number of items per request, not {page_size!r}")
    return page_size


async def iter_pages(fetch: Callable[[int, int], AwaitableOf[Sequence[T]]], page_size: int) -> AsyncIterator[T]:
    """The items of ``fetch(limit, skip)``, one request per page, until a page shorter than ``page_size``.

    Only the current page is held. Items whose ``id`` was already yielded are skipped: when new items
    arrive at the head of the list during the walk (instances are listed most recent first), the later
    pages shift and repeat a few items.
    """
    seen: set[Any] = set()
    skip = 0
    while True:
        page = await fetch(page_size, skip)
        for item in page:
            key = getattr(item, "id", None)
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
            yield item
        if len(page) < page_size:
            return
        skip += len(page)
