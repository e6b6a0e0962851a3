"""``saagie.projects`` of saagieapi 2.x over ``api.projects`` of the typed client.

Example::

    project_id = saagie.projects.create("demo", group="data", role="Editor")["createProject"]["id"]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...errors import WaitTimeoutError
from .._core import V2Resource, v2_method
from ..errors import make_output_folder
from ..saagie_api import TECHNOLOGY_ERRORS

__all__ = ["Projects"]

PROJECT = "id name creator description jobsCount status"
CREATED = "id name creator"


class Projects(V2Resource):
    """Projects: list, read, create, edit, delete, rights, export and import (2.x shapes)."""

    _resource = "projects"

    @v2_method("projects", PROJECT, kind="list")
    def list(self, pprint_result: bool | None = None) -> Any:
        """``{"projects": [{"id", "name", "creator", "description", "jobsCount", "status"}]}``."""
        return self._typed.list()

    @v2_method()
    def get_id(self, project_name: str) -> Any:
        """The id of the project named ``project_name``; ``NameError`` (and ``NotFoundError``) when none."""
        return self._typed.get_id(project_name)

    @v2_method("project", "name creator description jobsCount status", missing="project")
    def get_info(self, project_id: str, pprint_result: bool | None = None) -> Any:
        """``{"project": {"name", "creator", "description", "jobsCount", "status"}}`` (no ``id``, as 2.x)."""
        return self._typed.get_info(project_id)

    @v2_method("projectByName", PROJECT, missing="project")
    def get_info_by_name(self, project_name: str, pprint_result: bool | None = None) -> Any:
        """``{"projectByName": {...}}``."""
        return self._typed.get_info_by_name(project_name)

    @v2_method(
        "technologiesByCategory",
        "jobCategory technologies{id __typename}",
        kind="list",
        raw=True,
        missing="project",
        missing_wrapper=(),
    )
    def get_jobs_technologies(self, project_id: str, pprint_result: bool | None = None) -> dict[str, Any]:
        """``{"technologiesByCategory": [{"jobCategory", "technologies": [{"id", "__typename"}]}]}``."""
        categories = self._typed.get_jobs_technologies(project_id)
        kinds = self.saagie_api.technology_kinds()
        return {
            "technologiesByCategory": [
                {
                    "jobCategory": category.job_category,
                    "technologies": [
                        {"id": tech.id, "__typename": kinds.get(tech.id, "Technology")}
                        for tech in category.technologies or []
                    ],
                }
                for category in categories
            ]
        }

    @v2_method("appTechnologies", "id", kind="list", missing="project", missing_wrapper=())
    def get_apps_technologies(self, project_id: str, pprint_result: bool | None = None) -> Any:
        """``{"appTechnologies": [{"id"}]}``."""
        return self._typed.get_apps_technologies(project_id)

    @v2_method("createProject", CREATED, errors=TECHNOLOGY_ERRORS)
    def create(
        self,
        name: str,
        group: str | None = None,
        role: str | None = None,
        groups_and_roles: Sequence[Mapping[str, str]] | None = None,
        description: str = "",
        jobs_technologies_allowed: Mapping[str, Any] | None = None,
        apps_technologies_allowed: Mapping[str, Any] | None = None,
    ) -> Any:
        """``{"createProject": {"id", "name", "creator"}}``; a group without a role raises ``RuntimeError``."""
        return self._typed.create(
            name,
            group,
            role,
            groups_and_roles,
            description,
            jobs_technologies_allowed,
            apps_technologies_allowed,
        )

    @v2_method("rights", "name role isAllProjects", kind="list")
    def get_rights(self, project_id: str) -> Any:
        """``{"rights": [{"name", "role", "isAllProjects"}]}``."""
        return self._typed.get_rights(project_id)

    @v2_method("editProject", CREATED, errors=TECHNOLOGY_ERRORS)
    def edit(
        self,
        project_id: str,
        name: str | None = None,
        group: str | None = None,
        role: str | None = None,
        groups_and_roles: Sequence[Mapping[str, str]] | None = None,
        description: str | None = None,
        jobs_technologies_allowed: Mapping[str, Any] | None = None,
        apps_technologies_allowed: Mapping[str, Any] | None = None,
    ) -> Any:
        """``{"editProject": {"id", "name", "creator"}}``; what is not given stays as it is."""
        return self._typed.edit(
            project_id,
            name,
            group,
            role,
            groups_and_roles,
            description,
            jobs_technologies_allowed,
            apps_technologies_allowed,
        )

    @v2_method("deleteProject")
    def delete(self, project_id: str) -> Any:
        """``{"deleteProject": True}``."""
        return self._typed.delete(project_id)

    @v2_method(kind="result")
    def export(
        self,
        project_id: str,
        output_folder: str,
        error_folder: str | None = "",
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        project_only_env_vars: bool = False,
    ) -> bool:
        """Export the project to ``<output_folder>/<project_id>``; True when everything was exported."""
        make_output_folder(output_folder)
        return bool(
            self._typed.export(
                project_id,
                output_folder,
                error_folder or "",
                versions_limit,
                versions_only_current,
                project_only_env_vars,
            )
        )

    @v2_method(kind="result")
    def import_from_json(self, path_to_folder: str | None = None) -> bool:
        """Import an exported project folder; True when everything was imported."""
        if path_to_folder is None:
            from ...errors import InvalidInputError

            raise InvalidInputError("path_to_folder is missing: give the folder of an exported project")
        return bool(self._typed.import_from_json(path_to_folder))

    @v2_method(
        kind="scalar",
        note="returns the project (2.x: its status); waits for READY, raises WaitTimeoutError or RunFailedError",
    )
    def get_status_with_callback(self, project_id: str, freq: int = 10, timeout: int = -1) -> str:
        """Wait until the project is READY or FAILED; return its last status (also after ``timeout`` seconds).

        2.x did not wait with its default ``timeout=-1``; here a negative timeout waits up to the typed
        client's default (10 minutes).
        """
        options: dict[str, Any] = {"raise_on_failure": False}
        if timeout is not None and timeout >= 0:
            options["timeout"] = timeout
        try:
            project = self._typed.get_status_with_callback(project_id, freq, **options)
        except WaitTimeoutError as error:
            return str(error.status)
        return str(getattr(project.status, "value", project.status))
