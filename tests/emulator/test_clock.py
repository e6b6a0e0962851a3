"""The emulated clock: unit behaviour, and life cycles that follow it instead of the wall clock."""

from __future__ import annotations

import time

import pytest

from saagie_emulator.clock import Clock

from .conftest import Client

RUN = "mutation($j: UUID!) { runJob(jobId: $j) { id status } }"
STATUS = "query($i: UUID!) { jobInstance(id: $i) { status endTime } }"


def test_advance_moves_time_forward_and_notifies() -> None:
    clock = Clock()
    seen: list[float] = []
    clock.subscribe(seen.append)
    before = clock.now()
    after = clock.advance(minutes=30)
    assert after - before >= 1800
    assert clock.offset == pytest.approx(1800)
    assert seen == [after]
    with pytest.raises(ValueError, match="forward"):
        clock.advance(seconds=-1)


def test_freeze_stops_time_until_advanced_and_resume_keeps_the_offset() -> None:
    clock = Clock()
    frozen = clock.freeze()
    time.sleep(0.02)
    assert clock.now() == frozen
    assert clock.advance(hours=1) == frozen + 3600
    clock.resume()
    assert clock.now() >= frozen + 3600
    assert not clock.frozen
    clock.reset()
    assert abs(clock.now() - time.time()) < 1


def test_a_job_run_finishes_when_the_clock_jumps_without_waiting(client: Client) -> None:
    client.platform.set_speed(0.001)  # each step of a run takes 1,000 s or more (about 100 minutes in all)
    job = client.job(client.project(), "slow")
    run = client.gql(RUN, {"j": job})["runJob"]["id"]
    client.platform.clock.freeze()
    assert client.gql(STATUS, {"i": run})["jobInstance"]["status"] == "REQUESTED"
    client.platform.clock.advance(minutes=20)
    assert client.gql(STATUS, {"i": run})["jobInstance"]["status"] == "QUEUED"
    client.platform.clock.advance(minutes=20)
    assert client.gql(STATUS, {"i": run})["jobInstance"]["status"] == "RUNNING"
    client.platform.clock.advance(hours=2)
    instance = client.gql(STATUS, {"i": run})["jobInstance"]
    assert instance["status"] == "SUCCEEDED"
    # The end time is emulated time, so it is later than the wall clock.
    assert instance["endTime"] > time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 3600))


def test_an_app_starts_when_the_clock_jumps(client: Client) -> None:
    client.platform.set_speed(0.001)
    project = client.project()
    app = client.gql(
        """mutation($p: UUID!, $t: UUID!) { createApp(app: {projectId: $p, name: "web", technologyId: $t,
             version: {dockerInfo: {image: "nginx"}, ports: []}}) { id history { currentStatus } } }""",
        {"p": project, "t": client.technology("Docker image")},
    )["createApp"]
    assert app["history"]["currentStatus"] == "STARTING"
    client.platform.clock.advance(hours=1)
    status = client.gql("query($id: UUID!) { app(id: $id) { history { currentStatus } } }", {"id": app["id"]})
    assert status["app"]["history"]["currentStatus"] == "STARTED"


def test_reset_puts_the_clock_back_on_the_wall_clock(client: Client) -> None:
    client.platform.clock.advance(days=3)
    client.platform.reset()
    assert abs(client.platform.clock.now() - time.time()) < 5
    assert not client.platform.clock.frozen
