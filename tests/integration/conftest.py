"""Fixtures of the integration tests (SDK against the emulator over real HTTP).

``platform`` is the plugin's ``saagie_platform`` (one emulator per session, reset before each test). A test
file that needs an emulator of its own (another speed, another platform id, state kept across its tests)
overrides ``platform`` with a module-scoped fixture; ``api`` then connects to that one.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi

from ..support.platforms import connect


@pytest.fixture
def platform(saagie_platform: RunningPlatform) -> RunningPlatform:
    return saagie_platform


@pytest.fixture
def api(platform: RunningPlatform) -> Iterator[SaagieApi]:
    with connect(platform) as client:
        yield client
