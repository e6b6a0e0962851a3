"""Platform URLs: the ``easy_connect`` parsing (no I/O).

A Saagie platform URL looks like ``https://<realm>-workspace.<domain>/projects/platform/<id>/``, possibly
followed by the path of a project, job, app, pipeline or instance. :func:`parse_platform_url` splits it::

    >>> parse_platform_url("https://acme-workspace.saagie.io/projects/platform/6/project/p1/job/j1").job_id
    'j1'
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import InvalidURLError

__all__ = ["EXPECTED_SHAPE", "PlatformURL", "parse_platform_url"]

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
