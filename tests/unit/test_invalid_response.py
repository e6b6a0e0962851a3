"""A malformed answer is an InvalidResponseError (a SaagieError), never a bare pydantic ValidationError."""

from __future__ import annotations

import pydantic
import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import AsyncSaagieApi, SaagieApi

from .conftest import BASE, PROJECTS_API
from .test_jobs_wire import JOB
from .test_projects_wire import add_login

SECRET = "value-that-must-not-leak"


def test_a_graphql_answer_that_breaks_the_schema(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    broken = {**JOB, "isScheduled": "sometimes", "name": None, "description": SECRET}
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"job": broken}})
    with pytest.raises(saagieapi.InvalidResponseError) as caught:
        api.jobs.get_info("j1")
    error = caught.value
    assert not isinstance(error, pydantic.ValidationError) and error.__cause__ is None
    assert error.operation_name == "GetJob"
    assert sorted(where for where, _ in error.problems) == ["job.isScheduled", "job.name"]
    message = str(error)
    assert "GetJob" in message and "job.name" in message and "upgrade" in message
    assert SECRET not in message and "sometimes" not in message


@pytest.mark.anyio
async def test_the_async_client_too(async_api: AsyncSaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"job": {"id": 3}}})
    async with async_api:
        with pytest.raises(saagieapi.InvalidResponseError, match="GetJob"):
            await async_api.jobs.get_info("j1")


def test_a_rest_answer_that_breaks_the_model(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{BASE}/auth/api/users", json=[{"login": 7, "password": SECRET}])
    with pytest.raises(saagieapi.InvalidResponseError) as caught:
        api.users.list()
    assert caught.value.problems[0][0] == "0.login" and SECRET not in str(caught.value)


def test_an_answer_that_is_not_json(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=f"{BASE}/profiles/api/alice", text="<html>maintenance</html>")
    with pytest.raises(saagieapi.InvalidResponseError, match="a profile"):
        api.profiles.get_info("alice")
