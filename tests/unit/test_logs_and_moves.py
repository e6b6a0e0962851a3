"""Log reading rules, the follower's loop, a refused move and a failed run's tail: no platform, exact requests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import SaagieApi
from saagieapi._core.logs import check_follow, check_paging, check_stream, check_streams, printable, tail_window
from saagieapi._sync.log_reading import follow_lines, read_lines
from saagieapi.enums import LogStream

from .conftest import LOGIN, PASSWORD, PROJECTS_API, TOKEN


def add_login(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, text=TOKEN)


# -- rules --------------------------------------------------------------------------------------------------------
def test_streams_accept_names_lists_and_members_and_refuse_the_rest() -> None:
    assert check_streams(None) == [LogStream.STDOUT, LogStream.STDERR]
    assert check_streams("stderr, Stdout") == [LogStream.STDERR, LogStream.STDOUT]
    assert check_streams([LogStream.ENVVARS_STDOUT, "ENVVARS_STDOUT"]) == [LogStream.ENVVARS_STDOUT]
    assert check_streams(list(LogStream)) == list(LogStream)
    assert check_stream(None) is None and check_stream("stdout") == LogStream.STDOUT
    for bad in ("STDIN", [], "", ["STDOUT", 1], 42, {"STDOUT": True}, "STDOUT,"):
        if bad == "STDOUT,":
            assert check_streams(bad) == [LogStream.STDOUT]  # a trailing comma is harmless
            continue
        with pytest.raises(saagieapi.InvalidInputError):
            check_streams(bad)  # type: ignore[arg-type]
    with pytest.raises(saagieapi.InvalidInputError):
        check_stream("STDOUT,STDERR")


def test_paging_and_follow_options() -> None:
    check_paging(limit=1, skip=0, tail=None, page_size=1)
    for bad in ({"limit": 0}, {"skip": -1}, {"tail": 0}, {"page_size": 0}, {"limit": True}, {"tail": 3, "skip": 2}):
        with pytest.raises(saagieapi.InvalidInputError):
            check_paging(**bad)
    check_follow(0.5, None)
    for poll_interval, timeout in ((0, None), (float("inf"), None), (float("nan"), 1), (1, -1), ("1", None)):
        with pytest.raises(saagieapi.InvalidInputError):
            check_follow(poll_interval, timeout)
    assert tail_window(95, 20) == (75, 20) and tail_window(3, 20) == (0, 20)


# -- the engine ---------------------------------------------------------------------------------------------------
def test_read_lines_walks_pages_until_a_short_one() -> None:
    log = [f"line {i}" for i in range(5)]
    asked: list[tuple[int, int]] = []

    def fetch(limit: int, skip: int) -> Sequence[str]:
        asked.append((limit, skip))
        return log[skip : skip + limit]

    assert list(read_lines(fetch, skip=1, page_size=2)) == log[1:]
    assert asked == [(2, 1), (2, 3), (2, 5)]


def test_follow_reads_once_more_after_the_end_and_stops() -> None:
    """The log as the platform shows it at each request, and whether the instance had ended."""
    log: list[str] = ["a"]
    script: list[tuple[list[str], bool]] = [(["a"], False), (["a"], False), (["a", "b"], True), (["a", "b", "c"], True)]
    asked: list[int] = []

    def poll(limit: int, skip: int) -> tuple[Sequence[str], bool]:
        asked.append(skip)
        shown, ended = script.pop(0) if script else (log, True)
        return shown[skip : skip + limit], ended

    lines = list(
        follow_lines(poll, skip=0, page_size=10, poll_interval=0.001, timeout=5, what="job instance", instance_id="i")
    )
    # "c" was written between the read that saw the end and the end itself: the extra read catches it
    assert lines == ["a", "b", "c"]
    assert asked == [0, 1, 1, 2]  # the 4th read is the one after the end: short, so the last


def test_follow_reads_full_pages_at_once_and_times_out() -> None:
    def endless(limit: int, skip: int) -> tuple[Sequence[str], bool]:
        return ([f"{skip + i}" for i in range(limit)] if skip < 6 else []), False

    seen: list[str] = []
    with pytest.raises(saagieapi.WaitTimeoutError) as timed_out:
        for line in follow_lines(
            endless, skip=0, page_size=3, poll_interval=0.01, timeout=0.2, what="job instance", instance_id="i"
        ):
            seen.append(line)
    assert seen == ["0", "1", "2", "3", "4", "5"] and timed_out.value.instance_id == "i"


def test_a_log_that_never_stops_growing_still_times_out() -> None:
    def flood(limit: int, skip: int) -> tuple[Sequence[str], bool]:
        return ["x"] * limit, False  # always a full page: the follower reads on at once

    count = 0
    with pytest.raises(saagieapi.WaitTimeoutError):
        for _ in follow_lines(
            flood, skip=0, page_size=50, poll_interval=1, timeout=0.1, what="job instance", instance_id="i"
        ):
            count += 1
    assert count >= 50


def test_printable_lines_cannot_drive_a_terminal() -> None:
    assert printable("ok\tdone") == "ok\tdone"
    assert printable("\x1b[2J\x1b]0;pwned\x07") == "\\x1b[2J\\x1b]0;pwned\\x07"
    assert printable("one\n  | fake line\r") == "one\\x0a  | fake line\\x0d"
    assert printable("\x9b31m caf\u00e9") == "\\x9b31m caf\u00e9"


# -- a failed run carries its log tail, with the client's secrets masked ------------------------------------------
def instance(status: str) -> dict[str, Any]:
    return {
        "id": "i1",
        "number": 1,
        "status": status,
        "history": {
            "currentStatus": {"status": status, "details": None, "reason": None, "recordAt": "2024-01-01T00:00:00Z"}
        },
        "startTime": "2024-01-01T00:00:00Z",
        "endTime": None,
        "jobId": "j1",
        "jobAlias": "etl",
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


def test_run_with_callback_streams_new_lines_once_and_masks_secrets_in_the_tail(
    api: SaagieApi, httpx_mock: HTTPXMock
) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"runJob": instance("REQUESTED")}})
    first = [{"index": 0, "value": "starting", "stream": "STDOUT"}]
    second = [{"index": 1, "value": f"login with {PASSWORD} refused\x1b[2J", "stream": "STDERR"}]
    responses = [
        {"jobInstance": instance("RUNNING")},
        {"filteredLogs": {"count": 1, "content": first}},
        {"jobInstance": instance("FAILED")},
        {"filteredLogs": {"count": 2, "content": second}},
        {"countFilteredLogs": 2},
        {"filteredLogs": {"count": 2, "content": first + second}},
    ]
    for data in responses:
        httpx_mock.add_response(url=PROJECTS_API, json={"data": data})
    printed: list[str] = []
    with pytest.raises(saagieapi.RunFailedError) as failed:
        api.jobs.run_with_callback("j1", freq=0.01, on_log=printed.append)
    assert printed == ["starting", f"login with {PASSWORD} refused\x1b[2J"]  # the user's own data, as read
    assert failed.value.log_tail == ["starting", "login with *** refused\\x1b[2J"]  # masked, escaped
    assert PASSWORD not in str(failed.value) and "\x1b" not in str(failed.value)
    skips = [
        json.loads(request.content)["variables"].get("skip")
        for request in httpx_mock.get_requests(url=PROJECTS_API)
        if b"filteredLogs" in request.content
    ]
    assert skips == [0, 1, 0]  # each new line read once; the tail read from count - 20


def test_run_with_callback_streaming_polls_at_the_followers_pace(
    api: SaagieApi, httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``on_log``, a poll that brought new lines brings the next one back to ``freq``, and a quiet log is
    read at least every 5 s (as ``follow_logs``), not every 10 s: the lines show as they are written."""
    from saagieapi._sync import waiting

    slept: list[float] = []
    monkeypatch.setattr(waiting, "sync_sleep", slept.append)
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"runJob": instance("REQUESTED")}})
    quiet: list[dict[str, Any]] = []
    for status, content in (
        ("RUNNING", [{"index": 0, "value": "a", "stream": "STDOUT"}]),
        ("RUNNING", quiet),
        ("RUNNING", quiet),
        ("RUNNING", quiet),
        ("RUNNING", [{"index": 1, "value": "b", "stream": "STDOUT"}]),
        ("SUCCEEDED", quiet),
    ):
        httpx_mock.add_response(url=PROJECTS_API, json={"data": {"jobInstance": instance(status)}})
        httpx_mock.add_response(url=PROJECTS_API, json={"data": {"filteredLogs": {"count": 2, "content": content}}})
    printed: list[str] = []
    api.jobs.run_with_callback("j1", freq=2, on_log=printed.append)
    assert printed == ["a", "b"]
    assert slept == [2, 3, 4.5, 5, 2]


