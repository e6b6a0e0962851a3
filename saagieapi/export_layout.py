"""The 2.x export folder layout: JSON shapes, path safety, reading a folder, result objects (pure, no I/O to Saagie).

Layout written by ``projects.export`` (the one of saagieapi 2.x, plus two folders 2.x ignores)::

    <output_folder>/<project_id>/
    ├── project.json
    ├── env_vars/<NAME>/variable.json               GLOBAL and PROJECT variables visible in the project
    ├── jobs/<job_id>/job.json
    │   └── version/<number>/<packageInfo.name>      the artifact of each exported version
    ├── pipelines/<pipeline_id>/pipeline.json
    │   └── env_vars/<NAME>/variable.json            PIPELINE variables
    ├── apps/<app_id>/app.json
    │   └── env_vars/<NAME>/variable.json            APP variables (3.x only)
    └── docker_credentials/<id>/docker_credentials.json   registry and username, never a password (3.x only)

Every read of an import stays inside the given folder: absolute paths, ``..`` and symlinks leading out of
it raise :class:`~saagieapi.errors.UnsafePathError`; malformed JSON raises
:class:`~saagieapi.errors.ExportFormatError` naming the file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from ._core.statuses import ENV_VAR_SCOPES as _ENV_VAR_SCOPES
from .errors import ExportFormatError, MissingArtifactError, UnsafePathError

__all__ = [
    "DEFAULT_CONDITION_STATUS",
    "ENV_VAR_SCOPES",
    "IMPORT_ACTIONS",
    "ExportResult",
    "ImportResult",
    "ProgressCallback",
    "ProgressEvent",
    "TransferItem",
    "TransferResult",
    "artifact_of_version",
    "condition_input",
    "entity_folders",
    "read_export_json",
    "safe_path",
]

ENV_VAR_SCOPES = _ENV_VAR_SCOPES
#: Scopes each ``env_var_scope`` of ``pipelines.export`` keeps (as in 2.x).
PIPELINE_SCOPE_FILTER = {
    "GLOBAL": ("PIPELINE", "PROJECT", "GLOBAL"),
    "PROJECT": ("PIPELINE", "PROJECT"),
    "PIPELINE": ("PIPELINE",),
}
IF_EXISTS = ("skip", "upgrade")
#: Requests and downloads in flight at once during an export (8 hides the latency; more only adds client CPU:
#: see benchmarks/README.md, "Issue 19 targets").
DEFAULT_CONCURRENCY = 8
#: Requests in flight at once during an import. An import waits on chains (a job's versions are uploaded one
#: after the other), so it keeps twice as many in flight: 100 jobs of 3 versions import in 23 waves, not 46.
DEFAULT_IMPORT_CONCURRENCY = 16

JOB_KEYS = [
    "id",
    "name",
    "alias",
    "description",
    "alerting",
    "instances",
    "countJobInstance",
    "versions",
    "category",
    "technology",
    "isScheduled",
    "cronScheduling",
    "scheduleStatus",
    "scheduleTimezone",
    "isStreaming",
    "creationDate",
    "migrationStatus",
    "migrationProjectId",
    "isDeletable",
    "graphPipelines",
    "doesUseGPU",
    "resources",
    "originalJobId",
]
PIPELINE_KEYS = [
    "id",
    "name",
    "alias",
    "description",
    "alerting",
    "pipelineInstanceCount",
    "instances",
    "versions",
    "creationDate",
    "creator",
    "isScheduled",
    "cronScheduling",
    "scheduleStatus",
    "scheduleTimezone",
    "isLegacyPipeline",
    "hasExecutionVariablesEnabled",
]
APP_KEYS = [
    "id",
    "name",
    "creationDate",
    "technology",
    "project",
    "description",
    "versions",
    "currentVersion",
    "history",
    "isGenericApp",
    "alerting",
    "resources",
    "linkedVolumes",
]
VARIABLE_KEYS = [
    "id",
    "name",
    "scope",
    "value",
    "description",
    "isPassword",
    "isValid",
    "overriddenValues",
    "invalidReasons",
]


# -- results and progress -----------------------------------------------------------------------------------
#: What an import did to an object: made it, added what it lacked, found it as the export has it (or, with
#: ``if_exists="skip"``, kept it as it was), left part of the export out on purpose, or could not do it.
IMPORT_ACTIONS = ("created", "completed", "unchanged", "skipped", "failed")


@dataclass(frozen=True)
class TransferItem:
    """One entity handled by an export or import.

    ``kind``: project, job, job_version, artifact, pipeline, app, volume, env_var, docker_credentials...;
    ``source_id`` its id in the export (or on the exported platform), ``target_id`` its id on the target
    (import), ``reason`` why it was skipped or failed, or what was completed; ``action`` (import) one of
    :data:`IMPORT_ACTIONS`.
    """

    kind: str
    name: str
    source_id: str | None = None
    target_id: str | None = None
    reason: str = ""
    action: str = ""


@dataclass
class TransferResult:
    """What an export or import did: ``done``, ``skipped`` (deliberately, with the reason), ``failed``.

    True (``ok``) when nothing failed, so ``if api.jobs.export(...)`` keeps its 2.x meaning.
    """

    folder: Path
    done: list[TransferItem] = field(default_factory=list)
    skipped: list[TransferItem] = field(default_factory=list)
    failed: list[TransferItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no entity failed."""
        return not self.failed

    def __bool__(self) -> bool:
        return self.ok

    def of(self, kind: str) -> list[TransferItem]:
        """The done items of one kind (``result.of("job")``)."""
        return [item for item in self.done if item.kind == kind]

    def merge(self, other: TransferResult) -> None:
        """Add another result's items to this one."""
        self.done.extend(other.done)
        self.skipped.extend(other.skipped)
        self.failed.extend(other.failed)


