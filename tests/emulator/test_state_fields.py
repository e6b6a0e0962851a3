"""Nullable lookups answer null; ``isDeletable``/``deletableState``/``movableState`` say what the mutations refuse."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from graphql import GraphQLEnumType, GraphQLInputType, GraphQLList, GraphQLNonNull, GraphQLScalarType, get_named_type

from saagie_emulator.backend import Backend, Caller
from saagie_emulator.clock import Clock
from saagie_emulator.errors import BusinessError
from saagie_emulator.lifecycle import Controls
from saagie_emulator.schema import projects_schema
from saagie_emulator.seed import seed_data, stable_id
from saagie_emulator.store import Store

from .conftest import Client

ADMIN = Caller("admin")
PYTHON = stable_id("technology:Python")
UNKNOWN = "00000000-0000-4000-8000-000000000000"


# ------------------------------------------------------------------------------------------ nullable lookups
def _literal(graphql_type: GraphQLInputType) -> str:
    inner = graphql_type.of_type if isinstance(graphql_type, GraphQLNonNull) else graphql_type
    if isinstance(inner, GraphQLList):
        return f"[{_literal(inner.of_type)}]"
    if isinstance(inner, GraphQLEnumType):
        return next(iter(inner.values))
    assert isinstance(inner, GraphQLScalarType), inner
    return {"Int": "1", "Boolean": "true", "DateTime": '"2020-01-01T00:00:00Z"'}.get(inner.name, f'"{UNKNOWN}"')


def _nullable_lookups() -> list[tuple[str, str]]:
    """Every query taking an id whose result the schema declares nullable, as a document."""
    query_type = projects_schema().query_type
    assert query_type is not None
    found = []
    for name, field in sorted(query_type.fields.items()):
        if isinstance(field.type, GraphQLNonNull):
            continue
        ids = [arg for arg in field.args.values() if "UUID" in str(arg.type)]
        if not ids:
            continue
        arguments = ", ".join(
            f"{arg_name}: {_literal(arg.type)}"
            for arg_name, arg in field.args.items()
            if isinstance(arg.type, GraphQLNonNull)
        )
        result = get_named_type(field.type)
        selection = "" if isinstance(result, GraphQLScalarType | GraphQLEnumType) else " { __typename }"
        found.append((name, f"{{ {name}({arguments}){selection} }}"))
    return found


@pytest.mark.parametrize(("field", "document"), _nullable_lookups())
def test_a_nullable_lookup_of_an_unknown_id_answers_null(client: Client, field: str, document: str) -> None:
    assert client.gql(document) == {field: None}


def test_lookups_are_generated_for_the_usual_suspects() -> None:
    names = {name for name, _ in _nullable_lookups()}
    assert {"project", "job", "app", "volume", "jobInstance", "graphPipeline", "pipelineInstance", "rights"} <= names
    assert {"filteredLogs", "appLogs", "conditionInstance", "dockerCredentials", "jobs", "countJobs"} <= names


def test_graph_pipeline_by_alias_is_not_nullable(client: Client) -> None:
    errors = client.errors(f'{{ graphPipelineByAlias(projectId: "{UNKNOWN}", alias: "a") {{ id }} }}')
    assert "not found" in errors[0]["message"]


# ------------------------------------------------------------------------------------------ status fields
@pytest.fixture
def backend() -> Backend:
    created = Backend(Store(seed_data()), Controls(), Clock())
    created.clock.freeze()
    return created


def _project(backend: Backend, name: str) -> str:
    categories = [{"job_category": "Processing", "technologies": [{"id": PYTHON}]}]
    project = backend.projects.create(ADMIN, {"name": name, "technologies_by_category": categories}).id
    backend.clock.advance(minutes=1)
    return project


def _job(backend: Backend, project: str, name: str, **extra: Any) -> str:
    values = {"project_id": project, "name": name, "category": "Processing", "technology": {"id": PYTHON}, **extra}
    return backend.jobs.create(ADMIN, values, {"runtime_version": "3.11"}, None).id


def _refusal(backend: Backend, call: Callable[[Backend], Any]) -> str | None:
    """The rule code a call is refused with on a copy of the backend (None: it succeeds)."""
    twin = Backend(Store(copy.deepcopy(backend.store.data)), backend.controls, backend.clock)
    try:
        call(twin)
    except BusinessError as error:
        return error.rule.code if error.rule else "?"
    return None


def _graph(*jobs: str) -> dict[str, Any]:
    return {
        "job_nodes": [{"id": f"30000000-0000-4000-8000-00000000000{i}", "job": {"id": j}} for i, j in enumerate(jobs)]
    }


def _scenarios(backend: Backend) -> dict[str, str]:
    """Jobs in every deletable state: free, running, in a current pipeline version, in an old one only."""
    project = _project(backend, "p")
    ids = {"project": project, "target": _project(backend, "t")}
    for name in ("free", "running", "current", "old", "scheduled"):
        ids[name] = _job(backend, project, name, is_scheduled=name == "scheduled", cron_scheduling="0 0 * * *")
    backend.controls.force_job_outcome("running", "RUNNING")
    backend.job_instances.run(ADMIN, ids["running"])
    values = {"project_id": project, "name": "pl", "alias": "pl", "graph": _graph(ids["old"])}
    ids["pipeline"] = backend.pipelines.create(ADMIN, values).id
    backend.pipelines.add_version(ADMIN, ids["pipeline"], _graph(ids["current"]), None, None)
    return ids


def test_job_deletable_state_is_what_delete_job_refuses(backend: Backend) -> None:
    ids = _scenarios(backend)
    for name in ("free", "running", "current", "old", "scheduled"):
        job = backend.jobs.get(ids[name])
        reasons = backend.jobs.deletable_reasons(job)
        refused = _refusal(backend, lambda b, job_id=job.id: b.jobs.delete(ADMIN, job_id))
        assert (refused is None) == (not reasons), name
        assert refused is None or refused in reasons, name
    assert backend.jobs.deletable_reasons(backend.jobs.get(ids["old"])) == ["LINKED_TO_PIPELINE"]
    assert backend.jobs.deletable_reasons(backend.jobs.get(ids["running"])) == ["HAS_UNFINISHED_INSTANCES"]


def test_version_deletable_states_are_what_the_deletions_refuse(backend: Backend) -> None:
    ids = _scenarios(backend)
    job = backend.jobs.get(ids["running"])
    backend.jobs.add_version(ADMIN, job.id, {"runtime_version": "3.11"}, None)  # v1 runs, v2 is current
    backend.jobs.add_version(ADMIN, job.id, {"runtime_version": "3.11"}, None)  # v3 current, v2 free
    for version in list(job.versions):
        reasons = backend.jobs.version_deletable_reasons(job, version)
        twin_result = _per_item(backend, lambda b, n=version.number: b.jobs.delete_versions(ADMIN, job.id, [n]))
        assert twin_result is (not reasons), (version.number, reasons)
    assert [backend.jobs.version_deletable_reasons(job, v) for v in job.versions] == [
        ["VERSION_HAS_UNFINISHED_INSTANCES"],
        [],
        ["CURRENT_VERSION"],
    ]
    pipeline = backend.pipelines.get(ids["pipeline"])
    for version in list(pipeline.versions):
        reasons = backend.pipelines.version_deletable_reasons(pipeline, version)
        result = _per_item(backend, lambda b, n=version.number: b.pipelines.delete_versions(ADMIN, pipeline.id, [n]))
        assert result is (not reasons)


def _per_item(backend: Backend, call: Callable[[Backend], list[dict[str, Any]]]) -> bool:
    twin = Backend(Store(copy.deepcopy(backend.store.data)), backend.controls, backend.clock)
    (result,) = call(twin)
    return bool(result["success"])


def test_pipeline_movable_state_is_what_move_pipeline_refuses(backend: Backend) -> None:
    ids = _scenarios(backend)
    pipeline = backend.pipelines.get(ids["pipeline"])
    assert backend.pipelines.movable_state(pipeline) == []
    assert _refusal(backend, lambda b: b.pipelines.move(ADMIN, pipeline.id, 1, ids["target"])) is None
    # Each reason alone: the state reports it and the move is refused by it.
    backend.pipelines.edit(ADMIN, {"id": pipeline.id, "is_scheduled": True, "cron_scheduling": "0 1 * * *"})
    assert [e["reason"] for e in backend.pipelines.movable_state(pipeline)] == ["PIPELINE_SCHEDULED"]
    assert _refusal(backend, lambda b: b.pipelines.move(ADMIN, pipeline.id, 1, ids["target"])) == "PIPELINE_SCHEDULED"
    backend.pipelines.edit(ADMIN, {"id": pipeline.id, "is_scheduled": False})
    backend.pipelines.add_version(ADMIN, pipeline.id, _graph(ids["current"], ids["scheduled"]), None, None)
    assert [e["reason"] for e in backend.pipelines.movable_state(pipeline)] == ["JOB_SCHEDULED"]
    assert _refusal(backend, lambda b: b.pipelines.move(ADMIN, pipeline.id, 1, ids["target"])) == (
        "JOB_SCHEDULED_IN_PIPELINE"
    )
    values = {"project_id": ids["project"], "name": "other", "alias": "other", "graph": _graph(ids["free"])}
    backend.pipelines.create(ADMIN, values)
    backend.pipelines.add_version(ADMIN, pipeline.id, _graph(ids["free"]), None, None)
    reasons = [e["reason"] for e in backend.pipelines.movable_state(pipeline)]
    assert "JOBS_EXISTS_IN_MANY_PIPELINES" in reasons
    shared = next(
        e for e in backend.pipelines.movable_state(pipeline) if e["reason"] == "JOBS_EXISTS_IN_MANY_PIPELINES"
    )
    assert shared["shared_job_in_many_pipelines_error"]["other_pipelines_linked"][0]["pipeline_name"] == "other"


def test_instance_deletable_states_are_what_the_deletions_refuse(backend: Backend) -> None:
    ids = _scenarios(backend)
    running = backend.job_instances.of_job(ids["running"])[0]
    done = backend.job_instances.run(ADMIN, ids["free"])
    backend.clock.advance(minutes=5)
    run = backend.pipeline_runs.run(ADMIN, ids["pipeline"])
    for instance, job_id in ((running, ids["running"]), (done, ids["free"])):
        reasons = backend.job_instances.deletable_reasons(instance, job_id)
        success = _per_item(backend, lambda b, i=instance.id, j=job_id: b.job_instances.delete(ADMIN, j, [i]))
        assert success is (not reasons)
    in_pipeline = backend.job_instances.find(run.job_instance_ids[0])
    assert in_pipeline is not None
    assert "INSTANCE_NOT_TERMINATED" in backend.pipeline_runs.deletable_reasons(run, ids["pipeline"])
    assert not _per_item(backend, lambda b: b.pipeline_runs.delete(ADMIN, ids["pipeline"], [run.id]))
    backend.clock.advance(minutes=5)
    assert backend.pipeline_runs.deletable_reasons(run, ids["pipeline"]) == []
    assert "INSTANCE_LINKED_TO_PIPELINE" in backend.job_instances.deletable_reasons(in_pipeline, in_pipeline.job_id)
    assert not _per_item(backend, lambda b: b.job_instances.delete(ADMIN, in_pipeline.job_id, [in_pipeline.id]))
    assert _per_item(backend, lambda b: b.pipeline_runs.delete(ADMIN, ids["pipeline"], [run.id]))


def test_the_fields_expose_the_same_states(client: Client) -> None:
    project = client.project()
    job = client.job(project, "deletable")
    query = """query($j: UUID!) { job(id: $j) { isDeletable deletableState { deletable reasons }
                 versions { deletableState { deletable reasons } } } }"""
    assert client.gql(query, {"j": job})["job"] == {
        "isDeletable": True,
        "deletableState": {"deletable": True, "reasons": []},
        "versions": [{"deletableState": {"deletable": False, "reasons": ["CURRENT_VERSION"]}}],
    }
    client.platform.force_job_outcome("deletable", "RUNNING")
    client.gql("mutation($j: UUID!) { runJob(jobId: $j) { id } }", {"j": job})
    state = client.gql(query, {"j": job})["job"]
    assert state["isDeletable"] is False
    assert state["deletableState"] == {"deletable": False, "reasons": ["HAS_UNFINISHED_INSTANCES"]}
    assert (
        "HAS_UNFINISHED_INSTANCES"
        in client.errors("mutation($j: UUID!) { deleteJob(jobId: $j) }", {"j": job})[0]["message"]
    )
