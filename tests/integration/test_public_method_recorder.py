"""The recorder that replaced the AST guard sees every way a test reaches a method, and only tests' calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from saagie_emulator import RunningPlatform
from saagieapi.errors import GraphQLError, NotFoundError

from ..support.platforms import connect, connect_async
from . import conftest
from ._recorder import PublicMethodRecorder

THIS_FILE = str(Path(__file__).resolve())


def from_this_file(frame: Any) -> bool:
    return str(frame.f_code.co_filename) == THIS_FILE


@pytest.fixture
def recorder() -> Any:
    recorder = PublicMethodRecorder(is_test_frame=from_this_file)
    recorder.install()
    yield recorder
    recorder.uninstall()


def test_aliases_and_indirect_calls_count_internal_calls_do_not(
    recorder: PublicMethodRecorder, platform: RunningPlatform
) -> None:
    with connect(platform) as api:
        project_id = api.projects.create("recorded").id
        jobs = api.jobs  # an alias the AST guard could not see
        assert jobs.list_for_project_minimal(project_id) == []
        lookup = getattr(api.projects, "get_id")  # noqa: B009 - the point of the test
        assert lookup("recorded") == project_id
        for call in (api.users.list,):
            assert call()
        api.pipelines.list_for_project_minimal(project_id)  # internally: nothing else public
        with pytest.raises(NotFoundError):
            api.jobs.upgrade_by_name("nope", "recorded")  # internally calls get_id / get_info
    assert {
        ("sync", "projects", "create"),
        ("sync", "jobs", "list_for_project_minimal"),
        ("sync", "projects", "get_id"),
        ("sync", "users", "list"),
        ("sync", "jobs", "upgrade_by_name"),
    } <= recorder.called
    assert ("sync", "jobs", "get_id") not in recorder.called  # only the SDK called it
    assert ("sync", "jobs", "get_info") not in recorder.called
    assert not {key for key in recorder.called if key[0] == "async"}


@pytest.mark.anyio
async def test_async_calls_and_iterators_count(recorder: PublicMethodRecorder, platform: RunningPlatform) -> None:
    async with connect_async(platform) as api:
        projects = api.projects
        assert await projects.list() == []
        walk = api.jobs.iter_instances  # not a coroutine: returns an async iterator
        with pytest.raises((NotFoundError, GraphQLError)):
            [instance async for instance in walk("00000000-0000-0000-0000-000000000000")]
        assert api.check_scheduling("0 0 * * *", "UTC")  # a static helper
    assert {
        ("async", "projects", "list"),
        ("async", "jobs", "iter_instances"),
        ("async", "", "check_scheduling"),
    } <= recorder.called


def test_missing_names_every_surface_and_resource(recorder: PublicMethodRecorder) -> None:
    missing = recorder.missing()
    assert len(recorder.expected()) > 300
    assert "sync api.jobs.run_with_callback" in missing and "async api.jobs.run_with_callback" in missing
    assert "sync api.get_platform_info" in missing and "async api.profiles.export" in missing
    recorder.uninstall()
    assert recorder.called == set()


def test_only_a_complete_green_run_is_judged() -> None:
    nothing_called = PublicMethodRecorder()  # installed nowhere
    complete = {"collected": {"a", "b"}, "passed": {"a", "b"}, "spoiled": set()}
    missing = conftest.unexercised(complete, nothing_called)
    assert "async api.jobs.run" in missing and "sync api.jobs.run" in missing
    for partial in (
        {"collected": {"a", "b"}, "passed": {"a"}, "spoiled": set()},  # -x stopped early, or a test failed
        {"collected": {"a", "b"}, "passed": {"a", "b"}, "spoiled": {"c"}},  # -k deselected some
        {"collected": set(), "passed": set(), "spoiled": set()},  # --collect-only, or no integration test
    ):
        assert conftest.unexercised(partial, nothing_called) == []
