"""Who may do what: platform roles and project rights through groups, as the platform documents them.

* **Super-Admin**: ``ROLE_ADMIN`` among the user's roles or the role of one of its groups. It has every right.
* **Project roles** (``ROLE_PROJECT_VIEWER`` < ``ROLE_PROJECT_EDITOR`` < ``ROLE_PROJECT_MANAGER``), the highest of:
  the project's ``authorizedGroups`` the user belongs to (a group given without a role counts as manager:
  the platform's behaviour is not documented, so the emulator allows); a group permission
  ``{artifact: {type: PROJECT, id}, role}`` on this platform; a group permission ``{artifact: {type: PROJECTS},
  role}`` ("in all projects"). The first two are the same data seen from GraphQL and from the security REST API:
  a project's rights are kept in its ``authorized_groups`` and shown as PROJECT permissions of the groups
  (:meth:`AuthzBackend.group_permissions`, ``SecurityBackend.authorizations``), and a PROJECT permission written
  through the REST API lands in the project (``SecurityBackend.set_permissions``). The creator of a project is
  its manager (an assumption, see COVERAGE.md).
* **Project creator**: a group permission ``{artifact: {type: PROJECTS_CREATOR}, role: ROLE_PROJECT_CREATOR}``.
* **Global variables editor**: ``{artifact: {type: PROJECTS_ENVVAR_EDITOR}, role: ROLE_PROJECT_ENVVAR_EDITOR}``.
* **Technology catalog**: the realm permission ``{artifact: {type: TECHNOLOGY_CATALOG}, role: ROLE_ACCESS}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Group, Project
from ..rules import Rule
from ..rules import book as r
from .base import Caller, Domain

__all__ = ["EDITOR", "MANAGER", "ROLE_LEVELS", "VIEWER", "AuthzBackend"]

VIEWER, EDITOR, MANAGER = 1, 2, 3
ROLE_LEVELS = {"ROLE_PROJECT_VIEWER": VIEWER, "ROLE_PROJECT_EDITOR": EDITOR, "ROLE_PROJECT_MANAGER": MANAGER}
_LEVEL_RULES = {VIEWER: r.ACCESS_VIEWER, EDITOR: r.ACCESS_EDITOR, MANAGER: r.ACCESS_MANAGER}


class AuthzBackend(Domain):
    # ------------------------------------------------------------------ what a caller holds
    def groups_of(self, caller: Caller) -> list[Group]:
        user = self.data.users.get(caller.login)
        names = set(user.groups) if user is not None else set()
        return [g for g in self.data.groups.values() if g.name in names or caller.login in g.users]

    def is_admin(self, caller: Caller) -> bool:
        user = self.data.users.get(caller.login)
        if user is None:
            return False
        return "ROLE_ADMIN" in user.roles or any(g.role == "ROLE_ADMIN" for g in self.groups_of(caller))

    def _permissions(self, caller: Caller) -> Iterator[tuple[str, Any, str]]:
        """``(artifact type, artifact id, role)`` of the caller's groups on this platform and realm."""
        for group in self.groups_of(caller):
            yield from self.group_permissions(group)

    def group_permissions(self, group: Group) -> Iterator[tuple[str, Any, str]]:
        """``(artifact type, artifact id, role)`` of one group on this platform and realm (its rights in projects,
        kept with the projects' ``authorizedGroups``, included)."""
        for authorization in group.authorizations or []:
            if not isinstance(authorization, dict):
                continue
            platform = authorization.get("platformId")
            if platform is not None and str(platform) != str(self.data.platform_id):
                continue
            yield from self._read(authorization.get("permissions"))
        realm = group.realm_authorization if isinstance(group.realm_authorization, dict) else {}
        yield from self._read(realm.get("permissions"))
        for project in self.data.projects.values():
            for name, role in project.authorized_groups:
                if name == group.name:
                    yield "PROJECT", project.id, role or "ROLE_PROJECT_MANAGER"

    @staticmethod
    def _read(permissions: Any) -> Iterator[tuple[str, Any, str]]:
        for permission in permissions if isinstance(permissions, list) else []:
            if not isinstance(permission, dict):
                continue
            artifact = permission.get("artifact")
            if isinstance(artifact, dict):
                yield str(artifact.get("type")), artifact.get("id"), str(permission.get("role"))

    def has_permission(self, caller: Caller, artifact_type: str, role: str) -> bool:
        return self.is_admin(caller) or any(
            (kind, granted) == (artifact_type, role) for kind, _, granted in self._permissions(caller)
        )

    def project_level(self, caller: Caller, project: Project) -> int:
        """0 (no right), VIEWER, EDITOR or MANAGER."""
        if self.is_admin(caller) or project.creator == caller.login:
            return MANAGER
        level = 0
        for kind, artifact_id, role in self._permissions(caller):  # authorizedGroups included
            if kind == "PROJECTS" or (kind == "PROJECT" and str(artifact_id) == project.id):
                level = max(level, ROLE_LEVELS.get(role, 0))
        return level

    # ------------------------------------------------------------------ checks
    def can(self, caller: Caller, project: Project | None, level: int = VIEWER) -> bool:
        return project is not None and self.project_level(caller, project) >= level

    def require(
        self, caller: Caller, project: Project, level: int, operation: str, access_rule: Rule | None = None
    ) -> None:
        """Refuse unless the caller holds at least ``level`` in ``project`` (or in all projects)."""
        if self.project_level(caller, project) < level:
            denied = access_rule or _LEVEL_RULES[level]
            raise denied.error(login=caller.login, project=project.name, operation=operation)

    def require_project_id(self, caller: Caller, project_id: str, level: int, operation: str) -> None:
        project = self.data.projects.get(project_id)
        if project is not None:
            self.require(caller, project, level, operation)

    def require_creator(self, caller: Caller, operation: str) -> None:
        if not self.has_permission(caller, "PROJECTS_CREATOR", "ROLE_PROJECT_CREATOR"):
            raise r.ACCESS_CREATOR.error(login=caller.login, operation=operation)

    def require_admin(self, caller: Caller, operation: str, access_rule: Rule) -> None:
        if not self.is_admin(caller):
            raise access_rule.error(login=caller.login, operation=operation)

    def require_global_env_editor(self, caller: Caller, operation: str) -> None:
        if not self.has_permission(caller, "PROJECTS_ENVVAR_EDITOR", "ROLE_PROJECT_ENVVAR_EDITOR"):
            raise r.ACCESS_ENVVAR_EDITOR.error(login=caller.login, operation=operation)

    def require_catalog(self, caller: Caller, operation: str) -> None:
        if not self.has_permission(caller, "TECHNOLOGY_CATALOG", "ROLE_ACCESS"):
            raise r.ACCESS_CATALOG.error(login=caller.login, operation=operation)

    def visible_projects(self, caller: Caller) -> list[Project]:
        """``projects``: "You can only list projects you belong to and projects you have created"."""
        return [p for p in self.data.projects.values() if self.can(caller, p)]
