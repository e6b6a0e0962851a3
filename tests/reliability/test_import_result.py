"""An import that stops on an error hands over what it did (``error.result``), and reports each object's action."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from saagie_emulator import RunningPlatform
from saagieapi.errors import SaagieConnectionError

from ..support.platforms import connect, connect_async

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "export-samples-2x"


def test_an_error_between_phases_carries_the_partial_result(
    saagie_platform: RunningPlatform, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = tmp_path / "export"
    shutil.copytree(SAMPLES / "project", root)
    with connect(saagie_platform) as api:
        listing = api.jobs.list_for_project_minimal
        calls: list[str] = []

        def failing_second_time(project_id: str) -> Any:
            calls.append(project_id)
            if len(calls) == 2:  # after the jobs, before the pipelines
                raise SaagieConnectionError("the platform went away")
            return listing(project_id)

        monkeypatch.setattr(api.jobs, "list_for_project_minimal", failing_second_time)
        with pytest.raises(SaagieConnectionError) as caught:
            api.projects.import_from_json(root)
        partial = caught.value.result  # type: ignore[attr-defined]
        assert {(i.kind, i.action) for i in partial.created} >= {("project", "created"), ("job", "created")}
        assert {i.name for i in partial.created if i.kind == "job"} == {"test_job_python", "test_job_api_spark2"}
        assert not [i for i in partial.done if i.kind == "pipeline"]  # pipelines come after the jobs
        project_id = next(i.target_id for i in partial.created if i.kind == "project")
        assert partial.id_map and project_id

        monkeypatch.setattr(api.jobs, "list_for_project_minimal", listing)
        resumed = api.projects.import_from_json(root)
    assert resumed.ok, resumed.failed
    assert {i.kind for i in resumed.created} >= {"pipeline"}
    assert {i.kind for i in partial.created} | {i.kind for i in resumed.created} >= {"app"}
    assert {(i.kind, i.name) for i in resumed.unchanged if i.kind in ("project", "job")} == {
        ("project", "test import"),
        ("job", "test_job_python"),
        ("job", "test_job_api_spark2"),
    }


@pytest.mark.anyio
async def test_async_import_errors_carry_the_partial_result_too(
    saagie_platform: RunningPlatform, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = tmp_path / "export"
    shutil.copytree(SAMPLES / "project", root)
    async with connect_async(saagie_platform) as api:

        async def gone(project_id: str) -> Any:
            raise SaagieConnectionError("the platform went away")

        monkeypatch.setattr(api.pipelines, "list_for_project_minimal", gone)
        with pytest.raises(SaagieConnectionError) as caught:
            await api.projects.import_from_json(root)
    partial = caught.value.result  # type: ignore[attr-defined]
    assert {i.kind for i in partial.created} >= {"project", "job", "env_var"}


def test_upgrade_adds_a_version_only_when_the_current_one_differs(
    saagie_platform: RunningPlatform, tmp_path: Path
) -> None:
    script = tmp_path / "main.py"
    script.write_text("print('v1')\n")
    with connect(saagie_platform) as api:
        source = api.projects.create("upgrade-source").id
        job = api.jobs.create("etl", source, file=script, technology="Python", runtime_version="3.10")
        folder = api.jobs.export(job.id, tmp_path / "out").folder
        target = api.projects.create("upgrade-target").id
        first = api.jobs.import_from_json(target, folder)
        new_id = first.created[0].target_id
        assert new_id is not None and [i.kind for i in first.created] == ["job"]

        same = api.jobs.import_from_json(target, folder, if_exists="upgrade")
        assert [(i.kind, i.action) for i in same.unchanged] == [("job", "unchanged")]
        assert len(api.jobs.get_info(new_id).versions) == 1  # identical: no version added

        artifact = next(folder.rglob("main.py"))
        artifact.write_text("print('v2: same file name, other bytes')\n")
        changed = api.jobs.import_from_json(target, folder, if_exists="upgrade")
        assert [(i.kind, i.action) for i in changed.completed] == [("job", "completed")]
        assert "artifact differs" in changed.completed[0].reason
        assert len(api.jobs.get_info(new_id).versions) == 2

        again = api.jobs.import_from_json(target, folder, if_exists="upgrade")
        assert [(i.kind, i.action) for i in again.unchanged] == [("job", "unchanged")]
        assert len(api.jobs.get_info(new_id).versions) == 2
