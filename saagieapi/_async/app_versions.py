"""Versions of ``api.apps`` read and flagged one by one: a version by its number, the major flag.

This file is the single source: ``saagieapi/_sync/app_versions.py`` is generated from it (``make codegen``).
Adding versions (``upgrade``) and making one current (``rollback``) live in apps.py.
"""

from __future__ import annotations

from .._core.arguments import version_numbers
from .._core.not_found import not_found_as
from ..errors import InvalidInputError, NotFoundError
from ..models import AppVersion
from .reconcile import idempotent
from .resource import AsyncResource

__all__ = ["AsyncAppVersionsMixin"]


class AsyncAppVersionsMixin(AsyncResource):
    """One version of an app: the methods of ``api.apps`` that read a version and flag it major."""

    async def get_version(self, app_id: str, version_number: int | str) -> AppVersion:
        """One version of an app by its number (NotFoundError when the app has no such version).

        Example::

            version = await api.apps.get_version(app_id, 2)
            image = version.docker_info.image if version.docker_info else None
        """
        (number,) = version_numbers(version_number)
        with not_found_as("app version", str(number), scope=f"app {app_id}"):
            version = await self._client.get_app_version(app_id=app_id, number=number)
        if version is None:
            raise NotFoundError("app version", str(number), scope=f"app {app_id}")
        return version

    async def set_major_version(self, app_id: str, version_number: int | str, *, is_major: bool = True) -> AppVersion:
        """Flag a version of an app as major (``is_major=False`` removes the flag); return the version.

        Example::

            version = await api.apps.set_major_version(app_id, 1)
        """
        (number,) = version_numbers(version_number)
        if not isinstance(is_major, bool):
            raise InvalidInputError(f"is_major must be True or False, not {is_major!r}")
        with not_found_as("app version", str(number), scope=f"app {app_id}"):
            version = await idempotent(
                "setMajorAppVersion",
                lambda: self._client.set_major_app_version(app_id=app_id, version_number=number, is_major=is_major),
            )
        if version is None:
            raise NotFoundError("app version", str(number), scope=f"app {app_id}")
        return version
