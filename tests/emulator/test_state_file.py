"""The state file is versioned JSON that never runs code: what it accepts, and what it refuses."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from saagie_emulator import model, running
from saagie_emulator.seed import seed_data
from saagie_emulator.state_file import ALLOWED_TYPES, StateFileError, decode, encode, read_state, write_state
from saagie_emulator.store import StoreData


def _document(data: Any, *, version: Any = 1, fmt: Any = "saagie-emulator-state") -> str:
    return json.dumps({"format": fmt, "version": version, "data": data})


def _populated() -> StoreData:
    data = seed_data()
    timeline = model.Timeline([(1.0, "REQUESTED"), (2.5, "RUNNING"), (3.0, "SUCCEEDED")])
    data.projects["p"] = model.Project(
        id="p", name="p", creator="admin", technologies_by_category=[("Processing", ["t1", "t2"])]
    )
    data.jobs["j"] = model.Job(
        id="j",
        project_id="p",
        name="j",
        category="Processing",
        technology_id="t1",
        creator="admin",
        versions=[model.JobVersion(number=1, creator="admin", artifact=b"\x00\xff\x80binary", package_name="a.py")],
    )
    data.job_instances["i"] = model.JobInstance(
        id="i", number=1, job_id="j", version_number=1, timeline=timeline, visible_from=1.0
    )
    data.apps["a"] = model.App(
        id="a",
        project_id="p",
        name="a",
        technology_id="t",
        creator="admin",
        versions=[model.AppVersion(number=1, creator="admin", ports=[{"port": 80}])],
        executions=[model.AppExecution(id="e", version_number=1, timeline=timeline)],
    )
    data.env_vars["v"] = model.EnvVar(
        id="v", name="SECRET", scope="GLOBAL", entity_id=None, value="hunter2", is_password=True
    )
    data.users["odd"] = model.User(login="odd", password="pw", platforms=[{"__type__": "os.system"}, {1: "int key"}])
    return data


def test_every_model_dataclass_is_allowed() -> None:
    classes = [getattr(model, name) for name in model.__all__]
    dataclasses_in_model = {cls.__name__ for cls in classes if isinstance(cls, type) and dataclasses.is_dataclass(cls)}
    assert dataclasses_in_model | {"StoreData"} == set(ALLOWED_TYPES)


def test_round_trip_keeps_types(tmp_path: Path) -> None:
    data = _populated()
    path = tmp_path / "state.json"
    write_state(path, data)
    loaded = read_state(path)
    assert loaded == data
    assert loaded.jobs["j"].versions[0].artifact == b"\x00\xff\x80binary"
    assert loaded.job_instances["i"].timeline.steps[1] == (2.5, "RUNNING")
    assert isinstance(loaded.projects["p"].technologies_by_category[0], tuple)
    assert loaded.users["odd"].platforms == [{"__type__": "os.system"}, {1: "int key"}]
    assert loaded.projects["p"].creation_date.tzinfo is not None
    assert os.listdir(tmp_path) == ["state.json"]  # no temporary file left behind
    assert "hunter2" in path.read_text(encoding="utf-8")  # kept, as the pickle did...
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0  # ...but readable by the owner only


def test_other_values() -> None:
    values = {
        "tuple": (1, "a"),
        "set": {1, 2},
        "frozen": frozenset({"x"}),
        "counter": Counter({"a": 2}),
        "when": datetime(2024, 1, 2, 3, 4, 5, 6000, tzinfo=timezone.utc),
        "day": date(2024, 1, 2),
        "keys": {(1, 2): "tuple key", None: 0},
    }
    decoded = decode(json.loads(json.dumps(encode(values))))
    assert decoded == values
    assert isinstance(decoded["counter"], Counter)
    with pytest.raises(TypeError, match="cannot save"):
        encode(object())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"__type__": "os.system"}, "type 'os.system' is not allowed"),
        ({"__type__": "system", "command": "rm -rf /"}, "type 'system' is not allowed"),
        ([{"__type__": "posix.system", "args": ["id"]}], "type 'posix.system' is not allowed"),
        ({"__reduce__": ["os.system", ["id"]]}, "unknown tag '__reduce__'"),
        ({"__enum__": "Job", "value": 1}, "not an enum"),
        ({"__type__": "StoreData", "realm": "r", "platform_id": 1, "platform_name": "p", "evil": 1}, "unknown field"),
        ({"__type__": "StoreData", "realm": "r"}, "platform_id"),
        ({"__bytes__": "***"}, "not base64"),
        ({"__datetime__": "yesterday"}, "__datetime__"),
        ({"__type__": "Project", "id": "p", "name": "p", "creator": "c"}, "data is not a StoreData"),
    ],
)
def test_tampered_content_is_refused(tmp_path: Path, data: Any, message: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(_document(data), encoding="utf-8")
    with pytest.raises(StateFileError, match=message) as caught:
        read_state(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json {", "is not valid JSON"),
        ("", "is not valid JSON"),
        ("[1, 2]", "is not a saagie_emulator state file"),
        (_document({}, fmt="something-else"), "is not a saagie_emulator state file"),
        (_document({}, version=2), "has format version 2; this saagie_emulator reads version 1 only"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON|refused"),
    ],
)
def test_files_of_another_kind_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StateFileError, match=message) as caught:
        read_state(path)
    assert str(path) in str(caught.value)


class _Boom:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, ("echo pwned > pwned.txt",))


def test_a_pickle_is_refused_without_being_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "state.bin"
    path.write_bytes(pickle.dumps(_Boom()))
    pattern = r"looks like a pickle .* format changed to JSON"
    with pytest.raises(StateFileError, match=pattern) as caught, running(state_path=path):
        pass  # pragma: no cover - the platform must not start
    assert str(path) in str(caught.value)
    assert not (tmp_path / "pwned.txt").exists()
    assert path.read_bytes() == pickle.dumps(_Boom())  # left alone, not overwritten with a fresh state


def test_a_tampered_file_stops_the_start(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(_document({"__type__": "os.system", "command": "id"}), encoding="utf-8")
    with pytest.raises(StateFileError, match=r"'os\.system' is not allowed"), running(state_path=path):
        pass  # pragma: no cover - the platform must not start


def test_command_line_refuses_a_bad_state_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(_document({}, version=99), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "saagie_emulator", "--port", "0", "--state", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""  # nothing announced: the server never started
    assert "not started" in result.stderr and str(path) in result.stderr and "version 99" in result.stderr
