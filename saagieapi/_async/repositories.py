"""``api.repositories``: technology catalog repositories (gateway API).

This file is the single source: ``saagieapi/_sync/repositories.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal, overload

from .._core.inputs import RepositoryEditionInputFields, repository_edition_input
from .._core.lookup import find_by_name
from .._generated.gateway.base_model import Upload
from .._generated.gateway.input_types import RepositoryInput
from ..errors import InvalidInputError, NotFoundError
from ..models import (
    DeletedRepository,
    Repository,
    RepositoryMutationResult,
    RepositorySummary,
    RepositorySynchro,
)
from .resource import AsyncResource

__all__ = ["AsyncRepositories"]


@contextlib.contextmanager
def _upload(file: str | Path) -> Iterator[Upload]:
    """Open ``file`` for a multipart upload (checked before any request), closed afterwards."""
    path = Path(file)
    if not path.is_file():
        raise InvalidInputError(f"repository file {str(path)!r} does not exist or is not a file")
    try:
        handle: IO[bytes] = path.open("rb")
    except OSError as error:
        raise InvalidInputError(f"repository file {str(path)!r} cannot be read: {error.strerror}") from None
    with handle:
        yield Upload(filename=path.name, content=handle, content_type=None)  # type: ignore[arg-type]


class AsyncRepositories(AsyncResource):
    """Methods of ``api.repositories``: the catalog repositories that define job and app technologies.

    Every change (create, edit, synchronize, revert, delete) drops the client's cached technology catalog,
    so the next technology look-up downloads it again.
    """

    def _invalidate_catalog(self) -> None:
        self._api._catalog = None

    @overload
    async def list(
        self,
        minimal: Literal[False] = False,
        last_synchronization: bool = True,
        *,
        with_reverted: bool | None = None,
        synchronization_reports_limit: int | None = None,
    ) -> builtins.list[Repository]: ...

    @overload
    async def list(
        self,
        minimal: Literal[True],
        last_synchronization: bool = True,
        *,
        with_reverted: bool | None = None,
        synchronization_reports_limit: int | None = None,
    ) -> builtins.list[RepositorySummary]: ...

    @overload
    async def list(
        self,
        minimal: bool = False,
        last_synchronization: bool = True,
        *,
        with_reverted: bool | None = None,
        synchronization_reports_limit: int | None = None,
    ) -> builtins.list[Repository] | builtins.list[RepositorySummary]: ...

    async def list(
        self,
        minimal: bool = False,
        last_synchronization: bool = True,
        *,
        with_reverted: bool | None = None,
        synchronization_reports_limit: int | None = None,
    ) -> builtins.list[Repository] | builtins.list[RepositorySummary]:
        """Every repository with its source, synchronization reports and technologies (with their runtime
        contexts, typed as in :meth:`get_repositories_info`).

        ``minimal=True`` leaves the technologies out and returns ``RepositorySummary`` models;
        ``last_synchronization=True`` (the default) keeps only the last synchronization report of each.

        Example::

            repositories = await api.repositories.list()
            labels = {repo.name: [tech.label for tech in repo.technologies] for repo in repositories}
        """
        if minimal:
            return builtins.list(
                await self._gateway.list_repository_summaries(
                    last_synchronization=last_synchronization,
                    with_reverted=with_reverted,
                    limit=synchronization_reports_limit,
                )
            )
        return builtins.list(
            await self._gateway.list_repositories(
                last_synchronization=last_synchronization,
                with_reverted=with_reverted,
                limit=synchronization_reports_limit,
            )
        )

    async def get_id(self, repository_name: str) -> str:
        """The id of the repository with this name (NotFoundError / AmbiguousNameError otherwise).

        Example::

            repository_id = await api.repositories.get_id("Saagie")
        """
        repositories = await self._gateway.list_repository_summaries(last_synchronization=True)
        return find_by_name(repositories, repository_name, kind="repository").id

    async def get_info(
        self,
        repository_id: str,
        with_reverted: bool = False,
        synchronization_reports_limit: int | None = None,
        last_synchronization: bool = False,
    ) -> Repository:
        """One repository: source, synchronization reports and technologies with their runtime contexts.

        ``with_reverted=True`` also returns the reports of synchronizations that were reverted;
        ``synchronization_reports_limit`` caps the number of reports; ``last_synchronization=True`` keeps
        only the last one. The ``technologies`` are typed as in the catalog: ``JobTechnology``
        (``contexts``), ``SparkTechnology`` and ``AppTechnology`` (``app_contexts``), from ``saagieapi.models``.

        Example::

            repository = await api.repositories.get_info(repository_id, synchronization_reports_limit=5)
            jobs = [t.label for t in repository.technologies if isinstance(t, JobTechnology)]
        """
        repository = await self._gateway.get_repository(
            id=repository_id,
            last_synchronization=last_synchronization,
            with_reverted=with_reverted,
            limit=synchronization_reports_limit,
        )
        if repository is None:
            raise NotFoundError("repository", repository_id)
        return repository

    async def create(
        self, name: str, file: str | Path | None = None, url: str | None = None
    ) -> RepositoryMutationResult:
        """Add a repository from a URL, or from a zip file of technology definitions uploaded from disk.

        Give exactly one of ``file`` and ``url`` (2.x silently ignored ``url`` when both were given).

        Example::

            created = await api.repositories.create("my techs", url="https://example.com/technologies.zip")
            repository_id = created.objects[0].id
        """
        if not isinstance(name, str) or not name.strip():
            raise InvalidInputError("a repository needs a non-empty name")
        if (file is None) == (url is None):
            raise InvalidInputError("give exactly one of 'file' (a zip to upload) and 'url'")
        try:
            if file is not None:
                with _upload(file) as upload:
                    return await self._gateway.add_repository(RepositoryInput(name=name), upload=upload)
            return await self._gateway.add_repository(RepositoryInput(name=name, url=url))
        finally:
            self._invalidate_catalog()

    async def edit(
        self,
        repository_id: str,
        name: str | None = None,
        url: str | None = None,
        trigger_synchronization: bool = False,
    ) -> RepositoryMutationResult:
        """Rename a repository or change its URL (``None`` keeps the current value).

        ``trigger_synchronization=True`` synchronizes right away. A zip-based repository gets new content
        with :meth:`synchronize`.

        Example::

            await api.repositories.edit(repository_id, name="renamed", trigger_synchronization=True)
        """
        if name is not None and not name.strip():
            raise InvalidInputError("a repository name cannot be empty")
        if url is not None and not url.strip():
            raise InvalidInputError("a repository URL cannot be empty")
        changes: RepositoryEditionInputFields = {"id": repository_id, "triggerSynchronization": trigger_synchronization}
        if name is not None:
            changes["name"] = name
        if url is not None:
            changes["url"] = url
        try:
            return await self._gateway.edit_repository(repository_edition_input(changes))
        finally:
            self._invalidate_catalog()

    async def synchronize(self, repository_id: str, file: str | Path | None = None) -> RepositorySynchro:
        """Synchronize a repository again: from its URL, or from a new zip ``file`` uploaded from disk.

        Example::

            report = (await api.repositories.synchronize(repository_id, file="technologies.zip")).report
        """
        try:
            if file is not None:
                with _upload(file) as upload:
                    return await self._gateway.synchronize_repository(id=repository_id, upload=upload)
            return await self._gateway.synchronize_repository(id=repository_id)
        finally:
            self._invalidate_catalog()

    async def revert_last_synchronization(self, repository_id: str) -> RepositorySynchro:
        """Undo the last synchronization of a repository (NotFoundError when there is none to undo).

        Example::

            await api.repositories.revert_last_synchronization(repository_id)
        """
        repository = await self._gateway.get_repository_summary(id=repository_id, last_synchronization=True)
        if repository is None:
            raise NotFoundError("repository", repository_id)
        report_id = repository.synchronization_reports.last_reversible_id
        if report_id is None:
            raise NotFoundError(
                "reversible synchronization",
                repository_id,
                scope=f"repository {repository.name!r}",
                hint="the repository has no synchronization that can be reverted",
            )
        try:
            return await self._gateway.revert_last_synchronization(
                repository_id=repository_id, synchronization_report_id=report_id
            )
        finally:
            self._invalidate_catalog()

    async def delete(self, repository_id: str) -> DeletedRepository:
        """Remove a repository and its technologies; returns it as it was.

        Example::

            removed = await api.repositories.delete(repository_id)
            removed_name = removed.name
        """
        try:
            removed = await self._gateway.remove_repository(id=repository_id)
        finally:
            self._invalidate_catalog()
        if removed is None:
            raise NotFoundError("repository", repository_id)
        return removed
