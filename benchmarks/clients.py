"""One benchmark scenario run by one client, in a fresh process; prints one JSON line of figures.

Usage: ``<python> -I benchmarks/clients.py '<json config>'``. The same file runs under this repository's
interpreter (clients ``ours``, ``ours_async``, ``floor``) and under saagieapi 2.13.1's own interpreter
(client ``saagieapi2``); it imports only the library of the client it runs, and nothing from this
repository by path, so 2.13.1 never sees saagieapi 3. Client CPU is ``getrusage(RUSAGE_SELF)`` user+sys of
this process; peak memory is its ``VmHWM`` (peak resident set); the same code measures every client.
"""

from __future__ import annotations

import time

T_START = time.perf_counter()

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
    raise RuntimeError(f"no {field} in /proc/self/status")


def peak_rss_mb() -> float:
    """Peak resident memory of this process (``VmHWM``; ``ru_maxrss`` would include the parent's before exec)."""
    return _status_mb("VmHWM")


def current_rss_mb() -> float:
    return _status_mb("VmRSS")


# ------------------------------------------------------------------------------------------- clients
class Ours:
    """saagieapi 3, synchronous."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        from saagieapi import SaagieApi

        self.api = SaagieApi(cfg["url"], cfg["platform_id"], cfg["user"], cfg["password"], cfg["realm"])

    def list_projects(self) -> int:
        return len(self.api.projects.list())

    def get_job(self, job_id: str) -> int:
        return len(self.api.jobs.get_info(job_id).instances or [])

    def export_project(self, project_id: str, folder: str) -> Any:
        return self.api.projects.export(project_id, folder)

    def import_project(self, folder: str) -> Any:
        return self.api.projects.import_from_json(folder)

    def close(self) -> None:
        self.api.close()


class OursAsync:
    """saagieapi 3, asynchronous (each call in one event loop kept for the whole run)."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        import asyncio

        from saagieapi import AsyncSaagieApi

        self.loop = asyncio.new_event_loop()
        self.api = AsyncSaagieApi(cfg["url"], cfg["platform_id"], cfg["user"], cfg["password"], cfg["realm"])

    def list_projects(self) -> int:
        return len(self.loop.run_until_complete(self.api.projects.list()))

    def get_job(self, job_id: str) -> int:
        return len(self.loop.run_until_complete(self.api.jobs.get_info(job_id)).instances or [])

    def get_job_many(self, job_id: str, calls: int) -> int:
        async def many() -> int:
            seen = 0
            for _ in range(calls):
                seen += len((await self.api.jobs.get_info(job_id)).instances or [])
            return seen

        return self.loop.run_until_complete(many())

    def export_project(self, project_id: str, folder: str) -> Any:
        return self.loop.run_until_complete(self.api.projects.export(project_id, folder))

    def import_project(self, folder: str) -> Any:
        return self.loop.run_until_complete(self.api.projects.import_from_json(folder))

    def close(self) -> None:
        self.loop.run_until_complete(self.api.aclose())
        self.loop.close()


class OursIter(Ours):
    """saagieapi 3, synchronous, walking the instances with ``jobs.iter_instances`` (counted, one page held)."""

    def get_job(self, job_id: str) -> int:
        return sum(1 for _ in self.api.jobs.iter_instances(job_id))


class OursAsyncIter(OursAsync):
    """saagieapi 3, asynchronous, walking the instances with ``jobs.iter_instances`` (counted, one page held)."""

    def get_job(self, job_id: str) -> int:
        async def count() -> int:
            walked = 0
            async for _ in self.api.jobs.iter_instances(job_id):
                walked += 1
            return walked

        return self.loop.run_until_complete(count())


