"""Logs of ``api.apps``: the lines of one execution of an app (a page, the last ones, all of them lazily), and
following them while it runs.

This file is the single source: ``saagieapi/_sync/app_logs.py`` is generated from it (``make codegen``).

An execution is one start of an app (``app.history.current_execution_id`` is the running one); a restart
begins a new execution. The platform filters app logs on one stream at a time (``stream=None``: all six).
:meth:`get_logs` is the 2.x method, reading the same lines through the platform's log proxy.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from .._core.logs import (
    DEFAULT_FOLLOW_INTERVAL,
    DEFAULT_LOG_LIMIT,
    DEFAULT_LOG_PAGE_SIZE,
    check_follow,
    check_paging,
    check_stream,
)
from .._core.not_found import not_found_as
from .._core.statuses import values
from .._generated.projects.enums import AppStatus
from ..errors import NotFoundError
from ..models import AppLog
from .log_reading import follow_lines, last_lines, read_lines
from .resource import AsyncResource

__all__ = ["AsyncAppLogsMixin"]

#: App statuses after which the current execution writes no more lines.
EXECUTION_ENDED = frozenset(values((AppStatus.STOPPED, AppStatus.FAILED)))


class AsyncAppLogsMixin(AsyncResource):
    """Logs of app executions: the methods of ``api.apps`` that read and follow them."""

    async def _execution_id(self, app_id: str, execution_id: str | None) -> str:
        if execution_id is not None:
            return execution_id
        with not_found_as("app", app_id):
            app = await self._client.get_app(id=app_id, versions_only_current=True)
        if app is None:
            raise NotFoundError("app", app_id)
        current = app.history.current_execution_id if app.history is not None else None
        if not current:
            raise NotFoundError("app execution", app_id, hint="the app has never been started: it has no log yet")
        return current

    async def _log_page(self, app_id: str, execution_id: str, stream: Any, limit: int, skip: int) -> list[AppLog]:
        with not_found_as("app", app_id):
            page = await self._client.get_app_logs(
                app_id=app_id, app_execution_id=execution_id, stream=stream, limit=limit, skip=skip
            )
        if page is None:  # the platform's answer for an app or execution it does not know
            raise NotFoundError("app execution", execution_id, scope=f"app {app_id}")
        return list(page.content or [])

    async def _log_count(self, app_id: str, execution_id: str, stream: Any) -> int:
        with not_found_as("app", app_id):
            count = await self._client.count_app_logs(app_id=app_id, app_execution_id=execution_id, stream=stream)
        if count is None:
            raise NotFoundError("app execution", execution_id, scope=f"app {app_id}")
        return count

    async def get_execution_logs(
        self,
        app_id: str,
        execution_id: str | None = None,
        *,
        stream: Any = None,
        limit: int = DEFAULT_LOG_LIMIT,
        skip: int = 0,
        tail: int | None = None,
    ) -> list[AppLog]:
        """Lines of an app execution's log (default: the current execution), oldest first.

        ``limit`` lines from line ``skip``, or the last ``tail``.

        ``stream`` keeps one stream (``"STDERR"``, a ``LogStream``); None keeps all. Each line says its
        ``stream``, ``container_id`` and ``record_at``.

        Example::

            lines = await api.apps.get_execution_logs(app_id, tail=100)
        """
        check_paging(limit=limit, skip=skip, tail=tail)
        wanted = check_stream(stream)
        execution = await self._execution_id(app_id, execution_id)
        if tail is not None:
            return await last_lines(
                lambda: self._log_count(app_id, execution, wanted),
                lambda size, start: self._log_page(app_id, execution, wanted, size, start),
                tail,
            )
        return await self._log_page(app_id, execution, wanted, limit, skip)

    async def count_logs(self, app_id: str, execution_id: str | None = None, *, stream: Any = None) -> int:
        """How many lines the log of an app execution (default: the current one) has, in ``stream`` or all.

        Example::

            total = await api.apps.count_logs(app_id)
        """
        wanted = check_stream(stream)
        return await self._log_count(app_id, await self._execution_id(app_id, execution_id), wanted)

    def iter_logs(
        self,
        app_id: str,
        execution_id: str | None = None,
        *,
        stream: Any = None,
        skip: int = 0,
        page_size: int = DEFAULT_LOG_PAGE_SIZE,
    ) -> AsyncIterator[AppLog]:
        """Every line of an app execution's log (default: the current one), fetched lazily.

        It starts at line ``skip``, asks for ``page_size`` lines per request and ends at the end of the log as
        it is when read.

        Example::

            errors = [line.value async for line in api.apps.iter_logs(app_id, stream="STDERR")]
        """
        check_paging(skip=skip, page_size=page_size)
        wanted = check_stream(stream)
        execution: list[str] = []  # the current execution, looked up by the first request

        async def page(size: int, start: int) -> list[AppLog]:
            if not execution:
                execution.append(await self._execution_id(app_id, execution_id))
            return await self._log_page(app_id, execution[0], wanted, size, start)

        return read_lines(page, skip=skip, page_size=page_size)

    def follow_logs(
        self,
        app_id: str,
        execution_id: str | None = None,
        *,
        stream: Any = None,
        skip: int = 0,
        poll_interval: float = DEFAULT_FOLLOW_INTERVAL,
        timeout: float | None = None,
    ) -> AsyncIterator[AppLog]:
        """The lines of an app execution's log (default: the current one) as they are written.

        It ends once the execution is over (the app STOPPED or FAILED, or restarted into a new execution) and
        its last lines are read.

        An app runs until stopped: break out of the loop, or pass ``timeout`` (seconds; WaitTimeoutError).

        Example::

            seen: list[str] = []
            async for line in api.apps.follow_logs(app_id, timeout=60):
                seen.append(line.value)
        """
        check_paging(skip=skip)
        check_follow(poll_interval, timeout)
        wanted = check_stream(stream)

        execution: list[str] = []  # the followed execution, looked up by the first request

        async def poll(limit: int, start: int) -> tuple[list[AppLog], bool]:
            if not execution:
                execution.append(await self._execution_id(app_id, execution_id))
            with not_found_as("app", app_id):
                answer = await self._client.follow_app_logs(
                    app_id=app_id, app_execution_id=execution[0], stream=wanted, limit=limit, skip=start
                )
            if answer.app is None:
                raise NotFoundError("app", app_id)
            history = answer.app.history
            ended = history is None or (
                history.current_execution_id != execution[0] or history.current_status.value in EXECUTION_ENDED
            )
            page = list(answer.app_logs.content or []) if answer.app_logs is not None else []
            return page, ended

        return follow_lines(
            poll,
            skip=skip,
            page_size=DEFAULT_LOG_PAGE_SIZE,
            poll_interval=poll_interval,
            timeout=timeout,
            what="app",
            instance_id=app_id,
        )
