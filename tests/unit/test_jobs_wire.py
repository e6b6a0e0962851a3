"""Wire format of api.jobs: exact variables, multipart upload shape, 2.x bugs fixed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import SaagieApi

from .conftest import GATEWAY_API, PROJECTS_API
from .test_projects_wire import CATALOG, add_login, sent

JOB = {
    "id": "j1",
    "name": "ingest",
    "alias": "ingest",
    "description": "",
    "category": "Processing",
    "technology": {"id": "t-python"},
    "isScheduled": False,
    "cronScheduling": None,
    "scheduleStatus": None,
    "scheduleTimezone": None,
    "alerting": None,
    "isStreaming": False,
    "creationDate": "2024-01-01T00:00:00Z",
    "migrationStatus": None,
    "migrationProjectId": None,
    "originalJobId": None,
    "isDeletable": True,
    "doesUseGPU": False,
    "resources": None,
    "countJobInstance": 0,
    "instances": [],
    "versions": [],
}
VERSION = {
    "number": 1,
    "creationDate": "2024-01-01T00:00:00Z",
    "releaseNote": "",
    "runtimeVersion": "3.10",
    "commandLine": "python {file}",
    "packageInfo": {"name": "hello.py", "downloadUrl": "/x"},
    "dockerInfo": None,
    "extraTechnology": None,
    "isCurrent": True,
    "isMajor": False,
    "creator": "alice",
    "sourceUrl": None,
    "deletableState": None,
}
PROJECT_TECHS = {
    "data": {
        "project": {
            "id": "p1",
            "technologiesByCategory": [{"jobCategory": "Processing", "technologies": [{"id": "t-python"}]}],
        }
    }
}


def multipart_parts(body: bytes) -> dict[str, tuple[str | None, bytes]]:
    boundary = body.split(b"\r\n", 1)[0]
    parts: dict[str, tuple[str | None, bytes]] = {}
    for chunk in body.split(boundary)[1:-1]:
        head, _, content = chunk[2:-2].partition(b"\r\n\r\n")
        disposition = head.decode()
        name = disposition.split('name="', 1)[1].split('"', 1)[0]
        filename = disposition.split('filename="', 1)[1].split('"', 1)[0] if "filename=" in disposition else None
        parts[name] = (filename, content)
    return parts


def test_create_with_file_sends_multipart_with_base_name(api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    script = tmp_path / "hello.py"
    script.write_bytes(b"print('hi')\n")
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json=PROJECT_TECHS)
    httpx_mock.add_response(url=GATEWAY_API, json=CATALOG)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"createJob": {**JOB, "versions": [VERSION]}}})

    job = api.jobs.create(
        "ingest",
        "p1",
        file=str(script),
        technology="Python",
        command_line="python {file}",
        cron_scheduling="0 0 * * *",
        schedule_timezone="UTC",
        emails=["ops@acme.io"],
        resources={"cpu": {"request": 0.5, "limit": 1.0}},
    )

    assert job.id == "j1"
    upload = httpx_mock.get_requests()[-1]
    assert upload.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    parts = multipart_parts(upload.content)
    operations = json.loads(parts["operations"][1])
    assert operations["operationName"] == "CreateJob"
    assert operations["variables"] == {
        "job": {
            "projectId": "p1",
            "name": "ingest",
            "description": "",
            "category": "Processing",
            "isStreaming": False,
            "isScheduled": True,
            "cronScheduling": "0 0 * * *",
            "scheduleTimezone": "UTC",
            "alerting": {"emails": ["ops@acme.io"], "statusList": ["FAILED"]},
            "resources": {"cpu": {"request": 0.5, "limit": 1.0}},
            "technology": {"id": "t-python"},
        },
        "jobVersion": {"releaseNote": "", "commandLine": "python {file}", "runtimeVersion": "3.10"},
        "file": None,
    }
    assert json.loads(parts["map"][1]) == {"0": ["variables.file"]}
    assert parts["0"] == ("hello.py", b"print('hi')\n")  # 2.x sent the absolute local path


def test_missing_file_fails_before_any_request(api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        api.jobs.create("x", "p1", file=tmp_path / "nope.py")
    with pytest.raises(saagieapi.InvalidInputError):
        api.jobs.upgrade("j1", file=tmp_path / "nope.py")
    assert httpx_mock.get_requests() == []


def test_upgrade_with_file_does_not_reuse_previous_artifact(
    api: SaagieApi, httpx_mock: HTTPXMock, tmp_path: Path
) -> None:
    """2.x sent usePreviousArtifact: true together with the new file."""
    script = tmp_path / "v2.py"
    script.write_bytes(b"2")
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"job": {**JOB, "versions": [VERSION]}}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"addJobVersion": {**VERSION, "number": 2}}})

    assert api.jobs.upgrade("j1", file=script, release_note="rn").number == 2
    operations = json.loads(multipart_parts(httpx_mock.get_requests()[-1].content)["operations"][1])
    assert operations["variables"] == {
        "jobId": "j1",
        "jobVersion": {
            "releaseNote": "rn",
            "commandLine": "python {file}",
            "usePreviousArtifact": False,
            "runtimeVersion": "3.10",
        },
        "file": None,
    }


def test_upgrade_without_file_reuses_artifact_as_json(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"job": {**JOB, "versions": [VERSION]}}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"addJobVersion": {**VERSION, "number": 2}}})
    api.jobs.upgrade("j1")
    assert sent(httpx_mock, "AddJobVersion") == {
        "jobId": "j1",
        "jobVersion": {
            "releaseNote": "",
            "commandLine": "python {file}",
            "usePreviousArtifact": True,
            "runtimeVersion": "3.10",
        },
    }
    assert sent(httpx_mock, "GetJob") == {
        "jobId": "j1",
        "instancesLimit": 1,
        "versionsLimit": None,
        "versionsOnlyCurrent": True,
    }


def test_edit_sends_only_what_changes(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"editJob": JOB}}, is_reusable=True)
    api.jobs.edit("j1", description="", emails=[], is_scheduled=False)
    assert sent(httpx_mock, "EditJob")["job"] == {
        "id": "j1",
        "description": "",
        "isScheduled": False,
        "alerting": None,
    }


def test_rollback_and_delete_versions_send_integers(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x sent version numbers as given (strings) for Int! variables."""
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"rollbackJobVersion": JOB}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"deleteJobVersions": [{"number": 1, "success": True}]}})
    api.jobs.rollback("j1", "2")
    api.jobs.delete_versions("j1", ["1"])
    assert sent(httpx_mock, "RollbackJobVersion")["versionNumber"] == 2
    assert sent(httpx_mock, "DeleteJobVersions") == {"jobId": "j1", "jobVersionNumbers": [1]}


