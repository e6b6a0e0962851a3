"""Connection settings of one command, resolved by the SDK's settings core.

The command line only gathers layers and asks what the core cannot: the keyring and a password prompt. Each
layer is a mapping keyed by the ``SAAGIE_*`` variable the SDK reads (``saagieapi.connection.settings_from_env``),
so a setting the core learns to read works here too, from the environment and from profiles (profile key =
variable name without ``SAAGIE_``, lower case: ``max_retries`` for ``SAAGIE_MAX_RETRIES``). Precedence, last wins:

    default profile < SAAGIE_* environment < explicit profile (--profile, SAAGIE_PROFILE) < flags

This is the one module that knows how the core is called.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import _config_file

if TYPE_CHECKING:
    from ._state import State

__all__ = ["Layers", "client_arguments", "layers", "problems", "profile_key", "url_problem", "variable"]

#: Keys of a profile that only the command line reads (not ``SAAGIE_*`` settings of the SDK).
CLI_ONLY_KEYS = ("insecure", "keyring")
_TRUE = ("1", "true", "yes", "on")


def variable(key: str) -> str:
    """``max_retries`` -> ``SAAGIE_MAX_RETRIES``."""
    return "SAAGIE_" + key.upper()


def profile_key(name: str) -> str:
    """``SAAGIE_MAX_RETRIES`` -> ``max_retries``."""
    return name.removeprefix("SAAGIE_").lower()


@dataclass(frozen=True)
class Layers:
    """The merged ``SAAGIE_*`` values of a command, the CLI-only options, and the profile they came from."""

    values: dict[str, str]
    insecure: bool
    keyring: bool
    profile: str | None


def _from_profile(profile: Mapping[str, str]) -> dict[str, str]:
    return {variable(key): value for key, value in profile.items() if key not in CLI_ONLY_KEYS and value.strip()}


def layers(state: State) -> Layers:
    """Flags, profiles and environment merged (see the module docstring)."""
    from saagieapi.errors import ConfigurationError

    explicit = state.profile or os.environ.get("SAAGIE_PROFILE", "").strip() or None
    profile_name = explicit or _config_file.default_profile()
    profile: dict[str, str] = {}
    if profile_name:
        found = _config_file.read_profile(profile_name)
        if found is None:
            if explicit:
                known = ", ".join(_config_file.profile_names()) or "none yet"
                raise ConfigurationError(
                    f"No profile {profile_name!r} in {_config_file.config_path()} (known: {known}). "
                    "Create it with `saagie config set NAME --url ...`."
                )
            profile_name = None
        else:
            profile = found
    environment = {
        name: value
        for name, value in os.environ.items()
        if name.startswith("SAAGIE_") and name not in ("SAAGIE_PROFILE", "SAAGIE_CONFIG") and value.strip()
    }
    merged: dict[str, str] = {}
    for layer in (environment, _from_profile(profile)) if explicit else (_from_profile(profile), environment):
        merged.update(layer)
    flags = {
        "SAAGIE_URL": state.url,
        "SAAGIE_PLATFORM_ID": state.platform_id,
        "SAAGIE_REALM": state.realm,
        "SAAGIE_USER": state.user,
        "SAAGIE_CA_BUNDLE": state.ca_bundle,
        "SAAGIE_TIMEOUT": None if state.timeout is None else repr(state.timeout),
    }
    merged.update({name: value for name, value in flags.items() if value})
    return Layers(
        values=merged,
        insecure=state.insecure or profile.get("insecure", "").lower() in _TRUE,
        keyring=profile.get("keyring", "").lower() in _TRUE,
        profile=profile_name,
    )


def _realm_problem(url: str, realm: str | None) -> str | None:
    """Why ``url`` cannot be used (in the command line's words), or ``None``; the SDK's parser decides."""
    from saagieapi.connection import EXPECTED_SHAPE, parse_platform_url
    from saagieapi.errors import InvalidURLError

    shape = (
        "expected https://<realm>-workspace.<domain>/projects/platform/<platform id>/ (http and a port are "
        "accepted; add --realm NAME when the host does not carry the realm)"
    )
    try:
        parse_platform_url(url, realm=realm)
    except InvalidURLError as exc:
        if realm is None:
            try:
                parse_platform_url(url, realm="probe")
            except InvalidURLError:
                return str(exc).replace(EXPECTED_SHAPE, shape)
            host = url.split("//", 1)[-1].split("/", 1)[0]
            return (
                f"Cannot tell the realm from the host {host!r} (a Saagie host reads <realm>-workspace.<domain>). "
                "Add --realm NAME (or set SAAGIE_REALM)."
            )
        return str(exc).replace(EXPECTED_SHAPE, shape)
    return None


def url_problem(values: Mapping[str, str]) -> str | None:
    """Why the URL (with realm and platform id) of these ``SAAGIE_*`` values cannot be used, with the flag to add."""
    url = values.get("SAAGIE_URL", "").strip()
    realm = values.get("SAAGIE_REALM", "").strip() or None
    if not url:
        return None
    if "/projects/platform/" in url:
        return _realm_problem(url, realm)
    missing = [
        flag
        for flag, name in (("--realm", "SAAGIE_REALM"), ("--platform-id", "SAAGIE_PLATFORM_ID"))
        if not values.get(name, "").strip()
    ]
    if missing:
        return (
            f"{url!r} is a base URL: add {' and '.join(missing)}, "
            "or give the full platform URL https://<realm>-workspace.<domain>/projects/platform/<id>/."
        )
    return None


def problems(values: Mapping[str, str]) -> list[str]:
    """What keeps these ``SAAGIE_*`` values from reaching a platform (password aside), each with the flag to add."""
    found: list[str] = []
    if not values.get("SAAGIE_URL", "").strip():
        found.append(
            "No platform URL. Pass --url, set SAAGIE_URL, or create a profile with `saagie config set NAME --url ...`."
        )
    problem = url_problem(values)
    if problem:
        found.append(problem)
    if not values.get("SAAGIE_USER", "").strip():
        found.append("No user. Pass --user, set SAAGIE_USER, or save it in a profile.")
    return found


def client_arguments(state: State) -> dict[str, Any]:
    """Keyword arguments of ``SaagieApi(...)`` for this command."""
    from saagieapi.connection import settings_from_env
    from saagieapi.errors import ConfigurationError, InvalidURLError

    found = layers(state)
    values = dict(found.values)
    wrong_url = url_problem(values)
    if wrong_url:
        raise InvalidURLError(wrong_url)
    blocking = problems(values)
    if blocking:
        raise ConfigurationError(" ".join(blocking))
    if not values.get("SAAGIE_PASSWORD") and found.keyring and found.profile:
        password = _config_file.keyring_get(found.profile)
        if password:
            values["SAAGIE_PASSWORD"] = password
    if not values.get("SAAGIE_PASSWORD") and sys.stdin.isatty():
        import typer

        values["SAAGIE_PASSWORD"] = typer.prompt(f"Password of {values['SAAGIE_USER']}", hide_input=True, err=True)
    if not values.get("SAAGIE_PASSWORD"):
        raise ConfigurationError(
            "No password. Set SAAGIE_PASSWORD, or store it with `saagie config set NAME --keyring` "
            "(or --save-password)."
        )
    arguments = dict(settings_from_env(values))
    if found.insecure:
        arguments["verify_ssl"] = False
    return arguments
