"""api.pipelines and the condition helpers against the emulator over real HTTP."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta, timezone

import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi
from saagieapi.errors import GraphQLError, InvalidInputError, NotFoundError, RunFailedError, WaitTimeoutError
from saagieapi.graph_pipeline import ConditionExpressionNode, ConditionStatusNode, GraphPipeline, JobNode

from ...support.platforms import connect_async
from ._graph_support import create_job, create_project, unique

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=200.0) as running:
        yield running


@pytest.fixture
async def api(platform: RunningPlatform) -> AsyncIterator[AsyncSaagieApi]:
    """Overrides the shared ``api``: the module's platform keeps its data but not the controls of the last test."""
    platform.controls.reset()
    async with connect_async(platform) as client:
        yield client


@pytest.fixture
async def project(api: AsyncSaagieApi) -> dict[str, str]:
    project_id = await create_project(api)
    return {
        "id": project_id,
        "first": await create_job(api, project_id, "first"),
        "ok": await create_job(api, project_id, "on_success"),
        "ko": await create_job(api, project_id, "on_failure"),
    }


def branching_graph(project: dict[str, str], expression: str) -> tuple[GraphPipeline, ConditionExpressionNode]:
    first, ok, ko = JobNode(project["first"]), JobNode(project["ok"]), JobNode(project["ko"])
    condition = ConditionExpressionNode()
    condition.set_expression(expression)
    first.add_next_node(condition)
    condition.add_success_node(ok)
    condition.add_failure_node(ko)
    graph = GraphPipeline()
    graph.add_root_node(first)
    return graph, condition


async def test_create_read_edit_and_lookups(api: AsyncSaagieApi, project: dict[str, str]) -> None:
    graph, _ = branching_graph(project, "1 == 1")
    name = unique("nightly")
    created = await api.pipelines.create_graph(
        name,
        project["id"],
        graph,
        alias=name,
        description="d",
        emails=["ops@acme.io"],
        has_execution_variables_enabled=True,
    )
    assert created.name == name and created.has_execution_variables_enabled is True
    assert created.alerting is not None and created.alerting.emails == ["ops@acme.io"]
    assert created.versions[0].graph is not None and len(created.versions[0].graph.job_nodes or []) == 3

    assert [p.id for p in await api.pipelines.list_for_project(project["id"])] == [created.id]
    assert [p.name for p in await api.pipelines.list_for_project_minimal(project["id"])] == [name]
    project_name = await api.client.execute(
        "query Q($id: UUID!) { project(id: $id) { name } }", "Q", {"id": project["id"]}
    )
    assert await api.pipelines.get_id(name, project_name["project"]["name"]) == created.id
    assert (await api.pipelines.get_info(created.id)).alias == name
    assert (await api.pipelines.get_info_by_name(project["id"], name)).id == created.id
    assert (await api.pipelines.get_info_by_alias(project["id"], name)).id == created.id
    with pytest.raises(NotFoundError):
        await api.pipelines.get_id("nope", project_name["project"]["name"])
    with pytest.raises(NotFoundError):
        await api.pipelines.get_info_by_name(project["id"], "nope")

    edited = await api.pipelines.edit(
        created.id, description="", emails=[], cron_scheduling="0 2 * * *", has_execution_variables_enabled=False
    )
    assert edited.description in ("", None) and edited.alerting is None
    assert edited.is_scheduled and edited.cron_scheduling == "0 2 * * *"
    assert edited.has_execution_variables_enabled is False
    assert edited.name == name  # untouched
    assert (await api.pipelines.edit(created.id, is_scheduled=False)).is_scheduled is False


