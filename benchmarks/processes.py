"""Scenarios timed as whole processes other than ``benchmarks/clients.py``: the ``saagie`` command line and
the emulator's pytest fixture.

Each process is started fresh through ``launch.py``, which reports its wall time, CPU time and peak memory
from the kernel's accounting of that one child (``os.wait4``).
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .verify import BenchmarkResultError

__all__ = ["COLD_START_PARTS", "ProcessRun", "cold_start_part", "fixture_run", "run_process", "saagie_script"]


@dataclass(frozen=True)
class ProcessRun:
    returncode: int
    stdout: str
    stderr: str
    wall_s: float
    cpu_s: float
    peak_rss_mb: float


LAUNCHER = Path(__file__).resolve().with_name("launch.py")


def run_process(
    command: Sequence[str], *, cwd: str, env: Mapping[str, str] | None = None, timeout: float = 600
) -> ProcessRun:
    """Run ``command`` to its end (through ``launch.py``); its wall time, CPU time (user + sys), peak memory."""
    with tempfile.TemporaryDirectory(prefix="saagie-bench-run-") as scratch:
        report = Path(scratch, "report.json")
        process = subprocess.Popen(
            [sys.executable, "-I", "-S", str(LAUNCHER), str(report), *command],
            cwd=cwd,
            env=None if env is None else dict(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # so that a timeout stops the command too, not only the launcher
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise BenchmarkResultError(f"{command[0]} did not finish within {timeout} s") from None
        if process.returncode != 0 or not report.exists():
            raise BenchmarkResultError(f"the launcher of {command[0]} failed:\n{stderr.decode(errors='replace')}")
        figures = json.loads(report.read_text())
    return ProcessRun(
        returncode=figures["returncode"],
        stdout=stdout.decode(errors="replace"),
        stderr=stderr.decode(errors="replace"),
        wall_s=figures["wall_s"],
        cpu_s=figures["cpu_s"],
        peak_rss_mb=figures["peak_rss_mb"],
    )


def saagie_script() -> str:
    """The ``saagie`` console script installed next to this interpreter (what users run)."""
    script = Path(sys.executable).with_name("saagie")
    if not script.exists():
        raise BenchmarkResultError(f"no saagie console script next to {sys.executable}: pip install -e '.[cli]'")
    return str(script)


# ----------------------------------------------------------------------------------------- pytest fixture
_CONFTEST = """
import json
import os
import time

import pytest

SETUPS = []


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    started = time.perf_counter()
    yield
    if fixturedef.argname in ("saagie_platform", "saagie_platform_server"):
        SETUPS.append([fixturedef.argname, time.perf_counter() - started])


def pytest_sessionfinish(session, exitstatus):
    with open(os.environ["BENCH_FIXTURE_OUT"], "w") as stream:
        json.dump({"setups": SETUPS, "passed": session.testscollected - session.testsfailed}, stream)
"""

_TESTS = """
import pytest

from saagieapi import SaagieApi


@pytest.mark.parametrize("index", range({tests}))
def test_each_test_starts_from_the_seeded_platform(saagie_platform, index):
    with SaagieApi(saagie_platform.url, saagie_platform.platform_id, saagie_platform.user,
                   saagie_platform.password, saagie_platform.realm) as api:
        leftovers = [p.name for p in api.projects.list() if p.name.startswith("bench-fixture-")]
        assert leftovers == []  # the previous test's project is gone: the fixture reset the platform
        api.projects.create(f"bench-fixture-{{index}}")
