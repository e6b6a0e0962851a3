"""The built wheel, installed with the newest and with the lowest versions our bounds allow, used from outside.

Each smoke step runs in the environment's own interpreter, from a folder outside the checkout
(``python -I``: no script folder, no PYTHONPATH, no user site), as a user's code would.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import tarfile
import time
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.version import Version

from .conftest import ROOT, Dist, Environment, clean_env, lower_bounds, runtime_requirements

pytestmark = pytest.mark.packaging


def _names(dist: Dist) -> list[str]:
    with zipfile.ZipFile(dist.wheel) as wheel:
        return wheel.namelist()


def test_wheel_ships_markers_license_and_schema_only(dist: Dist) -> None:
    names = _names(dist)
    info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
    for required in (
        "saagieapi/py.typed",
        "saagie_emulator/py.typed",
        f"{info}/licenses/LICENSE",
        "saagie_emulator/_schema/projects.graphql",
        "saagie_emulator/_schema/gateway.graphql",
        "saagieapi/_generated/projects/client.py",
        "saagieapi/_sync/client.py",
        "saagieapi/cli/main.py",
    ):
        assert required in names, f"{required} missing from {dist.wheel.name}"
    tops = {name.split("/")[0] for name in names}
    assert tops == {"saagieapi", "saagie_emulator", info}, f"unexpected top-level entries: {sorted(tops)}"
    stray = [
        name
        for name in names
        if "__pycache__" in name
        or name.endswith((".pyc", ".pyo", ".orig", ".rej", ".swp", "~"))
        or re.search(r"(^|/)(tests?|\.[^/]+)(/|$)", name)
    ]
    assert stray == [], f"stray files in the wheel: {stray}"
    allowed_suffixes = (
        ".py",
        ".typed",
        ".graphql",
        ".md",
        "METADATA",
        "WHEEL",
        "RECORD",
        "entry_points.txt",
        "LICENSE",
    )
    assert [name for name in names if not name.endswith(allowed_suffixes)] == []


def test_wheel_metadata_says_apache_2_with_the_license_text(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as wheel:
        info = next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(wheel.read(info).decode())
        license_text = wheel.read(info.replace("METADATA", "licenses/LICENSE")).decode()
        entry_points = wheel.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert metadata["License-Expression"] == "Apache-2.0"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert not [c for c in metadata.get_all("Classifier") or [] if "GPL" in c]
    assert license_text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in license_text and "Version 2.0" in license_text
    assert "saagie = saagieapi.cli.script:main" in entry_points
    assert "saagie_emulator = saagie_emulator.pytest_plugin" in entry_points


def test_sdist_holds_the_sources_and_no_local_state(dist: Dist) -> None:
    with tarfile.open(dist.sdist) as sdist:
        names = [name.split("/", 1)[1] for name in sdist.getnames() if "/" in name]
    for required in ("LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml", "schema/projects.graphql"):
        assert required in names, f"{required} missing from {dist.sdist.name}"
    local = [
        name
        for name in names
        if re.match(r"(\.venv|site|dist|build|\.git|\.mypy_cache|\.pytest_cache|\.ruff_cache)(/|$)", name)
        or "__pycache__" in name
        or name.endswith(".pyc")
    ]
    assert local == [], f"local state in the sdist: {local[:10]}"


def test_every_runtime_requirement_has_a_tested_lower_bound() -> None:
    bounds = lower_bounds()
    names = {requirement.name.lower() for requirement in runtime_requirements() if requirement.marker is None}
    assert set(bounds) == names
    assert {"httpx", "pydantic", "ariadne", "graphql-core", "starlette", "typer"} <= set(bounds)


def test_environment_has_the_versions_it_claims(environment: Environment) -> None:
    versions = environment.versions
    assert "saagieapi" in versions
    if environment.name == "lowest":
        wrong = {
            name: (versions.get(name), low)
            for name, low in lower_bounds().items()
            if name not in versions or Version(versions[name]) != Version(low)
        }
        assert wrong == {}, f"the lowest environment did not install every lower bound: {wrong}"
    else:
        at_lowest = [name for name, low in lower_bounds().items() if Version(versions[name]) == Version(low)]
        # What `pip install "saagieapi[emulator]"` resolves today: the emulator must serve it (issue 14).
        assert Version(versions["graphql-core"]) >= Version("3.3"), versions["graphql-core"]
        assert len(at_lowest) < len(lower_bounds()) // 2, f"newest environment mostly at lower bounds: {at_lowest}"


def _python(environment: Environment, *args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(environment.python), "-I", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=clean_env(),
        check=False,
    )


def test_sdk_scenario_against_the_emulator(environment: Environment, outside: Path) -> None:
    result = _python(environment, "sdk_scenario.py", cwd=outside)
    assert result.returncode == 0, f"[{environment.name}] {result.stdout}\n{result.stderr}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["plain_query"] == [200, {"data": {"projects": []}}], environment.versions.get("graphql-core")
    assert report["malformed_multipart"] == 400
    assert report["run_status"] == "SUCCEEDED"
    assert report["jobs_count"] == 1 and report["job_names"] == ["hello"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_saagie_json_commands(environment: Environment, outside: Path) -> None:
    env = clean_env() | {"SAAGIE_CONFIG": str(outside / "config.ini")}
    port = _free_port()
    with subprocess.Popen(
        [str(environment.saagie), "--json", "emulator", "--port", str(port), "--speed", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=outside,
    ) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            assert line, f"[{environment.name}] saagie emulator printed nothing"
            settings = json.loads(line)
            env |= {key: value for key, value in settings.items() if key.startswith("SAAGIE_")}

            def saagie(*args: str) -> subprocess.CompletedProcess[str]:
                return subprocess.run(
                    [str(environment.saagie), "--json", *args],
                    capture_output=True,
                    text=True,
                    env=env,
                    cwd=outside,
                    timeout=120,
                    check=False,
                )

            deadline = time.monotonic() + 30
            while (listed := saagie("projects", "list")).returncode == 5 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert listed.returncode == 0, listed.stderr
            assert json.loads(listed.stdout) == []
            created = saagie("projects", "create", "from-the-cli")
            assert created.returncode == 0, created.stderr
            assert json.loads(created.stdout)["name"] == "from-the-cli"
            assert [p["name"] for p in json.loads(saagie("projects", "list").stdout)] == ["from-the-cli"]
            doctor = saagie("doctor")
            assert doctor.returncode == 0, doctor.stdout + doctor.stderr
            assert json.loads(doctor.stdout)["ok"] is True
            pulled = saagie("schema", "pull", "--out", str(outside / "schema"))
            assert pulled.returncode == 0, pulled.stderr
            assert "type Job " in (outside / "schema" / "projects.graphql").read_text()
            missing = saagie("projects", "get", "nope")
            assert missing.returncode == 4 and json.loads(missing.stderr)["error"]["type"] == "NotFoundError"
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_pytest_plugin_in_a_user_project(environment: Environment, outside: Path) -> None:
    project = outside / "tests"
    project.mkdir()
    # Kept as plugin_project.py in the checkout, so that the project's own suite does not collect it.
    (outside / "plugin_project.py").rename(project / "test_plugin_project.py")
    result = _python(environment, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(project), cwd=outside)
    assert result.returncode == 0, f"[{environment.name}] {result.stdout}\n{result.stderr}"
    assert "2 passed" in result.stdout


def test_downstream_mypy_strict_sees_the_types(environment: Environment, outside: Path) -> None:
    """mypy --strict on a user's scripts, against the environment's installed packages (needs py.typed)."""
    (outside / "mypy.ini").write_text("[mypy]\n")  # none of the checkout's settings
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            "mypy.ini",
            "--cache-dir",
            str(outside / ".mypy_cache"),
            "--python-executable",
            str(environment.python),
            "typed_ok.py",
            "typed_error.py",
        ],
        cwd=outside,
        capture_output=True,
        text=True,
        timeout=600,
        env=clean_env(),
        check=False,
    )
    output = result.stdout + result.stderr
    errors = [line for line in output.splitlines() if ": error:" in line]
    assert result.returncode == 1, output
    assert len(errors) == 1, output
    assert errors[0].startswith('typed_error.py:8: error: Unsupported operand types for + ("int" and "str")'), output
