"""Schema literals only through generated enums: a renamed value breaks the build, and saagie doctor sees it live."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from graphql import build_schema, introspection_from_schema

from saagieapi import enums
from saagieapi._core.statuses import RELIED_ON
from saagieapi.cli._doctor import check_enum_values

from .test_codegen_check import checkout  # noqa: F401  (the fixture: a copy of what codegen reads)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "projects.graphql"


def renamed(sdl: str, enum: str, old: str, new: str) -> str:
    """``sdl`` with the value ``old`` of ``enum`` renamed ``new`` (only inside that enum's block)."""
    block = re.search(rf"enum {enum} \{{.*?\}}", sdl, flags=re.S)
    assert block is not None and re.search(rf"\b{old}\b", block.group(0))
    changed = re.sub(rf"\b{old}\b", new, block.group(0))
    return sdl[: block.start()] + changed + sdl[block.end() :]


def test_every_value_relied_on_is_in_the_schema_and_the_enums() -> None:
    for enum, values in RELIED_ON.items():
        assert values <= {member.value for member in getattr(enums, enum)}, enum
    assert check_enum_values({"projects": introspection_from_schema(build_schema(SCHEMA.read_text()))}) == []


def test_doctor_names_a_value_the_live_schema_lacks() -> None:
    live = build_schema(renamed(SCHEMA.read_text(), "InstanceStatus", "KILLED", "TERMINATED"))
    assert check_enum_values({"projects": introspection_from_schema(live)}) == ["InstanceStatus.KILLED"]


def test_renaming_an_enum_value_the_sdk_uses_breaks_the_build(checkout: Path) -> None:  # noqa: F811
    """Issue 14: InstanceStatus.KILLED renamed in schema/, regenerated: mypy (and the import) fail, naming it."""
    schema = checkout / "schema" / "projects.graphql"
    schema.write_text(renamed(schema.read_text(), "InstanceStatus", "KILLED", "TERMINATED"))

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=checkout, capture_output=True, text=True, check=False, timeout=600)

    stale = run(sys.executable, "scripts/regenerate.py", "--check")
    assert stale.returncode == 1 and "enums.py differs" in stale.stderr
    assert run(sys.executable, "scripts/regenerate.py").returncode == 0
    typed = run(sys.executable, "-m", "mypy", "--no-incremental", "-m", "saagieapi._core.statuses")
    assert typed.returncode == 1
    assert '"type[InstanceStatus]" has no attribute "KILLED"' in typed.stdout
    imported = run(sys.executable, "-c", "import saagieapi._core.statuses")
    assert imported.returncode == 1 and "KILLED" in imported.stderr
