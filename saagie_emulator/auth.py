"""Login and bearer tokens, with a configurable lifetime."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

__all__ = ["TokenStore"]


@dataclass
class TokenStore:
    """Opaque tokens mapped to ``(login, expiry)``. ``ttl_seconds`` applies to tokens issued afterwards."""

    ttl_seconds: float = 3600.0
    _tokens: dict[str, tuple[str, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def issue(self, login: str) -> str:
        token = "emu." + secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = (login, time.monotonic() + self.ttl_seconds)
        return token

    def login_for(self, authorization: str | None) -> str | None:
        """The login behind an ``authorization: Bearer <token>`` header, or None if absent or expired."""
        if not authorization or not authorization.lower().startswith("bearer "):
            return None
        token = authorization[7:].strip()
        with self._lock:
            entry = self._tokens.get(token)
            if entry is None:
                return None
            login, expiry = entry
            if time.monotonic() >= expiry:
                del self._tokens[token]
                return None
        return login

    def expire_all(self) -> None:
        """Every token issued so far becomes invalid (clients must log in again)."""
        with self._lock:
            self._tokens.clear()

    def revoke_login(self, login: str) -> None:
        with self._lock:
            for token in [t for t, (who, _) in self._tokens.items() if who == login]:
                del self._tokens[token]
