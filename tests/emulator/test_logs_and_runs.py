"""Logs that grow while instances run (streams, filters, paging), app life cycles with history events, and the
other operations of issue 15 answered per the schema."""

from __future__ import annotations

from typing import Any

from .conftest import Client

RUN = "mutation($j: UUID!) { runJob(jobId: $j) { id } }"
LOGS = """query($i: UUID!, $s: [LogStream]!, $l: Int, $k: Int) {
  filteredLogs(jobInstanceID: $i, streams: $s, limit: $l, skip: $k) { count content { index value stream } }
  countFilteredLogs(jobInstanceID: $i, streams: $s) }"""
ALL_STREAMS = ["ORCHESTRATION_STDOUT", "ORCHESTRATION_STDERR", "ENVVARS_STDOUT", "ENVVARS_STDERR", "STDOUT", "STDERR"]


def _logs(client: Client, instance: str, streams: list[str], limit: int | None = None, skip: int | None = None) -> Any:
    return client.gql(LOGS, {"i": instance, "s": streams, "l": limit, "k": skip})


def test_job_logs_grow_while_the_instance_runs(client: Client) -> None:
    client.platform.set_speed(1.0)
    project = client.project()
    client.gql(
        """mutation($p: UUID) { saveEnvironmentVariable(entityId: $p, environmentVariable: {name: "TOKEN",
             scope: PROJECT, value: "s3cret", isPassword: true}) { id } }""",
        {"p": project},
    )
    job = client.job(project, "talkative")
    client.platform.clock.freeze()
    instance = client.gql(RUN, {"j": job})["runJob"]["id"]
    counts = []
    for _ in range(8):
        counts.append(_logs(client, instance, ALL_STREAMS)["countFilteredLogs"])
        client.platform.clock.advance(seconds=1)
    assert counts == sorted(counts) and counts[0] >= 1 and counts[-1] > counts[2] > counts[0]
    final = _logs(client, instance, ALL_STREAMS)
    assert final["filteredLogs"]["count"] == final["countFilteredLogs"] == len(final["filteredLogs"]["content"])
    assert [line["index"] for line in final["filteredLogs"]["content"]] == list(range(final["countFilteredLogs"]))
    envvars = [line["value"] for line in final["filteredLogs"]["content"] if line["stream"] == "ENVVARS_STDOUT"]
    assert envvars == ["TOKEN=********"]  # a password variable's value is never printed
    stdout = _logs(client, instance, ["STDOUT"])["filteredLogs"]["content"]
    assert stdout and all(line["stream"] == "STDOUT" for line in stdout)
    assert _logs(client, instance, ["STDERR"])["countFilteredLogs"] == 0
    page = _logs(client, instance, ALL_STREAMS, limit=2, skip=1)["filteredLogs"]
    assert page["count"] == final["countFilteredLogs"]  # the count is of every line, the content is the page
    assert page["content"] == final["filteredLogs"]["content"][1:3]


def test_a_failed_run_writes_to_stderr_and_a_held_run_keeps_writing(client: Client) -> None:
    client.platform.set_speed(1.0)
    project = client.project()
    failing, held = client.job(project, "failing"), client.job(project, "held")
    client.platform.force_job_outcome("failing", "FAILED")
    client.platform.force_job_outcome("held", "RUNNING")
    client.platform.clock.freeze()
    failed = client.gql(RUN, {"j": failing})["runJob"]["id"]
    running = client.gql(RUN, {"j": held})["runJob"]["id"]
    client.platform.clock.advance(minutes=1)
    errors = _logs(client, failed, ["STDERR"])["filteredLogs"]["content"]
    assert any("RuntimeError" in line["value"] for line in errors)
    before = _logs(client, running, ["STDOUT"])["countFilteredLogs"]
    client.platform.clock.advance(seconds=30)
    after = _logs(client, running, ["STDOUT"])["countFilteredLogs"]
    assert after >= before + 29
    client.gql("mutation($i: UUID!) { stopJobInstance(jobInstanceId: $i) { id } }", {"i": running})
    client.platform.clock.advance(minutes=1)
    stopped = _logs(client, running, ALL_STREAMS)
    assert stopped["filteredLogs"]["content"][-1]["value"] == "Container killed"
    client.platform.clock.advance(minutes=5)
    assert _logs(client, running, ALL_STREAMS)["countFilteredLogs"] == stopped["countFilteredLogs"]  # no more


CREATE_PIPELINE = """mutation($p: UUID!, $jobs: [JobNodeInput!], $conds: [ConditionNodeInput!]) {
  createGraphPipeline(pipeline: {name: "cond", alias: "cond", projectId: $p, isScheduled: false,
    graph: {jobNodes: $jobs, conditionNodes: $conds}}) { id } }"""
NODES = [f"40000000-0000-4000-8000-00000000000{i}" for i in range(1, 6)]


