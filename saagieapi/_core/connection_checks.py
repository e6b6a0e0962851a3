"""Checks of the connection options a client is given (no I/O but looking for a CA bundle file)."""

from __future__ import annotations

import math
import os
import ssl
from typing import Any
from urllib.parse import urlsplit

from ..errors import ConfigurationError

__all__ = ["check_connection_options"]

_BOOLEAN_WORDS = ("false", "0", "no", "off", "true", "1", "yes", "on", "")


def check_connection_options(timeout: Any, verify_ssl: Any, proxy: Any) -> None:
    """Reject timeouts, TLS settings and proxies the client could not use (ConfigurationError), before any I/O.

    ``timeout`` is a positive finite number of seconds or None; ``verify_ssl`` is True, False, the path of an
    existing CA bundle file or an ``ssl.SSLContext`` (the text ``"false"`` is not taken for False: TLS stays
    verified unless told so with the boolean); ``proxy`` an ``http(s)://`` or ``socks5://`` URL.
    """
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise ConfigurationError(
                f"timeout must be a number of seconds or None, not {type(timeout).__name__} {timeout!r}"
            )
        if not math.isfinite(timeout) or timeout <= 0:
            raise ConfigurationError(f"timeout must be a positive finite number of seconds or None, not {timeout!r}")
    if isinstance(verify_ssl, str):
        if not os.path.isfile(verify_ssl):
            hint = (
                "; pass verify_ssl=False (the boolean) to switch verification off"
                if verify_ssl.strip().lower() in _BOOLEAN_WORDS
                else ""
            )
            raise ConfigurationError(
                f"verify_ssl={verify_ssl!r} must be the path of a CA bundle file, and there is no such file{hint}"
            )
    elif not isinstance(verify_ssl, (bool, ssl.SSLContext)):
        raise ConfigurationError(
            f"verify_ssl must be True, False, a CA bundle path or an ssl.SSLContext, not {type(verify_ssl).__name__}"
        )
    if proxy is not None:
        if not isinstance(proxy, str):
            raise ConfigurationError(f"proxy must be a URL such as http://proxy:3128, not {type(proxy).__name__}")
        try:
            parts = urlsplit(proxy)
            port_ok = parts.port is None or parts.port > 0
        except ValueError:
            port_ok = False
            parts = urlsplit("")
        if parts.scheme not in ("http", "https", "socks5", "socks5h") or not parts.hostname or not port_ok:
            raise ConfigurationError(
                "proxy must be a URL such as http://proxy.example.com:3128 (http, https or socks5); the value "
                "given is not one (it is not repeated here: it may hold credentials)"
            )
