"""``api.users``: platform users (REST).

This file is the single source: ``saagieapi/_sync/users.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .._core.responses import answer_model, answer_value
from .._export_files import append_error, read_json, write_json
from .._http import logger
from .._rest import rest_url, translate_not_found, warn_verify_ssl
from ..errors import InvalidInputError, SaagieError
from ..models import UserEmail
from ..rest_models import Group, User
from .resource import AsyncResource

__all__ = ["AsyncUsers"]

_USERS = TypeAdapter(list[User])
_GROUPS = TypeAdapter(list[Group])


class AsyncUsers(AsyncResource):
    """Methods of ``api.users``: the users of the realm (REST API, ``Saagie-Realm`` header and bearer token).

    User names are percent-encoded in URLs, so any login works (``a/b c`` included).
    """

    def _url(self, *names: str) -> str:
        return rest_url(self._api.settings.url_saagie, "auth/api/users", *names)

    async def list(self, verify_ssl: bool | None = None) -> builtins.list[User]:
        """Every user of the realm with roles, platforms and groups.

        Example::

            logins = [user.login for user in await api.users.list()]
        """
        warn_verify_ssl(verify_ssl)
        response = await self._transport.request("GET", self._url())
        return answer_value(_USERS, response.content, what="the list of users")

    async def list_by_realm(self) -> builtins.list[UserEmail]:
        """Login and e-mail address of every user of the realm (read through the projects API).

        Example::

            emails = {user.login: user.email for user in await api.users.list_by_realm()}
        """
        return [user for user in await self._client.list_users_by_realm() or [] if user is not None]

    async def get_info(self, user_name: str, verify_ssl: bool | None = None) -> User:
        """One user (NotFoundError when there is no such login).

        Example::

            roles = (await api.users.get_info("alice")).roles
        """
        warn_verify_ssl(verify_ssl)
        with translate_not_found("user", user_name):
            response = await self._transport.request("GET", self._url(user_name))
        return answer_model(User, response.content, what="a user")

    async def create(
        self,
        user_name: str,
        password: str,
        platforms: Sequence[Any] | None = None,
        roles: Sequence[str] | None = None,
        groups: Sequence[str] | None = None,
        *,
        verify_ssl: bool | None = None,
    ) -> bool:
        """Create a user. ``roles`` defaults to ``["ROLE_READER"]``; ``platforms`` and ``groups`` to none.

        An explicit empty list is sent as such (2.x replaced ``roles=[]`` by the default).

        Example::

            await api.users.create("bob", "Temp-Passw0rd!", roles=["ROLE_READER"], groups=["analysts"])
        """
        warn_verify_ssl(verify_ssl)
        if not isinstance(user_name, str) or not user_name.strip():
            raise InvalidInputError("a user needs a non-empty login")
        if not isinstance(password, str) or not password:
            raise InvalidInputError(f"user {user_name!r} needs a non-empty password")
        body = {
            "login": user_name,
            "password": password,
            "platforms": builtins.list(platforms) if platforms is not None else [],
            "roles": builtins.list(roles) if roles is not None else ["ROLE_READER"],
            "groups": builtins.list(groups) if groups is not None else [],
        }
        self._transport.redact.add(password)
        await self._transport.request("POST", self._url(), json_body=body)
        return True

    async def delete(self, user_name: str, verify_ssl: bool | None = None) -> bool:
        """Delete a user (NotFoundError when there is no such login).

        Example::

            await api.users.delete("bob")
        """
        warn_verify_ssl(verify_ssl)
        with translate_not_found("user", user_name):
            await self._transport.request("DELETE", self._url(user_name))
        return True

    async def edit_password(
        self, user_name: str, previous_pwd: str, new_pwd: str, verify_ssl: bool | None = None
    ) -> bool:
        """Change a user's password (the current one is required).

        Example::

            await api.users.edit_password("bob", "Temp-Passw0rd!", "My-0wn-Passw0rd!")
        """
        warn_verify_ssl(verify_ssl)
        if not new_pwd:
            raise InvalidInputError("the new password is empty")
        self._transport.redact.add(previous_pwd)
        self._transport.redact.add(new_pwd)
        url = rest_url(self._api.settings.url_saagie, "authentication/api/open/password/change")
        body = {"login": user_name, "oldPassword": previous_pwd, "newPassword": new_pwd}
        await self._transport.request("PUT", url, json_body=body)
        return True

    async def export(self, output_folder: str | os.PathLike[str], verify_ssl: bool | None = None) -> bool:
        """Write every user to ``<output_folder>/users.json`` (the 2.x layout); errors are raised.

        Example::

            await api.users.export("backup/")
        """
        warn_verify_ssl(verify_ssl)
        users = await self.list()
        write_json(output_folder, "users.json", [user.to_json_dict() for user in users])
        return True

    async def import_from_json(
        self,
        json_file: str | os.PathLike[str],
        temp_pwd: str,
        error_folder: str | os.PathLike[str] = "",
        verify_ssl: bool | None = None,
    ) -> bool:
        """Create the users of a ``users.json`` export that do not exist yet, all with password ``temp_pwd``.

        Protected users are skipped; each user keeps its roles, platforms and the groups that already exist
        (group membership is completed when the groups are imported). Returns False when some users could not
        be created; their logins go to ``<error_folder>/users/users_error.txt``. The temporary password is
        never logged.

        Example::

            ok = await api.users.import_from_json("backup/users.json", "Temp-Passw0rd!", error_folder="errors/")
        """
        warn_verify_ssl(verify_ssl)
        content = read_json(json_file, "users file")
        try:
            wanted = _USERS.validate_python(content)
        except ValidationError as error:
            raise InvalidInputError(f"{str(json_file)!r} is not a users export: {error}") from None
        if not temp_pwd:
            raise InvalidInputError("temp_pwd (the password given to imported users) is empty")
        existing = {user.login for user in await self.list()}
        groups_url = rest_url(self._api.settings.url_saagie, "auth/api/groups")
        response = await self._transport.request("GET", groups_url)
        groups = {group.name for group in answer_value(_GROUPS, response.content, what="the list of groups")}
        failed: builtins.list[str] = []
        for user in wanted:
            if user.protected or user.login in existing:
                continue
            try:
                await self.create(
                    user.login,
                    temp_pwd,
                    platforms=user.platforms,
                    roles=user.roles,
                    groups=[group for group in user.groups if group in groups],
                )
            except SaagieError as error:
                failed.append(user.login)
                logger.warning("could not import user %r: %s", user.login, error)
                append_error(error_folder, "users", f"{user.login}: {error}")
        return not failed
