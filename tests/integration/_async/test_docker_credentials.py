"""api.docker_credentials against the emulator over real HTTP."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi
from saagieapi.errors import GraphQLError, InvalidInputError, NotFoundError

from ...support.platforms import connect_async
from ._graph_support import create_project

pytestmark = pytest.mark.anyio

SECRET = "Regi5try-S3cret!"


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=200.0) as running:
        yield running


async def test_crud_by_id(api: AsyncSaagieApi, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="saagieapi")
    project_id = await create_project(api)
    other_project = await create_project(api)
    assert await api.docker_credentials.list_for_project(project_id) == []

    created = await api.docker_credentials.create(project_id, "myuser", SECRET, registry="test-registry")
    assert created.username == "myuser" and created.registry == "test-registry"
    info = await api.docker_credentials.get_info(project_id, created.id)
    assert info.username == "myuser" and info.jobs == [] and info.apps == []
    assert [c.id for c in await api.docker_credentials.list_for_project(project_id)] == [created.id]
    assert await api.docker_credentials.list_for_project(other_project) == []  # per project

    # registry update; the username (not sent) is kept
    upgraded = await api.docker_credentials.upgrade(project_id, created.id, SECRET + "2", registry="new-registry")
    assert upgraded.id == created.id
    info = await api.docker_credentials.get_info(project_id, created.id)
    assert (info.registry, info.username) == ("new-registry", "myuser")
    # username update; the registry (not sent) is kept
    await api.docker_credentials.upgrade(project_id, created.id, SECRET, username="otheruser")
    info = await api.docker_credentials.get_info(project_id, created.id)
    assert (info.registry, info.username) == ("new-registry", "otheruser")
    assert info.last_update >= created.last_update

    assert await api.docker_credentials.delete(project_id, created.id) is True
    assert await api.docker_credentials.list_for_project(project_id) == []
    with pytest.raises(GraphQLError):
        await api.docker_credentials.delete(project_id, created.id)
    assert all(SECRET not in record.getMessage() for record in caplog.records)


async def test_by_username_docker_hub_and_registry(api: AsyncSaagieApi) -> None:
    project_id = await create_project(api)
    hub = await api.docker_credentials.create(project_id, "myuser", SECRET)
    registry = await api.docker_credentials.create(project_id, "myuser", SECRET, "test-registry")
    assert hub.registry is None

    assert (await api.docker_credentials.get_info_for_username(project_id, "myuser")).id == hub.id
    assert (await api.docker_credentials.get_info_for_username(project_id, "myuser", "test-registry")).id == registry.id
    with pytest.raises(NotFoundError, match="Existing: myuser"):
        await api.docker_credentials.get_info_for_username(project_id, "nobody", "test-registry")

    upgraded = await api.docker_credentials.upgrade_for_username(project_id, "myuser", SECRET + "x", "test-registry")
    assert upgraded.id == registry.id
    info = await api.docker_credentials.get_info(project_id, registry.id)
    assert (info.registry, info.username) == ("test-registry", "myuser")

    assert await api.docker_credentials.delete_for_username(project_id, "myuser", "test-registry") is True
    assert [c.id for c in await api.docker_credentials.list_for_project(project_id)] == [hub.id]
    assert await api.docker_credentials.delete_for_username(project_id, "myuser") is True
    assert await api.docker_credentials.list_for_project(project_id) == []
    with pytest.raises(NotFoundError, match="There is none"):
        await api.docker_credentials.delete_for_username(project_id, "myuser")


async def test_failures(api: AsyncSaagieApi) -> None:
    project_id = await create_project(api)
    await api.docker_credentials.create(project_id, "dup", SECRET)
    with pytest.raises(GraphQLError, match="already exist"):
        await api.docker_credentials.create(project_id, "dup", SECRET)
    with pytest.raises(InvalidInputError):
        await api.docker_credentials.create(project_id, "dup", "")
    # Both lookups are nullable on the platform: null, which the SDK turns into NotFoundError.
    with pytest.raises(NotFoundError):
        await api.docker_credentials.get_info(project_id, "00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFoundError):
        await api.docker_credentials.list_for_project("00000000-0000-0000-0000-000000000000")


async def test_credentials_list_the_apps_using_them(api: AsyncSaagieApi) -> None:
    project_id = (await api.projects.create("credentials-apps")).id  # every app technology enabled
    credential = await api.docker_credentials.create(project_id, "puller", SECRET, "registry.example")
    app = await api.apps.create_from_scratch(
        project_id, "private", image="registry.example/acme/web:1", docker_credentials_id=credential.id
    )
    info = await api.docker_credentials.get_info(project_id, credential.id)
    assert [a.id for a in info.apps or []] == [app.id]


async def test_every_method_through_one_client(platform: RunningPlatform) -> None:
    async with connect_async(platform) as api:
        project_id = (await api.projects.create("all-credentials")).id
        created = await api.docker_credentials.create(project_id, "robot", SECRET, "reg")
        assert (await api.docker_credentials.get_info(project_id, created.id)).username == "robot"
        assert [c.id for c in await api.docker_credentials.list_for_project(project_id)] == [created.id]
        found = await api.docker_credentials.get_info_for_username(project_id, "robot", "reg")
        assert found.id == created.id
        upgraded = await api.docker_credentials.upgrade(project_id, created.id, SECRET, username="renamed")
        assert upgraded.username == "renamed"
        upgraded = await api.docker_credentials.upgrade_for_username(project_id, "renamed", SECRET + "!", "reg")
        assert upgraded.id == created.id
        assert await api.docker_credentials.delete_for_username(project_id, "renamed", "reg") is True
        again = await api.docker_credentials.create(project_id, "robot", SECRET)
        assert await api.docker_credentials.delete(project_id, again.id) is True
        assert await api.docker_credentials.list_for_project(project_id) == []
