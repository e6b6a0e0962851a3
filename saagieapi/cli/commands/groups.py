"""``saagie groups``: groups of the realm, their members and permissions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .._options import Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi.models import Group

__all__ = ["GroupRow", "register"]

groups = typer.Typer(help="Groups of the realm: list, get, create, edit (permissions), delete.", no_args_is_help=True)

GroupArg = Annotated[str, typer.Argument(help="Group name.")]


@dataclass(frozen=True)
class GroupRow:
    name: str
    protected: bool

    @classmethod
    def of(cls, item: Group) -> GroupRow:
        return cls(item.name, item.protected)


@groups.command("list")
def groups_list(ctx: typer.Context) -> None:
    """Every group of the realm."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().groups.list(), row=GroupRow.of)


@groups.command("get")
def groups_get(ctx: typer.Context, group: GroupArg) -> None:
    """A group: its users and permissions."""
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    members = api.groups.get_users(group)
    permissions = api.groups.get_permission(group)
    emit(state, {**permissions.model_dump(mode="json"), "users": list(members.users)})


@groups.command("create")
def groups_create(
    ctx: typer.Context,
    group: GroupArg,
    user: Annotated[list[str] | None, typer.Option(help="Member login (repeatable).")] = None,
) -> None:
    """Create a group with members."""
    from .._output import emit

    state = state_of(ctx)
    created = state.api().groups.create(group, user or [])
    emit(state, {"created": created, "name": group}, message=f"Created group {group}")


@groups.command("edit")
def groups_edit(
    ctx: typer.Context,
    group: GroupArg,
    permissions: Annotated[
        Path,
        typer.Option(
            exists=True,
            dir_okay=False,
            help='JSON file: {"authorizations": [...], "realmAuthorization": {...}} (as `groups get --json`).',
        ),
    ],
) -> None:
    """Replace a group's permissions from a JSON file."""
    import json

    from saagieapi.errors import InvalidInputError

    from .._output import emit

    state = state_of(ctx)
    try:
        body: Any = json.loads(permissions.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InvalidInputError(f"{permissions} is not JSON: {exc}") from None
    if not isinstance(body, dict):
        raise InvalidInputError(f"{permissions}: expected a JSON object")
    authorizations = body.get("authorizations")
    realm = body.get("realmAuthorization", body.get("realm_authorization"))
    changed = state.api().groups.edit_permission(group, authorizations=authorizations, realm_authorization=realm)
    emit(state, {"changed": changed, "name": group}, message=f"Permissions of {group} replaced")


@groups.command("delete")
def groups_delete(ctx: typer.Context, group: GroupArg, yes: Yes = False) -> None:
    """Delete a group."""
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    confirm(f"group {group!r}", yes)
    emit(state, {"deleted": api.groups.delete(group), "name": group}, message=f"Deleted group {group}")


def register(app: typer.Typer) -> None:
    app.add_typer(groups, name="groups")
