"""``saagie.profiles`` of saagieapi 2.x over ``api.profiles`` of the typed client (REST).

Example::

    job_title = saagie.profiles.get_info("alice")["job"]
"""

from __future__ import annotations

from typing import Any

from .._core import V2Resource, v2_method
from ..users.users import rest_json

__all__ = ["Profiles"]


class Profiles(V2Resource):
    """User profiles: job title and email (2.x shapes: the platform's JSON, ``True`` for writes)."""

    _resource = "profiles"

    @v2_method(kind="list", raw=True)
    def list(self, verify_ssl: bool | None = None) -> Any:
        """``[{"login", "job", "email"}]``."""
        return rest_json(self._typed.list(verify_ssl))

    @v2_method(kind="dict", raw=True)
    def get_info(self, user_name: str, verify_ssl: bool | None = None) -> Any:
        """``{"login", "job", "email"}``."""
        return rest_json(self._typed.get_info(user_name, verify_ssl))

    @v2_method()
    def export(self, output_folder: str, verify_ssl: bool | None = None) -> Any:
        """Write ``<output_folder>/profiles.json``; True when done."""
        return self._typed.export(output_folder, verify_ssl)

    @v2_method()
    def edit(
        self, user_name: str, job_title: str | None = None, email: str | None = None, verify_ssl: bool | None = None
    ) -> Any:
        """Change the job title or email of a user (what is not given stays); True when done."""
        return self._typed.edit(user_name, job_title, email, verify_ssl)
