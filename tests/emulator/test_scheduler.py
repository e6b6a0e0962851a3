"""Cron schedules fire on the emulated clock: scheduled jobs and pipelines get instances at their times."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from saagie_emulator import running
from saagie_emulator.scheduler import MAX_CATCH_UP, fire_times

from .conftest import Client

CREATE_JOB = """mutation($p: UUID!, $t: UUID!, $name: String!, $scheduled: Boolean!, $cron: Cron, $zone: TimeZone) {
  createJob(job: {projectId: $p, name: $name, category: "Processing", technology: {id: $t},
                  isScheduled: $scheduled, cronScheduling: $cron, scheduleTimezone: $zone, isStreaming: false},
            jobVersion: {runtimeVersion: "3.11", commandLine: "python {file}"}) { id } }"""
INSTANCES = """query($j: UUID!) { job(id: $j) { instances { number status startTime } } }"""


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def _job(client: Client, project: str, name: str, cron: str | None, zone: str | None = None) -> str:
    variables = {
        "p": project,
        "t": client.technology("Python"),
        "name": name,
        "scheduled": cron is not None,
        "cron": cron,
        "zone": zone,
    }
    return str(client.gql(CREATE_JOB, variables)["createJob"]["id"])


def _instances(client: Client, job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.gql(INSTANCES, {"j": job})["job"]["instances"] or []
    return found


def test_a_cron_job_fires_after_the_clock_advances(client: Client) -> None:
    clock = client.platform.clock
    clock.freeze()
    project = client.project()
    client.platform.clock.advance(minutes=10)  # past the project's initialisation, if it has one
    job = _job(client, project, "every quarter", "*/15 * * * *", "UTC")
    manual = _job(client, project, "manual", None)
    assert _instances(client, job) == []

    before = clock.now()
    clock.advance(hours=1)
    instances = _instances(client, job)
    assert len(instances) == 4  # (now, now + 1 h] holds exactly four quarter-hours
    starts = sorted(_utc(i["startTime"]) for i in instances)
    assert all(start.minute % 15 == 0 and start.second == 0 for start in starts)
    assert all(before < start.timestamp() <= clock.now() for start in starts)
    assert sorted(i["number"] for i in instances) == [1, 2, 3, 4]
    assert {i["status"] for i in instances[1:]} == {"SUCCEEDED"}  # long finished at the emulated now
    assert _instances(client, manual) == []  # an unscheduled job never fires

    # Unscheduled: no more runs.
    client.gql(
        """mutation($j: UUID!) { editJob(job: {id: $j, isScheduled: false}) { id } }""",
        {"j": job},
    )
    clock.advance(hours=2)
    assert len(_instances(client, job)) == 4


def test_the_schedule_time_zone_is_honoured(client: Client) -> None:
    clock = client.platform.clock
    clock.freeze()
    project = client.project()
    clock.advance(minutes=10)
    # 09:30 in Kolkata (UTC+05:30, no daylight saving time) is 04:00 UTC.
    job = _job(client, project, "morning in Kolkata", "30 9 * * *", "Asia/Kolkata")
    clock.advance(days=2)
    starts = [_utc(i["startTime"]) for i in _instances(client, job)]
    assert len(starts) == 2
    assert {(start.hour, start.minute) for start in starts} == {(4, 0)}


def test_daylight_saving_time_moves_the_utc_time_of_a_local_schedule() -> None:
    """01:30 every day in Paris: 00:30 UTC in winter, 23:30 UTC the day before once summer time started
    (on 30 March 2031)."""
    after = datetime(2031, 3, 28, tzinfo=timezone.utc).timestamp()
    until = datetime(2031, 4, 1, tzinfo=timezone.utc).timestamp()
    times = [datetime.fromtimestamp(t, timezone.utc) for t in fire_times("30 1 * * *", "Europe/Paris", after, until)]
    assert [(t.day, t.hour, t.minute) for t in times] == [
        (28, 0, 30),
        (29, 0, 30),
        (30, 0, 30),
        (30, 23, 30),
        (31, 23, 30),
    ]
    assert fire_times("not a cron", "UTC", after, until) == []
    # A time zone the emulator cannot read is accepted (UNKNOWN_TIMEZONE_ALLOWED) and read as UTC.
    assert fire_times("0 * * * *", "Mars/Olympus_Mons", after, until) == fire_times("0 * * * *", "UTC", after, until)
    # Fixed offsets, as a JVM reads them, are honoured.
    for offset in ("+02:00", "UTC+2", "GMT+02:00"):
        assert fire_times("30 1 * * *", offset, after, until) == fire_times("30 1 * * *", "Etc/GMT-2", after, until)
    many = fire_times("* * * * *", None, after, until)
    assert len(many) == MAX_CATCH_UP and many[-1] == until  # the latest ones


def test_a_scheduled_pipeline_fires(client: Client) -> None:
    clock = client.platform.clock
    clock.freeze()
    project = client.project()
    clock.advance(minutes=10)
    step = _job(client, project, "step", None)
    pipeline = client.gql(
        """mutation($p: UUID!, $jobs: [JobNodeInput!]) { createGraphPipeline(pipeline: {name: "hourly", alias: "hourly",
             projectId: $p, isScheduled: true, cronScheduling: "0 * * * *", scheduleTimezone: "Europe/Paris",
             graph: {jobNodes: $jobs}}) { id } }""",
        {"p": project, "jobs": [{"id": "00000000-0000-4000-8000-0000000000a1", "job": {"id": step}}]},
    )["createGraphPipeline"]["id"]
    clock.advance(hours=2)
    instances = client.gql(
        "query($id: UUID!) { graphPipeline(id: $id) { instances { id status startTime } } }", {"id": pipeline}
    )["graphPipeline"]["instances"]
    assert len(instances) == 2
    assert {_utc(i["startTime"]).minute for i in instances} == {0}
    assert {i["status"] for i in instances} <= {"SUCCEEDED", "RUNNING", "REQUESTED"}
    # Their job ran too, as part of each pipeline run.
    assert len(_instances(client, step)) == 2


def test_fired_instances_are_saved_in_the_state_file(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with running(state_path=state) as platform:
        client = Client(platform)
        platform.clock.freeze()
        project = client.project()
        platform.clock.advance(minutes=10)
        _job(client, project, "saved", "0 * * * *")
        platform.clock.advance(hours=3)
        saved = json.loads(state.read_text())["data"]["job_instances"]
        assert len(saved) == 3
        client.close()


def test_schedules_start_again_from_the_reset(client: Client) -> None:
    clock = client.platform.clock
    clock.freeze()
    project = client.project()
    clock.advance(minutes=10)
    _job(client, project, "reset me", "* * * * *")
    client.platform.reset()
    client.platform.clock.advance(hours=1)  # the job is gone with the reset: nothing fires, nothing breaks
    assert client.gql("{ projects { id } }")["projects"] == []


def test_the_documented_example_through_the_sdk(client: Client, tmp_path: Path) -> None:
    """docs/emulator.md: a job created with the SDK with a cron schedule has run once a day later."""
    from tests.support.platforms import connect

    platform = client.platform
    platform.clock.freeze()
    script = tmp_path / "n.py"
    script.write_text("print('nightly')\n")
    with connect(platform) as api:
        project_id = api.projects.create("scheduled").id
        platform.clock.advance(minutes=10)
        job = api.jobs.create(
            "nightly", project_id, file=str(script), cron_scheduling="0 2 * * *", schedule_timezone="Europe/Paris"
        )
        assert not api.jobs.get_info(job.id).instances
        platform.clock.advance(days=1)
        assert len(api.jobs.get_info(job.id).instances or []) == 1
