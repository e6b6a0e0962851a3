"""Reading an export for the import (no request): the folder checked, its JSON files and artifacts loaded.

This file is the single source: ``saagieapi/_sync/project_import_folder.py`` is generated from it (``make codegen``).

Every file of the folder is read and checked (paths, JSON, artifacts) before the first request, so a
hostile or broken folder raises a typed error and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import ExportFormatError
from ..export_layout import (
    artifact_of_version,
    current_version,
    entity_folders,
    iter_variables,
    read_export_json,
    safe_path,
    sorted_versions,
)

__all__ = [
    "JobPlan",
    "check_project_folder",
    "exported_alerting",
    "exported_resources",
    "load_job",
    "load_project",
    "pipeline_alias",
    "single_entity_file",
]


class JobPlan:
    """A checked job of an export: its JSON and the artifact file of each version (None: none)."""

    def __init__(self, path: Path, content: dict[str, Any], artifacts: dict[int, Path | None]) -> None:
        self.path = path
        self.content = content
        self.artifacts = artifacts


def load_job(root: Path, folder: Path, json_file: Path) -> JobPlan:
    """Read and check one ``job.json`` and its artifacts (no request)."""
    content = read_export_json(json_file, root, required=("name",))
    current_version(content, json_file)
    artifacts = {int(v.get("number") or 0): artifact_of_version(folder, root, v) for v in sorted_versions(content)}
    return JobPlan(json_file, content, artifacts)


def load_project(root: Path) -> dict[str, Any]:
    """Read and check a whole project folder (no request): ``{"project", "jobs", "pipelines", "apps", ...}``."""
    project = read_export_json(safe_path(root, "project.json"), root, required=("name",))
    plan: dict[str, Any] = {"project": project}
    plan["jobs"] = [load_job(root, folder, path) for folder, path in entity_folders(root, "jobs", "job.json")]
    plan["pipelines"] = []
    for _, path in entity_folders(root, "pipelines", "pipeline.json"):
        content = read_export_json(path, root, required=("name",))
        current_version(content, path)
        plan["pipelines"].append((path, content, list(iter_variables(path.parent, "env_vars"))))
    plan["apps"] = []
    for _, path in entity_folders(root, "apps", "app.json"):
        content = read_export_json(path, root, required=("name",))
        plan["apps"].append((path, content, list(iter_variables(path.parent, "env_vars"))))
    plan["env_vars"] = list(iter_variables(root, "env_vars"))
    plan["docker_credentials"] = [
        read_export_json(path, root, required=("username",))
        for _, path in entity_folders(root, "docker_credentials", "docker_credentials.json")
    ]
    return plan


def check_project_folder(root: Path) -> Path:
    """The resolved import root; ExportFormatError when it is no folder."""
    if not root.is_dir():
        raise ExportFormatError(f"{str(root)!r} is not a folder", path=str(root))
    return root.resolve()


def single_entity_file(root: Path, file_name: str) -> tuple[Path, Path]:
    """``(folder, file)`` of the one ``file_name`` in ``root`` or one level below (2.x searched the folder)."""
    direct = safe_path(root, file_name)
    if direct.is_file():
        return root, direct
    found = [(folder, path) for folder, path in entity_folders(root, ".", file_name)]
    if len(found) != 1:
        raise ExportFormatError(f"{str(root)!r} holds {len(found)} {file_name} files, expected one", path=str(root))
    return found[0]


def pipeline_alias(name: str) -> str:
    """An alias for an exported pipeline without one: its name with only letters, digits and ``_``."""
    return re.sub(r"[^A-Za-z0-9_]", "_", name) or "pipeline"


def exported_resources(value: Any) -> dict[str, Any] | None:
    """The exported ``resources`` without their unset values (None when nothing is left)."""
    if not isinstance(value, Mapping):
        return None
    kept = {k: {kk: vv for kk, vv in v.items() if vv is not None} for k, v in value.items() if isinstance(v, Mapping)}
    return {k: v for k, v in kept.items() if v} or None


def exported_alerting(content: Mapping[str, Any]) -> tuple[list[str] | None, list[str] | None]:
    """``(emails, status_list)`` of an exported entity, ``(None, None)`` without alerting."""
    alerting = content.get("alerting")
    if not isinstance(alerting, Mapping) or not alerting.get("emails"):
        return None, None
    return list(alerting.get("emails") or []), list(alerting.get("statusList") or [])