class Saagieapi2:
    """saagieapi 2.13.1 from PyPI (gql + requests), in its own virtual environment."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        import logging

        from saagieapi import SaagieApi

        self.api = SaagieApi(
            url_saagie=cfg["url"],
            id_platform=str(cfg["platform_id"]),
            user=cfg["user"],
            password=cfg["password"],
            realm=cfg["realm"],
        )
        logging.disable(logging.INFO)  # 2.x configures the root logger at INFO; keep stderr quiet

    def list_projects(self) -> int:
        return len(self.api.projects.list()["projects"])

    def get_job(self, job_id: str) -> int:
        return len(self.api.jobs.get_info(job_id)["job"]["instances"])

    def export_project(self, project_id: str, folder: str) -> Any:
        return self.api.projects.export(project_id, folder)

    def import_project(self, folder: str) -> Any:
        return self.api.projects.import_from_json(folder)

    def close(self) -> None:
        pass


class Floor:
    """Raw httpx: one pooled connection, the same GraphQL payloads as ours, ``response.json()`` and nothing else."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        import httpx

        self.cfg = cfg
        self.http = httpx.Client(timeout=60)
        base = cfg["url"].rstrip("/")
        token = self.http.post(
            f"{base}/authentication/api/open/authenticate",
            json={"login": cfg["user"], "password": cfg["password"]},
            headers={"Saagie-Realm": cfg["realm"]},
        ).text
        self.headers = {"Authorization": f"Bearer {token}", "Saagie-Realm": cfg["realm"]}
        self.graphql = f"{base}/projects/api/platform/{cfg['platform_id']}/graphql"

    def _post(self, payload: dict[str, Any]) -> Any:
        response = self.http.post(self.graphql, json=payload, headers=self.headers)
        response.raise_for_status()
        body = response.json()
        if body.get("errors"):
            raise RuntimeError(body["errors"])
        return body["data"]

    def list_projects(self) -> int:
        return len(self._post(self.cfg["payloads"]["list_projects"])["projects"])

    def get_job(self, job_id: str) -> int:
        payload = dict(self.cfg["payloads"]["get_job"])
        payload["variables"] = {**payload["variables"], "jobId": job_id}
        return len(self._post(payload)["job"]["instances"])

    def close(self) -> None:
        self.http.close()


