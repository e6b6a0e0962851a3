"""``api.docker_credentials``: docker registry credentials of a project.

This file is the single source: ``saagieapi/_sync/docker_credentials.py`` is generated from it (``make codegen``).
The password is write-only: the platform never returns it, and the SDK keeps it out of logs and error messages.
"""

from __future__ import annotations

from .. import models
from .._core.inputs import (
    DockerCredentialsInputFields,
    DockerCredentialsUpdateFields,
    docker_credentials_input,
    docker_credentials_update,
)
from ..errors import InvalidInputError, NotFoundError
from .reconcile import docker_credential_created, gone, idempotent, reconciled
from .resource import AsyncResource

__all__ = ["AsyncDockerCredentials"]


def _registry(registry: str | None) -> str | None:
    """``None`` and ``""`` both mean Docker Hub."""
    return registry or None


def _where(registry: str | None) -> str:
    return f"registry {registry!r}" if registry else "Docker Hub"


def _check_text(name: str, value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidInputError(f"{name} must be a non-empty string")


class AsyncDockerCredentials(AsyncResource):
    """Methods of ``api.docker_credentials`` (docker registry credentials of a project)."""

    # -- read ------------------------------------------------------------------------------------------
    async def list_for_project(self, project_id: str) -> list[models.DockerCredentials]:
        """Every docker credential of a project (registry ``None`` is Docker Hub; no passwords).

        Example::

            for credential in await api.docker_credentials.list_for_project(project_id):
                registry = credential.registry or "Docker Hub"
        """
        found = await self._client.list_docker_credentials(project_id)
        if found is None:
            raise NotFoundError("project", project_id)
        return list(found)

    async def get_info(self, project_id: str, credential_id: str) -> models.DockerCredentials:
        """One docker credential of a project, by id.

        Example::

            credential = await api.docker_credentials.get_info(project_id, credential_id)
        """
        found = await self._client.get_docker_credentials(credential_id, project_id)
        if found is None:
            raise NotFoundError("docker credentials", credential_id, scope=f"project {project_id!r}")
        return found

    async def get_info_for_username(
        self, project_id: str, username: str, registry: str | None = None
    ) -> models.DockerCredentials:
        """The credential of ``username`` on ``registry`` (``None``: Docker Hub) in a project (one request).

        Raises NotFoundError (listing the existing usernames of that registry) when there is none.

        Example::

            credential = await api.docker_credentials.get_info_for_username(project_id, "bot", "ghcr.io")
        """
        _check_text("username", username)
        wanted = _registry(registry)
        same_registry = [c for c in await self.list_for_project(project_id) if _registry(c.registry) == wanted]
        for credential in same_registry:
            if credential.username == username:
                return credential
        names = sorted(c.username for c in same_registry)
        raise NotFoundError(
            "docker credentials",
            username,
            scope=f"{_where(wanted)} of project {project_id!r}",
            hint=f"existing: {', '.join(names)}" if names else "there is none",
        )

    # -- write -----------------------------------------------------------------------------------------
    async def create(
        self, project_id: str, username: str, password: str, registry: str | None = None
    ) -> models.DockerCredentials:
        """Store credentials for ``registry`` (``None``: Docker Hub) in a project.

        Example::

            credential = await api.docker_credentials.create(project_id, "bot", token, registry="ghcr.io")
            await api.apps.create_from_scratch(project_id, "web", image="ghcr.io/acme/web:1",
                                               docker_credentials_id=credential.id)
        """
        _check_text("username", username)
        _check_text("password", password)
        self._transport.redact.add(password)
        fields: DockerCredentialsInputFields = {"projectId": project_id, "username": username, "password": password}
        if _registry(registry):
            fields["registry"] = registry
        credentials = docker_credentials_input(fields)
        created = await reconciled(
            self._api,
            "createDockerCredentials",
            lambda: self._client.create_docker_credentials(credentials),
            lambda: docker_credential_created(self._api, project_id, fields.get("registry"), username),
        )
        if created is None:
            raise NotFoundError("project", project_id)
        return created

    async def upgrade(
        self,
        project_id: str,
        credential_id: str,
        password: str,
        registry: str | None = None,
        username: str | None = None,
    ) -> models.DockerCredentials:
        """Change the password of a credential, and its registry or username when given (``None`` keeps them).

        Example::

            await api.docker_credentials.upgrade(project_id, credential_id, new_token, registry="ghcr.io")
        """
        _check_text("password", password)
        self._transport.redact.add(password)
        update_fields: DockerCredentialsUpdateFields = {
            "id": credential_id,
            "projectId": project_id,
            "password": password,
        }
        if _registry(registry):
            update_fields["registry"] = registry
        if username:
            update_fields["username"] = username
        update = docker_credentials_update(update_fields)
        updated = await idempotent("updateDockerCredentials", lambda: self._client.update_docker_credentials(update))
        if updated is None:
            raise NotFoundError("docker credentials", credential_id, scope=f"project {project_id!r}")
        return updated

    async def upgrade_for_username(
        self, project_id: str, username: str, password: str, registry: str | None = None
    ) -> models.DockerCredentials:
        """Change the password of the credential of ``username`` on ``registry`` (``None``: Docker Hub).

        Example::

            await api.docker_credentials.upgrade_for_username(project_id, "bot", new_token, "ghcr.io")
        """
        _check_text("password", password)
        current = await self.get_info_for_username(project_id, username, registry)
        return await self.upgrade(project_id, current.id, password, registry)

    async def delete(self, project_id: str, credential_id: str) -> bool:
        """Delete a credential by id; ``True`` when the platform confirms.

        Example::

            await api.docker_credentials.delete(project_id, credential_id)
        """
        return bool(
            await reconciled(
                self._api,
                "deleteDockerCredentials",
                lambda: self._client.delete_docker_credentials(credential_id, project_id),
                lambda: gone(lambda: self.get_info(project_id, credential_id), True),
            )
        )

    async def delete_for_username(self, project_id: str, username: str, registry: str | None = None) -> bool:
        """Delete the credential of ``username`` on ``registry`` (``None``: Docker Hub).

        Example::

            await api.docker_credentials.delete_for_username(project_id, "bot", "ghcr.io")
        """
        current = await self.get_info_for_username(project_id, username, registry)
        return await self.delete(project_id, current.id)
