# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.env_vars``: environment variables of every scope (GLOBAL, PROJECT, PIPELINE, APP).

This file is the single source: ``saagieapi/_sync/env_vars.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from .._backend import sync_to_thread
from .._core.inputs import EnvironmentVariableInputFields, environment_variable_input
from .._core.statuses import ENV_VAR_SCOPES
from .._generated.projects.enums import EnvVarScope
from ..errors import ExportError, InvalidInputError, NotFoundError
from ..models import EnvVar
from .env_var_aliases import EnvVarAliases
from .reconcile import env_var_created, gone, idempotent, reconciled
from .resource import Resource

__all__ = ["EnvVars"]

SCOPES = ENV_VAR_SCOPES
#: A list of variables (named so that the ``list`` method does not shadow the builtin in annotations).
EnvVarList = list[EnvVar]


def _only(scope: EnvVarScope, scope_only: bool) -> dict[str, EnvVarScope]:
    """The ``scope`` argument of a pipeline or app listing: this scope only, or every scope (omitted)."""
    return {"scope": scope} if scope_only else {}


def _scope_of(value: object) -> str:
    return str(getattr(value, "value", value))


def _entity(
    scope: str, project_id: str | None, pipeline_id: str | None, app_id: str | None
) -> tuple[EnvVarScope, str | None]:
    """Check the scope and return it with the id of the entity it needs (None for GLOBAL)."""
    text = str(getattr(scope, "value", scope)).upper()
    if text not in SCOPES:
        raise InvalidInputError(f"scope {text!r} is invalid: choose among {', '.join(SCOPES)}")
    checked = EnvVarScope(text)
    needed = {
        EnvVarScope.PROJECT: ("project_id", project_id),
        EnvVarScope.PIPELINE: ("pipeline_id", pipeline_id),
        EnvVarScope.APP: ("app_id", app_id),
    }
    if checked is EnvVarScope.GLOBAL:
        return checked, None
    name, value = needed[checked]
    if not value:
        raise InvalidInputError(f"{name} must be given for scope {text}")
    return checked, value


def _write_variable_files(root: Path, chosen: Mapping[str, EnvVar]) -> None:
    """``root/<NAME>/variable.json`` for each variable (password values as ``null``)."""
    for name, var in chosen.items():
        if not name or name in (".", "..") or "/" in name or "\\" in name:
            raise ExportError(f"variable name {name!r} cannot be a folder name")
        content = var.model_dump(by_alias=True, mode="json", exclude={"typename__"})
        if var.is_password:
            content["value"] = None
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "variable.json").write_text(json.dumps(content, indent=4), encoding="utf-8")


