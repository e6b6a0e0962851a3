"""docs/ci/schema-drift.yml, the ready-to-copy GitHub Actions workflow: its commands exist and its summary works.

The summary script embedded in the workflow runs here on the JSON report of a real ``saagie --json schema diff``
against an emulator that lacks a field.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

import saagie_emulator
from tests.cli.conftest import invoke, platform_env

from ._blocks import ROOT

WORKFLOW = ROOT / "docs" / "ci" / "schema-drift.yml"


def _steps() -> dict[str, dict[str, object]]:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow[True]["schedule"] and "workflow_dispatch" in workflow[True]  # `on:` reads as True in YAML 1.1
    return {
        str(step.get("id", step.get("name", step.get("uses")))): step for step in workflow["jobs"]["drift"]["steps"]
    }


def test_the_workflow_runs_commands_that_exist() -> None:
    steps = _steps()
    run = str(steps["diff"]["run"])
    assert ".venv/bin/saagie --json schema diff --write" in run
    assert 'if [ "$code" -gt 2 ]; then exit "$code"; fi' in run
    makefile = (ROOT / "Makefile").read_text()
    for target in ("venv", "test"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    pull_request = next(step for step in steps.values() if "create-pull-request" in str(step.get("uses")))
    assert "schema/**" in str(pull_request["with"]["add-paths"])  # type: ignore[index]


def test_its_summary_of_a_real_report(tmp_path: Path) -> None:
    script = re.search(r"<<'PY'\n(.*?)\nPY\n", str(_steps()["diff"]["run"]), re.S)
    assert script is not None
    with saagie_emulator.running(drop_fields=("Job.alias",)) as platform:
        result = invoke(platform_env(platform, tmp_path / "c.ini"), "--json", "schema", "diff")
    assert result.exit_code == 2
    (tmp_path / "drift.json").write_text(result.stdout)
    summary = subprocess.run(
        [sys.executable, "-", str(tmp_path / "drift.json"), str(tmp_path / "drift.md")],
        input=script[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert summary.returncode == 0, summary.stderr
    body = (tmp_path / "drift.md").read_text()
    assert "**breaking**" in body and "- breaking, projects: Job.alias was removed." in body
    assert "SDK methods: " in body and "api.jobs.get_info_by_alias" in body
