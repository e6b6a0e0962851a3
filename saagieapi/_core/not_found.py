"""The platform's "not found" answers, whatever their form, as one :class:`~saagieapi.errors.NotFoundError`.

Depending on the field, the platform answers an id that names nothing with ``null`` or with a GraphQL error
("... not found", classification ``NotFound``). The methods that read one entity by id raise NotFoundError
for both, so that callers catch one error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from ..errors import GraphQLError, NotFoundError
from .reconcile import is_not_found

__all__ = ["not_found_as"]


@contextlib.contextmanager
def not_found_as(kind: str, name: str, *, scope: str | None = None) -> Iterator[None]:
    """Raise ``NotFoundError(kind, name)`` for a GraphQL error saying the entity does not exist.

    Example::

        with not_found_as("job version", "3", scope=f"job {job_id}"):
            version = await api.client.get_job_version(job_id=job_id, number=3)
    """
    try:
        yield
    except GraphQLError as error:
        if is_not_found(error):
            raise NotFoundError(kind, name, scope=scope) from error
        raise
