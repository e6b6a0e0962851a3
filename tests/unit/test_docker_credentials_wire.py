"""Wire format of api.docker_credentials: exact variables, lookups by username, passwords never leak."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from saagieapi import SaagieApi
from saagieapi.errors import GraphQLError, InvalidInputError, NotFoundError

from .conftest import LOGIN, PROJECTS_API, TOKEN

SECRET = "d0cker-T0ken-xyz"


def credential(id_: str, username: str, registry: str | None = None) -> dict[str, Any]:
    return {
        "id": id_,
        "registry": registry,
        "username": username,
        "lastUpdate": "2024-05-01T10:00:00Z",
        "jobs": [],
        "apps": [{"id": "app-1"}],
    }


def calls(httpx_mock: HTTPXMock) -> list[dict[str, Any]]:
    return [json.loads(r.content) for r in httpx_mock.get_requests() if str(r.url) == PROJECTS_API]


def login(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)


def test_create_sends_one_input_object_and_no_registry_for_docker_hub(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"createDockerCredentials": credential("c1", "bot")}})
    httpx_mock.add_response(
        url=PROJECTS_API, json={"data": {"createDockerCredentials": credential("c2", "bot", "ghcr.io")}}
    )
    created = api.docker_credentials.create("proj-1", "bot", SECRET)
    assert created.id == "c1" and created.registry is None and created.apps and created.apps[0].id == "app-1"
    api.docker_credentials.create("proj-1", "bot", SECRET, registry="ghcr.io")
    first, second = calls(httpx_mock)
    assert "mutation CreateDockerCredentials" in first["query"]
    assert first["variables"] == {"dockerCredentials": {"projectId": "proj-1", "username": "bot", "password": SECRET}}
    assert second["variables"]["dockerCredentials"]["registry"] == "ghcr.io"


def test_invalid_arguments_are_rejected_before_any_request(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidInputError, match="password"):
        api.docker_credentials.create("proj-1", "bot", "")
    with pytest.raises(InvalidInputError, match="username"):
        api.docker_credentials.create("proj-1", "", SECRET)
    with pytest.raises(InvalidInputError, match="password"):
        api.docker_credentials.upgrade("proj-1", "c1", "")
    with pytest.raises(InvalidInputError, match="username"):
        api.docker_credentials.delete_for_username("proj-1", "")
    assert httpx_mock.get_requests() == []


def test_upgrade_sends_null_for_kept_fields(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x sent username "" by default and logged it; None/"" keep the stored value and are not sent."""
    login(httpx_mock)
    reply = {"data": {"updateDockerCredentials": credential("c1", "bot", "ghcr.io")}}
    httpx_mock.add_response(url=PROJECTS_API, json=reply)
    httpx_mock.add_response(url=PROJECTS_API, json=reply)
    assert api.docker_credentials.upgrade("proj-1", "c1", SECRET).username == "bot"
    api.docker_credentials.upgrade("proj-1", "c1", SECRET, registry="quay.io", username="robot")
    first, second = calls(httpx_mock)
    assert first["variables"] == {"dockerCredentialsUpdate": {"id": "c1", "projectId": "proj-1", "password": SECRET}}
    assert second["variables"]["dockerCredentialsUpdate"] == {
        "id": "c1",
        "projectId": "proj-1",
        "password": SECRET,
        "registry": "quay.io",
        "username": "robot",
    }


def test_lookup_by_username_matches_the_registry_exactly(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    listing = [credential("hub", "bot"), credential("gh", "bot", "ghcr.io")]
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"allDockerCredentials": listing}}, is_reusable=True)
    assert api.docker_credentials.get_info_for_username("proj-1", "bot").id == "hub"
    assert api.docker_credentials.get_info_for_username("proj-1", "bot", "ghcr.io").id == "gh"
    assert api.docker_credentials.get_info_for_username("proj-1", "bot", "").id == "hub"
    with pytest.raises(NotFoundError, match=r"'other'.*registry 'ghcr.io'.*Existing: bot"):
        api.docker_credentials.get_info_for_username("proj-1", "other", "ghcr.io")
    with pytest.raises(NotFoundError, match="There is none"):
        api.docker_credentials.get_info_for_username("proj-1", "bot", "quay.io")
    # one request per lookup
    assert len(calls(httpx_mock)) == 5


def test_upgrade_and_delete_for_username_resolve_then_act(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    listing = [credential("hub", "bot"), credential("gh", "bot", "ghcr.io")]
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"allDockerCredentials": listing}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"updateDockerCredentials": listing[1]}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"allDockerCredentials": listing}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"deleteDockerCredentials": True}})
    assert api.docker_credentials.upgrade_for_username("proj-1", "bot", SECRET, "ghcr.io").id == "gh"
    assert api.docker_credentials.delete_for_username("proj-1", "bot") is True
    sent = calls(httpx_mock)
    assert sent[1]["variables"]["dockerCredentialsUpdate"] == {
        "id": "gh",
        "projectId": "proj-1",
        "password": SECRET,
        "registry": "ghcr.io",
    }
    assert sent[3]["variables"] == {"id": "hub", "projectId": "proj-1"}


def test_get_info_and_missing_project(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"dockerCredentials": credential("c1", "bot")}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"dockerCredentials": None}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"allDockerCredentials": None}})
    assert api.docker_credentials.get_info("proj-1", "c1").username == "bot"
    assert calls(httpx_mock)[0]["variables"] == {"id": "c1", "projectId": "proj-1"}
    with pytest.raises(NotFoundError, match="docker credentials 'c2'"):
        api.docker_credentials.get_info("proj-1", "c2")
    with pytest.raises(NotFoundError, match="project 'nope'"):
        api.docker_credentials.list_for_project("nope")


def test_password_never_in_errors_nor_logs(
    api: SaagieApi, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    login(httpx_mock)
    echo = {"data": None, "errors": [{"message": f"invalid credentials {SECRET} for registry"}]}
    httpx_mock.add_response(url=PROJECTS_API, json=echo)
    caplog.set_level(logging.DEBUG, logger="saagieapi")
    with pytest.raises(GraphQLError) as failure:
        api.docker_credentials.create("proj-1", "bot", SECRET)
    assert SECRET not in str(failure.value) and SECRET not in repr(failure.value)
    assert "***" in str(failure.value)
    assert all(SECRET not in record.getMessage() for record in caplog.records)