@dataclass
class ExportResult(TransferResult):
    """Result of an export: ``folder`` is the complete export folder."""


@dataclass
class ImportResult(TransferResult):
    """Result of an import; ``id_map`` maps ids of the export to the ids created (or reused) on the target.

    Each object is reported once with its ``action``: ``created``, ``completed`` (it existed and lacked part
    of the export: versions, variables, volumes, the current version; ``reason`` says what was added),
    ``unchanged`` (it already held what the export has, or ``if_exists="skip"`` kept it), ``skipped`` (a
    part left out on purpose: a version without its artifact, a password not exported...) or ``failed``.
    ``done`` holds the created and completed ones, ``skipped`` the unchanged and skipped ones.

    Running the same import again after any interruption completes what is missing and duplicates nothing.
    """

    id_map: dict[str, str] = field(default_factory=dict)

    def _with(self, action: str) -> list[TransferItem]:
        return [item for item in [*self.done, *self.skipped, *self.failed] if item.action == action]

    @property
    def created(self) -> list[TransferItem]:
        """The objects the import created."""
        return self._with("created")

    @property
    def completed(self) -> list[TransferItem]:
        """The objects that existed and were completed (missing versions, variables, volumes...)."""
        return self._with("completed")

    @property
    def unchanged(self) -> list[TransferItem]:
        """The objects that existed and were left as they were."""
        return self._with("unchanged")

    def merge(self, other: TransferResult) -> None:
        super().merge(other)
        if isinstance(other, ImportResult):
            self.id_map.update(other.id_map)


@dataclass(frozen=True)
class ProgressEvent:
    """Progress of an export or import: ``item`` has just been handled (``outcome``: done, skipped, failed)."""

    operation: str
    item: TransferItem
    outcome: str


#: Called after each entity; in the synchronous client it may be called from worker threads.
ProgressCallback = Callable[[ProgressEvent], object]


# -- path safety --------------------------------------------------------------------------------------------
def safe_path(root: str | os.PathLike[str], relative: str | os.PathLike[str]) -> Path:
    """``root / relative`` after checking it stays inside ``root`` (symlinks resolved); UnsafePathError else."""
    parts = PurePath(relative)
    text = str(relative)
    if parts.is_absolute() or text.startswith(("/", "\\")) or ".." in parts.parts or "\x00" in text:
        raise UnsafePathError(f"{text!r} is not a path inside the export folder", path=text)
    try:
        base = Path(root).resolve()
        target = (base / parts).resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError up to Python 3.12, OSError after)
        raise UnsafePathError(f"{text!r} is a symlink loop in the export folder", path=text) from None
    if target != base and base not in target.parents:
        raise UnsafePathError(f"{text!r} leads out of the export folder {str(base)!r}", path=str(Path(root) / parts))
    return target


def entity_folders(root: str | os.PathLike[str], section: str, file_name: str) -> list[tuple[Path, Path]]:
    """``[(folder, json file)]`` of ``root/section/*/file_name``, sorted; every path checked to stay in ``root``."""
    base = safe_path(root, ".")
    section_path = safe_path(base, section)
    if not section_path.is_dir():
        return []
    found = []
    for entry in sorted(os.scandir(section_path), key=lambda e: e.name):
        folder = safe_path(base, f"{section}/{entry.name}")
        if not folder.is_dir():
            continue
        json_file = safe_path(base, f"{section}/{entry.name}/{file_name}")
        if json_file.is_file():
            found.append((folder, json_file))
    return found


