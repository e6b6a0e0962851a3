"""``saagie users``, ``saagie groups`` and ``saagie profiles`` (platform accounts)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ._groups_projects import Yes, confirm
from ._state import state_of

__all__ = ["register"]

users = typer.Typer(help="Users of the realm: list, get, create, edit (password), delete.", no_args_is_help=True)
groups = typer.Typer(help="Groups of the realm: list, get, create, edit (permissions), delete.", no_args_is_help=True)
profiles = typer.Typer(help="User profiles (job title, email): list, get, edit.", no_args_is_help=True)

User = Annotated[str, typer.Argument(help="Login.")]
Group = Annotated[str, typer.Argument(help="Group name.")]

#: Default variable holding a new password (a variable name, not a secret).
NEW_PASSWORD_ENV = "SAAGIE_NEW_USER_PASSWORD"  # noqa: S105
USER_COLUMNS = [("Login", "login"), ("Roles", "roles"), ("Groups", "groups"), ("Protected", "protected")]
GROUP_COLUMNS = [("Name", "name"), ("Protected", "protected")]
PROFILE_COLUMNS = [("Login", "login"), ("Job title", "job"), ("Email", "email")]


def _password(variable: str, what: str) -> str:
    from saagieapi.errors import InvalidInputError

    secret = os.environ.get(variable)
    if secret is None and sys.stdin.isatty():
        secret = typer.prompt(what, hide_input=True, confirmation_prompt=True, err=True)
    if not secret:
        raise InvalidInputError(f"no password: set the environment variable {variable}")
    return str(secret)


# ---------------------------------------------------------------------------------------------- users
@users.command("list")
def users_list(ctx: typer.Context) -> None:
    """Every user of the realm."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().users.list(), columns=USER_COLUMNS)


@users.command("get")
def users_get(ctx: typer.Context, user: User) -> None:
    """One user."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().users.get_info(user))


@users.command("create")
def users_create(
    ctx: typer.Context,
    user: User,
    role: Annotated[list[str] | None, typer.Option(help="Realm role (repeatable), e.g. ROLE_READER.")] = None,
    group: Annotated[list[str] | None, typer.Option(help="Group (repeatable).")] = None,
    password_env: Annotated[str, typer.Option(help="Environment variable holding the password.")] = NEW_PASSWORD_ENV,
) -> None:
    """Create a user (the password from $SAAGIE_NEW_USER_PASSWORD or a prompt)."""
    from ._output import emit

    state = state_of(ctx)
    secret = _password(password_env, f"Password of {user}")
    api = state.api()
    created = api.users.create(user, secret, roles=role or None, groups=group or None)
    emit(state, {"created": created, "login": user}, message=f"Created user {user}")


@users.command("edit")
def users_edit(
    ctx: typer.Context,
    user: User,
    previous_env: Annotated[str, typer.Option(help="Variable holding the current password.")] = "SAAGIE_OLD_PASSWORD",
    new_env: Annotated[str, typer.Option(help="Variable holding the new password.")] = NEW_PASSWORD_ENV,
) -> None:
    """Change a user's password (passwords from environment variables or prompts)."""
    from ._output import emit

    state = state_of(ctx)
    previous = _password(previous_env, "Current password")
    new = _password(new_env, "New password")
    api = state.api()
    emit(state, {"changed": api.users.edit_password(user, previous, new), "login": user}, message="Password changed")


@users.command("delete")
def users_delete(ctx: typer.Context, user: User, yes: Yes = False) -> None:
    """Delete a user."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    confirm(state, f"user {user!r}", yes)
    emit(state, {"deleted": api.users.delete(user), "login": user}, message=f"Deleted user {user}")


# ---------------------------------------------------------------------------------------------- groups
@groups.command("list")
def groups_list(ctx: typer.Context) -> None:
    """Every group of the realm."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().groups.list(), columns=GROUP_COLUMNS)


@groups.command("get")
def groups_get(ctx: typer.Context, group: Group) -> None:
    """A group: its users and permissions."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    members = api.groups.get_users(group)
    permissions = api.groups.get_permission(group)
    emit(state, {**permissions.model_dump(mode="json"), "users": list(members.users)})


@groups.command("create")
def groups_create(
    ctx: typer.Context,
    group: Group,
    user: Annotated[list[str] | None, typer.Option(help="Member login (repeatable).")] = None,
) -> None:
    """Create a group with members."""
    from ._output import emit

    state = state_of(ctx)
    created = state.api().groups.create(group, user or [])
    emit(state, {"created": created, "name": group}, message=f"Created group {group}")


@groups.command("edit")
def groups_edit(
    ctx: typer.Context,
    group: Group,
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

    from ._output import emit

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
def groups_delete(ctx: typer.Context, group: Group, yes: Yes = False) -> None:
    """Delete a group."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    confirm(state, f"group {group!r}", yes)
    emit(state, {"deleted": api.groups.delete(group), "name": group}, message=f"Deleted group {group}")


# ---------------------------------------------------------------------------------------------- profiles
@profiles.command("list")
def profiles_list(ctx: typer.Context) -> None:
    """Every user profile (profiles are created and deleted with their users)."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().profiles.list(), columns=PROFILE_COLUMNS)


@profiles.command("get")
def profiles_get(ctx: typer.Context, user: User) -> None:
    """One user's profile."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().profiles.get_info(user))


@profiles.command("edit")
def profiles_edit(
    ctx: typer.Context,
    user: User,
    job_title: Annotated[str | None, typer.Option(help="Job title ('' clears it).")] = None,
    email: Annotated[str | None, typer.Option(help="Email ('' clears it).")] = None,
) -> None:
    """Change a user's job title or email."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    api.profiles.edit(user, job_title=job_title, email=email)
    emit(state, api.profiles.get_info(user))


def register(app: typer.Typer) -> None:
    app.add_typer(users, name="users")
    app.add_typer(groups, name="groups")
    app.add_typer(profiles, name="profiles")
