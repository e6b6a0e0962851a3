"""The integration tests are written once (tests/integration/_async); their sync twins are generated and checked."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
ASYNC = ROOT / "tests" / "integration" / "_async"
SYNC = ROOT / "tests" / "integration" / "_sync"


def regenerate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate_for_tests", ROOT / "scripts" / "regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def test_every_async_test_has_a_sync_twin_without_async_code() -> None:
    sources = sorted(path.name for path in ASYNC.glob("*.py"))
    assert sorted(path.name for path in SYNC.glob("*.py")) == sources and len(sources) > 10
    for name in sources:
        source, twin = ast.parse((ASYNC / name).read_text()), ast.parse((SYNC / name).read_text())
        tests = {node.name for node in ast.walk(source) if isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef)}
        assert tests == {node.name for node in ast.walk(twin) if isinstance(node, ast.FunctionDef)}, name
        async_nodes = (ast.AsyncFunctionDef, ast.Await, ast.AsyncWith, ast.AsyncFor)
        assert not [node for node in ast.walk(twin) if isinstance(node, async_nodes)], name
        assert "anyio" not in (SYNC / name).read_text() and "AsyncSaagieApi" not in (SYNC / name).read_text(), name
        if name.startswith("test_"):
            assert "pytestmark = pytest.mark.anyio" in (ASYNC / name).read_text(), f"{name}: mark it anyio"


def test_a_hand_edited_twin_or_a_new_test_without_twin_fails_the_check(checkout: Path) -> None:
    twin = checkout / "tests" / "integration" / "_sync" / "test_jobs.py"
    twin.write_text(twin.read_text() + "\n# edited by hand\n")
    (checkout / "tests" / "integration" / "_async" / "test_new.py").write_text(
        "import pytest\n\npytestmark = pytest.mark.anyio\n\n\nasync def test_new() -> None:\n    pass\n"
    )
    result = check(checkout)
    assert result.returncode == 1
    assert "tests/integration/_sync: test_jobs.py differs" in result.stderr
    assert "tests/integration/_sync: test_new.py would be created" in result.stderr


def test_an_unused_substitution_fails(tmp_path: Path) -> None:
    regenerate = regenerate_module()
    assert regenerate.unused_test_substitutions(sorted(ASYNC.glob("*.py"))) == []
    lonely = tmp_path / "test_lonely.py"
    lonely.write_text("async def test_it(api: AsyncSaagieApi) -> None:\n    await api.aclose()\n")
    unused = regenerate.unused_test_substitutions([lonely])
    assert "AsyncSaagieApi" not in unused and "aclose" not in unused and "connect_async" in unused
