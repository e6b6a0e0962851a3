"""api.jobs against the emulator over real HTTP."""

from __future__ import annotations

import io
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi
from saagieapi.models import Job, JobInstance

from ...support.platforms import connect_async
from ...support.twins import async_sleep

pytestmark = pytest.mark.anyio


@pytest.fixture
async def project_id(api: AsyncSaagieApi) -> str:
    return (await api.projects.create("jobs-demo")).id


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "hello.py"
    path.write_text("print('hello')\n")
    return path


def status(instance: JobInstance) -> str:
    assert instance.history is not None
    return str(instance.history.current_status.status.value)


async def test_create_read_edit(api: AsyncSaagieApi, project_id: str, script: Path) -> None:
    job = await api.jobs.create(
        "ingest",
        project_id,
        file=script,
        description="d",
        technology="Python",
        runtime_version="3.10",
        command_line="python {file}",
        cron_scheduling="0 0 * * *",
        schedule_timezone="Europe/Paris",
        emails=["ops@acme.io"],
        status_list=["FAILED"],
        resources={"cpu": {"request": 0.5, "limit": 1.0}, "memory": {"request": 512.0, "limit": 1024.0}},
    )
    assert isinstance(job, Job) and job.is_scheduled and job.schedule_timezone == "Europe/Paris"
    (version,) = job.versions
    assert version.package_info is not None and version.package_info.name == "hello.py"  # base name only
    assert version.runtime_version == "3.10"
    assert await api.jobs.get_id("ingest", "jobs-demo") == job.id
    assert [j.name for j in await api.jobs.list_for_project_minimal(project_id)] == ["ingest"]
    (listed,) = await api.jobs.list_for_project(project_id, instances_limit=1, versions_only_current=True)
    assert listed.id == job.id
    assert job.alias is not None and (await api.jobs.get_info_by_alias(project_id, job.alias)).id == job.id

    edited = await api.jobs.edit(job.id, job_name="ingest2", description="", emails=[], is_scheduled=False)
    assert edited.name == "ingest2" and edited.description == "" and edited.alerting is None
    assert not edited.is_scheduled
    rescheduled = await api.jobs.edit(job.id, cron_scheduling="5 4 * * *")
    assert rescheduled.is_scheduled and rescheduled.cron_scheduling == "5 4 * * *"
    assert rescheduled.resources is not None  # untouched
    assert (await api.jobs.edit(job.id, is_scheduled=True)).cron_scheduling == "5 4 * * *"  # 2.x raised here


async def test_upgrade_rollback_versions(api: AsyncSaagieApi, project_id: str, script: Path) -> None:
    job = await api.jobs.create("etl", project_id, file=script, command_line="python {file}")
    reused = await api.jobs.upgrade(job.id, release_note="same artifact")
    assert reused.number == 2 and reused.package_info is not None and reused.package_info.name == "hello.py"
    assert reused.command_line == "python {file}" and reused.runtime_version == "3.10"
    new_file = io.BytesIO(b"print('v3')\n")
    new_file.name = "/somewhere/else/v3.py"
    upgraded = await api.jobs.upgrade(job.id, file=new_file, runtime_version="3.11")
    assert upgraded.number == 3 and upgraded.package_info is not None and upgraded.package_info.name == "v3.py"
    by_name = await api.jobs.upgrade_by_name("etl", "jobs-demo", command_line="python {file} --fast")
    assert by_name.number == 4 and by_name.release_note == ""  # 2.x sent releaseNote: null
    rolled = await api.jobs.rollback(job.id, "2")
    assert [v.number for v in rolled.versions if v.is_current] == [2]
    results = await api.jobs.delete_versions(job.id, [1, 2])
    assert {(r.number, r.success) for r in results} == {(1, True), (2, False)}


