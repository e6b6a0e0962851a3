"""Volumes (storages): creation, edition, linking to apps, duplication, moves between projects."""

from __future__ import annotations

from typing import Any

from ..model import Project, Volume, new_id
from ..rules import book as r
from ..rules.checks import check_name_length
from ..scalars import normalize_data_size, size_in_bytes
from .authz import EDITOR, VIEWER
from .base import Caller, Domain

__all__ = ["VolumesBackend"]


class VolumesBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, volume_id: object) -> Volume:
        return self.store.volume(volume_id)

    def find(self, volume_id: object) -> Volume | None:
        return self.data.volumes.get(str(volume_id))

    def visible(self, caller: Caller, volume_id: object) -> Volume | None:
        volume = self.find(volume_id)
        if volume is None or not self.authz.can(caller, self.data.projects.get(volume.project_id), VIEWER):
            return None
        return volume

    def linked_to(self, app_id: str, project_id: str) -> list[Volume]:
        return [v for v in self.store.volumes_of(project_id) if v.linked_app_id == app_id]

    # ------------------------------------------------------------------ building blocks
    def check_name(
        self, project: Project, name: str, exclude: str | None = None, extra: list[str] | None = None
    ) -> None:
        others = [v.name.casefold() for v in self.store.volumes_of(project.id) if v.id != exclude]
        if name.casefold() in [*others, *(n.casefold() for n in extra or [])]:
            raise r.VOLUME_NAME_TAKEN.error(name=name, project=project.name)

    def _check_size(self, size: str) -> str:
        normalized = normalize_data_size(size)
        minimum, maximum = self.controls.volume_size_bounds
        value = size_in_bytes(normalized)
        low = 1.0 if minimum is None else minimum
        if value < low or (maximum is not None and value > maximum):
            shown_max = "no maximum" if maximum is None else f"{maximum:g} B"
            raise r.VOLUME_SIZE_BOUNDS.error(size=normalized, minimum=f"{low:g} B", maximum=shown_max)
        return normalized

    def add(self, caller: Caller, project_id: str, name: str, size: str, description: str | None) -> Volume:
        """Store a new volume; its name and size must have been checked."""
        volume = Volume(
            id=new_id(),
            project_id=project_id,
            name=name,
            size=normalize_data_size(size),
            creator=caller.login,
            description=description,
            creation_date=self.clock.datetime(),
        )
        self.data.volumes[volume.id] = volume
        return volume

    def _editable(self, caller: Caller, volume_id: object, operation: str) -> tuple[Volume, Project]:
        volume = self.get(volume_id)
        project = self.store.project(volume.project_id)
        self.authz.require(caller, project, EDITOR, operation)
        return volume, project

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any]) -> Volume:
        with self.store.lock:
            project = self.store.project(values["project_id"])
            self.authz.require(caller, project, EDITOR, "createVolume")
            name = values["name"]
            if not name.strip():
                raise r.VOLUME_NAME_EMPTY.error()
            check_name_length("volume", name)
            self.check_name(project, name)
            size = self._check_size(values["size"])
            return self.add(caller, project.id, name, size, values.get("description"))

    def edit(self, caller: Caller, values: dict[str, Any]) -> Volume:
        with self.store.lock:
            volume, project = self._editable(caller, values["id"], "editVolume")
            if values.get("name"):
                self.check_name(project, values["name"], exclude=volume.id)
            size = self._check_size(values["size"]) if values.get("size") else None
            if values.get("name"):
                volume.name = values["name"]
            if "description" in values:
                volume.description = values["description"]
            if size is not None:
                volume.size = size
        return volume

    def delete(self, caller: Caller, volume_id: object) -> Volume:
        """Delete a volume; a version of an app that mounted it then shows no volume at that path."""
        with self.store.lock:
            volume, _ = self._editable(caller, volume_id, "deleteVolume")
            del self.data.volumes[volume.id]
        return volume

    def unlink(self, caller: Caller, volume_id: object) -> Volume:
        with self.store.lock:
            volume, _ = self._editable(caller, volume_id, "unlinkVolume")
            volume.linked_app_id = None
        return volume

    def move(self, caller: Caller, volume_id: object, target_platform_id: int, target_project_id: object) -> str:
        """Move a volume (linked or not: the schema asks for a linked one, 2.x moves an unlinked one); it leaves
        its app, which stays in the source project."""
        with self.store.lock:
            self.backend.jobs.check_platform(target_platform_id)
            volume = self.get(volume_id)
            target = self.store.project(target_project_id)
            source = self.store.project(volume.project_id)
            self.backend.jobs.check_move_target(caller, source, target, "moveVolume")
            self.check_name(target, volume.name)
            moved = self.add(caller, target.id, volume.name, volume.size, volume.description)
            del self.data.volumes[volume.id]
        return moved.id

    def duplicate(self, caller: Caller, volume_id: object) -> Volume:
        with self.store.lock:
            volume, _ = self._editable(caller, volume_id, "duplicateVolume")
            names = {v.name.casefold() for v in self.store.volumes_of(volume.project_id)}
            index = 1
            while f"{volume.name} (copy {index})".casefold() in names:
                index += 1
            copy = self.add(caller, volume.project_id, f"{volume.name} (copy {index})", volume.size, volume.description)
            copy.original_volume_id = volume.id
        return copy
