"""Projects initialise in emulated time (CREATED -> INIT_REQUESTED -> INITIALIZING -> READY, or FAILED), as
clients of the real platform see them, through the SDK."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from saagie_emulator import RunningPlatform, running
from saagieapi import RunFailedError, SaagieApi
from saagieapi.errors import GraphQLError

from ..support.platforms import connect


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with running(speed=1.0) as served:
        yield served


@pytest.fixture
def api(platform: RunningPlatform) -> Iterator[SaagieApi]:
    platform.reset()
    with connect(platform) as client:
        yield client


def test_a_new_project_passes_through_its_states_before_ready(api: SaagieApi, platform: RunningPlatform) -> None:
    platform.clock.freeze()
    project = api.projects.create("initialising", jobs_technologies_allowed={"saagie": ["python"]})
    seen = [api.projects.get_info(project.id).status.value]
    for _ in range(4):
        platform.clock.advance(seconds=1.5)
        seen.append(api.projects.get_info(project.id).status.value)
    assert seen[0] == "CREATED"
    assert seen == sorted(seen, key=["CREATED", "INIT_REQUESTED", "INITIALIZING", "READY"].index)
    assert {"INIT_REQUESTED", "INITIALIZING"} <= set(seen)
    assert api.projects.get_status_with_callback(project.id, timeout=5).status.value == "READY"


def test_a_forced_failure_ends_the_initialisation_failed(api: SaagieApi, platform: RunningPlatform) -> None:
    platform.set_speed(50)
    platform.controls.force_project_outcome("doomed", "FAILED")
    project = api.projects.create("doomed")
    with pytest.raises(RunFailedError) as failed:
        api.projects.get_status_with_callback(project.id, timeout=30)
    assert "FAILED" in str(failed.value)
    other = api.projects.create("fine")
    assert api.projects.get_status_with_callback(other.id, timeout=30).status.value == "READY"


def test_jobs_are_created_in_a_project_that_is_not_ready_yet_but_not_moved_into_it(
    api: SaagieApi, platform: RunningPlatform, tmp_path: Path
) -> None:
    """createJob documents no readiness rule (allowed); the moves say "target ... must be ready"."""
    platform.clock.freeze()
    source = api.projects.create("source", jobs_technologies_allowed={"saagie": ["python"]})
    script = tmp_path / "hello.py"
    script.write_text("print('hello')\n")
    job = api.jobs.create("right away", source.id, file=script, technology="python", runtime_version="3.11")
    assert api.projects.get_info(source.id).status.value == "CREATED"
    platform.clock.advance(minutes=1)
    target = api.projects.create("target", jobs_technologies_allowed={"saagie": ["python"]})
    with pytest.raises(GraphQLError, match="not READY"):
        api.jobs.move_job(job.id, int(api.platform), target.id)
    platform.clock.advance(minutes=1)
    assert api.jobs.move_job(job.id, int(api.platform), target.id)


def test_the_control_endpoint_forces_project_and_app_outcomes(api: SaagieApi, platform: RunningPlatform) -> None:
    settings = platform.control("simulation", {"project_outcomes": {"*": "FAILED"}, "app_outcomes": {"web": "FAILED"}})
    assert settings["project_outcomes"] == {"*": "FAILED"} and settings["app_outcomes"] == {"web": "FAILED"}
    platform.clock.freeze()
    project = api.projects.create("any name")
    platform.clock.advance(minutes=1)
    assert api.projects.get_info(project.id).status.value == "FAILED"
    with pytest.raises(Exception, match="400"):  # an outcome that is neither READY nor FAILED
        platform.control("simulation", {"project_outcomes": {"x": "MAYBE"}})
