"""What each benchmark run must have produced: a wrong result fails the benchmark instead of being timed.

The checks read the outcome independently of the client that produced it: the export folder on disk, the
imported project through the SDK, the counts the client returned against what the seeding created.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "BenchmarkResultError",
    "ExportFacts",
    "ImportFacts",
    "check_export",
    "check_figures",
    "check_import",
    "expected_export_files",
    "expected_import",
]


class BenchmarkResultError(RuntimeError):
    """A timed run produced a wrong result: the benchmark stops, nothing of that run is reported."""


def _expect(what: str, expected: Any, actual: Any) -> None:
    if expected != actual:
        raise BenchmarkResultError(f"{what}: expected {expected!r}, got {actual!r}")


def check_figures(label: str, figures: Mapping[str, Any], expected: Mapping[str, Any]) -> None:
    """The facts a client reported about its own result (counts, ok flags) equal the expected ones."""
    for key, value in expected.items():
        _expect(f"{label}: {key}", value, figures.get(key))


@dataclass(frozen=True)
class ExportFacts:
    files: int
    bytes: int
    artifact_bytes: int


def expected_export_files(*, jobs: int, versions: int, apps: int, pipelines: int, env_vars: int) -> int:
    """Files of the 2.x export layout: project.json, one JSON per job, app, pipeline and variable, one artifact
    per job version."""
    return 1 + jobs * (1 + versions) + apps + pipelines + env_vars


def check_export(folder: Path, *, jobs: int, versions: int, artifact_bytes: int, apps: int, pipelines: int,
                 env_vars: int, label: str) -> ExportFacts:  # fmt: skip
    """Count the files and bytes of an export and check them against the seeded project."""
    files = 0
    total = 0
    artifacts = 0
    project_json: list[Path] = []
    for root, _, names in os.walk(folder):
        for name in names:
            path = Path(root, name)
            size = path.stat().st_size
            files += 1
            total += size
            if path.parent.parent.name == "version":
                artifacts += size
            if name == "project.json":
                project_json.append(path)
    expected_files = expected_export_files(
        jobs=jobs, versions=versions, apps=apps, pipelines=pipelines, env_vars=env_vars
    )
    _expect(f"{label}: files exported", expected_files, files)
    _expect(f"{label}: artifact bytes exported", jobs * versions * artifact_bytes, artifacts)
    _expect(f"{label}: project.json files", 1, len(project_json))
    json.loads(project_json[0].read_text())  # a truncated or empty file fails here
    return ExportFacts(files=files, bytes=total, artifact_bytes=artifacts)


@dataclass(frozen=True)
class ImportFacts:
    jobs: int
    job_versions: int
    apps: int
    pipelines: int
    env_vars: int


def expected_import(
    client: str, *, jobs: int, versions: int, apps: int, pipelines: int, env_vars: int
) -> dict[str, int]:
    """What an import of the seeded project creates. 2.13.1 creates each job from its current version only, and
    never imports project variables (its export writes ``variable.json``, its import reads ``env_var.json``)."""
    if client == "saagieapi2":
        versions, env_vars = 1, 0
    return {"jobs": jobs, "versions": versions, "apps": apps, "pipelines": pipelines, "env_vars": env_vars}


def check_import(api: Any, project_name: str, *, jobs: int, versions: int, apps: int, pipelines: int,
                 env_vars: int, label: str) -> ImportFacts:  # fmt: skip
    """Count what the import created in the platform (through the SDK) and check it against the export."""
    matches = [project for project in api.projects.list() if project.name == project_name]
    _expect(f"{label}: projects named {project_name!r}", 1, len(matches))
    project_id = matches[0].id
    found_jobs = api.jobs.list_for_project(project_id, instances_limit=0, versions_limit=None)
    version_counts = sorted({len(job.versions or []) for job in found_jobs})
    facts = ImportFacts(
        jobs=len(found_jobs),
        job_versions=sum(len(job.versions or []) for job in found_jobs),
        apps=len(api.apps.list_for_project_minimal(project_id)),
        pipelines=len(api.pipelines.list_for_project_minimal(project_id)),
        env_vars=len(api.env_vars.list("PROJECT", project_id=project_id, scope_only=True)),
    )
    _expect(f"{label}: jobs imported", jobs, facts.jobs)
    _expect(f"{label}: versions per imported job", [versions] if jobs else [], version_counts)
    _expect(f"{label}: apps imported", apps, facts.apps)
    _expect(f"{label}: pipelines imported", pipelines, facts.pipelines)
    _expect(f"{label}: project env vars imported", env_vars, facts.env_vars)
    return facts
