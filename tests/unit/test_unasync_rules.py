"""The sync twins' discipline (scripts/unasync_rules.py): I/O modules only, no dead substitution, nothing async left."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import saagieapi._sync.transport
from saagieapi import AsyncSaagieApi, SaagieApi

from .test_codegen_check import check, checkout  # noqa: F401  (the fixture: a copy of what codegen reads)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from unasync_rules import async_leftovers, modules_without_async_code, unused_substitutions  # noqa: E402


def test_a_module_without_async_code_is_named(tmp_path: Path) -> None:
    (tmp_path / "io.py").write_text("async def get() -> None:\n    await other()\n")
    (tmp_path / "typed.py").write_text("from x import AsyncClient\n")
    (tmp_path / "pure.py").write_text("def add(a: int, b: int) -> int:\n    return a + b\n")
    (tmp_path / "__init__.py").write_text("")
    assert modules_without_async_code(tmp_path.glob("*.py")) == ["pure.py"]


def test_unused_substitutions_are_named(tmp_path: Path) -> None:
    source = tmp_path / "a.py"
    source.write_text("async def f(lock: AsyncLock) -> None:\n    await lock.aclose()\n")
    names = {"AsyncLock": "SyncLock", "aclose": "close", "aiter_raw": "iter_raw"}
    prose = [(re.compile(r"\bSyncLock\b"), "Lock"), (re.compile(r"\btasks\b"), "threads")]
    unused = unused_substitutions([source], names, prose, ["def f(lock: SyncLock) -> None:\n    lock.close()\n"])
    assert unused == ["token replacement 'aiter_raw'", "prose rule '\\\\btasks\\\\b'"]


def test_async_words_left_in_a_twin_are_named(tmp_path: Path) -> None:
    twin = tmp_path / "transport.py"
    twin.write_text(
        'class Transport:\n    """Owns one ``httpx.AsyncClient``."""\n\n'
        "    def close(self) -> None:\n        # closes the pool the async client would await\n        pass\n"
    )
    assert async_leftovers([twin]) == ['transport.py:2: \'AsyncClient\' in """Owns one ``httpx.AsyncClient``."""']


def test_committed_twins_have_no_async_words() -> None:
    assert async_leftovers((ROOT / "saagieapi" / "_sync").glob("*.py")) == []


def test_reprs_and_docstrings_name_each_twin() -> None:
    with SaagieApi("https://x-workspace.io", 1, "alice", "pw", "x") as api:
        assert repr(api.transport).startswith("<Transport https://x-workspace.io ")
    api_async = AsyncSaagieApi("https://x-workspace.io", 1, "alice", "pw", "x")
    assert repr(api_async.transport).startswith("<AsyncTransport https://x-workspace.io ")
    doc = saagieapi._sync.transport.Transport.__doc__ or ""
    assert "httpx.Client" in doc and "Async" not in doc


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda root: _edit(
                root / "scripts" / "regenerate.py",
                '    "aclose": "close",\n',
                '    "aclose": "close",\n    "aiter_raw": "iter_raw",\n',
            ),
            "unused substitution(s) in scripts/regenerate.py (remove them): token replacement 'aiter_raw'",
        ),
        (
            lambda root: (root / "saagieapi" / "_async" / "pure_helpers.py").write_text("X = 1\n"),
            "saagieapi/_async holds module(s) without async code: pure_helpers.py",
        ),
        (
            lambda root: _edit(
                root / "saagieapi" / "_async" / "transport.py", "{type(self).__name__}", "AsyncTransport"
            ),
            "asynchronous words left in saagieapi/_sync",
        ),
    ],
    ids=["unused substitution", "pure module in _async", "async class name in a repr"],
)
def test_codegen_check_fails_when_the_discipline_is_broken(checkout: Path, change: object, message: str) -> None:  # noqa: F811
    change(checkout)  # type: ignore[operator]
    result = check(checkout)
    assert result.returncode == 1 and message in result.stderr, result.stderr


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
