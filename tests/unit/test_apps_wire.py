"""Wire format of api.apps: exact variables for edit/upgrade, 2.x bugs fixed."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_httpx import HTTPXMock

import saagieapi
from saagieapi import SaagieApi

from .conftest import PROJECTS_API
from .test_projects_wire import add_login, sent

VERSION: dict[str, Any] = {
    "number": 1,
    "creationDate": "2024-01-01T00:00:00Z",
    "releaseNote": "",
    "dockerInfo": {"image": "registry.acme/private:1", "dockerCredentialsId": "cred-1"},
    "runtimeContextId": None,
    "creator": "alice",
    "ports": [
        {
            "name": "web",
            "number": 80,
            "isRewriteUrl": False,
            "basePathVariableName": None,
            "scope": "PROJECT",
            "internalUrl": "http://x",
        }
    ],
    "isMajor": False,
    "volumesWithPath": [
        {
            "path": "/data",
            "volume": {
                "id": "v1",
                "name": "data",
                "creator": "alice",
                "description": None,
                "size": "1 GB",
                "projectId": "p1",
                "creationDate": "2024-01-01T00:00:00Z",
            },
        }
    ],
}
APP: dict[str, Any] = {
    "id": "a1",
    "name": "web",
    "description": None,
    "creationDate": "2024-01-01T00:00:00Z",
    "creator": "alice",
    "isGenericApp": True,
    "technology": {"id": "t-docker"},
    "project": {"id": "p1", "name": "demo"},
    "currentVersion": VERSION,
    "history": None,
    "alerting": {"emails": ["a@b.c"], "statusList": ["FAILED"], "loginEmails": [{"login": "bob", "email": "b@c.d"}]},
    "resources": None,
    "linkedVolumes": [],
}


def test_edit_sends_only_changes_and_never_login_emails(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x re-sent the current alerting with loginEmails, which AppAlertingInput rejects."""
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"editApp": APP}}, is_reusable=True)
    api.apps.edit("a1", description="")
    assert sent(httpx_mock, "EditApp") == {"app": {"id": "a1", "description": ""}, "versionsOnlyCurrent": True}
    assert [r for r in httpx_mock.get_requests() if b"GetApp" in r.content] == []


def test_edit_empty_emails_removes_alerting(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x kept the alerting when given emails=[]."""
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"editApp": APP}})
    api.apps.edit("a1", emails=[])
    assert sent(httpx_mock, "EditApp")["app"] == {"id": "a1", "alerting": None}


def test_upgrade_keeps_credentials_volumes_and_ports(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    """2.x dropped the docker credentials and the volumes on upgrade."""
    add_login(httpx_mock)
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"app": APP}})
    httpx_mock.add_response(url=PROJECTS_API, json={"data": {"addAppVersion": {**VERSION, "number": 2}}})
    api.apps.upgrade("a1", release_note="rn", image="registry.acme/private:2")
    assert sent(httpx_mock, "AddAppVersion") == {
        "appId": "a1",
        "version": {
            "releaseNote": "rn",
            "ports": [
                {"name": "web", "number": 80, "isRewriteUrl": False, "basePathVariableName": None, "scope": "PROJECT"}
            ],
            "volumesWithPath": [{"path": "/data", "volumeId": "v1"}],
            "dockerInfo": {"image": "registry.acme/private:2", "dockerCredentialsId": "cred-1"},
        },
    }


def test_invalid_input_fails_before_any_request(api: SaagieApi, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        api.apps.upgrade("a1", technology_context="c", docker_credentials_id="x")
    with pytest.raises(saagieapi.InvalidInputError):
        api.apps.create_from_scratch("p1", "x", image="i", exposed_ports=[{"number": 1, "port": 2}])
    with pytest.raises(saagieapi.InvalidInputError):
        api.apps.edit("a1", logins=["bob"])  # a status list is needed
    assert httpx_mock.get_requests() == []
