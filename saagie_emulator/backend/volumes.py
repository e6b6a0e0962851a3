"""Volumes (storages): creation, edition, linking to apps, duplication, moves between projects."""

from __future__ import annotations

from typing import Any

from ..errors import NotFoundError, ValidationError
from ..model import Volume, new_id
from ..scalars import normalize_data_size
from .apps import current_app_version
from .base import Caller, Domain

__all__ = ["VolumesBackend"]


class VolumesBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, volume_id: object) -> Volume:
        return self.store.volume(volume_id)

    def find(self, volume_id: object) -> Volume | None:
        return self.data.volumes.get(str(volume_id))

    def linked_to(self, app_id: str, project_id: str) -> list[Volume]:
        return [v for v in self.store.volumes_of(project_id) if v.linked_app_id == app_id]

    def used_by_current_version(self, volume: Volume) -> bool:
        app = self.data.apps.get(volume.linked_app_id or "")
        return app is not None and any(v["volume_id"] == volume.id for v in current_app_version(app).volumes_with_path)

    # ------------------------------------------------------------------ building blocks
    def check_name(
        self, project_id: str, name: str, exclude: str | None = None, extra: list[str] | None = None
    ) -> None:
        others = [v.name for v in self.store.volumes_of(project_id) if v.id != exclude]
        self.store.check_unique_name("Volume", [*others, *(extra or [])], name)

    def add(self, caller: Caller, project_id: str, name: str, size: str, description: str | None) -> Volume:
        """Store a new volume; its name must have been checked."""
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

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any]) -> Volume:
        with self.store.lock:
            project = self.store.project(values["project_id"])
            if not values["name"].strip():
                raise ValidationError("The volume name must not be empty")
            self.check_name(project.id, values["name"])
            size = normalize_data_size(values["size"])
            return self.add(caller, project.id, values["name"], size, values.get("description"))

    def edit(self, caller: Caller, values: dict[str, Any]) -> Volume:
        with self.store.lock:
            volume = self.get(values["id"])
            if values.get("name"):
                self.check_name(volume.project_id, values["name"], exclude=volume.id)
            size = normalize_data_size(values["size"]) if values.get("size") else None
            if values.get("name"):
                volume.name = values["name"]
            if "description" in values:
                volume.description = values["description"]
            if size is not None:
                volume.size = size
        return volume

    def delete(self, caller: Caller, volume_id: object) -> Volume:
        with self.store.lock:
            volume = self.get(volume_id)
            if self.used_by_current_version(volume):
                raise ValidationError(f"Volume '{volume.name}' is used by the current version of an app")
            del self.data.volumes[volume.id]
        return volume

    def unlink(self, caller: Caller, volume_id: object) -> Volume:
        with self.store.lock:
            volume = self.get(volume_id)
            if self.used_by_current_version(volume):
                raise ValidationError(f"Volume '{volume.name}' is used by the current version of an app")
            volume.linked_app_id = None
        return volume

    def move(self, caller: Caller, volume_id: object, target_platform_id: int, target_project_id: object) -> str:
        with self.store.lock:
            if target_platform_id != self.data.platform_id:
                raise NotFoundError("Platform", target_platform_id)
            volume = self.get(volume_id)
            if volume.linked_app_id is not None:
                raise ValidationError(f"Volume '{volume.name}' is linked to an app and cannot be moved")
            target = self.store.project(target_project_id)
            self.check_name(target.id, volume.name)
            moved = self.add(caller, target.id, volume.name, volume.size, volume.description)
            del self.data.volumes[volume.id]
        return moved.id

    def duplicate(self, caller: Caller, volume_id: object) -> Volume:
        with self.store.lock:
            volume = self.get(volume_id)
            names = {v.name.casefold() for v in self.store.volumes_of(volume.project_id)}
            index = 1
            while f"{volume.name} (copy {index})".casefold() in names:
                index += 1
            copy = self.add(caller, volume.project_id, f"{volume.name} (copy {index})", volume.size, volume.description)
            copy.original_volume_id = volume.id
        return copy
