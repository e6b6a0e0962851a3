"""api.env_vars against the emulator over real HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi
from saagieapi.errors import InvalidInputError, NotFoundError
from saagieapi.graph_pipeline import GraphPipeline, JobNode

from ...support.platforms import connect_async
from ._graph_support import create_job, create_project, unique

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=200.0) as running:
        yield running


async def test_scopes_crud_and_overrides(api: AsyncSaagieApi) -> None:
    project_id = await create_project(api)
    shared = unique("SHARED")
    await api.env_vars.create("GLOBAL", shared, "global", "g")
    created = await api.env_vars.create("PROJECT", shared, "project", project_id=project_id)
    assert str(created.scope.value) == "PROJECT"

    visible = await api.env_vars.get("PROJECT", shared, project_id=project_id)
    assert visible.id == created.id and visible.value == "project"
    assert all(str(v.scope.value) == "PROJECT" for v in await api.env_vars.list("PROJECT", project_id, scope_only=True))

    updated = await api.env_vars.update("PROJECT", shared, value="p2", description="desc", project_id=project_id)
    assert updated.value == "p2" and updated.description == "desc"
    await api.env_vars.create_or_update("PROJECT", shared, "p3", project_id=project_id)
    assert (await api.env_vars.get("PROJECT", shared, project_id=project_id, scope_only=True)).value == "p3"

    # deleting the PROJECT one leaves the GLOBAL one alone (2.x could delete the GLOBAL)
    with pytest.warns(DeprecationWarning):
        assert await api.env_vars.delete_for_project(project_id, shared) is True
    assert (await api.env_vars.get("GLOBAL", shared)).value == "global"
    with pytest.warns(DeprecationWarning), pytest.raises(NotFoundError):
        await api.env_vars.delete_for_project(project_id, shared)
    assert (await api.env_vars.get("GLOBAL", shared)).value == "global"
    assert await api.env_vars.delete("GLOBAL", shared) is True

    secret = unique("PWD")
    await api.env_vars.create_or_update("PROJECT", secret, "s3cret", is_password=True, project_id=project_id)
    listed = await api.env_vars.get("PROJECT", secret, project_id=project_id)
    assert listed.is_password and listed.value is None
    await api.env_vars.update("PROJECT", secret, description="still secret", project_id=project_id)
    assert (await api.env_vars.get("PROJECT", secret, project_id=project_id)).description == "still secret"


async def test_pipeline_scope_bulk_and_deprecated_aliases(api: AsyncSaagieApi) -> None:
    project_id = await create_project(api)
    graph = GraphPipeline()
    graph.add_root_node(JobNode(await create_job(api, project_id, "job")))
    pipeline_id = (await api.pipelines.create_graph("vars", project_id, graph, alias="vars")).id

    replaced = await api.env_vars.bulk_create_for_pipeline(pipeline_id, {"A": "1", "B": "2"})
    assert sorted(v.name for v in replaced) == ["A", "B"]
    with pytest.warns(DeprecationWarning):
        await api.env_vars.create_for_pipeline(pipeline_id, "C", "3")
    with pytest.warns(DeprecationWarning):
        await api.env_vars.update_for_pipeline(pipeline_id, "C", value="33")
    with pytest.warns(DeprecationWarning):
        await api.env_vars.create_or_update_for_pipeline(pipeline_id, "D", "4")
    with pytest.warns(DeprecationWarning):
        values = {v.name: v.value for v in await api.env_vars.list_for_pipeline(pipeline_id)}
    assert values["C"] == "33" and values["D"] == "4"
    with pytest.warns(DeprecationWarning):
        assert await api.env_vars.delete_for_pipeline(pipeline_id, "D")
    assert "D" not in {v.name for v in await api.env_vars.list("PIPELINE", pipeline_id=pipeline_id)}

    with pytest.warns(DeprecationWarning):
        await api.env_vars.create_for_project(project_id, "P", "1")
    with pytest.warns(DeprecationWarning):
        await api.env_vars.update_for_project(project_id, "P", value="2")
    with pytest.warns(DeprecationWarning):
        await api.env_vars.create_or_update_for_project(project_id, "P", "3")
    with pytest.warns(DeprecationWarning):
        assert {v.name: v.value for v in await api.env_vars.list_for_project(project_id)}["P"] == "3"

    glob = unique("G")
    with pytest.warns(DeprecationWarning):
        await api.env_vars.create_global(glob, "1")
    with pytest.warns(DeprecationWarning):
        await api.env_vars.update_global(glob, value="2")  # raised TypeError in 2.x
    with pytest.warns(DeprecationWarning):
        await api.env_vars.create_or_update_global(glob, "3")
    with pytest.warns(DeprecationWarning):
        assert {v.name: v.value for v in await api.env_vars.list_globals()}[glob] == "3"
    with pytest.warns(DeprecationWarning):
        assert await api.env_vars.delete_global(glob)


async def test_export_and_import(api: AsyncSaagieApi, tmp_path: Path) -> None:
    source = await create_project(api)
    await api.env_vars.create("PROJECT", "PLAIN", "value", "d", project_id=source)
    await api.env_vars.create("PROJECT", "SECRET", "hidden", is_password=True, project_id=source)
    assert await api.env_vars.export(source, tmp_path / "out", project_only=True) is True
    secret = json.loads((tmp_path / "out" / "SECRET" / "variable.json").read_text())
    assert secret["value"] is None and secret["isPassword"] is True and secret["scope"] == "PROJECT"
    assert "hidden" not in (tmp_path / "out" / "SECRET" / "variable.json").read_text()

    target = await create_project(api)
    imported = await api.env_vars.import_from_json(tmp_path / "out" / "PLAIN" / "variable.json", target)
    assert imported.value == "value" and imported.description == "d"
    await api.env_vars.import_from_json(tmp_path / "out" / "SECRET" / "variable.json", target)
    assert (await api.env_vars.get("PROJECT", "SECRET", project_id=target)).is_password

    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"name": "X", "scope": "WRONG_SCOPE", "value": "v", "isPassword": False}))
    with pytest.raises(InvalidInputError):
        await api.env_vars.import_from_json(wrong, target)


async def test_global_variable_rename_and_delete(platform: RunningPlatform) -> None:
    async with connect_async(platform) as api:
        var_name = unique("RENAMED")
        created = await api.env_vars.create("GLOBAL", var_name, "1")
        assert (await api.env_vars.get("GLOBAL", var_name)).id == created.id
        assert (await api.env_vars.update("GLOBAL", var_name, new_name=var_name + "_2")).name == var_name + "_2"
        assert await api.env_vars.delete("GLOBAL", var_name + "_2") is True
        assert var_name + "_2" not in {v.name for v in await api.env_vars.list("GLOBAL")}


async def test_upsert_aliases_export_and_import_with_a_second_client(
    api: AsyncSaagieApi, platform: RunningPlatform, tmp_path: Path
) -> None:
    project_id = await create_project(api)
    graph = GraphPipeline()
    graph.add_root_node(JobNode(await create_job(api, project_id, "job")))
    pipeline_id = (await api.pipelines.create_graph("avars", project_id, graph, alias="avars")).id
    async with connect_async(platform) as aapi:
        # generic create_or_update: creates, then updates in place
        first = await aapi.env_vars.create_or_update("PROJECT", "UPSERT", "1", project_id=project_id)
        second = await aapi.env_vars.create_or_update("PROJECT", "UPSERT", "2", description="d", project_id=project_id)
        assert second.id == first.id and second.value == "2" and second.description == "d"

        # PIPELINE scope: bulk (replaces all) and the deprecated aliases
        replaced = await aapi.env_vars.bulk_create_for_pipeline(pipeline_id, {"A": "1", "B": "2"})
        assert sorted(v.name for v in replaced) == ["A", "B"]
        with pytest.warns(DeprecationWarning):
            assert (await aapi.env_vars.create_for_pipeline(pipeline_id, "C", "3")).value == "3"
        with pytest.warns(DeprecationWarning):
            assert (await aapi.env_vars.update_for_pipeline(pipeline_id, "C", value="33")).value == "33"
        with pytest.warns(DeprecationWarning):
            await aapi.env_vars.create_or_update_for_pipeline(pipeline_id, "D", "4")
        with pytest.warns(DeprecationWarning):
            values = {v.name: v.value for v in await aapi.env_vars.list_for_pipeline(pipeline_id)}
        assert values["A"] == "1" and values["C"] == "33" and values["D"] == "4"
        with pytest.warns(DeprecationWarning):
            assert await aapi.env_vars.delete_for_pipeline(pipeline_id, "D") is True
        assert "D" not in {v.name for v in await aapi.env_vars.list("PIPELINE", pipeline_id=pipeline_id)}

        # PROJECT scope aliases; deleting the PROJECT variable leaves a GLOBAL one of the same name alone
        shared = unique("ASHARED")
        await aapi.env_vars.create("GLOBAL", shared, "global")
        with pytest.warns(DeprecationWarning):
            assert (await aapi.env_vars.create_for_project(project_id, shared, "1")).value == "1"
        with pytest.warns(DeprecationWarning):
            updated = await aapi.env_vars.update_for_project(project_id, shared, value="2", description="p")
        assert updated.value == "2" and updated.description == "p"
        with pytest.warns(DeprecationWarning):
            await aapi.env_vars.create_or_update_for_project(project_id, shared, "3")
        with pytest.warns(DeprecationWarning):
            project_values = {v.name: v.value for v in await aapi.env_vars.list_for_project(project_id)}
        assert project_values[shared] == "3" and project_values["UPSERT"] == "2"
        with pytest.warns(DeprecationWarning):
            assert await aapi.env_vars.delete_for_project(project_id, shared) is True
        assert (await aapi.env_vars.get("GLOBAL", shared)).value == "global"
        with pytest.warns(DeprecationWarning), pytest.raises(NotFoundError):
            await aapi.env_vars.delete_for_project(project_id, shared)
        assert await aapi.env_vars.delete("GLOBAL", shared) is True

        # GLOBAL scope aliases
        glob = unique("AG")
        with pytest.warns(DeprecationWarning):
            assert (await aapi.env_vars.create_global(glob, "1")).value == "1"
        with pytest.warns(DeprecationWarning):
            assert (await aapi.env_vars.update_global(glob, value="2")).value == "2"
        with pytest.warns(DeprecationWarning):
            await aapi.env_vars.create_or_update_global(glob, "3")
        with pytest.warns(DeprecationWarning):
            assert {v.name: v.value for v in await aapi.env_vars.list_globals()}[glob] == "3"
        with pytest.warns(DeprecationWarning):
            assert await aapi.env_vars.delete_global(glob) is True
        assert glob not in {v.name for v in await aapi.env_vars.list("GLOBAL")}

        # export (passwords as null) and import into another project
        await aapi.env_vars.create("PROJECT", "SECRET", "hidden", is_password=True, project_id=project_id)
        assert await aapi.env_vars.export(project_id, tmp_path / "out", project_only=True) is True
        exported = sorted(p.name for p in (tmp_path / "out").iterdir())
        assert exported == ["SECRET", "UPSERT"]
        secret_file = tmp_path / "out" / "SECRET" / "variable.json"
        assert json.loads(secret_file.read_text())["value"] is None and "hidden" not in secret_file.read_text()
        target = await create_project(api)
        imported = await aapi.env_vars.import_from_json(tmp_path / "out" / "UPSERT" / "variable.json", target)
        assert imported.value == "2" and imported.description == "d"
        await aapi.env_vars.import_from_json(secret_file, target)
        assert (await aapi.env_vars.get("PROJECT", "SECRET", project_id=target)).is_password
        wrong = tmp_path / "wrong.json"
        wrong.write_text(json.dumps({"name": "X", "scope": "WRONG_SCOPE", "value": "v", "isPassword": False}))
        with pytest.raises(InvalidInputError):
            await aapi.env_vars.import_from_json(wrong, target)
