"""``saagie storages``: storages (volumes) of a project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from .._options import ProjectOpt, Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi import SaagieApi
    from saagieapi.models import Storage

__all__ = ["StorageRow", "register"]

group = typer.Typer(help="Storages (volumes) of a project.", no_args_is_help=True)


@dataclass(frozen=True)
class StorageRow:
    id: str
    name: str
    size: str
    app: str | None

    @classmethod
    def of(cls, storage: Storage) -> StorageRow:
        return cls(storage.id, storage.name, storage.size, storage.linked_app.name if storage.linked_app else None)


StorageArg = Annotated[str, typer.Argument(help="Storage name (with --project) or id.")]


def _storage_id(api: SaagieApi, storage: str, project: str | None) -> str:
    from .._resolve import _in_project

    return _in_project(api, "storage", storage, project, "list_for_project")


@group.command("list")
def storages_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Storages of a project with the app using each."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.storages.list_for_project(project_id(api, project)), row=StorageRow.of)


@group.command("get")
def storages_get(ctx: typer.Context, storage: StorageArg, project: ProjectOpt = None) -> None:
    """One storage."""
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    emit(state, api.storages.get(_storage_id(api, storage, project)))


@group.command("create")
def storages_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new storage.")],
    size: Annotated[str, typer.Option(help="Size with its unit: '10 GB', '512 MB'.")],
    project: ProjectOpt = None,
    description: Annotated[str | None, typer.Option(help="Description.")] = None,
) -> None:
    """Create a storage."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.storages.create(project_id(api, project), name, size, description))


@group.command("edit")
def storages_edit(
    ctx: typer.Context,
    storage: StorageArg,
    project: ProjectOpt = None,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    size: Annotated[str | None, typer.Option(help="New (larger) size.")] = None,
) -> None:
    """Rename, redescribe or enlarge a storage."""
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    emit(state, api.storages.edit(_storage_id(api, storage, project), name, description, size=size))


@group.command("delete")
def storages_delete(ctx: typer.Context, storage: StorageArg, project: ProjectOpt = None, yes: Yes = False) -> None:
    """Delete a storage no app mounts."""
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    sid = _storage_id(api, storage, project)
    confirm(f"storage {storage!r}", yes)
    emit(state, api.storages.delete(sid), message=f"Deleted storage {storage}")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="storages")
