"""Reading workloads: what ``api.jobs`` and ``api.pipelines`` share to list and find their entities.

This file is the single source: ``saagieapi/_sync/lookups.py`` is generated from it (``make codegen``).

A resource names its kind and supplies the GraphQL calls (``_fetch_*``); the reading logic, the missing-entity
errors and the name lookup are written once here. The public methods keep 2.x's names and parameter names in
each resource (``get_info(job_id)``, ``get_info(pipeline_id)``) and call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, Protocol, TypeVar

from .._core.lookup import find_by_name
from ..errors import NotFoundError
from .resource import AsyncResource

__all__ = ["AsyncWorkloadLookups", "Limits", "Named"]


class Named(Protocol):
    """What a summary of a workload has: its id and its name."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


FullT = TypeVar("FullT")
SummaryT = TypeVar("SummaryT", bound=Named)
#: ``(instances_limit, versions_limit, versions_only_current)`` of a read.
Limits = tuple[int | None, int | None, bool]


class AsyncWorkloadLookups(AsyncResource, Generic[FullT, SummaryT]):
    """Lists of a project, one entity by id or alias, an id from a name (jobs and pipelines)."""

    #: ``"job"``, ``"pipeline"``: the kind named in NotFoundError and AmbiguousNameError.
    _kind: ClassVar[str]

    # -- the GraphQL calls of a kind (None: the project or entity does not exist) ---------------------------------
    async def _fetch_list(self, project_id: str, limits: Limits) -> Sequence[FullT] | None:
        raise NotImplementedError

    async def _fetch_summaries(self, project_id: str) -> Sequence[SummaryT] | None:
        raise NotImplementedError

    async def _fetch_summaries_by_project_name(self, project_name: str) -> Sequence[SummaryT]:
        raise NotImplementedError

    async def _fetch_one(self, entity_id: str, limits: Limits) -> FullT | None:
        raise NotImplementedError

    async def _fetch_by_alias(self, project_id: str, alias: str, limits: Limits) -> FullT | None:
        raise NotImplementedError

    # -- written once -----------------------------------------------------------------------------------------
    async def _list(self, project_id: str, limits: Limits) -> list[FullT]:
        found = await self._fetch_list(project_id, limits)
        if found is None:
            raise NotFoundError("project", project_id)
        return list(found)

    async def _summaries(self, project_id: str) -> list[SummaryT]:
        found = await self._fetch_summaries(project_id)
        if found is None:
            raise NotFoundError("project", project_id)
        return list(found)

    async def _id_by_name(self, name: str, project_name: str) -> str:
        summaries = await self._fetch_summaries_by_project_name(project_name)
        return find_by_name(summaries, name, kind=self._kind, scope=f"project {project_name!r}").id

    async def _one(self, entity_id: str, limits: Limits) -> FullT:
        found = await self._fetch_one(entity_id, limits)
        if found is None:
            raise NotFoundError(self._kind, entity_id)
        return found

    async def _by_alias(self, project_id: str, alias: str, limits: Limits) -> FullT:
        found = await self._fetch_by_alias(project_id, alias, limits)
        if found is None:
            raise NotFoundError(self._kind, alias, scope=f"project {project_id}")
        return found
