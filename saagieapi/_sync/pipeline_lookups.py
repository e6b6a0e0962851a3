# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Reading pipelines for ``api.pipelines``: lists of a project, one pipeline by id, name or alias.

This file is the single source: ``saagieapi/_sync/pipeline_lookups.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import NotFoundError
from ..models import Pipeline, PipelineSummary
from .lookups import Limits, WorkloadLookups

__all__ = ["PipelineLookupsMixin"]


class PipelineLookupsMixin(WorkloadLookups[Pipeline, PipelineSummary]):
    """Reading pipelines: the methods of ``api.pipelines`` that list and find pipelines (no instance, no change)."""

    _kind = "pipeline"

    # -- the GraphQL calls (pipelines are read through their project: None when it does not exist) ------------
    def _fetch_list(self, project_id: str, limits: Limits) -> Sequence[Pipeline] | None:
        instances_limit, versions_limit, versions_only_current = limits
        project = self._client.list_pipelines_for_project(
            project_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        return None if project is None else project.pipelines

    def _fetch_summaries(self, project_id: str) -> Sequence[PipelineSummary] | None:
        project = self._client.list_pipelines_for_project_minimal(project_id)
        return None if project is None else project.pipelines

    def _fetch_summaries_by_project_name(self, project_name: str) -> Sequence[PipelineSummary]:
        project = self._client.list_pipelines_of_project_by_name(project_name)  # one request
        if project is None:
            raise NotFoundError("project", project_name)
        return project.pipelines

    def _fetch_one(self, entity_id: str, limits: Limits) -> Pipeline | None:
        instances_limit, versions_limit, versions_only_current = limits
        return self._client.get_pipeline(
            entity_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )

    def _fetch_by_alias(self, project_id: str, alias: str, limits: Limits) -> Pipeline | None:
        instances_limit, versions_limit, versions_only_current = limits
        return self._client.get_pipeline_by_alias(
            project_id,
            alias,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )

    # -- read ------------------------------------------------------------------------------------------
    def list_for_project(
        self,
        project_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> list[Pipeline]:
        """Pipelines of a project, each with its instances and versions (limits optional).

        Example::

            pipelines = api.pipelines.list_for_project(project_id, instances_limit=1)
            last_status = {p.name: p.instances[0].status if p.instances else None for p in pipelines}
        """
        return self._list(project_id, (instances_limit, versions_limit, versions_only_current))

    def list_for_project_minimal(self, project_id: str) -> list[PipelineSummary]:
        """Id, name and alias of the pipelines of a project.

        Example::

            names = [p.name for p in api.pipelines.list_for_project_minimal(project_id)]
        """
        return self._summaries(project_id)

    def get_id(self, pipeline_name: str, project_name: str) -> str:
        """Id of the pipeline named ``pipeline_name`` in the project named ``project_name`` (one request).

        Example::

            pipeline_id = api.pipelines.get_id("nightly", "demo")
        """
        return self._id_by_name(pipeline_name, project_name)

    def get_info(
        self,
        pipeline_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Pipeline:
        """A pipeline with its instances and versions.

        Example::

            pipeline = api.pipelines.get_info(pipeline_id, instances_limit=5, versions_only_current=True)
        """
        return self._one(pipeline_id, (instances_limit, versions_limit, versions_only_current))

    def get_info_by_name(
        self,
        project_id: str,
        pipeline_name: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Pipeline:
        """A pipeline found by its name in a project.

        Example::

            pipeline = api.pipelines.get_info_by_name(project_id, "nightly")
        """
        found = self._client.get_pipeline_by_name(
            project_id,
            pipeline_name,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if found is None:
            raise NotFoundError("pipeline", pipeline_name, scope=f"project {project_id}")
        return found

    def get_info_by_alias(
        self,
        project_id: str,
        pipeline_alias: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Pipeline:
        """A pipeline found by its alias in a project.

        Example::

            pipeline = api.pipelines.get_info_by_alias(project_id, "nightly")
        """
        return self._by_alias(project_id, pipeline_alias, (instances_limit, versions_limit, versions_only_current))
