"""``saagie.docker_credentials`` of saagieapi 2.x over ``api.docker_credentials`` of the typed client.

Example::

    credential_id = saagie.docker_credentials.create(project_id, "me", "secret", registry="registry.acme.io")[
        "createDockerCredentials"
    ]["id"]
"""

from __future__ import annotations

from typing import Any

from ...errors import NotFoundError
from .._core import V2Resource, v2_method

__all__ = ["DockerCredentials"]

CREDENTIAL = "id registry username lastUpdate jobs{id}"
SAVED = "id registry username lastUpdate"
#: 2.x raised RuntimeError when no credential of the project matched the username.
MISSING_CREDENTIAL: dict[Any, tuple[type[Exception], ...]] = {NotFoundError: (NameError, RuntimeError)}


class DockerCredentials(V2Resource):
    """Docker registry credentials of a project (the password is write-only) (2.x shapes)."""

    _resource = "docker_credentials"

    @v2_method("allDockerCredentials", CREDENTIAL, kind="list", missing="project")
    def list_for_project(self, project_id: str, pprint_result: bool | None = None) -> Any:
        """``{"allDockerCredentials": [{"id", "registry", "username", "lastUpdate", "jobs"}]}``."""
        return self._typed.list_for_project(project_id)

    @v2_method("dockerCredentials", CREDENTIAL, missing="docker credentials")
    def get_info(self, project_id: str, credential_id: str, pprint_result: bool | None = None) -> Any:
        """``{"dockerCredentials": {...}}``."""
        return self._typed.get_info(project_id, credential_id)

    @v2_method((), CREDENTIAL, errors=MISSING_CREDENTIAL)
    def get_info_for_username(self, project_id: str, username: str, registry: str | None = None) -> Any:
        """The credential of ``username`` on ``registry`` (``None``: Docker Hub), without wrapper;
        ``RuntimeError`` when there is none."""
        return self._typed.get_info_for_username(project_id, username, registry)

    @v2_method("createDockerCredentials", SAVED)
    def create(self, project_id: str, username: str, password: str, registry: str | None = None) -> Any:
        """``{"createDockerCredentials": {"id", "registry", "username", "lastUpdate"}}``."""
        return self._typed.create(project_id, username, password, registry)

    @v2_method("updateDockerCredentials", SAVED)
    def upgrade(
        self, project_id: str, credential_id: str, password: str, registry: str | None = None, username: str = ""
    ) -> Any:
        """``{"updateDockerCredentials": {...}}``; an empty ``username`` keeps the current one."""
        return self._typed.upgrade(project_id, credential_id, password, registry, username or None)

    @v2_method("updateDockerCredentials", SAVED, errors=MISSING_CREDENTIAL)
    def upgrade_for_username(self, project_id: str, username: str, password: str, registry: str | None = None) -> Any:
        """Change the password of the credential of ``username`` on ``registry``."""
        return self._typed.upgrade_for_username(project_id, username, password, registry)

    @v2_method("deleteDockerCredentials")
    def delete(self, project_id: str, credential_id: str) -> Any:
        """``{"deleteDockerCredentials": True}``."""
        return self._typed.delete(project_id, credential_id)

    @v2_method("deleteDockerCredentials", errors=MISSING_CREDENTIAL)
    def delete_for_username(self, project_id: str, username: str, registry: str | None = None) -> Any:
        """``{"deleteDockerCredentials": True}`` for the credential of ``username`` on ``registry``."""
        return self._typed.delete_for_username(project_id, username, registry)
