"""Projects: creation (initialised in emulated time), group rights, edition, deletion with their contents."""

from __future__ import annotations

from typing import Any

from ..lifecycle import project_timeline
from ..model import Project, new_id
from ..rules import book as r
from ..rules.checks import check_name_length
from .authz import MANAGER, VIEWER
from .base import Caller, Domain

__all__ = ["JOB_CATEGORIES", "ProjectsBackend"]

JOB_CATEGORIES = ("Extraction", "Processing", "Smart App")


class ProjectsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, project_id: object) -> Project:
        return self.store.project(project_id)

    def find(self, caller: Caller, project_id: object) -> Project | None:
        """The project if it exists and the caller may see it (viewer role), else None."""
        project = self.data.projects.get(str(project_id))
        return project if self.authz.can(caller, project, VIEWER) else None

    def status(self, project: Project) -> str:
        return project.status if project.timeline is None else project.timeline.status_at(self.now())

    def search(self, caller: Caller) -> list[Project]:
        """``projects``: those the caller belongs to or created (the deprecated arguments are not implemented)."""
        return self.authz.visible_projects(caller)

    def by_name(self, caller: Caller, name: str) -> Project | None:
        found = next((p for p in self.data.projects.values() if p.name == name), None)
        return found if self.authz.can(caller, found, VIEWER) else None

    def rights(self, caller: Caller, project_id: object) -> list[dict[str, Any]] | None:
        """The groups with a role in the project: its ``authorizedGroups``, the groups given a PROJECT permission on
        it, and those with a PROJECTS permission (``isAllProjects``: "the group has this role on every project")."""
        project = self.data.projects.get(str(project_id))
        if project is None or not self.authz.can(caller, project, MANAGER):
            return None
        rows = [{"name": name, "role": role, "is_all_projects": False} for name, role in project.authorized_groups]
        listed = {name for name, _ in project.authorized_groups}
        for group in self.data.groups.values():
            for kind, artifact_id, role in self.authz.group_permissions(group):
                every = kind == "PROJECTS"
                if group.name not in listed and (every or (kind == "PROJECT" and str(artifact_id) == project.id)):
                    rows.append({"name": group.name, "role": role, "is_all_projects": every})
                    listed.add(group.name)
        return rows

    @staticmethod
    def technologies_by_category(project: Project, job_category: str | None = None) -> list[dict[str, Any]]:
        return [
            {"job_category": category, "technologies": [{"id": i} for i in ids]}
            for category, ids in project.technologies_by_category
            if job_category in (None, category)
        ]

    def job_categories(self, caller: Caller) -> list[str]:
        self.authz.require_creator(caller, "jobCategories")
        return list(JOB_CATEGORIES)

    # ------------------------------------------------------------------ checks (no change)
    def _check_name(self, name: str, exclude: str | None = None) -> None:
        if not name or not name.strip():
            raise r.PROJECT_NAME_EMPTY.error()
        check_name_length("project", name)
        for project in self.data.projects.values():
            if project.id != exclude and project.name.casefold() == name.casefold():
                raise r.PROJECT_NAME_TAKEN.error(name=name)

    def _technology_ids(self, technologies: list[dict[str, Any]] | None) -> list[str]:
        ids: list[str] = []
        for tech in technologies or []:
            technology = self.store.technology(tech["id"])
            if not technology.available:
                raise r.TECHNOLOGY_NOT_AVAILABLE.error(label=technology.label)
            if technology.id not in ids:
                ids.append(technology.id)
        return ids

    def _job_technologies(self, categories: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
        return [(entry["job_category"], self._technology_ids(entry.get("technologies"))) for entry in categories]

    @staticmethod
    def _groups(groups: list[dict[str, Any] | None]) -> list[tuple[str, str | None]]:
        return [(str(group["name"]), group.get("role")) for group in groups if group is not None]

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any]) -> Project:
        with self.store.lock:
            self.authz.require_creator(caller, "createProject")
            self._check_name(values["name"])
            by_category = self._job_technologies(values.get("technologies_by_category") or [])
            app_ids = self._technology_ids(values.get("app_technologies"))
            now = self.now()
            created = Project(
                id=new_id(),
                name=values["name"],
                creator=caller.login,
                description=values.get("description"),
                technologies_by_category=by_category,
                app_technology_ids=app_ids,
                authorized_groups=self._groups(values.get("authorized_groups") or []),
                creation_date=self.clock.datetime(),
                timeline=project_timeline(self.controls, now, self.controls.project_outcome_for(values["name"])),
            )
            self.data.projects[created.id] = created
        return created

    def edit(self, caller: Caller, values: dict[str, Any]) -> Project:
        with self.store.lock:
            found = self.get(values["id"])
            self.authz.require(caller, found, MANAGER, "editProject")
            # Everything is checked before anything changes. Null keeps a field; "" or [] empties it.
            name = values.get("name")
            if name is not None:
                self._check_name(name, exclude=found.id)
            technologies = values.get("technologies_by_category")
            by_category = None if technologies is None else self._job_technologies(technologies)
            apps = values.get("app_technologies")
            app_ids = None if apps is None else self._technology_ids(apps)
            groups_in = values.get("authorized_groups")
            groups = None if groups_in is None else self._groups(groups_in)
            if name is not None:
                found.name = name
            if values.get("description") is not None:
                found.description = values["description"]
            if by_category is not None:
                found.technologies_by_category = by_category
            if app_ids is not None:
                found.app_technology_ids = app_ids
            if groups is not None:
                found.authorized_groups = groups
        return found

    def delete(self, caller: Caller, project_id: object, operation: str = "deleteProject") -> bool:
        with self.store.lock:
            project = self.get(project_id)
            self.authz.require(caller, project, MANAGER, operation)
            self.delete_contents(project.id)
            del self.data.projects[project.id]
        return True

    def delete_contents(self, project_id: str) -> None:
        data = self.data
        job_ids = {job.id for job in self.store.jobs_of(project_id)}
        pipeline_ids = {p.id for p in self.store.pipelines_of(project_id)}
        app_ids = {a.id for a in self.store.apps_of(project_id)}
        for job_id in job_ids:
            del data.jobs[job_id]
        for pipeline_id in pipeline_ids:
            del data.pipelines[pipeline_id]
        for app_id in app_ids:
            del data.apps[app_id]
        for key, instance in list(data.job_instances.items()):
            if instance.job_id in job_ids:
                del data.job_instances[key]
        for key, pipeline_instance in list(data.pipeline_instances.items()):
            if pipeline_instance.pipeline_id in pipeline_ids:
                del data.pipeline_instances[key]
        for volume in self.store.volumes_of(project_id):
            del data.volumes[volume.id]
        for credential in [c for c in data.docker_credentials.values() if c.project_id == project_id]:
            del data.docker_credentials[credential.id]
        entities = job_ids | pipeline_ids | app_ids | {project_id}
        for env_var in [v for v in data.env_vars.values() if v.entity_id in entities]:
            del data.env_vars[env_var.id]