class FloorAsync:
    """Raw ``httpx.AsyncClient``: the floor of the asynchronous client (same payloads, one event loop)."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        import asyncio

        import httpx

        self.cfg = cfg
        self.loop = asyncio.new_event_loop()
        self.http = httpx.AsyncClient(timeout=60)
        base = cfg["url"].rstrip("/")
        token = self.loop.run_until_complete(
            self.http.post(
                f"{base}/authentication/api/open/authenticate",
                json={"login": cfg["user"], "password": cfg["password"]},
                headers={"Saagie-Realm": cfg["realm"]},
            )
        ).text
        self.headers = {"Authorization": f"Bearer {token}", "Saagie-Realm": cfg["realm"]}
        self.graphql = f"{base}/projects/api/platform/{cfg['platform_id']}/graphql"

    async def _post(self, payload: dict[str, Any]) -> Any:
        response = await self.http.post(self.graphql, json=payload, headers=self.headers)
        response.raise_for_status()
        body = response.json()
        if body.get("errors"):
            raise RuntimeError(body["errors"])
        return body["data"]

    def _job_payload(self, job_id: str) -> dict[str, Any]:
        payload = dict(self.cfg["payloads"]["get_job"])
        payload["variables"] = {**payload["variables"], "jobId": job_id}
        return payload

    def list_projects(self) -> int:
        return len(self.loop.run_until_complete(self._post(self.cfg["payloads"]["list_projects"]))["projects"])

    def get_job(self, job_id: str) -> int:
        return len(self.loop.run_until_complete(self._post(self._job_payload(job_id)))["job"]["instances"])

    def get_job_many(self, job_id: str, calls: int) -> int:
        async def many() -> int:
            seen = 0
            for _ in range(calls):
                seen += len((await self._post(self._job_payload(job_id)))["job"]["instances"])
            return seen

        return self.loop.run_until_complete(many())

    def close(self) -> None:
        self.loop.run_until_complete(self.http.aclose())
        self.loop.close()


CLIENTS = {
    "ours": Ours,
    "ours_async": OursAsync,
    "ours_iter": OursIter,
    "ours_async_iter": OursAsyncIter,
    "saagieapi2": Saagieapi2,
    "floor": Floor,
    "floor_async": FloorAsync,
}


# ----------------------------------------------------------------------------------------- scenarios
def cold_start(cfg: dict[str, Any]) -> dict[str, Any]:
    """Import, connect, first projects.list() (the parent also times the whole process)."""
    client = CLIENTS[cfg["client"]](cfg)
    count = client.list_projects()
    figures = {"in_process_s": time.perf_counter() - T_START, "cpu_s": cpu_seconds(), "projects": count}
    client.close()
    return figures


def get_info(cfg: dict[str, Any]) -> dict[str, Any]:
    """``calls`` sequential jobs.get_info after a warm-up; client CPU per call; the instances seen, counted."""
    client = CLIENTS[cfg["client"]](cfg)
    job_id, calls = cfg["job_id"], int(cfg["calls"])
    for _ in range(int(cfg.get("warmup", 10))):
        client.get_job(job_id)
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    if isinstance(client, (OursAsync, FloorAsync)):
        seen = client.get_job_many(job_id, calls)
    else:
        seen = 0
        for _ in range(calls):
            seen += client.get_job(job_id)
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    client.close()
    return {
        "cpu_per_call_ms": cpu / calls * 1000,
        "wall_per_call_ms": wall / calls * 1000,
        "calls": calls,
        "instances_seen": seen,
    }


def listing(cfg: dict[str, Any]) -> dict[str, Any]:
    """One jobs.get_info of a job with thousands of instances (``ours*_iter``: one walk with jobs.iter_instances,
    counting them): wall time and peak memory of the process."""
    client = CLIENTS[cfg["client"]](cfg)
    client.list_projects()  # connected (and, for 2.x, the schema fetched) before the measure
    rss_before = current_rss_mb()
    wall0 = time.perf_counter()
    count = client.get_job(cfg["job_id"])
    wall = time.perf_counter() - wall0
    peak = peak_rss_mb()
    client.close()
    return {"wall_s": wall, "peak_rss_mb": peak, "peak_rss_growth_mb": peak - rss_before, "instances": count}


def _ok(result: Any) -> bool:
    """2.13.1 returns True/False; ours a result object with ``ok``."""
    return bool(result.ok) if hasattr(result, "ok") else result is True


def export_project(cfg: dict[str, Any]) -> dict[str, Any]:
    client = CLIENTS[cfg["client"]](cfg)
    client.list_projects()
    rss_before = current_rss_mb()
    wall0 = time.perf_counter()
    result = client.export_project(cfg["project_id"], cfg["folder"])
    wall = time.perf_counter() - wall0
    peak = peak_rss_mb()
    client.close()
    return {"wall_s": wall, "peak_rss_mb": peak, "peak_rss_growth_mb": peak - rss_before, "ok": _ok(result)}


def import_project(cfg: dict[str, Any]) -> dict[str, Any]:
    client = CLIENTS[cfg["client"]](cfg)
    client.list_projects()
    rss_before = current_rss_mb()
    wall0 = time.perf_counter()
    result = client.import_project(cfg["folder"])
    wall = time.perf_counter() - wall0
    peak = peak_rss_mb()
    client.close()
    return {"wall_s": wall, "peak_rss_mb": peak, "peak_rss_growth_mb": peak - rss_before, "ok": _ok(result)}


SCENARIOS = {
    "cold_start": cold_start,
    "get_info": get_info,
    "listing": listing,
    "export": export_project,
    "import": import_project,
}


def main() -> None:
    cfg = json.loads(sys.argv[1])
    figures = SCENARIOS[cfg["scenario"]](cfg)
    sys.stdout.write("BENCH:" + json.dumps(figures) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
