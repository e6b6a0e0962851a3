"""`make codegen-check` (scripts/regenerate.py --check) catches drift, config typos and operation clashes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of what code generation reads and writes."""
    for name in ("codegen.toml", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    for name in ("schema", "queries", "codegen", "scripts", "saagieapi", "tests/integration"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "regenerate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )


def test_committed_code_is_up_to_date(checkout: Path) -> None:
    result = check(checkout)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


def test_unknown_config_key_fails(checkout: Path) -> None:
    config = checkout / "codegen.toml"
    config.write_text(config.read_text().replace("[common]\n", "[common]\nasync_clinet = false\n"))
    result = check(checkout)
    assert result.returncode == 1 and "async_clinet" in result.stderr


def test_operation_name_clash_fails(checkout: Path) -> None:
    (checkout / "queries" / "projects" / "zz_clash.graphql").write_text("query getPlatformInfo { platform { id } }\n")
    result = check(checkout)
    assert result.returncode == 1 and "get_platform_info" in result.stderr


def test_hand_edited_generated_file_fails(checkout: Path) -> None:
    target = checkout / "saagieapi" / "_generated" / "projects" / "client.py"
    target.write_text(target.read_text() + "\n# edited by hand\n")
    result = check(checkout)
    assert result.returncode == 1 and "client.py differs" in result.stderr


def test_stale_sync_twin_fails(checkout: Path) -> None:
    (checkout / "saagieapi" / "_sync" / "leftover.py").write_text("x = 1\n")
    result = check(checkout)
    assert result.returncode == 1 and "leftover.py is stale" in result.stderr
