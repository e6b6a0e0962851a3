"""A mixed workload of 1,000 operations against a platform that misbehaves on ~20% of requests.

Faults (emulator, seeded): HTTP 429 with Retry-After, 500/502/503, dropped connections, latency spikes
and expired tokens, all injected *before* the platform executes anything. So a correct client may retry a
query freely, may retry a mutation only on 429 or when the connection never opened, and must raise a
typed error otherwise. The accounting is exact:

* every operation either returns or raises a :class:`SaagieError` (anything else fails the test);
* every mutation issued (recorded at the transport) either succeeded, or raised a typed error;
* the platform's count of executed mutations equals the successful ones plus those it refused with a
  GraphQL error (executed, no effect); a mutation failing with any other typed error never ran (checked on
  the platform's state, entity by entity): nothing created twice, no job run twice, nothing lost.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from saagie_emulator import running
from saagieapi import SaagieApi
from saagieapi._http import operation_kind
from saagieapi.errors import SaagieError

OPERATIONS = 1000
FAULTS = {
    "drop_rate": 0.04,
    "fault_rate": 0.13,
    "fault_statuses": [429, 500, 502, 503],
    "retry_after_seconds": 1,
    "expired_token_rate": 0.04,
    "spike_rate": 0.02,
    "spike_ms": 120.0,
    "seed": 20240611,
}
SLEEP_SCALE = 0.01  # the client's backoff delays are recorded at full value, slept at 1%


def test_mixed_workload_under_faults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    script = tmp_path / "job.py"
    script.write_text("print('hi')\n")
    delays: list[float] = []

    def fast_sleep(seconds: float) -> None:
        delays.append(seconds)
        time.sleep(seconds * SLEEP_SCALE)

    monkeypatch.setattr("saagieapi._sync.transport.sync_sleep", fast_sleep)
    rng = random.Random(7)

    with (
        running(speed=1000.0) as platform,
        SaagieApi(
            platform.url, platform.platform_id, platform.user, platform.password, platform.realm, retries=4, timeout=10
        ) as api,
    ):
        project_id = api.projects.create("faults").id
        api.get_repositories_info()  # the catalog cache, warmed without faults

        issued: list[list[Any]] = []  # [operation name, outcome]
        execute = api.transport.execute_graphql

        def recording(**kwargs: Any) -> dict[str, Any]:
            if operation_kind(kwargs["query"]) != "mutation":
                return execute(**kwargs)
            entry: list[Any] = [kwargs.get("operation_name"), None]
            issued.append(entry)
            try:
                result = execute(**kwargs)
            except SaagieError as error:
                entry[1] = type(error).__name__
                raise
            entry[1] = "ok"
            return result

        monkeypatch.setattr(api.transport, "execute_graphql", recording)
        executed_before = platform.stats.mutations_executed
        logins_before = api.transport.login_count
        platform.faults.configure(**FAULTS)

        live: dict[str, str] = {}  # job name -> id, for jobs created (and not deleted) successfully
        created_ok: set[str] = set()
        create_failed: set[str] = set()
        deleted_ok: set[str] = set()
        runs_ok: Counter[str] = Counter()
        upgrades_ok: Counter[str] = Counter()
        outcomes: Counter[tuple[str, str]] = Counter()

        for index in range(OPERATIONS):
            roll = rng.random()
            name = rng.choice(sorted(live)) if live else None
            if name is None or roll < 0.15:
                kind = "create"
            elif roll < 0.55:
                kind = "read"
            elif roll < 0.75:
                kind = "run"
            elif roll < 0.88:
                kind = "upgrade"
            else:
                kind = "delete"
            try:
                if kind == "create":
                    name = f"job-{index}"
                    job = api.jobs.create(name, project_id, file=script, technology="Python", runtime_version="3.10")
                    live[name] = job.id
                    created_ok.add(name)
                elif kind == "read":
                    assert name is not None
                    step = index % 3
                    if step == 0:
                        assert api.jobs.get_info(live[name]).name == name
                    elif step == 1:
                        assert name in {j.name for j in api.jobs.list_for_project_minimal(project_id)}
                    else:
                        assert api.projects.get_info(project_id).id == project_id
                elif kind == "run":
                    assert name is not None
                    api.jobs.run(live[name])
                    runs_ok[name] += 1
                elif kind == "upgrade":
                    assert name is not None
                    api.jobs.upgrade(live[name], file=script, release_note=f"op {index}")
                    upgrades_ok[name] += 1
                else:
                    assert name is not None
                    assert api.jobs.delete(live[name]) is True
                    deleted_ok.add(name)
                    del live[name]
                outcomes[kind, "ok"] += 1
            except SaagieError as error:
                outcomes[kind, type(error).__name__] += 1
                if kind == "create":
                    create_failed.add(name or "")

        faults = platform.faults.settings()["injected"]
        platform.faults.reset()
        executed = platform.stats.mutations_executed - executed_before
        executed_by_name = platform.stats.snapshot()["mutations"]
        data = platform.emulator.store.data
        jobs_by_name = Counter(job.name for job in data.jobs.values() if job.project_id == project_id)
        jobs = {job.name: job for job in data.jobs.values() if job.project_id == project_id}
        instances = Counter(instance.job_id for instance in data.job_instances.values())

    succeeded = sum(1 for _, outcome in issued if outcome == "ok")
    # A GraphQL error is the platform's answer: it executed the mutation and refused it (e.g. deleting a job
    # with an unfinished run). Any other typed error means the mutation never ran (all faults strike first).
    refused = sum(1 for _, outcome in issued if outcome == "GraphQLError")
    failed = [entry for entry in issued if entry[1] not in ("ok", "GraphQLError")]
    requests_faulted = sum(faults.values())
    report = {
        "operations": OPERATIONS,
        "outcomes": dict(sorted((f"{k}:{o}", n) for (k, o), n in outcomes.items())),
        "faults_injected": faults,
        "faults_total": requests_faulted,
        "retries_observed": len(delays),
        "retry_after_honoured": sum(1 for d in delays if d == FAULTS["retry_after_seconds"]),
        "relogins": api.transport.login_count - logins_before,
        "mutations_issued": len(issued),
        "mutations_succeeded": succeeded,
        "mutations_refused_by_platform": refused,
        "mutations_failed_typed_not_executed": len(failed),
        "mutations_executed": executed,
        "executed_by_operation": executed_by_name,
    }
    print("\nfault workload:", report)

    assert sum(outcomes.values()) == OPERATIONS
    assert all(outcome is not None for _, outcome in issued)  # every issued mutation ended, typed
    # Nothing ran twice and nothing is lost: what ran is exactly what the client was told succeeded.
    assert executed == succeeded + refused, report
    assert all(count == 1 for count in jobs_by_name.values()), "a job was created twice"
    assert set(jobs) == created_ok - deleted_ok  # failed creates and failed or refused deletes changed nothing
    assert not (create_failed & set(jobs))
    for name, job in jobs.items():
        assert instances[job.id] == runs_ok[name], f"{name}: runs executed != runs that succeeded"
        assert len(job.versions) == 1 + upgrades_ok[name], f"{name}: versions != 1 + upgrades that succeeded"
    # The faults were real and plentiful, and the client recovered from most of them.
    assert requests_faulted >= 200 and {"429", "500", "502", "503", "drop", "expire", "spike"} <= set(faults)
    assert report["retries_observed"] >= 100 and report["retry_after_honoured"] > 0 and report["relogins"] > 0
    assert outcomes["read", "ok"] >= 0.97 * sum(n for (k, _), n in outcomes.items() if k == "read")
    assert len(issued) >= 500 and len(failed) > 0
