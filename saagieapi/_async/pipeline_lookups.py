"""Reading pipelines for ``api.pipelines``: lists of a project, one pipeline by id, name or alias.

This file is the single source: ``saagieapi/_sync/pipeline_lookups.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import NotFoundError
from ..models import Pipeline, PipelineSummary
from .lookups import AsyncWorkloadLookups, Limits

__all__ = ["AsyncPipelineLookupsMixin"]


class AsyncPipelineLookupsMixin(AsyncWorkloadLookups[Pipeline, PipelineSummary]):
    """Reading pipelines: the methods of ``api.pipelines`` that list and find pipelines (no instance, no change)."""

    _kind = "pipeline"

    # -- the GraphQL calls (pipelines are read through their project: None when it does not exist) ------------
    async def _fetch_list(self, project_id: str, limits: Limits) -> Sequence[Pipeline] | None:
        instances_limit, versions_limit, versions_only_current = limits
        project = await self._client.list_pipelines_for_project(
            project_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        return None if project is None else project.pipelines

    async def _fetch_summaries(self, project_id: str) -> Sequence[PipelineSummary] | None:
        project = await self._client.list_pipelines_for_project_minimal(project_id)
        return None if project is None else project.pipelines

    async def _fetch_summaries_by_project_name(self, project_name: str) -> Sequence[PipelineSummary]:
        project = await self._client.list_pipelines_of_project_by_name(project_name)  # one request
        if project is None:
            raise NotFoundError("project", project_name)
        return project.pipelines

    async def _fetch_one(self, entity_id: str, limits: Limits) -> Pipeline | None:
        instances_limit, versions_limit, versions_only_current = limits
        return await self._client.get_pipeline(
            entity_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )

    async def _fetch_by_alias(self, project_id: str, alias: str, limits: Limits) -> Pipeline | None:
        instances_limit, versions_limit, versions_only_current = limits
        return await self._client.get_pipeline_by_alias(
            project_id,
            alias,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )

    # -- read ------------------------------------------------------------------------------------------
    async def list_for_project(
        self,
        project_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> list[Pipeline]:
        """Pipelines of a project, each with its instances and versions (limits optional).

        Example::

            pipelines = await api.pipelines.list_for_project(project_id, instances_limit=1)
            last_status = {p.name: p.instances[0].status if p.instances else None for p in pipelines}
        """
        return await self._list(project_id, (instances_limit, versions_limit, versions_only_current))

    async def list_for_project_minimal(self, project_id: str) -> list[PipelineSummary]:
        """Id, name and alias of the pipelines of a project.

        Example::

            names = [p.name for p in await api.pipelines.list_for_project_minimal(project_id)]
        """
        return await self._summaries(project_id)

    async def get_id(self, pipeline_name: str, project_name: str) -> str:
        """Id of the pipeline named ``pipeline_name`` in the project named ``project_name`` (one request).

        Example::

            pipeline_id = await api.pipelines.get_id("nightly", "demo")
        """
        return await self._id_by_name(pipeline_name, project_name)

    async def get_info(
        self,
        pipeline_id: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Pipeline:
        """A pipeline with its instances and versions.

        Example::

            pipeline = await api.pipelines.get_info(pipeline_id, instances_limit=5, versions_only_current=True)
        """
        return await self._one(pipeline_id, (instances_limit, versions_limit, versions_only_current))

    async def get_info_by_name(
        self,
        project_id: str,
        pipeline_name: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Pipeline:
        """A pipeline found by its name in a project.

        Example::

            pipeline = await api.pipelines.get_info_by_name(project_id, "nightly")
        """
        found = await self._client.get_pipeline_by_name(
            project_id,
            pipeline_name,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if found is None:
            raise NotFoundError("pipeline", pipeline_name, scope=f"project {project_id}")
        return found

    async def get_info_by_alias(
        self,
        project_id: str,
        pipeline_alias: str,
        instances_limit: int | None = None,
        versions_limit: int | None = None,
        versions_only_current: bool = False,
    ) -> Pipeline:
        """A pipeline found by its alias in a project.

        Example::

            pipeline = await api.pipelines.get_info_by_alias(project_id, "nightly")
        """
        return await self._by_alias(
            project_id, pipeline_alias, (instances_limit, versions_limit, versions_only_current)
        )
