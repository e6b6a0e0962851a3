"""Reading an export for the import (no request): the whole folder parsed, validated and cross-checked first.

Shared by both clients (no request, only reading files); it was ``_async/project_import_folder.py``.

Every JSON file is read with bounds (size, depth; regular files only: a FIFO would block the read), validated
against its typed model (:mod:`saagieapi._core.export_models`), and the references between files are checked
(pipeline -> jobs, job or app -> docker credentials, version numbers -> artifacts). Every problem of the folder
is collected: one :class:`~saagieapi.errors.ExportFormatError` lists them all (file and JSON path), before the
first request. Nothing is passed over silently: a section (``jobs``...) or a ``version`` that is not a folder
and an entity folder without its JSON file are problems too (the import would otherwise succeed without
them). A path leading out of the folder raises :class:`~saagieapi.errors.UnsafePathError` at once.

Artifacts: a 2.x export may hold the artifact of the current version only (``job.json`` lists versions 2
and 1, only ``version/2/`` exists). The versions whose artifact is missing are skipped and reported, the rest
imports; a missing artifact of the *current* version is a problem (MissingArtifactError).
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ._core.export_models import (
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    AppFile,
    DockerCredentialsFile,
    ExportProblem,
    JobFile,
    PipelineFile,
    ProjectFile,
    VariableFile,
    json_depth,
    problems_of,
)
from .errors import ExportFormatError, MissingArtifactError, UnsafePathError
from .export_layout import current_version, entity_folders, safe_path, sorted_versions

__all__ = [
    "EntityPlan",
    "JobPlan",
    "Problems",
    "ProjectPlan",
    "check_project_folder",
    "exported_alerting",
    "exported_resources",
    "load_app",
    "load_job",
    "load_pipeline",
    "load_project",
    "pipeline_alias",
    "single_entity_file",
]

M = TypeVar("M", bound=BaseModel)
#: Problems listed in the message of the error (all of them are in its ``problems``).
LISTED_PROBLEMS = 50


class Problems:
    """The problems found in an export folder so far, each with its file (relative to the folder) and JSON path."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[ExportProblem] = []
        self.missing_artifacts = 0

    def relative(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:
            return str(path)

    def add(self, path: Path, location: str, message: str) -> None:
        self.items.append(ExportProblem(self.relative(path), location, message))

    def raise_if_any(self) -> None:
        """ExportFormatError listing every problem (MissingArtifactError when all are missing artifacts)."""
        if not self.items:
            return
        shown = "\n".join(f"  - {problem}" for problem in self.items[:LISTED_PROBLEMS])
        more = len(self.items) - LISTED_PROBLEMS
        if more > 0:
            shown += f"\n  ... and {more} more"
        message = (
            f"the export {str(self.root)!r} cannot be imported: {len(self.items)} problem(s) found before "
            f"anything was sent (nothing was changed):\n{shown}"
        )
        only_artifacts = self.missing_artifacts == len(self.items)
        error_class = MissingArtifactError if only_artifacts else ExportFormatError
        first = self.items[0]
        raise error_class(message, path=str(self.root / first.file), problems=self.items)


def _strings(value: Any) -> Iterator[tuple[str, str]]:
    """``(JSON path, text)`` of every key and string in ``value``, iteratively."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            for key, child in item.items():
                yield where, str(key)
                stack.append((f"{where}.{key}" if where else str(key), child))
        elif isinstance(item, list):
            stack.extend((f"{where}[{index}]", child) for index, child in enumerate(item))


def _interned_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are shared with every other file's: a project folder of 1,000 jobs holds the
    same few dozen keys 100,000 times (half the memory of its checked plan)."""
    return {sys.intern(key): value for key, value in pairs}


def read_json(path: Path, problems: Problems) -> dict[str, Any] | None:
    """The JSON object of ``path`` (inside the export: checked), or None with the problem recorded.

    Bounded: at most MAX_JSON_BYTES bytes and MAX_JSON_DEPTH levels; no NUL character in any text.
    """
    base = problems.root
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        raise UnsafePathError(f"{str(path)!r} is a symlink loop", path=str(path)) from None
    if resolved != base and base not in resolved.parents:
        raise UnsafePathError(f"{str(path)!r} leads out of the export folder", path=str(path))
    try:
        status = resolved.stat()
        if not stat.S_ISREG(status.st_mode):  # a folder, or a FIFO or device that would block or never end
            problems.add(path, "", "is not a regular file")
            return None
        size = status.st_size
        if size > MAX_JSON_BYTES:
            problems.add(path, "", f"is {size} bytes: larger than the {MAX_JSON_BYTES} bytes a file may have")
            return None
        text = resolved.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(path, "", "is missing")
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.add(path, "", f"cannot be read as UTF-8 text ({type(error).__name__})")
        return None
    try:
        content = json.loads(text, object_pairs_hook=_interned_keys)
    except RecursionError:
        content, reason = None, f"nests deeper than {MAX_JSON_DEPTH} levels"
    except ValueError as error:
        content, reason = None, f"is not valid JSON: {error}"
    else:
        reason = ""
        if json_depth(content) > MAX_JSON_DEPTH:
            content, reason = None, f"nests deeper than {MAX_JSON_DEPTH} levels"
    if content is None or not isinstance(content, dict):
        problems.add(path, "", reason or "must hold a JSON object")
        return None
    for where, string in _strings(content):
        if "\x00" in string:
            problems.add(path, where, "contains a NUL character")
            return None
    return content


def validated(model: type[M], content: dict[str, Any] | None, path: Path, problems: Problems) -> M | None:
    """``content`` checked against ``model``; None with every problem recorded."""
    if content is None:
        return None
    try:
        return model.model_validate(content)
    except ValidationError as error:
        problems.items.extend(problems_of(error, problems.relative(path)))
        return None


@dataclass
class JobPlan:
    """A checked job: its JSON, the versions to import (oldest first) with their artifact, those skipped."""

    path: Path
    content: dict[str, Any]
    artifacts: dict[int, Path | None]
    versions: list[dict[str, Any]]
    current: dict[str, Any]
    skipped: list[tuple[int, str]] = field(default_factory=list)
    #: Versions listing a package while the export holds no artifact at all (2.x exports without files).
    without_artifact: list[int] = field(default_factory=list)


@dataclass
class EntityPlan:
    """A checked pipeline or app: its JSON and its own variables."""

    path: Path
    content: dict[str, Any]
    variables: list[tuple[Path, dict[str, Any]]]


@dataclass
class ProjectPlan:
    """A checked project folder."""

    project: dict[str, Any]
    jobs: list[JobPlan]
    pipelines: list[EntityPlan]
    apps: list[EntityPlan]
    env_vars: list[tuple[Path, dict[str, Any]]]
    docker_credentials: list[dict[str, Any]]


def _artifact(root: Path, folder: Path, version: Mapping[str, Any]) -> Path | None:
    """The artifact file of a version in ``folder/version/<n>/`` (the one file there when names differ)."""
    base = root
    relative = folder.resolve().relative_to(base)
    number = str(version.get("number"))
    name = str((version.get("packageInfo") or {}).get("name"))
    if "/" in name or "\\" in name or name in (".", ".."):
        raise UnsafePathError(f"artifact name {name!r} is not a file name", path=name)
    candidate = safe_path(base, relative / "version" / number / name)
    if candidate.is_file():
        return candidate
    holder = safe_path(base, relative / "version" / number)
    files = (
        [safe_path(base, relative / "version" / number / e.name) for e in os.scandir(holder)] if holder.is_dir() else []
    )
    files = [f for f in files if f.is_file()]
    return files[0] if len(files) == 1 else None  # 2.x took the single file of the folder whatever its name


def load_job(root: Path, folder: Path, json_file: Path, problems: Problems) -> JobPlan | None:
    """Read and check one ``job.json`` and its artifacts (no request); None when it has problems."""
    content = read_json(json_file, problems)
    if validated(JobFile, content, json_file, problems) is None or content is None:
        return None
    current = current_version(content, json_file)
    relative = folder.resolve().relative_to(root)
    version_folder = safe_path(root, relative / "version")
    has_artifacts = version_folder.is_dir()
    if not has_artifacts and os.path.lexists(version_folder):
        problems.add(version_folder, "", "is not a folder (it holds the artifacts, version/<number>/<file>)")
        return None
    artifacts: dict[int, Path | None] = {}
    versions, skipped, without = [], [], []
    for index, version in enumerate(content["versions"]):
        number = int(version["number"])
        package = version.get("packageInfo")
        if not package:
            artifacts[number] = None
        elif not has_artifacts:
            artifacts[number] = None
            without.append(number)
        else:
            found = _artifact(root, folder, version)
            if found is None:
                expected = f"{relative.as_posix()}/version/{number}/{package['name']}"
                if version is current:
                    problems.add(
                        json_file,
                        f"versions[{index}].packageInfo",
                        f"the current version's artifact {expected} is missing",
                    )
                    problems.missing_artifacts += 1
                else:
                    skipped.append((number, f"version {number}: its artifact {expected} is not in the export"))
                continue
            artifacts[number] = found
    versions = [v for v in sorted_versions(content) if int(v["number"]) in artifacts]
    return JobPlan(json_file, content, artifacts, versions, current, skipped, without)


def _entity_files(section_root: Path, section: str, file_name: str, problems: Problems) -> list[tuple[Path, Path]]:
    """``entity_folders``, with what it passes over recorded as problems: ``section`` that is not a folder, an
    entity folder without its JSON file (or with one that is not a regular file). Stray files are ignored."""
    holder = safe_path(section_root, section)
    if not holder.is_dir():
        if os.path.lexists(holder):
            problems.add(holder, "", "is not a folder")
        return []
    found = entity_folders(section_root, section, file_name)
    listed = {folder for folder, _ in found}
    for entry in sorted(os.scandir(holder), key=lambda e: e.name):
        folder = safe_path(section_root, f"{section}/{entry.name}")
        if folder.is_dir() and folder not in listed:
            expected = folder / file_name
            problems.add(expected, "", "is not a regular file" if os.path.lexists(expected) else "is missing")
    return found


def _variables(root: Path, section_root: Path, problems: Problems) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for _, path in _entity_files(section_root, "env_vars", "variable.json", problems):
        content = read_json(path, problems)
        if validated(VariableFile, content, path, problems) is not None and content is not None:
            found.append((path, content))
    return found


def load_pipeline(root: Path, json_file: Path, problems: Problems) -> EntityPlan | None:
    """Read and check one ``pipeline.json`` and the variables next to it."""
    content = read_json(json_file, problems)
    model = validated(PipelineFile, content, json_file, problems)
    variables = _variables(root, json_file.parent, problems)
    if model is None or content is None:
        return None
    return EntityPlan(json_file, content, variables)


def load_app(root: Path, json_file: Path, problems: Problems) -> EntityPlan | None:
    """Read and check one ``app.json`` and the variables next to it."""
    content = read_json(json_file, problems)
    model = validated(AppFile, content, json_file, problems)
    variables = _variables(root, json_file.parent, problems)
    if model is None or content is None:
        return None
    return EntityPlan(json_file, content, variables)


def _check_references(root: Path, plan: ProjectPlan, problems: Problems, has_credentials: bool) -> None:
    """Pipelines -> jobs of the export; jobs and apps -> docker credentials of the export (3.x exports)."""
    ids = {str(job.content.get("id")) for job in plan.jobs if job.content.get("id")}
    names = {str(job.content["name"]).casefold() for job in plan.jobs}
    for pipeline in plan.pipelines:
        for index, version in enumerate(pipeline.content["versions"]):
            for node_index, node in enumerate(version["graph"].get("jobNodes") or []):
                job = node["job"]
                if str(job.get("id")) in ids or str(job.get("name") or "").casefold() in names:
                    continue
                problems.add(
                    pipeline.path,
                    f"versions[{index}].graph.jobNodes[{node_index}].job",
                    f"job {job.get('name') or job.get('id')!r} is not in the export",
                )
    if not has_credentials:
        return  # 2.x exports hold no credentials: the references are reported at import, not refused
    known = {str(c.get("id")) for c in plan.docker_credentials if c.get("id")}

    def check(path: Path, location: str, docker: Any) -> None:
        wanted = docker.get("dockerCredentialsId") if isinstance(docker, Mapping) else None
        if wanted and str(wanted) not in known:
            problems.add(path, location, f"docker credentials {wanted} are not in the export")

    for job in plan.jobs:
        for index, version in enumerate(job.content["versions"]):
            check(job.path, f"versions[{index}].dockerInfo.dockerCredentialsId", version.get("dockerInfo"))
    for app in plan.apps:
        check(
            app.path, "currentVersion.dockerInfo.dockerCredentialsId", app.content["currentVersion"].get("dockerInfo")
        )


def load_project(root: Path) -> ProjectPlan:
    """Read and check a whole project folder (no request); ExportFormatError listing every problem."""
    problems = Problems(root)
    project_file = safe_path(root, "project.json")
    project = read_json(project_file, problems)
    validated(ProjectFile, project, project_file, problems)
    jobs = [
        load_job(root, folder, path, problems) for folder, path in _entity_files(root, "jobs", "job.json", problems)
    ]
    pipelines = [
        load_pipeline(root, path, problems) for _, path in _entity_files(root, "pipelines", "pipeline.json", problems)
    ]
    apps = [load_app(root, path, problems) for _, path in _entity_files(root, "apps", "app.json", problems)]
    env_vars = _variables(root, root, problems)
    credentials = []
    for _, path in _entity_files(root, "docker_credentials", "docker_credentials.json", problems):
        content = read_json(path, problems)
        if validated(DockerCredentialsFile, content, path, problems) is not None and content is not None:
            credentials.append(content)
    plan = ProjectPlan(
        project or {},
        [job for job in jobs if job is not None],
        [pipeline for pipeline in pipelines if pipeline is not None],
        [app for app in apps if app is not None],
        env_vars,
        credentials,
    )
    _check_references(root, plan, problems, safe_path(root, "docker_credentials").is_dir())
    problems.raise_if_any()
    return plan


def check_project_folder(root: Path) -> Path:
    """The resolved import root; ExportFormatError when it is no folder."""
    if not root.is_dir():
        raise ExportFormatError(f"{str(root)!r} is not a folder", path=str(root))
    try:
        return root.resolve()
    except (OSError, RuntimeError):
        raise UnsafePathError(f"{str(root)!r} is a symlink loop", path=str(root)) from None


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
