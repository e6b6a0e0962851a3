"""Wire format of api.pipelines: exact variables sent, checks done before sending, error mapping."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from saagieapi import AsyncSaagieApi, SaagieApi
from saagieapi.errors import GraphQLError, InvalidInputError, NotFoundError
from saagieapi.graph_pipeline import ConditionExpressionNode, GraphPipeline, JobNode

from .conftest import LOGIN, PROJECTS_API, TOKEN

PIPELINE: dict[str, Any] = {
    "id": "p-1",
    "name": "nightly",
    "alias": "nightly",
    "description": "",
    "projectId": "proj-1",
    "alerting": None,
    "pipelineInstanceCount": 0,
    "instances": [],
    "versions": [],
    "creationDate": "2024-01-01T00:00:00+00:00",
    "creator": "alice",
    "isScheduled": False,
    "cronScheduling": None,
    "scheduleStatus": None,
    "scheduleTimezone": None,
    "isLegacyPipeline": False,
    "hasExecutionVariablesEnabled": True,
}


def login(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)


def graphql_calls(httpx_mock: HTTPXMock) -> list[dict[str, Any]]:
    return [json.loads(r.content) for r in httpx_mock.get_requests() if str(r.url) == PROJECTS_API]


def two_job_graph() -> tuple[GraphPipeline, JobNode, JobNode, ConditionExpressionNode]:
    first, fallback = JobNode("job-1"), JobNode("job-2")
    check = ConditionExpressionNode(expression="1 == 2")
    first.add_next_node(check)
    check.add_failure_node(fallback)
    graph = GraphPipeline()
    graph.add_root_node(first)
    return graph, first, fallback, check


def test_create_graph_sends_the_whole_input(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(
        url=PROJECTS_API,
        json={"data": {"project": {"jobs": [{"id": "job-1", "name": "a"}, {"id": "job-2", "name": "b"}]}}},
    )
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"createGraphPipeline": PIPELINE}})
    graph, first, fallback, check = two_job_graph()

    pipeline = api.pipelines.create_graph(
        "nightly",
        "proj-1",
        graph,
        "nightly",
        description="d",
        emails=["ops@acme.io"],
        cron_scheduling="0 1 * * *",
        schedule_timezone="Europe/Paris",
        has_execution_variables_enabled=True,
        source_url="https://git/x",
        environment_variables={"ENV": "prod"},
    )

    assert pipeline.id == "p-1" and pipeline.has_execution_variables_enabled is True
    jobs_call, create_call = graphql_calls(httpx_mock)
    assert jobs_call["operationName"] == "GetProjectJobsForGraph"
    assert create_call["operationName"] == "CreateGraphPipeline"
    assert create_call["variables"] == {
        "pipeline": {
            "name": "nightly",
            "alias": "nightly",
            "projectId": "proj-1",
            "description": "d",
            "releaseNote": "",
            "graph": {
                "jobNodes": [
                    {"id": str(first.uid), "job": {"id": "job-1"}, "nextNodes": [str(check.uid)]},
                    {"id": str(fallback.uid), "job": {"id": "job-2"}, "nextNodes": []},
                ],
                "conditionNodes": [
                    {
                        "id": str(check.uid),
                        "nextNodesSuccess": [],
                        "nextNodesFailure": [str(fallback.uid)],
                        "condition": {"custom": {"expression": "1 == 2"}},
                    }
                ],
            },
            "isScheduled": True,
            "cronScheduling": "0 1 * * *",
            "scheduleTimezone": "Europe/Paris",
            "alerting": {"emails": ["ops@acme.io"], "statusList": ["FAILED"]},
            # 2.x put this in an undeclared variable: the platform never saw it.
            "hasExecutionVariablesEnabled": True,
            "sourceUrl": "https://git/x",
            "environmentVariables": "ENV=prod",
        },
        "instancesLimit": 1,
        "versionsOnlyCurrent": True,
    }


def test_create_graph_with_an_unknown_job_sends_no_mutation(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"project": {"jobs": [{"id": "job-1", "name": "a"}]}}})
    graph, *_ = two_job_graph()
    with pytest.raises(InvalidInputError, match="job-2"):
        api.pipelines.create_graph("nightly", "proj-1", graph, "nightly")
    assert [c["operationName"] for c in graphql_calls(httpx_mock)] == ["GetProjectJobsForGraph"]


def test_upgrade_checks_jobs_of_the_pipeline_project(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(
        url=PROJECTS_API,
        json={
            "data": {
                "graphPipeline": {
                    "id": "p-1",
                    "projectId": "proj-1",
                    "project": {"jobs": [{"id": "job-1", "name": "a"}]},
                }
            }
        },
    )
    graph, *_ = two_job_graph()
    with pytest.raises(InvalidInputError, match="not jobs of project proj-1: job-2"):
        api.pipelines.upgrade("p-1", graph)


def test_cycle_sends_nothing(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    a, b = JobNode("a"), JobNode("b")
    a.add_next_node(b)
    b.add_next_node(a)
    graph = GraphPipeline()
    graph.add_root_node(a)
    with pytest.raises(InvalidInputError, match="cycle"):
        api.pipelines.create_graph("x", "proj-1", graph, "x")
    assert httpx_mock.get_requests() == []


def test_edit_sends_only_what_changes(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"editPipeline": PIPELINE}}, is_reusable=True)

    api.pipelines.edit("p-1", description="", emails=[], is_scheduled=False, has_execution_variables_enabled=False)
    api.pipelines.edit("p-1", name="renamed")

    first, second = graphql_calls(httpx_mock)
    assert first["variables"]["pipeline"] == {
        "id": "p-1",
        "description": "",
        "alerting": None,
        "isScheduled": False,
        "hasExecutionVariablesEnabled": False,
    }
    assert second["variables"]["pipeline"] == {"id": "p-1", "name": "renamed"}


def test_rollback_sends_an_int_and_date_checks_happen_first(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidInputError):
        api.pipelines.delete_instances_by_date("p-1", "yesterday")
    with pytest.raises(InvalidInputError, match="timezone"):
        api.pipelines.count_deletable_instances_by_date("p-1", "2024-01-01T00:00:00")
    with pytest.raises(InvalidInputError, match="selector"):
        api.pipelines.delete_instances_by_selector("p-1", "SOMETIMES")
    with pytest.raises(InvalidInputError):
        api.pipelines.rollback("p-1", "two")
    assert httpx_mock.get_requests() == []

    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"rollbackPipelineVersion": PIPELINE}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"deletePipelineInstancesByDateSelector": 3}})
    api.pipelines.rollback("p-1", "2")
    assert api.pipelines.delete_instances_by_date("p-1", "2024-01-01T00:00:00Z", exclude_instances_id=["i-1"]) == 3
    rollback, by_date = graphql_calls(httpx_mock)
    assert rollback["variables"]["versionNumber"] == 2
    assert by_date["variables"] == {
        "pipelineId": "p-1",
        "beforeAt": "2024-01-01T00:00:00Z",
        "excludePipelineInstanceIds": ["i-1"],
        "includePipelineInstanceIds": [],
    }


def test_graphql_errors_and_missing_pipeline(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": None, "errors": [{"message": "Pipeline not found"}]})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"graphPipeline": None}})
    with pytest.raises(GraphQLError, match="Pipeline not found"):
        api.pipelines.delete("p-1")
    with pytest.raises(NotFoundError, match="pipeline 'p-2' not found"):
        api.pipelines.get_info("p-2")


@pytest.mark.anyio
async def test_async_get_id_is_one_request(async_api: AsyncSaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(
        url=PROJECTS_API,
        json={
            "data": {
                "projectByName": {
                    "id": "proj-1",
                    "name": "demo",
                    "pipelines": [{"id": "p-1", "name": "nightly", "alias": "n"}],
                }
            }
        },
    )
    async with async_api:
        assert await async_api.pipelines.get_id("nightly", "demo") == "p-1"
    (call,) = graphql_calls(httpx_mock)
    assert call["variables"] == {"projectName": "demo"}
