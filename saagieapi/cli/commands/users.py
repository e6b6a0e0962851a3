"""``saagie users``: users of the realm (passwords from environment variables or prompts, never flags)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from .._options import Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi.models import User

__all__ = ["UserRow", "register"]

group = typer.Typer(help="Users of the realm: list, get, create, edit (password), delete.", no_args_is_help=True)

UserArg = Annotated[str, typer.Argument(help="Login.")]

#: Default variable holding a new password (a variable name, not a secret).
NEW_PASSWORD_ENV = "SAAGIE_NEW_USER_PASSWORD"  # noqa: S105


@dataclass(frozen=True)
class UserRow:
    login: str
    roles: list[str]
    groups: list[str]
    protected: bool

    @classmethod
    def of(cls, user: User) -> UserRow:
        return cls(user.login, list(user.roles), list(user.groups), user.protected)


def _password(variable: str, what: str) -> str:
    from saagieapi.errors import InvalidInputError

    secret = os.environ.get(variable)
    if secret is None and sys.stdin.isatty():
        secret = typer.prompt(what, hide_input=True, confirmation_prompt=True, err=True)
    if not secret:
        raise InvalidInputError(f"No password: set the environment variable {variable}.")
    return str(secret)


@group.command("list")
def users_list(ctx: typer.Context) -> None:
    """Every user of the realm."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().users.list(), row=UserRow.of)


@group.command("get")
def users_get(ctx: typer.Context, user: UserArg) -> None:
    """One user."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().users.get_info(user))


@group.command("create")
def users_create(
    ctx: typer.Context,
    user: UserArg,
    role: Annotated[list[str] | None, typer.Option(help="Realm role (repeatable), e.g. ROLE_READER.")] = None,
    group: Annotated[list[str] | None, typer.Option(help="Group (repeatable).")] = None,
    password_env: Annotated[str, typer.Option(help="Environment variable holding the password.")] = NEW_PASSWORD_ENV,
) -> None:
    """Create a user (the password from $SAAGIE_NEW_USER_PASSWORD or a prompt)."""
    from .._output import emit

    state = state_of(ctx)
    secret = _password(password_env, f"Password of {user}")
    api = state.api()
    created = api.users.create(user, secret, roles=role or None, groups=group or None)
    emit(state, {"created": created, "login": user}, message=f"Created user {user}")


@group.command("edit")
def users_edit(
    ctx: typer.Context,
    user: UserArg,
    previous_env: Annotated[str, typer.Option(help="Variable holding the current password.")] = "SAAGIE_OLD_PASSWORD",
    new_env: Annotated[str, typer.Option(help="Variable holding the new password.")] = NEW_PASSWORD_ENV,
) -> None:
    """Change a user's password (passwords from environment variables or prompts)."""
    from .._output import emit

    state = state_of(ctx)
    previous = _password(previous_env, "Current password")
    new = _password(new_env, "New password")
    api = state.api()
    emit(state, {"changed": api.users.edit_password(user, previous, new), "login": user}, message="Password changed")


@group.command("delete")
def users_delete(ctx: typer.Context, user: UserArg, yes: Yes = False) -> None:
    """Delete a user."""
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    confirm(f"user {user!r}", yes)
    emit(state, {"deleted": api.users.delete(user), "login": user}, message=f"Deleted user {user}")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="users")
