"""``saagie.storages`` of saagieapi 2.x over ``api.storages`` of the typed client (app volumes).

Example::

    storage_id = saagie.storages.create(project_id, "data", "1 GB", "shared data")["createVolume"]["id"]
"""

from __future__ import annotations

from typing import Any

from ...errors import InvalidInputError, NotFoundError
from .._core import V2Resource, v2_method

__all__ = ["Storages"]

_LINKED_VERSION = "{number volumesWithPath{path volume{id}}}"
STORAGE = (
    "id name projectId size description creationDate creator "
    f"linkedApp{{id name versions{_LINKED_VERSION} currentVersion{_LINKED_VERSION}}} "
    "originalVolumeId duplicationStatus isLocked"
)
CREATED = "id name projectId description size creator linkedApp{id} originalVolumeId duplicationStatus isLocked"
#: 2.x raised ValueError for a storage missing from the project, or used by an app.
STORAGE_ERRORS: dict[Any, tuple[type[Exception], ...]] = {
    NotFoundError: (NameError, ValueError),
    InvalidInputError: (RuntimeError,),
}


class Storages(V2Resource):
    """Storages (volumes) of a project: create, edit, link state, move, duplicate (2.x shapes)."""

    _resource = "storages"

    @v2_method(("project", "volumes"), STORAGE, kind="list", raw=True, missing="project", missing_wrapper=("project",))
    def list_for_project(self, project_id: str, minimal: bool | None = False, pprint_result: bool | None = None) -> Any:
        """``{"project": {"volumes": [...]}}`` (``minimal``: id, name and project id only)."""
        from .._select import dump, project, selection

        volumes = self._typed.list_for_project(project_id, bool(minimal))
        spec = "id name projectId" if minimal else STORAGE
        return {"project": {"volumes": project(dump(volumes), selection(spec))}}

    @v2_method((), STORAGE, errors=STORAGE_ERRORS, replacement="api.storages.get")
    def get_info(self, project_id: str, storage_id: str) -> Any:
        """Deprecated in 2.x (use :meth:`get`): the storage as a dict; ``ValueError`` when the project has
        no such storage."""
        for volume in self._typed.list_for_project(project_id):
            if volume.id == storage_id:
                return volume
        raise NotFoundError("storage", storage_id, scope=f"project {project_id!r}")

    @v2_method("volume", STORAGE, missing="storage")
    def get(self, storage_id: str) -> Any:
        """``{"volume": {...}}``."""
        return self._typed.get(storage_id)

    @v2_method("createVolume", CREATED)
    def create(
        self, project_id: str, storage_name: str, storage_size: str, storage_description: str | None = None
    ) -> Any:
        """``{"createVolume": {...}}``; the size is a string such as ``"1 GB"``."""
        return self._typed.create(project_id, storage_name, str(storage_size), storage_description)

    @v2_method("editVolume", "id name")
    def edit(self, storage_id: str, storage_name: str | None = None, description: str | None = None) -> Any:
        """``{"editVolume": {"id", "name"}}``."""
        return self._typed.edit(storage_id, storage_name, description)

    @v2_method("deleteVolume", "id name", errors=STORAGE_ERRORS)
    def delete(self, storage_id: str, project_id: str | None = None) -> Any:
        """``{"deleteVolume": {"id", "name"}}``; ``ValueError`` when an app uses the storage."""
        return self._typed.delete(storage_id, project_id)

    @v2_method("unlinkVolume", "id name", errors=STORAGE_ERRORS)
    def unlink(self, storage_id: str, project_id: str | None = None) -> Any:
        """``{"unlinkVolume": {"id", "name"}}``; ``ValueError`` when the app's current version uses it."""
        return self._typed.unlink(storage_id, project_id)

    @v2_method("moveVolume")
    def move(self, storage_id: str, target_platform_id: int, target_project_id: str) -> Any:
        """``{"moveVolume": "<id of the moved storage>"}``."""
        return self._typed.move(storage_id, target_platform_id, target_project_id)

    @v2_method("duplicateVolume", "id name originalVolumeId duplicationStatus isLocked")
    def duplicate(self, storage_id: str) -> Any:
        """``{"duplicateVolume": {...}}``."""
        return self._typed.duplicate(storage_id)
