"""Projects API wire adapter: volumes (see :mod:`saagie_emulator.backend.volumes`)."""

from __future__ import annotations

from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import context_of
from ..model import App, Volume

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
volume_type = ObjectType("Volume")


@query.field("volume")
def resolve_volume(_: Any, info: Any, id: str) -> Volume | None:
    ctx = context_of(info)
    return ctx.backend.volumes.visible(ctx.caller, id)


@volume_type.field("linkedApp")
def resolve_linked_app(obj: Volume, info: Any) -> App | None:
    return None if obj.linked_app_id is None else context_of(info).backend.apps.find(obj.linked_app_id)


@mutation.field("createVolume")
def resolve_create_volume(_: Any, info: Any, volume: dict[str, Any]) -> Volume:
    ctx = context_of(info)
    return ctx.backend.volumes.create(ctx.caller, volume)


@mutation.field("editVolume")
def resolve_edit_volume(_: Any, info: Any, volume_edition: dict[str, Any]) -> Volume:
    ctx = context_of(info)
    return ctx.backend.volumes.edit(ctx.caller, volume_edition)


@mutation.field("deleteVolume")
def resolve_delete_volume(_: Any, info: Any, id: str) -> Volume:
    ctx = context_of(info)
    return ctx.backend.volumes.delete(ctx.caller, id)


@mutation.field("unlinkVolume")
def resolve_unlink_volume(_: Any, info: Any, id: str) -> Volume:
    ctx = context_of(info)
    return ctx.backend.volumes.unlink(ctx.caller, id)


@mutation.field("moveVolume")
def resolve_move_volume(_: Any, info: Any, volume_id: str, target_platform_id: int, target_project_id: str) -> str:
    ctx = context_of(info)
    return ctx.backend.volumes.move(ctx.caller, volume_id, target_platform_id, target_project_id)


@mutation.field("duplicateVolume")
def resolve_duplicate_volume(_: Any, info: Any, original_volume_id: str) -> Volume:
    ctx = context_of(info)
    return ctx.backend.volumes.duplicate(ctx.caller, original_volume_id)


def bindables() -> list[Any]:
    return [query, mutation, volume_type]
