"""Connection settings of one command, resolved by the SDK's settings core (``saagieapi._core.settings``).

The core's table (:data:`~saagieapi._core.settings.SETTINGS`) names each setting's ``SAAGIE_*`` variable, its
profile key and its flag; the command line builds its global flags from it (``main.py``) and only gathers the
layers, then asks the core. What the core cannot do is done here: the keyring, a password prompt, and the words
of a problem (the flag to add). Precedence, last wins:

    default profile < SAAGIE_* environment < explicit profile (--profile, SAAGIE_PROFILE) < flags
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import _config_file

if TYPE_CHECKING:
    from saagieapi._core.settings import Layer, Setting

    from ._state import State

__all__ = ["Layers", "client_arguments", "flag_settings", "is_switch", "layers", "url_problem"]

_TRUE = ("1", "true", "yes", "on")


def flag_settings() -> list[Setting]:
    """The settings offered as global flags (every row of the core's table but secrets)."""
    from saagieapi._core.settings import SETTINGS

    return [item for item in SETTINGS if item.flag is not None]


def is_switch(item: Setting) -> bool:
    """A setting given by its flag alone (``--insecure``): its parser reads ``yes`` as ``True``."""
    try:
        return item.parse("yes") is True
    except ValueError:
        return False


@dataclass(frozen=True)
class Layers:
    """The layers of a command, lowest first; the profile they name; whether it keeps its password in the keyring."""

    layers: tuple[Layer, ...]
    profile: str | None
    keyring: bool

    def value(self, key: str) -> str:
        """The text a setting ends with (the last layer giving it), or ``""``."""
        found = ""
        for layer in self.layers:
            raw = layer.values.get(key)
            if raw is not None and raw is not False and str(raw).strip():
                found = str(raw).strip()
        return found


def layers(state: State) -> Layers:
    """Flags, profiles and environment as the core's layers (see the module docstring)."""
    from saagieapi._core.settings import environment_layer, flags_layer, profile_layer
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
    saved = profile_layer(profile_name or "", profile)
    environment = environment_layer()
    ordered = (environment, saved) if explicit else (saved, environment)
    return Layers(
        layers=(*ordered, flags_layer(state.flags)),
        profile=profile_name,
        keyring=profile.get("keyring", "").lower() in _TRUE,
    )


def _realm_problem(url: str, realm: str | None) -> str | None:
    """Why ``url`` cannot be used (in the command line's words), or ``None``; the SDK's parser decides."""
    from saagieapi._core.urls import EXPECTED_SHAPE, parse_platform_url
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
    """Why the URL of these settings (by key: ``url``, ``realm``, ``platform_id``) cannot reach a platform, with
    the flag to add; ``None`` when it can (or when there is no URL yet)."""
    url = values.get("url", "").strip()
    realm = values.get("realm", "").strip() or None
    if not url:
        return None
    if "/projects/platform/" in url:
        return _realm_problem(url, realm)
    missing = [f"--{key.replace('_', '-')}" for key in ("realm", "platform_id") if not values.get(key, "").strip()]
    if missing:
        return (
            f"{url!r} is a base URL: add {' and '.join(missing)}, "
            "or give the full platform URL https://<realm>-workspace.<domain>/projects/platform/<id>/."
        )
    return None


def client_arguments(state: State) -> dict[str, Any]:
    """Keyword arguments of ``SaagieApi(...)`` for this command."""
    from saagieapi._core.settings import resolve
    from saagieapi.errors import ConfigurationError, InvalidURLError

    found = layers(state)
    if not found.value("url"):
        raise ConfigurationError(
            "No platform URL. Pass --url, set SAAGIE_URL, or create a profile with `saagie config set NAME --url ...`."
        )
    wrong_url = url_problem({key: found.value(key) for key in ("url", "realm", "platform_id")})
    if wrong_url:
        raise InvalidURLError(wrong_url)
    if not found.value("user"):
        raise ConfigurationError("No user. Pass --user, set SAAGIE_USER, or save it in a profile.")
    password = found.value("password") or None
    if password is None and found.keyring and found.profile:
        password = _config_file.keyring_get(found.profile)
    if password is None and sys.stdin.isatty():
        import typer

        password = typer.prompt(f"Password of {found.value('user')}", hide_input=True, err=True)
    if not password:
        raise ConfigurationError(
            "No password. Set SAAGIE_PASSWORD, or store it with `saagie config set NAME --keyring` "
            "(or --save-password)."
        )
    return resolve(*found.layers, overrides={"password": password})
