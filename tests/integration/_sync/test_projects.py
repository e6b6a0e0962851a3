# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""api.projects against the emulator over real HTTP."""

from __future__ import annotations

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi
from saagieapi._generated.projects.enums import ProjectStatus
from saagieapi.models import Project

from ...support.platforms import connect

GROUP = "administrators"


def test_create_read_edit_delete(api: SaagieApi) -> None:
    created = api.projects.create(
        "demo",
        group=GROUP,
        role="Editor",
        description="first",
        jobs_technologies_allowed={"Saagie": ["python", "Bash"]},
        apps_technologies_allowed={"saagie": ["Jupyter Notebook"]},
    )
    assert isinstance(created, Project) and created.name == "demo" and created.description == "first"
    assert api.projects.get_id("demo") == created.id
    # A new project initialises first: CREATED, INIT_REQUESTED, INITIALIZING, then READY.
    initialising = ("CREATED", "INIT_REQUESTED", "INITIALIZING", "READY")
    assert (api.projects.get_info(created.id)).status.value in initialising
    assert (api.projects.get_info_by_name("demo")).id == created.id
    assert [p.id for p in api.projects.list()] == [created.id]
    categories = {c.job_category: len(c.technologies or []) for c in api.projects.get_jobs_technologies(created.id)}
    assert categories == {"Extraction": 2, "Processing": 2}
    assert len(api.projects.get_apps_technologies(created.id)) == 1
    (right,) = api.projects.get_rights(created.id)
    assert right.name == GROUP and right.role.value == "ROLE_PROJECT_EDITOR"

    edited = api.projects.edit(created.id, name="demo2", description="")
    assert edited.name == "demo2" and edited.description == ""
    # nothing else changed
    assert (api.projects.get_rights(created.id))[0].role.value == "ROLE_PROJECT_EDITOR"
    assert len(api.projects.get_apps_technologies(created.id)) == 1

    assert (api.projects.get_status_with_callback(created.id, freq=0.05, timeout=5)).status.value == "READY"
    assert api.projects.delete(created.id) is True
    with pytest.raises(saagieapi.NotFoundError):
        api.projects.get_id("demo2")


def test_edit_keeps_each_category_its_own_technologies(api: SaagieApi) -> None:
    """2.x re-applied the first category's list to every category, dropping Processing-only technologies."""
    project = api.projects.create(
        "per-category",
        jobs_technologies_allowed={
            "Extraction": {"Saagie": ["Bash"]},
            "Processing": {"Saagie": ["Python", "Spark"]},
            "Smart App": {"Saagie": ["R"]},
        },
    )
    api.projects.edit(project.id, description="changed")
    after = {c.job_category: len(c.technologies or []) for c in api.projects.get_jobs_technologies(project.id)}
    assert after == {"Extraction": 1, "Processing": 2, "Smart App": 1}


def test_default_technologies_are_the_whole_saagie_catalog(api: SaagieApi) -> None:
    project = api.projects.create("defaults")
    job_techs = [t for t in api.get_available_technologies("Saagie") if t.typename__ != "AppTechnology"]
    (extraction, processing) = api.projects.get_jobs_technologies(project.id)
    assert len(extraction.technologies or []) == len(job_techs) == len(processing.technologies or [])
    assert api.projects.get_rights(project.id) == []


def test_failures(api: SaagieApi) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        api.projects.create("x", group=GROUP, role="boss")
    with pytest.raises(saagieapi.InvalidInputError):
        api.projects.create("x", group=GROUP)
    with pytest.raises(saagieapi.InvalidInputError):
        api.projects.create("x", group=GROUP, role="viewer", groups_and_roles=[{GROUP: "viewer"}])
    with pytest.raises(saagieapi.NotFoundError) as caught:
        api.projects.create("x", jobs_technologies_allowed={"Saagie": ["cobol"]})
    assert "Python" in str(caught.value)  # lists the valid choices
    assert api.projects.list() == []  # nothing was created
    api.projects.create("dup")
    with pytest.raises(saagieapi.GraphQLError):
        api.projects.create("DUP")
    with pytest.raises(saagieapi.NotFoundError):
        api.projects.get_info_by_name("nope")
    with pytest.raises(saagieapi.InvalidInputError):
        api.projects.get_status_with_callback("whatever", timeout=-1)


def test_status_wait_times_out_with_typed_error(api: SaagieApi, monkeypatch: pytest.MonkeyPatch) -> None:
    project = api.projects.create("slow")
    real = api.projects.get_info

    def initializing(project_id: str) -> Project:
        return (real(project_id)).model_copy(update={"status": ProjectStatus.INITIALIZING})

    monkeypatch.setattr(api.projects, "get_info", initializing)
    with pytest.raises(saagieapi.WaitTimeoutError) as caught:
        api.projects.get_status_with_callback(project.id, freq=0.05, timeout=0.3)
    assert caught.value.instance_id == project.id and caught.value.status == "INITIALIZING"


def test_every_method_through_one_client(platform: RunningPlatform) -> None:
    with connect(platform) as api:
        created = api.projects.create("all-demo", groups_and_roles=[{GROUP: "Manager"}])
        assert api.projects.get_id("all-demo") == created.id
        assert (api.projects.get_info(created.id)).name == "all-demo"
        assert (api.projects.get_info_by_name("all-demo")).id == created.id
        assert len(api.projects.list()) == 1
        assert len(api.projects.get_jobs_technologies(created.id)) == 2
        assert len(api.projects.get_apps_technologies(created.id)) > 0
        assert (api.projects.get_rights(created.id))[0].role.value == "ROLE_PROJECT_MANAGER"
        edited = api.projects.edit(created.id, group=GROUP, role="viewer")
        assert edited.id == created.id
        assert (api.projects.get_rights(created.id))[0].role.value == "ROLE_PROJECT_VIEWER"
        seen: list[str] = []
        ready = api.projects.get_status_with_callback(
            created.id, timeout=5, callback=lambda p: seen.append(p.status.value)
        )
        order = ["CREATED", "INIT_REQUESTED", "INITIALIZING", "READY"]
        assert ready.status.value == "READY" and seen[-1] == "READY"
        assert seen == sorted(seen, key=order.index)  # the statuses only move forward
        assert api.projects.delete(created.id) is True
        assert api.projects.list() == []
