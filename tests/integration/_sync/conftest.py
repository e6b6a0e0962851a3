# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""The ``api`` fixture of the integration tests: an ``SaagieApi`` logged in to ``platform`` (its sync twin in
``tests/integration/_sync`` gives a ``SaagieApi``).

This folder is the one source of the integration tests: ``scripts/regenerate.py`` writes their synchronous
twins into ``tests/integration/_sync`` (unasync), so every test runs through both clients.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi

from ...support.platforms import connect


@pytest.fixture
def api(platform: RunningPlatform) -> Iterator[SaagieApi]:
    with connect(platform) as client:
        yield client
