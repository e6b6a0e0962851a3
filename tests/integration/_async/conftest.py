"""The ``api`` fixture of the integration tests: an ``AsyncSaagieApi`` logged in to ``platform`` (its sync twin in
``tests/integration/_sync`` gives a ``SaagieApi``).

This folder is the one source of the integration tests: ``scripts/regenerate.py`` writes their synchronous
twins into ``tests/integration/_sync`` (unasync), so every test runs through both clients.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi

from ...support.platforms import connect_async


@pytest.fixture
async def api(platform: RunningPlatform) -> AsyncIterator[AsyncSaagieApi]:
    async with connect_async(platform) as client:
        yield client