def test_condition_logs_follow_what_was_evaluated(client: Client) -> None:
    project = client.project()
    ok = client.job(project, "ok")
    jobs = [
        {"id": NODES[0], "job": {"id": ok}, "nextNodes": [NODES[2]]},
        {"id": NODES[1], "job": {"id": ok}, "nextNodes": [NODES[2]]},
        {"id": NODES[3], "job": {"id": ok}},
    ]
    conds = [{"id": NODES[2], "condition": {"status": {"value": "AllSuccess"}}, "nextNodesSuccess": [NODES[3]]}]
    pipeline = client.gql(CREATE_PIPELINE, {"p": project, "jobs": jobs, "conds": conds})["createGraphPipeline"]["id"]
    run = client.gql("mutation($p: UUID!) { runPipeline(pipelineId: $p) { id } }", {"p": pipeline})["runPipeline"]
    client.platform.clock.advance(minutes=5)
    instance = client.gql(
        "query($i: UUID!) { pipelineInstance(id: $i) { status conditionsInstance { id } } }", {"i": run["id"]}
    )["pipelineInstance"]
    assert instance["status"] == "SUCCEEDED"
    condition = instance["conditionsInstance"][0]["id"]
    logs = client.gql(
        """query($c: UUID!, $p: UUID!) { conditionPipelineFilteredLogs(conditionInstanceID: $c, projectID: $p,
             streams: [STDOUT, STDERR]) { count content { value } } }""",
        {"c": condition, "p": project},
    )["conditionPipelineFilteredLogs"]
    values = [line["value"] for line in logs["content"]]
    assert logs["count"] == 6  # two inputs: one line each
    assert [v for v in values if v.startswith("Input")] == [
        f"Input {NODES[0]}: SUCCEEDED",
        f"Input {NODES[1]}: SUCCEEDED",
    ]


APP = """mutation($p: UUID!, $t: UUID!, $n: String!) { createApp(app: {projectId: $p, name: $n, technologyId: $t,
  version: {dockerInfo: {image: "nginx"}, ports: []}}) { id history { currentExecutionId } } }"""
HISTORY = """query($a: UUID!) { app(id: $a) { history { currentStatus countEvents currentExecutionId
  events { action { event { __typename executionId } } statuses { event { ... on StatusRetrieve { status } } } } } } }"""


def test_apps_run_restart_stop_and_fail_with_history_events(client: Client) -> None:
    client.platform.set_speed(1.0)
    client.platform.clock.freeze()
    project = client.project()
    app = client.gql(APP, {"p": project, "t": client.technology("Docker image"), "n": "web"})["createApp"]["id"]
    client.platform.clock.advance(minutes=1)
    history = client.gql(HISTORY, {"a": app})["app"]["history"]
    assert history["currentStatus"] == "STARTED"
    (run,) = history["events"]
    assert run["action"]["event"]["__typename"] == "RunAction"
    assert [s["event"]["status"] for s in run["statuses"]] == ["STARTING", "STARTED"]
    assert client.gql("mutation($a: UUID!) { runApp(id: $a) { id } }", {"a": app})  # already running: unchanged
    assert client.gql(HISTORY, {"a": app})["app"]["history"]["countEvents"] == 1
    restarted = client.gql("mutation($a: UUID!) { restartApp(id: $a) { history { currentStatus } } }", {"a": app})
    assert restarted["restartApp"]["history"]["currentStatus"] == "RESTARTING"
    client.platform.clock.advance(minutes=1)
    stopped = client.gql("mutation($a: UUID!) { stopApp(id: $a) { history { currentStatus } } }", {"a": app})
    assert stopped["stopApp"]["history"]["currentStatus"] == "STOPPING"
    client.platform.clock.advance(minutes=1)
    history = client.gql(HISTORY, {"a": app})["app"]["history"]
    assert history["currentStatus"] == "STOPPED"
    assert [e["action"]["event"]["__typename"] for e in history["events"]] == [
        "StopAction",
        "RestartAction",
        "RunAction",
    ]
    assert client.gql("mutation($a: UUID!) { stopApp(id: $a) { id } }", {"a": app})  # already stopped: unchanged
    paged = client.gql(
        "query($a: UUID!) { app(id: $a) { history { events(limit: 1, skip: 1) { action { event { __typename } } } } } }",
        {"a": app},
    )["app"]["history"]["events"]
    assert [e["action"]["event"]["__typename"] for e in paged] == ["RestartAction"]
    logs = client.gql(
        """query($a: UUID!, $e: UUID!) { appLogs(appId: $a, appExecutionId: $e) { count content { stream value } }
             countAppLogs(appId: $a, appExecutionId: $e) }""",
        {"a": app, "e": history["currentExecutionId"]},
    )
    assert logs["countAppLogs"] == logs["appLogs"]["count"] > 3
    client.platform.controls.force_app_outcome("broken", "FAILED")
    broken = client.gql(APP, {"p": project, "t": client.technology("Docker image"), "n": "broken"})["createApp"]["id"]
    client.platform.clock.advance(minutes=1)
    assert client.gql(HISTORY, {"a": broken})["app"]["history"]["currentStatus"] == "FAILED"


def test_updated_technologies_and_reports(client: Client) -> None:
    everything = client.gql('{ updatedTechnologies(from: "1.0") { id } }', gateway=True)["updatedTechnologies"]
    assert len(everything) > 10
    future = client.gql('{ updatedTechnologies(from: "2999-01-01") { id } }', gateway=True)["updatedTechnologies"]
    assert future == []
    assert client.gql("{ facets { name } }", gateway=True) == {"facets": []}
    project = client.project()
    job = client.job(project, "reported")
    pipeline = client.gql(
        """mutation($p: UUID!, $j: [UUID!]!) { createPipeline(pipeline: {name: "r", alias: "r", projectId: $p,
             jobsId: $j, isScheduled: false}) { id } }""",
        {"p": project, "j": [job]},
    )["createPipeline"]["id"]
    client.gql("mutation($p: UUID!) { runPipeline(pipelineId: $p) { id } }", {"p": pipeline})
    client.platform.clock.advance(minutes=5)
    reports = client.gql(
        "{ projectReports(timeSlot: 1, limit: 5, skip: 0) { projects { pipelines { pipelineInstances { endTime status } } } } }"
    )["projectReports"]
    (instance,) = reports["projects"][0]["pipelines"][0]["pipelineInstances"]
    assert instance["status"] == "SUCCEEDED" and instance["endTime"] is not None
