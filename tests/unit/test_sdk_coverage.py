"""The SDK coverage table (docs/sdk-coverage.md, scripts/sdk_coverage.py): up to date, complete, honest."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sdk_coverage", ROOT / "scripts" / "sdk_coverage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def entries(script: ModuleType) -> list:  # type: ignore[type-arg]
    return script.coverage()  # type: ignore[no-any-return]


def test_the_checked_in_table_is_up_to_date(script: ModuleType, entries: list) -> None:  # type: ignore[type-arg]
    assert script.PAGE.read_text(encoding="utf-8") == script.render(entries), (
        "docs/sdk-coverage.md is stale: run python scripts/sdk_coverage.py"
    )


def test_every_non_deprecated_root_field_is_reached_by_a_public_method_sync_and_async(
    script: ModuleType,
    entries: list,  # type: ignore[type-arg]
) -> None:
    missing = [
        f"{e.api} {e.root}.{e.name}"
        for e in entries
        if not e.deprecated and e.key not in script.UNREACHED and not (e.methods and e.async_methods)
    ]
    assert not missing, "root fields no public method reaches (add a method, see CONTRIBUTING.md):\n" + "\n".join(
        missing
    )
    disagree = [
        f"{e.api} {e.root}.{e.name}"
        for e in entries
        if {m.replace("api.close", "api.aclose") for m in e.methods} != e.async_methods
    ]
    assert not disagree, f"the sync package and its async source reach different fields: {disagree}"


def test_the_allow_list_holds_only_deprecated_unreached_fields_with_a_working_replacement(
    script: ModuleType,
    entries: list,  # type: ignore[type-arg]
) -> None:
    by_key = {e.key: e for e in entries}
    for key, why in script.UNREACHED.items():
        assert key in by_key, f"{key} is not a root field of the schemas"
        entry = by_key[key]
        assert entry.deprecated, f"{key} is not deprecated: it needs a method, not an excuse"
        assert not entry.methods, f"{key} is reached by {sorted(entry.methods)}: take it off the allow-list"
        assert why.reason.strip()
        replacement = by_key[(key[0], key[1], why.replacement_field)]
        assert not replacement.deprecated, f"{key}: its replacement {why.replacement_field} is deprecated too"
        assert why.replacement_method in replacement.methods, (
            f"{key}: {why.replacement_method} does not reach {why.replacement_field}"
        )


def test_deprecated_fields_are_reached_only_on_purpose(entries: list) -> None:  # type: ignore[type-arg]
    """A deprecated field is reached only where no replacement exists, and such a method says so (none today)."""
    reached = [f"{e.api} {e.root}.{e.name}: {sorted(e.methods)}" for e in entries if e.deprecated and e.methods]
    assert reached == []


def test_the_scan_sees_direct_and_indirect_calls(entries: list) -> None:  # type: ignore[type-arg]
    """Guards against a scan that finds nothing: known paths through mixins, helpers and other resources."""
    by_name = {(e.api, e.name): e for e in entries}
    assert "api.jobs.follow_logs" in by_name[("projects", "filteredLogs")].methods  # a mixin's method
    assert "api.jobs.run_with_callback" in by_name[("projects", "filteredLogs")].methods  # through get_logs
    assert "api.pipelines.run_with_callback" in by_name[("projects", "filteredLogs")].methods  # another resource
    assert "api.jobs.create" in by_name[("gateway", "repositories")].methods  # the client's cached catalog
    assert "api.get_technology" in by_name[("gateway", "technology")].async_methods
    assert by_name[("projects", "runJob")].operations == {"projects.run_job"}


@pytest.mark.parametrize(("api", "root"), [("projects", "Query"), ("projects", "Mutation"), ("gateway", "Query")])
def test_a_new_root_field_of_the_schema_is_reported_unreached(
    script: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, api: str, root: str
) -> None:
    """The table follows the schema files: a root field the platform adds shows up as unreached, not ignored."""
    import shutil

    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    path = tmp_path / "schema" / f"{api}.graphql"
    text = path.read_text(encoding="utf-8")
    head = f"type {root} {{"
    assert text.count(head) == 1
    path.write_text(text.replace(head, f"{head}\n  brandNewRootField: Int", 1), encoding="utf-8")
    monkeypatch.setattr(script, "ROOT", tmp_path)

    entries = {e.key: e for e in script.coverage()}
    added = entries[(api, root, "brandNewRootField")]
    assert not added.deprecated and not added.methods and not added.async_methods
    assert "| `brandNewRootField` | **not reached** |" in script.render(list(entries.values()))
    with pytest.raises(AssertionError, match=f"{api} {root}.brandNewRootField"):
        test_every_non_deprecated_root_field_is_reached_by_a_public_method_sync_and_async(
            script, list(entries.values())
        )
