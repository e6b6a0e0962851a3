"""Docker credentials of a project, unique per registry and username."""

from __future__ import annotations

from typing import Any

from ..model import App, DockerCredential, Job, Project, new_id
from ..rules import book as r
from .authz import EDITOR, VIEWER
from .base import Caller, Domain

__all__ = ["DockerCredentialsBackend"]


class DockerCredentialsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def of_project(self, caller: Caller, project_id: object) -> list[DockerCredential] | None:
        project = self.backend.projects.find(caller, project_id)
        if project is None:
            return None
        return [c for c in self.data.docker_credentials.values() if c.project_id == project.id]

    def find(self, caller: Caller, credential_id: object, project_id: object) -> DockerCredential | None:
        credential = self.data.docker_credentials.get(str(credential_id))
        if credential is None or credential.project_id != str(project_id):
            return None
        return credential if self.authz.can(caller, self.data.projects.get(credential.project_id), VIEWER) else None

    def get(self, credential_id: object, project_id: object) -> DockerCredential:
        credential = self.store.docker_credential(credential_id)
        if credential.project_id != str(project_id):
            project = self.data.projects.get(str(project_id))
            name = project.name if project else str(project_id)
            raise r.DOCKER_CREDENTIALS_OTHER_PROJECT.error(key=credential_id, project=name)
        return credential

    def _editable(self, caller: Caller, project_id: object, operation: str) -> Project:
        project = self.store.project(project_id)
        self.authz.require(caller, project, EDITOR, operation)
        return project

    def jobs_using(self, credential: DockerCredential) -> list[Job]:
        return [
            job
            for job in self.store.jobs_of(credential.project_id)
            if any(
                (v.docker_info or {}).get("docker_credentials_id") == credential.id
                for v in job.versions
                if v.is_current
            )
        ]

    def apps_using(self, credential: DockerCredential) -> list[App]:
        return [
            app
            for app in self.store.apps_of(credential.project_id)
            if any(
                (v.docker_info or {}).get("docker_credentials_id") == credential.id
                for v in app.versions
                if v.is_current
            )
        ]

    # ------------------------------------------------------------------ mutations
    def _check_unique(self, project_id: str, username: str, registry: str | None, exclude: str = "") -> None:
        for other in self.data.docker_credentials.values():
            if (
                other.project_id == project_id
                and other.id != exclude
                and (other.username, other.registry)
                == (
                    username,
                    registry,
                )
            ):
                raise r.DOCKER_CREDENTIALS_TAKEN.error(username=username, registry=registry or "Docker Hub")

    def create(self, caller: Caller, values: dict[str, Any]) -> DockerCredential:
        with self.store.lock:
            project = self._editable(caller, values["project_id"], "createDockerCredentials")
            registry = values.get("registry") or None
            self._check_unique(project.id, values["username"], registry)
            created = DockerCredential(
                id=new_id(),
                project_id=project.id,
                username=values["username"],
                password=values["password"],
                registry=registry,
                last_update=self.clock.datetime(),
            )
            self.data.docker_credentials[created.id] = created
        return created

    def update(self, caller: Caller, values: dict[str, Any]) -> DockerCredential:
        with self.store.lock:
            self._editable(caller, values["project_id"], "updateDockerCredentials")
            credential = self.get(values["id"], values["project_id"])
            username = values.get("username") or credential.username
            registry = values.get("registry") or credential.registry
            self._check_unique(credential.project_id, username, registry, exclude=credential.id)
            credential.username, credential.registry = username, registry
            credential.password = values["password"]
            credential.last_update = self.clock.datetime()
        return credential

    def delete(self, caller: Caller, credential_id: object, project_id: object) -> bool:
        with self.store.lock:
            self._editable(caller, project_id, "deleteDockerCredentials")
            credential = self.get(credential_id, project_id)
            del self.data.docker_credentials[credential.id]
        return True
