"""``saagie config``: named connection profiles (no password stored unless asked)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from .._flags import with_connection_flags
from .._state import state_of

__all__ = ["register"]

group = typer.Typer(
    help="Connection profiles in the user's config directory (`saagie config path` shows where).",
    no_args_is_help=True,
)


def _complete(incomplete: str) -> list[str]:
    from .._config_file import profile_names

    return [name for name in profile_names() if name.startswith(incomplete)]


Name = Annotated[str, typer.Argument(help="Profile name.", autocompletion=_complete)]


@dataclass(frozen=True)
class ConfigRow:
    name: str
    default: bool


def _shown(values: dict[str, str]) -> dict[str, str]:
    return {key: ("********" if key == "password" else value) for key, value in values.items()}


@group.command("set")
@with_connection_flags(after=2, switches_both_ways=True)
def config_set(
    ctx: typer.Context,
    name: Name,
    save_password: Annotated[
        bool, typer.Option(help="Write the password into the file (readable by you only). Prefer --keyring.")
    ] = False,
    use_keyring: Annotated[bool, typer.Option("--keyring", help="Store the password in the system keyring.")] = False,
    default: Annotated[bool, typer.Option("--default", help="Make it the default profile.")] = False,
    **connection: Any,
) -> None:
    """Create or update a profile (its options are the global connection flags); the password comes from
    SAAGIE_PASSWORD or a prompt when stored.

    A profile that could not connect is refused (a URL whose host does not carry the realm needs --realm; a
    base URL needs --realm and --platform-id), as is a value its setting cannot read; nothing is written then.
    """
    from saagieapi._core.settings import setting
    from saagieapi.errors import ConfigurationError, InvalidInputError, InvalidURLError

    from .. import _config_file
    from .._output import emit
    from .._settings import url_problem

    state = state_of(ctx)
    _config_file.check_profile_name(name)  # before anything is prompted for or stored in the keyring
    stored = {
        key: str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in connection.items()
        if value is not None
    }
    for key, text in stored.items():
        try:
            setting(key).parse(text)
        except ValueError:
            raise ConfigurationError(f"--{key.replace('_', '-')} {text!r} is not a valid value.") from None
    merged = {**(_config_file.read_profile(name) or {}), **stored}
    # a profile may leave the user or the password to the environment, not the parts of the address
    wrong_url = url_problem(merged)
    if wrong_url:
        raise InvalidURLError(f"Profile {name!r} not saved. {wrong_url}")
    if save_password or use_keyring:
        secret = os.environ.get("SAAGIE_PASSWORD")
        if not secret and sys.stdin.isatty():
            secret = typer.prompt("Password", hide_input=True, err=True)
        if not secret:
            raise InvalidInputError("No password to store: set SAAGIE_PASSWORD or run in a terminal.")
        if use_keyring:
            _config_file.keyring_set(name, secret)
            stored["keyring"] = "true"
        else:
            stored["password"] = secret
    path = _config_file.write_profile(name, stored, make_default=default)
    emit(
        state, {"profile": name, "path": str(path), "values": _shown(stored)}, message=f"Profile {name} saved in {path}"
    )


@group.command("list")
def config_list(ctx: typer.Context) -> None:
    """Profile names (the default one marked)."""
    from .. import _config_file
    from .._output import emit

    state = state_of(ctx)
    default = _config_file.default_profile()
    names = _config_file.profile_names()
    emit(state, [{"name": name, "default": name == default} for name in names], row=lambda item: ConfigRow(**item))


@group.command("show")
def config_show(ctx: typer.Context, name: Annotated[str | None, typer.Argument(help="Profile name.")] = None) -> None:
    """A profile's settings (a stored password is masked)."""
    from saagieapi.errors import ConfigurationError

    from .. import _config_file
    from .._output import emit

    state = state_of(ctx)
    chosen = name or state.profile or _config_file.default_profile()
    found = _config_file.read_profile(chosen) if chosen else None
    if found is None:
        raise ConfigurationError(f"No profile {chosen!r} in {_config_file.config_path()}.")
    emit(state, {"profile": chosen, **_shown(found)})


@group.command("use")
def config_use(ctx: typer.Context, name: Name) -> None:
    """Make a profile the default one."""
    from saagieapi.errors import ConfigurationError

    from .. import _config_file
    from .._output import emit

    state = state_of(ctx)
    if _config_file.read_profile(name) is None:
        raise ConfigurationError(f"No profile {name!r} in {_config_file.config_path()}.")
    _config_file.set_default(name)
    emit(state, {"default_profile": name}, message=f"Default profile: {name}")


@group.command("delete")
def config_delete(ctx: typer.Context, name: Name) -> None:
    """Delete a profile (and its keyring entry)."""
    from saagieapi.errors import ConfigurationError

    from .. import _config_file
    from .._output import emit

    state = state_of(ctx)
    found = _config_file.read_profile(name)
    if found is None:
        raise ConfigurationError(f"No profile {name!r} in {_config_file.config_path()}.")
    if found.get("keyring") == "true":
        import contextlib

        with contextlib.suppress(Exception):
            import keyring

            keyring.delete_password(_config_file.KEYRING_SERVICE, name)
    _config_file.delete_profile(name)
    emit(state, {"deleted": name}, message=f"Deleted profile {name}")


@group.command("path")
def config_path(ctx: typer.Context) -> None:
    """Where the profiles are kept (SAAGIE_CONFIG overrides it)."""
    from .. import _config_file
    from .._output import emit

    state = state_of(ctx)
    path = str(_config_file.config_path())
    emit(state, {"path": path}, message=path)


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="config")
