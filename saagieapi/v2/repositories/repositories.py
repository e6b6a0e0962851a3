"""``saagie.repositories`` of saagieapi 2.x over ``api.repositories`` of the typed client (technology catalogs).

Example::

    count = saagie.repositories.create("my catalog", url="https://example.com/technologies.zip")[
        "addRepository"
    ]["count"]
"""

from __future__ import annotations

from typing import Any

from .._core import V2Resource, v2_method
from .._select import dump, project, selection

__all__ = ["Repositories"]

SOURCE = "source{?url ?name}"
_TRIGGER = "trigger{author type}"
_CONTEXT = (
    "id label available missingFacets description recommended dockerInfo{image version} trustLevel deprecationDate "
    "?lastUpdate"
)
TECHNOLOGY = (
    "id technologyId label icon repositoryId available missingFacets description "
    f"?appContexts{{{_CONTEXT}}} ?contexts{{{_CONTEXT} ?technologyContexts{{available missingFacets description id "
    "label recommended trustLevel deprecationDate jobContexts{available description dockerInfo{image version} id "
    "label recommended trustLevel deprecationDate lastUpdate}}}"
)
REPOSITORY = (
    f"creationDate creator editor id modificationDate name readOnly {SOURCE} "
    f"synchronizationReports{{count list{{{SOURCE} ?endedAt ?startedAt ?{_TRIGGER} "
    "?technologyReports{status technologyId message} ?issues{message path} ?revert{author date} ?failure} "
    f"lastReversibleId}} technologies{{{TECHNOLOGY}}}"
)
REPOSITORY_IN_LIST = (
    "id name synchronizationReports{lastReversibleId count list{endedAt ?issues{message path} ?revert{date author} "
    f"?failure}}}} technologies{{available id label}} {SOURCE}"
)
SYNCHRONIZED = (
    f"count report{{id endedAt startedAt {_TRIGGER} ?technologyReports{{status technologyId}} ?issues{{message path}} "
    "?failure} repositoryId repositoryName"
)


class Repositories(V2Resource):
    """Technology catalog repositories: add from a URL or a zip, synchronize, revert, remove (2.x shapes)."""

    _resource = "repositories"

    @v2_method("repositories", REPOSITORY_IN_LIST, kind="list", raw=True)
    def list(
        self, minimal: bool | None = False, last_synchronization: bool = True, pprint_result: bool | None = None
    ) -> Any:
        """``{"repositories": [...]}`` (``minimal``: ids, names and last reversible synchronization)."""
        repositories = self._typed.list(bool(minimal), last_synchronization)
        spec = "id name synchronizationReports{lastReversibleId}" if minimal else REPOSITORY_IN_LIST
        return {"repositories": project(dump(repositories), selection(spec))}

    @v2_method("repository", REPOSITORY, missing="repository")
    def get_info(
        self,
        repository_id: str,
        with_reverted: bool = False,
        synchronization_reports_limit: int | None = None,
        last_synchronization: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """``{"repository": {...}}`` with its synchronization reports and technologies."""
        return self._typed.get_info(repository_id, with_reverted, synchronization_reports_limit, last_synchronization)

    @v2_method("addRepository", "count objects{id name}")
    def create(self, name: str, file: str | None = None, url: str | None = None) -> Any:
        """``{"addRepository": {"count", "objects": [{"id", "name"}]}}`` from a zip ``file`` or a ``url``."""
        return self._typed.create(name, file, url)

    @v2_method("removeRepository", "id name")
    def delete(self, repository_id: str) -> Any:
        """``{"removeRepository": {"id", "name"}}``."""
        return self._typed.delete(repository_id)

    @v2_method("editRepository", f"count objects{{name {SOURCE} id}}")
    def edit(
        self,
        repository_id: str,
        name: str | None = None,
        url: str | None = None,
        trigger_synchronization: bool = False,
    ) -> Any:
        """``{"editRepository": {"count", "objects": [{"name", "source", "id"}]}}``."""
        return self._typed.edit(repository_id, name, url, trigger_synchronization)

    @v2_method("synchronizeRepository", SYNCHRONIZED)
    def synchronize(self, repository_id: str, file: str | None = None) -> Any:
        """``{"synchronizeRepository": {...}}`` (from a new zip ``file``, or from the repository's URL)."""
        return self._typed.synchronize(repository_id, file)

    @v2_method("revertLastSynchronization", f"report{{id {_TRIGGER} endedAt startedAt}} repositoryName repositoryId")
    def revert_last_synchronization(self, repository_id: str) -> Any:
        """``{"revertLastSynchronization": {...}}``; ``NameError`` when there is nothing to revert."""
        return self._typed.revert_last_synchronization(repository_id)

    @v2_method()
    def get_id(self, repository_name: str) -> Any:
        """The id of the repository named ``repository_name``; ``NameError`` when there is none."""
        return self._typed.get_id(repository_name)
