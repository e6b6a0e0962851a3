"""The files of the 2.x export layout as typed models (pydantic), and the checks between files (no I/O here).

One model per file: ``project.json`` (:class:`ProjectFile`), ``jobs/*/job.json`` (:class:`JobFile`),
``pipelines/*/pipeline.json`` (:class:`PipelineFile`), ``apps/*/app.json`` (:class:`AppFile`),
``*/env_vars/*/variable.json`` (:class:`VariableFile`), ``docker_credentials/*/docker_credentials.json``
(:class:`DockerCredentialsFile`). They describe what an import reads: types, enumerations (from the
generated schema enums), bounds; unknown keys are allowed (exports of other versions carry more), so are the
keys 2.x never wrote (``null`` or absent). :func:`problems_of` turns a validation error into
:class:`ExportProblem` entries naming the file and the JSON path, so that an import reports every problem of
a folder at once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .._generated.projects.enums import ConditionStatusPresetValue, EnvVarScope, ExpositionScope, ProjectRole
from .arguments import JOB_CATEGORIES
from .statuses import ALERTING_STATUSES

__all__ = [
    "MAX_JSON_BYTES",
    "MAX_JSON_DEPTH",
    "AppFile",
    "DockerCredentialsFile",
    "ExportProblem",
    "JobFile",
    "PipelineFile",
    "ProjectFile",
    "VariableFile",
    "json_depth",
    "problems_of",
]

#: Largest JSON file of an export that is read (bytes): a real job.json is a few KB.
MAX_JSON_BYTES = 16 * 1024 * 1024
#: Deepest nesting accepted in a JSON file of an export (a pipeline graph is about 8 levels deep).
MAX_JSON_DEPTH = 64

RIGHTS = tuple(role.value.rsplit("_", 1)[-1] for role in ProjectRole)
VARIABLE_SCOPES = tuple(scope.value for scope in EnvVarScope if scope.value != "JOB")
PORT_SCOPES = tuple(scope.value for scope in ExpositionScope)
CONDITION_STATUSES = tuple(value.value for value in ConditionStatusPresetValue)
#: The statuses a job alert can be raised on: the same as the SDK's (generated enum members, not literals).
ALERT_STATUSES = ALERTING_STATUSES


@dataclass(frozen=True)
class ExportProblem:
    """One problem of an export folder: the file (relative to the folder), the JSON path in it, what is wrong."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file} at {self.location}" if self.location else self.file
        return f"{where}: {self.message}"


Text = Annotated[str, Field(max_length=1_000_000)]
Name = Annotated[str, Field(min_length=1, max_length=1000)]
Number = Annotated[int, Field(ge=0, le=2**31 - 1)]


class _File(BaseModel):
    """Strict types (no ``12`` for a text, no ``"80"`` for a number), unknown keys allowed.

    The reader refuses NUL characters and bounds sizes and depths before the models see the file.
    """

    model_config = ConfigDict(strict=True, extra="allow", populate_by_name=True, frozen=True)


class Alerting(_File):
    emails: list[Text] | None = None
    status_list: list[str] | None = Field(default=None, alias="statusList")

    @field_validator("status_list")
    @classmethod
    def _statuses(cls, value: list[str] | None) -> list[str] | None:
        wrong = [status for status in value or [] if status.upper() not in ALERT_STATUSES]
        if wrong:
            raise ValueError(f"unknown alerting status(es) {wrong}: choose among {', '.join(ALERT_STATUSES)}")
        return value


class RequestLimit(_File):
    request: float | None = None
    limit: float | None = None

    @field_validator("request", "limit")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and (not math.isfinite(value) or value < 0):
            raise ValueError("must be a finite number >= 0")
        return value


class Resources(_File):
    cpu: RequestLimit | None = None
    memory: RequestLimit | None = None
    gpu: RequestLimit | None = None


class Technology(_File):
    id: Text | None = None
    name: Text | None = None
    technology_catalog: Text | None = None


class DockerInfo(_File):
    image: Name
    docker_credentials_id: Text | None = Field(default=None, alias="dockerCredentialsId")


class PackageInfo(_File):
    #: A file name; whether it stays inside the export folder is checked on the folder (UnsafePathError).
    name: Name
    download_url: Text | None = Field(default=None, alias="downloadUrl")


class ExtraTechnology(_File):
    language: Text | None = None
    version: Text | None = None


class JobVersionFile(_File):
    number: Number
    release_note: Text | None = Field(default=None, alias="releaseNote")
    runtime_version: Text | None = Field(default=None, alias="runtimeVersion")
    command_line: Text | None = Field(default=None, alias="commandLine")
    package_info: PackageInfo | None = Field(default=None, alias="packageInfo")
    docker_info: DockerInfo | None = Field(default=None, alias="dockerInfo")
    extra_technology: ExtraTechnology | None = Field(default=None, alias="extraTechnology")
    is_current: bool | None = Field(default=None, alias="isCurrent")
    source_url: Text | None = Field(default=None, alias="sourceUrl")


