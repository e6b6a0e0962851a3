"""``saagie jobs run --wait --logs`` and ``saagie jobs logs`` through the installed console script, in a subprocess,
against an emulator whose runs take seconds: the lines show while the run goes on, a failure exits 1 with the tail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import saagie_emulator
from saagieapi import SaagieApi

SAAGIE = Path(sys.executable).with_name("saagie")
#: REQUESTED 1 s + QUEUED 1 s + RUNNING 4 s of the emulator at speed 2: a run lasts 3 s.
SPEED = 2.0


@pytest.fixture(scope="module")
def platform() -> Iterator[saagie_emulator.RunningPlatform]:
    with saagie_emulator.running(speed=SPEED) as running:
        yield running


@pytest.fixture
def env(platform: saagie_emulator.RunningPlatform, tmp_path: Path) -> dict[str, str]:
    platform.reset()
    platform.set_speed(SPEED)
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAAGIE_")}
    return env | platform.env() | {"SAAGIE_CONFIG": str(tmp_path / "config.ini")}


@pytest.fixture
def job(platform: saagie_emulator.RunningPlatform, tmp_path: Path) -> str:
    script = tmp_path / "etl.py"
    script.write_text("print('hello')\n")
    with SaagieApi(platform.url, platform.platform_id, platform.user, platform.password, platform.realm) as api:
        project = api.projects.create("cli-logs")
        return api.jobs.create("etl", project.id, file=script, command_line="python {file}").id


def run_timed(
    args: list[str], env: dict[str, str], on_first_line: Callable[[], object] | None = None
) -> tuple[int, list[tuple[float, str]], str, float]:
    """Run the console script; ``(exit code, [(seconds since start, stdout line)], stderr, duration)``.

    ``on_first_line`` is called as soon as the first line of stdout is read, while the script goes on.
    """
    started = time.monotonic()
    lines: list[tuple[float, str]] = []
    with subprocess.Popen(
        [str(SAAGIE), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, bufsize=1
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        errors: list[str] = []
        reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        for line in process.stdout:
            lines.append((time.monotonic() - started, line.rstrip("\n")))
            if on_first_line is not None and len(lines) == 1:
                on_first_line()
        code = process.wait(timeout=60)
        reader.join(timeout=10)
    return code, lines, "".join(errors), time.monotonic() - started


def test_run_wait_logs_streams_the_lines_and_exits_1_with_the_tail_on_failure(
    platform: saagie_emulator.RunningPlatform, env: dict[str, str], job: str
) -> None:
    assert SAAGIE.is_file(), "the saagie script is installed by `pip install -e '.[cli]'`"
    platform.force_job_outcome(job, "FAILED")
    status_at_first_line: list[str] = []

    def status_of_the_run() -> None:
        with SaagieApi(platform.url, platform.platform_id, platform.user, platform.password, platform.realm) as api:
            (running,) = api.jobs.get_info(job, instances_limit=1).instances
            assert running.history is not None
            status_at_first_line.append(running.history.current_status.status.value)

    code, lines, stderr, duration = run_timed(["jobs", "run", job, "--wait", "--logs"], env, status_of_the_run)
    assert code == 1, stderr
    texts = [text for _, text in lines]
    assert texts, f"no log line printed; stderr:\n{stderr}"
    # Streamed: the first line was on the terminal while the run was still going (asked of the platform then),
    # well before the process ended, and the lines came in several reads.
    assert status_at_first_line == ["RUNNING"], status_at_first_line
    first_at = lines[0][0]
    assert duration - first_at >= 1.0, f"first line at {first_at:.2f} s, process ended at {duration:.2f} s"
    assert len({round(at, 1) for at, _ in lines}) >= 2, lines
    # Every line of the run, once and in order, is what `saagie jobs logs` prints afterwards.
    with SaagieApi(platform.url, platform.platform_id, platform.user, platform.password, platform.realm) as api:
        (instance,) = api.jobs.get_info(job, instances_limit=1).instances
        logged = [line.value for line in api.jobs.get_logs(instance.id)]
    assert texts == logged
    # The failure: one headline, the last lines of the log, a hint naming the command that shows it all.
    assert f"job instance {instance.id} ended with status FAILED" in stderr
    assert "Last " in stderr and f"  | {logged[-1]}" in stderr
    assert f"saagie jobs logs {instance.id}" in stderr
    # no traceback of the command itself (the job's own, in its log tail, is welcome)
    assert not [line for line in stderr.splitlines() if "Traceback" in line and not line.startswith("  | ")]

    shown = subprocess.run([str(SAAGIE), "jobs", "logs", instance.id], capture_output=True, text=True, env=env)
    assert shown.returncode == 0 and shown.stdout.splitlines() == logged
    last = subprocess.run(
        [str(SAAGIE), "--json", "jobs", "logs", instance.id, "--tail", "1", "--stream", "STDOUT", "--stream", "STDERR"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert last.returncode == 0, last.stderr
    assert [json.loads(row)["value"] for row in last.stdout.splitlines()] == logged[-1:]


def test_run_logs_of_a_successful_run_exit_0(
    platform: saagie_emulator.RunningPlatform, env: dict[str, str], job: str
) -> None:
    code, lines, stderr, _ = run_timed(["jobs", "run", job, "--logs"], env)  # --logs implies --wait
    assert code == 0, stderr
    assert lines and "SUCCEEDED" in lines[-1][1]  # the summary comes after the log lines
    assert "Last " not in stderr


def test_logs_follow_prints_lines_written_after_it_started(
    platform: saagie_emulator.RunningPlatform, env: dict[str, str], job: str
) -> None:
    platform.force_job_outcome(job, "FAILED")
    platform.set_speed(1.0)  # a 6 s run: the command starts (about 2 s) while it goes on
    with SaagieApi(platform.url, platform.platform_id, platform.user, platform.password, platform.realm) as api:
        instance = api.jobs.run(job)
        code, lines, stderr, duration = run_timed(["jobs", "logs", instance.id, "--follow"], env)
        final = api.jobs.get_instance(instance.id)
        logged = [line.value for line in api.jobs.get_logs(instance.id)]
    assert code == 0, stderr
    assert final.history is not None and final.history.current_status.status.value == "FAILED"
    assert [text for _, text in lines] == logged
    assert lines[-1][0] - lines[0][0] >= 1.0  # the last line came later than the first ones
    assert len({round(at, 1) for at, _ in lines}) >= 3  # in several reads
    assert duration < 20


def test_logs_of_an_unknown_instance_is_a_clear_error(env: dict[str, str]) -> None:
    result = subprocess.run(
        [str(SAAGIE), "jobs", "logs", "00000000-0000-0000-0000-000000000000", "--follow"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 4, result.stderr  # NotFoundError (the platform answers a GraphQL "not found")
    assert "Traceback" not in result.stderr and "not found" in result.stderr


def test_log_lines_cannot_drive_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """A job's log is anyone's text: escape sequences and line breaks are shown, not obeyed (JSON keeps them)."""
    from types import SimpleNamespace

    from saagieapi.cli.commands.jobs import write_log_lines
    from saagieapi.enums import LogStream
    from saagieapi.models import Log

    lines = [Log(index=0, value="done\x1b]0;pwned\x07\n  | fake", stream=LogStream.STDOUT)]
    write_log_lines(SimpleNamespace(json=False), lines)  # type: ignore[arg-type]
    assert capsys.readouterr().out == "done\\x1b]0;pwned\\x07\\x0a  | fake\n"
    write_log_lines(SimpleNamespace(json=True), lines)  # type: ignore[arg-type]
    assert json.loads(capsys.readouterr().out)["value"] == lines[0].value
