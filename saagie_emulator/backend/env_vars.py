"""Environment variables by scope (GLOBAL, PROJECT, PIPELINE, JOB, APP)."""

from __future__ import annotations

import re
from typing import Any

from ..errors import BusinessError
from ..model import EnvVar, new_id
from ..rules import book as r
from .authz import EDITOR, VIEWER
from .base import Caller, Domain

__all__ = ["EnvVarsBackend"]

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_ORDER = {"GLOBAL": 0, "PROJECT": 1, "PIPELINE": 2, "JOB": 2, "APP": 2}


_ENTITY_REASONS = {"PROJECT": "PROJECT_IS_NOT_FOUND", "APP": "APP_IS_NOT_FOUND", "JOB": "JOB_IS_NOT_FOUND"}
_KINDS = {"PROJECT": "Project", "PIPELINE": "Pipeline", "JOB": "Job", "APP": "App"}


def _check_name(name: str) -> None:
    if not name:
        raise r.ENV_NAME_IS_EMPTY.error()
    if not name[0].isalpha():
        raise r.ENV_NAME_NOT_LETTER.error(name=name)
    if not _NAME.match(name):
        raise r.ENV_NAME_INVALID.error(name=name)
    if len(name) > 255:
        raise r.ENV_NAME_TOO_LONG.error()


class EnvVarsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def project_of(self, scope: str, entity_id: str) -> str:
        """The project of the entity a variable of ``scope`` belongs to (refused when it does not exist)."""
        tables: dict[str, dict[str, Any]] = {
            "PROJECT": self.data.projects,
            "PIPELINE": self.data.pipelines,
            "JOB": self.data.jobs,
            "APP": self.data.apps,
        }
        entity = tables[scope].get(str(entity_id))
        if entity is None:
            reason = _ENTITY_REASONS.get(scope)
            if reason is None:
                raise r.NOT_FOUND.error(kind=_KINDS[scope], key=entity_id)
            raise r.ENV_ENTITY_NOT_FOUND.error(reason=reason, kind=_KINDS[scope], key=entity_id)
        return str(getattr(entity, "project_id", getattr(entity, "id", "")))

    def invalid_reasons(self, variable: EnvVar) -> list[dict[str, str]] | None:
        """``invalidReasons``: why a stored variable breaks the name rules, or None ("otherwise null")."""
        try:
            _check_name(variable.name)
        except BusinessError as error:
            code = error.rule.code if error.rule else "NAME_CONTAINS_INVALID_CHARACTERS"
            return [{"type": code, "concerned_property": "name", "message": error.message}]
        return None

    def visible(self, scope: str, entity_id: str | None) -> list[EnvVar]:
        """What an entity sees: globals, then its project's, then its own (lower scopes listed after)."""
        scopes: list[tuple[str, str | None]] = [("GLOBAL", None)]
        if scope != "GLOBAL" and entity_id is not None:
            scopes.append(("PROJECT", self.project_of(scope, entity_id)))
            if scope != "PROJECT":
                scopes.append((scope, str(entity_id)))
        found = [v for v in self.data.env_vars.values() if (v.scope, v.entity_id) in scopes]
        return sorted(found, key=lambda v: (_ORDER[v.scope], v.name))

    def listing(
        self, caller: Caller, scope: str, entity_id: object | None, filter_scope: str | None = None
    ) -> list[EnvVar] | None:
        """What ``*EnvironmentVariables`` answer: None when the entity is absent or hidden from the caller."""
        if scope == "GLOBAL":
            self.authz.require_creator(caller, "globalEnvironmentVariables")
        else:
            try:
                project_id = self.project_of(scope, str(entity_id))
            except BusinessError:
                return None
            if not self.authz.can(caller, self.data.projects.get(project_id), VIEWER):
                return None
        found = self.visible(scope, None if entity_id is None else str(entity_id))
        return [v for v in found if filter_scope in (None, v.scope)]

    def overridden(self, variable: EnvVar, memo: dict[Any, Any] | None = None) -> list[dict[str, Any]]:
        """The values of broader scopes that ``variable`` overrides.

        ``memo`` (one read-only request's): the variables an entity sees, grouped by name, are computed once
        per entity instead of once per listed variable (a listing of n variables was n scans of all of them).
        """
        if variable.scope == "GLOBAL":
            return []
        if memo is None:
            broader = self.visible(variable.scope, variable.entity_id)
        else:
            key = ("env_vars.visible_by_name", variable.scope, variable.entity_id)
            by_name = memo.get(key)
            if by_name is None:
                by_name = {}
                for seen in self.visible(variable.scope, variable.entity_id):
                    by_name.setdefault(seen.name, []).append(seen)
                memo[key] = by_name
            broader = by_name.get(variable.name, [])
        return [
            {
                "scope": v.scope,
                "id": v.id,
                "value": None if v.is_password else v.value,
                "description": v.description,
                "is_password": v.is_password,
            }
            for v in broader
            if v.name == variable.name and _ORDER[v.scope] < _ORDER[variable.scope]
        ]

    # ------------------------------------------------------------------ saving
    def _check_scope(self, caller: Caller, scope: str, entity_id: str | None, operation: str) -> None:
        """The entity exists and the caller may change its variables."""
        if scope == "GLOBAL":
            if entity_id is not None:
                raise r.ENV_GLOBAL_WITH_ENTITY.error()
            self.authz.require_global_env_editor(caller, operation)
        elif entity_id is None:
            raise r.ENV_ENTITY_MISSING.error(scope=scope)
        else:
            project_id = self.project_of(scope, entity_id)
            self.authz.require(caller, self.store.project(project_id), EDITOR, operation)

    def _plan_save(self, entity_id: str | None, values: dict[str, Any], others: list[EnvVar]) -> EnvVar:
        """The variable as it will be after saving ``values`` (an existing one is not touched yet).

        ``others`` are the variables of the same scope and entity that will exist besides this one.
        """
        scope, name = values["scope"], values["name"]
        _check_name(name)
        if values.get("id"):
            existing = self.store.env_var(values["id"])
            if existing.scope != scope or existing.entity_id != entity_id:
                # The id names no variable of this scope and entity.
                raise r.NOT_FOUND.error(kind=f"EnvironmentVariable of scope {scope}", key=values["id"])
            if any(v.name == name and v.id != existing.id for v in others):
                raise r.ENV_NAME_TAKEN.error(name=name)
            planned = EnvVar(**vars(existing))
            planned.name = name
            keeps_secret = values.get("value") is None and (values.get("is_password") or existing.is_password)
            if "value" in values and not keeps_secret:
                planned.value = values["value"]
            if "description" in values:
                planned.description = values["description"]
            planned.is_password = bool(values["is_password"])
            return planned
        if any(v.name == name for v in others):
            raise r.ENV_NAME_TAKEN.error(name=name)
        if values.get("value") is None and not values.get("is_password"):
            raise r.ENV_NULL_VALUE.error()
        return EnvVar(
            id=new_id(),
            name=name,
            scope=scope,
            entity_id=entity_id,
            value=values.get("value"),
            description=values.get("description"),
            is_password=bool(values["is_password"]),
        )

    def _apply(self, planned: EnvVar) -> EnvVar:
        existing = self.data.env_vars.get(planned.id)
        if existing is None:
            self.data.env_vars[planned.id] = planned
            return planned
        for key, value in vars(planned).items():
            setattr(existing, key, value)
        return existing

    def _in_place(self, scope: str, entity_id: str | None) -> list[EnvVar]:
        return [v for v in self.data.env_vars.values() if v.scope == scope and v.entity_id == entity_id]

    def save(self, caller: Caller, entity_id: object | None, values: dict[str, Any]) -> EnvVar:
        entity = None if entity_id is None else str(entity_id)
        with self.store.lock:
            self._check_scope(caller, values["scope"], entity, "saveEnvironmentVariable")
            planned = self._plan_save(entity, values, self._in_place(values["scope"], entity))
            return self._apply(planned)

    def delete(self, caller: Caller, env_var_id: object) -> bool:
        with self.store.lock:
            variable = self.store.env_var(env_var_id)
            self._check_scope(caller, variable.scope, variable.entity_id, "deleteEnvironmentVariable")
            del self.data.env_vars[variable.id]
        return True

    def replace_raw(self, caller: Caller, scope: str, raw: str, entity_id: object | None) -> list[EnvVar]:
        entity = None if entity_id is None else str(entity_id)
        wanted: dict[str, str] = {}
        for line in raw.splitlines():
            if not line.strip():
                continue
            if "=" not in line:
                raise r.ENV_RAW_LINE.error(line=line)
            key, value = line.split("=", 1)
            wanted[key.strip()] = value
        with self.store.lock:
            current = self._in_place(scope, entity)
            removed = [v for v in current if v.name not in wanted and not v.is_password]
            kept = [v for v in current if v not in removed]
            by_name = {v.name: v for v in current}
            self._check_scope(caller, scope, entity, "replaceEnvironmentVariablesByRawForScope")
            planned: list[EnvVar] = []
            for key, value in wanted.items():
                existing = by_name.get(key)
                values: dict[str, Any] = {"name": key, "scope": scope, "value": value, "is_password": False}
                if existing is not None:
                    values.update(id=existing.id, is_password=existing.is_password, description=existing.description)
                others = [v for v in kept if existing is None or v.id != existing.id]
                others = [*[v for v in others if v.id not in {p.id for p in planned}], *planned]
                planned.append(self._plan_save(entity, values, others))
            # Nothing can be refused from here on.
            for variable in removed:
                del self.data.env_vars[variable.id]
            for variable in planned:
                self._apply(variable)
            return self._in_place(scope, entity)