def _versions_ok(versions: list[Any]) -> None:
    numbers = [version.number for version in versions]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"version numbers repeat: {sorted(numbers)}")
    current = [version.number for version in versions if version.is_current]
    if len(current) > 1:
        raise ValueError(f"several versions are current: {current}")


class JobFile(_File):
    """``jobs/<id>/job.json``."""

    id: Text | None = None
    name: Name
    alias: Text | None = None
    description: Text | None = None
    alerting: Alerting | None = None
    category: str | None = None
    technology: Technology | None = None
    is_scheduled: bool | None = Field(default=None, alias="isScheduled")
    cron_scheduling: Text | None = Field(default=None, alias="cronScheduling")
    schedule_timezone: Text | None = Field(default=None, alias="scheduleTimezone")
    resources: Resources | None = None
    versions: list[JobVersionFile] = Field(min_length=1)

    @field_validator("category")
    @classmethod
    def _category(cls, value: str | None) -> str | None:
        if value is not None and value not in JOB_CATEGORIES:
            raise ValueError(f"unknown job category {value!r}: choose among {', '.join(JOB_CATEGORIES)}")
        return value

    @model_validator(mode="after")
    def _technology(self) -> JobFile:
        if self.technology is None or not self.technology.name:
            raise ValueError("the job's technology has no name (the export names it by catalog and label)")
        return self

    @field_validator("versions")
    @classmethod
    def _versions(cls, value: list[JobVersionFile]) -> list[JobVersionFile]:
        _versions_ok(value)
        return value


class Position(_File):
    x: float
    y: float


class JobReference(_File):
    id: Text | None = None
    name: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> JobReference:
        if not self.id and not self.name:
            raise ValueError("a job node names its job by id or name")
        return self


class JobNodeFile(_File):
    id: Name
    job: JobReference
    position: Position | None = None
    next_nodes: list[Name] = Field(default_factory=list, alias="nextNodes")


class ConditionFile(_File):
    value: str | None = None
    expression: Text | None = None
    to_string: Text | None = Field(default=None, alias="toString")

    @field_validator("value")
    @classmethod
    def _value(cls, value: str | None) -> str | None:
        if value is not None and value not in CONDITION_STATUSES:
            raise ValueError(f"unknown condition {value!r}: choose among {', '.join(CONDITION_STATUSES)}")
        return value


class ConditionNodeFile(_File):
    id: Name
    position: Position | None = None
    next_nodes_success: list[Name] = Field(default_factory=list, alias="nextNodesSuccess")
    next_nodes_failure: list[Name] = Field(default_factory=list, alias="nextNodesFailure")
    #: Absent in older exports (the platform's default status condition then); null is an error.
    condition: ConditionFile | None = None

    @model_validator(mode="after")
    def _readable(self) -> ConditionNodeFile:
        from ..export_layout import condition_input

        if "condition" in self.model_fields_set and condition_input(self.model_dump(by_alias=True)) is None:
            raise ValueError("the condition cannot be read (expected value, expression or toString)")
        return self


class GraphFile(_File):
    job_nodes: list[JobNodeFile] = Field(default_factory=list, alias="jobNodes")
    condition_nodes: list[ConditionNodeFile] = Field(default_factory=list, alias="conditionNodes")

    @model_validator(mode="after")
    def _links(self) -> GraphFile:
        ids = [node.id for node in self.job_nodes] + [node.id for node in self.condition_nodes]
        if len(set(ids)) != len(ids):
            raise ValueError("node ids repeat in the graph")
        known = set(ids)
        links = [n for node in self.job_nodes for n in node.next_nodes]
        links += [n for node in self.condition_nodes for n in node.next_nodes_success + node.next_nodes_failure]
        unknown = sorted(set(links) - known)
        if unknown:
            raise ValueError(f"links to nodes that are not in the graph: {', '.join(unknown)}")
        if not self.job_nodes:
            raise ValueError("the graph has no job node")
        return self


class PipelineVersionFile(_File):
    number: Number
    release_note: Text | None = Field(default=None, alias="releaseNote")
    graph: GraphFile
    is_current: bool | None = Field(default=None, alias="isCurrent")
    source_url: Text | None = Field(default=None, alias="sourceUrl")