async def test_unknown_job_and_cycle_never_reach_the_platform(api: AsyncSaagieApi, project: dict[str, str]) -> None:
    a = JobNode(str(uuid.uuid4()))
    graph = GraphPipeline()
    graph.add_root_node(a)
    with pytest.raises(InvalidInputError, match="not jobs of project"):
        await api.pipelines.create_graph("bad", project["id"], graph, alias="bad")
    b, c = JobNode(project["first"]), JobNode(project["ok"])
    b.add_next_node(c)
    c.add_next_node(b)
    cyclic = GraphPipeline()
    cyclic.add_root_node(b)
    with pytest.raises(InvalidInputError, match="cycle"):
        await api.pipelines.create_graph("bad", project["id"], cyclic, alias="bad")
    assert await api.pipelines.list_for_project_minimal(project["id"]) == []


async def test_condition_routes_to_the_failure_branch(api: AsyncSaagieApi, project: dict[str, str]) -> None:
    graph, condition = branching_graph(project, '"a" == "b"')
    pipeline = await api.pipelines.create_graph(unique("route"), project["id"], graph, alias=unique("route"))
    seen: list[str] = []

    final = await api.pipelines.run_with_callback(
        pipeline.id, freq=0.05, timeout=60, callback=lambda i: seen.append(i.status)
    )

    assert final.status == "SUCCEEDED" and seen[-1] == "SUCCEEDED"
    (condition_instance,) = final.conditions_instance or []
    assert condition_instance is not None
    assert condition_instance.condition_node_id == str(condition.uid) and condition_instance.is_success is False
    ran = {job.job_id for job in final.jobs_instance}
    assert project["ko"] in ran and project["ok"] not in ran

    # the condition helpers of the client, against the same platform
    assert await api.check_condition_expression('vars.ENV == "prod"', project["id"], {"ENV": "prod"}) is True
    assert await api.check_condition_expression('vars.ENV == "prod"', project["id"], {"ENV": "dev"}) is False
    assert condition_instance.id is not None
    count = await api.count_condition_logs(condition_instance.id, project["id"], ["STDOUT", "STDERR"])
    logs = await api.get_condition_instance_logs_by_instance(condition_instance.id, project["id"], ["STDOUT", "STDERR"])
    assert count.total == len(logs.logs)


async def test_status_condition_and_failed_run(
    api: AsyncSaagieApi, platform: RunningPlatform, project: dict[str, str]
) -> None:
    first, ok = JobNode(project["first"]), JobNode(project["ok"])
    condition = ConditionStatusNode()
    condition.put_all_success()
    first.add_next_node(condition)
    condition.add_success_node(ok)
    graph = GraphPipeline()
    graph.add_root_node(first)
    pipeline = await api.pipelines.create_graph(unique("status"), project["id"], graph, alias=unique("status"))
    platform.force_job_outcome(project["first"], "FAILED")

    with pytest.raises(RunFailedError) as caught:
        await api.pipelines.run_with_callback(pipeline.id, freq=0.05, timeout=60)
    assert caught.value.instance_id and caught.value.status == "FAILED"
    final = await api.pipelines.run_with_callback(pipeline.id, freq=0.05, timeout=60, raise_on_failure=False)
    assert final.status == "FAILED"


