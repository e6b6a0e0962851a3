"""Fault injection, persistence across restarts, reset, coverage table, pytest fixture, command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from saagie_emulator import RunningPlatform, running
from saagie_emulator.control import CONTROL_TOKEN_HEADER
from saagie_emulator.coverage import coverage_markdown, coverage_report

from .conftest import Client

# Every root field saagieapi 2.13.1 reaches (its integration suite, plus platform-level methods).
# This list may grow, never shrink.
REQUIRED_PROJECTS_QUERIES = [
    "allDockerCredentials",
    "app",
    "appEnvironmentVariables",
    "appHistoryStatuses",
    "appStats",
    "countAppHistoryStatuses",
    "countDeletablePipelineInstancesByDate",
    "countDeletablePipelineInstancesByStatus",
    "countJobInstancesByDate",
    "countJobInstancesBySelector",
    "dockerCredentials",
    "evaluateConditionExpression",
    "globalEnvironmentVariables",
    "graphPipeline",
    "graphPipelineByAlias",
    "graphPipelineByName",
    "job",
    "jobByAlias",
    "jobInstance",
    "jobs",
    "pipelineEnvironmentVariables",
    "pipelineInstance",
    "project",
    "projectByName",
    "projectEnvironmentVariables",
    "projects",
    "rights",
    "volume",
    "platform",
    "getClusterCapacity",
]
REQUIRED_PROJECTS_MUTATIONS = [
    "addAppVersion",
    "addGraphPipelineVersion",
    "addJobVersion",
    "createApp",
    "createDockerCredentials",
    "createGraphPipeline",
    "createJob",
    "createProject",
    "createVolume",
    "deleteApp",
    "deleteDockerCredentials",
    "deleteEnvironmentVariable",
    "deleteJob",
    "deleteJobInstances",
    "deleteJobInstancesByDate",
    "deleteJobInstancesBySelector",
    "deleteJobVersions",
    "deletePipeline",
    "deletePipelineInstances",
    "deletePipelineInstancesByDateSelector",
    "deletePipelineInstancesByStatusSelector",
    "deletePipelineVersions",
    "deleteProject",
    "deleteVolume",
    "duplicateJob",
    "duplicatePipeline",
    "duplicateVolume",
    "editApp",
    "editJob",
    "editPipeline",
    "editProject",
    "editVolume",
    "installApp",
    "moveJob",
    "moveVolume",
    "replaceEnvironmentVariablesByRawForScope",
    "rollbackAppVersion",
    "rollbackJobVersion",
    "rollbackPipelineVersion",
    "runApp",
    "runJob",
    "runPipeline",
    "saveEnvironmentVariable",
    "stopApp",
    "stopJobInstance",
    "stopPipelineInstance",
    "unlinkVolume",
    "updateDockerCredentials",
]
REQUIRED_GATEWAY_QUERIES = ["repositories", "repository", "technology", "technologiesByIds"]
REQUIRED_GATEWAY_MUTATIONS = [
    "addRepository",
    "editRepository",
    "removeRepository",
    "revertLastSynchronization",
    "synchronizeRepository",
]


def test_coverage_includes_every_root_field_saagieapi2_uses() -> None:
    report = coverage_report()
    assert set(REQUIRED_PROJECTS_QUERIES) <= set(report["projects"]["Query"]["implemented"])
    assert set(REQUIRED_PROJECTS_MUTATIONS) <= set(report["projects"]["Mutation"]["implemented"])
    assert set(REQUIRED_GATEWAY_QUERIES) <= set(report["gateway"]["Query"]["implemented"])
    assert set(REQUIRED_GATEWAY_MUTATIONS) <= set(report["gateway"]["Mutation"]["implemented"])
    for endpoint in ("projects", "gateway"):
        for root in ("Query", "Mutation"):
            entry = report[endpoint][root]
            assert set(entry["implemented"]) <= set(entry["declared"])  # checked against schema/
    assert "GET /auth/api/users" in report["rest"]
    assert "- [x] job" in coverage_markdown()


def test_coverage_is_served(client: Client) -> None:
    served = client.http.get(
        "/_emulator/coverage", headers={CONTROL_TOKEN_HEADER: client.platform.control_token}
    ).json()
    assert served == coverage_report()


def test_injected_http_errors_carry_retry_after(client: Client) -> None:
    client.platform.faults.configure(fault_rate=1.0, fault_statuses=[429], retry_after_seconds=3)
    response = client.raw("{ platform { id } }")
    assert response.status_code == 429
    assert response.headers["retry-after"] == "3"
    client.platform.faults.configure(fault_statuses=[500, 502, 503])
    statuses = {client.raw("{ platform { id } }").status_code for _ in range(30)}
    assert statuses <= {500, 502, 503} and len(statuses) >= 2
    client.platform.faults.configure(fault_rate=0.0)
    assert client.raw("{ platform { id } }").status_code == 200


def test_dropped_connections(client: Client) -> None:
    client.platform.faults.configure(drop_rate=1.0)
    with pytest.raises(httpx.TransportError):
        client.raw("{ platform { id } }")
    client.platform.faults.configure(drop_rate=0.0)
    assert client.raw("{ platform { id } }").status_code == 200


def test_latency_and_expired_tokens_and_runtime_control(client: Client) -> None:
    settings = client.platform.control("faults", {"latency_ms": 150})
    assert settings["latency_ms"] == 150
    start = time.perf_counter()
    client.raw("{ platform { id } }")
    assert time.perf_counter() - start >= 0.15
    client.platform.control("faults", {"latency_ms": 0, "expired_token_rate": 1.0})
    assert client.raw("{ platform { id } }").status_code == 401
    client.platform.reset()
    assert client.raw("{ platform { id } }").status_code == 200
    simulation = client.platform.control("simulation", {"speed": 5, "job_outcomes": {"x": "FAILED"}})
    assert simulation["speed"] == 5 and simulation["job_outcomes"] == {"x": "FAILED"}


def test_reset_endpoint_restores_the_seed(client: Client) -> None:
    client.project("to be forgotten")
    assert client.gql("{ projects { name } }")["projects"] == [{"name": "to be forgotten"}]
    token = {CONTROL_TOKEN_HEADER: client.platform.control_token}
    assert client.http.post("/_emulator/reset", json={}, headers=token).json() == {"reset": True}
    assert client.gql("{ projects { name } }")["projects"] == []


STATE_SNAPSHOT = """query($p: UUID!, $pipe: UUID!, $ji: UUID!, $pi: UUID!) {
  project(id: $p) { name }
  jobs(projectId: $p) { id name versions { number runtimeVersion packageInfo { name downloadUrl } } }
  jobInstance(id: $ji) { status history { statuses { status } } }
  graphPipeline(id: $pipe) { name versions { number graph {
    jobNodes { id job { id } nextNodes }
    conditionNodes { id condition { toString ... on ConditionExpression { expression } }
      nextNodesSuccess nextNodesFailure } } } }
  pipelineInstance(id: $pi) { status nodeStatuses { nodeId status } conditionsInstance { conditionNodeId isSuccess } }
  globalEnvironmentVariables { name value isPassword }
  projectEnvironmentVariables(projectId: $p) { name value isPassword scope }
}"""
ARTIFACT = bytes(range(256)) + b"\nprint('persisted')\n"  # not UTF-8: goes through base64
NODES = ["00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000a2"]
CONDITION = "00000000-0000-4000-8000-0000000000c1"


def _upload_job(client: Client, project: str) -> str:
    operations = {
        "query": """mutation($p: UUID!, $t: UUID!, $file: Upload) { createJob(job: {projectId: $p, name: "kept",
                    category: "Processing", technology: {id: $t}, isScheduled: false, isStreaming: false},
                    jobVersion: {runtimeVersion: "3.11"}, file: $file) { id } }""",
        "variables": {"p": project, "t": client.technology("Python"), "file": None},
    }
    response = client.http.post(
        f"/projects/api/platform/{client.platform.platform_id}/graphql",
        headers=client.headers,
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("job.py", ARTIFACT)},
    )
    assert response.status_code == 200, response.text
    return str(response.json()["data"]["createJob"]["id"])


def _run_pipeline(client: Client, pipeline: str) -> str:
    instance = str(
        client.gql("mutation($id: UUID!) { runPipeline(pipelineId: $id) { id } }", {"id": pipeline})["runPipeline"][
            "id"
        ]
    )
    query = "query($i: UUID!) { pipelineInstance(id: $i) { status } }"
    client.wait(lambda: client.gql(query, {"i": instance})["pipelineInstance"]["status"] in ("SUCCEEDED", "FAILED"))
    return instance


def _populate(client: Client) -> dict[str, str]:
    """A project with an uploaded job and its finished run, a pipeline with a condition and its finished run,
    environment variables (one a password) and a REST user with a group."""
    project = client.project("persistent")
    job = _upload_job(client, project)
    job_instance = str(client.gql("mutation($j: UUID!) { runJob(jobId: $j) { id } }", {"j": job})["runJob"]["id"])
    query = "query($i: UUID!) { jobInstance(id: $i) { status } }"
    client.wait(lambda: client.gql(query, {"i": job_instance})["jobInstance"]["status"] == "SUCCEEDED")
    client.gql("""mutation { saveEnvironmentVariable(environmentVariable: {name: "SECRET", scope: GLOBAL,
                  value: "hunter2", isPassword: true}) { id } }""")
    client.gql(
        """mutation($p: UUID) { saveEnvironmentVariable(entityId: $p, environmentVariable: {name: "ENV",
                  scope: PROJECT, value: "prod", isPassword: false}) { id } }""",
        {"p": project},
    )
    pipeline = client.gql(
        """mutation($p: UUID!, $jobs: [JobNodeInput!], $conds: [ConditionNodeInput!]) {
             createGraphPipeline(pipeline: {name: "kept pipeline", alias: "kept_pipeline", projectId: $p,
               isScheduled: false, graph: {jobNodes: $jobs, conditionNodes: $conds}}) { id } }""",
        {
            "p": project,
            "jobs": [
                {"id": NODES[0], "job": {"id": job}, "nextNodes": [CONDITION]},
                {"id": NODES[1], "job": {"id": job}, "nextNodes": []},
            ],
            # Reads the password variable at run time: a rerun after the restart proves its value was kept.
            "conds": [
                {
                    "id": CONDITION,
                    "condition": {"custom": {"expression": 'SECRET == "hunter2" && ENV == "prod"'}},
                    "nextNodesSuccess": [NODES[1]],
                    "nextNodesFailure": [],
                }
            ],
        },
    )["createGraphPipeline"]["id"]
    pipeline_instance = _run_pipeline(client, pipeline)
    group = client.http.post("/auth/api/groups", json={"name": "analysts"}, headers=client.headers)
    assert group.status_code in (200, 201), group.text
    # Client data that looks like a state-file tag must come back as plain data, not be interpreted.
    user = client.http.post(
        "/auth/api/users",
        json={
            "login": "alice",
            "password": "alice-pw",
            "roles": ["ROLE_READER"],
            "groups": ["analysts"],
            "platforms": [{"__type__": "os.system", "__bytes__": "x", "id": 1}, {"id": 2}],
        },
        headers=client.headers,
    )
    assert user.status_code == 201, user.text
    return {"p": project, "pipe": pipeline, "ji": job_instance, "pi": pipeline_instance}


def _observe(client: Client, ids: dict[str, str]) -> dict[str, Any]:
    snapshot = client.gql(STATE_SNAPSHOT, ids)
    package = snapshot["jobs"][0]["versions"][0]["packageInfo"]
    snapshot["artifact"] = client.http.get(package["downloadUrl"], headers=client.headers).content
    snapshot["alice"] = client.http.get("/auth/api/users/alice", headers=client.headers).json()
    snapshot["analysts"] = client.http.get("/auth/api/groups/analysts", headers=client.headers).json()
    return snapshot


def test_state_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with running(state_path=state, speed=100.0) as first:
        client = Client(first)
        ids = _populate(client)
        before = _observe(client, ids)
        client.close()
    document = json.loads(state.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("saagie-emulator-state", 1)
    with running(state_path=state, speed=100.0) as second:
        client = Client(second)
        after = _observe(client, ids)
        rerun = client.gql(
            "query($i: UUID!) { pipelineInstance(id: $i) { status nodeStatuses { nodeId status } } }",
            {"i": _run_pipeline(client, ids["pipe"])},
        )["pipelineInstance"]
        alice = second.user, second.password
        second.user, second.password = "alice", "alice-pw"
        Client(second).close()  # alice's password was kept: she can log in
        second.user, second.password = alice
        client.close()
    assert after == before
    assert after["artifact"] == ARTIFACT
    assert after["jobInstance"]["status"] == "SUCCEEDED"
    assert [s["status"] for s in after["jobInstance"]["history"]["statuses"]][-1] == "SUCCEEDED"
    assert after["pipelineInstance"]["status"] == "SUCCEEDED"
    assert after["pipelineInstance"]["conditionsInstance"] == [{"conditionNodeId": CONDITION, "isSuccess": True}]
    assert after["globalEnvironmentVariables"] == [{"name": "SECRET", "value": None, "isPassword": True}]
    assert after["alice"]["platforms"] == [{"__type__": "os.system", "__bytes__": "x", "id": 1}, {"id": 2}]
    assert after["alice"]["groups"] == ["analysts"] and after["analysts"]["users"] == ["alice"]
    assert rerun["status"] == "SUCCEEDED"
    assert {n["nodeId"]: n["status"] for n in rerun["nodeStatuses"]}[NODES[1]] == "SUCCEEDED"


def test_pytest_fixture_yields_a_fresh_platform(saagie_platform: RunningPlatform) -> None:
    assert saagie_platform.platform_url == f"{saagie_platform.url}projects/platform/1/"
    assert saagie_platform.realm == "saagie" and saagie_platform.platform_id == 1
    client = Client(saagie_platform)
    assert client.gql("{ projects { id } }")["projects"] == []
    client.close()


def test_command_line_prints_url_and_credentials(tmp_path: Path) -> None:
    with running() as probe:  # find a free port by borrowing one
        port = int(probe.url.rsplit(":", 1)[1].strip("/"))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "saagie_emulator", "--port", str(port), "--speed", "10", "--state", str(tmp_path / "s")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(8)]
        assert lines[0].strip() == f"Saagie emulator on http://127.0.0.1:{port}/"
        assert any("password     : saagie-emulator" in line for line in lines)
        deadline = time.monotonic() + 10
        while True:
            try:
                response = httpx.post(
                    f"http://127.0.0.1:{port}/authentication/api/open/authenticate",
                    json={"login": "admin", "password": "saagie-emulator"},
                    headers={"Saagie-Realm": "saagie"},
                )
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert response.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_checked_in_coverage_table_is_up_to_date() -> None:
    table = Path(__file__).resolve().parents[2] / "saagie_emulator" / "COVERAGE.md"
    assert table.read_text(encoding="utf-8") == coverage_markdown(), (
        "regenerate with: python -m saagie_emulator.coverage > saagie_emulator/COVERAGE.md"
    )


def test_the_emulator_never_imports_the_sdk() -> None:
    package = Path(__file__).resolve().parents[2] / "saagie_emulator"
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for forbidden in ("import saagieapi", "from saagieapi", "_generated"):
            assert forbidden not in text, f"{source.name} mentions {forbidden}"
