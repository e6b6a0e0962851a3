"""Environment variables by scope (GLOBAL, PROJECT, PIPELINE, JOB, APP)."""

from __future__ import annotations

import re
from typing import Any

from ..errors import ValidationError
from ..model import EnvVar, new_id
from .base import Caller, Domain

__all__ = ["EnvVarsBackend"]

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_ORDER = {"GLOBAL": 0, "PROJECT": 1, "PIPELINE": 2, "JOB": 2, "APP": 2}


def _check_name(name: str) -> None:
    if not name:
        raise ValidationError("NAME_IS_EMPTY: the variable name must not be empty")
    if not name[0].isalpha():
        raise ValidationError(f"NAME_DOESNT_START_WITH_LETTER: '{name}' must start with a letter")
    if not _NAME.match(name):
        raise ValidationError(f"NAME_CONTAINS_INVALID_CHARACTERS: '{name}' may contain letters, digits and _")
    if len(name) > 255:
        raise ValidationError("TOO_LONG_NAME: the variable name is longer than 255 characters")


class EnvVarsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def project_of(self, scope: str, entity_id: str) -> str:
        if scope == "PROJECT":
            return self.store.project(entity_id).id
        if scope == "PIPELINE":
            return self.store.pipeline(entity_id).project_id
        if scope == "JOB":
            return self.store.job(entity_id).project_id
        if scope == "APP":
            return self.store.app(entity_id).project_id
        raise ValidationError(f"Unknown scope {scope}")

    def visible(self, scope: str, entity_id: str | None) -> list[EnvVar]:
        """What an entity sees: globals, then its project's, then its own (lower scopes listed after)."""
        scopes: list[tuple[str, str | None]] = [("GLOBAL", None)]
        if scope != "GLOBAL" and entity_id is not None:
            scopes.append(("PROJECT", self.project_of(scope, entity_id)))
            if scope != "PROJECT":
                scopes.append((scope, str(entity_id)))
        found = [v for v in self.data.env_vars.values() if (v.scope, v.entity_id) in scopes]
        return sorted(found, key=lambda v: (_ORDER[v.scope], v.name))

    def listing(self, scope: str, entity_id: object | None, filter_scope: str | None = None) -> list[EnvVar]:
        found = self.visible(scope, None if entity_id is None else str(entity_id))
        return [v for v in found if filter_scope in (None, v.scope)]

    def overridden(self, variable: EnvVar) -> list[dict[str, Any]]:
        if variable.scope == "GLOBAL":
            return []
        broader = self.visible(variable.scope, variable.entity_id)
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
    def _check_scope(self, scope: str, entity_id: str | None) -> None:
        if scope == "GLOBAL":
            if entity_id is not None:
                raise ValidationError("UNEXPECTED_LINKED_ENTITY_ON_GLOBAL_SCOPE: a global variable has no entity")
        elif entity_id is None:
            raise ValidationError(f"UNEXPECTED_LINKED_ENTITY_ID_IS_NULL: scope {scope} needs an entity id")
        else:
            self.project_of(scope, entity_id)

    def _plan_save(self, entity_id: str | None, values: dict[str, Any], others: list[EnvVar]) -> EnvVar:
        """The variable as it will be after saving ``values`` (an existing one is not touched yet).

        ``others`` are the variables of the same scope and entity that will exist besides this one.
        """
        scope, name = values["scope"], values["name"]
        _check_name(name)
        if values.get("id"):
            existing = self.store.env_var(values["id"])
            if existing.scope != scope or existing.entity_id != entity_id:
                raise ValidationError("The variable does not belong to this scope")
            if any(v.name == name and v.id != existing.id for v in others):
                raise ValidationError(f"NAME_ALREADY_USED: '{name}' is already used in this scope")
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
            raise ValidationError(f"NAME_ALREADY_USED: '{name}' is already used in this scope")
        if values.get("value") is None and not values.get("is_password"):
            raise ValidationError("NULL_VALUE_UNEXPECTED: a variable needs a value")
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
            self._check_scope(values["scope"], entity)
            planned = self._plan_save(entity, values, self._in_place(values["scope"], entity))
            return self._apply(planned)

    def delete(self, caller: Caller, env_var_id: object) -> bool:
        with self.store.lock:
            del self.data.env_vars[self.store.env_var(env_var_id).id]
        return True

    def replace_raw(self, caller: Caller, scope: str, raw: str, entity_id: object | None) -> list[EnvVar]:
        entity = None if entity_id is None else str(entity_id)
        wanted: dict[str, str] = {}
        for line in raw.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if "=" not in line:
                raise ValidationError(f"Invalid line '{line}': expected NAME=value")
            key, value = line.split("=", 1)
            wanted[key.strip()] = value
        with self.store.lock:
            current = self._in_place(scope, entity)
            removed = [v for v in current if v.name not in wanted and not v.is_password]
            kept = [v for v in current if v not in removed]
            by_name = {v.name: v for v in current}
            if wanted:
                self._check_scope(scope, entity)
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
