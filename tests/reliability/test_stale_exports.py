"""Exports killed mid-way (SIGKILL) leave their staging folder; the next export into the same folder removes it.

A staging folder's name carries its process: the folders of dead processes go, those of running exports stay,
and a previous export moved aside (``.old-``) when the process died during the swap is put back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from saagie_emulator import RunningPlatform
from saagieapi._export_files import remove_stale_staging, staging_prefix

from ..support.platforms import connect

STAGE_AND_WAIT = textwrap.dedent(
    """
    import os, signal, sys
    from saagieapi._async.project_export import staged_folder
    with staged_folder(sys.argv[1], sys.argv[2]) as staging:
        (staging / "job.json").write_text("{}")
        print(staging.name, flush=True)
        if sys.argv[3] == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        sys.stdin.read()
    """
)


def _stage(out: Path, name: str, mode: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-c", STAGE_AND_WAIT, str(out), name, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_next_export_removes_what_killed_exports_left(saagie_platform: RunningPlatform, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    killed, killed_folder = _stage(out, "job-a", "kill")
    killed.communicate(timeout=30)
    assert killed.returncode == -signal.SIGKILL and (out / killed_folder).is_dir()
    running, running_folder = _stage(out, "job-b", "wait")
    try:
        script = tmp_path / "job.py"
        script.write_text("print(1)\n")
        with connect(saagie_platform) as api:
            project = api.projects.create("stale-exports")
            job = api.jobs.create("job", project.id, file=script, technology="Python", runtime_version="3.10")
            result = api.jobs.export(job.id, out)
        assert result.ok
        left = sorted(p.name for p in out.iterdir())
        assert killed_folder not in left  # its process is dead: removed
        assert running_folder in left  # its process still runs: kept
        assert job.id in left and len(left) == 2
    finally:
        running.kill()
        running.communicate(timeout=30)


def test_a_previous_export_moved_aside_by_a_dead_process_is_put_back(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    own = staging_prefix("p1", "old")
    aside = tmp_path / (own.replace(f"-{os.getpid()}-", f"-{pid}-") + "abcd1234")
    aside.mkdir()
    (aside / "project.json").write_text("{}")
    partial = tmp_path / (staging_prefix("p2").replace(f"-{os.getpid()}-", f"-{pid}-") + "zz")
    partial.mkdir()
    mine = tmp_path / (staging_prefix("p3") + "zz")  # this process's own export in progress
    mine.mkdir()
    user_folder = tmp_path / ".notes.partial-of-mine"
    user_folder.mkdir()
    removed = remove_stale_staging(tmp_path)
    assert sorted(p.name for p in removed) == sorted([aside.name, partial.name])
    assert (tmp_path / "p1" / "project.json").is_file() and not partial.exists()
    assert mine.is_dir() and user_folder.is_dir()
