# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""Export and import of projects (2.x layout) against two emulated platforms: round trip, 2.x samples, hostile folders."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi
from saagieapi.errors import ExportError, ExportFormatError, MissingArtifactError, UnsafePathError
from saagieapi.graph_pipeline import ConditionExpressionNode, ConditionStatusNode, GraphPipeline, JobNode

from ...support.platforms import connect
from ._graph_support import unique

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "export-samples-2x"
#: Fields that legitimately differ between an export and the export of its import on another platform.
IGNORED_FIELDS = {
    "id",  # every entity id (jobs, versions' owners, pipelines, apps, volumes, variables, credentials)
    "dockerCredentialsId",
    "projectId",
    "originalJobId",
    "creationDate",  # dates
    "lastUpdate",
    "creator",  # creators (the importing user)
    "downloadUrl",  # contains the platform id, project id and job id
    "history",  # run-time state of apps (started by the platform after creation), not configuration
}
#: Text fields where the platform answers null for a catalog install and "" for a created entity.
EMPTY_TEXT = {"description", "releaseNote"}
CREATE_VOLUME = "mutation T($v: VolumeInput!) { createVolume(volume: $v) { id } }"


@pytest.fixture(scope="module")
def source() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=200.0) as running:
        yield running


@pytest.fixture(scope="module")
def target() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=200.0, platform_id=2) as running:
        yield running


def build_project(api: SaagieApi, tmp: Path) -> str:
    """A project with 5 jobs (versions, artifacts, a docker image with credentials), 2 apps (one with a
    volume and credentials), 2 graph pipelines with conditions, variables of every scope (passwords too)."""
    project_id = (api.projects.create(unique("roundtrip"), description="round trip")).id
    api.projects.get_status_with_callback(project_id, timeout=30)
    credential = api.docker_credentials.create(project_id, "robot", "s3cret", "registry.example.com")
    jobs = []
    for index in range(4):
        first = tmp / f"job{index}_v1.py"
        first.write_text(f"print('job {index} v1')\n")
        job = api.jobs.create(
            f"job{index}",
            project_id,
            str(first),
            description=f"job {index}",
            technology="Python",
            runtime_version="3.10",
            command_line="python {file}",
            release_note="v1",
            cron_scheduling="0 3 * * *" if index == 0 else None,
            emails=["ops@example.com"] if index == 1 else None,
            status_list=["FAILED"] if index == 1 else None,
        )
        for number in range(2, 2 + index % 3):
            artifact = tmp / f"job{index}_v{number}.py"
            artifact.write_bytes(os.urandom(2048))
            api.jobs.upgrade(job.id, str(artifact), release_note=f"v{number}")
        jobs.append(job.id)
    docker_job = api.jobs.create(
        "job_docker",
        project_id,
        technology="Generic",
        runtime_version="latest",
        command_line="",
        docker_info={"image": "registry.example.com/tool:1", "dockerCredentialsId": credential.id},
    )
    jobs.append(docker_job.id)
    graph = GraphPipeline()
    start, ok, ko = JobNode(jobs[0]), JobNode(jobs[1]), JobNode(jobs[2])
    condition = ConditionStatusNode()
    condition.put_at_least_one_success()
    condition.add_success_node(ok)
    condition.add_failure_node(ko)
    start.add_next_node(condition)
    graph.add_root_node(start)
    first_pipeline = api.pipelines.create_graph(
        "pipeline_status", project_id, graph, alias="pipeline_status", release_note="p1"
    )
    api.pipelines.upgrade(first_pipeline.id, graph, release_note="p2")
    graph2 = GraphPipeline()
    head, tail = JobNode(jobs[3]), JobNode(jobs[4])
    expression = ConditionExpressionNode()
    expression.set_expression('tube.name == "a\\")b"')
    expression.add_success_node(tail)
    head.add_next_node(expression)
    graph2.add_root_node(head)
    api.pipelines.create_graph(
        "pipeline_expression",
        project_id,
        graph2,
        alias="pipeline_expression",
        emails=["ops@example.com"],
        status_list=["FAILED"],
    )
    volume = api.client.execute(
        CREATE_VOLUME, "T", {"v": {"name": "data", "size": "1 GB", "projectId": project_id, "description": "app data"}}
    )
    web = api.apps.create_from_scratch(
        project_id,
        "web",
        image="registry.example.com/web:2",
        description="web app",
        exposed_ports=[{"number": 80, "isRewriteUrl": False, "scope": "PROJECT", "name": "http"}],
        storage_paths=[{"path": "/data", "volumeId": volume["createVolume"]["id"]}],
        docker_credentials_id=credential.id,
    )
    api.apps.create_from_catalog(project_id, "2.9", technology_name="Dash")
    api.env_vars.create("GLOBAL", unique("GLOBAL_VAR"), "global value", "g")
    api.env_vars.create("PROJECT", "PROJECT_VAR", "project value", "p", project_id=project_id)
    api.env_vars.create("PROJECT", "PROJECT_SECRET", "hidden", "secret", True, project_id=project_id)
    api.env_vars.create("PIPELINE", "PIPELINE_VAR", "pipeline value", pipeline_id=first_pipeline.id)
    api.env_vars.create("APP", "APP_VAR", "app value", app_id=web.id)
    return project_id


