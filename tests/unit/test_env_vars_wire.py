"""Wire format of api.env_vars: scope checks before sending, exact variables, deprecated aliases."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from saagieapi import SaagieApi
from saagieapi.errors import InvalidInputError, NotFoundError

from .conftest import LOGIN, PROJECTS_API, TOKEN


def var(name: str, scope: str, id_: str, value: str | None = "v", is_password: bool = False) -> dict[str, Any]:
    return {
        "id": id_,
        "name": name,
        "scope": scope,
        "value": value,
        "description": "",
        "isPassword": is_password,
        "isValid": True,
        "overriddenValues": [],
        "invalidReasons": None,
    }


def calls(httpx_mock: HTTPXMock) -> list[dict[str, Any]]:
    return [json.loads(r.content) for r in httpx_mock.get_requests() if str(r.url) == PROJECTS_API]


def test_scope_checks_happen_before_any_request(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidInputError, match="scope 'WRONG'"):
        api.env_vars.list("WRONG")
    with pytest.raises(InvalidInputError, match="project_id must be given"):
        api.env_vars.create("PROJECT", "A", "b")
    with pytest.raises(InvalidInputError, match="pipeline_id"):
        api.env_vars.delete("PIPELINE", "A", project_id="p")
    assert httpx_mock.get_requests() == []


def test_create_sends_entity_and_input(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"saveEnvironmentVariable": var("PWD", "PROJECT", "v1")}})
    api.env_vars.create("PROJECT", "PWD", "secret", "d", True, project_id="proj-1")
    (call,) = calls(httpx_mock)
    assert call["variables"] == {
        "entityId": "proj-1",
        "envVar": {"name": "PWD", "scope": "PROJECT", "value": "secret", "description": "d", "isPassword": True},
    }


def test_deprecated_delete_for_project_never_deletes_the_global(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x deleted the first variable of that name in the listing, which could be the GLOBAL one."""
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)
    listing = [var("SHARED", "GLOBAL", "global-id"), var("SHARED", "PROJECT", "project-id")]
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"projectEnvironmentVariables": listing}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"deleteEnvironmentVariable": True}})
    with pytest.warns(DeprecationWarning, match="delete_for_project"):
        assert api.env_vars.delete_for_project("proj-1", "SHARED") is True
    assert calls(httpx_mock)[-1]["variables"] == {"id": "project-id"}


def test_deprecated_update_for_project_only_sees_project_scope(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)
    listing = [var("ONLY_GLOBAL", "GLOBAL", "global-id")]
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"projectEnvironmentVariables": listing}})
    with pytest.warns(DeprecationWarning), pytest.raises(NotFoundError):
        api.env_vars.update_for_project("proj-1", "ONLY_GLOBAL", value="x")
    assert len(calls(httpx_mock)) == 1  # nothing saved


def test_update_keeps_a_password_value_and_sends_the_same_scope(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)
    listing = [var("PWD", "GLOBAL", "g"), var("PWD", "PIPELINE", "p-var", value=None, is_password=True)]
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"pipelineEnvironmentVariables": listing}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"saveEnvironmentVariable": listing[1]}})
    api.env_vars.update("PIPELINE", "PWD", description="new", pipeline_id="pipe-1")
    assert calls(httpx_mock)[-1]["variables"] == {
        "entityId": "pipe-1",
        "envVar": {"id": "p-var", "name": "PWD", "scope": "PIPELINE", "description": "new", "isPassword": True},
    }


def test_bulk_raw_replace(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidInputError):
        api.env_vars.bulk_create_for_pipeline("pipe-1", {"A=B": "c"})
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"replaceEnvironmentVariablesByRawForScope": []}})
    api.env_vars.bulk_create_for_pipeline("pipe-1", {"A": "1", "B": "two"})
    assert calls(httpx_mock)[-1]["variables"] == {
        "entityId": "pipe-1",
        "scope": "PIPELINE",
        "rawEnvironmentVariables": "A=1\nB=two\n",
    }
