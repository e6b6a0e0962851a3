"""pytest plugin (entry point ``saagie_emulator``): the ``saagie_platform`` fixture.

One emulator per test session (per worker under pytest-xdist: each worker process has its own platform on
its own ephemeral port, nothing shared); each test gets it reset to its seeded state with default controls
and no faults.

    def test_my_automation(saagie_platform):
        api = SaagieApi.easy_connect(saagie_platform.platform_url, saagie_platform.user,
                                     saagie_platform.password)

Choose what the platform starts with in ``pytest.ini`` / ``pyproject.toml`` (paths from the rootdir)::

    [tool.pytest.ini_options]
    saagie_emulator_seed = "tests/saagie-seed.yaml"

or override the ``saagie_emulator_options`` fixture (the keyword arguments of ``saagie_emulator.running``)::

    @pytest.fixture(scope="session")
    def saagie_emulator_options():
        return {"seed": {"groups": [{"name": "technical-ci"}]}, "speed": 100}
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .server import RunningPlatform

__all__ = ["saagie_emulator_options", "saagie_platform", "saagie_platform_server"]

DEFAULT_SPEED = 50.0


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "saagie_emulator_seed",
        "seed file (YAML or JSON) the saagie_platform fixture starts from, relative to the rootdir",
        default="",
    )


@pytest.fixture(scope="session")
def saagie_emulator_options(pytestconfig: pytest.Config) -> dict[str, Any]:
    """Keyword arguments of ``saagie_emulator.running()`` for the session's platform (override to change)."""
    options: dict[str, Any] = {"speed": DEFAULT_SPEED}
    seed = str(pytestconfig.getini("saagie_emulator_seed") or "")
    if seed:
        options["seed"] = pytestconfig.rootpath / seed
    return options


@pytest.fixture(scope="session")
def saagie_platform_server(saagie_emulator_options: dict[str, Any]) -> Iterator[RunningPlatform]:
    """The session's emulator, shared by every test of this process (not reset between tests)."""
    from .server import running

    options = dict(saagie_emulator_options)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and options.get("state_path"):
        # Workers never share a state file: each keeps its own next to the one asked for.
        path = Path(options["state_path"])
        options["state_path"] = path.with_name(f"{path.stem}.{worker}{path.suffix}")
    with running(**options) as platform:
        yield platform


@pytest.fixture
def saagie_platform(
    saagie_platform_server: RunningPlatform, saagie_emulator_options: dict[str, Any]
) -> RunningPlatform:
    """A freshly reset emulated platform: ``url``, ``platform_url``, ``realm``, ``platform_id``, ..."""
    saagie_platform_server.reset()
    saagie_platform_server.set_speed(float(saagie_emulator_options.get("speed", DEFAULT_SPEED)))
    return saagie_platform_server
