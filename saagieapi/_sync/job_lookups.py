# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Reading jobs for ``api.jobs``: lists of a project, one job by id, name or alias.

This file is the single source: ``saagieapi/_sync/job_lookups.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .._core.lookup import find_by_name
from ..errors import NotFoundError
from ..models import Job, JobsCountByCategory, JobSummary
from .resource import Resource

__all__ = ["JobLookupsMixin"]


class JobLookupsMixin(Resource):
    """Reading jobs: the methods of ``api.jobs`` that list and find jobs (no instance, no change)."""

    # -- read ---------------------------------------------------------------------------------------------
    def list_for_project(
        self,
        project_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> list[Job]:
        """The jobs of a project with their last instances and versions (limits: ``None`` for all).

        Example::

            jobs = api.jobs.list_for_project(project_id, instances_limit=1, versions_only_current=True)
        """
        jobs = self._client.list_jobs_for_project(
            project_id=project_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        return list(jobs or [])

    def list_for_project_minimal(self, project_id: str) -> list[JobSummary]:
        """Id, name and alias of each job of a project.

        Example::

            names = [job.name for job in api.jobs.list_for_project_minimal(project_id)]
        """
        return list(self._client.list_jobs_for_project_minimal(project_id=project_id) or [])

    def get_id(self, job_name: str, project_name: str) -> str:
        """Id of a job from its name and its project's name (one request per lookup).

        Example::

            job_id = api.jobs.get_id("ingest", "demo")
        """
        project_id = self._api.projects.get_id(project_name)
        jobs = self.list_for_project_minimal(project_id)
        return find_by_name(jobs, job_name, kind="job", scope=f"project {project_name!r}").id

    def get_info(
        self,
        job_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Job:
        """A job with its instances and versions (limits: ``None`` for all).

        Example::

            job = api.jobs.get_info(job_id, instances_limit=5)
        """
        job = self._client.get_job(
            job_id=job_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if job is None:
            raise NotFoundError("job", job_id)
        return job

    def get_info_by_alias(
        self,
        project_id: str,
        job_alias: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Job:
        """A job from its alias in a project.

        Example::

            job = api.jobs.get_info_by_alias(project_id, "ingest")
        """
        job = self._client.get_job_by_alias(
            project_id=project_id,
            alias=job_alias,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if job is None:
            raise NotFoundError("job", job_alias, scope=f"project {project_id}")
        return job

    def count(self, project_id: str) -> list[JobsCountByCategory]:
        """How many jobs a project has per category, each split by technology.

        (The platform's ``countJobs`` declares filters it does not implement: they are not offered here.)

        Example::

            counts = {item.job_category: item.count for item in api.jobs.count(project_id)}
        """
        found = self._client.count_jobs(project_id=project_id)
        if found is None:
            raise NotFoundError("project", project_id)
        return [item for item in found if item is not None]

    # -- platform-wide ------------------------------------------------------------------------------------
    def get_categories(self) -> list[str]:
        """The job categories of the platform (``Extraction``, ``Processing``...), in the platform's order.

        Example::

            categories = api.jobs.get_categories()
        """
        return list(self._client.list_job_categories())
