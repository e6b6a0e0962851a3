"""Public model types: the generated GraphQL fragments under short names, plus the REST models.

Every model is a pydantic v2 model with snake_case attributes; ``model_dump(by_alias=True)`` gives the
platform's camelCase JSON. Example::

    info = api.get_platform_info()
    name, job_count = info.name, info.counts.jobs
"""

from __future__ import annotations

from typing import Union

from pydantic import BaseModel, ConfigDict, Field

from ._generated.gateway.fragments import (
    AppContextFields as AppContext,
)
from ._generated.gateway.fragments import (
    CatalogRepositoryFields as CatalogRepository,
)
from ._generated.gateway.fragments import (
    CatalogRepositoryFieldsTechnologiesAppTechnology as AppTechnology,
)
from ._generated.gateway.fragments import (
    CatalogRepositoryFieldsTechnologiesJobTechnology as JobTechnology,
)
from ._generated.gateway.fragments import (
    CatalogRepositoryFieldsTechnologiesSparkTechnology as SparkTechnology,
)
from ._generated.gateway.fragments import (
    CatalogRepositoryFieldsTechnologiesTechnology as OtherTechnology,
)
from ._generated.gateway.fragments import (
    JobContextFields as JobContext,
)
from ._generated.gateway.fragments import (
    SparkContextFields as SparkContext,
)
from ._generated.projects.fragments import (
    ClusterNodeCapacityFields as ClusterNodeCapacity,
)
from ._generated.projects.fragments import (
    PlatformFields as PlatformInfo,
)

__all__ = [
    "AppContext",
    "AppTechnology",
    "CatalogRepository",
    "CatalogTechnology",
    "ClusterNodeCapacity",
    "JobContext",
    "JobTechnology",
    "LogLine",
    "LogsPage",
    "OtherTechnology",
    "PlatformInfo",
    "SparkContext",
    "SparkTechnology",
]

#: A technology of the catalog; ``typename__`` tells which kind.
CatalogTechnology = Union[JobTechnology, SparkTechnology, AppTechnology, OtherTechnology]  # noqa: UP007


class LogLine(BaseModel):
    """One line of logs."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    index: int | None = None
    value: str = ""
    stream: str | None = None
    recording_time: str | None = Field(default=None, alias="recordingTime")


class LogsPage(BaseModel):
    """A page of logs from the log proxy (``total`` counts every line, ``logs`` holds this page)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    logs: list[LogLine] = Field(default_factory=list)
    limit: int | None = None
    total: int | None = None
    order: str | None = None
    source: str | None = None


# -- repositories (gateway) and the REST models of users, groups and profiles ------------------------------
from ._generated.gateway.fragments import (  # noqa: E402
    DeletedRepositoryFields as DeletedRepository,
)
from ._generated.gateway.fragments import (  # noqa: E402
    EditedRepositoryFields as EditedRepository,
)
from ._generated.gateway.fragments import (  # noqa: E402
    RepositoryFields as Repository,
)
from ._generated.gateway.fragments import (  # noqa: E402
    RepositoryMutationResultFields as RepositoryMutationResult,
)
from ._generated.gateway.fragments import (  # noqa: E402
    RepositorySummaryFields as RepositorySummary,
)
from ._generated.gateway.fragments import (  # noqa: E402
    RepositorySynchroFields as RepositorySynchro,
)
from ._generated.gateway.fragments import (  # noqa: E402
    SynchronizationReportsFields as SynchronizationReports,
)
from .rest_models import (  # noqa: E402
    Group,
    GroupAuthorization,
    GroupPermission,
    GroupPermissions,
    GroupUsers,
    PermissionArtifact,
    Profile,
    RealmAuthorization,
    User,
)

__all__ += [
    "DeletedRepository",
    "EditedRepository",
    "Group",
    "GroupAuthorization",
    "GroupPermission",
    "GroupPermissions",
    "GroupUsers",
    "PermissionArtifact",
    "Profile",
    "RealmAuthorization",
    "Repository",
    "RepositoryMutationResult",
    "RepositorySummary",
    "RepositorySynchro",
    "SynchronizationReports",
    "User",
]