async def test_create_or_upgrade_same_shape(api: AsyncSaagieApi, project_id: str, script: Path) -> None:
    created = await api.jobs.create_or_upgrade(
        "cu", project_id, file=script, is_scheduled=False, cron_scheduling="0 0 * * *"
    )
    assert isinstance(created, Job) and not created.is_scheduled
    upgraded = await api.jobs.create_or_upgrade("cu", project_id, description="v2")
    assert isinstance(upgraded, Job) and upgraded.id == created.id and upgraded.description == "v2"
    assert len((await api.jobs.get_info(created.id)).versions) == 2


async def test_docker_job_duplicate_move_delete(api: AsyncSaagieApi, project_id: str) -> None:
    job = await api.jobs.create(
        "dock",
        project_id,
        technology="Generic",
        runtime_version="latest",
        command_line="",
        docker_info={"image": "alpine:3"},
    )
    (version,) = job.versions
    assert version.docker_info is not None and version.docker_info.image == "alpine:3"
    upgraded = await api.jobs.upgrade(job.id)
    assert upgraded.docker_info is not None and upgraded.docker_info.image == "alpine:3"  # carried over
    copy = await api.jobs.duplicate(job.id)
    assert copy.id != job.id and copy.original_job_id == job.id
    other = await api.projects.create("other")
    await api.projects.get_status_with_callback(other.id)  # a move needs a READY target ("must be ready")
    moved = await api.jobs.move_job(copy.id, int(api.platform), other.id)
    assert [j.id for j in await api.jobs.list_for_project_minimal(other.id)] == [moved]
    assert await api.jobs.delete(job.id) is True
    assert [j.name for j in await api.jobs.list_for_project_minimal(project_id)] == []


async def test_run_with_callback_success_and_instances(
    api: AsyncSaagieApi, platform: RunningPlatform, project_id: str, script: Path
) -> None:
    job = await api.jobs.create("runner", project_id, file=script)
    seen: list[str] = []
    final = await api.jobs.run_with_callback(job.id, callback=lambda i: seen.append(status(i)))
    assert status(final) == "SUCCEEDED" and seen[-1] == "SUCCEEDED"
    assert (await api.jobs.get_instance(final.id)).id == final.id
    platform.force_job_outcome("runner", "FAILED")
    failed = await api.jobs.run_with_callback(job.id, raise_on_failure=False)
    assert status(failed) == "FAILED"
    counts = {c.selector.value: c.count for c in await api.jobs.count_deletable_instances_by_status(job.id)}
    assert counts["ALL"] == 2 and counts["FAILED"] == 1
    future = datetime.now(timezone.utc) + timedelta(days=1)
    assert await api.jobs.count_deletable_instances_by_date(job.id, future.isoformat()) == 2
    with pytest.warns(DeprecationWarning):
        assert len(await api.jobs.count_instances_by_status(job.id)) == len(counts)
    assert await api.jobs.delete_instances_by_selector(job.id, "failed") == 1
    (result,) = await api.jobs.delete_instances(job.id, [final.id])
    assert result.id == final.id and result.success
    await api.jobs.run_with_callback(job.id, raise_on_failure=False)
    assert await api.jobs.delete_instances_by_date(job.id, future, exclude_instances_id=[]) == 1


async def test_run_failure_timeout_and_stop(
    api: AsyncSaagieApi, platform: RunningPlatform, project_id: str, script: Path
) -> None:
    job = await api.jobs.create("flaky", project_id, file=script)
    platform.force_job_outcome(job.id, "FAILED")
    with pytest.raises(saagieapi.RunFailedError) as failed:
        await api.jobs.run_with_callback(job.id)
    assert failed.value.status == "FAILED" and failed.value.instance_id
    platform.force_job_outcome(job.id, "RUNNING")
    with pytest.raises(saagieapi.WaitTimeoutError) as timed_out:
        await api.jobs.run_with_callback(job.id, timeout=0.5)
    assert timed_out.value.status == "RUNNING" and timed_out.value.instance_id is not None
    stopped = await api.jobs.stop(timed_out.value.instance_id)
    assert stopped.id == timed_out.value.instance_id


