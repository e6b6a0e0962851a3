"""``python -m benchmarks --quick`` runs end to end and writes the figures (no timing is asserted)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.saagieapi2 import python2

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = {"ours", "ours_async", "saagieapi2", "floor", "floor_async"}
RATIOS = {"ours/saagieapi2", "ours_async/saagieapi2", "ours/floor", "ours_async/floor_async"}


def _finite_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


@pytest.mark.compat
def test_quick_bench_writes_medians_ratios_and_targets(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--scenario", "cold_start,get_info", "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "SAAGIEAPI2_PYTHON": python2()},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ours/saagieapi2" in done.stdout  # the printed table
    report = json.loads(out.read_text())
    assert set(report) == {"meta", "scenarios", "targets"}
    assert report["meta"]["quick"] is True and report["meta"]["runs"] >= 1
    assert set(report["scenarios"]) == {"cold_start", "get_info"}
    for name, headline in (("cold_start", "process_s"), ("get_info", "cpu_per_call_ms")):
        scenario = report["scenarios"][name]
        assert set(scenario["medians"]) == CLIENTS
        for client in CLIENTS:
            assert _finite_number(scenario["medians"][client][headline]), (name, client)
            assert len(scenario["runs"][client]) == report["meta"]["runs"]
        assert set(scenario["ratios"][headline]) == RATIOS
        assert all(_finite_number(value) for value in scenario["ratios"][headline].values())
    checked = {(t["scenario"], t["ratio"]) for t in report["targets"]}
    assert ("cold_start", "ours/floor") in checked and ("get_info", "ours_async/floor_async") in checked
    for name, key in (("cold_start", "projects"), ("get_info", "instances_seen")):  # each run's checked result
        assert all(run[key] > 0 for runs in report["scenarios"][name]["runs"].values() for run in runs)
    assert all(isinstance(t["met"], bool) and _finite_number(t["value"]) for t in report["targets"])
