"""Name-to-entity lookups with typed errors (shared by every resource)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from ..errors import AmbiguousNameError, NotFoundError

__all__ = ["find_by_name"]

T = TypeVar("T")


def find_by_name(
    items: Iterable[T],
    name: str,
    *,
    kind: str,
    scope: str | None = None,
    name_of: Callable[[T], str] = lambda item: str(getattr(item, "name")),  # noqa: B009
    id_of: Callable[[T], str] = lambda item: str(getattr(item, "id")),  # noqa: B009
    hint: str | None = None,
) -> T:
    """The one item whose name is ``name``; NotFoundError or AmbiguousNameError otherwise.

    An exact match wins; otherwise a case-insensitive match (Saagie names are unique case-insensitively).

    Example::

        job = find_by_name(jobs, "ingest", kind="job", scope="project 'demo'")
    """
    candidates = list(items)
    exact = [item for item in candidates if name_of(item) == name]
    if len(exact) == 1:
        return exact[0]
    matches = exact or [item for item in candidates if name_of(item).lower() == name.lower()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        names = sorted(name_of(item) for item in candidates)
        known = f"existing: {', '.join(names[:20])}" + (" ..." if len(names) > 20 else "") if names else "there is none"
        raise NotFoundError(kind, name, scope=scope, hint=f"{hint}; {known}" if hint else known)
    raise AmbiguousNameError(kind, name, [id_of(item) for item in matches], scope=scope)
