"""saagie doctor, saagie schema pull, saagie emulator (and the installed script in a real subprocess)."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from graphql import build_schema

import saagie_emulator
from saagieapi.cli._doctor import bundled_operations, sdk_usage

from .conftest import invoke, platform_env

SAAGIE = Path(sys.executable).with_name("saagie")


@pytest.fixture(scope="module")
def older_platform() -> Iterator[saagie_emulator.RunningPlatform]:
    """A platform whose schema lacks two fields (as an older Saagie would)."""
    with saagie_emulator.running(drop_fields=("AppStats.uptimePercentage", "DeletionVersionResultItem.number")) as p:
        yield p


def test_doctor_reports_exactly_the_sdk_methods_using_a_missing_field(
    older_platform: saagie_emulator.RunningPlatform, tmp_path: Path
) -> None:
    result = invoke(platform_env(older_platform, tmp_path / "c.ini"), "--json", "doctor")
    assert result.exit_code == 1
    report = result.json
    assert report["ok"] is False
    assert {check["check"]: check["ok"] for check in report["checks"]} == {
        "connection": True,
        "login": True,
        "projects schema": True,
        "gateway schema": True,
        "operations": False,
        "enum values": True,
    }
    failing = {item["operation"]: item for item in report["failing_operations"]}
    assert set(failing) == {"GetAppStats", "DeleteJobVersions", "DeletePipelineVersions"}
    assert failing["GetAppStats"]["errors"][0].startswith("Cannot query field 'uptimePercentage' on type 'AppStats'.")
    methods = {method for item in failing.values() for method in item["sdk_methods"]}
    assert methods == {"api.apps.get_stats", "api.jobs.delete_versions", "api.pipelines.delete_versions"}


def test_doctor_in_a_terminal_names_the_methods(
    older_platform: saagie_emulator.RunningPlatform, tmp_path: Path
) -> None:
    result = invoke(platform_env(older_platform, tmp_path / "c.ini"), "doctor")
    assert result.exit_code == 1
    assert "used by: api.apps.get_stats" in result.stderr
    assert "ok   login" in result.stderr


def test_doctor_passes_on_the_full_platform(saagie_platform: saagie_emulator.RunningPlatform, tmp_path: Path) -> None:
    result = invoke(platform_env(saagie_platform, tmp_path / "c.ini"), "--json", "doctor")
    assert result.exit_code == 0, result.stdout
    assert result.json["ok"] is True and result.json["failing_operations"] == []


def test_doctor_bad_password_exits_3(saagie_platform: saagie_emulator.RunningPlatform, tmp_path: Path) -> None:
    env = platform_env(saagie_platform, tmp_path / "c.ini") | {"SAAGIE_PASSWORD": "wrong"}
    result = invoke(env, "--json", "doctor")
    assert result.exit_code == 3
    assert [check["ok"] for check in result.json["checks"]] == [True, False]


def test_every_generated_operation_is_mapped_to_a_public_method() -> None:
    used = set().union(*sdk_usage().values())
    operations = {(operation.api, operation.method) for operation in bundled_operations()}
    assert len(operations) > 50
    assert operations <= used
    assert ("projects", "run_job") in sdk_usage()["api.jobs.run_with_callback"]


def test_doctor_follows_methods_inherited_from_mixins() -> None:
    """Resource classes and the import engine are composed of mixins in their own modules (job_versions.py...)."""
    usage = sdk_usage()
    # api.jobs.upgrade_by_name (JobVersionsMixin) -> self.get_id, self.get_info (JobLookupsMixin) -> operations
    assert {
        ("projects", "list_jobs_for_project_minimal"),
        ("projects", "get_job"),
        ("projects", "add_job_version"),
    } <= (usage["api.jobs.upgrade_by_name"])
    # api.jobs.edit (Jobs) -> self.get_info, inherited
    assert ("projects", "get_job") in usage["api.jobs.edit"]
    # Importer(...) in project_import.py: its steps live in WorkloadImporter and ImportRun (other modules)
    imported = usage["api.projects.import_from_json"]
    assert {("projects", "create_graph_pipeline"), ("projects", "save_env_var"), ("projects", "create_app")} <= imported


def test_schema_pull_writes_sdl_that_rebuilds(older_platform: saagie_emulator.RunningPlatform, tmp_path: Path) -> None:
    out = tmp_path / "schema"
    result = invoke(platform_env(older_platform, tmp_path / "c.ini"), "--json", "schema", "pull", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert set(result.json) == {"projects", "gateway"}
    projects = build_schema((out / "projects.graphql").read_text())
    assert "uptimePercentage" not in projects.type_map["AppStats"].fields  # type: ignore[union-attr]
    assert "recoveredCount" in projects.type_map["AppStats"].fields  # type: ignore[union-attr]
    assert "Job" in projects.type_map
    assert "Repository" in build_schema((out / "gateway.graphql").read_text()).type_map


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_emulator_command_and_the_installed_script(tmp_path: Path) -> None:
    """``saagie emulator`` in one process, ``saagie --json ...`` in others, as a user would run them."""
    assert SAAGIE.is_file(), "the saagie script is installed by `pip install -e '.[cli]'`"
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAAGIE_")}
    env["SAAGIE_CONFIG"] = str(tmp_path / "config.ini")
    with subprocess.Popen(
        [str(SAAGIE), "--json", "emulator", "--port", str(port), "--speed", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    ) as server:
        try:
            _drive(server, env, port)
        finally:
            server.terminate()
            server.wait(timeout=10)


def _drive(server: subprocess.Popen[str], env: dict[str, str], port: int) -> None:
    assert server.stdout is not None
    settings = json.loads(server.stdout.readline())
    assert settings["url"] == f"http://127.0.0.1:{port}/"
    env.update({key: value for key, value in settings.items() if key.startswith("SAAGIE_")})

    def saagie(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(SAAGIE), *args], capture_output=True, text=True, env=env, timeout=60)

    deadline = time.monotonic() + 20
    while (listed := saagie("--json", "projects", "list")).returncode == 5 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []
    created = saagie("--json", "projects", "create", "from-subprocess")
    assert json.loads(created.stdout)["name"] == "from-subprocess"
    missing = saagie("projects", "get", "nope")
    assert missing.returncode == 4 and "Traceback" not in missing.stderr and "Hint:" in missing.stderr
    unreachable = subprocess.run(
        [str(SAAGIE), "projects", "list"],
        capture_output=True,
        text=True,
        env=env | {"SAAGIE_URL": f"http://127.0.0.1:{_free_port()}/projects/platform/1/", "SAAGIE_TIMEOUT": "2"},
        timeout=60,
    )
    assert unreachable.returncode == 5
    help_ = saagie("--help")
    assert help_.returncode == 0 and "doctor" in help_.stdout and "platform unavailable" in help_.stdout


def test_emulator_with_a_bad_state_file_stops_with_one_line(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"format": "something-else"}')
    result = invoke({"SAAGIE_CONFIG": str(tmp_path / "c.ini")}, "emulator", "--state", str(state), "--port", "1")
    assert result.exit_code == 2
    assert "not a saagie_emulator state file" in result.stderr and "Traceback" not in result.stderr
    assert "SAAGIE_URL" not in result.stdout


def _first_lines(command: list[str], env: dict[str, str], until: str) -> list[str]:
    """Start ``command``, read its stdout up to a line starting with ``until``, stop it."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as server:
        try:
            assert server.stdout is not None
            lines: list[str] = []
            while not lines or not lines[-1].startswith(until):
                line = server.stdout.readline()
                assert line, f"{command} ended: {lines}"
                lines.append(line.rstrip("\n"))
            return lines
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.mark.parametrize("json_output", [False, True])
def test_saagie_emulator_and_python_m_saagie_emulator_take_the_same_options_and_print_the_same(
    tmp_path: Path, json_output: bool
) -> None:
    options = ["--speed", "50", "--realm", "acme", "--platform-id", "7", "--user", "ops", "--password", "pw-7"]
    options += ["--token-ttl", "60", "--drop-field", "Job.alias", "--state", str(tmp_path / "state.json")]
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAAGIE_")}
    env |= {"SAAGIE_CONFIG": str(tmp_path / "c.ini"), "SAAGIE_EMULATOR_CONTROL_TOKEN": "fixed", "PYTHONUNBUFFERED": "1"}
    shown = []
    for command in ([str(SAAGIE), "emulator"], [sys.executable, "-m", "saagie_emulator"]):
        port = str(_free_port())
        flags = ["--json"] if json_output else []
        lines = _first_lines([*command, *flags, "--port", port, *options], env, "{" if json_output else "Press Ctrl+C")
        shown.append([line.replace(port, "PORT") for line in lines])
    assert shown[0] == shown[1]
    if json_output:
        settings = json.loads(shown[0][-1])
        assert settings["SAAGIE_URL"] == "http://127.0.0.1:PORT/projects/platform/7/"
        assert (settings["SAAGIE_REALM"], settings["SAAGIE_USER"], settings["SAAGIE_PASSWORD"]) == (
            "acme",
            "ops",
            "pw-7",
        )
        assert settings["SAAGIE_EMULATOR_CONTROL_TOKEN"] == settings["control_token"] == "fixed"
    else:
        exports = [line.strip() for line in shown[0] if line.strip().startswith("export SAAGIE_")]
        assert exports == [
            "export SAAGIE_URL=http://127.0.0.1:PORT/projects/platform/7/",
            "export SAAGIE_REALM=acme",
            "export SAAGIE_USER=ops",
            "export SAAGIE_PASSWORD=pw-7",
            "export SAAGIE_EMULATOR_CONTROL_TOKEN=fixed",
        ]
    usage = subprocess.run([str(SAAGIE), "emulator", "--help"], capture_output=True, text=True, env=env, timeout=60)
    module = subprocess.run(
        [sys.executable, "-m", "saagie_emulator", "--help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert usage.returncode == module.returncode == 0
    options_of = lambda text: sorted(set(re.findall(r"--[a-z][a-z-]+", text)))  # noqa: E731
    assert options_of(usage.stdout) == options_of(module.stdout) and "--drop-field" in options_of(usage.stdout)
