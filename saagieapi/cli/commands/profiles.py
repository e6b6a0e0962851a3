"""``saagie profiles``: user profiles (job title, email); they come and go with their users."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from .._state import state_of

if TYPE_CHECKING:
    from saagieapi.models import Profile

__all__ = ["ProfileRow", "register"]

group = typer.Typer(help="User profiles (job title, email): list, get, edit.", no_args_is_help=True)

UserArg = Annotated[str, typer.Argument(help="Login.")]


@dataclass(frozen=True)
class ProfileRow:
    login: str
    job_title: str | None
    email: str | None

    @classmethod
    def of(cls, profile: Profile) -> ProfileRow:
        return cls(profile.login, profile.job, profile.email)


@group.command("list")
def profiles_list(ctx: typer.Context) -> None:
    """Every user profile (profiles are created and deleted with their users)."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().profiles.list(), row=ProfileRow.of)


@group.command("get")
def profiles_get(ctx: typer.Context, user: UserArg) -> None:
    """One user's profile."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().profiles.get_info(user))


@group.command("edit")
def profiles_edit(
    ctx: typer.Context,
    user: UserArg,
    job_title: Annotated[str | None, typer.Option(help="Job title ('' clears it).")] = None,
    email: Annotated[str | None, typer.Option(help="Email ('' clears it).")] = None,
) -> None:
    """Change a user's job title or email."""
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    api.profiles.edit(user, job_title=job_title, email=email)
    emit(state, api.profiles.get_info(user))


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="profiles")