"""


def fixture_run(tests: int, *, timeout: float = 600) -> dict[str, Any]:
    """One pytest session of ``tests`` tests using ``saagie_platform``: first start, per-test reset, wall."""
    with tempfile.TemporaryDirectory(prefix="saagie-bench-fixture-") as work:
        Path(work, "conftest.py").write_text(textwrap.dedent(_CONFTEST))
        Path(work, "test_fixture_bench.py").write_text(textwrap.dedent(_TESTS.format(tests=tests)))
        out = Path(work, "setups.json")
        env = {**os.environ, "BENCH_FIXTURE_OUT": str(out)}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_fixture_bench.py"]
        done = run_process(command, cwd=work, env=env, timeout=timeout)
        if done.returncode != 0 or not out.exists():
            raise BenchmarkResultError(f"the fixture session failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        report = json.loads(out.read_text())
    setups = report["setups"]
    server = [seconds for name, seconds in setups if name == "saagie_platform_server"]
    resets = [seconds for name, seconds in setups if name == "saagie_platform"]
    if report["passed"] != tests or len(server) != 1 or len(resets) != tests:
        raise BenchmarkResultError(f"fixture session: {report['passed']}/{tests} tests passed, setups {setups}")
    return {
        "first_start_s": server[0] + resets[0],
        "reset_ms": statistics.median(resets[1:]) * 1000 if tests > 1 else resets[0] * 1000,
        "process_s": done.wall_s,
        "peak_rss_mb": done.peak_rss_mb,
        "tests_passed": report["passed"],
    }


# ----------------------------------------------------------------------------------------- cold-start parts
#: What a cold start is made of, each part a new process (``python -I -c``): where the time goes, and the
#: least any pydantic-typed httpx client pays (``typed_minimum``: one typed call, no SDK code).
COLD_START_PARTS = {
    "interpreter": "pass",
    "import_httpx": "import httpx",
    "httpx_without_cli": "import sys; sys.modules['httpx._main'] = None; import httpx",
    "httpx_client": "import httpx; httpx.Client().close()",
    "import_pydantic": "import sys; sys.modules['httpx._main'] = None; import httpx; from pydantic import BaseModel",
    "first_model": (
        "import sys; sys.modules['httpx._main'] = None; import httpx; from pydantic import BaseModel\n"
        "class Project(BaseModel):\n    id: str\n    name: str\n"
        'Project.model_validate_json(b\'{"id": "p", "name": "n"}\')'
    ),
}

_TYPED_MINIMUM = """
import ssl, sys
sys.modules["httpx._main"] = None
import httpx
from typing import Optional
from pydantic import BaseModel, Field
class Project(BaseModel):
    id: str
    name: str
    creator: str
    description: Optional[str] = None
    jobs_count: int = Field(alias="jobsCount")
    status: str
class Data(BaseModel):
    projects: list[Project]
class Answer(BaseModel):
    data: Optional[Data] = None
url, user, password, realm, platform_id = sys.argv[1:6]
with httpx.Client(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)) as http:
    token = http.post(f"{url}authentication/api/open/authenticate", json={"login": user, "password": password},
                      headers={"Saagie-Realm": realm}).text
    answer = http.post(f"{url}projects/api/platform/{platform_id}/graphql",
                       json={"query": "{ projects { id name creator description jobsCount status } }"},
                       headers={"Authorization": f"Bearer {token}", "Saagie-Realm": realm})
    print(len(Answer.model_validate_json(answer.content).data.projects))
"""


def cold_start_part(name: str, connection: Mapping[str, Any]) -> dict[str, Any]:
    """One part (or the typed minimum, which lists the projects: its count is printed and checked)."""
    with tempfile.TemporaryDirectory(prefix="saagie-bench-part-") as cwd:
        if name == "typed_minimum":
            arguments = [connection[key] for key in ("url", "user", "password", "realm")]
            command = [sys.executable, "-I", "-c", _TYPED_MINIMUM, *arguments, str(connection["platform_id"])]
        else:
            command = [sys.executable, "-I", "-c", COLD_START_PARTS[name]]
        done = run_process(command, cwd=cwd)
    if done.returncode != 0:
        raise BenchmarkResultError(f"cold-start part {name} failed:\n{done.stderr[-2000:]}")
    figures: dict[str, Any] = {"process_s": done.wall_s, "cpu_s": done.cpu_s, "peak_rss_mb": done.peak_rss_mb}
    if name == "typed_minimum":
        figures["projects"] = int(done.stdout.strip())
    return figures
