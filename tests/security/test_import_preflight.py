"""Pre-flight of an import: the whole export folder is parsed, validated and cross-checked before the first request.

Every malformed folder of issue 16 raises one typed ExportFormatError listing every problem (file and JSON
path), and the platform receives 0 requests (counted by the emulator). A 2.x export holding the artifact of
the current version only imports that version and reports the others as skipped. Then hypothesis mutates
the values of a valid export (types, nulls, huge and nested values, unicode, NUL): only typed errors, and 0
requests whenever the import refuses the folder.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi
from saagieapi.errors import ExportError, ExportFormatError, MissingArtifactError, SaagieError, UnsafePathError

from ..support.platforms import connect

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "export-samples-2x"


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=500.0) as running:
        yield running


@pytest.fixture(scope="module")
def api(platform: RunningPlatform) -> Iterator[SaagieApi]:
    with connect(platform) as client:
        client.login()
        yield client


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "export"
    shutil.copytree(SAMPLES / "project", root)
    return root


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    content = json.loads(path.read_text())
    change(content)
    path.write_text(json.dumps(content))


def _requests(platform: RunningPlatform) -> int:
    return platform.stats.requests


def _deep(depth: int) -> str:
    return '{"name": "deep", "x": ' + "[" * depth + "]" * depth + "}"


def _symlink_loop(root: Path) -> None:
    (root / "jobs" / "loop").symlink_to(root / "jobs" / "loop")


def _replace_by_file(path: Path) -> None:
    shutil.rmtree(path)
    path.write_text("not a folder")


def _replace_by_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _replace_by_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)  # reading it would wait forever for a writer


CASES: dict[str, tuple[Callable[[Path], None], list[tuple[str, str]]]] = {
    # case: (how to break the sample, the (file, JSON path) problems expected in the error)
    "extraTechnology is a string": (
        lambda root: _edit(
            root / "jobs/job_spark/job.json", lambda c: c["versions"][0].__setitem__("extraTechnology", "python")
        ),
        [("jobs/job_spark/job.json", "versions[0].extraTechnology")],
    ),
    "graph is a list": (
        lambda root: _edit(
            root / "pipelines/without-alerting/pipeline.json", lambda c: c["versions"][0].__setitem__("graph", ["x"])
        ),
        [("pipelines/without-alerting/pipeline.json", "versions[0].graph")],
    ),
    "ports are strings": (
        lambda root: _edit(
            root / "apps/from-scratch/app.json", lambda c: c["currentVersion"].__setitem__("ports", ["80"])
        ),
        [("apps/from-scratch/app.json", "currentVersion.ports[0]")],
    ),
    "description is a number": (
        lambda root: _edit(
            root / "pipelines/with-existing-jobs/pipeline.json", lambda c: c.__setitem__("description", 12)
        ),
        [("pipelines/with-existing-jobs/pipeline.json", "description")],
    ),
    "all four at once": (
        lambda root: (
            [
                CASES[case][0](root)
                for case in (
                    "extraTechnology is a string",
                    "graph is a list",
                    "ports are strings",
                    "description is a number",
                )
            ]
            and None
        ),
        [
            ("jobs/job_spark/job.json", "versions[0].extraTechnology"),
            ("pipelines/without-alerting/pipeline.json", "versions[0].graph"),
            ("apps/from-scratch/app.json", "currentVersion.ports[0]"),
            ("pipelines/with-existing-jobs/pipeline.json", "description"),
        ],
    ),
    "a 100k-deep JSON file": (
        lambda root: (root / "jobs/job/job.json").write_text(_deep(100_000)),
        [("jobs/job/job.json", "")],
    ),
    "a 100-deep JSON value": (
        lambda root: _edit(root / "jobs/job/job.json", lambda c: c.__setitem__("x", json.loads("[" * 100 + "]" * 100))),
        [("jobs/job/job.json", "")],
    ),
    "a NUL in a name": (
        lambda root: _edit(root / "apps/from-catalog/app.json", lambda c: c.__setitem__("name", "app\x00")),
        [("apps/from-catalog/app.json", "name")],
    ),
    "an unknown variable scope": (
        lambda root: _edit(root / "env_vars/PROJECT/variable.json", lambda c: c.__setitem__("scope", "WRONG")),
        [("env_vars/PROJECT/variable.json", "scope")],
    ),
    "a pipeline on a job not in the export": (
        lambda root: _edit(
            root / "pipelines/without-alerting/pipeline.json",
            lambda c: c["versions"][0]["graph"]["jobNodes"][0].__setitem__("job", {"id": "x", "name": "ghost"}),
        ),
        [("pipelines/without-alerting/pipeline.json", "versions[0].graph.jobNodes[0].job")],
    ),
    "two current versions": (
        lambda root: _edit(
            root / "jobs/job_spark/job.json", lambda c: [v.__setitem__("isCurrent", True) for v in c["versions"]]
        ),
        [("jobs/job_spark/job.json", "versions")],
    ),
    # What the reader used to pass over without a word (the import then reported success without them), or
    # wait on forever (a FIFO).
    "jobs is a file": (lambda root: _replace_by_file(root / "jobs"), [("jobs", "")]),
    "pipelines is a file": (lambda root: _replace_by_file(root / "pipelines"), [("pipelines", "")]),
    "a job folder without job.json": (lambda root: (root / "jobs/orphan").mkdir(), [("jobs/orphan/job.json", "")]),
    "a variable folder without variable.json": (
        lambda root: (root / "env_vars/EMPTY").mkdir(),
        [("env_vars/EMPTY/variable.json", "")],
    ),
    "a job's version folder is a file": (
        lambda root: (root / "jobs/job_spark/version").write_text("not a folder"),
        [("jobs/job_spark/version", "")],
    ),
    "job.json is a FIFO": (lambda root: _replace_by_fifo(root / "jobs/job/job.json"), [("jobs/job/job.json", "")]),
    "project.json is a FIFO": (lambda root: _replace_by_fifo(root / "project.json"), [("project.json", "")]),
    "job.json is a folder": (lambda root: _replace_by_folder(root / "jobs/job/job.json"), [("jobs/job/job.json", "")]),
    "a link to no node": (
        lambda root: _edit(
            root / "pipelines/without-alerting/pipeline.json",
            lambda c: c["versions"][0]["graph"]["jobNodes"][0].__setitem__("nextNodes", ["nowhere"]),
        ),
        [("pipelines/without-alerting/pipeline.json", "versions[0].graph")],
    ),
}


def _within_seconds(seconds: float, call: Callable[[], object]) -> object:
    """``call()``, failing the test (not hanging the suite) when it has not returned after ``seconds``."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # re-raised below, in the test's thread
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():  # the daemon thread stays blocked (on a FIFO, say) until the session ends
        pytest.fail(f"still running after {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_malformed_folder_is_one_typed_error_listing_every_problem_and_nothing_is_sent(
    platform: RunningPlatform, api: SaagieApi, tmp_path: Path, case: str
) -> None:
    root = _copy(tmp_path)
    breaks, expected = CASES[case]
    breaks(root)
    before = _requests(platform)
    with pytest.raises(ExportFormatError) as caught:
        _within_seconds(20, lambda: api.projects.import_from_json(root))
    assert _requests(platform) == before  # not one request
    found = {(p.file, p.location) for p in caught.value.problems}
    assert set(expected) <= found, found
    assert len(caught.value.problems) == len(found) >= len(expected)
    for file, location in expected:
        assert f"{file} at {location}" in str(caught.value) if location else file in str(caught.value)
    assert "nothing was changed" in str(caught.value)


