"""The migration guide's table has a row for every public method of the installed saagieapi 2.13.1."""

from __future__ import annotations

import importlib
import inspect
import re
import sys

import pytest

from saagieapi import SaagieApi

from ..support.saagieapi2 import saagieapi2_signatures
from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
migration_table = importlib.import_module("migration_table")

OLD_CALL = re.compile(r"^`(?:saagie|SaagieApi)\.(?:(?P<attribute>\w+)\.)?(?P<method>\w+)\(")
NEW_CALL = re.compile(r"^`(?:api|SaagieApi)\.(?:(?P<attribute>\w+)\.)?(?P<method>\w+)\(")


def table_rows() -> dict[tuple[str, str], list[str]]:
    """``{(module, 2.x method): cells}`` of the generated table of docs/migration.md."""
    text = (ROOT / "docs" / "migration.md").read_text(encoding="utf-8")
    assert migration_table.START in text and migration_table.END in text, "migration table markers are missing"
    table = text.split(migration_table.START, 1)[1].split("### New in 3.x", 1)[0]
    rows: dict[tuple[str, str], list[str]] = {}
    for line in table.splitlines():
        if not line.startswith("| ") or line.startswith("| module"):
            continue
        cells = migration_table.split_row(line)
        match = OLD_CALL.match(cells[1])
        assert match, f"unreadable 2.x call in row {line!r}"
        rows[(cells[0], match["method"])] = cells
    return rows


def ours(module: str) -> type:
    if module == "SaagieApi":
        return SaagieApi
    imported = importlib.import_module(f"saagieapi._sync.{module}")
    (cls,) = [getattr(imported, name) for name in imported.__all__]
    return cls


@pytest.mark.compat
def test_every_saagieapi2_method_has_a_row() -> None:
    rows = table_rows()
    expected = {(module, method) for module, methods in saagieapi2_signatures().items() for method in methods}
    assert len(expected) > 150
    assert sorted(expected - set(rows)) == []
    assert sorted(set(rows) - expected) == []


@pytest.mark.parametrize("module", list(migration_table.MODULES))
def test_rows_say_so_when_3x_lacks_the_method(module: str) -> None:
    methods = {name for name, member in inspect.getmembers(ours(module)) if callable(member)}
    for (row_module, method), cells in table_rows().items():
        if row_module != module:
            continue
        if method not in methods:
            assert migration_table.MISSING in cells[2], f"{module}.{method} is not in 3.x but its row does not say so"
        else:
            match = NEW_CALL.match(cells[2])
            if match is None:  # a row written before the method landed: stale, but still honest
                assert migration_table.MISSING in cells[2], cells
                continue
            assert match["method"] in methods, f"{module}.{method}: the row names a 3.x call that does not exist"
            assert (match["attribute"] or "") == migration_table.MODULES[module], cells
            assert cells[3].startswith("`"), f"{module}.{method}: no 3.x return type"


def test_the_table_lists_the_2x_calls_with_their_module() -> None:
    for (module, method), cells in table_rows().items():
        attribute = OLD_CALL.match(cells[1])
        assert attribute is not None
        assert (attribute["attribute"] or "") == migration_table.MODULES[module], (module, method)


def test_the_table_is_up_to_date() -> None:
    """The generated table matches the code: after changing a signature, run scripts/migration_table.py."""
    import subprocess

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "migration_table.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
