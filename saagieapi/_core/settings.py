"""Connection settings: what each one is, where it is read, how it is checked (no I/O).

:data:`SETTINGS` is the one table of the settings a user can give outside the code: each row names the
keyword argument of :class:`~saagieapi.SaagieApi` it sets, its ``SAAGIE_*`` environment variable, its key in a
command-line profile and its ``--flag``. ``SaagieApi.from_env``, the ``saagie`` command line and the docs all
read this table, so adding a setting means adding a row here (and a field to :class:`ConnectionSettings` and
:class:`ConnectionOptions` when it is a new keyword argument) and a line in ``docs/connecting.md``. A setting
that changes how requests are sent (a header, a timeout, a proxy) is turned into the HTTP client's arguments by
:func:`http_client_options`, here too: the transports pass them on as they are.

Sources are merged by :func:`resolve`, later layers winning::

    kwargs = resolve(profile_layer("prod", {"url": "https://acme-workspace.saagie.io/projects/platform/6/"}),
                     environment_layer({"SAAGIE_USER": "me", "SAAGIE_PASSWORD": "secret"}))
    assert kwargs["realm"] == "acme" and kwargs["user"] == "me"
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict, Union
from urllib.parse import urlsplit

from ..errors import ConfigurationError
from .connection_checks import check_connection_options
from .urls import parse_platform_url

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "REQUIRED",
    "SETTINGS",
    "ConnectionArguments",
    "ConnectionOptions",
    "ConnectionSettings",
    "Layer",
    "Setting",
    "VerifyTypes",
    "check_options",
    "environment_layer",
    "flags_layer",
    "http_client_options",
    "profile_layer",
    "request_timeout",
    "resolve",
    "setting",
    "settings_from_env",
]

#: Seconds allowed for a whole request to be answered (login included), unless overridden.
DEFAULT_TIMEOUT = 60.0
#: Seconds allowed to open a connection.
DEFAULT_CONNECT_TIMEOUT = 10.0
#: Retries after the first attempt (queries; mutations only when they provably never reached the server).
DEFAULT_RETRIES = 2

VerifyTypes = Union[bool, str, ssl.SSLContext]  # noqa: UP007 (a runtime alias)


class ConnectionOptions(TypedDict, total=False):
    """The optional keyword arguments of ``SaagieApi(...)``, ``easy_connect`` and ``from_env``.

    ``timeout`` (seconds, default 60; ``None`` waits forever) applies to every request, login included;
    ``retries`` (default 2) is how often a failed query is retried; ``verify_ssl`` is ``True``, ``False``,
    a CA bundle path or an ``ssl.SSLContext``; ``proxy`` an http(s) proxy URL.
    """

    timeout: float | None
    retries: int
    verify_ssl: VerifyTypes
    proxy: str | None


class ConnectionArguments(ConnectionOptions, total=False):
    """Every keyword argument of ``SaagieApi(...)`` that a setting gives (``from_env`` overrides)."""

    url_saagie: str
    id_platform: str | int
    user: str
    password: str
    realm: str


@dataclass(frozen=True)
class ConnectionSettings:
    """Everything a client needs to reach and log in to a platform. The password never shows in reprs."""

    url_saagie: str
    id_platform: str
    user: str
    password: str = field(repr=False)
    realm: str
    timeout: float | None = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    verify_ssl: VerifyTypes = True
    proxy: str | None = None

    def __post_init__(self) -> None:
        missing = [
            name
            for name in ("url_saagie", "id_platform", "user", "password", "realm")
            if not str(getattr(self, name) or "").strip()
        ]
        if missing:
            raise ConfigurationError(f"missing connection setting(s): {', '.join(missing)}")
        parts = urlsplit(self.url_saagie.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(
                f"url_saagie must be an http(s) URL such as https://acme-workspace.saagie.io, not {self.url_saagie!r}"
            )
        if not str(self.id_platform).isdigit():
            raise ConfigurationError(f"id_platform must be a number, not {self.id_platform!r}")
        if isinstance(self.retries, bool) or not isinstance(self.retries, int) or self.retries < 0:
            raise ConfigurationError(f"retries must be an integer >= 0, not {self.retries!r}")
        check_connection_options(self.timeout, self.verify_ssl, self.proxy)
        object.__setattr__(self, "url_saagie", self.url_saagie.strip().rstrip("/"))
        object.__setattr__(self, "id_platform", str(self.id_platform))

    @property
    def projects_api_url(self) -> str:
        """URL of the projects GraphQL API."""
        return f"{self.url_saagie}/projects/api/platform/{self.id_platform}/graphql"

    @property
    def gateway_api_url(self) -> str:
        """URL of the gateway GraphQL API (technology catalog, repositories)."""
        return f"{self.url_saagie}/gateway/api/graphql"

    @property
    def login_url(self) -> str:
        """URL of the login endpoint."""
        return f"{self.url_saagie}/authentication/api/open/authenticate"


def check_options(options: Mapping[str, object], *, caller: str) -> None:
    """Refuse a keyword argument that is not a connection option (a TypeError, as Python does for calls)."""
    unknown = sorted(set(options) - set(ConnectionOptions.__annotations__))
    if unknown:
        known = ", ".join(sorted(ConnectionOptions.__annotations__))
        raise TypeError(f"{caller}() got unexpected keyword argument(s) {', '.join(unknown)} (options: {known})")


# -- the table -------------------------------------------------------------------------------------------------


def _text(raw: str) -> str:
    return raw.strip()


def _seconds(raw: str) -> float:
    return float(raw.strip())


def _count(raw: str) -> int:
    return int(raw.strip())


def _switch(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(raw)


_KINDS: dict[Callable[[str], object], str] = {
    _seconds: "a number of seconds",
    _count: "a whole number",
    _switch: "true or false",
}


@dataclass(frozen=True)
class Setting:
    """One connection setting and every place it can come from."""

    #: Key in a command-line profile; the flag is ``--`` + the key with dashes (``platform_id``: ``--platform-id``).
    key: str
    #: The keyword argument of ``SaagieApi`` it sets.
    argument: str
    #: One line for ``--help`` and the docs.
    help: str
    #: Environment variable read by ``from_env`` and the command line (None: not read from the environment).
    env: str | None = None
    #: Turns the text of a variable, profile or flag into the value.
    parse: Callable[[str], object] = _text
    #: A secret: never offered as a command-line flag (it would show in the process list and shell history).
    secret: bool = False

    @property
    def flag(self) -> str | None:
        """The command-line flag (None for a secret)."""
        return None if self.secret else "--" + self.key.replace("_", "-")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "url",
        "url_saagie",
        "Platform URL https://<realm>-workspace.<domain>/projects/platform/<id>/ (or the base URL).",
        env="SAAGIE_URL",
    ),
    Setting("platform_id", "id_platform", "Platform id (when the URL is the base URL).", env="SAAGIE_PLATFORM_ID"),
    Setting("realm", "realm", "Realm, when the host of the URL does not carry it.", env="SAAGIE_REALM"),
    Setting("user", "user", "Login.", env="SAAGIE_USER"),
    Setting("password", "password", "Password.", env="SAAGIE_PASSWORD", secret=True),
    Setting("timeout", "timeout", "Seconds allowed per request.", env="SAAGIE_TIMEOUT", parse=_seconds),
    Setting("retries", "retries", "Retries of a failed query.", env="SAAGIE_MAX_RETRIES", parse=_count),
    Setting("ca_bundle", "verify_ssl", "CA bundle to verify TLS with.", env="SAAGIE_CA_BUNDLE"),
    Setting("insecure", "verify_ssl", "Do not verify TLS certificates.", parse=_switch),
    Setting("proxy", "proxy", "http(s) proxy URL."),
)
#: Keyword arguments without a default, with the settings that give them.
REQUIRED = ("url_saagie", "id_platform", "realm", "user", "password")

_BY_KEY = {item.key: item for item in SETTINGS}
#: Settings that :func:`resolve` combines into another argument; every other row sets its argument as it is.
_COMBINED = ("url", "insecure", "ca_bundle")


def setting(key: str) -> Setting:
    """The row of :data:`SETTINGS` with this key (KeyError otherwise)."""
    return _BY_KEY[key]


# -- sources -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    """The values one source gives, by setting key (text is parsed; empty text counts as not given)."""

    #: ``"environment"``, ``"profile 'prod'"``, ``"command line"``...
    source: str
    values: Mapping[str, object]
    #: How this source names a setting in messages (``SAAGIE_TIMEOUT``, ``--timeout``).
    name_of: Callable[[Setting], str] = field(default=lambda item: item.key)


def environment_layer(env: Mapping[str, str] | None = None) -> Layer:
    """The ``SAAGIE_*`` variables of ``env`` (default ``os.environ``) that :data:`SETTINGS` reads."""
    env = os.environ if env is None else env
    values = {item.key: env[item.env] for item in SETTINGS if item.env and env.get(item.env, "").strip()}
    return Layer("environment", values, lambda item: str(item.env))


def profile_layer(name: str, values: Mapping[str, object]) -> Layer:
    """The values of a saved profile (unknown keys are ignored)."""
    known = {key: value for key, value in values.items() if key in _BY_KEY}
    return Layer(f"profile {name!r}", known, lambda item: f"{item.key} (profile {name!r})")


def flags_layer(values: Mapping[str, object]) -> Layer:
    """Command-line flags by setting key (None and False: not given)."""
    given = {key: value for key, value in values.items() if key in _BY_KEY and value is not None and value is not False}
    return Layer("command line", given, lambda item: item.flag or item.key)


def _parsed(layer: Layer, key: str, raw: object) -> object:
    item = _BY_KEY[key]
    if not isinstance(raw, str):
        return raw
    try:
        return item.parse(raw)
    except ValueError:
        kind = _KINDS.get(item.parse, "a valid value")
        raise ConfigurationError(f"{layer.name_of(item)}={raw!r} is not {kind}") from None


def _where(item: Setting) -> str:
    places = [place for place in (item.env, item.flag) if place]
    return f"{item.argument} ({' or '.join(places)})" if places else item.argument


def resolve(*layers: Layer, overrides: Mapping[str, object] | None = None) -> dict[str, Any]:
    """Keyword arguments of ``SaagieApi(...)`` from the layers (later ones win) and ``overrides``.

    ``overrides`` are keyword arguments of ``SaagieApi`` (``timeout=...``); those not None win over every
    layer. A full platform URL gives the base URL, the platform id and the realm (an explicit platform id or
    realm wins). Raises ConfigurationError naming the variables and flags of what is missing or invalid.

    Example::

        kwargs = resolve(environment_layer(), overrides={"timeout": 120})
    """
    merged: dict[str, object] = {}
    for layer in layers:
        for key, raw in layer.values.items():
            if key not in _BY_KEY or raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            merged[key] = _parsed(layer, key, raw)
    found: dict[str, Any] = {}
    url = str(merged.get("url") or "")
    realm = merged.get("realm")
    if url:
        if "/projects/platform/" in url:
            parsed = parse_platform_url(url, realm=str(realm) if realm else None)
            found.update(url_saagie=parsed.url_saagie, id_platform=parsed.id_platform, realm=parsed.realm)
        else:
            found["url_saagie"] = url
    for item in SETTINGS:
        if item.key not in _COMBINED and item.key in merged:
            found[item.argument] = merged[item.key]
    if merged.get("insecure") is True:
        found["verify_ssl"] = False
    elif merged.get("ca_bundle"):
        found["verify_ssl"] = merged["ca_bundle"]
    found.update({key: value for key, value in (overrides or {}).items() if value is not None})
    missing = [
        _where(next(item for item in SETTINGS if item.argument == argument))
        for argument in REQUIRED
        if argument not in found
    ]
    if missing:
        raise ConfigurationError("missing connection setting(s): " + ", ".join(missing))
    return found


def settings_from_env(env: Mapping[str, str] | None = None, **overrides: object) -> dict[str, Any]:
    """Read ``SAAGIE_*`` environment variables into constructor arguments (explicit overrides win).

    ``SAAGIE_URL`` may be a full platform URL (parsed like ``easy_connect``) or a base URL used with
    ``SAAGIE_PLATFORM_ID`` and ``SAAGIE_REALM``. Every variable of :data:`SETTINGS` is read:
    ``SAAGIE_USER``, ``SAAGIE_PASSWORD``, ``SAAGIE_TIMEOUT``, ``SAAGIE_MAX_RETRIES``, ``SAAGIE_CA_BUNDLE``.

    Example::

        kwargs = settings_from_env({"SAAGIE_URL": "https://acme-workspace.saagie.io/projects/platform/6/",
                                    "SAAGIE_USER": "me", "SAAGIE_PASSWORD": "secret"})
        assert kwargs["realm"] == "acme"
    """
    return resolve(environment_layer(env), overrides=overrides)


# -- what the transports do with them -----------------------------------------------------------------------------

#: ``(connect, read, write, pool)`` seconds, as httpx reads a tuple; None waits forever.
TimeoutTuple = Union[tuple[float, float, float, float], None]  # noqa: UP007 (a runtime alias)


def request_timeout(seconds: float | None) -> TimeoutTuple:
    """The httpx timeout of ``seconds`` per request: connecting gets at most :data:`DEFAULT_CONNECT_TIMEOUT`.

    Example::

        assert request_timeout(60) == (10.0, 60, 60, 60) and request_timeout(None) is None
    """
    if seconds is None:
        return None
    return (min(seconds, DEFAULT_CONNECT_TIMEOUT), seconds, seconds, seconds)


def http_client_options(settings: ConnectionSettings, *, user_agent: str) -> dict[str, Any]:
    """Keyword arguments of the ``httpx.Client`` / ``httpx.AsyncClient`` a transport creates from ``settings``.

    Everything but TLS verification (loading a CA bundle reads a file: the transport does it) and the pool's
    size. Redirects are never followed: every URL derives from ``url_saagie``, and a redirect could carry the
    bearer token elsewhere.

    Example::

        options = http_client_options(settings, user_agent="saagieapi/3.0")
        assert options["follow_redirects"] is False
    """
    return {
        "proxy": settings.proxy,
        "timeout": request_timeout(settings.timeout),
        "headers": {"User-Agent": user_agent},
        "follow_redirects": False,
    }
