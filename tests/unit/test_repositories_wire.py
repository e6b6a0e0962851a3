"""Wire format of api.repositories: exact variables, multipart shape, catalog cache invalidation, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import AsyncSaagieApi, SaagieApi

from .conftest import GATEWAY_API, LOGIN, TOKEN

NOW = "2024-05-02T10:00:00Z"
EDITED = {
    "id": "r-1",
    "name": "techs",
    "creationDate": NOW,
    "creator": "alice",
    "editor": "alice",
    "modificationDate": NOW,
    "source": {"__typename": "UrlSource", "url": "https://example.com/t.zip"},
}
MUTATION_RESULT = {"count": 1, "objects": [EDITED]}
REPORT = {
    "__typename": "SuccessfulSynchronization",
    "id": "rep-2",
    "startedAt": NOW,
    "endedAt": NOW,
    "trigger": {"author": "alice", "type": "MANUAL"},
    "source": {"__typename": "FileSource", "name": "t.zip"},
    "numberOfChanges": 1,
    "technologyReports": [{"status": "CREATED", "technologyId": "bash", "technologyLabel": "Bash", "message": None}],
    "issues": [],
    "revert": None,
}
SYNCHRO = {"count": 1, "repositoryId": "r-1", "repositoryName": "techs", "report": REPORT}


def repository(last_reversible: str | None = None) -> dict[str, Any]:
    return {
        **EDITED,
        "readOnly": False,
        "technologies": [],
        "synchronizationReports": {"count": 1, "lastReversibleId": last_reversible, "list": [REPORT]},
    }


def add_login(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)


def gateway_bodies(httpx_mock: HTTPXMock) -> list[dict[str, Any]]:
    return [json.loads(r.content) for r in httpx_mock.get_requests() if r.url == GATEWAY_API]


@pytest.fixture
def zip_file(tmp_path: Path) -> Path:
    path = tmp_path / "sub dir" / "technologies.zip"
    path.parent.mkdir()
    path.write_bytes(b"PK\x03\x04 fake zip bytes")
    return path


def test_create_from_url_sends_json_input(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"addRepository": MUTATION_RESULT}})

    result = api.repositories.create("techs", url="https://example.com/t.zip")

    assert result.count == 1 and result.objects[0].id == "r-1"
    (body,) = gateway_bodies(httpx_mock)
    assert body["operationName"] == "AddRepository"
    assert body["variables"] == {"repositoryInput": {"name": "techs", "url": "https://example.com/t.zip"}}


def test_create_from_file_is_graphql_multipart(api: SaagieApi, httpx_mock: HTTPXMock, zip_file: Path) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"addRepository": MUTATION_RESULT}})

    api.repositories.create("techs", file=str(zip_file))

    request = next(r for r in httpx_mock.get_requests() if r.url == GATEWAY_API)
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    text = request.read().decode("latin-1")
    assert text.index('name="operations"') < text.index('name="map"') < text.index('name="0"')
    assert 'filename="technologies.zip"' in text and "sub dir" not in text
    assert '{"0": ["variables.upload"]}' in text
    operations = json.loads(text.split('name="operations"')[1].split("\r\n\r\n", 1)[1].split("\r\n--")[0])
    assert operations["variables"] == {"repositoryInput": {"name": "techs"}, "upload": None}
    assert "PK\x03\x04 fake zip bytes" in text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"url": "https://example.com/t.zip", "file": "t.zip"},  # 2.x silently ignored the URL
        {},
        {"file": "/does/not/exist.zip"},
    ],
)
def test_create_rejects_bad_sources_before_any_request(
    api: SaagieApi, httpx_mock: HTTPXMock, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        api.repositories.create("techs", **kwargs)
    assert httpx_mock.get_requests() == []


def test_create_rejects_empty_name(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        api.repositories.create("  ", url="https://example.com/t.zip")
    assert httpx_mock.get_requests() == []


def test_edit_sends_only_given_fields(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"editRepository": MUTATION_RESULT}}, is_reusable=True)

    api.repositories.edit("r-1", name="renamed")
    api.repositories.edit("r-1", url="https://example.com/new.zip", trigger_synchronization=True)

    first, second = gateway_bodies(httpx_mock)
    assert first["variables"] == {"repositoryInput": {"id": "r-1", "triggerSynchronization": False, "name": "renamed"}}
    assert second["variables"] == {
        "repositoryInput": {"id": "r-1", "triggerSynchronization": True, "url": "https://example.com/new.zip"}
    }


def test_edit_rejects_empty_name(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        api.repositories.edit("r-1", name="")
    assert httpx_mock.get_requests() == []


def test_synchronize_with_and_without_file(api: SaagieApi, httpx_mock: HTTPXMock, zip_file: Path) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"synchronizeRepository": SYNCHRO}}, is_reusable=True)

    plain = api.repositories.synchronize("r-1")
    uploaded = api.repositories.synchronize("r-1", file=zip_file)

    assert plain.report.typename__ == "SuccessfulSynchronization"
    assert uploaded.report.technology_reports[0].technology_label == "Bash"  # type: ignore[union-attr]
    first, second = [r for r in httpx_mock.get_requests() if r.url == GATEWAY_API]
    assert json.loads(first.content)["variables"] == {"id": "r-1"}
    text = second.read().decode("latin-1")
    assert '"variables":{"id":"r-1","upload":null}' in text and '{"0": ["variables.upload"]}' in text


def test_revert_uses_last_reversible_report(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"repository": repository("rep-2")}})
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"revertLastSynchronization": SYNCHRO}})

    api.repositories.revert_last_synchronization("r-1")

    lookup, revert = gateway_bodies(httpx_mock)
    assert lookup["operationName"] == "GetRepositorySummary"
    assert lookup["variables"] == {"id": "r-1", "lastSynchronization": True}
    assert revert["variables"] == {"repositoryId": "r-1", "synchronizationReportId": "rep-2"}


def test_revert_without_reversible_report_raises_not_found(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"repository": repository(None)}})
    with pytest.raises(saagieapi.NotFoundError):
        api.repositories.revert_last_synchronization("r-1")
    assert len(gateway_bodies(httpx_mock)) == 1


def test_get_info_of_missing_repository_raises_not_found(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"repository": None}})
    with pytest.raises(saagieapi.NotFoundError):
        api.repositories.get_info("nope")
    (body,) = gateway_bodies(httpx_mock)
    assert body["variables"] == {
        "id": "nope",
        "lastSynchronization": False,
        "withReverted": False,
        "limit": None,
    }


def test_get_id_is_one_request_and_typed_errors(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"repositories": [repository()]}}, is_reusable=True)
    assert api.repositories.get_id("techs") == "r-1"
    with pytest.raises(saagieapi.NotFoundError):
        api.repositories.get_id("other")
    assert len(gateway_bodies(httpx_mock)) == 2


def test_mutations_invalidate_the_catalog_cache(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if body["operationName"] == "ListCatalog":
            return httpx.Response(200, json={"data": {"repositories": []}})
        return httpx.Response(200, json={"data": {"removeRepository": EDITED}})

    add_login(httpx_mock)
    httpx_mock.add_callback(answer, url=GATEWAY_API, is_reusable=True)

    api.get_repositories_info()
    api.get_repositories_info()  # cached
    api.repositories.delete("r-1")
    api.get_repositories_info()  # downloaded again

    names = [body["operationName"] for body in gateway_bodies(httpx_mock)]
    assert names == ["ListCatalog", "RemoveRepository", "ListCatalog"]


def test_failed_mutation_still_invalidates_and_raises_graphql_error(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    add_login(httpx_mock)
    api._catalog = []
    httpx_mock.add_response(
        url=GATEWAY_API, json={"data": None, "errors": [{"message": "Repository with id 'x' not found"}]}
    )
    with pytest.raises(saagieapi.GraphQLError):
        api.repositories.delete("x")
    assert api._catalog is None


@pytest.mark.anyio
async def test_async_create_from_file(async_api: AsyncSaagieApi, httpx_mock: HTTPXMock, zip_file: Path) -> None:
    add_login(httpx_mock)
    httpx_mock.add_response(url=GATEWAY_API, json={"data": {"addRepository": MUTATION_RESULT}})
    async with async_api as client:
        result = await client.repositories.create("techs", file=zip_file)
    assert result.objects[0].name == "techs"
    text = next(r for r in httpx_mock.get_requests() if r.url == GATEWAY_API).read().decode("latin-1")
    assert 'filename="technologies.zip"' in text
