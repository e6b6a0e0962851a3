# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.storages``: storages (volumes) of a project.

This file is the single source: ``saagieapi/_sync/storages.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import re
import warnings
from typing import Literal, overload

from .._core.inputs import VolumeEditionInputFields, VolumeInputFields, volume_edition_input, volume_input
from ..errors import InvalidInputError, NotFoundError
from ..models import Storage, StorageSummary
from .reconcile import gone, idempotent, reconciled, storage_created
from .resource import Resource

__all__ = ["Storages"]

_SIZE = re.compile(r"^\s*\d+(?:\.\d+)?\s*[KMGTP]?i?B\s*$", re.IGNORECASE)


def _size(size: object) -> str:
    """A DataSize string such as ``"1 GB"`` (2.x annotated ``int``, but the platform needs the unit)."""
    if not isinstance(size, str) or not _SIZE.match(size):
        raise InvalidInputError(f"storage size {size!r} is invalid: give a number and a unit such as '1 GB'")
    return size.strip()


def _name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidInputError("the storage name is empty")
    return name


class Storages(Resource):
    """Methods of ``api.storages`` (storages (volumes) of a project)."""

    # -- read ------------------------------------------------------------------------------------------
    @overload
    def list_for_project(self, project_id: str, minimal: Literal[False] = False) -> list[Storage]: ...

    @overload
    def list_for_project(self, project_id: str, minimal: Literal[True]) -> list[StorageSummary]: ...

    @overload
    def list_for_project(self, project_id: str, minimal: bool = False) -> list[Storage] | list[StorageSummary]: ...

    def list_for_project(self, project_id: str, minimal: bool = False) -> list[Storage] | list[StorageSummary]:
        """The storages of a project (``minimal=True``: ids, names and project ids only).

        Example::

            storages = api.storages.list_for_project(project_id)
            linked = {s.name: s.linked_app.name if s.linked_app else None for s in storages}
        """
        if minimal:
            summary = self._client.list_storages_minimal(project_id)
            if summary is None:
                raise NotFoundError("project", project_id)
            return list(summary.volumes)
        project = self._client.list_storages(project_id)
        if project is None:
            raise NotFoundError("project", project_id)
        return list(project.volumes)

    def get(self, storage_id: str) -> Storage:
        """One storage by id, with the app that uses it.

        Example::

            storage = api.storages.get(storage_id)
            size, copied_from = storage.size, storage.original_volume_id
        """
        found = self._client.get_storage(storage_id)
        if found is None:
            raise NotFoundError("storage", storage_id)
        return found

    def get_info(self, project_id: str, storage_id: str) -> Storage:
        """Deprecated since 2.10 (as in 2.x): use ``get(storage_id)``; this one lists the whole project.

        Example::

            storage = api.storages.get(storage_id)
        """
        warnings.warn("storages.get_info is deprecated: use storages.get(storage_id)", DeprecationWarning, stacklevel=2)
        for storage in self.list_for_project(project_id):
            if storage.id == storage_id:
                return storage
        raise NotFoundError("storage", storage_id, scope=f"project {project_id!r}")

    # -- write -----------------------------------------------------------------------------------------
    def create(
        self, project_id: str, storage_name: str, storage_size: str, storage_description: str | None = None
    ) -> Storage:
        """Create a storage of ``storage_size`` (a size with its unit, such as ``"1 GB"``) in a project.

        The platform renders sizes with one decimal: ``"1 GB"`` comes back as ``"1.0 GB"``.

        Example::

            storage = api.storages.create(project_id, "data", "10 GB", "datasets of the notebooks")
        """
        fields: VolumeInputFields = {"projectId": project_id, "name": _name(storage_name), "size": _size(storage_size)}
        if storage_description is not None:
            fields["description"] = storage_description
        volume = volume_input(fields)
        return reconciled(
            self._api,
            "createVolume",
            lambda: self._client.create_storage(volume),
            lambda: storage_created(self._api, project_id, fields),
        )

    def edit(
        self,
        storage_id: str,
        storage_name: str | None = None,
        description: str | None = None,
        *,
        size: str | None = None,
    ) -> Storage:
        """Rename, redescribe (``""`` clears the description) or enlarge a storage; ``None`` keeps a field.

        Example::

            api.storages.edit(storage_id, description="", size="20 GB")
        """
        edited: VolumeEditionInputFields = {"id": storage_id}
        if storage_name is not None:
            edited["name"] = _name(storage_name)
        if description is not None:
            edited["description"] = description
        if size is not None:
            edited["size"] = _size(size)
        if len(edited) == 1:
            raise InvalidInputError("nothing to edit: give storage_name, description or size")
        edition = volume_edition_input(edited)
        return idempotent("editVolume", lambda: self._client.edit_storage(edition))

    def _unused(self, storage_id: str, project_id: str | None, action: str) -> Storage:
        """The storage, checked to be in ``project_id`` (if given) and not mounted by its app's current version."""
        storage = self.get(storage_id)
        if project_id is not None and storage.project_id != project_id:
            raise NotFoundError("storage", storage_id, scope=f"project {project_id!r}")
        app = storage.linked_app
        mounts = app.current_version.volumes_with_path if app and app.current_version else None
        if app is not None and any(m is not None and m.volume and m.volume.id == storage_id for m in mounts or []):
            raise InvalidInputError(
                f"storage {storage.name!r} ({storage_id}) is mounted by the current version of app {app.name!r} "
                f"({app.id}): {action} impossible; upgrade the app without it first"
            )
        return storage

    def delete(self, storage_id: str, project_id: str | None = None) -> StorageSummary:
        """Delete a storage that no app's current version mounts (checked first: InvalidInputError otherwise).

        With ``project_id``, the storage must belong to that project (NotFoundError otherwise).

        Example::

            api.storages.delete(storage_id)
        """
        storage = self._unused(storage_id, project_id, "deletion")
        summary = StorageSummary.model_validate(
            {"id": storage.id, "name": storage.name, "projectId": storage.project_id}
        )
        deleted = reconciled(
            self._api,
            "deleteVolume",
            lambda: self._client.delete_storage(storage_id),
            lambda: gone(lambda: self.get(storage_id), summary),
        )
        if deleted is None:
            raise NotFoundError("storage", storage_id)
        return deleted

    def unlink(self, storage_id: str, project_id: str | None = None) -> Storage:
        """Detach a storage from the app that used it (not allowed while its current version mounts it).

        With ``project_id``, the storage must belong to that project (NotFoundError otherwise).

        Example::

            storage = api.storages.unlink(old_storage_id)
            assert storage.linked_app is None
        """
        self._unused(storage_id, project_id, "unlink")
        unlinked = self._client.unlink_storage(storage_id)
        if unlinked is None:
            raise NotFoundError("storage", storage_id)
        return unlinked

    def move(self, storage_id: str, target_platform_id: int, target_project_id: str) -> str:
        """Move a storage to another project (of this or another platform); returns its new id.

        Example::

            new_id = api.storages.move(storage_id, 1, other_project_id)
        """
        try:
            platform = int(target_platform_id)
        except (TypeError, ValueError):
            raise InvalidInputError(f"target_platform_id {target_platform_id!r} is not a platform number") from None
        return self._client.move_storage(storage_id, platform, target_project_id)

    def duplicate(self, storage_id: str) -> Storage:
        """Copy a storage inside its project; the copy's ``original_volume_id`` is ``storage_id``.

        Example::

            copy = api.storages.duplicate(storage_id)
        """
        return self._client.duplicate_storage(storage_id)
