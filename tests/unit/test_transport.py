"""Wire format of the transport: login, bearer, re-login, retries, errors, redaction."""

from __future__ import annotations

import io
import json
import logging

import httpx
import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import AsyncSaagieApi, SaagieApi

from .conftest import BASE, GATEWAY_API, LOGIN, PASSWORD, PROJECTS_API, TOKEN

PLATFORM = {
    "data": {"platform": {"id": 6, "name": "prod", "counts": {"projects": 1, "jobs": 2, "apps": 3, "pipelines": 4}}}
}


def add_login(httpx_mock: HTTPXMock, token: str = TOKEN) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=token)


def test_login_request_and_bearer(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM)

    info = api.get_platform_info()

    assert info.name == "prod" and info.counts.pipelines == 4
    login, call = httpx_mock.get_requests()
    assert login.method == "POST" and str(login.url) == LOGIN
    assert login.headers["Saagie-Realm"] == "acme"
    assert json.loads(login.content) == {"login": "alice", "password": PASSWORD}
    assert call.headers["Authorization"] == f"Bearer {TOKEN}"
    assert call.headers["Content-Type"] == "application/json"
    assert call.headers["User-Agent"].startswith(f"saagieapi/{saagieapi.__version__} ")
    body = json.loads(call.content)
    assert body["operationName"] == "GetPlatformInfo"
    assert body["variables"] == {}
    assert "query GetPlatformInfo" in body["query"]


def test_login_once_for_many_calls(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM, is_reusable=True)
    for _ in range(3):
        api.get_platform_info()
    assert [r.url.path for r in httpx_mock.get_requests()].count("/authentication/api/open/authenticate") == 1


def test_login_refused_raises_authentication_error(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, status_code=401, text="Bad credentials")
    with pytest.raises(saagieapi.AuthenticationError) as caught:
        api.get_platform_info()
    assert "realm 'acme'" in str(caught.value) and PASSWORD not in str(caught.value)
    assert caught.value.status_code == 401


def test_expired_token_relogs_once_and_replays(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock, "first-token")
    httpx_mock.add_response(url=PROJECTS_API, status_code=401, text="expired")
    add_login(httpx_mock, "second-token")
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM)

    assert api.get_platform_info().id == 6
    calls = [r for r in httpx_mock.get_requests() if r.url == PROJECTS_API]
    assert [c.headers["Authorization"] for c in calls] == ["Bearer first-token", "Bearer second-token"]


def test_relogins_within_the_retry_budget_then_a_typed_error_that_is_not_login_refused(
    api: SaagieApi, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text="fresh-token-123", is_reusable=True)
    httpx_mock.add_response(url=PROJECTS_API, status_code=401, text="expired", is_reusable=True)
    with pytest.raises(saagieapi.AuthenticationError) as caught:
        api.get_platform_info()
    # The first login, one free re-login, then one per retry (retries=2): 4 logins, 4 calls.
    assert len([r for r in httpx_mock.get_requests() if r.url == LOGIN]) == 4
    assert len([r for r in httpx_mock.get_requests() if r.url == PROJECTS_API]) == 4
    assert "login refused" not in str(caught.value) and "fresh logins did not help" in str(caught.value)


def test_a_token_rejected_again_right_after_a_relogin_is_renewed_again(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock, "first-token")
    httpx_mock.add_response(url=PROJECTS_API, status_code=401, text="expired")
    add_login(httpx_mock, "second-token")
    httpx_mock.add_response(url=PROJECTS_API, status_code=401, text="expired")
    add_login(httpx_mock, "third-token")
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM)
    assert api.get_platform_info().id == 6


def test_multipart_upload_replayed_byte_identical_after_relogin(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    from saagieapi._generated.projects.base_model import Upload

    bodies: list[bytes] = []
    replies = iter([httpx.Response(401, text="expired"), httpx.Response(200, json={"data": {"ok": True}})])

    def graphql(request: httpx.Request) -> httpx.Response:
        bodies.append(request.read())
        return next(replies)

    add_login(httpx_mock, "first-token")
    httpx_mock.add_callback(graphql, url=PROJECTS_API)
    add_login(httpx_mock, "second-token")
    httpx_mock.add_callback(graphql, url=PROJECTS_API)

    payload = b"print('hello')\n" * 5000
    upload = Upload(filename="job.py", content=io.BytesIO(payload), content_type="text/x-python")
    data = api.client.execute(
        "mutation Up($file: Upload) { up(file: $file) }", operation_name="Up", variables={"file": upload}
    )

    assert data == {"ok": True}
    assert len(bodies) == 2 and bodies[0] == bodies[1]
    assert payload in bodies[1]
    text = bodies[1].decode()
    assert text.index('name="operations"') < text.index('name="map"') < text.index('name="0"; filename="job.py"')
    assert '{"0": ["variables.file"]}' in text
    assert '"variables":{"file":null}' in text


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_query_retried_on_transient_status(
    api: SaagieApi, httpx_mock: HTTPXMock, status: int, sleeps: list[float]
) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, status_code=status, text="busy")
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM)
    assert api.get_platform_info().name == "prod"
    assert len(sleeps) == 1 and 0 < sleeps[0] <= 0.5


