# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Run, stop and restart of ``api.apps``, each optionally waiting for the app to get there.

This file is the single source: ``saagieapi/_sync/app_runs.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Callable

from .._core.statuses import app_status, app_wait_statuses
from .._generated.projects.enums import AppStatus
from ..errors import NotFoundError
from ..models import App
from .reconcile import announced
from .resource import Resource
from .waiting import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, check_wait, wait_until_final

__all__ = ["AppRunsMixin"]


class AppRunsMixin(Resource):
    """Starting and stopping apps: the methods of ``api.apps`` that run, stop and restart them."""

    # -- run / stop ---------------------------------------------------------------------------------------
    def _wait(
        self,
        app_id: str,
        target: str,
        timeout: float | None,
        poll_interval: float,
        raise_on_failure: bool,
        callback: Callable[[App], object] | None,
    ) -> App:
        def fetch() -> App:
            app = self._client.get_app(id=app_id, versions_only_current=True)
            if app is None:
                raise NotFoundError("app", app_id)
            return app

        final_statuses, success_statuses = app_wait_statuses(target)
        return wait_until_final(
            fetch,
            app_status,
            final_statuses=final_statuses,
            success_statuses=success_statuses,
            instance_id=app_id,
            what="app",
            timeout=timeout,
            poll_interval=poll_interval,
            raise_on_failure=raise_on_failure,
            callback=callback,
        )

    def run(
        self,
        app_id: str,
        *,
        wait: bool = False,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        raise_on_failure: bool = True,
        callback: Callable[[App], object] | None = None,
    ) -> App:
        """Start an app; with ``wait=True`` wait until it is STARTED (RunFailedError / WaitTimeoutError).

        Example::

            app = api.apps.run(app_id, wait=True, timeout=300)
        """
        if wait:
            check_wait(poll_interval, timeout)
        app = announced(
            "runApp",
            f"look at the app's status (api.apps.get_info({app_id!r}).history) before starting it again",
            lambda: self._client.run_app(id=app_id, versions_only_current=True),
        )
        if not wait:
            return app
        return self._wait(app_id, AppStatus.STARTED.value, timeout, poll_interval, raise_on_failure, callback)

    def stop(
        self,
        app_id: str,
        *,
        wait: bool = False,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        raise_on_failure: bool = True,
        callback: Callable[[App], object] | None = None,
    ) -> App:
        """Stop an app; with ``wait=True`` wait until it is STOPPED.

        Example::

            app = api.apps.stop(app_id, wait=True)
        """
        if wait:
            check_wait(poll_interval, timeout)
        app = announced(
            "stopApp",
            f"look at the app's status (api.apps.get_info({app_id!r}).history) before stopping it again",
            lambda: self._client.stop_app(id=app_id, versions_only_current=True),
        )
        if app is None:
            raise NotFoundError("app", app_id)
        if not wait:
            return app
        return self._wait(app_id, AppStatus.STOPPED.value, timeout, poll_interval, raise_on_failure, callback)

    def restart(
        self,
        app_id: str,
        *,
        wait: bool = False,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        raise_on_failure: bool = True,
        callback: Callable[[App], object] | None = None,
    ) -> App:
        """Restart a running app; with ``wait=True`` wait until it is STARTED again.

        The restarted app runs a new execution, with a log of its own (``api.apps.follow_logs``).

        Example::

            app = api.apps.restart(app_id, wait=True, timeout=300)
        """
        if wait:
            check_wait(poll_interval, timeout)
        app = announced(
            "restartApp",
            f"look at the app's status (api.apps.get_info({app_id!r}).history) before restarting it again",
            lambda: self._client.restart_app(id=app_id, versions_only_current=True),
        )
        if not wait:
            return app
        return self._wait(app_id, AppStatus.STARTED.value, timeout, poll_interval, raise_on_failure, callback)
