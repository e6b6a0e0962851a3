"""One client shared by many threads (sync) or tasks (async) while the platform expires every token.

No call may fail, and each expiry costs exactly one new login: the re-login is serialized and shared.
A call gets one re-login, so the next expiry waits until every worker finished the calls in flight
(real tokens live for hours; the test expires them every few tens of milliseconds).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest

from saagie_emulator import RunningPlatform, running
from saagieapi import SaagieApi

from ..support.platforms import connect, connect_async

EXPIRIES = 4
THREADS = 8
TASKS = 50
MIN_OPS_PER_WORKER = 4


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with running(speed=100.0) as served:
        yield served


@pytest.fixture
def fresh(platform: RunningPlatform) -> RunningPlatform:
    platform.reset()
    platform.set_speed(100.0)
    return platform


def _seed(api: SaagieApi, script: Path) -> tuple[str, str]:
    project = api.projects.create("concurrency")
    job = api.jobs.create("job", project.id, file=script, technology="Python", runtime_version="3.10")
    return project.id, job.id


def test_eight_threads_share_one_client_through_token_expiries(fresh: RunningPlatform, script: Path) -> None:
    with connect(fresh) as api:
        project_id, job_id = _seed(api, script)
        logins_before = fresh.stats.logins
        assert api.transport.login_count == 1
        done = threading.Event()
        errors: list[BaseException] = []
        ops = [0] * THREADS

        def worker(index: int) -> None:
            try:
                while not done.is_set() or ops[index] < MIN_OPS_PER_WORKER:
                    step = ops[index] % 3
                    if step == 0:
                        assert api.projects.get_info(project_id).id == project_id
                    elif step == 1:
                        assert api.jobs.get_info(job_id).id == job_id
                    else:
                        assert [j.id for j in api.jobs.list_for_project_minimal(project_id)] == [job_id]
                    ops[index] += 1
            except BaseException as error:  # collected, then asserted on the main thread
                errors.append(error)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        try:
            for expiry in range(EXPIRIES):
                time.sleep(0.05)
                fresh.expire_tokens()
                deadline = time.monotonic() + 10
                while api.transport.login_count < expiry + 2 and time.monotonic() < deadline:
                    time.sleep(0.005)
                settled = [count + 1 for count in ops]
                while any(now < then for now, then in zip(ops, settled, strict=True)) and time.monotonic() < deadline:
                    time.sleep(0.005)
        finally:
            done.set()
            for thread in threads:
                thread.join(timeout=30)

        assert errors == []
        assert min(ops) >= MIN_OPS_PER_WORKER
        assert api.transport.login_count == 1 + EXPIRIES
        assert fresh.stats.logins - logins_before == EXPIRIES  # the platform saw one login per expiry


@pytest.mark.anyio
async def test_fifty_tasks_share_one_async_client_through_token_expiries(fresh: RunningPlatform, script: Path) -> None:
    with connect(fresh) as sync_api:
        project_id, job_id = _seed(sync_api, script)
    async with connect_async(fresh) as api:
        await api.transport.login()
        logins_before = fresh.stats.logins
        done = anyio.Event()
        ops = [0] * TASKS

        async def worker(index: int) -> None:
            while not done.is_set() or ops[index] < MIN_OPS_PER_WORKER:
                if ops[index] % 2 == 0:
                    assert (await api.jobs.get_info(job_id)).id == job_id
                else:
                    assert (await api.projects.get_info(project_id)).id == project_id
                ops[index] += 1

        async def expire() -> None:
            for expiry in range(EXPIRIES):
                await anyio.sleep(0.15)
                fresh.expire_tokens()
                with anyio.fail_after(10):
                    while api.transport.login_count < expiry + 2:
                        await anyio.sleep(0.005)
                    # A call gets one re-login: let every call that used it end before the next expiry.
                    settled = [count + 1 for count in ops]
                    while any(now < then for now, then in zip(ops, settled, strict=True)):
                        await anyio.sleep(0.005)
            done.set()

        async with anyio.create_task_group() as group:  # any worker error fails the test
            for index in range(TASKS):
                group.start_soon(worker, index)
            group.start_soon(expire)

        assert min(ops) >= MIN_OPS_PER_WORKER
        assert api.transport.login_count == 1 + EXPIRIES
        assert fresh.stats.logins - logins_before == EXPIRIES
