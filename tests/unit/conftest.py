"""Fixtures for the wire-format unit tests (pytest-httpx: no network, exact requests)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from saagieapi import AsyncSaagieApi, SaagieApi

BASE = "https://acme-workspace.saagie.example"
PROJECTS_API = f"{BASE}/projects/api/platform/6/graphql"
GATEWAY_API = f"{BASE}/gateway/api/graphql"
LOGIN = f"{BASE}/authentication/api/open/authenticate"
PASSWORD = "s3cr3t-Passw0rd"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.tok-en.sig"


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the retry delays instead of sleeping."""
    recorded: list[float] = []

    def fake_sleep(seconds: float) -> None:
        recorded.append(seconds)

    async def fake_async_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr("saagieapi._sync.transport.sync_sleep", fake_sleep)
    monkeypatch.setattr("saagieapi._async.transport.async_sleep", fake_async_sleep)
    return recorded


@pytest.fixture
def api(sleeps: list[float]) -> Iterator[SaagieApi]:
    with SaagieApi(BASE, "6", "alice", PASSWORD, "acme", retries=2, timeout=5) as client:
        yield client


@pytest.fixture
def async_api(sleeps: list[float]) -> AsyncSaagieApi:
    return AsyncSaagieApi(BASE, "6", "alice", PASSWORD, "acme", retries=2, timeout=5)