async def test_run_stop_and_instance_cleanup(
    api: AsyncSaagieApi, platform: RunningPlatform, project: dict[str, str]
) -> None:
    graph, _ = branching_graph(project, "true")
    pipeline = await api.pipelines.create_graph(unique("stop"), project["id"], graph, alias=unique("stop"))
    platform.force_job_outcome(project["first"], saagie_emulator.HOLD)
    instance = await api.pipelines.run(pipeline.id)
    with pytest.raises(WaitTimeoutError) as caught:
        await api.pipelines.wait_for_instance(instance.id, timeout=0.3, poll_interval=0.05)
    assert caught.value.instance_id == instance.id
    await api.pipelines.stop(instance.id)
    stopped = await api.pipelines.wait_for_instance(instance.id, timeout=30, poll_interval=0.05, raise_on_failure=False)
    assert stopped.status == "KILLED"
    assert (await api.pipelines.get_instance(instance.id)).id == instance.id

    platform.force_job_outcome(project["first"], None)
    done = await api.pipelines.run_with_callback(pipeline.id, freq=0.05, timeout=60)
    counts = {
        str(c.selector.value): c.count for c in await api.pipelines.count_deletable_instances_by_status(pipeline.id)
    }
    assert counts["ALL"] == 2
    future = datetime.now(timezone.utc) + timedelta(days=1)
    assert await api.pipelines.count_deletable_instances_by_date(pipeline.id, future) == 2
    results = await api.pipelines.delete_instances(pipeline.id, [done.id])
    assert [(r.id, r.success) for r in results] == [(done.id, True)]
    assert await api.pipelines.delete_instances_by_selector(pipeline.id, "SUCCEEDED") == 0
    assert await api.pipelines.delete_instances_by_date(pipeline.id, future.isoformat(), exclude_instances_id=[]) == 1
    assert (await api.pipelines.get_info(pipeline.id)).pipeline_instance_count == 0


async def test_versions_rollback_duplicate_create_or_upgrade_delete(
    api: AsyncSaagieApi, project: dict[str, str]
) -> None:
    name = unique("versions")
    graph, _ = branching_graph(project, "true")
    pipeline = await api.pipelines.create_or_upgrade(
        name, name, project["id"], graph, description="v1", is_scheduled=False
    )
    assert pipeline.versions[0].number == 1

    linear = GraphPipeline()
    linear.add_root_node(JobNode(project["first"]))
    version = await api.pipelines.upgrade(pipeline.id, linear, release_note="v2")
    assert version.number == 2 and version.is_current and version.release_note == "v2"
    upgraded = await api.pipelines.create_or_upgrade(
        name, name, project["id"], graph, description="v3", release_note="v3"
    )
    assert upgraded.id == pipeline.id and upgraded.description == "v3"
    assert upgraded.versions[0].number == 3 and upgraded.versions[0].is_current

    rolled = await api.pipelines.rollback(pipeline.id, "1")
    assert [v.number for v in rolled.versions if v.is_current] == [1]
    deleted = await api.pipelines.delete_versions(pipeline.id, [2])
    assert [(d.number, d.success) for d in deleted] == [(2, True)]
    assert sorted(v.number for v in (await api.pipelines.get_info(pipeline.id)).versions) == [1, 3]

    copy = await api.pipelines.duplicate(pipeline.id)
    assert copy.id != pipeline.id and copy.name != name
    assert await api.pipelines.delete(copy.id) is True
    assert await api.pipelines.delete(pipeline.id) is True
    with pytest.raises((NotFoundError, GraphQLError)):
        await api.pipelines.get_info(pipeline.id)


async def test_expression_condition_pipeline_through_one_client(platform: RunningPlatform) -> None:
    async with connect_async(platform) as builder:
        project_id = await create_project(builder)
        job_id = await create_job(builder, project_id, "only")
    async with connect_async(platform) as api:
        graph = GraphPipeline()
        node = JobNode(job_id)
        condition = ConditionExpressionNode(expression="false")
        node.add_next_node(condition)
        condition.add_failure_node(JobNode(job_id))
        graph.add_root_node(node)
        pipeline = await api.pipelines.create_graph("expr_p", project_id, graph, alias="expr_p")
        final = await api.pipelines.run_with_callback(pipeline.id, freq=0.05, timeout=60)
        assert final.status == "SUCCEEDED" and len(final.jobs_instance) == 2
        assert (await api.pipelines.get_instance(final.id)).conditions_instance[0].is_success is False  # type: ignore[index,union-attr]
        assert (await api.pipelines.get_info_by_alias(project_id, "expr_p")).id == pipeline.id
        assert [p.id for p in await api.pipelines.list_for_project(project_id, instances_limit=1)] == [pipeline.id]
        edited = await api.pipelines.edit(pipeline.id, name="expr_renamed")
        assert edited.name == "expr_renamed"
        assert await api.pipelines.delete(pipeline.id) is True


