"""The shape scenario run by saagieapi 2.13.1 and by ``saagieapi.v2``, each on a fresh emulator, in parallel.

The 2.x side is one subprocess (its own interpreter, ``SAAGIEAPI2_PYTHON``) for the whole scenario; the v2 side
runs in this process meanwhile. Both records are computed once per session.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from saagie_emulator import RunningPlatform, running
from saagie_emulator.seed import DEFAULT_GROUP
from tests.support.saagieapi2 import python2

from .scenario import STEPS
from .scenario_runner import run_steps

HERE = Path(__file__).parent
DRIVER = HERE / "driver_saagieapi2_shapes.py"


def _prepare(platform: RunningPlatform) -> dict[str, str]:
    platform.set_speed(20.0)
    platform.force_job_outcome("held_job", "RUNNING")
    return {**platform.env(), "SAAGIE_GROUP": DEFAULT_GROUP}


@contextlib.contextmanager
def _no_login() -> Iterator[None]:
    """``easy_connect`` logs in at once (as 2.x); the scenario only checks how the URL is parsed."""
    import saagieapi

    client = saagieapi.SaagieApi
    original = client.login
    client.login = lambda self: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        client.login = original  # type: ignore[method-assign]


def _run_v2(env: dict[str, str], workdir: Path) -> dict[str, dict[str, Any]]:
    from saagieapi.v2 import SaagieApi, _select
    from saagieapi.v2.pipelines import graph_pipeline

    _select.STRICT = True  # a key 2.x returned that the typed layer does not fetch fails, not a silent None
    try:
        with SaagieApi(
            env["SAAGIE_URL"],
            env["SAAGIE_PLATFORM_ID"],
            env["SAAGIE_USER"],
            env["SAAGIE_PASSWORD"],
            env["SAAGIE_REALM"],
        ) as api:
            return run_steps(api, SaagieApi, graph_pipeline, STEPS, workdir, env, {"no_login": _no_login})
    finally:
        _select.STRICT = False


@pytest.fixture(scope="session")
def shape_records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``{"2x": {step id: record}, "v2": {...}, "seconds": {...}}``."""
    python = python2()
    work2, work3 = tmp_path_factory.mktemp("shapes-2x"), tmp_path_factory.mktemp("shapes-v2")
    with running() as platform2, running() as platform3:
        env2, env3 = _prepare(platform2), _prepare(platform3)
        started = time.monotonic()
        process = subprocess.Popen(
            [python, str(DRIVER), str(work2)],
            cwd=work2,
            env={**os.environ, **env2, "PYTHONWARNINGS": "ignore"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            records_v2 = _run_v2(env3, work3)
            seconds_v2 = time.monotonic() - started
            stdout, stderr = process.communicate(timeout=300)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        seconds_total = time.monotonic() - started
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT:")]
    if process.returncode != 0 or not lines:
        pytest.fail(f"the saagieapi 2.13.1 driver failed (exit {process.returncode}):\n{stderr[-4000:]}")
    return {
        "2x": json.loads(lines[-1][len("RESULT:") :]),
        "v2": records_v2,
        "seconds": {"v2": round(seconds_v2, 1), "total": round(seconds_total, 1)},
    }
