"""Seeds the benchmark platform (with saagieapi 3's async client) and records the floor's payloads."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from saagieapi import AsyncSaagieApi, SaagieApi
from saagieapi.graph_pipeline import GraphPipeline, JobNode

from .platform import EmulatorProcess

__all__ = ["ExportShape", "Seeded", "record_payloads", "seed"]

T = TypeVar("T")
CONCURRENCY = 8
PORT = {"number": 80, "isRewriteUrl": False, "scope": "PROJECT", "name": "web"}


@dataclass(frozen=True)
class ExportShape:
    """The project exported and imported by scenarios 3 and 4."""

    jobs: int = 100
    versions: int = 3
    artifact_kb: int = 256
    apps: int = 20
    pipelines: int = 20
    env_vars: int = 50

    @property
    def artifact_bytes(self) -> int:
        """Size of each artifact file the seeding uploads (whole 64-byte lines)."""
        return self.artifact_kb * 1024 // 64 * 64

    def scaled(self, jobs: int) -> ExportShape:
        """The same project with ``jobs`` jobs and apps, pipelines and variables in the same proportion."""
        factor = jobs / self.jobs
        return ExportShape(
            jobs=jobs,
            versions=self.versions,
            artifact_kb=self.artifact_kb,
            apps=round(self.apps * factor),
            pipelines=round(self.pipelines * factor),
            env_vars=round(self.env_vars * factor),
        )

    def describe(self) -> str:
        return (
            f"{self.jobs} jobs x {self.versions} versions ({self.artifact_kb} KB artifacts), {self.apps} apps, "
            f"{self.pipelines} pipelines, {self.env_vars} env vars"
        )


@dataclass
class Seeded:
    project_id: str = ""
    job_id: str = ""
    listing_job_id: str = ""
    listing_instances: int = 0
    export_project_id: str = ""
    export_project_name: str = ""
    #: jobs in the project -> its id (scale scenario)
    scale_project_ids: dict[int, str] = field(default_factory=dict)
    job_instances: int = 2
    payloads: dict[str, Any] = field(default_factory=dict)


async def _bounded(calls: Iterable[Callable[[], Awaitable[T]]], limit: int = CONCURRENCY) -> list[T]:
    semaphore = asyncio.Semaphore(limit)

    async def one(call: Callable[[], Awaitable[T]]) -> T:
        async with semaphore:
            return await call()

    return list(await asyncio.gather(*(one(call) for call in calls)))


async def _job_with_versions(api: AsyncSaagieApi, project_id: str, name: str, versions: int, artifact: str) -> str:
    job = await api.jobs.create(name, project_id, file=artifact, runtime_version="3.10", command_line="python {file}")
    for number in range(2, versions + 1):
        await api.jobs.upgrade(job.id, file=artifact, release_note=f"version {number}")
    return job.id


async def _seed(
    platform: EmulatorProcess,
    listing_instances: int,
    shape: ExportShape | None,
    scale_shapes: tuple[ExportShape, ...],
    work: str,
) -> Seeded:
    conn = platform.connection()
    seeded = Seeded(listing_instances=listing_instances)
    async with AsyncSaagieApi(conn["url"], conn["platform_id"], conn["user"], conn["password"], conn["realm"]) as api:
        small = os.path.join(work, "small_job.py")
        with open(small, "w") as stream:
            stream.write("print('benchmark')\n")
        seeded.project_id = (await api.projects.create("bench")).id
        seeded.job_id = await _job_with_versions(api, seeded.project_id, "bench-job", 3, small)
        platform.control("job-instances", {"job_id": seeded.job_id, "count": seeded.job_instances})
        listing = await api.jobs.create("bench-listing", seeded.project_id, file=small, runtime_version="3.10")
        seeded.listing_job_id = listing.id
        platform.control("job-instances", {"job_id": listing.id, "count": listing_instances})
        if shape is not None:
            seeded.export_project_name = "bench-export"
            seeded.export_project_id = await _seed_export(api, shape, work, seeded.export_project_name)
        for scale in scale_shapes:
            name = f"bench-scale-{scale.jobs}"
            seeded.scale_project_ids[scale.jobs] = await _seed_export(api, scale, work, name)
    return seeded


async def _seed_export(api: AsyncSaagieApi, shape: ExportShape, work: str, name: str) -> str:
    project_id = (await api.projects.create(name, description="exported by the benchmarks")).id
    artifact = os.path.join(work, f"artifact-{shape.artifact_kb}.py")
    with open(artifact, "wb") as stream:
        line = b"# " + b"x" * 61 + b"\n"
        stream.write(line * (shape.artifact_kb * 1024 // len(line)))
    job_ids = await _bounded(
        (lambda i=i: _job_with_versions(api, project_id, f"job-{i:03d}", shape.versions, artifact))
        for i in range(shape.jobs)
    )
    await _bounded(
        (lambda i=i: api.apps.create_from_scratch(project_id, f"app-{i:02d}", image="nginx:1.25", exposed_ports=[PORT]))
        for i in range(shape.apps)
    )

    async def pipeline(index: int) -> Any:
        graph = GraphPipeline()
        first, second = JobNode(job_ids[index % len(job_ids)]), JobNode(job_ids[(index + 1) % len(job_ids)])
        first.add_next_node(second)
        graph.add_root_node(first)
        return await api.pipelines.create_graph(f"pipeline-{index:02d}", project_id, graph, alias=f"pipeline_{index}")

    await _bounded((lambda i=i: pipeline(i)) for i in range(shape.pipelines))
    await _bounded(
        (lambda i=i: api.env_vars.create("PROJECT", f"VAR_{i:02d}", f"value-{i}", project_id=project_id))
        for i in range(shape.env_vars)
    )
    return project_id


def seed(
    platform: EmulatorProcess,
    *,
    listing_instances: int,
    shape: ExportShape | None,
    scale_shapes: tuple[ExportShape, ...] = (),
) -> Seeded:
    """Create the scenarios' data at 0 ms latency; return the ids the clients need."""
    with tempfile.TemporaryDirectory(prefix="saagie-bench-seed-") as work:
        seeded = asyncio.run(_seed(platform, listing_instances, shape, scale_shapes, work))
    seeded.payloads = record_payloads(platform, seeded.job_id)
    return seeded


def record_payloads(platform: EmulatorProcess, job_id: str) -> dict[str, Any]:
    """The GraphQL bodies saagieapi 3 sends for projects.list() and jobs.get_info(), for the raw httpx floor."""
    bodies: list[bytes] = []

    def record(request: httpx.Request) -> None:
        if request.url.path.endswith("/graphql"):
            bodies.append(request.read())

    conn = platform.connection()
    http = httpx.Client(event_hooks={"request": [record]})
    with (
        http,
        SaagieApi(
            conn["url"], conn["platform_id"], conn["user"], conn["password"], conn["realm"], http_client=http
        ) as api,
    ):
        api.projects.list()
        list_body = json.loads(bodies[-1])
        api.jobs.get_info(job_id)
        job_body = json.loads(bodies[-1])
    return {"list_projects": list_body, "get_job": job_body}
