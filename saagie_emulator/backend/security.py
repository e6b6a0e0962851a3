"""Users, groups with their permissions, and profiles (the platform's REST security API)."""

from __future__ import annotations

from typing import Any

from ..errors import RestRefusal
from ..model import Group, Profile, User
from .base import Caller, Domain

__all__ = ["SecurityBackend"]


class SecurityBackend(Domain):
    # ------------------------------------------------------------------ users
    def users(self) -> list[User]:
        return list(self.data.users.values())

    def user(self, login: str) -> User:
        user = self.data.users.get(login)
        if user is None:
            raise RestRefusal(404, "User not found")
        return user

    def create_user(self, caller: Caller, body: dict[str, Any]) -> User:
        login, password = body.get("login"), body.get("password")
        if not login or not password:
            raise RestRefusal(400, "login and password are required")
        with self.store.lock:
            if login in self.data.users:
                raise RestRefusal(409, f"User {login} already exists")
            unknown = [g for g in body.get("groups") or [] if g not in self.data.groups]
            if unknown:
                raise RestRefusal(400, f"Unknown groups: {unknown}")
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
            user = self.user(login)
            if user.protected:
                raise RestRefusal(403, f"User {login} is protected")
            del self.data.users[login]
            self.data.profiles.pop(login, None)
            for group in self.data.groups.values():
                if login in group.users:
                    group.users.remove(login)

    def change_password(self, caller: Caller, body: dict[str, Any]) -> None:
        with self.store.lock:
            user = self.data.users.get(str(body.get("login")))
            if user is None or user.password != body.get("oldPassword"):
                raise RestRefusal(400, "Wrong login or password")
            if not body.get("newPassword"):
                raise RestRefusal(400, "newPassword is required")
            user.password = str(body["newPassword"])

    # ------------------------------------------------------------------ groups
    def groups(self) -> list[Group]:
        return list(self.data.groups.values())

    def group(self, name: str, *, missing_status: int = 404) -> Group:
        group = self.data.groups.get(name)
        if group is None:
            raise RestRefusal(missing_status, "Group not found")
        return group

    def create_group(self, caller: Caller, body: dict[str, Any]) -> Group:
        name = body.get("name")
        if not name:
            raise RestRefusal(400, "name is required")
        users = list(body.get("users") or [])
        with self.store.lock:
            if name in self.data.groups:
                raise RestRefusal(409, f"Group {name} already exists")
            unknown = [u for u in users if u not in self.data.users]
            if unknown:
                raise RestRefusal(400, f"Unknown users: {unknown}")
            group = Group(name=name, users=users)
            self.data.groups[name] = group
            for login in users:
                self.data.users[login].groups.append(name)
        return group

    def delete_group(self, caller: Caller, name: str) -> None:
        with self.store.lock:
            group = self.group(name)
            if group.protected:
                raise RestRefusal(403, f"Group {name} is protected")
            del self.data.groups[name]
            for user in self.data.users.values():
                if name in user.groups:
                    user.groups.remove(name)

    def set_permissions(self, caller: Caller, name: str, body: dict[str, Any]) -> None:
        with self.store.lock:
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
            raise RestRefusal(404, "Profile not found")
        return found

    def edit_profile(self, caller: Caller, login: str, body: dict[str, Any]) -> Profile:
        with self.store.lock:
            found = self.profile(login)
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
