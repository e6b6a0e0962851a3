"""Logs of job instances, app executions and condition instances against the emulator over real HTTP: pages,
tails, counts, lazy walks, following while the instance runs, the log tail of a failed run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi
from saagieapi.enums import LogStream
from saagieapi.graph_pipeline import ConditionExpressionNode, GraphPipeline, JobNode
from saagieapi.models import JobInstance

from ...support.twins import async_sleep
from ._graph_support import create_job, create_project, unique

pytestmark = pytest.mark.anyio


@pytest.fixture
async def project_id(api: AsyncSaagieApi) -> str:
    return (await api.projects.create("logs-demo")).id


@pytest.fixture
async def job_id(api: AsyncSaagieApi, project_id: str, tmp_path: Path) -> str:
    script = tmp_path / "etl.py"
    script.write_text("print('hello')\n")
    return (await api.jobs.create("etl", project_id, file=script, command_line="python {file}")).id


def status(instance: JobInstance) -> str:
    assert instance.history is not None
    return str(instance.history.current_status.status.value)


async def test_job_logs_pages_tails_counts_streams(api: AsyncSaagieApi, platform: RunningPlatform, job_id: str) -> None:
    platform.force_job_outcome(job_id, "FAILED")
    with pytest.raises(saagieapi.RunFailedError) as failed:
        await api.jobs.run_with_callback(job_id, freq=0.05, timeout=60)
    instance_id = failed.value.instance_id
    assert instance_id is not None

    everything = await api.jobs.get_logs(instance_id, streams=list(LogStream))
    default = await api.jobs.get_logs(instance_id)
    assert default, "a finished run has log lines"
    assert {line.stream.value for line in default} <= {"STDOUT", "STDERR"}
    assert [line for line in everything if line.stream.value in ("STDOUT", "STDERR")] == default
    assert len(everything) > len(default)  # the emulator writes orchestration lines too
    assert await api.jobs.count_logs(instance_id) == len(default)
    assert await api.jobs.count_logs(instance_id, streams=list(LogStream)) == len(everything)

    stderr = await api.jobs.get_logs(instance_id, streams="stderr")  # a name, any case
    assert stderr and all(line.stream == LogStream.STDERR for line in stderr)
    assert await api.jobs.get_logs(instance_id, streams="STDOUT,STDERR") == default
    assert await api.jobs.get_logs(instance_id, limit=1, skip=1) == default[1:2]
    assert await api.jobs.get_logs(instance_id, tail=2) == default[-2:]
    assert await api.jobs.get_logs(instance_id, tail=1000) == default
    walked = [line async for line in api.jobs.iter_logs(instance_id, page_size=1)]
    assert walked == default
    assert [line async for line in api.jobs.iter_logs(instance_id, skip=1, page_size=2)] == default[1:]

    # RunFailedError carries the last lines of the failed run, and says them
    assert failed.value.log_tail == [line.value for line in default[-20:]]
    assert default[-1].value in str(failed.value)

    for bad in ({"streams": "STDIN"}, {"streams": []}, {"limit": 0}, {"skip": -1}, {"tail": 0}, {"tail": 2, "skip": 1}):
        with pytest.raises(saagieapi.InvalidInputError):
            await api.jobs.get_logs(instance_id, **bad)  # type: ignore[arg-type]
    with pytest.raises(saagieapi.NotFoundError):
        await api.jobs.get_logs("00000000-0000-0000-0000-000000000000")
    with pytest.raises(saagieapi.NotFoundError):
        await api.jobs.count_logs("00000000-0000-0000-0000-000000000000")


async def test_follow_logs_yields_lines_written_after_it_started(
    api: AsyncSaagieApi, platform: RunningPlatform, job_id: str
) -> None:
    platform.set_speed(2.0)  # REQUESTED 1 s + QUEUED 1 s + RUNNING 4 s at speed 2: the run lasts 3 s
    platform.force_job_outcome(job_id, "FAILED")
    instance = await api.jobs.run(job_id)
    written_before = await api.jobs.count_logs(instance.id)  # the lines that exist when following starts
    started = time.monotonic()
    arrivals: list[tuple[float, str]] = []
    status_at_arrival: list[str] = []
    async for line in api.jobs.follow_logs(instance.id, poll_interval=0.1):
        arrivals.append((time.monotonic() - started, line.value))
        status_at_arrival.append(status(await api.jobs.get_instance(instance.id)))
    ended = time.monotonic() - started

    final = await api.jobs.get_instance(instance.id)
    assert status(final) == "FAILED"  # it stopped because the run ended...
    assert ended < 10  # ...soon after it ended
    logged = [line.value for line in await api.jobs.get_logs(instance.id)]
    assert [text for _, text in arrivals] == logged  # every line once, in order
    assert len(logged) > written_before  # most lines were written after it started, and it yielded them
    assert status_at_arrival[0] not in ("FAILED", "SUCCEEDED", "KILLED")  # yielded while the run went on
    # the run writes a line every emulated second (0.5 s here): they came in several reads, over the run
    assert len({round(at, 1) for at, _ in arrivals}) >= 3, arrivals
    assert arrivals[-1][0] - arrivals[0][0] >= 1.0, arrivals


async def test_follow_logs_timeout_and_late_start(api: AsyncSaagieApi, platform: RunningPlatform, job_id: str) -> None:
    platform.force_job_outcome(job_id, "RUNNING")  # runs until stopped
    instance = await api.jobs.run(job_id)
    seen: list[str] = []
    with pytest.raises(saagieapi.WaitTimeoutError) as timed_out:
        async for line in api.jobs.follow_logs(instance.id, poll_interval=0.05, timeout=0.5):
            seen.append(line.value)
    assert timed_out.value.instance_id == instance.id
    await api.jobs.stop(instance.id)
    # a follower that starts after the end reads what is left from `skip`, then stops
    deadline = time.monotonic() + 30
    while status(await api.jobs.get_instance(instance.id)) != "KILLED" and time.monotonic() < deadline:
        await async_sleep(0.05)
    rest = [line.value async for line in api.jobs.follow_logs(instance.id, skip=1, poll_interval=0.05, timeout=30)]
    assert rest == [line.value for line in await api.jobs.get_logs(instance.id)][1:]
    with pytest.raises(saagieapi.InvalidInputError):
        api.jobs.follow_logs(instance.id, poll_interval=0)
    with pytest.raises(saagieapi.NotFoundError):
        async for _ in api.jobs.follow_logs("00000000-0000-0000-0000-000000000000"):
            pass


async def test_run_with_callback_streams_the_log(api: AsyncSaagieApi, platform: RunningPlatform, job_id: str) -> None:
    platform.set_speed(4.0)
    printed: list[str] = []
    final = await api.jobs.run_with_callback(job_id, freq=0.05, timeout=60, on_log=printed.append)
    assert status(final) == "SUCCEEDED"
    assert printed == [line.value for line in await api.jobs.get_logs(final.id)]


async def test_app_execution_logs(api: AsyncSaagieApi, project_id: str) -> None:
    app = await api.apps.create_from_scratch(
        project_id, "web", image="nginx:1.25", exposed_ports=[{"number": 80, "isRewriteUrl": False, "scope": "PROJECT"}]
    )
    await api.apps.stop(app.id, wait=True, timeout=30)  # a new app starts on its own
    started = await api.apps.run(app.id, wait=True, timeout=30)
    assert started.history is not None and started.history.current_execution_id is not None
    execution_id = started.history.current_execution_id

    # while the app runs its log grows: following it goes on until the timeout
    live = await api.apps.get_execution_logs(app.id)
    assert live
    seen: list[str] = []
    with pytest.raises(saagieapi.WaitTimeoutError):
        async for app_line in api.apps.follow_logs(app.id, poll_interval=0.05, timeout=0.5):
            seen.append(app_line.value)
    assert seen[: len(live)] == [line.value for line in live]

    # a restart begins a new execution: the previous one is over, its log complete
    restarted = await api.apps.restart(app.id, wait=True, timeout=30)
    assert restarted.history is not None and restarted.history.current_status.value == "STARTED"
    current = restarted.history.current_execution_id
    assert current not in (None, execution_id)
    followed = [line.value async for line in api.apps.follow_logs(app.id, execution_id, poll_interval=0.05, timeout=30)]
    lines = await api.apps.get_execution_logs(app.id, execution_id)
    assert followed == [line.value for line in lines] and lines[: len(live)] == live  # it only grew
    assert await api.apps.count_logs(app.id, execution_id) == len(lines)
    assert await api.apps.get_execution_logs(app.id, execution_id, tail=1) == lines[-1:]
    assert [line async for line in api.apps.iter_logs(app.id, execution_id, page_size=2)] == lines
    stdout = await api.apps.get_execution_logs(app.id, execution_id, stream=LogStream.STDOUT)
    assert stdout and all(line.stream == LogStream.STDOUT for line in stdout)
    assert await api.apps.count_logs(app.id, execution_id, stream="STDOUT") == len(stdout)

    # the current execution is the default one
    await api.apps.stop(app.id, wait=True, timeout=30)
    latest = await api.apps.get_execution_logs(app.id)
    assert latest == await api.apps.get_execution_logs(app.id, current) and latest != lines
    rest = [line.value async for line in api.apps.follow_logs(app.id, poll_interval=0.05, timeout=30)]
    assert rest == [line.value for line in latest]
    assert await api.apps.count_logs(app.id) == len(latest)
    assert [line async for line in api.apps.iter_logs(app.id)] == latest
    with pytest.raises(saagieapi.InvalidInputError):
        await api.apps.get_execution_logs(app.id, stream="STDOUT,STDERR")  # one stream at a time for apps
    with pytest.raises(saagieapi.NotFoundError):
        await api.apps.get_execution_logs(app.id, "00000000-0000-0000-0000-000000000000")


async def test_condition_instance_and_its_logs(api: AsyncSaagieApi) -> None:
    project_id = await create_project(api)
    first, ok, ko = [JobNode(await create_job(api, project_id, name)) for name in ("first", "ok", "ko")]
    condition = ConditionExpressionNode()
    condition.set_expression('"a" == "a"')
    first.add_next_node(condition)
    condition.add_success_node(ok)
    condition.add_failure_node(ko)
    graph = GraphPipeline()
    graph.add_root_node(first)
    pipeline = await api.pipelines.create_graph(unique("cond"), project_id, graph, alias=unique("cond"))
    final = await api.pipelines.run_with_callback(pipeline.id, freq=0.05, timeout=60)
    (evaluated,) = final.conditions_instance or []
    assert evaluated.id is not None

    found = await api.pipelines.get_condition_instance(evaluated.id)
    assert found.id == evaluated.id and found.condition_node_id == str(condition.uid) and found.is_success is True
    assert found.history.current_status.status.value == "SUCCEEDED"
    lines = await api.pipelines.get_condition_logs(evaluated.id, project_id)
    assert lines and await api.pipelines.count_condition_logs(evaluated.id, project_id) == len(lines)
    assert await api.pipelines.get_condition_logs(evaluated.id, project_id, tail=1) == lines[-1:]
    by_node = await api.pipelines.get_condition_logs_by_node(final.id, str(condition.uid), project_id)
    assert by_node == lines
    assert [line async for line in api.pipelines.iter_condition_logs(evaluated.id, project_id, page_size=2)] == lines
    followed = [line async for line in api.pipelines.follow_condition_logs(evaluated.id, project_id, timeout=30)]
    assert followed == lines
    everything = await api.pipelines.get_condition_logs(evaluated.id, project_id, streams=list(LogStream))
    assert len(everything) >= len(lines)
    with pytest.raises(saagieapi.NotFoundError):
        await api.pipelines.get_condition_instance("00000000-0000-0000-0000-000000000000")


async def test_failed_pipeline_run_carries_the_failed_jobs_log_tail(
    api: AsyncSaagieApi, platform: RunningPlatform
) -> None:
    project_id = await create_project(api)
    job_id = await create_job(api, project_id, "breaks")
    graph = GraphPipeline()
    graph.add_root_node(JobNode(job_id))
    pipeline = await api.pipelines.create_graph(unique("fails"), project_id, graph, alias=unique("fails"))
    platform.force_job_outcome(job_id, "FAILED")
    with pytest.raises(saagieapi.RunFailedError) as failed:
        await api.pipelines.run_with_callback(pipeline.id, freq=0.05, timeout=60)
    final = await api.pipelines.get_instance(str(failed.value.instance_id))
    (job_instance,) = final.jobs_instance
    assert failed.value.log_tail == [line.value for line in await api.jobs.get_logs(job_instance.id, tail=20)]
    assert failed.value.log_tail
