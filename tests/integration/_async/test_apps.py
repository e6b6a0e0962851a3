"""api.apps against the emulator over real HTTP."""

from __future__ import annotations

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi
from saagieapi.models import App

from ...support.platforms import connect_async

pytestmark = pytest.mark.anyio

PORT = {"number": 80, "isRewriteUrl": False, "scope": "PROJECT", "name": "web"}


@pytest.fixture
async def project_id(api: AsyncSaagieApi) -> str:
    return (await api.projects.create("apps-demo")).id


async def test_docker_app_lifecycle(api: AsyncSaagieApi, project_id: str) -> None:
    app = await api.apps.create_from_scratch(
        project_id,
        "web",
        image="nginx:1.25",
        description="d",
        exposed_ports=[PORT],
        emails=["ops@acme.io"],
        status_list=["FAILED"],
        resources={"cpu": {"request": 0.5, "limit": 1.0}},
    )
    assert isinstance(app, App) and app.current_version is not None
    assert app.current_version.docker_info is not None and app.current_version.docker_info.image == "nginx:1.25"
    assert await api.apps.get_id("web", "apps-demo") == app.id
    info = await api.apps.get_info(app.id, versions_only_current=False)
    assert info.id == app.id and info.name == "web" and [v.number for v in info.versions or []] == [1]
    assert [a.name for a in await api.apps.list_for_project_minimal(project_id)] == ["web"]
    assert [a.id for a in await api.apps.list_for_project(project_id)] == [app.id]
    assert [a.name for a in await api.apps.list_for_project(project_id, minimal=True)] == ["web"]

    # 2.x re-sent loginEmails and could not edit an app that had alerting
    edited = await api.apps.edit(app.id, app_name="web2", description="")
    assert edited.name == "web2" and edited.description == "" and edited.alerting is not None
    assert (await api.apps.edit(app.id, emails=[])).alerting is None

    await api.apps.stop(app.id, wait=True, timeout=10)  # a new app starts on its own
    started = await api.apps.run(app.id, wait=True, timeout=10)
    assert started.history is not None and str(started.history.current_status.value) == "STARTED"
    execution_id = started.history.current_execution_id
    assert execution_id is not None
    logs = await api.apps.get_logs(project_id, app.id, execution_id, limit=5)
    assert logs.total is not None and len(logs.logs) <= 5
    version = started.current_version
    assert version is not None
    history_id = started.history.id
    statuses = await api.apps.get_history_statuses(history_id, version.number, version.creation_date)
    assert [str(s.status.value) for s in statuses][:1] == ["STARTING"]
    assert await api.apps.count_history_statuses(history_id, version.number, version.creation_date.isoformat()) == len(
        statuses
    )
    assert 0 <= (await api.apps.get_stats(history_id, version.number, version.creation_date)).uptime_percentage <= 100

    upgraded = await api.apps.upgrade(app.id, release_note="same image")
    assert upgraded.number == 2 and upgraded.docker_info is not None and upgraded.docker_info.image == "nginx:1.25"
    assert [p.number for p in upgraded.ports] == [80]  # carried over
    assert (await api.apps.upgrade(app.id, image="nginx:1.26")).number == 3
    rolled = await api.apps.rollback(app.id, "1")
    assert rolled.current_version is not None and rolled.current_version.number == 1

    stopped = await api.apps.stop(app.id, wait=True, timeout=10)
    assert stopped.history is not None and str(stopped.history.current_status.value) == "STOPPED"
    assert (await api.apps.delete(app.id)).id == app.id
    assert await api.apps.list_for_project_minimal(project_id) == []


async def test_catalog_app(api: AsyncSaagieApi, project_id: str) -> None:
    app = await api.apps.create_from_catalog(project_id, "JupyterLab 3.8 / 3.9", technology_name="Jupyter Notebook")
    assert app.technology is not None and app.current_version is not None
    context_id = app.current_version.runtime_context_id
    assert context_id is not None
    assert await api.apps.get_runtime_label_by_id(app.technology.id, context_id) == "JupyterLab 3.8 / 3.9"
    with pytest.raises(saagieapi.NotFoundError) as caught:
        await api.apps.create_from_catalog(project_id, "JupyterLab 9", technology_name="Jupyter Notebook")
    assert "JupyterLab 3.8 / 3.9" in str(caught.value)
    with pytest.raises(saagieapi.NotFoundError):
        await api.apps.create_from_catalog(project_id, "x", technology_name="Emacs")


