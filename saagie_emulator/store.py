"""The in-memory state of one emulated platform, with optional persistence to a file.

The file is versioned JSON written and read by :mod:`saagie_emulator.state_file` (never a pickle: loading one
runs arbitrary code); a file that cannot be read is refused with a :class:`~.state_file.StateFileError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .model import (
    App,
    DockerCredential,
    EnvVar,
    Group,
    Job,
    JobInstance,
    Pipeline,
    PipelineInstance,
    Profile,
    Project,
    Repository,
    Technology,
    User,
    Volume,
)
from .rules.book import NOT_FOUND
from .store_lock import StoreLock

__all__ = ["Store", "StoreData"]

T = TypeVar("T")


@dataclass
class StoreData:
    """Everything a platform holds. Plain containers of model dataclasses, saved in one go as JSON.

    A new field, or a new model class, must stay encodable by :mod:`saagie_emulator.state_file` (add the class
    to its ``ALLOWED_TYPES``).
    """

    realm: str
    platform_id: int
    platform_name: str
    users: dict[str, User] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    repositories: dict[str, Repository] = field(default_factory=dict)
    technologies: dict[str, Technology] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    jobs: dict[str, Job] = field(default_factory=dict)
    job_instances: dict[str, JobInstance] = field(default_factory=dict)
    pipelines: dict[str, Pipeline] = field(default_factory=dict)
    pipeline_instances: dict[str, PipelineInstance] = field(default_factory=dict)
    apps: dict[str, App] = field(default_factory=dict)
    volumes: dict[str, Volume] = field(default_factory=dict)
    env_vars: dict[str, EnvVar] = field(default_factory=dict)
    docker_credentials: dict[str, DockerCredential] = field(default_factory=dict)
    #: How far the emulated clock is ahead of the wall clock, so that a restart keeps emulated time.
    clock_offset: float = 0.0


class Store:
    """Holds a :class:`StoreData` behind a re-entrant lock; saves it after each mutation if asked."""

    def __init__(self, data: StoreData, state_path: Path | None = None) -> None:
        self.data = data
        #: One writer (``with store.lock:``, re-entrant) or many readers (``store.lock.reading()``).
        self.lock = StoreLock()
        self.state_path = state_path

    # -------------------------------------------------------------- persistence
    @classmethod
    def load_or_create(cls, state_path: Path | None, factory: StoreData) -> Store:
        """Load the state saved at ``state_path`` if the file exists, else start from ``factory``.

        Raises :class:`~saagie_emulator.state_file.StateFileError` (naming the file) if the file exists but
        is not a state file this version can read: the platform does not start rather than start empty.
        """
        if state_path is not None and state_path.exists():
            from .state_file import read_state  # state_file imports this module

            return cls(read_state(state_path), state_path)
        return cls(factory, state_path)

    def save(self) -> None:
        """Write the whole state to ``state_path`` (if any), atomically; if it cannot be written, the state
        goes back to the one last saved and :class:`~.state_file.StateSaveError` is raised."""
        if self.state_path is None:
            return
        from .state_file import save_store  # state_file imports this module

        save_store(self)

    def replace(self, data: StoreData) -> None:
        with self.lock:
            self.data = data
        self.save()

    # -------------------------------------------------------------- look-ups
    @staticmethod
    def _get(table: dict[str, T], key: object, kind: str) -> T:
        value = table.get(str(key))
        if value is None:
            raise NOT_FOUND.error(kind=kind, key=key)
        return value

    def project(self, project_id: object) -> Project:
        return self._get(self.data.projects, project_id, "Project")

    def job(self, job_id: object) -> Job:
        return self._get(self.data.jobs, job_id, "Job")

    def job_instance(self, instance_id: object) -> JobInstance:
        return self._get(self.data.job_instances, instance_id, "JobInstance")

    def pipeline(self, pipeline_id: object) -> Pipeline:
        return self._get(self.data.pipelines, pipeline_id, "Pipeline")

    def pipeline_instance(self, instance_id: object) -> PipelineInstance:
        return self._get(self.data.pipeline_instances, instance_id, "PipelineInstance")

    def app(self, app_id: object) -> App:
        return self._get(self.data.apps, app_id, "App")

    def volume(self, volume_id: object) -> Volume:
        return self._get(self.data.volumes, volume_id, "Volume")

    def technology(self, technology_id: object) -> Technology:
        return self._get(self.data.technologies, technology_id, "Technology")

    def repository(self, repository_id: object) -> Repository:
        return self._get(self.data.repositories, repository_id, "Repository")

    def env_var(self, env_var_id: object) -> EnvVar:
        return self._get(self.data.env_vars, env_var_id, "EnvironmentVariable")

    def docker_credential(self, credential_id: object) -> DockerCredential:
        return self._get(self.data.docker_credentials, credential_id, "DockerCredentials")

    # -------------------------------------------------------------- project contents
    def jobs_of(self, project_id: str) -> list[Job]:
        return [job for job in self.data.jobs.values() if job.project_id == project_id]

    def pipelines_of(self, project_id: str) -> list[Pipeline]:
        return [p for p in self.data.pipelines.values() if p.project_id == project_id]

    def apps_of(self, project_id: str) -> list[App]:
        return [app for app in self.data.apps.values() if app.project_id == project_id]

    def volumes_of(self, project_id: str) -> list[Volume]:
        return [v for v in self.data.volumes.values() if v.project_id == project_id]
