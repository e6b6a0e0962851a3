"""Walking a long list page by page (``limit``/``skip``): what ``jobs.iter_instances`` and
``pipelines.iter_instances`` share.

This file is the single source: ``saagieapi/_sync/paging.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any, TypeVar

from .._backend import AsyncPrefetch, AwaitableOf
from ..errors import InvalidInputError

__all__ = ["DEFAULT_PAGE_SIZE", "PAGES_AHEAD", "Page", "check_page_size", "iter_pages"]

T = TypeVar("T")
#: Items asked for per request by the ``iter_*`` methods.
DEFAULT_PAGE_SIZE = 500


def check_page_size(page_size: int) -> int:
    """``page_size`` when it is a positive int; InvalidInputError otherwise (before any request)."""
    if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
        raise InvalidInputError(f"page_size must be a positive number of items per request, not {page_size!r}")
    return page_size


#: Pages requested at once once the first page has told how many items there are: walking 5,000 instances
#: waits for 4 answers instead of 11 (each a round trip to the platform), holding at most this many pages.
PAGES_AHEAD = 4
#: ``(items of the page, number of items of the whole list when the platform tells it, else None)``.
Page = tuple[Sequence[T], "int | None"]


async def iter_pages(fetch: Callable[[int, int], AwaitableOf[Page[T]]], page_size: int) -> AsyncIterator[T]:
    """The items of ``fetch(limit, skip)``, page after page, until a page shorter than ``page_size``.

    When the first page tells the length of the list, the pages left are requested ``PAGES_AHEAD`` at a
    time (the next ones are on their way while a page is used); otherwise one after the other. At most
    ``PAGES_AHEAD`` pages are held. Items whose ``id`` was already yielded are skipped: when new items
    arrive at the head of the list during the walk (instances are listed most recent first), the later
    pages shift and repeat a few items; the walk goes on past the announced length until a short page.
    """
    seen: set[Any] = set()

    def fresh(items: Sequence[T]) -> list[T]:
        kept = []
        for item in items:
            key = getattr(item, "id", None)
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
            kept.append(item)
        return kept

    items, total = await fetch(page_size, 0)
    for item in fresh(items):
        yield item
    if len(items) < page_size:
        return
    skip = len(items)
    if total is not None:
        # the pages left: the last of them is shorter than page_size (possibly empty) and ends the walk
        left = [
            functools.partial(fetch, page_size, skip + index * page_size)
            for index in range((total - skip) // page_size + 1)
        ]
        async with AsyncPrefetch(left, PAGES_AHEAD) as pages:
            async for items, _ in pages:
                for item in fresh(items):
                    yield item
                if len(items) < page_size:
                    return
                skip += len(items)
    while True:
        items, _ = await fetch(page_size, skip)
        for item in fresh(items):
            yield item
        if len(items) < page_size:
            return
        skip += len(items)
