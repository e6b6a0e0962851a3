# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""The methods 2.x never had, beyond logs, against the emulator over real HTTP: versions by number and their major
flag, counts, job categories, project reports, users by realm, a job's variables, the gateway's technology
look-ups and facets, moving a pipeline."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi
from saagieapi.graph_pipeline import GraphPipeline, JobNode
from saagieapi.models import AppTechnology, JobTechnology

from ._graph_support import create_job, create_project, unique

PORT = {"number": 80, "isRewriteUrl": False, "scope": "PROJECT"}


@pytest.fixture
def project_id(api: SaagieApi) -> str:
    return (api.projects.create("new-in-3x")).id


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "etl.py"
    path.write_text("print('hello')\n")
    return path


def test_job_versions_categories_counts_variables(api: SaagieApi, project_id: str, script: Path) -> None:
    job = api.jobs.create("etl", project_id, file=script, command_line="python {file}")
    api.jobs.upgrade(job.id, command_line="python {file} --v2")

    assert (api.jobs.get_version(job.id, 2)).command_line == "python {file} --v2"
    assert (api.jobs.get_version(job.id, "1")).command_line == "python {file}"
    with pytest.raises(saagieapi.NotFoundError):
        api.jobs.get_version(job.id, 9)
    assert (api.jobs.set_major_version(job.id, 1)).is_major is True
    assert (api.jobs.get_version(job.id, 1)).is_major is True
    assert (api.jobs.set_major_version(job.id, 1, is_major=False)).is_major is False
    with pytest.raises(saagieapi.InvalidInputError):
        api.jobs.set_major_version(job.id, 1, is_major="yes")  # type: ignore[arg-type]

    categories = api.jobs.get_categories()
    assert job.category in categories and "Extraction" in categories

    api.jobs.create("load", project_id, file=script, category="Extraction")
    counts = {item.job_category: item for item in api.jobs.count(project_id)}
    assert {name: item.count for name, item in counts.items()} == {"Processing": 1, "Extraction": 1}
    (by_technology,) = counts["Processing"].jobs_count_by_technology or []
    assert by_technology.count == 1 and job.technology is not None and by_technology.technology.id == job.technology.id

    api.env_vars.create("PROJECT", "REGION", "eu-west-1", project_id=project_id)
    seen = {var.name: var.value for var in api.env_vars.list_for_job(job.id)}
    assert seen.get("REGION") == "eu-west-1"

    counts = api.apps.count(project_id)
    assert counts == []  # no app yet
    api.apps.create_from_scratch(project_id, "web", image="nginx:1.25", exposed_ports=[PORT])
    (apps_of_docker,) = api.apps.count(project_id)
    assert apps_of_docker.count == 1 and apps_of_docker.technology.id


def test_app_versions(api: SaagieApi, project_id: str) -> None:
    app = api.apps.create_from_scratch(project_id, "web", image="nginx:1.25", exposed_ports=[PORT])
    api.apps.upgrade(app.id, image="nginx:1.27")
    second = api.apps.get_version(app.id, 2)
    assert second.docker_info is not None and second.docker_info.image == "nginx:1.27"
    assert (api.apps.set_major_version(app.id, 2)).is_major is True
    assert (api.apps.get_version(app.id, 2)).is_major is True
    with pytest.raises(saagieapi.NotFoundError):
        api.apps.get_version(app.id, 5)


def test_pipeline_versions_and_move(api: SaagieApi) -> None:
    source = create_project(api)
    target = create_project(api)
    api.projects.get_status_with_callback(target, freq=0.05, timeout=30)  # a move needs a READY target
    job_id = create_job(api, source, "step")
    graph = GraphPipeline()
    graph.add_root_node(JobNode(job_id))
    name = unique("moving")
    pipeline = api.pipelines.create_graph(name, source, graph, alias=name)
    api.pipelines.upgrade(pipeline.id, graph, release_note="second")

    version = api.pipelines.get_version(pipeline.id, 2)
    assert version.number == 2 and version.release_note == "second" and version.graph is not None
    assert (api.pipelines.set_major_version(pipeline.id, 2)).is_major is True
    assert (api.pipelines.get_version(pipeline.id, 2)).is_major is True
    with pytest.raises(saagieapi.NotFoundError):
        api.pipelines.get_version(pipeline.id, 7)

    state = api.pipelines.get_movable_state(pipeline.id)
    assert state.movable is True and not state.reasons
    moved_id = api.pipelines.move(pipeline.id, target)
    assert [p.id for p in api.pipelines.list_for_project_minimal(target)] == [moved_id]
    assert api.pipelines.list_for_project_minimal(source) == []
    assert [j.id for j in api.jobs.list_for_project_minimal(target)] == [job_id]  # its job moved with it
    with pytest.raises(saagieapi.InvalidInputError):
        api.pipelines.move(moved_id, "")
    with pytest.raises(saagieapi.InvalidInputError):
        api.pipelines.move(moved_id, source, target_platform_id="one")
    with pytest.raises(saagieapi.NotFoundError):
        api.pipelines.move("00000000-0000-0000-0000-000000000000", source)