def test_query_retries_exhausted_raise_server_error(api: SaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, status_code=503, text="down", is_reusable=True)
    with pytest.raises(saagieapi.ServerError) as caught:
        api.get_platform_info()
    assert caught.value.status_code == 503
    assert len([r for r in httpx_mock.get_requests() if r.url == PROJECTS_API]) == 3  # 1 + retries=2
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0] * 1.4


def test_retry_after_honoured(api: SaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, status_code=429, headers={"Retry-After": "7"})
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM)
    api.get_platform_info()
    assert sleeps == [7.0]


def test_retry_after_too_long_is_not_waited(api: SaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, status_code=429, headers={"Retry-After": "3600"})
    with pytest.raises(saagieapi.RateLimitError) as caught:
        api.get_platform_info()
    assert caught.value.retry_after == 3600.0 and sleeps == []


MUTATION = "mutation RunJob($jobId: UUID!) { runJob(jobId: $jobId) { id } }"


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_mutation_not_retried_once_it_reached_the_server(
    api: SaagieApi, httpx_mock: HTTPXMock, status: int, sleeps: list[float]
) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, status_code=status, text="oops")
    expected = saagieapi.OutcomeUnknownError if status >= 500 else saagieapi.HTTPStatusError
    with pytest.raises(expected) as caught:
        api.client.execute(MUTATION, operation_name="RunJob", variables={"jobId": "j"})
    assert len([r for r in httpx_mock.get_requests() if r.url == PROJECTS_API]) == 1 and sleeps == []
    if status >= 500:
        assert isinstance(caught.value.failure, saagieapi.ServerError)  # type: ignore[attr-defined]
        assert "may or may not have applied" in str(caught.value)


def test_mutation_not_retried_after_read_timeout(api: SaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    add_login(httpx_mock)
    httpx_mock.add_exception(httpx.ReadTimeout("slow"), url=PROJECTS_API)
    with pytest.raises(saagieapi.OutcomeUnknownError) as caught:
        api.client.execute(MUTATION, operation_name="RunJob", variables={"jobId": "j"})
    assert len([r for r in httpx_mock.get_requests() if r.url == PROJECTS_API]) == 1
    assert isinstance(caught.value.failure, saagieapi.SaagieTimeoutError)
    assert caught.value.operation == "RunJob" and "may or may not have applied" in str(caught.value)


def test_mutation_retried_when_connection_never_opened(
    api: SaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    add_login(httpx_mock)
    httpx_mock.add_exception(httpx.ConnectError("refused"), url=PROJECTS_API)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"runJob": {"id": "i1"}}})
    data = api.client.execute(MUTATION, operation_name="RunJob", variables={"jobId": "j"})
    assert data == {"runJob": {"id": "i1"}} and len(sleeps) == 1


def test_mutation_retried_on_429(api: SaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, status_code=429, headers={"Retry-After": "1"})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"runJob": {"id": "i1"}}})
    assert api.client.execute(MUTATION, operation_name="RunJob", variables={"jobId": "j"}) == {"runJob": {"id": "i1"}}
    assert sleeps == [1.0]


def test_query_retried_after_dropped_connection(api: SaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    add_login(httpx_mock)
    httpx_mock.add_exception(httpx.RemoteProtocolError("dropped"), url=PROJECTS_API)
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM)
    assert api.get_platform_info().id == 6


def test_retries_zero_disables(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, status_code=503)
    with SaagieApi(BASE, 6, "alice", PASSWORD, "acme", retries=0) as client, pytest.raises(saagieapi.ServerError):
        client.get_platform_info()
    assert sleeps == []