def read_export_json(path: Path, root: str | os.PathLike[str], *, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """The JSON object in ``path`` (which must be inside ``root``); ExportFormatError naming the file else."""
    base = Path(root).resolve()
    resolved = Path(path).resolve()
    if resolved != base and base not in resolved.parents:
        raise UnsafePathError(f"{str(path)!r} leads out of the export folder", path=str(path))
    try:
        content = json.loads(resolved.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExportFormatError(f"{str(path)!r} is missing", path=str(path)) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ExportFormatError(f"{str(path)!r} is not valid JSON: {error}", path=str(path)) from None
    if not isinstance(content, dict):
        raise ExportFormatError(f"{str(path)!r} must hold a JSON object", path=str(path))
    missing = [key for key in required if not content.get(key)]
    if missing:
        raise ExportFormatError(f"{str(path)!r} lacks {', '.join(missing)}", path=str(path))
    return content


def artifact_of_version(job_folder: Path, root: str | os.PathLike[str], version: Mapping[str, Any]) -> Path | None:
    """The artifact file of an exported job version, or None when the export holds no artifacts at all.

    2.x exports without a ``version/`` folder (the artifacts were not downloaded) import without artifact;
    when the folder exists, each version with a ``packageInfo`` must have its file (MissingArtifactError).
    """
    package = version.get("packageInfo")
    if not isinstance(package, Mapping) or not package.get("name"):
        return None
    base = Path(root).resolve()
    relative = job_folder.resolve().relative_to(base)
    if not safe_path(base, relative / "version").is_dir():
        return None
    number = str(version.get("number"))
    name = str(package["name"])
    if "/" in name or "\\" in name or name in (".", ".."):
        raise UnsafePathError(f"artifact name {name!r} is not a file name", path=name)
    folder = safe_path(base, relative / "version" / number)
    candidate = safe_path(base, relative / "version" / number / name)
    if candidate.is_file():
        return candidate
    files = (
        [safe_path(base, relative / "version" / number / e.name) for e in os.scandir(folder)] if folder.is_dir() else []
    )
    files = [f for f in files if f.is_file()]
    if len(files) == 1:  # 2.x took the single file of the folder whatever its name
        return files[0]
    raise MissingArtifactError(f"artifact {str(candidate)!r} of version {number} is missing", path=str(candidate))


# -- JSON shapes --------------------------------------------------------------------------------------------
def without_typenames(value: Any) -> Any:
    """``value`` with every ``__typename`` key removed (recursively)."""
    if isinstance(value, dict):
        return {k: without_typenames(v) for k, v in value.items() if k != "__typename"}
    if isinstance(value, list):
        return [without_typenames(v) for v in value]
    return value


def ordered(content: Mapping[str, Any], keys: list[str]) -> dict[str, Any]:
    """``content`` with ``keys`` first, in that order (2.x's order), then the others."""
    result = {key: content[key] for key in keys if key in content}
    result.update({k: v for k, v in content.items() if k not in result})
    return result


_STATUS = re.compile(r"^ConditionStatus\(value=(?P<value>[A-Za-z]+)\)$")
_EXPRESSION = re.compile(r'^ConditionExpression\(expression="(?P<expression>.*)"\)$', re.DOTALL)


#: The status condition the platform applies when none is chosen (all inputs succeeded or were skipped).
DEFAULT_CONDITION_STATUS = "AllSuccessOrSkipped"


def condition_input(node: Mapping[str, Any]) -> dict[str, Any] | None:
    """``ConditionInput`` of an exported condition node (``value``/``expression`` or 2.x's ``toString``).

    The whole expression is kept (2.x cut it at the first ``")``). A node without any ``condition`` key (older
    exports) gets the platform's default status condition; None when the condition is there but unreadable.
    """
    if "condition" not in node:
        # Exports made before conditions carried their definition: the platform's default status condition.
        return {"status": {"value": DEFAULT_CONDITION_STATUS}}
    condition = node.get("condition")
    if not isinstance(condition, Mapping):
        return None
    if condition.get("value"):
        return {"status": {"value": str(condition["value"])}}
    if condition.get("expression") is not None:
        return {"custom": {"expression": str(condition["expression"])}}
    text = str(condition.get("toString") or "")
    status = _STATUS.match(text)
    if status:
        return {"status": {"value": status.group("value")}}
    expression = _EXPRESSION.match(text)
    if expression:
        return {"custom": {"expression": expression.group("expression")}}
    return None


def current_version(content: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """The ``isCurrent`` version of an exported job or pipeline (else the highest number)."""
    versions = [v for v in content.get("versions") or [] if isinstance(v, dict)]
    if not versions:
        raise ExportFormatError(f"{str(path)!r} has no versions", path=str(path))
    return next((v for v in versions if v.get("isCurrent")), max(versions, key=lambda v: int(v.get("number") or 0)))


def sorted_versions(content: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The exported versions, oldest first."""
    versions = [v for v in content.get("versions") or [] if isinstance(v, dict)]
    return sorted(versions, key=lambda v: int(v.get("number") or 0))


def check_variable(content: Mapping[str, Any], path: Path) -> None:
    """Reject a variable.json without a name or with an unknown scope (ExportFormatError)."""
    if not content.get("name") or str(content.get("scope")) not in ENV_VAR_SCOPES:
        raise ExportFormatError(
            f"{str(path)!r}: a variable needs a name and a scope among {', '.join(ENV_VAR_SCOPES)}", path=str(path)
        )


def iter_variables(root: str | os.PathLike[str], section: str) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Checked ``(path, content)`` of every ``section/<NAME>/variable.json``."""
    for _, path in entity_folders(root, section, "variable.json"):
        content = read_export_json(path, root)
        check_variable(content, path)
        yield path, content


def technology_label(content: Mapping[str, Any]) -> tuple[str, str]:
    """``(label, catalog)`` of an exported job or app's technology ("" when absent)."""
    technology = content.get("technology") or {}
    if not isinstance(technology, Mapping):
        return "", ""
    return str(technology.get("name") or ""), str(technology.get("technology_catalog") or "")
