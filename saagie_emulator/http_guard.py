"""No web page may drive the emulator: the ``Host`` and ``Origin`` of every request are checked.

A page on ``http://evil.example`` can make a browser send requests to ``127.0.0.1`` (a simple POST needs no
CORS check), and with DNS rebinding it can even make ``evil.example`` resolve to ``127.0.0.1`` and read the
answers. Both are refused here, before any endpoint runs:

* ``Host`` must name this server: a loopback name (``localhost``), an IP address (a rebinding attack needs a
  DNS name of its own), the host the server is bound to, or a name added with ``allowed_hosts``
  (``--allowed-host``; ``*`` turns the check off);
* ``Origin``, when a browser sends one, must be a loopback or allowed host too;
* a body a page can send without a CORS preflight (``text/plain``, ``application/x-www-form-urlencoded``) is
  refused with 415 on every endpoint, even without ``Origin``: the platform's endpoints take JSON (login, REST,
  GraphQL) and multipart uploads, as its clients send them (2.x and this SDK send ``application/json``), and
  Spring endpoints answer 415 to another media type. ``multipart/form-data`` stays allowed for the uploads;
  a page cannot add the bearer token those need.

The control endpoints add a per-start token on top (:mod:`saagie_emulator.control`).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["HostGuard", "HostGuardMiddleware"]

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_WILDCARDS = frozenset({"", "0.0.0.0", "::", "*"})
#: Media types of the "simple requests" browsers send cross-site without a preflight, multipart excepted.
SIMPLE_BODY_TYPES = frozenset({"text/plain", "application/x-www-form-urlencoded"})


def _hostname(authority: str) -> str:
    """``example.com:8080`` -> ``example.com``; ``[::1]:80`` -> ``::1``; lower case, no trailing dot."""
    authority = authority.strip()
    if authority.startswith("["):
        name = authority[1:].split("]", 1)[0]
    else:
        name = authority.rsplit(":", 1)[0] if authority.count(":") == 1 else authority
    return name.rstrip(".").lower()


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


class HostGuard:
    """The host names this server answers to. ``allow("name")`` adds one; ``"*"`` allows any."""

    def __init__(self, allowed: Iterable[str] = ()) -> None:
        self.names: set[str] = set(LOOPBACK_NAMES)
        self.any_host = False
        for name in allowed:
            self.allow(name)

    def allow(self, name: str) -> None:
        if name.strip() == "*":
            self.any_host = True
        elif name.strip() not in _WILDCARDS:
            self.names.add(_hostname(name))

    def host_allowed(self, host: str | None) -> bool:
        """A ``Host`` header: any IP address, or a known name (no header at all: HTTP/1.0, not a browser)."""
        if host is None or self.any_host:
            return True
        name = _hostname(host)
        return _ip(name) is not None or name in self.names

    def origin_allowed(self, origin: str | None) -> bool:
        """An ``Origin`` header (sent by browsers): a loopback address or a known name."""
        if origin is None or self.any_host:
            return True
        try:
            name = (urlsplit(origin).hostname or "").rstrip(".").lower()
        except ValueError:
            return False
        address = _ip(name)
        if address is not None:
            return address.is_loopback or name in self.names
        return bool(name) and name in self.names


class HostGuardMiddleware:
    """HTTP 400 for a ``Host`` this server does not answer to, 403 for a foreign ``Origin``, 415 for a body a
    page can send without a preflight."""

    def __init__(self, app: ASGIApp, guard: HostGuard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = origin = None
        media_type = ""
        for key, value in scope.get("headers") or ():
            if key == b"host":
                host = value.decode("latin-1")
            elif key == b"origin":
                origin = value.decode("latin-1")
            elif key == b"content-type":
                media_type = value.decode("latin-1").split(";", 1)[0].strip().lower()
        if not self.guard.host_allowed(host):
            await _refuse(
                send,
                400,
                f"Invalid Host header {host!r}: this emulator answers to localhost and IP addresses "
                "(start it with --allowed-host NAME to add a name)",
            )
        elif not self.guard.origin_allowed(origin):
            await _refuse(send, 403, f"Requests from web pages ({origin}) are refused")
        elif media_type in SIMPLE_BODY_TYPES:
            await _refuse(
                send,
                415,
                f"Unsupported Media Type {media_type!r}: send application/json (multipart/form-data for uploads)",
            )
        else:
            await self.app(scope, receive, send)


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"status": status, "error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
