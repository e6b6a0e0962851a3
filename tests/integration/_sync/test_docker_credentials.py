# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""api.docker_credentials against the emulator over real HTTP."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi
from saagieapi.errors import GraphQLError, InvalidInputError, NotFoundError

from ...support.platforms import connect
from ._graph_support import create_project

SECRET = "Regi5try-S3cret!"


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=200.0) as running:
        yield running


def test_crud_by_id(api: SaagieApi, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="saagieapi")
    project_id = create_project(api)
    other_project = create_project(api)
    assert api.docker_credentials.list_for_project(project_id) == []

    created = api.docker_credentials.create(project_id, "myuser", SECRET, registry="test-registry")
    assert created.username == "myuser" and created.registry == "test-registry"
    info = api.docker_credentials.get_info(project_id, created.id)
    assert info.username == "myuser" and info.jobs == [] and info.apps == []
    assert [c.id for c in api.docker_credentials.list_for_project(project_id)] == [created.id]
    assert api.docker_credentials.list_for_project(other_project) == []  # per project

    # registry update; the username (not sent) is kept
    upgraded = api.docker_credentials.upgrade(project_id, created.id, SECRET + "2", registry="new-registry")
    assert upgraded.id == created.id
    info = api.docker_credentials.get_info(project_id, created.id)
    assert (info.registry, info.username) == ("new-registry", "myuser")
    # username update; the registry (not sent) is kept
    api.docker_credentials.upgrade(project_id, created.id, SECRET, username="otheruser")
    info = api.docker_credentials.get_info(project_id, created.id)
    assert (info.registry, info.username) == ("new-registry", "otheruser")
    assert info.last_update >= created.last_update

    assert api.docker_credentials.delete(project_id, created.id) is True
    assert api.docker_credentials.list_for_project(project_id) == []
    with pytest.raises(GraphQLError):
        api.docker_credentials.delete(project_id, created.id)
    assert all(SECRET not in record.getMessage() for record in caplog.records)


def test_by_username_docker_hub_and_registry(api: SaagieApi) -> None:
    project_id = create_project(api)
    hub = api.docker_credentials.create(project_id, "myuser", SECRET)
    registry = api.docker_credentials.create(project_id, "myuser", SECRET, "test-registry")
    assert hub.registry is None

    assert (api.docker_credentials.get_info_for_username(project_id, "myuser")).id == hub.id
    assert (api.docker_credentials.get_info_for_username(project_id, "myuser", "test-registry")).id == registry.id
    with pytest.raises(NotFoundError, match="Existing: myuser"):
        api.docker_credentials.get_info_for_username(project_id, "nobody", "test-registry")

    upgraded = api.docker_credentials.upgrade_for_username(project_id, "myuser", SECRET + "x", "test-registry")
    assert upgraded.id == registry.id
    info = api.docker_credentials.get_info(project_id, registry.id)
    assert (info.registry, info.username) == ("test-registry", "myuser")

    assert api.docker_credentials.delete_for_username(project_id, "myuser", "test-registry") is True
    assert [c.id for c in api.docker_credentials.list_for_project(project_id)] == [hub.id]
    assert api.docker_credentials.delete_for_username(project_id, "myuser") is True
    assert api.docker_credentials.list_for_project(project_id) == []
    with pytest.raises(NotFoundError, match="There is none"):
        api.docker_credentials.delete_for_username(project_id, "myuser")


def test_failures(api: SaagieApi) -> None:
    project_id = create_project(api)
    api.docker_credentials.create(project_id, "dup", SECRET)
    with pytest.raises(GraphQLError, match="already exist"):
        api.docker_credentials.create(project_id, "dup", SECRET)
    with pytest.raises(InvalidInputError):
        api.docker_credentials.create(project_id, "dup", "")
    # Both lookups are nullable on the platform: null, which the SDK turns into NotFoundError.
    with pytest.raises(NotFoundError):
        api.docker_credentials.get_info(project_id, "00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFoundError):
        api.docker_credentials.list_for_project("00000000-0000-0000-0000-000000000000")


def test_credentials_list_the_apps_using_them(api: SaagieApi) -> None:
    project_id = (api.projects.create("credentials-apps")).id  # every app technology enabled
    credential = api.docker_credentials.create(project_id, "puller", SECRET, "registry.example")
    app = api.apps.create_from_scratch(
        project_id, "private", image="registry.example/acme/web:1", docker_credentials_id=credential.id
    )
    info = api.docker_credentials.get_info(project_id, credential.id)
    assert [a.id for a in info.apps or []] == [app.id]


def test_every_method_through_one_client(platform: RunningPlatform) -> None:
    with connect(platform) as api:
        project_id = (api.projects.create("all-credentials")).id
        created = api.docker_credentials.create(project_id, "robot", SECRET, "reg")
        assert (api.docker_credentials.get_info(project_id, created.id)).username == "robot"
        assert [c.id for c in api.docker_credentials.list_for_project(project_id)] == [created.id]
        found = api.docker_credentials.get_info_for_username(project_id, "robot", "reg")
        assert found.id == created.id
        upgraded = api.docker_credentials.upgrade(project_id, created.id, SECRET, username="renamed")
        assert upgraded.username == "renamed"
        upgraded = api.docker_credentials.upgrade_for_username(project_id, "renamed", SECRET + "!", "reg")
        assert upgraded.id == created.id
        assert api.docker_credentials.delete_for_username(project_id, "renamed", "reg") is True
        again = api.docker_credentials.create(project_id, "robot", SECRET)
        assert api.docker_credentials.delete(project_id, again.id) is True
        assert api.docker_credentials.list_for_project(project_id) == []
