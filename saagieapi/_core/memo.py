"""Answers remembered while one operation asks the same question many times (no I/O here).

An import creates every job of a project through ``jobs.create``, which checks the job's category and
technology against the project's enabled technologies: one request per job. Within
``remembering_job_technologies()`` the first answer for a project is reused by the calls made in that block
(the tasks and threads it starts included), and nowhere else.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

__all__ = ["JOB_TECHNOLOGIES", "remembering_job_technologies"]

#: project id -> its job categories and technologies, while a block remembers them (else None).
JOB_TECHNOLOGIES: ContextVar[dict[str, Any] | None] = ContextVar("saagieapi_job_technologies", default=None)


@contextlib.contextmanager
def remembering_job_technologies() -> Iterator[None]:
    """Reuse the first answer of ``projects.get_jobs_technologies`` per project inside the block.

    Example::

        with remembering_job_technologies():
            ...  # jobs.create(...) for many jobs of one project
    """
    token = JOB_TECHNOLOGIES.set({})
    try:
        yield
    finally:
        JOB_TECHNOLOGIES.reset(token)
