"""Users, groups with their permissions, and profiles (the platform's REST security API)."""

from __future__ import annotations

from typing import Any

from ..model import Group, Profile, User
from ..rules import book as r
from .base import Caller, Domain

__all__ = ["SecurityBackend"]


class SecurityBackend(Domain):
    # ------------------------------------------------------------------ users
    def users(self) -> list[User]:
        return list(self.data.users.values())

    def user(self, login: str) -> User:
        user = self.data.users.get(login)
        if user is None:
            raise r.USER_NOT_FOUND.error()
        return user

    def create_user(self, caller: Caller, body: dict[str, Any]) -> User:
        with self.store.lock:
            self.authz.require_admin(caller, "create a user", r.ACCESS_REALM_ADMIN)
            login, password = body.get("login"), body.get("password")
            if not login or not password:
                raise r.USER_FIELDS_REQUIRED.error()
            if login in self.data.users:
                raise r.USER_EXISTS.error(login=login)
            unknown = [g for g in body.get("groups") or [] if g not in self.data.groups]
            if unknown:
                raise r.USER_UNKNOWN_GROUPS.error(groups=unknown)
            user = User(
                login=login,
                password=password,
                roles=list(body.get("roles") or ["ROLE_READER"]),
                platforms=list(body.get("platforms") or []),
                groups=list(body.get("groups") or []),
            )
            self.data.users[login] = user
            self.data.profiles[login] = Profile(login=login)
            for group_name in user.groups:
                self.data.groups[group_name].users.append(login)
        return user

    def delete_user(self, caller: Caller, login: str) -> None:
        with self.store.lock:
            self.authz.require_admin(caller, "delete a user", r.ACCESS_REALM_ADMIN)
            user = self.user(login)
            if user.protected:
                raise r.USER_PROTECTED.error(login=login)
            del self.data.users[login]
            self.data.profiles.pop(login, None)
            for group in self.data.groups.values():
                if login in group.users:
                    group.users.remove(login)

    def change_password(self, caller: Caller, body: dict[str, Any]) -> None:
        with self.store.lock:
            user = self.data.users.get(str(body.get("login")))
            if user is None or user.password != body.get("oldPassword"):
                raise r.PASSWORD_WRONG.error()
            if not body.get("newPassword"):
                raise r.PASSWORD_NEW_MISSING.error()
            user.password = str(body["newPassword"])

    # ------------------------------------------------------------------ groups
    def groups(self) -> list[Group]:
        return list(self.data.groups.values())

    def group(self, name: str, *, as_users: bool = False) -> Group:
        """A group by name; ``as_users``: the ``/auth/api/groups/{name}`` lookup, which answers 500 when absent."""
        group = self.data.groups.get(name)
        if group is None:
            raise (r.GROUP_NOT_FOUND_500 if as_users else r.GROUP_NOT_FOUND).error()
        return group

    def create_group(self, caller: Caller, body: dict[str, Any]) -> Group:
        with self.store.lock:
            self.authz.require_admin(caller, "create a group", r.ACCESS_REALM_ADMIN)
            name = body.get("name")
            if not name:
                raise r.GROUP_NAME_REQUIRED.error()
            users = list(body.get("users") or [])
            if name in self.data.groups:
                raise r.GROUP_EXISTS.error(name=name)
            unknown = [u for u in users if u not in self.data.users]
            if unknown:
                raise r.GROUP_UNKNOWN_USERS.error(users=unknown)
            group = Group(name=name, users=users)
            self.data.groups[name] = group
            for login in users:
                self.data.users[login].groups.append(name)
        return group

    def delete_group(self, caller: Caller, name: str) -> None:
        with self.store.lock:
            self.authz.require_admin(caller, "delete a group", r.ACCESS_REALM_ADMIN)
            group = self.group(name)
            if group.protected:
                raise r.GROUP_PROTECTED.error(name=name)
            del self.data.groups[name]
            for user in self.data.users.values():
                if name in user.groups:
                    user.groups.remove(name)

    def set_permissions(self, caller: Caller, name: str, body: dict[str, Any]) -> None:
        with self.store.lock:
            self.authz.require_admin(caller, "change the permissions of a group", r.ACCESS_REALM_ADMIN)
            group = self.group(name)
            if body.get("role"):
                group.role = str(body["role"])
            if "authorizations" in body and body["authorizations"] is not None:
                group.authorizations = list(body["authorizations"])
            if "realmAuthorization" in body and body["realmAuthorization"] is not None:
                group.realm_authorization = dict(body["realmAuthorization"])

    # ------------------------------------------------------------------ profiles
    def profiles(self) -> list[Profile]:
        return list(self.data.profiles.values())

    def profile(self, login: str) -> Profile:
        found = self.data.profiles.get(login)
        if found is None:
            raise r.PROFILE_NOT_FOUND.error()
        return found

    def edit_profile(self, caller: Caller, login: str, body: dict[str, Any]) -> Profile:
        with self.store.lock:
            found = self.profile(login)
            if login != caller.login and not self.authz.is_admin(caller):
                raise r.ACCESS_OWN_PROFILE.error(login=caller.login)
            if "job" in body:
                found.job = body["job"]
            if "email" in body:
                found.email = body["email"]
        return found

    def users_by_realm(self) -> list[dict[str, Any]]:
        data = self.data
        return [
            {
                "login": login,
                "email": (data.profiles[login].email if login in data.profiles else None) or f"{login}@example.com",
            }
            for login in data.users
        ]