def test_a_symlink_loop_is_a_typed_error_and_nothing_is_sent(
    platform: RunningPlatform, api: SaagieApi, tmp_path: Path
) -> None:
    root = _copy(tmp_path)
    _symlink_loop(root)
    before = _requests(platform)
    with pytest.raises(UnsafePathError, match="symlink loop"):
        api.projects.import_from_json(root)
    assert _requests(platform) == before


def test_a_missing_current_artifact_is_a_missing_artifact_error(
    platform: RunningPlatform, api: SaagieApi, tmp_path: Path
) -> None:
    root = _copy(tmp_path)
    (root / "jobs/job_spark/version/1").mkdir(parents=True)
    (root / "jobs/job_spark/version/1/Documents_empty.txt").write_text("v1")
    before = _requests(platform)
    with pytest.raises(MissingArtifactError) as caught:
        api.projects.import_from_json(root)
    assert isinstance(caught.value, ExportFormatError) and _requests(platform) == before
    assert [(p.file, p.location) for p in caught.value.problems] == [
        ("jobs/job_spark/job.json", "versions[0].packageInfo")
    ]


def test_a_2x_export_without_old_artifacts_imports_the_current_version(api: SaagieApi, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root / "project.json", lambda c: c.__setitem__("name", "current-only"))
    (root / "jobs/job_spark/version/2").mkdir(parents=True)  # versions 2 (current) and 1 listed, only 2 there
    (root / "jobs/job_spark/version/2/Documents_empty.txt").write_text("v2")
    result = api.projects.import_from_json(root)
    assert result.ok, result.failed
    skipped = [item for item in result.skipped if item.kind == "job_version"]
    assert len(skipped) == 1 and "version 1" in skipped[0].reason and "skipped" in skipped[0].reason
    spark = next(item for item in result.created if item.kind == "job" and item.name == "test_job_api_spark2")
    assert spark.target_id is not None
    job = api.jobs.get_info(spark.target_id)
    assert [(v.number, v.is_current) for v in job.versions] == [(1, True)]
    assert job.versions[0].package_info is not None and job.versions[0].package_info.name == "Documents_empty.txt"


