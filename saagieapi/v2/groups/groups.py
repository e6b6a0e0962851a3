"""``saagie.groups`` of saagieapi 2.x over ``api.groups`` of the typed client (REST).

Example::

    members = saagie.groups.get_users("data-team")["users"]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._core import V2Resource, v2_method
from ..users.users import rest_json

__all__ = ["Groups"]


class Groups(V2Resource):
    """Groups of users and their permissions (2.x shapes: the platform's JSON, ``True`` for writes)."""

    _resource = "groups"

    @v2_method(kind="list", raw=True)
    def list(self, verify_ssl: bool | None = None) -> Any:
        """``[{"name", "protected"}]``."""
        return rest_json(self._typed.list(verify_ssl))

    @v2_method(kind="dict", raw=True)
    def get_permission(self, group_name: str, verify_ssl: bool | None = None) -> Any:
        """``{"name", "role", "authorizations", "protected", "realmAuthorization"}``."""
        return rest_json(self._typed.get_permission(group_name, verify_ssl))

    @v2_method(kind="dict", raw=True)
    def get_users(self, group_name: str, verify_ssl: bool | None = None) -> Any:
        """``{"name", "users", "protected"}``."""
        return rest_json(self._typed.get_users(group_name, verify_ssl))

    @v2_method()
    def export(self, output_folder: str, error_folder: str | None = "", verify_ssl: bool | None = None) -> Any:
        """Write ``groups.json`` and the users and permissions of each group; True when done."""
        return self._typed.export(output_folder, error_folder or "", verify_ssl)

    @v2_method()
    def create(self, group_name: str, users: Sequence[str], verify_ssl: bool | None = None) -> Any:
        """Create a group with these users; True when done."""
        return self._typed.create(group_name, users, verify_ssl)

    @v2_method()
    def edit_permission(
        self,
        group_name: str,
        authorizations: Sequence[Mapping[str, Any]] | None = None,
        realm_authorization: Mapping[str, Any] | None = None,
        verify_ssl: bool | None = None,
    ) -> Any:
        """Change the permissions of a group (what is not given stays); True when done."""
        return self._typed.edit_permission(group_name, authorizations, realm_authorization, verify_ssl)

    @v2_method()
    def delete(self, group_name: str, verify_ssl: bool | None = None) -> Any:
        """Delete a group; True when done."""
        return self._typed.delete(group_name, verify_ssl)

    @v2_method()
    def import_from_json(
        self, path_to_folder: str, error_folder: str | None = "", verify_ssl: bool | None = None
    ) -> Any:
        """Create the groups of an export folder that do not exist; True when done."""
        return self._typed.import_from_json(path_to_folder, error_folder or "", verify_ssl)