# -- a move the platform's rules refuse is never sent ------------------------------------------------------------
def test_move_refused_lists_the_platforms_reasons_and_sends_nothing(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    reasons = [
        {
            "reason": "PIPELINE_SCHEDULED",
            "offendingId": "p1",
            "offendingName": "nightly",
            "sharedJobInManyPipelinesError": None,
        },
        {
            "reason": "JOBS_EXISTS_IN_MANY_PIPELINES",
            "offendingId": "j1",
            "offendingName": "etl",
            "sharedJobInManyPipelinesError": {
                "jobId": "j1",
                "jobName": "etl",
                "otherPipelinesLinked": [{"pipelineId": "p2", "pipelineName": "hourly", "pipelineVersions": [1, 3]}],
            },
        },
        {
            "reason": "A_REASON_OF_A_NEWER_PLATFORM",
            "offendingId": None,
            "offendingName": None,
            "sharedJobInManyPipelinesError": None,
        },
    ]
    state = {"graphPipeline": {"id": "p1", "name": "nightly", "movableState": {"movable": False, "reasons": reasons}}}
    httpx_mock.add_response(url=PROJECTS_API, json={"data": state})
    with pytest.raises(saagieapi.MoveRefusedError) as refused:
        api.pipelines.move("p1", "target-project")
    error = refused.value
    assert error.kind == "pipeline" and error.entity_id == "p1" and len(error.reasons) == 3
    text = str(error)
    assert text.startswith("pipeline 'nightly' cannot be moved now:")
    assert "PIPELINE_SCHEDULED: the pipeline is scheduled: unschedule it first" in text
    assert "job 'etl' is also used by pipeline 'hourly' (versions 1, 3)" in text
    assert "A_REASON_OF_A_NEWER_PLATFORM" in text  # an unknown reason is still shown
    sent = [json.loads(request.content)["operationName"] for request in httpx_mock.get_requests(url=PROJECTS_API)]
    assert sent == ["GetPipelineMovableState"]


def test_move_sends_this_platform_by_default(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    state = {"graphPipeline": {"id": "p1", "name": "nightly", "movableState": {"movable": True, "reasons": []}}}
    httpx_mock.add_response(url=PROJECTS_API, json={"data": state})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"movePipeline": "p9"}})
    assert api.pipelines.move("p1", "target") == "p9"
    move = json.loads(httpx_mock.get_requests(url=PROJECTS_API)[-1].content)
    assert move["variables"] == {"pipelineId": "p1", "targetPlatformId": 6, "targetProjectId": "target"}