# -- hypothesis: values of a valid export mutated --------------------------------------------------------
def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every JSON path of ``value`` (keys and indexes)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index)
            yield from _paths(item, (*prefix, index))


FILES = [
    "project.json",
    "jobs/job/job.json",
    "jobs/job_spark/job.json",
    "pipelines/with-existing-jobs/pipeline.json",
    "pipelines/without-alerting/pipeline.json",
    "apps/from-scratch/app.json",
    "apps/from-catalog/app.json",
    "env_vars/PROJECT/variable.json",
]
PATHS = {file: sorted(_paths(json.loads((SAMPLES / "project" / file).read_text())), key=str) for file in FILES}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
odd_values = st.one_of(
    json_values,
    st.just("\x00"),
    st.just("é" * 5000),
    st.just(10**300),
    st.just(-1),
    st.just(""),
    st.just([]),
    st.just({}),
    st.builds(lambda depth: json.loads("[" * depth + "]" * depth), st.integers(60, 400)),
)
mutations = st.lists(
    st.sampled_from(FILES).flatmap(lambda file: st.tuples(st.just(file), st.sampled_from(PATHS[file]), odd_values)),
    min_size=1,
    max_size=3,
)
RUN: dict[str, int] = {"refused": 0, "imported": 0}


def _set(content: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        content = content[step]
    content[path[-1]] = value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutations)
def test_mutated_exports_raise_only_typed_errors_and_send_nothing_when_refused(
    platform: RunningPlatform, api: SaagieApi, tmp_path_factory: pytest.TempPathFactory, changes: list[Any]
) -> None:
    root = tmp_path_factory.mktemp("mutated") / "export"
    shutil.copytree(SAMPLES / "project", root)
    for file, path, value in changes:
        content = json.loads((root / file).read_text())
        try:
            _set(content, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced the parent
        (root / file).write_text(json.dumps(content, ensure_ascii=False))
    _edit(
        root / "project.json",
        lambda c: c.__setitem__("name", f"mutated-{RUN['imported']}") if isinstance(c, dict) else None,
    )
    before = _requests(platform)
    try:
        result = api.projects.import_from_json(root)
    except ExportError:
        RUN["refused"] += 1
        assert _requests(platform) == before  # refused before anything was sent
        return
    except SaagieError:
        RUN["imported"] += 1  # refused by the platform: a typed error, once the import had started
        return
    RUN["imported"] += 1
    assert all(item.action in ("created", "completed", "unchanged", "skipped", "failed") for item in result.done)


def test_the_mutations_did_both_refuse_and_import() -> None:
    # The property above is only meaningful when both branches ran (pytest runs this after it).
    print("\nmutated exports:", RUN)
    assert RUN["refused"] >= 10, RUN