async def test_failures(api: AsyncSaagieApi, project_id: str) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        await api.apps.create_from_scratch(project_id, "x", image="a", exposed_ports=[{"port": 80}])
    with pytest.raises(saagieapi.InvalidInputError):
        await api.apps.create_from_scratch(project_id, "x", image="a", emails=["ops@acme.io"], status_list=["BROKEN"])
    with pytest.raises(saagieapi.InvalidInputError):
        await api.apps.upgrade("whatever", technology_context="ctx", image="a")
    assert api.apps.check_exposed_ports([PORT]) and not api.apps.check_exposed_ports([{"number": 1}])
    assert api.apps.check_alerting(["a@b.c"], None, ["FAILED"]) == {"statusList": ["FAILED"], "emails": ["a@b.c"]}
    await api.apps.create_from_scratch(project_id, "dup", image="a")  # no port needed (2.x required one)
    with pytest.raises(saagieapi.GraphQLError):
        await api.apps.create_from_scratch(project_id, "dup", image="a")
    with pytest.raises(saagieapi.NotFoundError):
        await api.apps.get_id("nope", "apps-demo")


async def test_every_method_through_one_client(platform: RunningPlatform) -> None:
    async with connect_async(platform) as api:
        project = await api.projects.create("all-apps")
        app = await api.apps.create_from_scratch(project.id, "a", image="nginx", exposed_ports=[PORT])
        catalog_app = await api.apps.create_from_catalog(project.id, "8.2", technology_name="Grafana")
        assert await api.apps.get_id("a", "all-apps") == app.id
        assert (await api.apps.get_info(app.id, versions_only_current=False)).versions is not None
        assert len(await api.apps.list_for_project(project.id)) == 2
        assert len(await api.apps.list_for_project_minimal(project.id)) == 2
        assert (await api.apps.edit(app.id, description="x")).description == "x"
        await api.apps.stop(app.id, wait=True, timeout=10)
        started = await api.apps.run(app.id, wait=True, timeout=10)
        assert started.history is not None and started.history.current_execution_id is not None
        version = started.current_version
        assert version is not None
        page = await api.apps.get_logs(project.id, app.id, started.history.current_execution_id)
        assert page.logs is not None
        assert await api.apps.count_history_statuses(started.history.id, version.number, version.creation_date) >= 1
        assert await api.apps.get_history_statuses(started.history.id, version.number, version.creation_date)
        assert (await api.apps.get_stats(started.history.id, version.number, version.creation_date)) is not None
        assert (await api.apps.upgrade(app.id)).number == 2
        assert (await api.apps.rollback(app.id, 1)).id == app.id
        assert (await api.apps.stop(app.id)).id == app.id
        with pytest.raises(saagieapi.WaitTimeoutError) as caught:
            await api.apps.run(app.id, wait=True, timeout=0)
        assert caught.value.instance_id == app.id
        assert catalog_app.technology is not None and catalog_app.current_version is not None
        ctx = catalog_app.current_version.runtime_context_id
        assert ctx is not None and await api.apps.get_runtime_label_by_id(catalog_app.technology.id, ctx) == "8.2"
        assert (await api.apps.delete(catalog_app.id)).id == catalog_app.id
        # the static helpers, through the async resource
        assert api.apps.check_exposed_ports([PORT]) and not api.apps.check_exposed_ports([{"number": 1}])
        alerting = api.apps.check_alerting(["a@b.c"], None, ["FAILED"])
        assert alerting == {"statusList": ["FAILED"], "emails": ["a@b.c"]}
        with pytest.raises(saagieapi.InvalidInputError):
            api.apps.check_alerting(["a@b.c"], None, ["BROKEN"])
