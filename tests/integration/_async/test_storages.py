"""api.storages against the emulator over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi
from saagieapi.errors import GraphQLError, InvalidInputError, NotFoundError

from ...support.platforms import connect_async
from ._graph_support import unique

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=200.0) as running:
        yield running


async def test_crud_duplicate_and_move(api: AsyncSaagieApi, platform: RunningPlatform) -> None:
    project_id = (await api.projects.create(unique("storages"))).id
    target_project = (await api.projects.create(unique("storages-target"))).id
    created = await api.storages.create(project_id, "hello_world", "1 GB", "Be happy")
    assert (created.size, created.description, created.project_id) == ("1.0 GB", "Be happy", project_id)
    assert created.creator == platform.user and created.linked_app is None

    assert await api.storages.get(created.id) == created
    assert [s.id for s in await api.storages.list_for_project(project_id)] == [created.id]
    assert (await api.storages.list_for_project(project_id))[0] == created
    (summary,) = await api.storages.list_for_project(project_id, minimal=True)
    assert (summary.id, summary.name) == (created.id, "hello_world")
    with pytest.warns(DeprecationWarning):
        assert await api.storages.get_info(project_id, created.id) == created

    edited = await api.storages.edit(created.id, "storage new name", "storage new description")
    assert (edited.name, edited.size, edited.description) == ("storage new name", "1.0 GB", "storage new description")
    await api.storages.edit(created.id, description="", size="2 GB")  # 2.x could neither clear nor resize
    current = await api.storages.get(created.id)
    assert (current.name, current.description, current.size) == ("storage new name", "", "2.0 GB")

    copy = await api.storages.duplicate(created.id)
    assert copy.original_volume_id == created.id and copy.id != created.id
    assert (await api.storages.delete(copy.id)).id == copy.id

    await api.projects.get_status_with_callback(target_project)  # a move needs a READY target
    moved_id = await api.storages.move(created.id, platform.platform_id, target_project)
    assert moved_id != created.id
    assert (await api.storages.get(moved_id)).name == "storage new name"
    assert (await api.storages.get(moved_id)).project_id == target_project
    assert await api.storages.list_for_project(project_id) == []

    with pytest.raises(NotFoundError, match=f"project '{project_id}'"):
        await api.storages.delete(moved_id, project_id)  # 2.x ignored project_id
    deleted = await api.storages.delete(moved_id, target_project)
    assert (deleted.id, deleted.name) == (moved_id, "storage new name")
    assert await api.storages.list_for_project(target_project) == []


async def test_failures(api: AsyncSaagieApi, platform: RunningPlatform) -> None:
    project_id = (await api.projects.create(unique("storage-failures"))).id
    with pytest.raises(InvalidInputError, match="such as '1 GB'"):
        await api.storages.create(project_id, "sizeless", 1)  # type: ignore[arg-type]
    await api.storages.create(project_id, "taken", "1 GB")
    with pytest.raises(GraphQLError):
        await api.storages.create(project_id, "taken", "1 GB")
    missing = "00000000-0000-0000-0000-000000000000"
    # Nullable lookups: null on the platform, NotFoundError in the SDK (delete looks the storage up first).
    with pytest.raises(NotFoundError):
        await api.storages.get(missing)
    with pytest.raises(NotFoundError):
        await api.storages.list_for_project(missing)
    with pytest.raises(NotFoundError):
        await api.storages.delete(missing)
    with pytest.warns(DeprecationWarning), pytest.raises(NotFoundError):
        await api.storages.get_info(project_id, missing)
    with pytest.raises(GraphQLError):
        await api.storages.move(
            (await api.storages.list_for_project(project_id))[0].id, platform.platform_id + 1000, project_id
        )


async def test_volumes_of_apps_link_unlink_and_delete(api: AsyncSaagieApi) -> None:
    project_id = (await api.projects.create(unique("storage-apps"))).id
    # apps' storage_paths {"volume": {...}} entries create the storage through api.storages.create
    app = await api.apps.create_from_scratch(
        project_id,
        "web",
        image="nginx:1.25",
        storage_paths=[{"path": "/data", "volume": {"name": "web data", "size": "1 GB", "description": "d"}}],
    )
    (first,) = await api.storages.list_for_project(project_id)
    assert (first.name, first.size, first.description) == ("web data", "1.0 GB", "d")
    assert first.linked_app is not None and first.linked_app.id == app.id

    with pytest.raises(InvalidInputError, match="deletion impossible"):
        await api.storages.delete(first.id)
    with pytest.raises(InvalidInputError, match="unlink impossible"):
        await api.storages.unlink(first.id)

    second = await api.storages.create(project_id, "web data 2", "1 GB")
    await api.apps.upgrade(app.id, storage_paths=[{"path": "/data", "volumeId": second.id}])
    still = await api.storages.get(first.id)
    assert still.linked_app is not None and still.linked_app.id == app.id  # linked until unlinked
    assert (await api.storages.get(second.id)).linked_app is not None

    with pytest.raises(NotFoundError):
        await api.storages.unlink(first.id, (await api.projects.create(unique("elsewhere"))).id)
    unlinked = await api.storages.unlink(first.id, project_id)
    assert unlinked.linked_app is None and (await api.storages.get(first.id)).linked_app is None
    assert (await api.storages.delete(first.id, project_id)).id == first.id

    await api.apps.delete(app.id)  # frees its volumes
    assert (await api.storages.get(second.id)).linked_app is None
    assert (await api.storages.delete(second.id)).id == second.id


async def test_every_method_through_one_client(platform: RunningPlatform) -> None:
    async with connect_async(platform) as api:
        project_id = (await api.projects.create(unique("all-storages"))).id
        other_project = (await api.projects.create(unique("all-storages-2"))).id
        await api.projects.get_status_with_callback(other_project)  # a move needs a READY target
        created = await api.storages.create(project_id, "volume", "512 MB", "first")
        assert created.size == "512.0 MB"
        assert await api.storages.get(created.id) == created
        assert [s.id for s in await api.storages.list_for_project(project_id, minimal=True)] == [created.id]
        assert (await api.storages.list_for_project(project_id))[0] == created
        with pytest.warns(DeprecationWarning):
            assert (await api.storages.get_info(project_id, created.id)).id == created.id
        assert (await api.storages.edit(created.id, "volume renamed")).name == "volume renamed"
        copy = await api.storages.duplicate(created.id)
        assert copy.original_volume_id == created.id
        assert (await api.storages.unlink(copy.id)).linked_app is None
        assert (await api.storages.delete(copy.id, project_id)).id == copy.id
        moved = await api.storages.move(created.id, platform.platform_id, other_project)
        assert (await api.storages.get(moved)).name == "volume renamed"
        assert (await api.storages.delete(moved)).id == moved
        assert await api.storages.list_for_project(other_project) == []