def normalise(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: ("" if k in EMPTY_TEXT and v is None else normalise(v))
            for k, v in value.items()
            if k not in IGNORED_FIELDS
        }
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def snapshot(folder: Path) -> dict[str, Any]:
    """Every file of an export keyed by a path where id-named folders are replaced by the entity's name."""
    result: dict[str, Any] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        parts = list(path.relative_to(folder).parts)
        if len(parts) > 2 and parts[0] in ("jobs", "pipelines", "apps", "docker_credentials"):
            own = folder / parts[0] / parts[1]
            main = next(p for p in own.iterdir() if p.suffix == ".json")
            parts[1] = str(json.loads(main.read_text()).get("name") or json.loads(main.read_text())["username"])
        key = "/".join(parts)
        result[key] = normalise(json.loads(path.read_text())) if path.suffix == ".json" else path.read_bytes()
    return result


def test_round_trip_between_two_platforms(source: RunningPlatform, target: RunningPlatform, tmp_path: Path) -> None:
    events: list[str] = []
    with connect(source) as api, connect(target) as other:
        project_id = build_project(api, tmp_path)
        first = api.projects.export(
            project_id,
            tmp_path / "first",
            versions_limit=None,
            progress=lambda e: events.append(f"{e.outcome}:{e.item.kind}"),
        )
        assert first.ok and first.folder == tmp_path / "first" / project_id
        assert len(first.of("job")) == 5 and len(first.of("pipeline")) == 2 and len(first.of("app")) == 2
        assert events.count("done:job") == 5 and "done:project" in events
        assert not [p for p in (tmp_path / "first").iterdir() if p.name.startswith(".")]

        imported = other.projects.import_from_json(
            first.folder, docker_credentials_passwords={"registry.example.com/robot": "s3cret"}
        )
        assert imported.ok, imported.failed
        new_project = imported.of("project")[0].target_id
        assert new_project is not None
        job_ids = {item.source_id: item.target_id for item in imported.of("job")}
        assert len(job_ids) == 5
        second = other.projects.export(new_project, tmp_path / "second")

        one, two = snapshot(first.folder), snapshot(second.folder)
        assert sorted(one) == sorted(two)
        for key in one:
            assert one[key] == two[key], key
        # pipelines point at the new jobs, credentials are re-attached
        pipeline = other.pipelines.get_info_by_name(new_project, "pipeline_status")
        nodes = pipeline.versions[0].graph.job_nodes
        assert {n.job.id for n in nodes} <= set(job_ids.values())
        docker_job = other.jobs.get_info(other.jobs.get_id("job_docker", (other.projects.get_info(new_project)).name))
        credentials = other.docker_credentials.list_for_project(new_project)
        assert docker_job.versions[0].docker_info.docker_credentials_id == credentials[0].id

        # importing again changes nothing (policy "skip"); "upgrade" adds no version identical to the current one
        versions = {i: len((other.jobs.get_info(i)).versions) for i in job_ids.values()}
        again = other.projects.import_from_json(first.folder)
        assert again.ok and not again.of("job") and any(i.reason == "exists" for i in again.skipped)
        upgraded = other.projects.import_from_json(
            first.folder, if_exists="upgrade", docker_credentials_passwords={"robot": "s3cret"}
        )
        assert upgraded.ok, upgraded.failed
        assert {i: len((other.jobs.get_info(i)).versions) for i in job_ids.values()} == versions
        assert {i.name for i in upgraded.unchanged if i.kind == "job"} == {i.name for i in imported.of("job")}


