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
        assert not [i for i in partial.done if i.kind in ("pipeline", "app")]
        project_id = next(i.target_id for i in partial.created if i.kind == "project")
        assert partial.id_map and project_id

        monkeypatch.setattr(api.jobs, "list_for_project_minimal", listing)
        resumed = api.projects.import_from_json(root)
    assert resumed.ok, resumed.failed
    assert {i.kind for i in resumed.created} >= {"pipeline", "app"}
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
