"""``saagie schema diff``: drift between the committed schema/ and a live platform (the emulator), for CI.

The emulator serves schema/ itself; drift is made either on its side (``drop_fields``: an older platform) or
on ours (a copy of schema/ edited: the platform then looks as if it had added or renamed something).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform

from .conftest import Result, invoke, platform_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def older_platform() -> Iterator[RunningPlatform]:
    """A platform whose projects API no longer has ``Job.alias``."""
    with saagie_emulator.running(drop_fields=("Job.alias",)) as platform:
        yield platform


def copy_schema(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    """schema/ copied to ``tmp_path/schema``, with one regex substitution in projects.graphql."""
    folder = tmp_path / "schema"
    shutil.copytree(ROOT / "schema", folder)
    if edit is not None:
        path = folder / "projects.graphql"
        text, count = re.subn(edit[0], edit[1], path.read_text(), count=1, flags=re.MULTILINE)
        assert count == 1, edit
        path.write_text(text)
    return folder


def diff(platform: RunningPlatform, tmp_path: Path, *args: str) -> Result:
    return invoke(platform_env(platform, tmp_path / "config.ini"), "--json", "schema", "diff", *args)


def test_no_change_exits_0(saagie_platform: RunningPlatform, tmp_path: Path) -> None:
    result = diff(saagie_platform, tmp_path, "--schema-dir", str(ROOT / "schema"))
    assert result.exit_code == 0, result.stderr
    assert result.json["severity"] == "none" and result.json["changes"] == []


def test_a_dropped_field_is_breaking_and_names_the_sdk_methods(older_platform: RunningPlatform, tmp_path: Path) -> None:
    result = diff(older_platform, tmp_path, "--schema-dir", str(ROOT / "schema"))

    assert result.exit_code == 2, result.stderr
    (change,) = result.json["changes"]
    assert change["severity"] == "breaking" and change["kind"] == "FIELD_REMOVED"
    assert change["description"] == "Job.alias was removed."
    assert {"GetJob", "GetJobByAlias", "ListJobsForProject"} <= set(change["operations"])
    assert {"api.jobs.get_info", "api.jobs.get_info_by_alias", "api.jobs.create"} <= set(change["sdk_methods"])
    assert not [method for method in change["sdk_methods"] if method.startswith(("api.users.", "api.storages."))]
    # The same methods saagie doctor finds by validating every operation against that platform.
    doctor = invoke(platform_env(older_platform, tmp_path / "config.ini"), "--json", "doctor")
    failing = {method for item in doctor.json["failing_operations"] for method in item["sdk_methods"]}
    assert set(change["sdk_methods"]) == failing


def test_in_a_terminal_each_change_is_listed_with_its_methods(older_platform: RunningPlatform, tmp_path: Path) -> None:
    result = invoke(
        platform_env(older_platform, tmp_path / "config.ini"), "schema", "diff", "--schema-dir", str(ROOT / "schema")
    )
    assert result.exit_code == 2
    text = " ".join(result.stdout.split())
    assert "BREAKING projects: Job.alias was removed." in text
    assert "SDK methods: " in text and "api.jobs.get_info_by_alias" in text
    assert "1 breaking, 0 dangerous, 0 safe" in text


def test_a_renamed_enum_value_is_breaking(saagie_platform: RunningPlatform, tmp_path: Path) -> None:
    # Ours says FORMER_KILLED where the platform says KILLED: as if the platform had renamed it.
    folder = copy_schema(tmp_path, (r"^  KILLED$", "  FORMER_KILLED"))

    result = diff(saagie_platform, tmp_path, "--schema-dir", str(folder))

    assert result.exit_code == 2, result.stderr
    changes = {(c["severity"], c["description"]): c for c in result.json["changes"]}
    removed = changes["breaking", "FORMER_KILLED was removed from enum type InstanceStatus."]
    added = changes["dangerous", "KILLED was added to enum type InstanceStatus."]
    assert "api.jobs.run_with_callback" in removed["sdk_methods"]
    assert added["sdk_methods"] == removed["sdk_methods"]
    assert len(changes) == 2


def test_an_added_field_is_safe(saagie_platform: RunningPlatform, tmp_path: Path) -> None:
    # Ours lacks Job.description: the platform has a field we do not know (yet).
    folder = copy_schema(tmp_path, (r"^  description: String\n(?=  \"\"\"Number of instances)", ""))

    result = diff(saagie_platform, tmp_path, "--schema-dir", str(folder))

    assert result.exit_code == 0, result.stderr
    assert result.json["severity"] == "safe"
    (change,) = result.json["changes"]
    assert (change["kind"], change["description"]) == ("FIELD_ADDED", "Job.description was added.")


def test_an_added_enum_value_is_dangerous(saagie_platform: RunningPlatform, tmp_path: Path) -> None:
    folder = copy_schema(tmp_path, (r"^  KILLED\n", ""))

    result = diff(saagie_platform, tmp_path, "--schema-dir", str(folder))

    assert result.exit_code == 1, result.stderr
    assert [c["kind"] for c in result.json["changes"]] == ["VALUE_ADDED_TO_ENUM"]


def test_write_keeps_the_layout_and_descriptions(saagie_platform: RunningPlatform, tmp_path: Path) -> None:
    folder = copy_schema(tmp_path, (r"^  KILLED$", "  FORMER_KILLED"))

    result = diff(saagie_platform, tmp_path, "--schema-dir", str(folder), "--write", "--no-regenerate")

    assert result.exit_code == 2, result.stderr
    assert result.json["written"] == [str(folder / "projects.graphql")]
    # The platform serves the committed schema: writing it back gives the committed file, byte for byte.
    assert (folder / "projects.graphql").read_text() == (ROOT / "schema" / "projects.graphql").read_text()
    assert diff(saagie_platform, tmp_path, "--schema-dir", str(folder)).exit_code == 0


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """What regeneration reads and writes, copied."""
    root = tmp_path / "checkout"
    root.mkdir()
    for name in ("codegen.toml", "pyproject.toml"):
        shutil.copy2(ROOT / name, root / name)
    for name in ("schema", "queries", "codegen", "scripts", "saagieapi"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_write_then_regeneration_that_fails_names_the_queries(
    older_platform: RunningPlatform, checkout: Path, tmp_path: Path
) -> None:
    result = diff(older_platform, tmp_path, "--schema-dir", str(checkout / "schema"), "--write")

    assert result.exit_code == 2
    regenerated = result.json["regenerated"]
    assert regenerated["ok"] is False
    assert "Traceback" not in regenerated["output"]
    assert re.search(
        r"^queries/projects/jobs\.graphql:\d+: .*Cannot query field 'alias' on type 'Job'", regenerated["output"], re.M
    )
    assert (
        "alias: String"
        not in (checkout / "schema" / "projects.graphql").read_text().split("type Job {")[1].split("}")[0]
    )


def test_write_then_regeneration(saagie_platform: RunningPlatform, checkout: Path, tmp_path: Path) -> None:
    projects = checkout / "schema" / "projects.graphql"
    projects.write_text(
        re.sub(r"^  description: String\n(?=  \"\"\"Number of instances)", "", projects.read_text(), flags=re.M)
    )

    result = diff(saagie_platform, tmp_path, "--schema-dir", str(checkout / "schema"), "--write")

    assert result.exit_code == 0, result.stderr
    assert result.json["regenerated"]["ok"] is True, result.json["regenerated"]["output"]
    check = subprocess.run(
        [sys.executable, str(checkout / "scripts" / "regenerate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=checkout,
    )
    assert check.returncode == 0, check.stderr
