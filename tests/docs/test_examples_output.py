"""docs/examples.md shows the output the examples really print (ids, numbers, dates and statuses aside).

Each ```` ```text ```` block of the page follows the command line shown above it; the test runs those examples
against the emulator and checks that every line of every output block has the shape of a line the example
really printed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import saagie_emulator
from saagieapi import SaagieApi

from ._blocks import ROOT

PAGE = ROOT / "docs" / "examples.md"
STATUSES = r"(REQUESTED|QUEUED|RUNNING|SUCCEEDED|FAILED|KILLING|KILLED|AWAITING|UNKNOWN)"


def shape(line: str) -> str:
    """A line with what varies from run to run replaced by placeholders."""
    line = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", line)
    line = re.sub(r"\d{4}-\d{2}-\d{2}", "<date>", line)
    line = re.sub(rf"(run <n>|run \d+): {STATUSES}$", "run <n>: <status>", line)
    line = re.sub(r"'(analytics|finance|ingest)'", "'<name>'", line)
    return re.sub(r"\d+", "<n>", line).rstrip()


def output_blocks() -> list[list[str]]:
    return [block.splitlines() for block in re.findall(r"^```text\n(.*?)^```$", PAGE.read_text(), re.S | re.M)]


def test_the_page_shows_what_the_examples_print(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    (backups / "2000-01-01").mkdir(parents=True)
    (tmp_path / "ingest.py").write_text("print('ingest')\n")
    printed: list[str] = []
    with saagie_emulator.running(speed=50) as platform:
        with SaagieApi(platform.url, platform.platform_id, platform.user, platform.password, platform.realm) as api:
            api.projects.create("analytics")
            api.projects.create("finance")
        env = {key: value for key, value in os.environ.items() if not key.startswith("SAAGIE_")} | platform.env()
        deploy = ["--project", "analytics", "--job", "ingest", "--file", str(tmp_path / "ingest.py")]
        for script, *args in (
            ("deploy_job.py", *deploy, "--release-note", "v1"),
            ("deploy_job.py", *deploy, "--release-note", "v2", "--run"),
            ("backup_projects.py", "--output", str(backups), "--keep", "1"),
        ):
            result = subprocess.run(
                [sys.executable, str(ROOT / "examples" / script), *args],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
                check=False,
            )
            assert result.returncode == 0, result.stdout + result.stderr
            printed += result.stdout.replace(str(backups), "/backups/saagie").splitlines()
    real = {shape(line) for line in printed}
    blocks = output_blocks()
    assert len(blocks) >= 2
    shown = [line for block in blocks for line in block]
    invented = [line for line in shown if shape(line) not in real]
    assert invented == [], f"docs/examples.md shows lines the examples do not print: {invented}\nprinted: {printed}"