class PipelineFile(_File):
    """``pipelines/<id>/pipeline.json``."""

    id: Text | None = None
    name: Name
    alias: Text | None = None
    description: Text | None = None
    alerting: Alerting | None = None
    is_scheduled: bool | None = Field(default=None, alias="isScheduled")
    cron_scheduling: Text | None = Field(default=None, alias="cronScheduling")
    schedule_timezone: Text | None = Field(default=None, alias="scheduleTimezone")
    has_execution_variables_enabled: bool | None = Field(default=None, alias="hasExecutionVariablesEnabled")
    versions: list[PipelineVersionFile] = Field(min_length=1)

    @field_validator("versions")
    @classmethod
    def _versions(cls, value: list[PipelineVersionFile]) -> list[PipelineVersionFile]:
        _versions_ok(value)
        return value


class Port(_File):
    name: Text | None = None
    number: Annotated[int, Field(ge=1, le=65535)]
    is_rewrite_url: bool | None = Field(default=None, alias="isRewriteUrl")
    base_path_variable_name: Text | None = Field(default=None, alias="basePathVariableName")
    scope: str | None = None

    @field_validator("scope")
    @classmethod
    def _scope(cls, value: str | None) -> str | None:
        if value is not None and value not in PORT_SCOPES:
            raise ValueError(f"unknown port scope {value!r}: choose among {', '.join(PORT_SCOPES)}")
        return value


class Volume(_File):
    id: Text | None = None
    name: Name
    size: Text | None = None
    description: Text | None = None


class VolumeWithPath(_File):
    path: Name
    volume: Volume | None = None


class AppVersionFile(_File):
    number: Number | None = None
    release_note: Text | None = Field(default=None, alias="releaseNote")
    docker_info: DockerInfo | None = Field(default=None, alias="dockerInfo")
    runtime_context_id: Text | None = Field(default=None, alias="runtimeContextId")
    runtime_context_label: Text | None = Field(default=None, alias="runtimeContextLabel")
    ports: list[Port] = Field(default_factory=list)
    volumes_with_path: list[VolumeWithPath] = Field(default_factory=list, alias="volumesWithPath")


class AppFile(_File):
    """``apps/<id>/app.json``."""

    id: Text | None = None
    name: Name
    description: Text | None = None
    technology: Technology | None = None
    current_version: AppVersionFile | None = Field(default=None, alias="currentVersion")
    versions: list[AppVersionFile] | None = None
    alerting: Alerting | None = None
    resources: Resources | None = None

    @model_validator(mode="after")
    def _runnable(self) -> AppFile:
        version = self.current_version
        if version is None:
            raise ValueError("the app has no currentVersion")
        if version.docker_info is None and not (self.technology and self.technology.name):
            raise ValueError("the app has neither a Docker image nor a catalog technology")
        return self


class VariableFile(_File):
    """``env_vars/<NAME>/variable.json`` (of the project, a pipeline or an app)."""

    id: Text | None = None
    name: Name
    scope: str
    value: Text | None = None
    description: Text | None = None
    is_password: bool | None = Field(default=None, alias="isPassword")

    @field_validator("scope")
    @classmethod
    def _scope(cls, value: str) -> str:
        if value not in VARIABLE_SCOPES:
            raise ValueError(f"unknown scope {value!r}: choose among {', '.join(VARIABLE_SCOPES)}")
        return value


class DockerCredentialsFile(_File):
    """``docker_credentials/<id>/docker_credentials.json`` (never a password)."""

    id: Text | None = None
    registry: Text | None = None
    username: Name


class ProjectFile(_File):
    """``project.json``."""

    name: Name
    description: Text | None = None
    jobs_technologies: dict[str, list[Text] | Text] | None = None
    apps_technologies: dict[str, list[Text] | Text] | None = None
    rights: list[dict[str, str]] | None = None
    jobs_technologies_by_category: dict[str, dict[str, list[Text] | Text]] | None = None

    @field_validator("rights")
    @classmethod
    def _rights(cls, value: list[dict[str, str]] | None) -> list[dict[str, str]] | None:
        for right in value or []:
            wrong = [role for role in right.values() if role.upper() not in RIGHTS]
            if wrong:
                raise ValueError(f"unknown role(s) {wrong}: choose among {', '.join(RIGHTS)}")
        return value

    @field_validator("jobs_technologies_by_category")
    @classmethod
    def _categories(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        wrong = [category for category in value or {} if category not in JOB_CATEGORIES]
        if wrong:
            raise ValueError(f"unknown job categories {wrong}: choose among {', '.join(JOB_CATEGORIES)}")
        return value


def _location(parts: Iterable[int | str]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def problems_of(error: ValidationError, file: str) -> Iterator[ExportProblem]:
    """One :class:`ExportProblem` per error of a model validation (``versions[1].extraTechnology``...)."""
    for entry in error.errors(include_url=False, include_input=False):
        message = str(entry.get("msg", "invalid"))
        message = message.removeprefix("Value error, ")
        yield ExportProblem(file, _location(entry.get("loc", ())), message)


def json_depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects (iteratively: a deep value cannot exhaust the stack)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest
