"""Generated methods read the body straight into their models; every outcome is the one of the dict path.

The generated clients validate the response bytes with pydantic-core's JSON parser (``execute_and_validate``)
and fall back to the transport's checks for anything that is not a plain success. For each body below, the
result (or the error: type, message, GraphQL errors and partial data) must equal what the former path gives:
``json.loads`` and the transport's checks (``_graphql_data``), then ``Model.model_validate(data)``.
"""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable
from typing import Any

import httpx
import pydantic
import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import AsyncSaagieApi, SaagieApi
from saagieapi._generated.gateway.list_catalog import ListCatalog
from saagieapi._generated.projects.get_job_instance import GetJobInstance
from saagieapi._generated.projects.get_platform_info import GetPlatformInfo

from .conftest import GATEWAY_API, LOGIN, PROJECTS_API, TOKEN

PLATFORM = {"id": 6, "name": "prod", "counts": {"projects": 1, "jobs": 2, "apps": 3, "pipelines": 4}}
INSTANCE = {
    "id": "i1",
    "number": 3,
    "status": "SUCCEEDED",
    "history": {
        "currentStatus": {"status": "SUCCEEDED", "details": None, "reason": None, "recordAt": "2024-05-01T10:00:00Z"}
    },
    "startTime": "2024-05-01T09:59:00.123Z",
    "endTime": None,
    "jobId": "j1",
    "jobAlias": "ingest",
    "pipelineInstanceId": None,
    "version": {
        "number": 1,
        "releaseNote": "",
        "runtimeVersion": "3.10",
        "commandLine": "python x.py",
        "isMajor": False,
        "isCurrent": True,
        "doesUseGPU": False,
    },
}
TECHNOLOGY = {
    "id": "t1",
    "technologyId": "python",
    "label": "Python",
    "available": True,
    "description": None,
    "icon": None,
    "repositoryId": "r1",
    "contexts": [],
}


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


PLATFORM_BODIES: dict[str, bytes] = {
    "success": _json({"data": {"platform": PLATFORM}}),
    "success, empty errors list": _json({"data": {"platform": PLATFORM}, "errors": []}),
    "success, errors null": _json({"data": {"platform": PLATFORM}, "errors": None}),
    "success, extensions": _json({"data": {"platform": PLATFORM}, "extensions": {"cost": 3}}),
    "null result": _json({"data": {"platform": None}}),
    "errors with partial data": _json(
        {"data": {"platform": None}, "errors": [{"message": "Boom", "path": ["platform"]}]}
    ),
    "errors next to complete data": _json({"data": {"platform": PLATFORM}, "errors": [{"message": "Partial"}]}),
    "errors without data": _json({"errors": [{"message": "Forbidden", "extensions": {"code": "FORBIDDEN"}}]}),
    "errors as one object": _json({"errors": {"message": "odd"}}),
    "errors as strings": _json({"errors": ["plain text"], "data": None}),
    "token echoed in an error": _json({"errors": [{"message": f"bad token {TOKEN}"}]}),
    "not JSON": b"<html>proxy error</html>",
    "empty body": b"",
    "truncated JSON": _json({"data": {"platform": PLATFORM}})[:-7],
    "JSON list": b"[1, 2]",
    "JSON string": b'"data"',
    "neither data nor errors": b"{}",
    "data null": b'{"data": null}',
    "data is a list": b'{"data": []}',
    "data is a string": b'{"data": "platform"}',
    "data that does not fit the model": _json({"data": {"platform": {**PLATFORM, "id": "six"}}}),
    "missing required field": _json({"data": {"platform": {"id": 6}}}),
    "NaN where a number is due": b'{"data": {"platform": {"id": NaN, "counts": null}}}',
    "integer too large for a float": b'{"data": {"platform": {"id": 1e400}}}',
    "duplicate keys (the last one wins)": (
        b'{"data": {"platform": null}, "data": {"platform": ' + _json(PLATFORM) + b"}}"
    ),
    "UTF-8 byte order mark": b"\xef\xbb\xbf" + _json({"data": {"platform": PLATFORM}}),
    "UTF-16 body": json.dumps({"data": {"platform": PLATFORM}}).encode("utf-16"),
    "lone surrogate in a string": b'{"data": {"platform": {"id": 6, "name": "\\ud800", "counts": '
    + _json(PLATFORM["counts"])
    + b"}}}",
    "invalid UTF-8": b'{"data": {"platform": {"id": 6, "name": "\xff", "counts": ' + _json(PLATFORM["counts"]) + b"}}}",
}


