# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""How many requests a project import sends (what makes it fast at 20 ms a request; see benchmarks/).

Variables are listed once per scope, then saved; versions after the first are added without fetching the
job again; the import still recreates everything (checked on the result and on the platform).
"""

from __future__ import annotations

import collections
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform

from ...support.platforms import connect

VARIABLES = 5
VERSIONS = 3


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=200.0) as running:
        yield running


@pytest.fixture(scope="module")
def exported(platform: RunningPlatform, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export of a project with one job of 3 versions (artifacts) and 5 project variables (set up once per
    module with the sync client: a module-scoped fixture cannot be async)."""
    tmp = tmp_path_factory.mktemp("import-requests")
    with connect(platform) as api:
        project_id = api.projects.create("counted").id
        script = tmp / "job.py"
        script.write_text("print('v1')\n")
        job = api.jobs.create("job", project_id, str(script), runtime_version="3.10", command_line="python {file}")
        for number in range(2, VERSIONS + 1):
            script.write_text(f"print('v{number}')\n")
            api.jobs.upgrade(job.id, file=str(script), release_note=f"v{number}")
        for index in range(VARIABLES):
            api.env_vars.create("PROJECT", f"VAR_{index}", f"value {index}", project_id=project_id)
        api.projects.export(project_id, tmp / "export")
    return tmp / "export" / project_id


def _renamed(exported: Path, tmp: Path, name: str) -> Path:
    folder = tmp / name
    shutil.copytree(exported, folder)
    data = json.loads((folder / "project.json").read_text())
    data["name"] = name
    (folder / "project.json").write_text(json.dumps(data))
    return folder


def _operations(calls: collections.Counter[str]) -> collections.Counter[str]:
    return collections.Counter({name: count for name, count in calls.items() if count})


def _check(platform: RunningPlatform, calls: collections.Counter[str], name: str) -> None:
    assert calls["ListProjectEnvVars"] == 1  # once for the scope, not once per variable
    assert calls["SaveEnvVar"] == VARIABLES
    assert calls["GetJob"] == 0  # no lookup before each added version
    assert calls["CreateJob"] == 1 and calls["AddJobVersion"] == VERSIONS - 1
    with connect(platform) as api:
        project_id = api.projects.get_id(name)
        names = sorted(v.name for v in api.env_vars.list("PROJECT", scope_only=True, project_id=project_id))
        assert names == [f"VAR_{index}" for index in range(VARIABLES)]
        (job,) = api.jobs.list_for_project(project_id)
        assert sorted(v.number for v in job.versions) == list(range(1, VERSIONS + 1))
        assert [v.release_note for v in sorted(job.versions, key=lambda v: v.number)][1:] == ["v2", "v3"]


def _counter() -> tuple[collections.Counter[str], Callable[[httpx.Request], None]]:
    calls: collections.Counter[str] = collections.Counter()

    def record(request: httpx.Request) -> None:
        if request.url.path.endswith("/graphql") and request.headers.get("content-type") == "application/json":
            calls[json.loads(request.read()).get("operationName") or "?"] += 1
        elif request.url.path.endswith("/graphql"):
            body = request.read()
            for name in ("CreateJob", "AddJobVersion"):
                if f'"operationName":"{name}"'.encode() in body:
                    calls[name] += 1

    return calls, record


def test_import_sends_few_requests(platform: RunningPlatform, exported: Path, tmp_path: Path) -> None:
    calls, record = _counter()

    def hook(request: httpx.Request) -> None:
        record(request)

    http = httpx.Client(event_hooks={"request": [hook]})
    folder = _renamed(exported, tmp_path, "counted-again")
    with (
        http,
        connect(platform, http_client=http) as api,
    ):
        result = api.projects.import_from_json(folder)
    assert result.ok, result.failed
    _check(platform, _operations(calls), "counted-again")


MANY_JOBS = 20


def test_project_job_technologies_asked_once_per_concurrent_start(platform: RunningPlatform, tmp_path: Path) -> None:
    """Each job created by an import is checked against the project's technologies: the import asks once,
    before the jobs start, and reuses the answer for every job (never outside the import)."""
    with connect(platform) as api:
        project_id = (api.projects.create("many-jobs")).id
        script = tmp_path / "job.py"
        script.write_text("print('job')\n")
        for index in range(MANY_JOBS):
            api.jobs.create(f"job-{index:02d}", project_id, str(script), runtime_version="3.10")
        api.projects.export(project_id, tmp_path / "export")
    folder = _renamed(tmp_path / "export" / project_id, tmp_path, "many-jobs-again")
    calls, record = _counter()

    def hook(request: httpx.Request) -> None:
        record(request)

    http = httpx.Client(event_hooks={"request": [hook]})
    with http, connect(platform, http_client=http) as api:
        result = api.projects.import_from_json(folder, concurrency=4)
        assert result.ok, result.failed
        assert calls["CreateJob"] == MANY_JOBS
        assert calls["GetProjectJobTechnologies"] == 1  # asked before the jobs start, not once per job
        calls.clear()
        project_id = api.projects.get_id("many-jobs-again")
        api.projects.get_jobs_technologies(project_id)
        api.projects.get_jobs_technologies(project_id)
        assert calls["GetProjectJobTechnologies"] == 2  # outside an import every call asks the platform