def test_saagieapi2_samples_import(target: RunningPlatform, tmp_path: Path) -> None:
    with connect(target) as api:
        result = api.projects.import_from_json(SAMPLES / "project")
        assert result.ok, result.failed
        assert {i.name for i in result.of("job")} == {"test_job_python", "test_job_api_spark2"}
        assert {i.name for i in result.of("pipeline")} == {"test_pipeline", "test_pipeline_without_alerting"} or len(
            result.of("pipeline")
        ) == 2
        assert len(result.of("app")) == 2 and len(result.of("env_var")) == 1
        assert any(i.kind == "artifact" for i in result.skipped)  # the 2.x samples carry no artifact files
        project_id = result.of("project")[0].target_id
        assert project_id is not None
        assert api.env_vars.get("PROJECT", "PROJECT_VARIABLE", project_id=project_id, scope_only=True)

        empty = (api.projects.create(unique("empty"))).id
        api.projects.get_status_with_callback(empty, timeout=30)
        orphan = api.pipelines.import_from_json(SAMPLES / "pipelines/without-existing-jobs/pipeline.json", empty)
        assert not orphan.ok and "jobs not found" in orphan.failed[0].reason

        variable = api.env_vars.import_from_json(SAMPLES / "env_vars/GLOBAL/variable.json")
        assert variable.name == "GLOBAL_VARIABLE"
        with pytest.raises(ValueError):
            api.env_vars.import_from_json(SAMPLES / "env_vars/WRONG/variable.json")


