"""Connection settings: platform URLs, ``easy_connect`` parsing, environment variables.

A Saagie platform URL looks like ``https://<realm>-workspace.<domain>/projects/platform/<id>/``, possibly
followed by the path of a project, job, app, pipeline or instance. :func:`parse_platform_url` splits it::

    >>> parse_platform_url("https://acme-workspace.saagie.io/projects/platform/6/project/p1/job/j1").job_id
    'j1'
"""

from __future__ import annotations

import itertools
import os
import re
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Union
from urllib.parse import urlsplit

from ._core.connection_checks import check_connection_options
from .errors import ConfigurationError, InvalidURLError

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "ConnectionSettings",
    "PlatformURL",
    "VerifyTypes",
    "parse_platform_url",
    "settings_from_env",
]

#: Seconds allowed for a whole request to be answered (login included), unless overridden.
DEFAULT_TIMEOUT = 60.0
#: Seconds allowed to open a connection.
DEFAULT_CONNECT_TIMEOUT = 10.0
#: Retries after the first attempt (queries; mutations only when they provably never reached the server).
DEFAULT_RETRIES = 2

VerifyTypes = Union[bool, str, ssl.SSLContext]  # noqa: UP007 (a runtime alias)

EXPECTED_SHAPE = (
    "expected https://<realm>-workspace.<domain>/projects/platform/<platform id>/ "
    "(http and a port are accepted; pass realm=... when the host does not carry it)"
)
_PLATFORM_PATH = re.compile(r"^/projects/platform/(?P<platform>\d+)(?P<rest>/.*)?$")
_ENTITY_SEGMENTS = {
    "project": "project_id",
    "job": "job_id",
    "app": "app_id",
    "pipeline": "pipeline_id",
    "instances": "instance_id",
    "instance": "instance_id",
}
_REALM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class PlatformURL:
    """The parts of a Saagie platform URL (ids of the entities in its path when present)."""

    url_saagie: str
    realm: str
    id_platform: str
    project_id: str | None = None
    job_id: str | None = None
    app_id: str | None = None
    pipeline_id: str | None = None
    instance_id: str | None = None


def _realm_from_host(host: str) -> str | None:
    label = host.split(".", 1)[0]
    if label.lower().endswith("-workspace") and len(label) > len("-workspace"):
        return label[: -len("-workspace")]
    if "-" in label and not label.startswith("-"):
        return label.split("-", 1)[0]
    return None


def parse_platform_url(url: str, *, realm: str | None = None) -> PlatformURL:
    """Split a platform URL into base URL, realm, platform id and entity ids.

    Raises :class:`~saagieapi.errors.InvalidURLError` (a ``ValueError``) for any other shape.

    Example::

        parts = parse_platform_url("https://acme-workspace.saagie.io/projects/platform/6/")
        assert (parts.url_saagie, parts.realm, parts.id_platform) == (
            "https://acme-workspace.saagie.io", "acme", "6")
    """
    if not isinstance(url, str) or not url.strip():
        raise InvalidURLError(f"empty platform URL: {EXPECTED_SHAPE}")
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise InvalidURLError(f"{text!r} is not a valid URL ({error}): {EXPECTED_SHAPE}") from None
    if parts.scheme not in ("http", "https"):
        raise InvalidURLError(f"{text!r} must start with https:// or http://: {EXPECTED_SHAPE}")
    if parts.username is not None or parts.password is not None:
        raise InvalidURLError("the platform URL must not carry credentials; pass user and password instead")
    host = parts.hostname
    if not host:
        raise InvalidURLError(f"{text!r} has no host: {EXPECTED_SHAPE}")
    match = _PLATFORM_PATH.match(parts.path)
    if match is None:
        raise InvalidURLError(f"{text!r} has no /projects/platform/<id> path: {EXPECTED_SHAPE}")
    raw_host = parts.netloc.rsplit("@", 1)[-1].split(":", 1)[0]  # realm keeps the case the user wrote
    found_realm = realm if realm is not None else _realm_from_host(raw_host)
    if not found_realm or not _REALM.match(found_realm):
        raise InvalidURLError(
            f"cannot tell the realm from host {host!r}: {EXPECTED_SHAPE}"
            if realm is None
            else f"invalid realm {realm!r}: letters, digits, '-' and '_' only"
        )
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None:
        netloc = f"{netloc}:{port}"
    ids: dict[str, str] = {}
    segments = [segment for segment in (match.group("rest") or "").split("/") if segment]
    for name, value in itertools.pairwise(segments):
        key = _ENTITY_SEGMENTS.get(name)
        if key and key not in ids:
            ids[key] = value
    return PlatformURL(
        url_saagie=f"{parts.scheme}://{netloc}",
        realm=found_realm,
        id_platform=match.group("platform"),
        **ids,
    )


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


