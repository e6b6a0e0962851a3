"""docs/migration.md keeps what issue 18 asks of it: the three ways to migrate (the ``saagieapi.v2`` layer as it is,
with warnings and ``saagie migrate check``, the typed API), the moved graph module, result objects that are not
``== True`` and the exception changes. A merge that takes an older side of the page fails here, not in review."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "migration.md"


def _text() -> str:
    return PAGE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "heading",
    [
        "## 1. The 2.x layer: `saagieapi.v2`",
        "### Errors: the one deliberate difference",
        "## 2. Find the calls to migrate",
        "## 3. The typed API",
        "### The graph classes moved",
        "### `*Result` objects are truthy, but not `== True`",
        "## Every 2.x method",
    ],
)
def test_sections(heading: str) -> None:
    assert re.search(rf"^{re.escape(heading)}$", _text(), re.MULTILINE), f"docs/migration.md lost {heading!r}"


@pytest.mark.parametrize(
    "needle",
    [
        "from saagieapi.v2 import SaagieApi",
        "from saagieapi.v2.pipelines.graph_pipeline import",
        "saagieapi.pipelines.graph_pipeline import GraphPipeline` raises `ModuleNotFoundError`",
        "saagie migrate check",
        "--fix",
        "--json",
        "enable_warnings()",
        "SAAGIEAPI_V2_WARNINGS=1",
        "`RuntimeError`",
        "`NameError`",
        "`TimeoutError`",
        "`SystemExit(1)`",
        "status, instance_id = saagie.jobs.run_with_callback(",
        '`{"job": None}`',
    ],
)
def test_points(needle: str) -> None:
    assert needle in _text(), f"docs/migration.md no longer says {needle!r}"


def test_the_v2_examples_run() -> None:
    """The 2.x-layer examples are run by the docs test (tests/docs): none is marked 2.x-only or no-run."""
    text = _text()
    block = text.split("# 3.x, 2.x results", 1)[1].split("```", 1)[0]
    before = text.split("# 3.x, 2.x results", 1)[0].rsplit("```python", 1)[0]
    assert "saagie.jobs.run_with_callback" in block
    assert not before.rstrip().endswith("-->"), "the saagieapi.v2 example must run in the docs test"