async def test_whole_lifecycle_with_a_second_client(
    api: AsyncSaagieApi, platform: RunningPlatform, project: dict[str, str]
) -> None:
    """create_or_upgrade → lookups → upgrade → rollback → run/wait/stop → instance cleanup → duplicate."""
    project_name = (await api.projects.get_info(project["id"])).name
    name = unique("life")
    graph, condition = branching_graph(project, "true")
    linear = GraphPipeline()
    linear.add_root_node(JobNode(project["first"]))
    async with connect_async(platform) as aapi:
        pipeline = await aapi.pipelines.create_or_upgrade(name, name, project["id"], graph, description="v1")
        assert pipeline.versions[0].number == 1 and pipeline.description == "v1"
        assert await aapi.pipelines.get_id(name, project_name) == pipeline.id
        with pytest.raises(NotFoundError):
            await aapi.pipelines.get_id("nope", project_name)
        assert (await aapi.pipelines.get_info(pipeline.id)).alias == name
        assert (await aapi.pipelines.get_info_by_name(project["id"], name)).id == pipeline.id
        with pytest.raises(NotFoundError):
            await aapi.pipelines.get_info_by_name(project["id"], "nope")

        version = await aapi.pipelines.upgrade(pipeline.id, linear, release_note="v2")
        assert version.number == 2 and version.is_current and version.release_note == "v2"
        upgraded = await aapi.pipelines.create_or_upgrade(name, name, project["id"], linear, release_note="v3")
        assert upgraded.id == pipeline.id and upgraded.versions[0].number == 3
        rolled = await aapi.pipelines.rollback(pipeline.id, 1)
        assert [v.number for v in rolled.versions if v.is_current] == [1]
        deleted = await aapi.pipelines.delete_versions(pipeline.id, [2])
        assert [(d.number, d.success) for d in deleted] == [(2, True)]
        assert sorted(v.number for v in (await aapi.pipelines.get_info(pipeline.id)).versions) == [1, 3]

        platform.force_job_outcome(project["first"], saagie_emulator.HOLD)
        held = await aapi.pipelines.run(pipeline.id)
        assert held.id
        with pytest.raises(WaitTimeoutError) as caught:
            await aapi.pipelines.wait_for_instance(held.id, timeout=0.3, poll_interval=0.05)
        assert caught.value.instance_id == held.id
        assert (await aapi.pipelines.stop(held.id)).id == held.id
        killed = await aapi.pipelines.wait_for_instance(held.id, timeout=30, poll_interval=0.05, raise_on_failure=False)
        assert killed.status == "KILLED"
        platform.force_job_outcome(project["first"], None)
        started = await aapi.pipelines.run(pipeline.id)
        seen: list[str] = []
        done = await aapi.pipelines.wait_for_instance(
            started.id, timeout=60, poll_interval=0.05, callback=lambda i: seen.append(i.status)
        )
        assert done.status == "SUCCEEDED" and seen[-1] == "SUCCEEDED"

        # the condition helpers of the async client, on the condition the run went through
        (condition_instance,) = done.conditions_instance or []
        assert condition_instance is not None and condition_instance.condition_node_id == str(condition.uid)
        assert condition_instance.is_success is True and condition_instance.id is not None
        assert await aapi.check_condition_expression("vars.N == '1'", project["id"], {"N": "1"}) is True
        assert (
            await aapi.check_condition_expression("vars.N == '1'", project["id"], [{"key": "N", "value": "2"}]) is False
        )
        count = await aapi.count_condition_logs(condition_instance.id, project["id"], ["STDOUT", "STDERR"])
        logs = await aapi.get_condition_instance_logs_by_instance(
            condition_instance.id, project["id"], ["STDOUT", "STDERR"]
        )
        assert count.total == len(logs.logs)

        counts = {
            str(c.selector.value): c.count
            for c in await aapi.pipelines.count_deletable_instances_by_status(pipeline.id)
        }
        assert counts["ALL"] == 2 and counts["SUCCEEDED"] == 1
        future = datetime.now(timezone.utc) + timedelta(days=1)
        assert await aapi.pipelines.count_deletable_instances_by_date(pipeline.id, future) == 2
        results = await aapi.pipelines.delete_instances(pipeline.id, [done.id])
        assert [(r.id, r.success) for r in results] == [(done.id, True)]
        assert await aapi.pipelines.delete_instances_by_selector(pipeline.id, "SUCCEEDED") == 0
        assert await aapi.pipelines.delete_instances_by_date(pipeline.id, future, exclude_instances_id=[]) == 1
        assert (await aapi.pipelines.get_info(pipeline.id)).pipeline_instance_count == 0

        copy = await aapi.pipelines.duplicate(pipeline.id)
        assert copy.id != pipeline.id and copy.name != name
        listed = {p.id for p in await aapi.pipelines.list_for_project_minimal(project["id"])}
        assert {pipeline.id, copy.id} <= listed
        assert await aapi.pipelines.delete(copy.id) is True


