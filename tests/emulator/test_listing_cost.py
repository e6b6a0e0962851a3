"""Listings whose fields would repeat a scan per listed object compute it once per request (no timing).

``overriddenValues`` of each listed variable needs the variables its entity sees; ``packageInfo`` of each job
version needs the version's job. Done per object, a listing of n objects scanned every variable (or job) n
times: a project of 1,000 jobs was 10x slower per job to export than one of 100.
"""

from __future__ import annotations

from typing import Any

import pytest

from saagie_emulator.backend.env_vars import EnvVarsBackend
from saagie_emulator.backend.jobs import JobsBackend

from .conftest import Client

VARIABLES = 25


def _counting(monkeypatch: pytest.MonkeyPatch, cls: type, name: str) -> list[Any]:
    calls: list[Any] = []
    original = getattr(cls, name)

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return calls


def test_variables_listed_with_their_overridden_values_scan_once(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = client.project()
    saved = [("GLOBAL", f"V{index}") for index in range(5)] + [("PROJECT", f"V{index}") for index in range(VARIABLES)]
    for scope, name in saved:  # V0-V4 exist in both scopes: the project's override the global ones
        client.gql(
            "mutation($p: UUID, $v: EnvironmentVariableInput!) { saveEnvironmentVariable(entityId: $p, "
            "environmentVariable: $v) { id } }",
            {
                "p": None if scope == "GLOBAL" else project,
                "v": {"name": name, "scope": scope, "value": f"{scope} {name}", "isPassword": False},
            },
        )
    visible = _counting(monkeypatch, EnvVarsBackend, "visible")
    data = client.gql(
        "query($p: UUID!) { projectEnvironmentVariables(projectId: $p) { name scope overriddenValues { value } } }",
        {"p": project},
    )
    listed = data["projectEnvironmentVariables"]
    assert len(listed) > 10
    overridden = {v["name"]: v["overriddenValues"] for v in listed if v["scope"] == "PROJECT"}
    assert overridden["V0"] == [{"value": "GLOBAL V0"}] and overridden["V7"] == []
    assert len(visible) <= 2  # the listing itself, then once for the project's variables: not once per variable


def test_job_versions_find_their_job_without_scanning_the_jobs(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    project = client.project()
    job = client.job(project, "versioned")
    owner_scans = _counting(monkeypatch, JobsBackend, "owner_of_version")
    data = client.gql(
        "query($j: UUID!) { job(id: $j) { versions { number packageInfo { name } deletableState { deletable } } } }",
        {"j": job},
    )
    assert data["job"]["versions"]
    assert owner_scans == []  # the job listing its versions is their job
