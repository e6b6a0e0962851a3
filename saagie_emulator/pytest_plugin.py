"""pytest plugin (entry point ``saagie_emulator``): the ``saagie_platform`` fixture.

One emulator per test session; each test gets it reset to the seeded state with default controls
and no faults.

    def test_my_automation(saagie_platform):
        api = SaagieApi.easy_connect(saagie_platform.platform_url, saagie_platform.user,
                                     saagie_platform.password)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .server import RunningPlatform

__all__ = ["saagie_platform", "saagie_platform_server"]


@pytest.fixture(scope="session")
def saagie_platform_server() -> Iterator[RunningPlatform]:
    """The session's emulator, shared by every test (not reset between tests)."""
    from .server import running

    with running(speed=50.0) as platform:
        yield platform


@pytest.fixture
def saagie_platform(saagie_platform_server: RunningPlatform) -> RunningPlatform:
    """A freshly reset emulated platform: ``url``, ``platform_url``, ``realm``, ``platform_id``, ..."""
    saagie_platform_server.reset()
    saagie_platform_server.set_speed(50.0)
    return saagie_platform_server