def _outcome(call: Callable[[], Any]) -> tuple[Any, ...]:
    """What a call gives, comparable between the two paths."""
    try:
        result = call()
    except pydantic.ValidationError as error:
        return ("ValidationError", error.title, error.errors(include_url=False))
    except Exception as error:
        details = tuple(
            getattr(error, name, None) for name in ("errors", "data", "operation_name", "status_code", "problems")
        )
        return (type(error).__name__, str(error), details)
    if isinstance(result, list):
        return ("ok", [item.model_dump(mode="json") for item in result], [type(item) for item in result])
    return ("ok", None if result is None else result.model_dump(mode="json"), type(result))


def _dict_path(api: SaagieApi, body: bytes, model: type[pydantic.BaseModel], name: str) -> Any:
    """The former path: ``json.loads`` plus the transport's checks, then ``model_validate`` of the dict."""
    data = api.transport._graphql_data(httpx.Response(200, content=body), name)
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:  # what the generated clients raise for it
        raise saagieapi.InvalidResponseError.from_validation(error, what=name) from None


def _reply(httpx_mock: HTTPXMock, url: str, body: bytes) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)
    httpx_mock.add_response(url=url, content=body, headers={"content-type": "application/json"})


@pytest.mark.parametrize("body", PLATFORM_BODIES.values(), ids=PLATFORM_BODIES.keys())
def test_sync_outcome_equals_the_dict_path(api: SaagieApi, httpx_mock: HTTPXMock, body: bytes) -> None:
    _reply(httpx_mock, PROJECTS_API, body)
    actual = _outcome(api.client.get_platform_info)  # first: the login teaches the redactor the token
    assert actual == _outcome(lambda: _dict_path(api, body, GetPlatformInfo, "GetPlatformInfo").platform)


@pytest.mark.anyio
@pytest.mark.parametrize("body", PLATFORM_BODIES.values(), ids=PLATFORM_BODIES.keys())
async def test_async_outcome_equals_the_dict_path(
    api: SaagieApi, async_api: AsyncSaagieApi, httpx_mock: HTTPXMock, body: bytes
) -> None:
    _reply(httpx_mock, PROJECTS_API, body)
    api.transport.redact.add(TOKEN)  # the async client logs in with it: the same redaction on both paths
    expected = _outcome(lambda: _dict_path(api, body, GetPlatformInfo, "GetPlatformInfo").platform)
    async with async_api:
        try:
            result = await async_api.client.get_platform_info()
        except Exception as error:
            failure = error

            def fail() -> Any:
                raise failure

            actual = _outcome(fail)
        else:
            actual = _outcome(lambda: result)
    assert actual == expected