async def test_execution_variables_on_run(api: AsyncSaagieApi, project: dict[str, str]) -> None:
    graph, _ = branching_graph(project, 'vars.MODE == "full"')
    pipeline = await api.pipelines.create_graph(
        unique("vars"), project["id"], graph, alias=unique("vars"), has_execution_variables_enabled=True
    )

    full = await api.pipelines.run_with_callback(
        pipeline.id, freq=0.05, timeout=60, execution_variables={"MODE": "full"}
    )
    light = await api.pipelines.run_with_callback(
        pipeline.id, freq=0.05, timeout=60, execution_variables={"MODE": "light"}
    )

    assert {v.key: v.value for v in full.initial_execution_variables or []}["MODE"] == "full"
    assert {v.key: v.value for v in light.initial_execution_variables or []}["MODE"] == "light"
    assert project["ok"] in {job.job_id for job in full.jobs_instance}
    assert project["ko"] in {job.job_id for job in light.jobs_instance}
    saved = await api.env_vars.list("PIPELINE", pipeline_id=pipeline.id, scope_only=True)
    assert [(var.name, var.value) for var in saved] == [("MODE", "light")]


async def test_execution_variables_need_the_pipeline_setting(api: AsyncSaagieApi, project: dict[str, str]) -> None:
    graph, _ = branching_graph(project, "true")
    pipeline = await api.pipelines.create_graph(unique("novars"), project["id"], graph, alias=unique("novars"))
    with pytest.raises(InvalidInputError, match="has_execution_variables_enabled"):
        await api.pipelines.run(pipeline.id, execution_variables={"MODE": "full"})
    with pytest.raises(InvalidInputError, match="string values"):
        await api.pipelines.run(pipeline.id, execution_variables={"MODE": 1})  # type: ignore[dict-item]
    assert (await api.pipelines.get_info(pipeline.id)).instances == []
    assert await api.env_vars.list("PIPELINE", pipeline_id=pipeline.id, scope_only=True) == []


async def test_execution_variables_on_run_then_wait(platform: RunningPlatform, project: dict[str, str]) -> None:
    graph, _ = branching_graph(project, 'vars.MODE == "full"')
    async with connect_async(platform) as api:
        pipeline = await api.pipelines.create_graph(
            unique("wvars"), project["id"], graph, alias=unique("wvars"), has_execution_variables_enabled=True
        )
        instance = await api.pipelines.run(pipeline.id, execution_variables={"MODE": "full"})
        final = await api.pipelines.wait_for_instance(instance.id, poll_interval=0.05, timeout=60)
    assert {v.key: v.value for v in final.initial_execution_variables or []}["MODE"] == "full"
    assert project["ok"] in {job.job_id for job in final.jobs_instance}
