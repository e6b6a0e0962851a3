"""Every script of examples/ runs against the emulator, as a user would run it against a platform.

Each example takes its connection from ``SaagieApi.from_env()``: the test starts ``saagie_emulator.running()``,
seeds what the example works on, puts the emulator's ``SAAGIE_*`` variables in the environment and runs the
script in a subprocess with the project's interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi
from saagieapi.graph_pipeline import GraphPipeline, JobNode

from .conftest import ROOT

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=100) as running:
        yield running


@pytest.fixture
def api(platform: RunningPlatform) -> Iterator[SaagieApi]:
    platform.reset()
    platform.set_speed(100)
    with SaagieApi(platform.url, platform.platform_id, platform.user, platform.password, platform.realm) as client:
        yield client


def run_example(platform: RunningPlatform, script: str, *args: str, cwd: Path | None = None) -> str:
    """Run ``examples/<script>`` with the emulator's connection variables; return its output."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAAGIE_")}
    env.update(platform.env())
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd or ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"{script} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def write_script(folder: Path, text: str = "print('hello from saagie')\n") -> Path:
    path = folder / "ingest.py"
    path.write_text(text)
    return path


def test_every_example_is_tested() -> None:
    tested = {"demo.py", "deploy_job.py", "run_pipeline.py", "clean_old_instances.py", "backup_projects.py"}
    assert {path.name for path in EXAMPLES.glob("*.py")} - tested == set()


def test_demo(platform: RunningPlatform) -> None:
    output = run_example(platform, "demo.py")
    assert "Demo finished" in output
    assert "Run 1 of 'hello' ended with SUCCEEDED" in output
    assert "Upgraded 'hello' to version 2" in output
    assert "current version is 1" in output
    assert "Pipeline run ended with SUCCEEDED" in output
    assert "job report: SUCCEEDED" in output and "job alert" not in output
    assert "app is STARTED" in output and output.rstrip().splitlines()[-2].endswith("app is STOPPED")


def test_deploy_job_creates_then_upgrades_and_runs(api: SaagieApi, platform: RunningPlatform, tmp_path: Path) -> None:
    project = api.projects.create("analytics")
    artifact = write_script(tmp_path)
    args = ["--project", "analytics", "--job", "ingest", "--file", str(artifact)]

    first = run_example(platform, "deploy_job.py", *args, "--release-note", "v1")
    second = run_example(platform, "deploy_job.py", *args, "--release-note", "v2", "--run", "--logs")

    assert "Deployed job 'ingest'" in first and "version 1" in first
    assert "version 2" in second and "ended with SUCCEEDED" in second
    (run,) = api.jobs.get_info(api.jobs.get_id("ingest", "analytics"), instances_limit=1).instances
    assert all(f"  | {line.value}" in second for line in api.jobs.get_logs(run.id))  # --logs streamed them
    (job,) = api.jobs.list_for_project(project.id, versions_only_current=True)
    assert job.name == "ingest"


def test_deploy_job_fails_when_the_run_fails(api: SaagieApi, platform: RunningPlatform, tmp_path: Path) -> None:
    api.projects.create("analytics")
    artifact = write_script(tmp_path)
    job = api.jobs.create("ingest", api.projects.get_id("analytics"), file=artifact, command_line="python {file}")
    platform.force_job_outcome(job.id, "FAILED")
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAAGIE_")}
    env.update(platform.env())
    args = ["--project", "analytics", "--job", "ingest", "--file", str(artifact), "--run"]
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "deploy_job.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "did not succeed" in result.stderr and "FAILED" in result.stderr
    (instance,) = api.jobs.get_info(job.id, instances_limit=1).instances
    tail = [line.value for line in api.jobs.get_logs(instance.id, tail=20)]
    assert tail and "\n".join(f"  | {line}" for line in tail) in result.stderr  # why it failed, in the CI output


def test_run_pipeline_waits_for_the_end(api: SaagieApi, platform: RunningPlatform, tmp_path: Path) -> None:
    project = api.projects.create("analytics")
    extract = api.jobs.create("extract", project.id, file=write_script(tmp_path), command_line="python {file}")
    load = api.jobs.create("load", project.id, file=write_script(tmp_path), command_line="python {file}")
    first, second = JobNode(extract.id), JobNode(load.id)
    first.add_next_node(second)
    graph = GraphPipeline()
    graph.add_root_node(first)
    api.pipelines.create_graph("nightly", project.id, graph, alias="nightly")

    output = run_example(
        platform, "run_pipeline.py", "--project", "analytics", "--pipeline", "nightly", "--freq", "0.05"
    )

    assert "Running pipeline 'nightly'" in output
    assert output.rstrip().endswith("ended with SUCCEEDED")


def test_clean_old_instances(api: SaagieApi, platform: RunningPlatform, tmp_path: Path) -> None:
    project = api.projects.create(f"analytics-{uuid.uuid4().hex[:6]}")
    job = api.jobs.create("ingest", project.id, file=write_script(tmp_path), command_line="python {file}")
    for _ in range(2):
        api.jobs.run_with_callback(job.id, freq=0.05, timeout=60)

    dry = run_example(platform, "clean_old_instances.py", "--days", "0", "--project", project.name, "--dry-run")
    done = run_example(platform, "clean_old_instances.py", "--days", "0")

    assert "would delete 2 instance(s) in 1 project(s)" in dry
    assert "job 'ingest': 2 instance(s)" in done and "deleted 2 instance(s)" in done
    assert api.jobs.count_deletable_instances_by_date(job.id, "2100-01-01T00:00:00Z") == 0


def test_backup_projects(api: SaagieApi, platform: RunningPlatform, tmp_path: Path) -> None:
    project = api.projects.create("analytics")
    api.jobs.create("ingest", project.id, file=write_script(tmp_path), command_line="python {file}")
    backups = tmp_path / "backups"
    for old in ("2000-01-01", "2000-01-02"):
        (backups / old).mkdir(parents=True)

    output = run_example(platform, "backup_projects.py", "--output", str(backups), "--keep", "2")

    (today,) = [path for path in backups.iterdir() if path.name not in ("2000-01-01", "2000-01-02")]
    assert sorted(path.name for path in backups.iterdir()) == ["2000-01-02", today.name]
    assert "project 'analytics': 1 job(s), 0 pipeline(s), 0 app(s)" in output
    assert "Backed up 1 of 1 project(s)" in output and "Removed 1 old backup(s): 2000-01-01" in output
    exported = today / project.id
    assert (exported / "project.json").is_file()
    assert [path.name for path in exported.glob("jobs/*/version/*/*")] == ["ingest.py"]

    api.projects.delete(project.id)
    restored = api.projects.import_from_json(exported)
    assert restored.ok, restored.failed
    assert [job.name for job in api.jobs.list_for_project_minimal(api.projects.get_id("analytics"))] == ["ingest"]
