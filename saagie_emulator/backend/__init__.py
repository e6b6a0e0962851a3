"""The platform's state and rules, one domain per module (like moto's backends).

Each domain backend holds plain methods over the store: reads, and mutations that check every rule first
and then apply, or apply nothing. The GraphQL resolvers (:mod:`saagie_emulator.resolvers`) and the REST
handlers (:mod:`saagie_emulator.rest`) only translate the wire format to these calls and back, so the rules
are unit-testable without HTTP::

    backend = Backend(store, Controls(), Clock())
    project = backend.projects.create(Caller("admin"), {"name": "p"})
"""

from __future__ import annotations

from ..clock import Clock
from ..lifecycle import Controls
from ..store import Store
from .apps import AppsBackend
from .authz import AuthzBackend
from .base import Caller, Domain, Upload
from .catalog import CatalogBackend
from .docker_credentials import DockerCredentialsBackend
from .env_vars import EnvVarsBackend
from .job_instances import JobInstancesBackend
from .jobs import JobsBackend
from .pipeline_runs import PipelineRunsBackend
from .pipelines import PipelinesBackend
from .projects import ProjectsBackend
from .security import SecurityBackend
from .volumes import VolumesBackend

__all__ = ["Backend", "Caller", "Domain", "Upload"]


class Backend:
    """All domain backends of one platform, sharing its store, simulation controls and clock."""

    def __init__(self, store: Store, controls: Controls, clock: Clock) -> None:
        self.store = store
        self.controls = controls
        self.clock = clock
        self.authz = AuthzBackend(self)
        self.projects = ProjectsBackend(self)
        self.jobs = JobsBackend(self)
        self.job_instances = JobInstancesBackend(self)
        self.pipelines = PipelinesBackend(self)
        self.pipeline_runs = PipelineRunsBackend(self)
        self.apps = AppsBackend(self)
        self.volumes = VolumesBackend(self)
        self.env_vars = EnvVarsBackend(self)
        self.docker_credentials = DockerCredentialsBackend(self)
        self.catalog = CatalogBackend(self)
        self.security = SecurityBackend(self)