async def test_two_second_job_returns_within_three_seconds(
    api: AsyncSaagieApi, platform: RunningPlatform, project_id: str, script: Path
) -> None:
    job = await api.jobs.create("two-seconds", project_id, file=script)
    platform.set_speed(3.0)  # REQUESTED 1 s + QUEUED 1 s + RUNNING 4 s at speed 3 = 2 s
    start = time.monotonic()
    final = await api.jobs.run_with_callback(job.id)
    elapsed = time.monotonic() - start
    assert status(final) == "SUCCEEDED" and 1.9 <= elapsed < 3.0


async def test_failures_before_any_request(api: AsyncSaagieApi, project_id: str, script: Path, tmp_path: Path) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        await api.jobs.create("x", project_id, file=tmp_path / "missing.py")
    with pytest.raises(saagieapi.InvalidInputError):
        await api.jobs.create("x", project_id, file=script, cron_scheduling="every day")
    with pytest.raises(saagieapi.InvalidInputError):
        await api.jobs.create(
            "x", project_id, file=script, cron_scheduling="0 0 * * *", schedule_timezone="Mars/Olympus"
        )
    with pytest.raises(saagieapi.InvalidInputError):
        await api.jobs.create("x", project_id, file=script, emails=["ops@acme.io"], status_list=["EXPLODED"])
    with pytest.raises(saagieapi.InvalidInputError):
        await api.jobs.create("x", project_id, file=script, category="Cooking")
    with pytest.raises(saagieapi.NotFoundError) as unknown:
        await api.jobs.create("x", project_id, file=script, technology="cobol")
    assert "Python" in str(unknown.value)
    with pytest.raises(saagieapi.NotFoundError) as runtime:
        await api.jobs.create("x", project_id, file=script, runtime_version="2.7")
    assert "3.10" in str(runtime.value)
    with pytest.raises(saagieapi.InvalidInputError):
        await api.jobs.delete_instances_by_date("j", "yesterday")
    with pytest.raises(saagieapi.InvalidInputError):
        await api.jobs.delete_instances_by_selector("j", "SOME")
    assert await api.jobs.list_for_project_minimal(project_id) == []
    await api.jobs.create("dup", project_id, file=script)
    with pytest.raises(saagieapi.GraphQLError):
        await api.jobs.create("dup", project_id, file=script)
    with pytest.raises(saagieapi.NotFoundError):
        await api.jobs.get_id("nope", "jobs-demo")


async def test_every_method_through_one_client(platform: RunningPlatform, script: Path) -> None:
    async with connect_async(platform) as api:
        project = await api.projects.create("all-jobs")
        job = await api.jobs.create("a", project.id, file=str(script))
        assert await api.jobs.get_id("a", "all-jobs") == job.id
        assert (await api.jobs.get_info(job.id, instances_limit=1)).name == "a"
        assert job.alias is not None and (await api.jobs.get_info_by_alias(project.id, job.alias)).id == job.id
        assert len(await api.jobs.list_for_project(project.id)) == 1
        assert len(await api.jobs.list_for_project_minimal(project.id)) == 1
        assert (await api.jobs.edit(job.id, description="x")).description == "x"
        assert (await api.jobs.upgrade(job.id, file=script)).number == 2
        assert (await api.jobs.upgrade_by_name("a", "all-jobs")).number == 3
        assert (await api.jobs.create_or_upgrade("a", project.id)).id == job.id
        assert len((await api.jobs.rollback(job.id, 1)).versions) == 4
        assert (await api.jobs.delete_versions(job.id, [2]))[0].success
        instance = await api.jobs.run(job.id)
        final = await api.jobs.run_with_callback(job.id)
        assert status(final) == "SUCCEEDED"
        assert (await api.jobs.get_instance(instance.id)).id == instance.id
        platform.force_job_outcome(job.id, "RUNNING")
        running = await api.jobs.run(job.id)
        assert (await api.jobs.stop(running.id)).id == running.id
        platform.force_job_outcome(job.id, None)
        counts = await api.jobs.count_deletable_instances_by_status(job.id)
        assert counts
        with pytest.warns(DeprecationWarning, match="count_deletable_instances_by_status"):
            deprecated_counts = await api.jobs.count_instances_by_status(job.id)
        # same answer as its replacement (the stopped instance may have become deletable in between)
        assert [c.selector for c in deprecated_counts] == [c.selector for c in counts]
        assert {str(c.selector.value): c.count for c in deprecated_counts}["ALL"] >= 2
        future = datetime.now(timezone.utc) + timedelta(days=1)
        assert await api.jobs.count_deletable_instances_by_date(job.id, future) >= 2
        assert len(await api.jobs.delete_instances(job.id, [instance.id])) == 1
        assert await api.jobs.delete_instances_by_selector(job.id, "SUCCEEDED") >= 0
        assert await api.jobs.delete_instances_by_date(job.id, future) >= 0
        copy = await api.jobs.duplicate(job.id)
        other = await api.projects.create("all-other")
        await api.projects.get_status_with_callback(other.id)  # a move needs a READY target
        assert await api.jobs.move_job(copy.id, int(api.platform), other.id)
        # a job with unfinished runs cannot be deleted: let the remaining runs (the stopped one) reach a final status
        for _ in range(200):
            remaining = (await api.jobs.get_info(job.id)).instances or []
            if all(status(each) in {"SUCCEEDED", "FAILED", "KILLED"} for each in remaining):
                break
            await async_sleep(0.05)
        assert await api.jobs.delete(job.id) is True


