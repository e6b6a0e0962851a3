# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.projects``: projects: list, create, edit, delete, rights, status.

This file is the single source: ``saagieapi/_sync/projects.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._core.arguments import JOB_CATEGORIES, check_entity_name
from .._core.lookup import find_by_name
from .._core.memo import JOB_TECHNOLOGIES
from .._core.statuses import PROJECT_FINAL_STATUSES, PROJECT_ROLES, PROJECT_SUCCESS_STATUSES
from .._core.validation import check_technology_valid
from .._generated.projects.enums import ProjectRole
from ..errors import InvalidInputError, NotFoundError
from ..export_layout import (
    DEFAULT_CONCURRENCY,
    DEFAULT_IMPORT_CONCURRENCY,
    ExportResult,
    ImportResult,
    ProgressCallback,
)
from .reconcile import gone, idempotent, project_created, reconciled
from .resource import Resource
from .waiting import DEFAULT_POLL_INTERVAL, check_wait, wait_until_final

if TYPE_CHECKING:  # imported on first use: the first projects.list() stays cheap (see benchmarks/)
    from .._core.inputs import (
        ProjectEditionInputFields,
        ProjectInputFields,
        SecurityGroupInputFields,
        TechnologyByCategoryInputFields,
        TechnologyInputFields,
    )
    from .._generated.projects.input_types import SecurityGroupInput, TechnologyByCategoryInput, TechnologyInput

    Groups = builtins.list[SecurityGroupInput | SecurityGroupInputFields | None]
    Categories = builtins.list[TechnologyByCategoryInput | TechnologyByCategoryInputFields]
    Technologies = builtins.list[TechnologyInput | TechnologyInputFields]
    from ..models import JobCategoryTechnologies, Project, ProjectReports, ProjectRight, ProjectTechnology

__all__ = ["Projects"]

#: Job categories of a project; 2.x's flat ``{catalog: [labels]}`` form configures the first two.
DEFAULT_JOB_CATEGORIES = ("Extraction", "Processing")
#: How long ``get_status_with_callback`` waits by default (seconds).
PROJECT_WAIT_TIMEOUT = 600.0

TechnologiesAllowed = Mapping[str, Any]


def _map_role(role: str) -> str:
    value = str(role)
    if value.upper() in PROJECT_ROLES.values():
        return value.upper()
    mapped = PROJECT_ROLES.get(value.lower())
    if mapped is None:
        raise InvalidInputError(f"role {role!r} is invalid: choose among Manager, Editor, Viewer")
    return mapped


def _authorized_groups(
    group: str | None, role: str | None, groups_and_roles: Sequence[Mapping[str, str]] | None
) -> Groups | None:
    """``[{"name", "role"}]`` from either ``group`` + ``role`` or ``groups_and_roles``; None when none given."""
    if groups_and_roles is not None and (group is not None or role is not None):
        raise InvalidInputError("give either group and role, or groups_and_roles, not both")
    if (group is None) != (role is None):
        raise InvalidInputError("group and role go together: give both or neither")
    if group is not None and role is not None:
        return [{"name": group, "role": ProjectRole(_map_role(role))}]
    if groups_and_roles is None:
        return None
    if isinstance(groups_and_roles, Mapping):
        groups_and_roles = [groups_and_roles]
    return [
        {"name": name, "role": ProjectRole(_map_role(value))}
        for item in groups_and_roles
        for name, value in item.items()
    ]


def _is_per_category(allowed: TechnologiesAllowed) -> bool:
    return bool(allowed) and all(key in JOB_CATEGORIES and isinstance(v, Mapping) for key, v in allowed.items())


