"""Wire format of api.storages: sizes with units, partial edits that can clear, guards before mutations."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from saagieapi import SaagieApi
from saagieapi.errors import InvalidInputError, NotFoundError

from .conftest import LOGIN, PROJECTS_API, TOKEN


def volume(id_: str = "v1", name: str = "data", linked_app: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "id": id_,
        "name": name,
        "projectId": "proj-1",
        "size": "1.0 GB",
        "description": "d",
        "creationDate": "2024-05-01T10:00:00Z",
        "creator": "alice",
        "linkedApp": linked_app,
        "originalVolumeId": None,
        "duplicationStatus": None,
        "isLocked": False,
    }


def app_mounting(volume_ids: list[str]) -> dict[str, Any]:
    return {
        "id": "app-1",
        "name": "notebook",
        "currentVersion": {
            "number": 2,
            "volumesWithPath": [{"path": f"/data/{i}", "volume": {"id": i}} for i in volume_ids],
        },
        "versions": [],
    }


def calls(httpx_mock: HTTPXMock) -> list[dict[str, Any]]:
    return [json.loads(r.content) for r in httpx_mock.get_requests() if str(r.url) == PROJECTS_API]


def login(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LOGIN, method="POST", text=TOKEN)


def test_create_sends_a_datasize_string(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"createVolume": volume()}}, is_reusable=True)
    created = api.storages.create("proj-1", "data", "1 GB", "d")
    assert created.size == "1.0 GB" and created.linked_app is None
    api.storages.create("proj-1", "data", "512 MiB", "")
    first, second = calls(httpx_mock)
    assert first["variables"] == {"volume": {"projectId": "proj-1", "name": "data", "size": "1 GB", "description": "d"}}
    # 2.x dropped a falsy description; an explicit "" is sent
    assert second["variables"]["volume"]["description"] == ""


@pytest.mark.parametrize("size", [1, 10.5, "1", "one GB", "", None])
def test_size_without_unit_is_rejected_before_sending(api: SaagieApi, httpx_mock: HTTPXMock, size: Any) -> None:
    """2.x annotated ``storage_size: int`` and sent whatever it got; the platform needs a unit."""
    with pytest.raises(InvalidInputError, match="such as '1 GB'"):
        api.storages.create("proj-1", "data", size)
    assert httpx_mock.get_requests() == []


def test_edit_sends_only_given_fields_and_can_clear_the_description(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x tested truthiness: description="" was never sent and the size could not change."""
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"editVolume": volume()}}, is_reusable=True)
    api.storages.edit("v1", description="")
    api.storages.edit("v1", "renamed", size="2 GB")
    first, second = calls(httpx_mock)
    assert "mutation EditStorage" in first["query"]
    assert first["variables"] == {"volume": {"id": "v1", "description": ""}}
    assert second["variables"] == {"volume": {"id": "v1", "name": "renamed", "size": "2 GB"}}
    with pytest.raises(InvalidInputError, match="nothing to edit"):
        api.storages.edit("v1")
    with pytest.raises(InvalidInputError, match="name is empty"):
        api.storages.edit("v1", "")
    assert len(calls(httpx_mock)) == 2


def test_delete_and_unlink_refuse_a_mounted_storage_before_mutating(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    mounted = volume(linked_app=app_mounting(["v1"]))
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"volume": mounted}}, is_reusable=True)
    with pytest.raises(InvalidInputError, match=r"mounted by the current version of app 'notebook'.*deletion"):
        api.storages.delete("v1")
    with pytest.raises(InvalidInputError, match="unlink impossible"):
        api.storages.unlink("v1")
    assert all("mutation" not in call["query"] for call in calls(httpx_mock))


def test_unlink_of_a_volume_only_linked_sends_the_mutation(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    linked = volume(linked_app=app_mounting(["other"]))  # the app moved to another volume
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"volume": linked}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"unlinkVolume": volume()}})
    assert api.storages.unlink("v1").linked_app is None
    assert calls(httpx_mock)[1]["variables"] == {"id": "v1"}


def test_project_id_of_delete_is_checked(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x accepted ``project_id`` and ignored it; here a storage of another project is not deleted."""
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"volume": volume()}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"volume": volume()}})
    httpx_mock.add_response(
        url=PROJECTS_API, json={"data": {"deleteVolume": {"id": "v1", "name": "data", "projectId": "proj-1"}}}
    )
    with pytest.raises(NotFoundError, match="project 'proj-2'"):
        api.storages.delete("v1", "proj-2")
    assert api.storages.delete("v1", "proj-1").name == "data"
    assert [c["variables"] for c in calls(httpx_mock)] == [{"volumeId": "v1"}, {"volumeId": "v1"}, {"id": "v1"}]


def test_move_sends_an_int_platform_and_returns_the_new_id(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"moveVolume": "new-id"}})
    assert api.storages.move("v1", "1", "proj-2") == "new-id"  # type: ignore[arg-type]
    assert calls(httpx_mock)[0]["variables"] == {"volumeId": "v1", "targetPlatformId": 1, "targetProjectId": "proj-2"}
    with pytest.raises(InvalidInputError, match="platform number"):
        api.storages.move("v1", "one", "proj-2")  # type: ignore[arg-type]
    assert len(calls(httpx_mock)) == 1


def test_reads_and_missing_entities(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"project": {"volumes": [volume()]}}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"project": {"volumes": [volume()]}}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"project": None}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"volume": None}})
    httpx_mock.add_response(
        url=PROJECTS_API, json={"data": {"duplicateVolume": {**volume("v2"), "originalVolumeId": "v1"}}}
    )
    assert api.storages.list_for_project("proj-1")[0].creator == "alice"
    assert api.storages.list_for_project("proj-1", minimal=True)[0].name == "data"
    with pytest.raises(NotFoundError, match="project 'nope'"):
        api.storages.list_for_project("nope")
    with pytest.raises(NotFoundError, match="storage 'v9'"):
        api.storages.get("v9")
    assert api.storages.duplicate("v1").original_volume_id == "v1"
    sent = calls(httpx_mock)
    assert "query ListStorages(" in sent[0]["query"] and "query ListStoragesMinimal" in sent[1]["query"]
    assert sent[4]["variables"] == {"volumeId": "v1"}


def test_deprecated_get_info_warns_and_finds_in_the_project(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"project": {"volumes": [volume()]}}}, is_reusable=True)
    with pytest.warns(DeprecationWarning, match="storages.get"):
        assert api.storages.get_info("proj-1", "v1").id == "v1"
    with pytest.warns(DeprecationWarning), pytest.raises(NotFoundError, match="storage 'v2' not found in project"):
        api.storages.get_info("proj-1", "v2")
