"""The domain backends used directly, without HTTP: plain methods, refusals that change nothing."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from saagie_emulator.backend import Backend, Caller
from saagie_emulator.clock import Clock
from saagie_emulator.errors import BusinessError
from saagie_emulator.lifecycle import Controls
from saagie_emulator.seed import seed_data, stable_id
from saagie_emulator.store import Store

ADMIN = Caller("admin")
PYTHON = stable_id("technology:Python")
DOCKER = stable_id("technology:Docker image")


@pytest.fixture
def backend() -> Backend:
    return Backend(Store(seed_data()), Controls(), Clock())


def _project(backend: Backend, name: str = "p") -> str:
    categories = [{"job_category": "Processing", "technologies": [{"id": PYTHON}]}]
    values = {"name": name, "technologies_by_category": categories, "app_technologies": [{"id": DOCKER}]}
    return backend.projects.create(ADMIN, values).id


def _job(backend: Backend, project_id: str, name: str) -> str:
    values = {"project_id": project_id, "name": name, "category": "Processing", "technology": {"id": PYTHON}}
    return backend.jobs.create(ADMIN, values, {"runtime_version": "3.11"}, None).id


def _refused_without_change(backend: Backend, call: Any) -> BusinessError:
    before = copy.deepcopy(backend.store.data)
    with pytest.raises(BusinessError) as refused:
        call()
    assert backend.store.data == before
    return refused.value


def test_a_job_is_created_run_and_finished_in_emulated_time(backend: Backend) -> None:
    job_id = _job(backend, _project(backend), "j")
    instance = backend.job_instances.run(ADMIN, job_id)
    assert backend.job_instances.status(instance) == "REQUESTED"
    backend.clock.advance(minutes=1)
    assert backend.job_instances.status(instance) == "SUCCEEDED"


def test_edit_job_refused_changes_nothing(backend: Backend) -> None:
    job_id = _job(backend, _project(backend), "j")
    error = _refused_without_change(
        backend, lambda: backend.jobs.edit(ADMIN, {"id": job_id, "name": "renamed", "alias": "bad alias!"})
    )
    assert "alias" in error.message


def test_replacing_variables_refused_keeps_every_variable(backend: Backend) -> None:
    project_id = _project(backend)
    backend.env_vars.replace_raw(ADMIN, "PROJECT", "A=1\nB=2", project_id)
    _refused_without_change(backend, lambda: backend.env_vars.replace_raw(ADMIN, "PROJECT", "A=5\n1BAD=x", project_id))
    listing = backend.env_vars.listing(ADMIN, "PROJECT", project_id) or []
    assert {v.name: v.value for v in listing} == {"A": "1", "B": "2"}


def test_moving_jobs_refused_moves_none(backend: Backend) -> None:
    source, target = _project(backend, "source"), _project(backend, "target")
    jobs = [_job(backend, source, name) for name in ("a", "b", "c")]
    _job(backend, target, "c")
    _refused_without_change(backend, lambda: backend.jobs.move_many(ADMIN, jobs, target, None))


def test_moving_a_pipeline_refused_by_a_job_name_moves_no_job(backend: Backend) -> None:
    source, target = _project(backend, "source"), _project(backend, "target")
    jobs = [_job(backend, source, name) for name in ("a", "b", "c")]
    _job(backend, target, "b")
    pipeline = backend.pipelines.create(ADMIN, {"project_id": source, "name": "pl", "jobs_id": jobs})
    _refused_without_change(backend, lambda: backend.pipelines.move(ADMIN, pipeline.id, 1, target))


def test_create_app_refused_links_no_volume(backend: Backend) -> None:
    project_id, other = _project(backend, "p"), _project(backend, "other")
    mine = backend.volumes.create(ADMIN, {"project_id": project_id, "name": "v1", "size": "1 GB"})
    foreign = backend.volumes.create(ADMIN, {"project_id": other, "name": "v2", "size": "1 GB"})
    mounts = [{"path": "/a", "volume_id": mine.id}, {"path": "/b", "volume_id": foreign.id}]
    values = {
        "project_id": project_id,
        "name": "app",
        "technology_id": DOCKER,
        "version": {"docker_info": {"image": "nginx"}, "volumes_with_path": mounts},
    }
    _refused_without_change(backend, lambda: backend.apps.create(ADMIN, values))
    assert mine.linked_app_id is None


def test_edit_project_refused_keeps_the_name(backend: Backend) -> None:
    project_id = _project(backend)
    edit = {"id": project_id, "name": "new name", "app_technologies": [{"id": "no-such-technology"}]}
    _refused_without_change(backend, lambda: backend.projects.edit(ADMIN, edit))
