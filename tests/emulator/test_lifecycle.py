"""Job, pipeline and app life cycles: timing, forced outcomes, stop, graph semantics, CEL conditions."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Client

RUN = "mutation($j: UUID!) { runJob(jobId: $j) { id status } }"
INSTANCE = "query($i: UUID!) { jobInstance(id: $i) { status history { statuses { status } } endTime } }"


def _job_status(client: Client, instance_id: str) -> dict[str, Any]:
    data: dict[str, Any] = client.gql(INSTANCE, {"i": instance_id})["jobInstance"]
    return data


def test_job_instance_goes_through_its_statuses(client: Client) -> None:
    job = client.job(client.project(), "lifecycle")
    client.platform.clock.freeze()
    run = client.gql(RUN, {"j": job})["runJob"]
    assert run["status"] == "REQUESTED"
    client.platform.clock.resume()
    client.wait(lambda: _job_status(client, run["id"])["status"] == "SUCCEEDED")
    instance = _job_status(client, run["id"])
    assert [s["status"] for s in instance["history"]["statuses"]] == ["REQUESTED", "QUEUED", "RUNNING", "SUCCEEDED"]
    assert instance["endTime"] is not None


def test_forced_failure_and_stop(client: Client) -> None:
    project = client.project()
    failing, held = client.job(project, "failing"), client.job(project, "held")
    client.platform.force_job_outcome("failing", "FAILED")
    client.platform.force_job_outcome(held, "RUNNING")
    failed = client.gql(RUN, {"j": failing})["runJob"]["id"]
    running = client.gql(RUN, {"j": held})["runJob"]["id"]
    client.wait(lambda: _job_status(client, failed)["status"] == "FAILED")
    client.wait(lambda: _job_status(client, running)["status"] == "RUNNING")
    stopped = client.gql("mutation($i: UUID!) { stopJobInstance(jobInstanceId: $i) { status } }", {"i": running})
    assert stopped["stopJobInstance"]["status"] == "KILLING"
    client.wait(lambda: _job_status(client, running)["status"] == "KILLED")


def test_speed_controls_duration(client: Client) -> None:
    client.platform.set_speed(0.01)
    job = client.job(client.project(), "slow")
    run = client.gql(RUN, {"j": job})["runJob"]["id"]
    assert _job_status(client, run)["status"] == "REQUESTED"


CREATE_PIPELINE = """mutation($p: UUID!, $name: String!, $jobs: [JobNodeInput!], $conds: [ConditionNodeInput!]) {
  createGraphPipeline(pipeline: {name: $name, alias: $name, projectId: $p, isScheduled: false,
    graph: {jobNodes: $jobs, conditionNodes: $conds}}) { id } }"""
RUN_PIPELINE = "mutation($id: UUID!) { runPipeline(pipelineId: $id) { id status } }"
PIPELINE_INSTANCE = """query($i: UUID!) { pipelineInstance(id: $i) { status nodeStatuses { nodeId status }
  conditionsInstance { id conditionNodeId isSuccess } jobsInstance { jobId status } } }"""


def _run_pipeline(client: Client, project: str, name: str, jobs: list[Any], conds: list[Any]) -> dict[str, Any]:
    pipeline = client.gql(CREATE_PIPELINE, {"p": project, "name": name, "jobs": jobs, "conds": conds})
    client.platform.clock.freeze()  # the first status lasts 10 ms at speed 100: no race with a loaded machine
    run = client.gql(RUN_PIPELINE, {"id": pipeline["createGraphPipeline"]["id"]})["runPipeline"]
    assert run["status"] == "REQUESTED"
    client.platform.clock.resume()

    def done() -> bool:
        status = client.gql(PIPELINE_INSTANCE, {"i": run["id"]})["pipelineInstance"]["status"]
        return status in ("SUCCEEDED", "FAILED")

    client.wait(done)
    instance: dict[str, Any] = client.gql(PIPELINE_INSTANCE, {"i": run["id"]})["pipelineInstance"]
    instance["nodes"] = {n["nodeId"]: n["status"] for n in instance["nodeStatuses"]}
    return instance


def _node(node_id: str, job: str, *nxt: str) -> dict[str, Any]:
    return {"id": node_id, "job": {"id": job}, "nextNodes": list(nxt)}


IDS = [f"00000000-0000-4000-8000-00000000000{i}" for i in range(1, 8)]


def test_failed_job_fails_the_pipeline_and_skips_what_follows(client: Client) -> None:
    project = client.project()
    ok, bad = client.job(project, "ok"), client.job(project, "bad")
    client.platform.force_job_outcome(bad, "FAILED")
    instance = _run_pipeline(client, project, "fails", [_node(IDS[0], bad, IDS[1]), _node(IDS[1], ok)], [])
    assert instance["status"] == "FAILED"
    assert instance["nodes"] == {IDS[0]: "FAILED", IDS[1]: "SKIPPED"}


@pytest.mark.parametrize(
    ("preset", "expected_branch"),
    [("AllSuccess", "failure"), ("AllSuccessOrSkipped", "failure"), ("AtLeastOneSuccess", "success")],
)
def test_status_condition_presets(client: Client, preset: str, expected_branch: str) -> None:
    project = client.project()
    ok, bad = client.job(project, "ok"), client.job(project, "bad")
    client.platform.force_job_outcome(bad, "FAILED")
    jobs = [_node(IDS[0], ok, IDS[2]), _node(IDS[1], bad, IDS[2]), _node(IDS[3], ok), _node(IDS[4], ok)]
    conds = [
        {
            "id": IDS[2],
            "condition": {"status": {"value": preset}},
            "nextNodesSuccess": [IDS[3]],
            "nextNodesFailure": [IDS[4]],
        }
    ]
    instance = _run_pipeline(client, project, f"preset {preset}", jobs, conds)
    assert instance["status"] == "FAILED"  # a job failed
    ran = IDS[3] if expected_branch == "success" else IDS[4]
    skipped = IDS[4] if expected_branch == "success" else IDS[3]
    assert instance["nodes"][ran] == "SUCCEEDED"
    assert instance["nodes"][skipped] == "SKIPPED"


def test_expression_condition_uses_cel_over_environment_variables(client: Client) -> None:
    project = client.project()
    client.gql(
        """mutation($p: UUID) { saveEnvironmentVariable(entityId: $p, environmentVariable: {name: "ENV",
                  scope: PROJECT, value: "prod", isPassword: false}) { id } }""",
        {"p": project},
    )
    ok = client.job(project, "ok")
    jobs = [_node(IDS[0], ok, IDS[1]), _node(IDS[2], ok), _node(IDS[3], ok)]
    conds = [
        {
            "id": IDS[1],
            "condition": {"custom": {"expression": 'ENV == "prod" && vars.ENV.startsWith("pr")'}},
            "nextNodesSuccess": [IDS[2]],
            "nextNodesFailure": [IDS[3]],
        }
    ]
    instance = _run_pipeline(client, project, "cel", jobs, conds)
    assert instance["status"] == "SUCCEEDED"
    assert instance["nodes"][IDS[2]] == "SUCCEEDED"
    assert instance["nodes"][IDS[3]] == "SKIPPED"
    assert [c["isSuccess"] for c in instance["conditionsInstance"]] == [True]


def test_evaluate_condition_expression(client: Client) -> None:
    project = client.project()
    query = """query($p: UUID!, $e: String!, $v: [ConditionExpressionVariableInput!]) {
                 evaluateConditionExpression(projectId: $p, expression: $e, variables: $v) }"""
    assert (
        client.gql(query, {"p": project, "e": "1 + 1 == 2", "v": {"key": "", "value": ""}})[
            "evaluateConditionExpression"
        ]
        is True
    )
    assert (
        client.gql(query, {"p": project, "e": "int(N) > 3", "v": [{"key": "N", "value": "2"}]})[
            "evaluateConditionExpression"
        ]
        is False
    )
    # A preview whose result is a nullable Boolean: an expression that cannot be evaluated gives null.
    assert client.gql(query, {"p": project, "e": "1 +"})["evaluateConditionExpression"] is None


def test_a_cycle_is_rejected(client: Client) -> None:
    project = client.project()
    ok = client.job(project, "ok")
    errors = client.errors(
        CREATE_PIPELINE, {"p": project, "name": "cycle", "jobs": [_node(IDS[0], ok, IDS[1]), _node(IDS[1], ok, IDS[0])]}
    )
    assert "cycle" in errors[0]["message"]


def test_app_starts_and_stops(client: Client) -> None:
    project = client.project()
    app = client.gql(
        """mutation($p: UUID!, $t: UUID!) { createApp(app: {projectId: $p, name: "web", technologyId: $t,
             version: {dockerInfo: {image: "nginx"}, ports: [{number: 80, isRewriteUrl: false}]}}) {
             id history { currentStatus } } }""",
        {"p": project, "t": client.technology("Docker image")},
    )["createApp"]
    assert app["history"]["currentStatus"] == "STARTING"
    status = "query($id: UUID!) { app(id: $id) { history { currentStatus } } }"
    client.wait(lambda: client.gql(status, {"id": app["id"]})["app"]["history"]["currentStatus"] == "STARTED")
    stopped = client.gql("mutation($id: UUID!) { stopApp(id: $id) { history { currentStatus } } }", {"id": app["id"]})
    assert stopped["stopApp"]["history"]["currentStatus"] == "STOPPING"
    client.wait(lambda: client.gql(status, {"id": app["id"]})["app"]["history"]["currentStatus"] == "STOPPED")


def test_reporting_logs_and_legacy_fields(client: Client) -> None:
    project = client.project()
    job = client.job(project, "reported")
    run = client.gql(RUN, {"j": job})["runJob"]["id"]
    client.wait(lambda: _job_status(client, run)["status"] == "SUCCEEDED")
    logs = client.gql(
        "query($i: UUID!) { logs(jobInstanceID: $i) { count content { value stream } } "
        "countFilteredLogs(jobInstanceID: $i, streams: [STDOUT]) }",
        {"i": run},
    )
    stdout = [line for line in logs["logs"]["content"] if line["stream"] == "STDOUT"]
    assert logs["logs"]["count"] == len(logs["logs"]["content"]) > len(stdout) == logs["countFilteredLogs"] > 0
    counts = client.gql("query($p: UUID!) { countJobs(projectId: $p) { jobCategory count } }", {"p": project})
    assert counts["countJobs"] == [{"jobCategory": "Processing", "count": 1}]
    reports = client.gql("{ projectReports(timeSlot: 1, limit: 10, skip: 0) { countInstances projects { name } } }")
    assert reports["projectReports"]["countInstances"] == 1
    pipeline = client.gql(
        """mutation($p: UUID!, $j: [UUID!]!) { createPipeline(pipeline: {name: "linear", alias: "linear",
             projectId: $p, jobsId: $j, isScheduled: false}) { id } }""",
        {"p": project, "j": [job]},
    )["createPipeline"]["id"]
    version = client.gql(
        "mutation($id: UUID!, $j: [UUID!]!) { addPipelineVersion(pipelineId: $id, jobsId: $j) { number } }",
        {"id": pipeline, "j": [job, job]},
    )
    assert version["addPipelineVersion"]["number"] == 2
    target = client.project("target")
    moved = client.gql(
        "mutation($id: UUID!, $p: UUID!) { movePipeline(pipelineId: $id, targetPlatformId: 1, targetProjectId: $p) }",
        {"id": pipeline, "p": target},
    )["movePipeline"]
    jobs = client.gql("query($p: UUID!) { jobs(projectId: $p) { name } }", {"p": target})["jobs"]
    assert moved == pipeline and jobs == [{"name": "reported"}]
