"""Domain model of the emulated platform: plain dataclasses, one per Saagie entity.

Attribute names are the snake_case form of the GraphQL field names (the schema is built with
``convert_names_case``), so most fields resolve without a resolver. Value objects that the platform
only echoes back (alerting, resources, docker info, ports...) are kept as snake_case dicts exactly as
they arrived through GraphQL input coercion.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

__all__ = [
    "App",
    "AppExecution",
    "AppVersion",
    "ConditionInstance",
    "ConditionNode",
    "Context",
    "DockerCredential",
    "EnvVar",
    "Group",
    "Job",
    "JobInstance",
    "JobNode",
    "JobVersion",
    "PipelineInstance",
    "Pipeline",
    "PipelineVersion",
    "Profile",
    "Project",
    "Repository",
    "SyncReport",
    "Technology",
    "Timeline",
    "User",
    "Volume",
    "new_id",
    "utcnow",
]

JsonDict = dict[str, Any]


def new_id() -> str:
    """A fresh UUID string, the identifier format of every Saagie entity."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Timeline:
    """Statuses over emulated time: ``[(epoch_seconds, status), ...]`` in increasing time order.

    The status at a given moment is the last entry whose time is not in the future, so instances move
    through their life cycle without any background thread.
    """

    steps: list[tuple[float, str]] = field(default_factory=list)

    def status_at(self, now: float) -> str:
        current = self.steps[0][1]
        for at, status in self.steps:
            if at <= now:
                current = status
            else:
                break
        return current

    def time_of(self, now: float, statuses: set[str]) -> float | None:
        """When the timeline (as seen at ``now``) first reached one of ``statuses``."""
        for at, status in self.steps:
            if at > now:
                return None
            if status in statuses:
                return at
        return None

    def passed(self, now: float) -> list[tuple[float, str]]:
        return [(at, status) for at, status in self.steps if at <= now]

    def cut(self, now: float, tail: list[tuple[float, str]]) -> None:
        """Forget what has not happened yet and append ``tail`` instead (used by stop)."""
        self.steps = [*self.passed(now), *tail]


# ---------------------------------------------------------------- catalog (gateway)
@dataclass
class Context:
    id: str
    label: str
    available: bool = True
    recommended: bool = False
    deprecation_date: datetime | None = None
    description: str | None = None
    docker_info: JsonDict | None = None
    trust_level: str = "Stable"
    facets: list[str] = field(default_factory=list)
    missing_facets: list[str] = field(default_factory=list)
    last_update: datetime = field(default_factory=utcnow)
    ports: list[JsonDict] = field(default_factory=list)
    volumes: list[JsonDict] = field(default_factory=list)
    release_notes: str | None = None
    technology_contexts: list[Context] = field(default_factory=list)
    job_contexts: list[Context] = field(default_factory=list)
    kind: str = "JobContext"
    #: The ``job.features`` of the repository's metadata (COMMAND_LINE, ARTIFACT, SCHEDULER...), snake_case keys.
    features: list[JsonDict] = field(default_factory=list)


@dataclass
class Technology:
    id: str
    technology_id: str
    label: str
    repository_id: str
    kind: str  # JobTechnology | SparkTechnology | AppTechnology
    contexts: list[Context] = field(default_factory=list)
    available: bool = True
    description: str | None = None
    icon: str | None = None
    custom_flags: list[str] = field(default_factory=list)
    facets: list[str] = field(default_factory=list)
    missing_facets: list[str] = field(default_factory=list)
    last_update: datetime = field(default_factory=utcnow)
    baseline: str = ""
    background_color: str | None = None
    readme: str | None = None
    main_class: str | None = None


@dataclass
class SyncReport:
    id: str
    source: JsonDict
    trigger_type: str
    started_at: datetime = field(default_factory=utcnow)
    ended_at: datetime = field(default_factory=utcnow)
    failure: str | None = None
    reverted_at: datetime | None = None
    revert_author: str | None = None
    author: str | None = None
    technology_labels: list[tuple[str, str]] = field(default_factory=list)
    #: Read from the repository's content (technology_repository): problems by metadata file, what changed
    #: per technology and context, and the technologies as they were after it (what a revert goes back to).
    issues: list[JsonDict] = field(default_factory=list)
    technology_reports: list[JsonDict] = field(default_factory=list)
    technologies: list[Technology] = field(default_factory=list)


@dataclass
class Repository:
    id: str
    name: str
    source: JsonDict  # {"url": ...} or {"name": ...}
    creator: str = "admin"
    editor: str = "admin"
    read_only: bool = False
    creation_date: datetime = field(default_factory=utcnow)
    modification_date: datetime = field(default_factory=utcnow)
    technology_ids: list[str] = field(default_factory=list)
    reports: list[SyncReport] = field(default_factory=list)


# ---------------------------------------------------------------- projects API
@dataclass
class Project:
    id: str
    name: str
    creator: str
    description: str | None = None
    status: str = "READY"
    technologies_by_category: list[tuple[str, list[str]]] = field(default_factory=list)
    app_technology_ids: list[str] = field(default_factory=list)
    authorized_groups: list[tuple[str, str | None]] = field(default_factory=list)
    creation_date: datetime = field(default_factory=utcnow)
    #: CREATED -> INIT_REQUESTED -> INITIALIZING -> READY (or FAILED) in emulated time; None: ``status`` holds.
    timeline: Timeline | None = None


@dataclass
class JobVersion:
    number: int
    creator: str
    release_note: str | None = None
    runtime_version: str | None = None
    command_line: str | None = None
    package_name: str | None = None
    artifact: bytes | None = None
    docker_info: JsonDict | None = None
    extra_technology: JsonDict | None = None
    source_url: str | None = None
    is_current: bool = False
    is_major: bool = False
    does_use_gpu: bool = False
    creation_date: datetime = field(default_factory=utcnow)


