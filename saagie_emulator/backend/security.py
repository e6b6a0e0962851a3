"""Users, groups with their permissions, and profiles (the platform's REST security API)."""

from __future__ import annotations

import copy
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
            for project in self.data.projects.values():  # its rights in projects are its permissions
                project.authorized_groups = [(g, role) for g, role in project.authorized_groups if g != name]

    def set_permissions(self, caller: Caller, name: str, body: dict[str, Any]) -> None:
        with self.store.lock:
            self.authz.require_admin(caller, "change the permissions of a group", r.ACCESS_REALM_ADMIN)
            group = self.group(name)
            if body.get("role"):
                group.role = str(body["role"])
            if "authorizations" in body and body["authorizations"] is not None:
                kept, rights = self._split_project_rights(list(body["authorizations"]))
                group.authorizations = kept
                for project in self.data.projects.values():
                    others = [(g, role) for g, role in project.authorized_groups if g != name]
                    mine: list[tuple[str, str | None]] = [(name, rights[project.id])] if project.id in rights else []
                    project.authorized_groups = others + mine
            if "realmAuthorization" in body and body["realmAuthorization"] is not None:
                group.realm_authorization = dict(body["realmAuthorization"])

    def authorizations(self, group: Group) -> list[Any]:
        """A group's ``authorizations`` as the security API shows them: what was written, plus its rights in this
        platform's projects (kept with the projects' ``authorizedGroups``) as PROJECT permissions."""
        shown = copy.deepcopy(group.authorizations or [])
        rights: list[dict[str, Any]] = [
            {"artifact": {"type": "PROJECT", "id": project.id}, "role": role or "ROLE_PROJECT_MANAGER"}
            for project in self.data.projects.values()
            for name, role in project.authorized_groups
            if name == group.name
        ]
        if not rights:
            return shown
        entry = next((a for a in shown if isinstance(a, dict) and self._this_platform(a)), None)
        if entry is None:
            entry = {"platformId": int(self.data.platform_id), "platformName": self.data.platform_name}
            shown.append(entry)
        permissions = entry["permissions"] = list(entry.get("permissions") or [])
        present = {
            str(p["artifact"].get("id"))
            for p in permissions
            if isinstance(p, dict) and isinstance(p.get("artifact"), dict) and p["artifact"].get("type") == "PROJECT"
        }
        permissions += [right for right in rights if right["artifact"]["id"] not in present]
        return shown

    def _this_platform(self, authorization: dict[str, Any]) -> bool:
        platform = authorization.get("platformId")
        return platform is None or str(platform) == str(self.data.platform_id)

    def _split_project_rights(self, authorizations: list[Any]) -> tuple[list[Any], dict[str, str]]:
        """``(authorizations without the PROJECT permissions on this platform's projects, {project id: role})``."""
        rights: dict[str, str] = {}
        kept: list[Any] = []
        for authorization in authorizations:
            if not isinstance(authorization, dict) or not self._this_platform(authorization):
                kept.append(authorization)
                continue
            others = []
            for permission in authorization.get("permissions") or []:
                artifact = permission.get("artifact") if isinstance(permission, dict) else None
                target = str(artifact.get("id")) if isinstance(artifact, dict) else ""
                if isinstance(artifact, dict) and artifact.get("type") == "PROJECT" and target in self.data.projects:
                    rights[target] = str(permission.get("role"))
                else:
                    others.append(permission)
            kept.append({**authorization, "permissions": others})
        return kept, rights

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
