"""Pure parts of the export layout: path safety, condition parsing, artifacts, results, bounded concurrency."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from saagieapi._backend import sync_gather_limited
from saagieapi.errors import ExportFormatError, MissingArtifactError, UnsafePathError
from saagieapi.export_layout import (
    ImportResult,
    TransferItem,
    artifact_of_version,
    condition_input,
    read_export_json,
    safe_path,
)


def test_safe_path_rejects_escapes(tmp_path: Path) -> None:
    assert safe_path(tmp_path, "jobs/a/job.json") == tmp_path.resolve() / "jobs/a/job.json"
    for bad in ("../x", "/etc/passwd", "jobs/../../x"):
        with pytest.raises(UnsafePathError):
            safe_path(tmp_path, bad)
    (tmp_path / "link").symlink_to(tmp_path.parent)
    with pytest.raises(UnsafePathError):
        safe_path(tmp_path, "link/anything")


def test_conditions_keep_the_whole_expression() -> None:
    # 2.x cut the expression at the first '")'
    node = {"condition": {"toString": 'ConditionExpression(expression="a == \\")" && b")'}}
    assert condition_input(node) == {"custom": {"expression": 'a == \\")" && b'}}
    assert condition_input({"condition": {"toString": "ConditionStatus(value=AllSuccess)"}}) == {
        "status": {"value": "AllSuccess"}
    }
    assert condition_input({"condition": None}) is None


def test_malformed_json_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "job.json"
    bad.write_text("{oops")
    with pytest.raises(ExportFormatError, match=r"job\.json"):
        read_export_json(bad, tmp_path)
    bad.write_text("[]")
    with pytest.raises(ExportFormatError):
        read_export_json(bad, tmp_path)


def test_artifacts(tmp_path: Path) -> None:
    version = {"number": 2, "packageInfo": {"name": "a.py"}}
    assert artifact_of_version(tmp_path, tmp_path, version) is None  # no version/ folder at all: 2.x samples
    (tmp_path / "version" / "2").mkdir(parents=True)
    with pytest.raises(MissingArtifactError):
        artifact_of_version(tmp_path, tmp_path, version)
    (tmp_path / "version" / "2" / "a.py").write_text("x")
    assert artifact_of_version(tmp_path, tmp_path, version) == (tmp_path / "version/2/a.py").resolve()
    with pytest.raises(UnsafePathError):
        artifact_of_version(tmp_path, tmp_path, {"number": 2, "packageInfo": {"name": "../../x"}})


def test_result_is_false_when_something_failed(tmp_path: Path) -> None:
    result = ImportResult(folder=tmp_path)
    assert result and result.ok
    result.failed.append(TransferItem("job", "j", reason="boom"))
    assert not result


def test_gather_limited_runs_in_parallel_within_the_limit() -> None:
    running, peak, lock = [0], [0], threading.Lock()

    def work(value: int) -> int:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return value * 2

    start = time.monotonic()
    assert sync_gather_limited([lambda v=v: work(v) for v in range(6)], 3) == [0, 2, 4, 6, 8, 10]
    assert peak[0] == 3 and time.monotonic() - start < 0.25

    def boom() -> int:
        raise ValueError("first")

    with pytest.raises(ValueError, match="first"):
        sync_gather_limited([boom, lambda: 1], 2)
