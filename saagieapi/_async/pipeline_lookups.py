"""Reading pipelines for ``api.pipelines``: lists of a project, one pipeline by id, name or alias.

This file is the single source: ``saagieapi/_sync/pipeline_lookups.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .._core.lookup import find_by_name
from ..errors import NotFoundError
from ..models import Pipeline, PipelineSummary
from .resource import AsyncResource

__all__ = ["AsyncPipelineLookupsMixin"]


class AsyncPipelineLookupsMixin(AsyncResource):
    """Reading pipelines: the methods of ``api.pipelines`` that list and find pipelines (no instance, no change)."""

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
        project = await self._client.list_pipelines_for_project(
            project_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if project is None:
            raise NotFoundError("project", project_id)
        return list(project.pipelines)

    async def list_for_project_minimal(self, project_id: str) -> list[PipelineSummary]:
        """Id, name and alias of the pipelines of a project.

        Example::

            names = [p.name for p in await api.pipelines.list_for_project_minimal(project_id)]
        """
        project = await self._client.list_pipelines_for_project_minimal(project_id)
        if project is None:
            raise NotFoundError("project", project_id)
        return list(project.pipelines)

    async def get_id(self, pipeline_name: str, project_name: str) -> str:
        """Id of the pipeline named ``pipeline_name`` in the project named ``project_name`` (one request).

        Example::

            pipeline_id = await api.pipelines.get_id("nightly", "demo")
        """
        project = await self._client.list_pipelines_of_project_by_name(project_name)
        if project is None:
            raise NotFoundError("project", project_name)
        found = find_by_name(project.pipelines, pipeline_name, kind="pipeline", scope=f"project {project_name!r}")
        return found.id

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
        found = await self._client.get_pipeline(
            pipeline_id,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
        if found is None:
            raise NotFoundError("pipeline", pipeline_id)
        return found

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
        return await self._client.get_pipeline_by_alias(
            project_id,
            pipeline_alias,
            instances_limit=instances_limit,
            versions_limit=versions_limit,
            versions_only_current=versions_only_current,
        )
