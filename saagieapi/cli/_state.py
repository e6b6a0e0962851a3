"""What the global options say (connection, output mode), and the one SDK client of a command."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import _config

if TYPE_CHECKING:
    from saagieapi import SaagieApi

__all__ = ["State", "connection_arguments"]

_ENV = {
    "url": "SAAGIE_URL",
    "platform_id": "SAAGIE_PLATFORM_ID",
    "realm": "SAAGIE_REALM",
    "user": "SAAGIE_USER",
    "password": "SAAGIE_PASSWORD",
    "ca_bundle": "SAAGIE_CA_BUNDLE",
    "timeout": "SAAGIE_TIMEOUT",
}


@dataclass
class State:
    """Global options of one ``saagie`` invocation."""

    profile: str | None = None
    url: str | None = None
    platform_id: str | None = None
    realm: str | None = None
    user: str | None = None
    ca_bundle: str | None = None
    insecure: bool = False
    timeout: float | None = None
    json: bool = False
    debug: bool = False
    _api: SaagieApi | None = field(default=None, repr=False)

    def api(self) -> SaagieApi:
        """The SDK client for these settings (created once, closed when the command ends)."""
        if self._api is None:
            from saagieapi import SaagieApi

            self._api = SaagieApi(**connection_arguments(self))
        return self._api

    def close(self) -> None:
        if self._api is not None:
            self._api.close()
            self._api = None


def _layers(state: State) -> tuple[dict[str, str], str | None]:
    """Settings merged from the default profile < environment < explicit profile < flags; and the profile used."""
    from saagieapi.errors import ConfigurationError

    explicit = state.profile or os.environ.get("SAAGIE_PROFILE", "").strip() or None
    profile_name = explicit or _config.default_profile()
    profile: dict[str, str] = {}
    if profile_name:
        found = _config.read_profile(profile_name)
        if found is None:
            if explicit:
                known = ", ".join(_config.profile_names()) or "none yet"
                raise ConfigurationError(
                    f"no profile {profile_name!r} in {_config.config_path()} (known: {known}); "
                    "create it with `saagie config set`"
                )
            profile_name = None
        else:
            profile = found
    env = {key: os.environ[var] for key, var in _ENV.items() if os.environ.get(var, "").strip()}
    merged: dict[str, str] = {}
    if explicit:
        merged.update(env)
        merged.update(profile)
    else:
        merged.update(profile)
        merged.update(env)
    flags = {
        "url": state.url,
        "platform_id": state.platform_id,
        "realm": state.realm,
        "user": state.user,
        "ca_bundle": state.ca_bundle,
        "timeout": None if state.timeout is None else str(state.timeout),
    }
    merged.update({key: value for key, value in flags.items() if value})
    if state.insecure:
        merged["insecure"] = "true"
    return merged, profile_name


def connection_arguments(state: State) -> dict[str, Any]:
    """Keyword arguments of ``SaagieApi(...)`` from flags, ``SAAGIE_*`` variables and the profile."""
    from saagieapi.connection import parse_platform_url
    from saagieapi.errors import ConfigurationError

    values, profile_name = _layers(state)
    url = values.get("url", "").strip()
    if not url:
        raise ConfigurationError(
            "no platform URL: pass --url, set SAAGIE_URL, or create a profile with `saagie config set NAME --url ...`"
        )
    realm = values.get("realm") or None
    platform_id = values.get("platform_id") or None
    if "/projects/platform/" in url:
        parsed = parse_platform_url(url, realm=realm)
        url, realm, platform_id = parsed.url_saagie, parsed.realm, platform_id or parsed.id_platform
    missing = [name for name, value in (("realm", realm), ("platform id", platform_id)) if not value]
    if missing:
        raise ConfigurationError(
            f"missing {' and '.join(missing)}: give a full platform URL (.../projects/platform/<id>/), "
            "or --realm/--platform-id (SAAGIE_REALM, SAAGIE_PLATFORM_ID)"
        )
    user = values.get("user", "").strip()
    if not user:
        raise ConfigurationError("no user: pass --user, set SAAGIE_USER, or save it in a profile")
    password = values.get("password") or None
    if password is None and profile_name and values.get("keyring", "").lower() in ("1", "true", "yes"):
        password = _config.keyring_get(profile_name)
    if password is None and sys.stdin.isatty():
        import typer

        password = typer.prompt(f"Password of {user}", hide_input=True, err=True)
    if not password:
        raise ConfigurationError(
            "no password: set SAAGIE_PASSWORD, or store it with `saagie config set NAME --keyring` (or --save-password)"
        )
    verify: bool | str = True
    if values.get("insecure", "").lower() in ("1", "true", "yes"):
        verify = False
    elif values.get("ca_bundle"):
        verify = values["ca_bundle"]
    arguments: dict[str, Any] = {
        "url_saagie": url,
        "id_platform": platform_id,
        "user": user,
        "password": password,
        "realm": realm,
        "verify_ssl": verify,
    }
    if values.get("timeout"):
        try:
            arguments["timeout"] = float(values["timeout"])
        except ValueError:
            raise ConfigurationError(f"timeout {values['timeout']!r} is not a number of seconds") from None
    return arguments


def state_of(ctx: Any) -> State:
    """The :class:`State` of a command's context (a default one when run outside ``saagie``)."""
    found = ctx.find_object(State)
    if found is None:
        found = ctx.ensure_object(State)
    return found  # type: ignore[no-any-return]
