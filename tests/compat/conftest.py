"""Compatibility tests: saagieapi 2.13.1 from PyPI, in its own virtualenv, against the emulator.

``SAAGIEAPI2_PYTHON`` must point at that virtualenv's interpreter (``make test`` sets it). Without it
the tests fail with a clear message: they never skip silently.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from saagie_emulator import RunningPlatform, running
from saagie_emulator.seed import DEFAULT_GROUP

DRIVER = Path(__file__).with_name("driver_saagieapi2.py")


@pytest.fixture(scope="session")
def saagieapi2_python() -> str:
    python = os.environ.get("SAAGIEAPI2_PYTHON")
    if not python:
        pytest.fail(
            "SAAGIEAPI2_PYTHON is not set: run `make compat-venv` and set it to .venv-saagieapi2/bin/python "
            "(`make test` does both)",
            pytrace=False,
        )
    if not Path(python).exists():
        pytest.fail(f"SAAGIEAPI2_PYTHON={python} does not exist", pytrace=False)
    return python


@pytest.fixture(scope="session")
def compat_platform() -> Iterator[RunningPlatform]:
    with running(speed=20.0) as platform:
        yield platform


@pytest.fixture
def run_saagieapi2(
    saagieapi2_python: str, compat_platform: RunningPlatform, tmp_path: Path
) -> Callable[[str], dict[str, Any]]:
    def run(module: str) -> dict[str, Any]:
        compat_platform.reset()
        compat_platform.set_speed(20.0)
        compat_platform.force_job_outcome("held_job", "RUNNING")
        compat_platform.force_job_outcome("failing_job", "FAILED")
        env = {**os.environ, **compat_platform.env(), "SAAGIE_GROUP": DEFAULT_GROUP, "PYTHONWARNINGS": "ignore"}
        completed = subprocess.run(
            [saagieapi2_python, str(DRIVER), module, str(tmp_path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=240,
            cwd=tmp_path,
            check=False,
        )
        lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT:")]
        if completed.returncode != 0 or not lines:
            sys.stderr.write(completed.stdout[-6000:] + completed.stderr[-6000:])
            pytest.fail(f"saagieapi 2.13.1 scenario '{module}' failed (exit {completed.returncode})")
        result: dict[str, Any] = json.loads(lines[-1][len("RESULT:") :])
        return result

    return run
