"""Wire format of api.projects: exact variables sent, error mapping, 2.x bugs fixed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import SaagieApi

from .conftest import GATEWAY_API, LOGIN, PROJECTS_API

PROJECT = {"id": "p1", "name": "demo", "creator": "alice", "description": "", "jobsCount": 0, "status": "READY"}


def tech(kind: str, tech_id: str, label: str, contexts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    base = {
        "__typename": kind,
        "id": tech_id,
        "technologyId": label.lower(),
        "label": label,
        "available": True,
        "description": None,
        "icon": None,
        "repositoryId": "r1",
    }
    if kind == "AppTechnology":
        base["appContexts"] = contexts or []
    elif kind != "Technology":
        base["contexts"] = contexts or []
    return base


def job_context(context_id: str, available: bool = True) -> dict[str, Any]:
    return {
        "id": context_id,
        "label": context_id,
        "available": available,
        "recommended": False,
        "trustLevel": "Stable",
        "deprecationDate": None,
        "description": None,
        "dockerInfo": None,
    }


CATALOG = {
    "data": {
        "repositories": [
            {
                "id": "r1",
                "name": "Saagie",
                "readOnly": True,
                "technologies": [
                    tech("JobTechnology", "t-python", "Python", [job_context("3.10"), job_context("3.9", False)]),
                    tech("JobTechnology", "t-bash", "Bash"),
                    tech("AppTechnology", "t-jupyter", "Jupyter Notebook"),
                ],
            }
        ]
    }
}


def add_login(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text="token-0123456789")


def sent(httpx_mock: HTTPXMock, operation: str) -> dict[str, Any]:
    for request in httpx_mock.get_requests():
        if request.url == PROJECTS_API:
            body = json.loads(request.content)
            if body["operationName"] == operation:
                return dict(body["variables"])
    raise AssertionError(f"{operation} was not sent")


def test_create_sends_exact_variables(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json=CATALOG)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"createProject": PROJECT}})

    project = api.projects.create(
        "demo",
        groups_and_roles=[{"g1": "manager", "g2": "Viewer"}],
        jobs_technologies_allowed={"saagie": ["python"]},
        apps_technologies_allowed={"Saagie": ["jupyter notebook"]},
    )

    assert project.id == "p1"
    assert sent(httpx_mock, "CreateProject") == {
        "project": {
            "name": "demo",
            "description": "",
            "technologiesByCategory": [
                {"jobCategory": "Extraction", "technologies": [{"id": "t-python"}]},
                {"jobCategory": "Processing", "technologies": [{"id": "t-python"}]},
            ],
            "appTechnologies": [{"id": "t-jupyter"}],
            "authorizedGroups": [
                {"name": "g1", "role": "ROLE_PROJECT_MANAGER"},
                {"name": "g2", "role": "ROLE_PROJECT_VIEWER"},
            ],
        }
    }


def test_create_per_category_configures_smart_app(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x could not configure "Smart App" nor give categories different lists."""
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json=CATALOG)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"createProject": PROJECT}})
    api.projects.create(
        "demo", jobs_technologies_allowed={"Processing": {"Saagie": ["Python"]}, "Smart App": {"Saagie": ["Bash"]}}
    )
    assert sent(httpx_mock, "CreateProject")["project"]["technologiesByCategory"] == [
        {"jobCategory": "Processing", "technologies": [{"id": "t-python"}]},
        {"jobCategory": "Smart App", "technologies": [{"id": "t-bash"}]},
    ]


def test_catalog_is_downloaded_once_per_client(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json=CATALOG)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"createProject": PROJECT}}, is_reusable=True)
    api.projects.create("a", jobs_technologies_allowed={"Saagie": ["python"]})
    api.projects.create("b", jobs_technologies_allowed={"Saagie": ["bash"]})
    assert sum(1 for r in httpx_mock.get_requests() if r.url == GATEWAY_API) == 1


def test_edit_keeps_per_category_lists_and_rights(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x re-sent technologiesByCategory[0] to both categories, dropping Processing-only technologies."""
    add_login(httpx_mock)
    httpx_mock.add_response(
        url=PROJECTS_API,
        json={"data": {"rights": [{"name": "g1", "role": "ROLE_PROJECT_EDITOR", "isAllProjects": False}]}},
    )
    httpx_mock.add_response(
        url=PROJECTS_API,
        json={
            "data": {
                "project": {
                    "id": "p1",
                    "technologiesByCategory": [
                        {"jobCategory": "Extraction", "technologies": [{"id": "t-bash"}]},
                        {"jobCategory": "Processing", "technologies": [{"id": "t-python"}, {"id": "t-spark"}]},
                    ],
                }
            }
        },
    )
    httpx_mock.add_response(
        url=PROJECTS_API, json={"data": {"project": {"id": "p1", "appTechnologies": [{"id": "t-jupyter"}]}}}
    )
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"editProject": PROJECT}})

    api.projects.edit("p1", description="")

    assert sent(httpx_mock, "EditProject") == {
        "project": {
            "id": "p1",
            "description": "",
            "authorizedGroups": [{"name": "g1", "role": "ROLE_PROJECT_EDITOR"}],
            "technologiesByCategory": [
                {"jobCategory": "Extraction", "technologies": [{"id": "t-bash"}]},
                {"jobCategory": "Processing", "technologies": [{"id": "t-python"}, {"id": "t-spark"}]},
            ],
            "appTechnologies": [{"id": "t-jupyter"}],
        }
    }


def test_unknown_technology_fails_with_choices_before_mutation(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json=CATALOG)
    with pytest.raises(saagieapi.NotFoundError) as caught:
        api.projects.create("demo", jobs_technologies_allowed={"Saagie": ["cobol"]})
    assert "Bash, Python" in str(caught.value)
    assert all(r.url != PROJECTS_API for r in httpx_mock.get_requests())


def test_graphql_error_is_raised(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": None, "errors": [{"message": "Project not found"}]})
    with pytest.raises(saagieapi.GraphQLError) as caught:
        api.projects.delete("p1")
    assert caught.value.messages == ["Project not found"]


def test_status_wait_stops_on_failed(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x kept polling a FAILED project, and never waited with its default timeout."""
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"project": {**PROJECT, "status": "INITIALIZING"}}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"project": {**PROJECT, "status": "FAILED"}}})
    with pytest.raises(saagieapi.RunFailedError) as caught:
        api.projects.get_status_with_callback("p1", freq=0.01)
    assert caught.value.status == "FAILED" and caught.value.instance_id == "p1"
