# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Reading jobs for ``api.jobs``: lists of a project, one job by id, name or alias.

This file is the single source: ``saagieapi/_sync/job_lookups.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import InvalidInputError, NotFoundError
from ..models import Job, JobsCountByCategory, JobSummary
from .lookups import Limits, WorkloadLookups

__all__ = ["JobLookupsMixin"]


class JobLookupsMixin(WorkloadLookups[Job, JobSummary]):
    """Reading jobs: the methods of ``api.jobs`` that list and find jobs (no instance, no change)."""

    _kind = "job"

    # -- the GraphQL calls (a project without jobs and a missing project both read as no job, as in 2.x) -----
    def _fetch_list(self, project_id: str, limits: Limits) -> Sequence[Job]:
        instances_limit, versions_limit, versions_only_current = limits
        found = self._client.list_jobs_for_project(
            project_id=project_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        return found or []

    def _fetch_summaries(self, project_id: str) -> Sequence[JobSummary]:
        return self._client.list_jobs_for_project_minimal(project_id=project_id) or []

    def _fetch_summaries_by_project_name(self, project_name: str) -> Sequence[JobSummary]:
        return self._fetch_summaries(self._api.projects.get_id(project_name))

    def _fetch_one(self, entity_id: str, limits: Limits) -> Job | None:
        instances_limit, versions_limit, versions_only_current = limits
        return self._client.get_job(
            job_id=entity_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )

    def _fetch_by_alias(self, project_id: str, alias: str, limits: Limits) -> Job | None:
        instances_limit, versions_limit, versions_only_current = limits
        return self._client.get_job_by_alias(
            project_id=project_id,
            alias=alias,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )

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
        return self._list(project_id, (instances_limit, versions_limit, versions_only_current))

    def list_for_project_minimal(self, project_id: str) -> list[JobSummary]:
        """Id, name and alias of each job of a project.

        Example::

            names = [job.name for job in api.jobs.list_for_project_minimal(project_id)]
        """
        return self._summaries(project_id)

    def list_for_category(
        self, project_id: str, category: str, *, technology_id: str | None = None
    ) -> list[JobSummary]:
        """Id, name and alias of the jobs of one category of a project (of one technology, if given).

        The platform filters (one request). Categories are the platform's (``Extraction``, ``Processing``...;
        :meth:`get_categories` lists them): the schema types them as free strings, so a category the platform does
        not know gives an empty list.

        Example::

            extractions = api.jobs.list_for_category(project_id, "Extraction")
        """
        if not isinstance(category, str) or not category.strip():
            raise InvalidInputError(
                f"category {category!r} is invalid: give a category name such as 'Processing'"
                " (api.jobs.get_categories() lists them)"
            )
        found = self._client.list_jobs_for_category(
            project_id=project_id, category=category, technology_id=technology_id
        )
        if found is None:
            raise NotFoundError("project", project_id)
        return list(found)

    def get_id(self, job_name: str, project_name: str) -> str:
        """Id of a job from its name and its project's name (one request per lookup).

        Example::

            job_id = api.jobs.get_id("ingest", "demo")
        """
        return self._id_by_name(job_name, project_name)

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
        return self._one(job_id, (instances_limit, versions_limit, versions_only_current))

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
        return self._by_alias(project_id, job_alias, (instances_limit, versions_limit, versions_only_current))

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