def _hostile_copy(tmp_path: Path) -> Path:
    root = tmp_path / "export"
    shutil.copytree(SAMPLES / "project", root)
    return root


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("symlinked_job_folder", UnsafePathError),
        ("symlinked_project_json", UnsafePathError),
        ("artifact_name_escape", UnsafePathError),
        ("malformed_json", ExportFormatError),
        ("missing_artifact", MissingArtifactError),
    ],
)
def test_hostile_folders_raise_typed_errors_and_change_nothing(
    target: RunningPlatform, tmp_path: Path, case: str, error: type[Exception]
) -> None:
    root = _hostile_copy(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    _write(outside / "evil" / "job.json", json.dumps({"name": "evil", "versions": [{"number": 1, "isCurrent": True}]}))
    _write(outside / "project.json", json.dumps({"name": "evil project"}))
    job_json = root / "jobs" / "job" / "job.json"
    if case == "symlinked_job_folder":
        (root / "jobs" / "evil").symlink_to(outside / "evil")
    elif case == "symlinked_project_json":
        (root / "project.json").unlink()
        (root / "project.json").symlink_to(outside / "project.json")
    elif case == "artifact_name_escape":
        content = json.loads(job_json.read_text())
        content["versions"][0]["packageInfo"]["name"] = "../../../outside/x.py"
        job_json.write_text(json.dumps(content))
        (root / "jobs" / "job" / "version" / "1").mkdir(parents=True)
    elif case == "malformed_json":
        _write(root / "pipelines" / "broken" / "pipeline.json", "{not json")
    else:
        (root / "jobs" / "job" / "version" / "1").mkdir(parents=True)
        (root / "jobs" / "job" / "version" / "1" / "other.py").write_text("1")
        (root / "jobs" / "job" / "version" / "1" / "another.py").write_text("2")
    before_outside = sorted(p.name for p in outside.rglob("*"))
    with connect(target) as api:
        projects_before = len(api.projects.list())
        with pytest.raises(error) as caught:
            api.projects.import_from_json(root)
        assert len(api.projects.list()) == projects_before
    if case == "malformed_json":
        assert "broken/pipeline.json" in str(caught.value)
    assert sorted(p.name for p in outside.rglob("*")) == before_outside


def test_failed_export_leaves_nothing(source: RunningPlatform, tmp_path: Path) -> None:
    with connect(source) as api:
        with pytest.raises(ExportError):
            api.jobs.export(str(uuid.uuid4()), tmp_path, error_folder=tmp_path / "errors")
        with pytest.raises(ValueError):
            api.pipelines.export(str(uuid.uuid4()), tmp_path, env_var_scope="NOPE")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors"]
    assert (tmp_path / "errors" / "jobs" / "jobs_error.txt").read_text().strip()


def test_entity_exports_with_limits_and_imports(
    source: RunningPlatform, target: RunningPlatform, tmp_path: Path
) -> None:
    with connect(source) as builder:
        project_id = build_project(builder, tmp_path)
    with connect(source) as api:
        jobs = api.jobs.list_for_project_minimal(project_id)
        job = next(j for j in jobs if j.name == "job2")
        exported = api.jobs.export(job.id, tmp_path / "jobs", versions_limit=2, concurrency=2)
        assert exported.ok
        assert len(list((exported.folder / "version").iterdir())) == 2
        pipelines = api.pipelines.list_for_project_minimal(project_id)
        pipeline = next(p for p in pipelines if p.name == "pipeline_status")
        p_export = api.pipelines.export(pipeline.id, tmp_path / "pipelines", env_var_scope="PROJECT")
        names = {p.name for p in (p_export.folder / "env_vars").iterdir()}
        assert {"PIPELINE_VAR", "PROJECT_VAR"} <= names
        apps = api.apps.list_for_project_minimal(project_id)
        web = next(a for a in apps if a.name == "web")
        a_export = api.apps.export(web.id, tmp_path / "apps", versions_only_current=True)
        app_json = json.loads((a_export.folder / "app.json").read_text())
        assert app_json["technology"]["name"] == "Docker image" and "versions" not in app_json
        whole = api.projects.export(project_id, tmp_path / "project", versions_only_current=True)
        assert whole.ok and whole.folder == tmp_path / "project" / project_id
        assert len(whole.of("job")) == 5 and len(whole.of("pipeline")) == 2 and len(whole.of("app")) == 2
        job_folders = list((whole.folder / "jobs").iterdir())
        assert all(len(json.loads((job / "job.json").read_text())["versions"]) == 1 for job in job_folders)
        artifacts = [list((job / "version").iterdir()) for job in job_folders if (job / "version").exists()]
        assert len(artifacts) == 4 and all(len(v) == 1 for v in artifacts)  # the docker job has no artifact
    with connect(target) as other:
        new_project = (other.projects.create(unique("limits_target"))).id
        other.projects.get_status_with_callback(new_project, timeout=30)
        imported_job = other.jobs.import_from_json(new_project, exported.folder)
        assert imported_job.ok and len(imported_job.of("job")) == 1
        new_job = other.jobs.get_info(imported_job.of("job")[0].target_id or "")
        assert [v.number for v in sorted(new_job.versions, key=lambda v: v.number)] == [1, 2]
        no_jobs = other.pipelines.import_from_json(p_export.folder / "pipeline.json", new_project)
        assert not no_jobs.ok  # job0/job1 do not exist in the target project
        app = other.apps.import_from_json(a_export.folder / "app.json", new_project)
        assert app.ok and any(i.kind == "volume" for i in app.done)
        assert any(i.kind == "docker_credentials" for i in app.skipped)  # the new project has no credentials


def test_job_and_app_exports_and_imports(source: RunningPlatform, target: RunningPlatform, tmp_path: Path) -> None:
    script = tmp_path / "main.py"
    script.write_text("print('v1')\n")
    with connect(source) as api:
        project_id = (api.projects.create(unique("entities"))).id
        api.projects.get_status_with_callback(project_id, timeout=30)
        job = api.jobs.create("solo", project_id, str(script), technology="Python", runtime_version="3.10")
        api.jobs.upgrade(job.id, str(script), release_note="v2")
        app = api.apps.create_from_scratch(
            project_id,
            "solo_app",
            image="registry.example.com/web:3",
            exposed_ports=[{"number": 8080, "isRewriteUrl": True, "scope": "PROJECT", "name": "http"}],
        )
        assert (api.apps.get_info(app.id)).name == "solo_app"
        j_export = api.jobs.export(job.id, tmp_path / "jobs")
        assert j_export.ok and j_export.folder == tmp_path / "jobs" / job.id
        assert len(list((j_export.folder / "version").iterdir())) == 2
        a_export = api.apps.export(app.id, tmp_path / "apps")
        assert a_export.ok and a_export.folder == tmp_path / "apps" / app.id
        assert json.loads((a_export.folder / "app.json").read_text())["name"] == "solo_app"
    with connect(target) as other:
        new_project = (other.projects.create(unique("entities_target"))).id
        other.projects.get_status_with_callback(new_project, timeout=30)
        imported_job = other.jobs.import_from_json(new_project, j_export.folder)
        assert imported_job.ok and len(imported_job.of("job")) == 1
        new_job = other.jobs.get_info(imported_job.of("job")[0].target_id or "")
        assert new_job.name == "solo" and sorted(v.number for v in new_job.versions) == [1, 2]
        again = other.jobs.import_from_json(new_project, j_export.folder)  # if_exists="skip"
        assert [j.id for j in other.jobs.list_for_project_minimal(new_project)] == [new_job.id]
        assert again.ok and again.of("job") == [] and [i.kind for i in again.skipped] == ["job"]
        imported_app = other.apps.import_from_json(a_export.folder / "app.json", new_project)
        assert imported_app.ok and len(imported_app.of("app")) == 1
        new_app = other.apps.get_info(imported_app.of("app")[0].target_id or "")
        assert new_app.name == "solo_app" and new_app.current_version is not None
        assert [p.number for p in new_app.current_version.ports] == [8080]
        assert new_app.current_version.docker_info is not None
        assert new_app.current_version.docker_info.image == "registry.example.com/web:3"


def test_saagieapi2_pipeline_sample_imports_where_its_jobs_exist(target: RunningPlatform, tmp_path: Path) -> None:
    """The standalone pipeline sample maps its jobs by name: into a project holding them, it imports whole."""
    sample = SAMPLES / "pipelines/without-existing-jobs/pipeline.json"
    graph = json.loads(sample.read_text())["versions"][-1]["graph"]
    job_names = {node["job"]["name"] for node in graph["jobNodes"]}
    script = tmp_path / "job.py"
    script.write_text("print('sample')\n")
    with connect(target) as api:
        project_id = (api.projects.create(unique("sample"))).id
        api.projects.get_status_with_callback(project_id, timeout=30)
        created = {(api.jobs.create(name, project_id, file=str(script))).id for name in job_names}

        result = api.pipelines.import_from_json(sample, project_id)

        assert result.ok, result.failed
        (pipeline_item,) = result.of("pipeline")
        assert pipeline_item.target_id is not None
        pipeline = api.pipelines.get_info(pipeline_item.target_id, versions_only_current=True)
        assert pipeline.name == "Pipeline dev test 2"
        version = pipeline.versions[0]
        assert {node.job.id for node in version.graph.job_nodes if node.job} == created
        assert len(version.graph.condition_nodes or []) == len(graph.get("conditionNodes") or [])
        # the sample's condition node has no condition: created with the platform's default, and reported
        assert [item.kind for item in result.skipped] == ["condition"]
        assert "AllSuccessOrSkipped" in (result.skipped[0].reason or "")
