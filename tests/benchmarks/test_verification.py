"""The benchmarks check what they time: a wrong result raises instead of being reported (no timing asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.processes import run_process
from benchmarks.verify import BenchmarkResultError, check_export, check_figures, expected_import

SHAPE = {"jobs": 2, "versions": 2, "apps": 1, "pipelines": 1, "env_vars": 1}


def _export(root: Path, *, artifact: int = 64, skip: str | None = None) -> Path:
    project = root / "p1"
    files = {"project.json": b'{"name": "p"}', "apps/a1/app.json": b"{}", "pipelines/x/pipeline.json": b"{}"}
    files["env_vars/VAR/variable.json"] = b"{}"
    for job in ("j1", "j2"):
        files[f"jobs/{job}/job.json"] = b"{}"
        for version in (1, 2):
            files[f"jobs/{job}/version/{version}/artifact.py"] = b"x" * artifact
    for relative, content in files.items():
        if relative == skip:
            continue
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def test_a_complete_export_is_counted(tmp_path: Path) -> None:
    facts = check_export(_export(tmp_path), artifact_bytes=64, label="t", **SHAPE)
    assert facts.files == 10 and facts.artifact_bytes == 4 * 64  # project, app, pipeline, variable, 2 x (job + 2)


@pytest.mark.parametrize("skip", ["jobs/j2/version/2/artifact.py", "apps/a1/app.json", "project.json"])
def test_a_missing_file_fails(tmp_path: Path, skip: str) -> None:
    with pytest.raises(BenchmarkResultError, match="expected"):
        check_export(_export(tmp_path, skip=skip), artifact_bytes=64, label="t", **SHAPE)


def test_a_truncated_artifact_fails(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkResultError, match="artifact bytes"):
        check_export(_export(tmp_path, artifact=63), artifact_bytes=64, label="t", **SHAPE)


def test_reported_counts_and_ok_flags_are_compared() -> None:
    check_figures("t", {"instances": 5000, "ok": True}, {"instances": 5000, "ok": True})
    with pytest.raises(BenchmarkResultError, match="instances: expected 5000, got 4999"):
        check_figures("t", {"instances": 4999}, {"instances": 5000})
    with pytest.raises(BenchmarkResultError, match="ok"):
        check_figures("t", {"ok": False}, {"ok": True})


def test_saagieapi2_imports_current_versions_and_no_project_variables() -> None:
    assert expected_import("saagieapi2", **SHAPE) == {**SHAPE, "versions": 1, "env_vars": 0}
    assert expected_import("ours", **SHAPE) == SHAPE


def test_process_memory_is_the_command_own(tmp_path: Path) -> None:
    ballast = bytearray(200_000_000)  # the benchmark runner is large: a forked child would inherit its peak
    small = run_process([sys.executable, "-c", "pass"], cwd=str(tmp_path))
    big = run_process([sys.executable, "-c", "b = bytearray(80_000_000); b[::4096] = b'1' * len(b[::4096])"],
                      cwd=str(tmp_path))  # fmt: skip
    assert small.returncode == 0 and small.peak_rss_mb < 40 < len(ballast) / 1e6
    assert big.peak_rss_mb > small.peak_rss_mb + 60
    failed = run_process([sys.executable, "-c", "import sys; print('out'); sys.exit(3)"], cwd=str(tmp_path))
    assert failed.returncode == 3 and failed.stdout.strip() == "out"
