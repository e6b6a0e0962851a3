"""``saagie.users`` of saagieapi 2.x over ``api.users`` of the typed client (REST).

Example::

    logins = [user["login"] for user in saagie.users.list()]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._core import V2Resource, v2_method

__all__ = ["Users", "rest_json"]


def rest_json(value: Any) -> Any:
    """REST models (or lists of them) as the platform's JSON: only the keys it sent."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [rest_json(item) for item in value]
    return value.model_dump(by_alias=True, mode="json", exclude_unset=True)


class Users(V2Resource):
    """Users of the realm (2.x shapes: the platform's JSON, ``True`` for writes)."""

    _resource = "users"

    @v2_method(kind="list", raw=True)
    def list(self, verify_ssl: bool | None = None) -> Any:
        """``[{"login", "roles", "platforms", "groups", "protected"}]``."""
        return rest_json(self._typed.list(verify_ssl))

    @v2_method(kind="dict", raw=True)
    def get_info(self, user_name: str, verify_ssl: bool | None = None) -> Any:
        """``{"login", "roles", "platforms", "groups", "protected"}``."""
        return rest_json(self._typed.get_info(user_name, verify_ssl))

    @v2_method()
    def export(self, output_folder: str, verify_ssl: bool | None = None) -> Any:
        """Write ``<output_folder>/users.json``; True when done."""
        return self._typed.export(output_folder, verify_ssl)

    @v2_method()
    def import_from_json(
        self, json_file: str, temp_pwd: str, error_folder: str | None = "", verify_ssl: bool | None = None
    ) -> Any:
        """Create the users of ``users.json`` that do not exist (with ``temp_pwd``); True when done."""
        return self._typed.import_from_json(json_file, temp_pwd, error_folder or "", verify_ssl)

    @v2_method()
    def create(
        self,
        user_name: str,
        password: str,
        platforms: Sequence[Any] | None = None,
        roles: Sequence[str] | None = None,
        groups: Sequence[str] | None = None,
        verify_ssl: bool | None = None,
    ) -> Any:
        """Create a user; True when done."""
        return self._typed.create(user_name, password, platforms, roles, groups, verify_ssl=verify_ssl)

    @v2_method()
    def delete(self, user_name: str, verify_ssl: bool | None = None) -> Any:
        """Delete a user; True when done."""
        return self._typed.delete(user_name, verify_ssl)

    @v2_method()
    def edit_password(self, user_name: str, previous_pwd: str, new_pwd: str, verify_ssl: bool | None = None) -> Any:
        """Change a user's password; True when done."""
        return self._typed.edit_password(user_name, previous_pwd, new_pwd, verify_ssl)