def _env_number(env: Mapping[str, str], name: str, kind: type[float] | type[int]) -> float | int | None:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return None
    try:
        return kind(raw.strip())
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not a valid {kind.__name__}") from None


def settings_from_env(env: Mapping[str, str] | None = None, **overrides: object) -> dict[str, object]:
    """Read ``SAAGIE_*`` environment variables into constructor arguments (explicit overrides win).

    ``SAAGIE_URL`` may be a full platform URL (parsed like ``easy_connect``) or a base URL used with
    ``SAAGIE_PLATFORM_ID`` and ``SAAGIE_REALM``. Also read: ``SAAGIE_USER``, ``SAAGIE_PASSWORD``,
    ``SAAGIE_TIMEOUT``, ``SAAGIE_MAX_RETRIES``, ``SAAGIE_CA_BUNDLE``.

    Example::

        kwargs = settings_from_env({"SAAGIE_URL": "https://acme-workspace.saagie.io/projects/platform/6/",
                                    "SAAGIE_USER": "me", "SAAGIE_PASSWORD": "secret"})
        assert kwargs["realm"] == "acme"
    """
    env = os.environ if env is None else env
    found: dict[str, object] = {}
    url = (env.get("SAAGIE_URL") or "").strip()
    realm = (env.get("SAAGIE_REALM") or "").strip() or None
    if url:
        if "/projects/platform/" in url:
            parsed = parse_platform_url(url, realm=realm)
            found.update(url_saagie=parsed.url_saagie, id_platform=parsed.id_platform, realm=parsed.realm)
        else:
            found["url_saagie"] = url
    if realm:
        found["realm"] = realm
    if (env.get("SAAGIE_PLATFORM_ID") or "").strip():
        found["id_platform"] = env["SAAGIE_PLATFORM_ID"].strip()
    for key, name in (("user", "SAAGIE_USER"), ("password", "SAAGIE_PASSWORD")):
        if env.get(name):
            found[key] = env[name]
    timeout = _env_number(env, "SAAGIE_TIMEOUT", float)
    if timeout is not None:
        found["timeout"] = timeout
    retries = _env_number(env, "SAAGIE_MAX_RETRIES", int)
    if retries is not None:
        found["retries"] = retries
    ca_bundle = (env.get("SAAGIE_CA_BUNDLE") or "").strip()
    if ca_bundle:
        found["verify_ssl"] = ca_bundle
    found.update({key: value for key, value in overrides.items() if value is not None})
    missing = [
        f"{key} ({variable})"
        for key, variable in (
            ("url_saagie", "SAAGIE_URL"),
            ("id_platform", "SAAGIE_PLATFORM_ID"),
            ("realm", "SAAGIE_REALM"),
            ("user", "SAAGIE_USER"),
            ("password", "SAAGIE_PASSWORD"),
        )
        if key not in found
    ]
    if missing:
        raise ConfigurationError("missing connection setting(s): " + ", ".join(missing))
    return found