class Projects(Resource):
    """Methods of ``api.projects`` (projects: list, create, edit, delete, rights, status)."""

    # -- read ---------------------------------------------------------------------------------------------
    def list(self) -> builtins.list[Project]:
        """Every project the user can see.

        Example::

            names = [project.name for project in api.projects.list()]
        """
        return builtins.list(self._client.list_projects() or [])

    def get_id(self, project_name: str) -> str:
        """Id of the project with this name (NotFoundError / AmbiguousNameError otherwise); one request.

        A project id is accepted too (returned when no project has that name): the lookups that take a
        ``project_name`` (``api.jobs.get_id("ingest", project)``...) take either.

        Example::

            project_id = api.projects.get_id("demo")
        """
        projects = self.list()
        by_id = [project for project in projects if project.id == project_name]
        if by_id and not any(project.name.casefold() == str(project_name).casefold() for project in projects):
            return by_id[0].id
        return find_by_name(projects, project_name, kind="project", hint="pass a project name or id").id

    def get_info(self, project_id: str) -> Project:
        """A project: name, creator, description, job count and status.

        Example::

            status = (api.projects.get_info(project_id)).status
        """
        project = self._client.get_project(id=project_id)
        if project is None:
            raise NotFoundError("project", project_id)
        return project

    def get_info_by_name(self, project_name: str) -> Project:
        """A project looked up by its exact name.

        Example::

            project = api.projects.get_info_by_name("demo")
        """
        project = self._client.get_project_by_name(name=project_name)
        if project is None:
            raise NotFoundError("project", project_name)
        return project

    def get_jobs_technologies(self, project_id: str) -> builtins.list[JobCategoryTechnologies]:
        """The job technologies enabled in the project, per job category.

        Example::

            categories = api.projects.get_jobs_technologies(project_id)
            allowed = {c.job_category: [tech.id for tech in c.technologies or []] for c in categories}
        """
        remembered = JOB_TECHNOLOGIES.get()
        if remembered is not None and project_id in remembered:
            return list(remembered[project_id])
        project = self._client.get_project_job_technologies(id=project_id)
        if project is None:
            raise NotFoundError("project", project_id)
        categories = [category for category in project.technologies_by_category if category is not None]
        if remembered is not None:
            remembered[project_id] = categories
        return categories

    def get_apps_technologies(self, project_id: str) -> builtins.list[ProjectTechnology]:
        """The app technologies enabled in the project (ids of catalog technologies).

        Example::

            ids = [tech.id for tech in api.projects.get_apps_technologies(project_id)]
        """
        project = self._client.get_project_app_technologies(id=project_id)
        if project is None:
            raise NotFoundError("project", project_id)
        return [tech for tech in project.app_technologies if tech is not None]

    def get_rights(self, project_id: str) -> builtins.list[ProjectRight]:
        """The groups allowed in the project with their role.

        Example::

            roles = {right.name: right.role for right in api.projects.get_rights(project_id)}
        """
        return builtins.list(self._client.get_project_rights(project_id=project_id) or [])

    # -- technologies -------------------------------------------------------------------------------------
    def get_reports(self, time_slot: int, *, limit: int = 100, skip: int = 0) -> ProjectReports:
        """Job and pipeline instances of the visible projects over the recent ``time_slot``, per project.

        ``time_slot`` is the length of the window in the platform's unit (the emulator reads hours);
        ``limit`` and ``skip`` page through the projects; ``count_instances`` counts every instance reported.

        Example::

            reports = api.projects.get_reports(24)
            runs = [run for project in reports.projects for job in project.jobs for run in job.job_instances]
            failed = [run.id for run in runs if run.status.value == "FAILED"]
        """
        for name, value, minimum in (("time_slot", time_slot, 1), ("limit", limit, 1), ("skip", skip, 0)):
            if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
                raise InvalidInputError(f"{name} must be an int >= {minimum}, not {value!r}")
        return self._client.get_project_reports(time_slot=time_slot, limit=limit, skip=skip)

    def _technology_ids(self, allowed: Mapping[str, Sequence[str]], kinds: tuple[str, ...]) -> builtins.list[str]:
        ids: builtins.list[str] = []
        for catalog, given in allowed.items():
            labels = [given] if isinstance(given, str) else list(given)
            technologies = [tech for tech in self._api.get_available_technologies(catalog) if tech.typename__ in kinds]
            for technology_id in check_technology_valid(labels, technologies, catalog):
                if technology_id not in ids:
                    ids.append(technology_id)
        return ids

    def _all_of_saagie(self, kinds: tuple[str, ...]) -> builtins.list[str]:
        return [tech.id for tech in self._api.get_available_technologies("saagie") if tech.typename__ in kinds]

    def _job_categories(self, allowed: TechnologiesAllowed | None) -> Categories:
        kinds = ("JobTechnology", "SparkTechnology")
        if not allowed:
            ids = self._all_of_saagie(kinds)
            return [{"jobCategory": c, "technologies": [{"id": i} for i in ids]} for c in DEFAULT_JOB_CATEGORIES]
        if _is_per_category(allowed):
            return [
                {"jobCategory": category, "technologies": [{"id": i} for i in self._technology_ids(v, kinds)]}
                for category, v in allowed.items()
            ]
        ids = self._technology_ids(allowed, kinds)
        return [{"jobCategory": c, "technologies": [{"id": i} for i in ids]} for c in DEFAULT_JOB_CATEGORIES]

    def _app_technologies(self, allowed: Mapping[str, Sequence[str]] | None) -> Technologies:
        ids = self._technology_ids(allowed, ("AppTechnology",)) if allowed else None
        if ids is None:
            ids = self._all_of_saagie(("AppTechnology",))
        return [{"id": i} for i in ids]

    # -- write --------------------------------------------------------------------------------------------
    def create(
        self,
        name: str,
        group: str | None = None,
        role: str | None = None,
        groups_and_roles: Sequence[Mapping[str, str]] | None = None,
        description: str = "",
        jobs_technologies_allowed: TechnologiesAllowed | None = None,
        apps_technologies_allowed: Mapping[str, Sequence[str]] | None = None,
    ) -> Project:
        """Create a project; technologies are given by catalog and label, groups with a role.

        ``jobs_technologies_allowed`` is ``{catalog: [labels]}`` (Extraction and Processing, as in 2.x) or
        ``{category: {catalog: [labels]}}`` to configure each category (``"Smart App"`` included); by default
        every available job technology of the Saagie catalog. ``apps_technologies_allowed`` is
        ``{catalog: [labels]}``, by default every Saagie app technology. Roles: Manager, Editor, Viewer.

        Example::

            project = api.projects.create(
                "demo", group="data", role="Editor", jobs_technologies_allowed={"Saagie": ["python"]}
            )
        """
        check_entity_name(name, param="name", entity="a project")
        groups = _authorized_groups(group, role, groups_and_roles)
        values: ProjectInputFields = {
            "name": name,
            "description": description,
            "technologiesByCategory": self._job_categories(jobs_technologies_allowed),
            "appTechnologies": self._app_technologies(apps_technologies_allowed),
        }
        if groups is not None:
            values["authorizedGroups"] = groups
        from .._core.inputs import project_input as project_input_of  # on first use (see TYPE_CHECKING above)

        project_input = project_input_of(values)
        return reconciled(
            self._api,
            "createProject",
            lambda: self._client.create_project(project=project_input),
            lambda: project_created(self._api, name, description),
        )

    def edit(
        self,
        project_id: str,
        name: str | None = None,
        group: str | None = None,
        role: str | None = None,
        groups_and_roles: Sequence[Mapping[str, str]] | None = None,
        description: str | None = None,
        jobs_technologies_allowed: TechnologiesAllowed | None = None,
        apps_technologies_allowed: Mapping[str, Sequence[str]] | None = None,
    ) -> Project:
        """Change a project; what is not given (None) stays as it is, each job category keeping its own list.

        ``description=""`` clears the description. Same technology and group forms as :meth:`create`.

        Example::

            project = api.projects.edit(project_id, description="nightly ETL")
        """
        groups = _authorized_groups(group, role, groups_and_roles)
        values: ProjectEditionInputFields = {"id": project_id}
        if name is not None:
            values["name"] = check_entity_name(name, param="name", entity="a project")
        if description is not None:
            values["description"] = description
        if groups is None:
            rights = self.get_rights(project_id)
            groups = [
                {"name": right.name, "role": right.role}
                for right in rights
                if not right.is_all_projects and right.role is not None
            ]
        values["authorizedGroups"] = groups
        if jobs_technologies_allowed:
            values["technologiesByCategory"] = self._job_categories(jobs_technologies_allowed)
        else:  # re-send each category with its own list (2.x applied the first list to all categories)
            values["technologiesByCategory"] = [
                {"jobCategory": c.job_category, "technologies": [{"id": t.id} for t in c.technologies or []]}
                for c in self.get_jobs_technologies(project_id)
            ]
        if apps_technologies_allowed:
            values["appTechnologies"] = self._app_technologies(apps_technologies_allowed)
        else:
            values["appTechnologies"] = [{"id": t.id} for t in self.get_apps_technologies(project_id)]
        from .._core.inputs import project_edition_input  # on first use (see TYPE_CHECKING above)

        edition = project_edition_input(values)
        return idempotent("editProject", lambda: self._client.edit_project(project=edition))

    def delete(self, project_id: str) -> bool:
        """Delete a project and everything in it; True when done.

        Example::

            api.projects.delete(project_id)
        """
        return bool(
            reconciled(
                self._api,
                "deleteProject",
                lambda: self._client.delete_project(project_id=project_id),
                lambda: gone(lambda: self.get_info(project_id), True),
            )
        )

    def get_status_with_callback(
        self,
        project_id: str,
        freq: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = PROJECT_WAIT_TIMEOUT,
        *,
        raise_on_failure: bool = True,
        callback: Callable[[Project], object] | None = None,
    ) -> Project:
        """Wait until the project is READY (or FAILED); return it.

        Polls every ``freq`` seconds at first, then less often; raises WaitTimeoutError after ``timeout``
        seconds (``None``: no limit) and RunFailedError if the project FAILED (``raise_on_failure=False``
        returns it instead). ``callback`` sees each polled project.

        Example::

            project = api.projects.get_status_with_callback(project_id, timeout=300)
        """
        check_wait(freq, timeout)

        def fetch() -> Project:
            return self.get_info(project_id)

        return wait_until_final(
            fetch,
            lambda project: str(getattr(project.status, "value", project.status)),
            final_statuses=PROJECT_FINAL_STATUSES,
            success_statuses=PROJECT_SUCCESS_STATUSES,
            instance_id=project_id,
            what="project",
            timeout=timeout,
            poll_interval=freq,
            raise_on_failure=raise_on_failure,
            callback=callback,
        )

    # -- export / import (2.x folder layout) --------------------------------------------------------------
    def export(
        self,
        project_id: str,
        output_folder: str | os.PathLike[str],
        error_folder: str | os.PathLike[str] = "",
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        project_only_env_vars: bool = False,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        progress: ProgressCallback | None = None,
    ) -> ExportResult:
        """Export a whole project to ``<output_folder>/<project_id>`` in the 2.x layout (saagieapi 2.x reads it).

        Jobs with their artifacts, pipelines with their PIPELINE variables, apps, GLOBAL/PROJECT variables
        and docker credentials (no passwords). Up to ``concurrency`` requests and downloads run at once;
        ``progress`` is called after each entity. Written to a temporary folder, renamed when complete: a
        failure raises ExportError and leaves nothing that looks complete.

        Example::

            result = api.projects.export(project_id, "backup", versions_limit=5)
            exported_jobs = len(result.of("job"))  # written under result.folder
        """
        from .project_export import run_export

        return run_export(
            self._api,
            "project",
            project_id,
            output_folder,
            error_folder=error_folder,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
            concurrency=concurrency,
            progress=progress,
            project_only_env_vars=project_only_env_vars,
        )

    def import_from_json(
        self,
        path_to_folder: str | os.PathLike[str],
        *,
        if_exists: str = "skip",
        docker_credentials_passwords: Mapping[str, str] | None = None,
        error_folder: str | os.PathLike[str] = "",
        concurrency: int = DEFAULT_IMPORT_CONCURRENCY,
        progress: ProgressCallback | None = None,
        timeout: float | None = PROJECT_WAIT_TIMEOUT,
    ) -> ImportResult:
        """Recreate an exported project (2.x or 3.x export) on this platform; what failed or was skipped is reported.

        The folder is fully checked first (paths stay inside it, JSON well formed, artifacts present).
        Then: the project (reused if one has that name), docker credentials (passwords from
        ``docker_credentials_passwords``, keyed by username or ``registry/username``), variables, jobs
        with all their versions, pipelines (job ids mapped to the new jobs), apps with their volumes.
        Existing entities: ``if_exists="skip"`` keeps them, ``"upgrade"`` adds a version and edits them.

        Example::

            result = api.projects.import_from_json("backup/<project_id>", if_exists="upgrade")
            assert result.ok, result.failed
        """
        from .project_import import run_import

        return run_import(
            self._api,
            "project",
            path_to_folder,
            if_exists=if_exists,
            error_folder=error_folder,
            concurrency=concurrency,
            progress=progress,
            docker_credentials_passwords=docker_credentials_passwords,
            timeout=timeout,
        )
