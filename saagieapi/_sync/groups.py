# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.groups``: user groups and their permissions (REST).

This file is the single source: ``saagieapi/_sync/groups.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .._core.responses import answer_model, answer_value
from .._export_files import append_error, entity_file_name, read_json, write_json
from .._http import logger
from .._rest import rest_url, translate_not_found, warn_verify_ssl
from ..errors import HTTPStatusError, InvalidInputError, NotFoundError, SaagieError
from ..export_layout import safe_path
from ..rest_models import Group, GroupAuthorization, GroupPermissions, GroupUsers, RealmAuthorization, User
from .resource import Resource

__all__ = ["Groups"]

_GROUPS = TypeAdapter(list[Group])
_USERS = TypeAdapter(list[User])


def _json_value(value: Any) -> Any:
    """Models (or lists of models) as the platform's JSON; plain dicts and lists unchanged."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    return value


class Groups(Resource):
    """Methods of ``api.groups``: groups of users and their permissions (REST API).

    Group names are percent-encoded in URLs, so any name works (``a/b c`` included).
    """

    def _auth_url(self, *names: str) -> str:
        return rest_url(self._api.settings.url_saagie, "auth/api/groups", *names)

    def _security_url(self, name: str) -> str:
        return rest_url(self._api.settings.url_saagie, "security/api/groups", name)

    def list(self, verify_ssl: bool | None = None) -> builtins.list[Group]:
        """Every group of the realm (name and ``protected`` flag).

        Example::

            names = [group.name for group in api.groups.list()]
        """
        warn_verify_ssl(verify_ssl)
        response = self._transport.request("GET", self._auth_url())
        return answer_value(_GROUPS, response.content, what="the list of groups")

    def get_users(self, group_name: str, verify_ssl: bool | None = None) -> GroupUsers:
        """A group with the logins of its members (NotFoundError when there is no such group).

        Example::

            members = (api.groups.get_users("analysts")).users
        """
        warn_verify_ssl(verify_ssl)
        try:
            with translate_not_found("group", group_name):
                response = self._transport.request("GET", self._auth_url(group_name))
        except HTTPStatusError as error:
            # The platform answers 500 for an unknown group here: tell that apart from a real failure.
            if error.status_code == 500 and group_name not in {group.name for group in self.list()}:
                raise NotFoundError("group", group_name) from None
            raise
        return answer_model(GroupUsers, response.content, what="the users of a group")

    def get_permission(self, group_name: str, verify_ssl: bool | None = None) -> GroupPermissions:
        """The role, platform authorizations and realm authorization of a group.

        Example::

            permissions = api.groups.get_permission("analysts")
            role, realm_rights = permissions.role, permissions.realm_authorization
        """
        warn_verify_ssl(verify_ssl)
        with translate_not_found("group", group_name):
            response = self._transport.request("GET", self._security_url(group_name))
        return answer_model(GroupPermissions, response.content, what="the permissions of a group")

    def create(self, group_name: str, users: Sequence[str], verify_ssl: bool | None = None) -> bool:
        """Create a group with these members (logins).

        Example::

            api.groups.create("analysts", ["alice", "bob"])
        """
        warn_verify_ssl(verify_ssl)
        if not isinstance(group_name, str) or not group_name.strip():
            raise InvalidInputError("a group needs a non-empty name")
        if isinstance(users, str):
            raise InvalidInputError("users is a list of logins, not one string")
        body = {"name": group_name, "users": builtins.list(users)}
        self._transport.request("POST", self._auth_url(), json_body=body)
        return True

    def edit_permission(
        self,
        group_name: str,
        authorizations: Sequence[GroupAuthorization | Mapping[str, Any]] | None = None,
        realm_authorization: RealmAuthorization | Mapping[str, Any] | None = None,
        verify_ssl: bool | None = None,
    ) -> bool:
        """Replace a group's platform ``authorizations`` and/or ``realm_authorization``.

        ``None`` keeps the current value; an empty list or dict is sent as such, so authorizations can be
        cleared (2.x silently kept them). Values are models or the platform's JSON dicts.

        Example::

            api.groups.edit_permission(
                "analysts",
                realm_authorization={
                    "permissions": [{"artifact": {"type": "TECHNOLOGY_CATALOG"}, "role": "ROLE_ACCESS"}]
                },
            )
        """
        warn_verify_ssl(verify_ssl)
        current = self.get_permission(group_name)
        body = current.to_json_dict()
        payload = {
            "role": body.get("role"),
            "authorizations": _json_value(authorizations)
            if authorizations is not None
            else body.get("authorizations", []),
            "realmAuthorization": _json_value(realm_authorization)
            if realm_authorization is not None
            else body.get("realmAuthorization"),
        }
        with translate_not_found("group", group_name):
            self._transport.request("PUT", self._security_url(group_name), json_body=payload)
        return True

    def delete(self, group_name: str, verify_ssl: bool | None = None) -> bool:
        """Delete a group (its members stay; NotFoundError when there is no such group).

        Example::

            api.groups.delete("analysts")
        """
        warn_verify_ssl(verify_ssl)
        with translate_not_found("group", group_name):
            self._transport.request("DELETE", self._auth_url(group_name))
        return True

    def export(
        self,
        output_folder: str | os.PathLike[str],
        error_folder: str | os.PathLike[str] = "",
        verify_ssl: bool | None = None,
    ) -> bool:
        """Write the groups in the 2.x layout: ``groups.json``, ``groups/user_<name>.json`` (members) and
        ``groups/perm_<name>.json`` (permissions), every file atomically and inside ``output_folder``.

        Returns False when some group could not be read (its name goes to
        ``<error_folder>/groups/groups_error.txt``); listing failures are raised.

        Example::

            api.groups.export("backup/", error_folder="errors/")
        """
        warn_verify_ssl(verify_ssl)
        groups = self.list()
        complete = True
        for group in groups:
            try:
                users = self.get_users(group.name)
                permissions = self.get_permission(group.name)
            except SaagieError as error:
                complete = False
                logger.warning("could not export group %r: %s", group.name, error)
                append_error(error_folder, "groups", f"{group.name}: {error}")
                continue
            file_name = entity_file_name(group.name)
            write_json(output_folder, f"groups/user_{file_name}.json", users.to_json_dict())
            write_json(output_folder, f"groups/perm_{file_name}.json", permissions.to_json_dict())
        write_json(output_folder, "groups.json", [group.to_json_dict() for group in groups])
        return complete

    def import_from_json(
        self,
        path_to_folder: str | os.PathLike[str],
        error_folder: str | os.PathLike[str] = "",
        verify_ssl: bool | None = None,
    ) -> bool:
        """Create the groups of an export folder that do not exist yet, with their members and realm
        authorization (platform authorizations name platform-specific ids, so they start empty, as in 2.x).

        Existence is read from the group list (2.x took any answer but HTTP 500 as "exists"). Members that
        do not exist on this platform are left out. Returns False when some groups failed; their names go to
        ``<error_folder>/groups/groups_error.txt``. A file leading out of the folder (a symbolic link) raises
        UnsafePathError before any request.

        Example::

            ok = api.groups.import_from_json("backup/", error_folder="errors/")
        """
        warn_verify_ssl(verify_ssl)
        folder = Path(path_to_folder)
        content = read_json(folder / "groups.json", "groups file")
        try:
            wanted = _GROUPS.validate_python(content)
        except ValidationError as error:
            raise InvalidInputError(f"{str(folder / 'groups.json')!r} is not a groups export: {error}") from None
        for group in wanted:  # a group file leading out of the folder (a symlink) is refused before any request
            if not group.protected:
                for prefix in ("user", "perm"):
                    safe_path(folder, f"groups/{prefix}_{entity_file_name(group.name)}.json")
        existing = {group.name for group in self.list()}
        users_url = rest_url(self._api.settings.url_saagie, "auth/api/users")
        logins = {user.login for user in _USERS.validate_json((self._transport.request("GET", users_url)).content)}
        failed: builtins.list[str] = []
        for group in wanted:
            if group.protected or group.name in existing:
                continue
            file_name = entity_file_name(group.name)
            try:
                members = GroupUsers.model_validate(
                    read_json(folder / "groups" / f"user_{file_name}.json", "group file")
                )
                permissions = GroupPermissions.model_validate(
                    read_json(folder / "groups" / f"perm_{file_name}.json", "group file")
                )
                self.create(group.name, [login for login in members.users if login in logins])
                self.edit_permission(
                    group.name,
                    authorizations=[],
                    realm_authorization=permissions.realm_authorization or RealmAuthorization(),
                )
            except (SaagieError, ValidationError) as error:
                failed.append(group.name)
                logger.warning("could not import group %r: %s", group.name, error)
                append_error(error_folder, "groups", f"{group.name}: {error}")
        return not failed