def test_run_with_callback_reads_history_status_and_raises_typed(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)

    def instance(deprecated: str, current: str) -> dict[str, Any]:
        return {
            "id": "i1",
            "number": 1,
            "status": deprecated,
            "history": {
                "currentStatus": {
                    "status": current,
                    "details": None,
                    "reason": None,
                    "recordAt": "2024-01-01T00:00:00Z",
                }
            },
            "startTime": "2024-01-01T00:00:00Z",
            "endTime": None,
            "jobId": "j1",
            "jobAlias": "ingest",
            "pipelineInstanceId": None,
            "version": {
                "number": 1,
                "releaseNote": None,
                "runtimeVersion": None,
                "commandLine": None,
                "isMajor": False,
                "isCurrent": True,
                "doesUseGPU": False,
            },
        }

    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"runJob": instance("REQUESTED", "REQUESTED")}})
    # the deprecated field lags behind: the history wins
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"jobInstance": instance("RUNNING", "KILLED")}})
    # the failed run's log tail: its count, then the last lines
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"countFilteredLogs": 42}})
    lines = [{"index": 41, "value": "boom", "stream": "STDERR"}, {"index": 42, "value": "exit 1", "stream": "STDOUT"}]
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"filteredLogs": {"count": 42, "content": lines}}})
    with pytest.raises(saagieapi.RunFailedError) as caught:
        api.jobs.run_with_callback("j1", freq=0.01)
    assert caught.value.instance_id == "i1" and caught.value.status == "KILLED"
    assert caught.value.log_tail == ["boom", "exit 1"] and str(caught.value).endswith("  | boom\n  | exit 1")
    tail_request = json.loads(httpx_mock.get_requests()[-1].content)
    assert tail_request["variables"] == {
        "jobInstanceId": "i1",
        "streams": ["STDOUT", "STDERR"],
        "limit": 20,
        "skip": 22,
    }
