# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""``jobs.iter_instances`` / ``pipelines.iter_instances``: every instance once, in order, one request per page.

The job's 1,200 instances are created through the emulator's ``/_emulator/job-instances`` control.
"""

from __future__ import annotations

import collections
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi.errors import GraphQLError, InvalidInputError, NotFoundError
from saagieapi.graph_pipeline import GraphPipeline, JobNode

from ...support.platforms import connect

INSTANCES = 1200
PIPELINE_RUNS = 5
MISSING = "00000000-0000-0000-0000-000000000000"


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=1000.0) as running:
        yield running


@pytest.fixture(scope="module")
def seeded(platform: RunningPlatform, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A job with 1,200 finished instances and a pipeline run 5 times; their instance ids, most recent first (set
    up once per module with the sync client: a module-scoped fixture cannot be async)."""
    script = tmp_path_factory.mktemp("paging") / "job.py"
    script.write_text("print('paging')\n")
    with connect(platform) as api:
        project_id = api.projects.create("paging").id
        job = api.jobs.create("listed", project_id, str(script), runtime_version="3.10")
        platform.control("job-instances", {"job_id": job.id, "count": INSTANCES})
        graph = GraphPipeline()
        step = api.jobs.create("step", project_id, str(script), runtime_version="3.10")
        graph.add_root_node(JobNode(step.id))
        pipeline = api.pipelines.create_graph("paged", project_id, graph, alias="paged")
        for _ in range(PIPELINE_RUNS):
            api.pipelines.run(pipeline.id)
        job_instances = api.jobs.get_info(job.id).instances or []
        pipeline_instances = api.pipelines.get_info(pipeline.id).instances or []
    assert len(job_instances) == INSTANCES and len(pipeline_instances) == PIPELINE_RUNS
    return {
        "job_id": job.id,
        "pipeline_id": pipeline.id,
        "job_instances": [i.id for i in job_instances],
        "pipeline_instances": [i.id for i in pipeline_instances],
    }


def _recorder() -> tuple[collections.Counter[str], Callable[[httpx.Request], None]]:
    calls: collections.Counter[str] = collections.Counter()

    def record(request: httpx.Request) -> None:
        if request.url.path.endswith("/graphql"):
            calls[json.loads(request.read()).get("operationName") or "?"] += 1

    return calls, record


@pytest.mark.parametrize(("page_size", "requests"), [(500, 3), (400, 4), (5000, 1)])
def test_job_instances_paged(platform: RunningPlatform, seeded: dict[str, Any], page_size: int, requests: int) -> None:
    calls, record = _recorder()

    def hook(request: httpx.Request) -> None:
        record(request)

    with (
        httpx.Client(event_hooks={"request": [hook]}) as http,
        connect(platform, http_client=http) as api,
    ):
        api.projects.list()  # logged in before counting
        calls.clear()
        walked = api.jobs.iter_instances(seeded["job_id"], page_size=page_size)
        assert calls == {}  # nothing is sent before the first item is asked for
        ids = [instance.id for instance in walked]
    # 1,200 = 500 + 500 + 200 (a short page ends the walk); = 3 x 400 + an empty page; = one short page
    assert ids == seeded["job_instances"]
    assert len(set(ids)) == INSTANCES
    assert calls == {"ListJobInstancesPage": requests}


def test_job_instances_after_the_first_page_are_requested_ahead(
    platform: RunningPlatform, seeded: dict[str, Any]
) -> None:
    """The first page tells the number of instances: the next pages are on their way together (a few at a
    time), not one round trip each; every instance still comes once, in order."""
    spans: list[tuple[float, float]] = []
    sent: dict[int, float] = {}

    def started(request: httpx.Request) -> None:
        if request.url.path.endswith("/graphql"):
            sent[id(request)] = time.perf_counter()

    def answered(response: httpx.Response) -> None:
        if id(response.request) in sent:
            spans.append((sent.pop(id(response.request)), time.perf_counter()))

    with (
        httpx.Client(event_hooks={"request": [started], "response": [answered]}) as http,
        connect(platform, http_client=http) as api,
    ):
        api.projects.list()
        spans.clear()
        ids = [instance.id for instance in api.jobs.iter_instances(seeded["job_id"], page_size=100)]
    assert ids == seeded["job_instances"]
    assert len(spans) == 13  # 12 full pages and the empty one that ends the walk
    overlapping = max(sum(1 for start, end in spans if start <= moment < end) for moment, _ in spans)
    assert overlapping > 1  # several page requests were under way at once


def test_job_instances_most_recent_first(platform: RunningPlatform, seeded: dict[str, Any]) -> None:
    with connect(platform) as api:
        numbers = [instance.number for instance in api.jobs.iter_instances(seeded["job_id"], page_size=300)]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) == INSTANCES


def test_pipeline_instances_paged(platform: RunningPlatform, seeded: dict[str, Any]) -> None:
    calls, record = _recorder()

    def hook(request: httpx.Request) -> None:
        record(request)

    with (
        httpx.Client(event_hooks={"request": [hook]}) as http,
        connect(platform, http_client=http) as api,
    ):
        api.projects.list()
        calls.clear()
        ids = [instance.id for instance in api.pipelines.iter_instances(seeded["pipeline_id"], page_size=2)]
        assert calls == {"ListPipelineInstancesPage": 3}  # 2 + 2 + 1
        calls.clear()
        full_page = [i.id for i in api.pipelines.iter_instances(seeded["pipeline_id"], page_size=5)]
        assert calls == {"ListPipelineInstancesPage": 2}  # a full page of 5, then an empty one
    assert ids == full_page == seeded["pipeline_instances"]


def test_paging_errors(platform: RunningPlatform, seeded: dict[str, Any]) -> None:
    with connect(platform) as api:
        for bad in (0, -1, 2.5, True, "10"):
            with pytest.raises(InvalidInputError, match="page_size"):
                api.jobs.iter_instances(seeded["job_id"], page_size=bad)  # type: ignore[arg-type]
            with pytest.raises(InvalidInputError, match="page_size"):
                api.pipelines.iter_instances(seeded["pipeline_id"], page_size=bad)  # type: ignore[arg-type]
        with pytest.raises((NotFoundError, GraphQLError)):  # as jobs.get_info(MISSING)
            next(iter(api.jobs.iter_instances(MISSING)))
        with pytest.raises((NotFoundError, GraphQLError)):  # as pipelines.get_info(MISSING)
            [i for i in api.pipelines.iter_instances(MISSING)]


def test_skipped_when_the_head_moves(platform: RunningPlatform, seeded: dict[str, Any], tmp_path: Path) -> None:
    """New instances during the walk shift the later pages: the repeated ones are not yielded twice."""
    script = tmp_path / "job.py"
    script.write_text("print('moving')\n")
    with connect(platform) as api:
        project_id = api.projects.get_id("paging")
        job = api.jobs.create("moving", project_id, str(script), runtime_version="3.10")
        platform.control("job-instances", {"job_id": job.id, "count": 10})
        walked = api.jobs.iter_instances(job.id, page_size=4)
        first = [(next(walked)).id for _ in range(4)]
        api.jobs.run(job.id)  # one more at the head: the second page now starts with the 4th item
        rest = [instance.id for instance in walked]
        assert len(first + rest) == len(set(first + rest)) == 10