class EnvVars(EnvVarAliases, Resource):
    """Methods of ``api.env_vars`` (environment variables of every scope (GLOBAL, PROJECT, PIPELINE, APP))."""

    # -- current API -----------------------------------------------------------------------------------
    def list(
        self,
        scope: str,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
        scope_only: bool = False,
    ) -> EnvVarList:
        """Variables visible at a scope (wider scopes included unless ``scope_only=True``).

        Password values are ``None``: the platform never returns them.

        Example::

            variables = api.env_vars.list("PROJECT", project_id=project_id)
            values = {var.name: var.value for var in variables}  # None for passwords
        """
        checked, entity_id = _entity(scope, project_id, pipeline_id, app_id)
        found: list[EnvVar] | None
        if checked is EnvVarScope.GLOBAL:
            found = list(self._client.list_global_env_vars() or [])
        elif checked is EnvVarScope.PROJECT:
            found = self._client.list_project_env_vars(str(entity_id))
        elif checked is EnvVarScope.PIPELINE:  # scope_only: filtered by the platform, not after sending every wider one
            found = self._client.list_pipeline_env_vars(str(entity_id), **_only(checked, scope_only))
        else:
            found = self._client.list_app_env_vars(str(entity_id), **_only(checked, scope_only))
        if found is None:
            raise NotFoundError(checked.value.lower(), str(entity_id))
        return [var for var in found if not scope_only or _scope_of(var.scope) == checked.value]

    def list_for_job(self, job_id: str) -> EnvVarList:
        """Variables a job sees, from every scope that reaches it (passwords: ``value`` None).

        Example::

            names = [var.name for var in api.env_vars.list_for_job(job_id)]
        """
        found = self._client.list_job_env_vars(job_id=job_id)
        if found is None:
            raise NotFoundError("job", job_id)
        return list(found)

    def get(
        self,
        scope: str,
        name: str,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
        scope_only: bool = False,
    ) -> EnvVar:
        """The variable named ``name`` visible at a scope (the most specific one); NotFoundError if none.

        Example::

            var = api.env_vars.get("PROJECT", "DB_HOST", project_id=project_id)
        """
        found = [v for v in self.list(scope, project_id, pipeline_id, app_id, scope_only) if v.name == name]
        if not found:
            raise NotFoundError("environment variable", name, scope=f"scope {scope}")
        order = {s: i for i, s in enumerate(reversed(SCOPES))}
        return sorted(found, key=lambda v: order.get(_scope_of(v.scope), 99))[0]

    def _own(
        self, scope: str, name: str, project_id: str | None, pipeline_id: str | None, app_id: str | None
    ) -> EnvVar:
        """The variable of exactly this scope (never one of a wider scope with the same name)."""
        return self.get(scope, name, project_id, pipeline_id, app_id, scope_only=True)

    def create(
        self,
        scope: str,
        name: str,
        value: str = "DEFAULT_VALUE",
        description: str = "",
        is_password: bool = False,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
    ) -> EnvVar:
        """Create a variable at a scope.

        Example::

            api.env_vars.create("PROJECT", "DB_PASSWORD", "s3cret", is_password=True, project_id=pid)
        """
        scope, entity_id = _entity(scope, project_id, pipeline_id, app_id)
        if not isinstance(name, str) or not name.strip():
            raise InvalidInputError("the variable name is empty")
        sent: EnvironmentVariableInputFields = {
            "name": name,
            "scope": EnvVarScope(scope),
            "value": value,
            "description": description,
            "isPassword": bool(is_password),
        }
        payload = environment_variable_input(sent)
        owner = {"project_id": project_id, "pipeline_id": pipeline_id, "app_id": app_id}
        return reconciled(
            self._api,
            "saveEnvironmentVariable",
            lambda: self._client.save_env_var(payload, entity_id=entity_id),
            lambda: env_var_created(self._api, scope, owner, sent),
        )

    def update(
        self,
        scope: str,
        name: str,
        new_name: str | None = None,
        value: str | None = None,
        description: str | None = None,
        is_password: bool | None = None,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
    ) -> EnvVar:
        """Update the variable ``name`` of exactly this scope; ``None`` keeps a field (a password's value too).

        Example::

            api.env_vars.update("GLOBAL", "REGION", value="eu-west-3")
        """
        scope, entity_id = _entity(scope, project_id, pipeline_id, app_id)
        current = self._own(scope, name, project_id, pipeline_id, app_id)
        fields: EnvironmentVariableInputFields = {
            "id": current.id,
            "name": new_name if new_name is not None else current.name,
            "scope": EnvVarScope(scope),
            "description": description if description is not None else current.description,
            "isPassword": bool(is_password) if is_password is not None else current.is_password,
        }
        if value is not None:
            fields["value"] = value
        elif not current.is_password:
            fields["value"] = current.value
        payload = environment_variable_input(fields)
        return idempotent("saveEnvironmentVariable", lambda: self._client.save_env_var(payload, entity_id=entity_id))

    def create_or_update(
        self,
        scope: str,
        name: str,
        value: str | None = None,
        description: str | None = None,
        is_password: bool | None = None,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
    ) -> EnvVar:
        """Update the variable of this scope if it exists, create it otherwise.

        Example::

            api.env_vars.create_or_update("PROJECT", "DB_HOST", "db.local", project_id=project_id)
        """
        existing = self.list(scope, project_id, pipeline_id, app_id, scope_only=True)
        if any(var.name == name for var in existing):
            return self.update(scope, name, None, value, description, is_password, project_id, pipeline_id, app_id)
        return self.create(
            scope,
            name,
            "DEFAULT_VALUE" if value is None else value,
            description or "",
            bool(is_password),
            project_id,
            pipeline_id,
            app_id,
        )

    def delete(
        self,
        scope: str,
        name: str,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
    ) -> bool:
        """Delete the variable ``name`` of exactly this scope (never a wider-scope one with the same name).

        Example::

            api.env_vars.delete("PIPELINE", "BATCH_SIZE", pipeline_id=pipeline_id)
        """
        current = self._own(scope, name, project_id, pipeline_id, app_id)
        return bool(
            reconciled(
                self._api,
                "deleteEnvironmentVariable",
                lambda: self._client.delete_env_var(current.id),
                lambda: gone(lambda: self._own(scope, name, project_id, pipeline_id, app_id), True),
            )
        )

    def bulk_create_for_pipeline(self, pipeline_id: str, env_vars: Mapping[str, str]) -> EnvVarList:
        """Replace ALL the PIPELINE variables of a pipeline by ``env_vars`` (password variables are kept).

        Example::

            api.env_vars.bulk_create_for_pipeline(pipeline_id, {"BATCH": "100", "MODE": "full"})
        """
        if not isinstance(env_vars, Mapping):
            raise InvalidInputError("env_vars must be a mapping {name: value}")
        for key, val in env_vars.items():
            if not str(key) or "=" in str(key) or "\n" in str(key) or "\n" in str(val):
                raise InvalidInputError(f"invalid variable {key!r}: names hold no '=' nor newline, values no newline")
        raw = "".join(f"{key}={val}\n" for key, val in env_vars.items())
        return list(self._client.replace_env_vars_by_raw(EnvVarScope.PIPELINE, raw, entity_id=pipeline_id) or [])

    # -- export / import (2.x layout: <folder>/<NAME>/variable.json) -----------------------------------
    def export(
        self, project_id: str, output_folder: str | os.PathLike[str], error_folder: str = "", project_only: bool = False
    ) -> bool:
        """Write the variables visible in a project to ``<output_folder>/<NAME>/variable.json``.

        Password values are written as ``null``. A PROJECT variable wins over a GLOBAL one of the same
        name. Raises ExportError (after noting the project id in ``error_folder`` if given) on failure.

        Example::

            api.env_vars.export(project_id, "out/env_vars", project_only=True)
        """
        variables = self.list(EnvVarScope.PROJECT, project_id=project_id, scope_only=project_only)
        chosen: dict[str, EnvVar] = {}
        for var in variables:
            if var.name not in chosen or _scope_of(var.scope) == EnvVarScope.PROJECT.value:
                chosen[var.name] = var
        try:
            # The files are written in a worker thread by the async client (no file I/O in the event loop).
            sync_to_thread(_write_variable_files, Path(output_folder), chosen)
        except (OSError, ExportError) as exc:
            if error_folder:
                errors = Path(error_folder) / "env_vars"
                errors.mkdir(parents=True, exist_ok=True)
                with (errors / "env_vars_error.txt").open("a", encoding="utf-8") as stream:
                    stream.write(f"{project_id}\n")
            raise ExportError(f"export of the variables of project {project_id} failed: {exc}") from exc
        return True

    def import_from_json(
        self,
        json_file: str | os.PathLike[str],
        project_id: str | None = None,
        *,
        pipeline_id: str | None = None,
        app_id: str | None = None,
    ) -> EnvVar:
        """Create the variable described by a ``variable.json`` written by ``export`` (2.x or 3.x).

        PIPELINE and APP variables need ``pipeline_id`` / ``app_id``. A password exported as ``null`` is
        created with an empty value.

        Example::

            api.env_vars.import_from_json("out/env_vars/DB_HOST/variable.json", project_id)
        """
        path = Path(json_file)
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InvalidInputError(f"cannot read variable file {str(path)!r}: {exc}") from exc
        if not isinstance(content, dict) or "name" not in content or "scope" not in content:
            raise InvalidInputError(f"{str(path)!r} is not a variable.json (name and scope expected)")
        return self.create(
            str(content["scope"]),
            str(content["name"]),
            content.get("value") or "",
            content.get("description") or "",
            bool(content.get("isPassword")),
            project_id,
            pipeline_id,
            app_id,
        )