def test_fast_path_keeps_the_graphql_error_partial_data_and_redaction(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    from saagieapi import GraphQLError

    _reply(httpx_mock, PROJECTS_API, PLATFORM_BODIES["errors with partial data"])
    with pytest.raises(GraphQLError) as caught:
        api.client.get_platform_info()
    assert caught.value.data == {"platform": None} and caught.value.operation_name == "GetPlatformInfo"
    httpx_mock.add_response(url=PROJECTS_API, content=PLATFORM_BODIES["token echoed in an error"])
    with pytest.raises(GraphQLError) as caught:
        api.client.get_platform_info()
    assert TOKEN not in str(caught.value) and TOKEN not in repr(caught.value.errors)


# -- open enums and open unions read from JSON as from dicts ---------------------------------------------------
INSTANCE_BODIES = {
    "known status": _json({"data": {"jobInstance": INSTANCE}}),
    "status the SDK does not know": _json({"data": {"jobInstance": {**INSTANCE, "status": "PAUSED"}}}),
    "status not a string": _json({"data": {"jobInstance": {**INSTANCE, "status": 3}}}),
    "date without zone": _json({"data": {"jobInstance": {**INSTANCE, "startTime": "2024-05-01T09:59:00"}}}),
    "date as epoch number": _json({"data": {"jobInstance": {**INSTANCE, "startTime": 1714557540}}}),
    "date not a date": _json({"data": {"jobInstance": {**INSTANCE, "startTime": "yesterday"}}}),
    "number as a numeric string": _json({"data": {"jobInstance": {**INSTANCE, "number": "3"}}}),
    "number as a float with no fraction": _json({"data": {"jobInstance": {**INSTANCE, "number": 3.0}}}),
    "number as a float with a fraction": _json({"data": {"jobInstance": {**INSTANCE, "number": 3.5}}}),
    "boolean as a string": _json(
        {"data": {"jobInstance": {**INSTANCE, "version": {**INSTANCE["version"], "isMajor": "true"}}}}
    ),
    "extra fields": _json({"data": {"jobInstance": {**INSTANCE, "futureField": {"a": 1}}}}),
}


@pytest.mark.parametrize("body", INSTANCE_BODIES.values(), ids=INSTANCE_BODIES.keys())
def test_enums_dates_and_numbers_read_as_before(api: SaagieApi, httpx_mock: HTTPXMock, body: bytes) -> None:
    _reply(httpx_mock, PROJECTS_API, body)
    actual = _outcome(lambda: api.client.get_job_instance(job_instance_id="i1"))
    assert actual == _outcome(lambda: _dict_path(api, body, GetJobInstance, "GetJobInstance").job_instance)
    if actual[0] == "ok" and b"PAUSED" in body:
        assert actual[1]["status"] == "PAUSED"  # the open enum's pseudo-member, from JSON too


CATALOG_BODIES = {
    "known technology kinds": _json(
        {
            "data": {
                "repositories": [
                    {
                        "id": "r1",
                        "name": "Saagie",
                        "readOnly": True,
                        "technologies": [{"__typename": "JobTechnology", **TECHNOLOGY}],
                    }
                ]
            }
        }
    ),
    "a kind the SDK does not know": _json(
        {
            "data": {
                "repositories": [
                    {
                        "id": "r1",
                        "name": "Saagie",
                        "readOnly": True,
                        "technologies": [{"__typename": "QuantumTechnology", **TECHNOLOGY}],
                    }
                ]
            }
        }
    ),
    "no typename": _json(
        {"data": {"repositories": [{"id": "r1", "name": "Saagie", "readOnly": True, "technologies": [TECHNOLOGY]}]}}
    ),
}


@pytest.mark.parametrize("body", CATALOG_BODIES.values(), ids=CATALOG_BODIES.keys())
def test_open_unions_read_as_before(api: SaagieApi, httpx_mock: HTTPXMock, body: bytes) -> None:
    _reply(httpx_mock, GATEWAY_API, body)
    actual = _outcome(api.client_gateway.list_catalog)
    assert actual == _outcome(lambda: _dict_path(api, body, ListCatalog, "ListCatalog").repositories)
    if b"QuantumTechnology" in body:
        assert actual[0] == "ok" and actual[1][0]["technologies"][0]["typename__"] == "QuantumTechnology"


# -- instances that set every field share one fields-set -------------------------------------------------------
def _instances(count: int) -> list[Any]:
    body = {"data": {"job": {"instances": [{**INSTANCE, "id": f"i{n}", "number": n} for n in range(count)]}}}
    from saagieapi._generated.projects.base_client import body_parser
    from saagieapi._generated.projects.list_job_instances_page import ListJobInstancesPage

    page = body_parser(ListJobInstancesPage)(_json(body))
    assert isinstance(page, ListJobInstancesPage) and page.job is not None and page.job.instances is not None
    return list(page.job.instances)


def test_complete_instances_share_their_fields_set_and_stay_independent() -> None:
    first, second, third = _instances(3)
    assert first.model_fields_set is second.model_fields_set  # one shared set per class
    assert first.model_fields_set == set(type(first).model_fields)

    first.number = 99  # validated assignment: the shared set already names every field
    assert second.number == 1 and second.model_fields_set == set(type(second).model_fields)
    copied = third.model_copy(update={"number": 7})
    assert copied.model_fields_set is not third.model_fields_set and third.number == 2
    assert copy.deepcopy(first) == first and pickle.loads(pickle.dumps(first)) == first
    assert second.model_dump(exclude_unset=True, by_alias=True)["number"] == 1


def test_partial_instances_keep_their_own_fields_set() -> None:
    from saagieapi._generated.projects.fragments import JobInstance

    partial = {key: value for key, value in INSTANCE.items() if key not in ("endTime", "pipelineInstanceId")}
    one, two = JobInstance.model_validate(partial), JobInstance.model_validate(partial)
    assert one.model_fields_set is not two.model_fields_set
    assert "end_time" not in one.model_fields_set
    one.end_time = None  # marks the field as set on this instance only
    assert "end_time" in one.model_fields_set and "end_time" not in two.model_fields_set
    assert "endTime" not in two.model_dump(exclude_unset=True, by_alias=True)


def test_a_success_is_read_once_straight_into_the_models(
    api: SaagieApi, httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_dict_path(*args: Any) -> Any:
        raise AssertionError("a plain success went through json.loads and model_validate(dict)")

    monkeypatch.setattr(api.transport, "_graphql_data", no_dict_path)
    monkeypatch.setattr(GetPlatformInfo, "model_validate", no_dict_path)
    _reply(httpx_mock, PROJECTS_API, PLATFORM_BODIES["success"])
    info = api.client.get_platform_info()
    assert info is not None and info.counts.pipelines == 4