async def test_list_for_category_is_filtered_by_the_platform(
    api: AsyncSaagieApi, project_id: str, script: Path
) -> None:
    created = {}
    for name, category in (("extract", "Extraction"), ("clean", "Processing"), ("load", "Processing")):
        created[name] = await api.jobs.create(
            name, project_id, file=script, category=category, technology="Python", runtime_version="3.10"
        )
    processing = await api.jobs.list_for_category(project_id, "Processing")
    assert sorted(job.name for job in processing) == ["clean", "load"]
    assert [job.name for job in await api.jobs.list_for_category(project_id, "Extraction")] == ["extract"]
    technology = created["load"].technology
    assert technology is not None
    same_technology = await api.jobs.list_for_category(project_id, "Processing", technology_id=technology.id)
    assert sorted(job.id for job in same_technology) == sorted(created[name].id for name in ("clean", "load"))
    other = "00000000-0000-4000-8000-000000000000"
    assert await api.jobs.list_for_category(project_id, "Processing", technology_id=other) == []
    with pytest.raises(saagieapi.NotFoundError, match="project"):
        await api.jobs.list_for_category(other, "Processing")
    assert await api.jobs.list_for_category(project_id, "Batch") == []  # a free string in the schema: no client list
    with pytest.raises(saagieapi.InvalidInputError, match="give a category name"):
        await api.jobs.list_for_category(project_id, " ")


async def test_acting_on_an_unknown_id_is_a_not_found_error(api: AsyncSaagieApi, project_id: str) -> None:
    """Reading an unknown id and acting on one raise the same NotFoundError (acting raised a bare GraphQLError)."""
    unknown = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(saagieapi.NotFoundError) as raised:
        await api.jobs.run(unknown)
    error = raised.value
    assert isinstance(error, saagieapi.GraphQLError)  # the platform's errors stay readable
    assert (error.kind, error.name) == ("job", unknown)
    assert error.operation_name is not None and error.errors
    with pytest.raises(saagieapi.NotFoundError):
        await api.jobs.delete(unknown)
    with pytest.raises(saagieapi.NotFoundError):
        await api.pipelines.run(unknown)
    with pytest.raises(saagieapi.NotFoundError):
        await api.projects.delete(unknown)
    with pytest.raises(saagieapi.GraphQLError) as refused:  # a refusal of another kind stays a GraphQLError only
        await api.projects.create("jobs-demo")
    assert not isinstance(refused.value, saagieapi.NotFoundError)