@dataclass
class Job:
    id: str
    project_id: str
    name: str
    category: str
    technology_id: str
    creator: str
    alias: str | None = None
    description: str | None = None
    is_scheduled: bool = False
    cron_scheduling: str | None = None
    schedule_timezone: str | None = None
    alerting: JsonDict | None = None
    is_streaming: bool = False
    does_use_gpu: bool = False
    resources: JsonDict | None = None
    original_job_id: str | None = None
    versions: list[JobVersion] = field(default_factory=list)
    creation_date: datetime = field(default_factory=utcnow)


@dataclass
class JobInstance:
    id: str
    number: int
    job_id: str
    version_number: int
    timeline: Timeline
    visible_from: float
    pipeline_instance_id: str | None = None
    job_node_id: str | None = None
    execution_variables: list[JsonDict] = field(default_factory=list)
    created_at: datetime = field(default_factory=utcnow)


@dataclass
class JobNode:
    id: str
    job_id: str
    next_nodes: list[str] = field(default_factory=list)
    position: JsonDict | None = None


@dataclass
class ConditionNode:
    id: str
    next_nodes_success: list[str] = field(default_factory=list)
    next_nodes_failure: list[str] = field(default_factory=list)
    status_value: str | None = None  # AllSuccess | AllSuccessOrSkipped | AtLeastOneSuccess
    expression: str | None = None
    position: JsonDict | None = None


@dataclass
class PipelineVersion:
    number: int
    creator: str
    job_nodes: list[JobNode] = field(default_factory=list)
    condition_nodes: list[ConditionNode] = field(default_factory=list)
    release_note: str | None = None
    source_url: str | None = None
    is_current: bool = False
    is_major: bool = False
    creation_date: datetime = field(default_factory=utcnow)
    #: Made by the linear (legacy) mutations createPipeline / addPipelineVersion.
    is_linear: bool = False


@dataclass
class Pipeline:
    id: str
    project_id: str
    name: str
    alias: str
    creator: str
    description: str | None = None
    alerting: JsonDict | None = None
    has_execution_variables_enabled: bool = False
    is_scheduled: bool = False
    cron_scheduling: str | None = None
    schedule_timezone: str | None = None
    versions: list[PipelineVersion] = field(default_factory=list)
    creation_date: datetime = field(default_factory=utcnow)


@dataclass
class ConditionInstance:
    id: str
    condition_node_id: str
    timeline: Timeline
    visible_from: float
    is_success: bool | None = None
    logs: list[JsonDict] = field(default_factory=list)


@dataclass
class PipelineInstance:
    id: str
    number: int
    pipeline_id: str
    version_number: int
    timeline: Timeline
    node_timelines: dict[str, Timeline] = field(default_factory=dict)
    job_instance_ids: list[str] = field(default_factory=list)
    condition_instances: list[ConditionInstance] = field(default_factory=list)
    initial_execution_variables: list[JsonDict] = field(default_factory=list)
    run_with_execution_variables: bool = False
    created_at: datetime = field(default_factory=utcnow)


@dataclass
class AppVersion:
    number: int
    creator: str
    ports: list[JsonDict] = field(default_factory=list)
    docker_info: JsonDict | None = None
    runtime_context_id: str | None = None
    volumes_with_path: list[JsonDict] = field(default_factory=list)  # {"path", "volume_id"}
    release_note: str | None = None
    is_major: bool = False
    is_current: bool = False
    creation_date: datetime = field(default_factory=utcnow)


@dataclass
class AppExecution:
    id: str
    version_number: int
    timeline: Timeline
    started_at: datetime = field(default_factory=utcnow)
    #: What users did to this execution, in order: ``{"id", "kind" (RunAction, RestartAction, StopAction),
    #: "at" (epoch seconds), "author"}``; the history's events group the statuses by action.
    actions: list[JsonDict] = field(default_factory=list)


@dataclass
class App:
    id: str
    project_id: str
    name: str
    technology_id: str
    creator: str
    description: str | None = None
    alerting: JsonDict | None = None
    resources: JsonDict | None = None
    is_generic_app: bool = True
    versions: list[AppVersion] = field(default_factory=list)
    history_id: str = field(default_factory=new_id)
    executions: list[AppExecution] = field(default_factory=list)
    creation_date: datetime = field(default_factory=utcnow)


@dataclass
class Volume:
    id: str
    project_id: str
    name: str
    size: str
    creator: str
    description: str | None = None
    linked_app_id: str | None = None
    original_volume_id: str | None = None
    duplication_status: str | None = None
    is_locked: bool = False
    creation_date: datetime = field(default_factory=utcnow)


@dataclass
class EnvVar:
    id: str
    name: str
    scope: str  # GLOBAL | PROJECT | PIPELINE | JOB | APP
    entity_id: str | None
    value: str | None
    description: str | None = None
    is_password: bool = False


@dataclass
class DockerCredential:
    id: str
    project_id: str
    username: str
    password: str
    registry: str | None = None
    last_update: datetime = field(default_factory=utcnow)


# ---------------------------------------------------------------- security (REST)
@dataclass
class User:
    login: str
    password: str
    roles: list[str] = field(default_factory=lambda: ["ROLE_READER"])
    platforms: list[Any] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    protected: bool = False


@dataclass
class Group:
    name: str
    users: list[str] = field(default_factory=list)
    protected: bool = False
    role: str = "ROLE_READER"
    authorizations: list[Any] = field(default_factory=list)
    realm_authorization: JsonDict = field(default_factory=lambda: {"permissions": []})


@dataclass
class Profile:
    login: str
    job: str | None = None
    email: str | None = None
