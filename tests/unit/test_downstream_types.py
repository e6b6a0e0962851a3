"""A user's module, type-checked with ``mypy --strict``: results have their precise public types, never ``Any``.

``assert_type`` fails on ``Any`` as on any other mismatch, so a method whose annotation loosens (or a union
that a caller would have to narrow by hand) breaks this test, not a user's type check.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

USER_MODULE = """
from __future__ import annotations

from typing import assert_type

from saagieapi import AsyncSaagieApi, SaagieApi, WaitTimeoutError
from saagieapi.enums import EnvVarScope, InstanceStatus, ProjectStatus
from saagieapi.models import (
    App, AppSummary, EnvVar, Job, JobInstance, JobVersion, Pipeline, PipelineInstance, Project, Storage,
    StorageSummary, Repository, RepositorySummary,
)


def sync_user(api: SaagieApi) -> None:
    assert_type(api.get_platform_info().counts.jobs, int)
    assert_type(api.projects.list(), list[Project])
    assert_type(api.projects.get_id("p"), str)
    assert_type(api.projects.get_info("p").status, ProjectStatus)
    assert_type(api.jobs.list_for_project("p"), list[Job])
    assert_type(api.jobs.run("j"), JobInstance)
    assert_type(api.jobs.run_with_callback("j").status, InstanceStatus)
    assert_type(api.jobs.upgrade("j", release_note="r"), JobVersion)
    assert_type(api.jobs.set_major_version("j", 2, is_major=False), JobVersion)
    assert_type(api.pipelines.get_info("p"), Pipeline)
    assert_type(api.pipelines.run_with_callback("p"), PipelineInstance)
    assert_type(api.env_vars.list(EnvVarScope.PROJECT, project_id="p"), list[EnvVar])
    assert_type(api.apps.list_for_project("p"), list[App])
    assert_type(api.apps.list_for_project("p", versions_only_current=True), list[App])
    assert_type(api.apps.list_for_project("p", minimal=True), list[AppSummary])
    assert_type(api.apps.list_for_project("p", True), list[AppSummary])
    assert_type(api.storages.list_for_project("p"), list[Storage])
    assert_type(api.storages.list_for_project("p", minimal=True), list[StorageSummary])
    assert_type(api.repositories.list(), list[Repository])
    assert_type(api.repositories.list(minimal=True), list[RepositorySummary])


async def async_user(api: AsyncSaagieApi) -> None:
    assert_type(await api.apps.list_for_project("p"), list[App])
    assert_type(await api.apps.list_for_project("p", minimal=True), list[AppSummary])
    assert_type(await api.jobs.run_with_callback("j"), JobInstance)


def error_user(error: WaitTimeoutError) -> None:
    assert_type(error.instance_id, str | None)
"""


def test_mypy_strict_sees_precise_result_types(tmp_path: Path) -> None:
    script = tmp_path / "user_module.py"
    script.write_text(USER_MODULE)
    (tmp_path / "mypy.ini").write_text("[mypy]\n")  # a user's settings, not the checkout's
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", "mypy.ini", "--cache-dir", ".cache", script.name],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found in 1 source file" in result.stdout