# -- projects, jobs and apps ---------------------------------------------------------------------------
from ._generated.projects.fragments import (  # noqa: E402
    AppFields as App,
)
from ._generated.projects.fragments import (  # noqa: E402
    AppHistoryFields as AppHistory,
)
from ._generated.projects.fragments import (  # noqa: E402
    AppPortFields as AppPort,
)
from ._generated.projects.fragments import (  # noqa: E402
    AppStatsFields as AppStats,
)
from ._generated.projects.fragments import (  # noqa: E402
    AppStatusRecordFields as AppStatusRecord,
)
from ._generated.projects.fragments import (  # noqa: E402
    AppSummaryFields as AppSummary,
)
from ._generated.projects.fragments import (  # noqa: E402
    AppVersionFields as AppVersion,
)
from ._generated.projects.fragments import (  # noqa: E402
    AppVolumeFields as AppVolume,
)
from ._generated.projects.fragments import (  # noqa: E402
    JobCategoryTechnologiesFields as JobCategoryTechnologies,
)
from ._generated.projects.fragments import (  # noqa: E402
    JobDeletionResultFields as JobInstanceDeletionResult,
)
from ._generated.projects.fragments import (  # noqa: E402
    JobFields as Job,
)
from ._generated.projects.fragments import (  # noqa: E402
    JobInstanceCountFields as JobInstanceCount,
)
from ._generated.projects.fragments import (  # noqa: E402
    JobInstanceFields as JobInstance,
)
from ._generated.projects.fragments import (  # noqa: E402
    JobSummaryFields as JobSummary,
)
from ._generated.projects.fragments import (  # noqa: E402
    JobVersionDeletionResultFields as JobVersionDeletionResult,
)
from ._generated.projects.fragments import (  # noqa: E402
    JobVersionFields as JobVersion,
)
from ._generated.projects.fragments import (  # noqa: E402
    ProjectFields as Project,
)
from ._generated.projects.fragments import (  # noqa: E402
    ProjectRightFields as ProjectRight,
)
from ._generated.projects.fragments import (  # noqa: E402
    ProjectTechnologyFields as ProjectTechnology,
)

__all__ += [
    "App",
    "AppHistory",
    "AppPort",
    "AppStats",
    "AppStatusRecord",
    "AppSummary",
    "AppVersion",
    "AppVolume",
    "Job",
    "JobCategoryTechnologies",
    "JobInstance",
    "JobInstanceCount",
    "JobInstanceDeletionResult",
    "JobSummary",
    "JobVersion",
    "JobVersionDeletionResult",
    "Project",
    "ProjectRight",
    "ProjectTechnology",
]

# -- pipelines (graph pipelines, versions, instances) ------------------------------------------------------
from ._generated.projects.fragments import (  # noqa: E402
    PipelineConditionInstanceFields as PipelineConditionInstance,
)
from ._generated.projects.fragments import (  # noqa: E402
    PipelineFields as Pipeline,
)
from ._generated.projects.fragments import (  # noqa: E402
    PipelineInstanceDeletionFields as PipelineInstanceDeletionResult,
)
from ._generated.projects.fragments import (  # noqa: E402
    PipelineInstanceFields as PipelineInstance,
)
from ._generated.projects.fragments import (  # noqa: E402
    PipelineInstanceSelectorCountFields as PipelineInstanceCount,
)
from ._generated.projects.fragments import (  # noqa: E402
    PipelineMinimalFields as PipelineSummary,
)
from ._generated.projects.fragments import (  # noqa: E402
    PipelineVersionDeletionFields as PipelineVersionDeletionResult,
)
from ._generated.projects.fragments import (  # noqa: E402
    PipelineVersionFields as PipelineVersion,
)

__all__ += [
    "Pipeline",
    "PipelineConditionInstance",
    "PipelineInstance",
    "PipelineInstanceCount",
    "PipelineInstanceDeletionResult",
    "PipelineSummary",
    "PipelineVersion",
    "PipelineVersionDeletionResult",
]

# -- environment variables -----------------------------------------------------------------------------------
from ._generated.projects.fragments import (  # noqa: E402
    EnvVarFields as EnvVar,
)

__all__ += ["EnvVar"]

# -- docker credentials --------------------------------------------------------------------------------------
from ._generated.projects.fragments import (  # noqa: E402
    DockerCredentialsFields as DockerCredentials,
)

__all__ += ["DockerCredentials"]

# -- storages (volumes) --------------------------------------------------------------------------------------
from ._generated.projects.fragments import (  # noqa: E402
    StorageFields as Storage,
)
from ._generated.projects.fragments import (  # noqa: E402
    StorageSummaryFields as StorageSummary,
)

__all__ += ["Storage", "StorageSummary"]
