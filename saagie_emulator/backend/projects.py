"""Projects: creation with their technologies and group rights, edition, deletion with their contents."""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from ..model import Project, new_id
from .base import Caller, Domain

__all__ = ["JOB_CATEGORIES", "ProjectsBackend"]

JOB_CATEGORIES = ("Extraction", "Processing", "Smart App")


class ProjectsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, project_id: object) -> Project:
        return self.store.project(project_id)

    def find(self, project_id: object) -> Project | None:
        return self.data.projects.get(str(project_id))

    def search(self, *, search: str | None = None, first: int | None = None, skip: int | None = None) -> list[Project]:
        projects = list(self.data.projects.values())
        if search:
            projects = [p for p in projects if search.casefold() in p.name.casefold()]
        start = skip or 0
        return projects[start : start + first] if first else projects[start:]

    def by_name(self, name: str) -> Project | None:
        return next((p for p in self.data.projects.values() if p.name == name), None)

    def rights(self, project_id: object) -> list[dict[str, Any]]:
        project = self.get(project_id)
        return [{"name": name, "role": role, "is_all_projects": False} for name, role in project.authorized_groups]

    @staticmethod
    def technologies_by_category(project: Project, job_category: str | None = None) -> list[dict[str, Any]]:
        return [
            {"job_category": category, "technologies": [{"id": i} for i in ids]}
            for category, ids in project.technologies_by_category
            if job_category in (None, category)
        ]

    # ------------------------------------------------------------------ checks (no change)
    def _check_name(self, name: str, exclude: str | None = None) -> None:
        if not name or not name.strip():
            raise ValidationError("The project name must not be empty")
        for project in self.data.projects.values():
            if project.id != exclude and project.name.casefold() == name.casefold():
                raise ValidationError(f"A project named '{name}' already exists")

    def _job_technologies(self, categories: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
        result: list[tuple[str, list[str]]] = []
        for entry in categories:
            category = entry["job_category"]
            if category not in JOB_CATEGORIES:
                raise ValidationError(f"Unknown job category '{category}'")
            ids: list[str] = []
            for tech in entry.get("technologies") or []:
                technology = self.store.technology(tech["id"])
                if technology.kind not in ("JobTechnology", "SparkTechnology"):
                    raise ValidationError(f"Technology '{technology.label}' is not a job technology")
                if technology.id not in ids:
                    ids.append(technology.id)
            result.append((category, ids))
        return result

    def _app_technologies(self, technologies: list[dict[str, Any]]) -> list[str]:
        ids: list[str] = []
        for tech in technologies:
            technology = self.store.technology(tech["id"])
            if technology.kind != "AppTechnology":
                raise ValidationError(f"Technology '{technology.label}' is not an app technology")
            if technology.id not in ids:
                ids.append(technology.id)
        return ids

    def _groups(self, groups: list[dict[str, Any] | None]) -> list[tuple[str, str | None]]:
        result: list[tuple[str, str | None]] = []
        for group in groups:
            if group is None:
                continue
            if group["name"] not in self.data.groups:
                raise ValidationError(f"Group '{group['name']}' does not exist")
            result.append((group["name"], group.get("role")))
        return result

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any]) -> Project:
        with self.store.lock:
            self._check_name(values["name"])
            created = Project(
                id=new_id(),
                name=values["name"],
                creator=caller.login,
                description=values.get("description"),
                technologies_by_category=self._job_technologies(values.get("technologies_by_category") or []),
                app_technology_ids=self._app_technologies(values.get("app_technologies") or []),
                authorized_groups=self._groups(values.get("authorized_groups") or []),
                creation_date=self.clock.datetime(),
            )
            self.data.projects[created.id] = created
        return created

    def edit(self, caller: Caller, values: dict[str, Any]) -> Project:
        with self.store.lock:
            found = self.get(values["id"])
            # Everything is checked before anything changes.
            name = values.get("name") or None
            if name:
                self._check_name(name, exclude=found.id)
            technologies = values.get("technologies_by_category")
            by_category = None if technologies is None else self._job_technologies(technologies)
            apps = values.get("app_technologies")
            app_ids = None if apps is None else self._app_technologies(apps)
            groups_in = values.get("authorized_groups")
            groups = None if groups_in is None else self._groups(groups_in)
            if name:
                found.name = name
            if "description" in values:
                found.description = values["description"]
            if by_category is not None:
                found.technologies_by_category = by_category
            if app_ids is not None:
                found.app_technology_ids = app_ids
            if groups is not None:
                found.authorized_groups = groups
        return found

    def delete(self, caller: Caller, project_id: object) -> bool:
        with self.store.lock:
            project = self.get(project_id)
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
