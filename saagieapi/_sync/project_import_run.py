# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""The bookkeeping of an import run (result, id mapping, errors) and the shared steps: docker credentials, variables.

This file is the single source: ``saagieapi/_sync/project_import_run.py`` is generated from it (``make codegen``).

Every object is reported once, with what the run did to it (``created``, ``completed``, ``unchanged``,
``skipped``, ``failed``: see :class:`~saagieapi.export_layout.ImportResult`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._backend import sync_gather_limited
from .._export_files import append_error
from ..errors import InvalidInputError, SaagieError
from ..export_layout import (
    DEFAULT_IMPORT_CONCURRENCY,
    IF_EXISTS,
    ImportResult,
    ProgressCallback,
    ProgressEvent,
    TransferItem,
)

if TYPE_CHECKING:
    from .client import SaagieApi

__all__ = ["ImportRun"]

#: Where each action of an import is listed in the result (``done``, ``skipped``, ``failed``).
_OUTCOMES = {"created": "done", "completed": "done", "unchanged": "skipped", "skipped": "skipped", "failed": "failed"}


class ImportRun:
    """One import run: options, the result being filled, the id mapping; docker credentials and variables."""

    def __init__(
        self,
        api: SaagieApi,
        result: ImportResult,
        root: Path,
        *,
        if_exists: str = "skip",
        error_folder: str | os.PathLike[str] = "",
        concurrency: int = DEFAULT_IMPORT_CONCURRENCY,
        progress: ProgressCallback | None = None,
        docker_credentials_passwords: Mapping[str, str] | None = None,
    ) -> None:
        if if_exists not in IF_EXISTS:
            raise InvalidInputError(f"if_exists must be one of {', '.join(IF_EXISTS)}, not {if_exists!r}")
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
            raise InvalidInputError("concurrency must be a positive number of parallel requests")
        self._api = api
        self.result = result
        self.root = root
        self._if_exists = if_exists
        self._error_folder = error_folder
        self._concurrency = concurrency
        self._progress = progress
        self._passwords = dict(docker_credentials_passwords or {})

    @property
    def upgrading(self) -> bool:
        """``if_exists="upgrade"``: existing objects take the export's current state."""
        return self._if_exists == "upgrade"

    # -- bookkeeping -----------------------------------------------------------------------------------
    def _report(self, item: TransferItem, outcome: str) -> None:
        {"done": self.result.done, "skipped": self.result.skipped, "failed": self.result.failed}[outcome].append(item)
        if item.source_id and item.target_id:
            self.result.id_map[item.source_id] = item.target_id
        if self._progress is not None:
            self._progress(ProgressEvent("import", item, outcome))

    def _record(
        self, action: str, kind: str, name: str, source: str | None, target: str | None = None, reason: str = ""
    ) -> None:
        """Report one object with what the run did to it (see IMPORT_ACTIONS)."""
        self._report(TransferItem(kind, name, source or None, target, reason, action), _OUTCOMES[action])

    def _fail(self, kind: str, element: str, name: str, source_id: str | None, error: BaseException) -> None:
        append_error(self._error_folder, element, source_id or name)
        self._record("failed", kind, name, source_id, reason=str(error))

    def _docker_info(self, info: Any, owner: str) -> dict[str, Any] | None:
        if not isinstance(info, Mapping) or not info.get("image"):
            return None
        result: dict[str, Any] = {"image": info["image"]}
        old = info.get("dockerCredentialsId")
        if old:
            new = self.result.id_map.get(str(old))
            if new:
                result["dockerCredentialsId"] = new
            else:
                self._record("skipped", "docker_credentials", owner, str(old), reason="not recreated")
        return result

    # -- docker credentials ----------------------------------------------------------------------------
    def docker_credentials(self, project_id: str, exported: list[dict[str, Any]]) -> None:
        """Map each exported credential to the target project's (same registry and username), or create it."""
        if not exported:
            return
        existing = self._api.docker_credentials.list_for_project(project_id)
        for content in exported:
            registry, username = content.get("registry") or None, str(content["username"])
            source = str(content.get("id") or "")
            match = next((c for c in existing if (c.registry or None) == registry and c.username == username), None)
            if match is not None:
                self._record("unchanged", "docker_credentials", username, source, match.id, "exists")
                continue
            password = self._passwords.get(f"{registry}/{username}" if registry else username)
            if password is None:
                password = self._passwords.get(username)
            if password is None:
                reason = "its password is not exported: pass it in docker_credentials_passwords"
                self._record("skipped", "docker_credentials", username, source, reason=reason)
                continue
            try:
                created = self._api.docker_credentials.create(project_id, username, password, registry)
            except SaagieError as error:
                self._fail("docker_credentials", "docker_credentials", username, source, error)
                continue
            self._record("created", "docker_credentials", username, source, created.id)

    # -- env vars --------------------------------------------------------------------------------------
    def variables(
        self,
        variables: list[tuple[Path, dict[str, Any]]],
        *,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
        only_scope: str | None = None,
    ) -> None:
        """Create the missing variables; per ``if_exists`` keep or update the existing ones.

        Scopes other than ``only_scope`` are skipped (inherited from a wider scope, imported at their own
        level). The existing variables are listed once per scope, then the variables are saved concurrently.
        """
        owner = {"project_id": project_id, "pipeline_id": pipeline_id, "app_id": app_id}
        wanted: list[dict[str, Any]] = []
        for _, content in variables:
            scope, name = str(content["scope"]), str(content["name"])
            if only_scope is not None and scope != only_scope:
                reason = f"{scope} variable inherited by the {only_scope.lower()}: imported at its own level"
                self._record("skipped", "env_var", name, str(content.get("id") or ""), reason=reason)
                continue
            wanted.append(content)
        existing: dict[str, dict[str, Any] | SaagieError] = {}
        for scope in dict.fromkeys(str(content["scope"]) for content in wanted):
            try:
                listed = self._api.env_vars.list(scope, scope_only=True, **owner)
                existing[scope] = {v.name: v for v in listed}
            except SaagieError as error:
                existing[scope] = error
        sync_gather_limited(
            [functools.partial(self._variable, content, existing[str(content["scope"])], owner) for content in wanted],
            self._concurrency,
        )

    def _variable(
        self, content: dict[str, Any], existing: dict[str, Any] | SaagieError, owner: dict[str, str | None]
    ) -> None:
        scope, name = str(content["scope"]), str(content["name"])
        source = str(content.get("id") or "") or None
        password = bool(content.get("isPassword"))
        value = content.get("value")
        description = content.get("description") or ""
        try:
            if isinstance(existing, SaagieError):
                raise existing
            found = existing.get(name)
            if found is not None:
                same = (found.description or "") == description and bool(found.is_password) == password
                if same and not password:
                    same = (found.value or "") == (value or "")
                if same and password and value is not None:
                    same = False  # a password's value cannot be read back: an exported value is written
                if not self.upgrading or same:
                    self._record("unchanged", "env_var", name, source, found.id, "exists")
                    return
                saved = self._api.env_vars.update(
                    scope,
                    name,
                    None,
                    None if password and value is None else value or "",
                    description,
                    password,
                    **owner,
                )
                self._record("completed", "env_var", name, source, saved.id, "updated to the export's value")
                return
            saved = self._api.env_vars.create(scope, name, value or "", description, password, **owner)
        except SaagieError as error:
            self._fail("env_var", "env_vars", name, source, error)
            return
        if password and value is None:
            reason = "password value not in the export: created empty"
            self._record("skipped", "env_var_value", name, source, saved.id, reason)
        self._record("created", "env_var", name, source, saved.id)