def test_reports_and_users_by_realm(api: SaagieApi, platform: RunningPlatform, project_id: str) -> None:
    job = api.jobs.create("reported", project_id, file=__file__, command_line="python {file}")
    run = api.jobs.run_with_callback(job.id, freq=0.05, timeout=60)
    reports = api.projects.get_reports(24)
    (project,) = [p for p in reports.projects if p.id == project_id]
    (reported,) = project.jobs
    assert reported.name == "reported" and [i.id for i in reported.job_instances] == [run.id]
    assert reports.count_instances >= 1
    assert (api.projects.get_reports(24, limit=1, skip=1000)).projects == []
    with pytest.raises(saagieapi.InvalidInputError):
        api.projects.get_reports(0)

    users = api.users.list_by_realm()
    assert platform.user in {user.login for user in users}
    assert all("@" in user.email for user in users)


def test_gateway_technology_lookups_and_facets(api: SaagieApi) -> None:
    catalog = {tech.id: tech for repo in api.get_repositories_info() for tech in repo.technologies}
    python = next(tech for tech in catalog.values() if tech.label == "Python")
    docker = next(tech for tech in catalog.values() if tech.label == "Docker image")

    found = api.get_technology(python.id)
    assert isinstance(found, JobTechnology) and found == python  # the catalog's public class and content
    assert [context.id for context in found.contexts] == [context.id for context in python.contexts]
    with pytest.raises(saagieapi.NotFoundError):
        api.get_technology("00000000-0000-0000-0000-000000000000")

    both = api.get_technologies_by_ids([python.id, docker.id, python.id])
    assert sorted(tech.id for tech in both) == sorted([python.id, docker.id])
    assert any(isinstance(tech, AppTechnology) for tech in both)
    assert api.get_technologies_by_ids([]) == []

    updated = api.get_updated_technologies(datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert {tech.id for tech in updated} <= set(catalog)
    with pytest.raises(saagieapi.InvalidInputError):
        api.get_updated_technologies(datetime(2020, 1, 1))  # naive: which time zone?

    facets = api.get_technology_facets()
    assert all(facet.name for facet in facets)


def test_pipeline_move_refused_by_the_platforms_rules(api: SaagieApi) -> None:
    source = create_project(api)
    target = create_project(api)
    api.projects.get_status_with_callback(target, freq=0.05, timeout=30)
    shared_job = create_job(api, source, "shared")
    graph = GraphPipeline()
    graph.add_root_node(JobNode(shared_job))
    name, other = unique("blocked"), unique("other")
    pipeline = api.pipelines.create_graph(name, source, graph, alias=name, cron_scheduling="0 3 * * *")
    api.pipelines.create_graph(other, source, graph, alias=other)  # shares the job

    state = api.pipelines.get_movable_state(pipeline.id)
    assert state.movable is False
    reasons = {reason.reason.value: reason for reason in state.reasons or []}
    assert {"PIPELINE_SCHEDULED", "JOBS_EXISTS_IN_MANY_PIPELINES"} <= set(reasons)
    with pytest.raises(saagieapi.MoveRefusedError) as refused:
        api.pipelines.move(pipeline.id, target)
    assert refused.value.entity_id == pipeline.id
    assert {reason.reason.value for reason in refused.value.reasons} == set(reasons)
    assert "unschedule it first" in str(refused.value) and f"pipeline {other!r}" in str(refused.value)
    assert [p.id for p in api.pipelines.list_for_project_minimal(target)] == []  # nothing moved
