"""Changes whose answer is lost: each method looks at the platform before sending again (saagieapi/_core/reconcile.py).

The answer of the first request of the method's mutation is lost after the platform executed it (a read
timeout, a dropped connection, a 503), or before it reached the platform. Either way the call returns the
change, and the platform holds it exactly once. Changes without a natural key (runs) raise
OutcomeUnknownError saying how to check, and are never sent twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi, OutcomeUnknownError, SaagieApi, ServerError
from saagieapi._core.reconcile import RULES
from saagieapi.graph_pipeline import GraphPipeline, JobNode

from .lost_answers import LOSSES, LosingAsyncTransport, LosingTransport


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=200.0) as running:
        yield running


@pytest.fixture(autouse=True)
def instant_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("saagieapi._sync.reconcile", "saagieapi._sync.transport"):
        monkeypatch.setattr(f"{module}.sync_sleep", lambda seconds: None)

    async def no_wait(seconds: float) -> None:
        return None

    for module in ("saagieapi._async.reconcile", "saagieapi._async.transport"):
        monkeypatch.setattr(f"{module}.async_sleep", no_wait)


@contextlib.contextmanager
def client(platform: RunningPlatform, transport: httpx.BaseTransport | None = None) -> Iterator[SaagieApi]:
    http = httpx.Client(transport=transport, timeout=30) if transport is not None else None
    try:
        with SaagieApi(
            platform.url, platform.platform_id, platform.user, platform.password, platform.realm, http_client=http
        ) as api:
            yield api
    finally:
        if http is not None:
            http.close()


@dataclass
class World:
    """What a case may use: a ready project with a job, a pipeline, an app, and an artifact."""

    project_id: str
    job_id: str
    pipeline_id: str
    app_id: str
    script: Path
    tag: str


@pytest.fixture(scope="module")
def world(platform: RunningPlatform, tmp_path_factory: pytest.TempPathFactory) -> World:
    script = tmp_path_factory.mktemp("reconcile") / "job.py"
    script.write_text("print('hi')\n")
    with client(platform) as api:
        project_id = api.projects.create("reconcile").id
        api.projects.get_status_with_callback(project_id, timeout=30)
        job = api.jobs.create("base", project_id, file=script, technology="Python", runtime_version="3.10")
        graph = GraphPipeline()
        graph.add_root_node(JobNode(job.id))
        pipeline = api.pipelines.create_graph("base", project_id, graph, alias="base")
        app = api.apps.create_from_scratch(project_id, "base", image="nginx:1")
    return World(project_id, job.id, pipeline.id, app.id, script, "")


def _graph(job_id: str) -> GraphPipeline:
    graph = GraphPipeline()
    graph.add_root_node(JobNode(job_id))
    return graph


# Each case: (operation whose answer is lost, the call, a check of the platform's state after it).
Case = tuple[str, Callable[[SaagieApi, World, str], Any], Callable[[RunningPlatform, World, str, Any], None]]


def _data(platform: RunningPlatform) -> Any:
    return platform.emulator.store.data


def _one(items: Any, **wanted: Any) -> Any:
    found = [item for item in items if all(getattr(item, k) == v for k, v in wanted.items())]
    assert len(found) == 1, f"{len(found)} entities match {wanted}"
    return found[0]


def _create_job(api: SaagieApi, w: World, name: str) -> Any:
    return api.jobs.create(name, w.project_id, file=w.script, technology="Python", runtime_version="3.10")


def _check_job(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    job = _one(_data(platform).jobs.values(), project_id=w.project_id, name=name)
    assert result.id == job.id and len(job.versions) == 1


def _upgrade(api: SaagieApi, w: World, name: str) -> Any:
    job = _create_job(api, w, name)
    return api.jobs.upgrade(job.id, file=w.script, release_note=name)


def _check_upgrade(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    job = _one(_data(platform).jobs.values(), project_id=w.project_id, name=name)
    assert [v.number for v in job.versions] == [1, 2] and result.number == 2


def _delete_job(api: SaagieApi, w: World, name: str) -> Any:
    return api.jobs.delete(_create_job(api, w, name).id)


def _check_gone(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    assert result is True and not [j for j in _data(platform).jobs.values() if j.name == name]


def _create_pipeline(api: SaagieApi, w: World, name: str) -> Any:
    return api.pipelines.create_graph(name, w.project_id, _graph(w.job_id), alias=name)


def _check_pipeline(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    pipeline = _one(_data(platform).pipelines.values(), project_id=w.project_id, name=name)
    assert result.id == pipeline.id and len(pipeline.versions) == 1


def _upgrade_pipeline(api: SaagieApi, w: World, name: str) -> Any:
    pipeline = _create_pipeline(api, w, name)
    return api.pipelines.upgrade(pipeline.id, _graph(w.job_id), release_note=name)


def _check_pipeline_upgrade(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    pipeline = _one(_data(platform).pipelines.values(), project_id=w.project_id, name=name)
    assert [v.number for v in pipeline.versions] == [1, 2] and result.number == 2


def _create_app(api: SaagieApi, w: World, name: str) -> Any:
    return api.apps.create_from_scratch(w.project_id, name, image="nginx:1")


def _check_app(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    app = _one(_data(platform).apps.values(), project_id=w.project_id, name=name)
    assert result.id == app.id


def _upgrade_app(api: SaagieApi, w: World, name: str) -> Any:
    app = _create_app(api, w, name)
    return api.apps.upgrade(app.id, release_note=name, image="nginx:2")


def _check_app_upgrade(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    app = _one(_data(platform).apps.values(), project_id=w.project_id, name=name)
    assert [v.number for v in app.versions] == [1, 2] and result.number == 2


def _create_variable(api: SaagieApi, w: World, name: str) -> Any:
    return api.env_vars.create("PROJECT", name.upper(), "pw-0123456789", "d", True, project_id=w.project_id)


def _check_variable(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    found = [v for v in _data(platform).env_vars.values() if v.name == name.upper()]
    assert len(found) == 1 and result.id == found[0].id


def _delete_variable(api: SaagieApi, w: World, name: str) -> Any:
    _create_variable(api, w, name)
    return api.env_vars.delete("PROJECT", name.upper(), project_id=w.project_id)


def _check_variable_gone(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    assert result is True and not [v for v in _data(platform).env_vars.values() if v.name == name.upper()]


def _create_credentials(api: SaagieApi, w: World, name: str) -> Any:
    return api.docker_credentials.create(w.project_id, name, "pw-0123456789", registry=f"{name}.example.com")


def _check_credentials(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    found = [c for c in _data(platform).docker_credentials.values() if c.username == name]
    assert len(found) == 1 and result.id == found[0].id


def _create_storage(api: SaagieApi, w: World, name: str) -> Any:
    return api.storages.create(w.project_id, name, "1 GB", "d")


def _check_storage(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    found = [v for v in _data(platform).volumes.values() if v.name == name]
    assert len(found) == 1 and result.id == found[0].id


def _create_project(api: SaagieApi, w: World, name: str) -> Any:
    return api.projects.create(name, description="d")


def _check_project(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    assert result.id == _one(_data(platform).projects.values(), name=name).id


def _edit_job(api: SaagieApi, w: World, name: str) -> Any:
    return api.jobs.edit(w.job_id, description=name)


def _check_edit(platform: RunningPlatform, w: World, name: str, result: Any) -> None:
    assert result.description == name == _data(platform).jobs[w.job_id].description


CASES: dict[str, Case] = {
    "projects.create": ("CreateProject", _create_project, _check_project),
    "jobs.create": ("CreateJob", _create_job, _check_job),
    "jobs.upgrade": ("AddJobVersion", _upgrade, _check_upgrade),
    "jobs.edit": ("EditJob", _edit_job, _check_edit),
    "jobs.delete": ("DeleteJob", _delete_job, _check_gone),
    "pipelines.create_graph": ("CreateGraphPipeline", _create_pipeline, _check_pipeline),
    "pipelines.upgrade": ("AddGraphPipelineVersion", _upgrade_pipeline, _check_pipeline_upgrade),
    "apps.create_from_scratch": ("CreateApp", _create_app, _check_app),
    "apps.upgrade": ("AddAppVersion", _upgrade_app, _check_app_upgrade),
    "env_vars.create": ("SaveEnvVar", _create_variable, _check_variable),
    "env_vars.delete": ("DeleteEnvVar", _delete_variable, _check_variable_gone),
    "docker_credentials.create": ("CreateDockerCredentials", _create_credentials, _check_credentials),
    "storages.create": ("CreateStorage", _create_storage, _check_storage),
}
IDEMPOTENT = {"jobs.edit"}
_counter = iter(range(10_000))


@pytest.mark.parametrize("executed", [True, False], ids=["applied", "not-applied"])
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("method", sorted(CASES))
def test_a_lost_answer_is_reconciled_on_the_platform(
    platform: RunningPlatform, world: World, method: str, loss: str, executed: bool
) -> None:
    operation, call, check = CASES[method]
    name = f"r{next(_counter)}"
    transport = LosingTransport([operation], loss=loss, executed=executed)
    with client(platform, transport) as api:
        result = call(api, world, name)
    check(platform, world, name, result)
    assert transport.lost[operation] == 1
    # Applied: the platform's state answered, nothing re-sent. Not applied: sent once more. An edit is
    # idempotent: sent again either way.
    assert transport.sent[operation] == (1 if executed and method not in IDEMPOTENT else 2), transport.sent


@pytest.mark.parametrize("loss", LOSSES)
def test_a_run_whose_answer_is_lost_raises_outcome_unknown_and_is_not_sent_again(
    platform: RunningPlatform, world: World, loss: str
) -> None:
    transport = LosingTransport(["RunJob"], loss=loss)
    before = sum(1 for i in _data(platform).job_instances.values() if i.job_id == world.job_id)
    with client(platform, transport) as api, pytest.raises(OutcomeUnknownError) as caught:
        api.jobs.run(world.job_id)
    after = sum(1 for i in _data(platform).job_instances.values() if i.job_id == world.job_id)
    assert after == before + 1 and transport.sent["RunJob"] == 1  # ran once, never twice
    error = caught.value
    assert error.operation == "runJob" and "instances_limit=1" in error.check and world.job_id in str(error)
    assert "may or may not" in str(error) and error.failure is not None


def test_a_change_never_applied_within_the_budget_raises_the_failure(platform: RunningPlatform, world: World) -> None:
    transport = LosingTransport(["CreateStorage"], loss="503", times=100, executed=False)
    with client(platform, transport) as api, pytest.raises(ServerError):
        api.storages.create(world.project_id, "never", "1 GB")
    # checked on the platform after each attempt: not applied, so the last failure is raised as it is
    assert transport.sent["CreateStorage"] == 1 + api.settings.retries
    assert not [v for v in _data(platform).volumes.values() if v.name == "never"]


@pytest.mark.anyio
async def test_async_twin_reconciles_too(platform: RunningPlatform, world: World) -> None:
    transport = LosingAsyncTransport(["CreateJob"], loss="read_timeout")
    async with (
        httpx.AsyncClient(transport=transport, timeout=30) as http,
        AsyncSaagieApi(
            platform.url, platform.platform_id, platform.user, platform.password, platform.realm, http_client=http
        ) as api,
    ):
        job = await api.jobs.create(
            "async-lost", world.project_id, file=world.script, technology="Python", runtime_version="3.10"
        )
    _check_job(platform, world, "async-lost", job)
    assert transport.sent["CreateJob"] == 1


def test_every_reconciled_method_has_a_rule() -> None:
    documented = {method for method, _, _ in RULES}
    assert set(CASES) <= documented