def test_connection_error_is_typed(api: SaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    httpx_mock.add_exception(httpx.ConnectError("Name or service not known"), url=LOGIN, is_reusable=True)
    with pytest.raises(saagieapi.SaagieConnectionError) as caught:
        api.get_platform_info()
    assert "check the URL" in str(caught.value)
    assert len(sleeps) == 2


def test_graphql_errors_raise_with_partial_data(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(
        url=PROJECTS_API,
        json={"data": {"platform": None}, "errors": [{"message": "Boom", "path": ["platform"]}]},
    )
    with pytest.raises(saagieapi.GraphQLError) as caught:
        api.get_platform_info()
    error = caught.value
    assert error.messages == ["Boom"] and error.data == {"platform": None}
    assert error.operation_name == "GetPlatformInfo" and "Boom" in str(error)


def test_non_json_answer_raises_invalid_response(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, text="<html>proxy</html>")
    with pytest.raises(saagieapi.InvalidResponseError):
        api.get_platform_info()


@pytest.mark.parametrize(
    ("status", "error_type"),
    [(400, saagieapi.HTTPStatusError), (403, saagieapi.PermissionDeniedError), (404, saagieapi.HTTPStatusError)],
)
def test_status_mapping(api: SaagieApi, httpx_mock: HTTPXMock, status: int, error_type: type[Exception]) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, status_code=status, text="nope")
    with pytest.raises(error_type) as caught:
        api.get_platform_info()
    assert caught.value.status_code == status  # type: ignore[attr-defined]


def test_timeout_default_and_per_call(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM, is_reusable=True)
    api.get_platform_info()
    api.client.get_platform_info(timeout=2.5)
    login, default_call, short_call = httpx_mock.get_requests()
    assert login.extensions["timeout"]["read"] == 5
    assert default_call.extensions["timeout"]["read"] == 5
    assert short_call.extensions["timeout"]["read"] == 2.5


def test_tls_verified_by_default() -> None:
    with SaagieApi(BASE, 6, "alice", PASSWORD, "acme") as client:
        pool = client.transport._client._transport._pool  # type: ignore[attr-defined]
        assert pool._ssl_context.verify_mode.name == "CERT_REQUIRED"


def test_verify_false_warns_on_saagieapi_logger(caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="saagieapi"),
        SaagieApi(BASE, 6, "alice", PASSWORD, "acme", verify_ssl=False),
    ):
        pass
    assert any("verification is disabled" in r.getMessage() and r.name == "saagieapi" for r in caplog.records)


def test_secrets_never_in_logs_reprs_or_errors(
    api: SaagieApi, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM)
    httpx_mock.add_response(url=PROJECTS_API, status_code=400, text=f"bad token {TOKEN} for {PASSWORD}")
    httpx_mock.add_response(
        url=PROJECTS_API, json={"errors": [{"message": f"Variable value {PASSWORD} rejected, Bearer {TOKEN}"}]}
    )
    texts: list[str] = [repr(api), str(api), repr(api.settings), repr(api.transport)]
    with caplog.at_level(logging.DEBUG):
        api.get_platform_info()
        for _ in range(2):
            with pytest.raises(saagieapi.SaagieError) as caught:
                api.get_platform_info()
            texts += [str(caught.value), repr(caught.value), repr(vars(caught.value))]
    texts += [record.getMessage() for record in caplog.records]
    assert caplog.records, "DEBUG logging produced nothing to check"
    for text in texts:
        assert PASSWORD not in text and TOKEN not in text, text


def test_gateway_calls_go_to_gateway(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"repositories": []}})
    assert api.get_repositories_info() == []


@pytest.mark.anyio
async def test_async_relogin_and_retry(async_api: AsyncSaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    add_login(httpx_mock, "token-t1-abcdef")
    httpx_mock.add_response(url=PROJECTS_API, status_code=401)
    add_login(httpx_mock, "token-t2-abcdef")
    httpx_mock.add_response(url=PROJECTS_API, status_code=502)
    httpx_mock.add_response(url=PROJECTS_API, json=PLATFORM)
    async with async_api as client:
        info = await client.get_platform_info()
    assert info.counts.apps == 3 and len(sleeps) == 1


@pytest.mark.anyio
async def test_async_mutation_not_retried(
    async_api: AsyncSaagieApi, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, status_code=503)
    async with async_api as client:
        with pytest.raises(saagieapi.OutcomeUnknownError):
            await client.client.execute(MUTATION, operation_name="RunJob", variables={"jobId": "j"})
    assert sleeps == []
