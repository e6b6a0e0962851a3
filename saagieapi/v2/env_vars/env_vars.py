"""``saagie.env_vars`` of saagieapi 2.x over ``api.env_vars`` of the typed client.

The 15 per-scope methods that 2.x had deprecated are here too; they call the scope-based typed methods and
only ever touch a variable of their own scope (2.x could update or delete a GLOBAL variable of the same name).

Example::

    saagie.env_vars.create("PROJECT", "DB_HOST", value="db", project_id=project_id)
    names = [variable["name"] for variable in saagie.env_vars.list("PROJECT", project_id=project_id)]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import NotFoundError
from .._core import V2Resource, v2_method
from .._select import dump, project, selection
from ..errors import make_output_folder

__all__ = ["EnvVars"]

_FIELDS = "id name scope value description isPassword isValid invalidReasons{type concernedProperty message}"
#: The GLOBAL listing of 2.x has no ``overriddenValues``.
GLOBAL_VARIABLE = _FIELDS
VARIABLE = f"{_FIELDS} overriddenValues{{id scope value description isPassword}}"
SAVED = "id"
#: 2.x raised ValueError for a variable that does not exist in the scope.
MISSING_VARIABLE: dict[Any, tuple[type[Exception], ...]] = {NotFoundError: (NameError, ValueError)}


def _listing(variables: Any, scope: str) -> Any:
    spec = GLOBAL_VARIABLE if str(scope).upper() == "GLOBAL" else VARIABLE
    return project(dump(variables), selection(spec))


class EnvVars(V2Resource):
    """Environment variables of every scope: GLOBAL, PROJECT, PIPELINE, APP (2.x shapes)."""

    _resource = "env_vars"

    # -- current API -----------------------------------------------------------------------------------
    @v2_method(kind="list", raw=True)
    def list(
        self,
        scope: str,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
        scope_only: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """The variables visible at a scope, as a list of dicts (wider scopes too unless ``scope_only``);
        ``None`` when the project, pipeline or app does not exist or cannot be seen (the platform's null, as 2.x)."""
        try:
            variables = self._typed.list(scope, project_id, pipeline_id, app_id, scope_only)
        except NotFoundError as error:
            if scope_only or error.kind != str(scope).lower():
                raise  # 2.x failed with a TypeError on the null listing filtered by scope
            return None
        return _listing(variables, scope)

    @v2_method(kind="dict", raw=True, note="raises NotFoundError when there is no such variable (2.x: None)")
    def get(
        self,
        scope: str,
        name: str,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
        scope_only: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """The variable named ``name`` at a scope, as a dict; ``None`` when there is none (as 2.x)."""
        try:
            variable = self._typed.get(scope, name, project_id, pipeline_id, app_id, scope_only)
        except NotFoundError as error:
            if error.kind == "environment variable":
                return None
            raise
        return _listing(variable, scope)

    @v2_method("saveEnvironmentVariable", SAVED)
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
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``."""
        return self._typed.create(scope, name, value, description, is_password, project_id, pipeline_id, app_id)

    @v2_method("saveEnvironmentVariable", SAVED, errors=MISSING_VARIABLE)
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
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``; ``ValueError`` when the scope has no such variable."""
        return self._typed.update(
            scope, name, new_name, value, description, is_password, project_id, pipeline_id, app_id
        )

    @v2_method("saveEnvironmentVariable", SAVED)
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
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``."""
        return self._typed.create_or_update(
            scope, name, value, description, is_password, project_id, pipeline_id, app_id
        )

    @v2_method("deleteEnvironmentVariable", errors=MISSING_VARIABLE)
    def delete(
        self,
        scope: str,
        name: str,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
    ) -> Any:
        """``{"deleteEnvironmentVariable": True}``; ``ValueError`` when the scope has no such variable."""
        return self._typed.delete(scope, name, project_id, pipeline_id, app_id)

    @v2_method("replaceEnvironmentVariablesByRawForScope", "id scope name value", kind="list")
    def bulk_create_for_pipeline(self, pipeline_id: str, env_vars: Mapping[str, str]) -> Any:
        """Replace the PIPELINE variables of a pipeline by ``env_vars``: ``{"replace...": [{...}]}``."""
        return self._typed.bulk_create_for_pipeline(pipeline_id, env_vars)

    @v2_method(kind="scalar")
    def export(
        self, project_id: str, output_folder: str, error_folder: str | None = "", project_only: bool = False
    ) -> Any:
        """Write ``<output_folder>/<NAME>/variable.json`` for each variable of the project; True when done."""
        make_output_folder(output_folder)
        return self._typed.export(project_id, output_folder, error_folder or "", project_only)

    @v2_method(kind="result", note="returns the variable created")
    def import_from_json(self, json_file: str, project_id: str | None = None) -> bool:
        """Create the variable of an exported ``variable.json``; True when it was created."""
        return bool(self._typed.import_from_json(json_file, project_id))

    # -- deprecated in 2.x: one method per scope ---------------------------------------------------------
    @v2_method(
        "globalEnvironmentVariables",
        GLOBAL_VARIABLE,
        kind="list",
        raw=True,
        replacement="api.env_vars.list",
        note='scope "GLOBAL"',
    )
    def list_globals(self, pprint_result: bool | None = None) -> Any:
        """``{"globalEnvironmentVariables": [...]}``."""
        return {"globalEnvironmentVariables": _listing(self._typed.list("GLOBAL"), "GLOBAL")}

    @v2_method("saveEnvironmentVariable", SAVED, replacement="api.env_vars.create", note='scope "GLOBAL"')
    def create_global(
        self, name: str, value: str = "DEFAULT_VALUE", description: str = "", is_password: bool = False
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``."""
        return self._typed.create("GLOBAL", name, value, description, is_password)

    @v2_method(
        "saveEnvironmentVariable",
        SAVED,
        errors=MISSING_VARIABLE,
        replacement="api.env_vars.update",
        note='scope "GLOBAL"',
    )
    def update_global(
        self,
        name: str,
        new_name: str | None = None,
        value: str | None = None,
        description: str | None = None,
        is_password: bool | None = None,
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}`` (2.13.1 raised TypeError here: fixed)."""
        return self._typed.update("GLOBAL", name, new_name, value, description, is_password)

    @v2_method("saveEnvironmentVariable", SAVED, replacement="api.env_vars.create_or_update", note='scope "GLOBAL"')
    def create_or_update_global(
        self, name: str, value: str | None = None, description: str | None = None, is_password: bool | None = None
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``."""
        return self._typed.create_or_update("GLOBAL", name, value, description, is_password)

    @v2_method(
        "deleteEnvironmentVariable", errors=MISSING_VARIABLE, replacement="api.env_vars.delete", note='scope "GLOBAL"'
    )
    def delete_global(self, name: str) -> Any:
        """``{"deleteEnvironmentVariable": True}``."""
        return self._typed.delete("GLOBAL", name)

    @v2_method(
        "projectEnvironmentVariables",
        VARIABLE,
        kind="list",
        raw=True, replacement="api.env_vars.list", missing="project",
               note='scope "PROJECT"')  # fmt: skip
    def list_for_project(self, project_id: str, pprint_result: bool | None = None) -> Any:
        """``{"projectEnvironmentVariables": [...]}`` (GLOBAL and PROJECT variables)."""
        return {"projectEnvironmentVariables": _listing(self._typed.list("PROJECT", project_id), "PROJECT")}

    @v2_method("saveEnvironmentVariable", SAVED, replacement="api.env_vars.create", note='scope "PROJECT"')
    def create_for_project(
        self,
        project_id: str,
        name: str,
        value: str = "DEFAULT_VALUE",
        description: str = "",
        is_password: bool = False,
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``."""
        return self._typed.create("PROJECT", name, value, description, is_password, project_id=project_id)

    @v2_method(
        "saveEnvironmentVariable",
        SAVED,
        errors=MISSING_VARIABLE,
        replacement="api.env_vars.update",
        note='scope "PROJECT"',
    )
    def update_for_project(
        self,
        project_id: str,
        name: str,
        new_name: str | None = None,
        value: str | None = None,
        description: str | None = None,
        is_password: bool | None = None,
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``; only the PROJECT variable named ``name`` is changed."""
        return self._typed.update("PROJECT", name, new_name, value, description, is_password, project_id=project_id)

    @v2_method("saveEnvironmentVariable", SAVED, replacement="api.env_vars.create_or_update", note='scope "PROJECT"')
    def create_or_update_for_project(
        self,
        project_id: str,
        name: str,
        value: str | None = None,
        description: str | None = None,
        is_password: bool | None = None,
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``."""
        return self._typed.create_or_update("PROJECT", name, value, description, is_password, project_id=project_id)

    @v2_method(
        "deleteEnvironmentVariable", errors=MISSING_VARIABLE, replacement="api.env_vars.delete", note='scope "PROJECT"'
    )
    def delete_for_project(self, project_id: str, name: str) -> Any:
        """``{"deleteEnvironmentVariable": True}``; only the PROJECT variable named ``name`` is deleted."""
        return self._typed.delete("PROJECT", name, project_id=project_id)

    @v2_method(
        "pipelineEnvironmentVariables",
        VARIABLE,
        kind="list",
        raw=True, replacement="api.env_vars.list", missing="pipeline",
               note='scope "PIPELINE"')  # fmt: skip
    def list_for_pipeline(self, pipeline_id: str, pprint_result: bool | None = None) -> Any:
        """``{"pipelineEnvironmentVariables": [...]}`` (GLOBAL, PROJECT and PIPELINE variables)."""
        variables = self._typed.list("PIPELINE", pipeline_id=pipeline_id)
        return {"pipelineEnvironmentVariables": _listing(variables, "PIPELINE")}

    @v2_method("saveEnvironmentVariable", SAVED, replacement="api.env_vars.create", note='scope "PIPELINE"')
    def create_for_pipeline(
        self,
        pipeline_id: str,
        name: str,
        value: str = "DEFAULT_VALUE",
        description: str = "",
        is_password: bool = False,
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``."""
        return self._typed.create("PIPELINE", name, value, description, is_password, pipeline_id=pipeline_id)

    @v2_method(
        "saveEnvironmentVariable",
        SAVED,
        errors=MISSING_VARIABLE,
        replacement="api.env_vars.update",
        note='scope "PIPELINE"',
    )
    def update_for_pipeline(
        self,
        pipeline_id: str,
        name: str,
        new_name: str | None = None,
        value: str | None = None,
        description: str | None = None,
        is_password: bool | None = None,
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``; only the PIPELINE variable named ``name`` is changed."""
        return self._typed.update("PIPELINE", name, new_name, value, description, is_password, pipeline_id=pipeline_id)

    @v2_method("saveEnvironmentVariable", SAVED, replacement="api.env_vars.create_or_update", note='scope "PIPELINE"')
    def create_or_update_for_pipeline(
        self,
        pipeline_id: str,
        name: str,
        value: str | None = None,
        description: str | None = None,
        is_password: bool | None = None,
    ) -> Any:
        """``{"saveEnvironmentVariable": {"id"}}``."""
        return self._typed.create_or_update("PIPELINE", name, value, description, is_password, pipeline_id=pipeline_id)

    @v2_method(
        "deleteEnvironmentVariable", errors=MISSING_VARIABLE, replacement="api.env_vars.delete", note='scope "PIPELINE"'
    )
    def delete_for_pipeline(self, pipeline_id: str, name: str) -> Any:
        """``{"deleteEnvironmentVariable": True}``; only the PIPELINE variable named ``name`` is deleted."""
        return self._typed.delete("PIPELINE", name, pipeline_id=pipeline_id)
