"""saagieapi 2.13.1, unmodified, drives every module against the emulator (see driver_saagieapi2.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.compat
Run = Callable[[str], dict[str, Any]]


def test_projects(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("projects")
    assert "compat projects" in out["listed"]
    assert out["get_id"] and out["by_name"]
    assert out["info"]["status"] == "READY"
    assert out["categories"] == ["Extraction", "Processing"]
    assert out["app_techs"] >= 10
    assert out["rights"] == [{"name": "administrators", "role": "ROLE_PROJECT_MANAGER", "isAllProjects": False}]
    assert out["edit"] == "compat projects"
    assert out["edited_description"] == "edited"
    assert out["platform"] == 1
    assert out["capacity"] == 2
    assert out["condition"] is True
    assert out["export"] is True
    assert out["delete"] is True


def test_jobs(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("jobs")
    assert out["listed"] == ["python_test"]
    assert out["get_id"] and out["by_alias"]
    assert out["run_with_callback"] == "SUCCEEDED"
    assert out["count"] == 1
    assert out["upgrade"] == 2
    assert out["rollback"] == 1
    assert out["edit"] == "0 0 * * *"
    assert out["stop"] in ("KILLING", "KILLED")
    assert out["export"] is True
    assert out["artifact"] == "print('hello')\n"
    assert out["import"] is True
    assert out["imported"] == ["python_test"]
    assert out["duplicate"].startswith("python_test")
    assert out["selectors"] == ["ALL", "SUCCEEDED", "FAILED", "STOPPED", "UNKNOWN"]
    assert out["by_date"] == 0
    assert out["delete_versions"] is True
    assert out["delete_by_selector"] == 1
    assert out["bash"] is True
    assert out["move_conflict"] is True  # the name is already used in the target project
    assert out["move_scheduled"] is True  # a scheduled job is not moved
    assert out["move"] is True
    assert out["delete"] is True


def test_apps(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("apps")
    assert out["description"] == "Be happy"
    assert out["kibana"] == "Kibana"
    assert out["get_id"]
    assert out["upgrade"] == 2
    assert out["rollback"] == 1
    assert out["edit"]
    assert out["alerting"] == {"emails": ["a@b.c"], "statusList": ["FAILED", "STOPPED"]}
    assert out["status_before_stop"].startswith("START")
    assert out["stop"].startswith("STOP")
    assert out["run"].startswith("START")
    assert out["logs"] and out["stats"]
    assert out["export"] is True
    assert out["import"] is True
    assert out["names"] == ["Kibana", "renamed"]
    assert out["delete"]


def test_pipelines(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("pipelines")
    assert out["get_id"] and out["by_alias"]
    assert out["run_with_callback"] == "SUCCEEDED"
    assert out["jobs_instance"] == 3  # job1, job2 (success branch), job4 (expression true); job3 skipped
    assert out["conditions"] == [True, True]
    assert out["condition_logs"] == 5
    assert out["condition_lines"] == 5
    assert out["failing"] == "FAILED"
    assert out["failing_jobs"] == 1  # the job after the failed one is skipped
    assert out["run"] == "REQUESTED"
    assert out["stop"] == "KILLING"
    assert out["upgrade"] == 2
    assert out["rollback"] == 1
    assert out["edit"] == "RENAMED"
    assert out["selectors"] == 5
    assert out["export"] is True
    assert out["import"] is False  # same name already exists in the project: the platform refuses it
    assert out["duplicate"] is True
    assert out["delete_versions"] is True


def test_pipeline_deleted_right_after_run(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("pipeline_cleanup")
    for round_ in (1, 2):
        assert out[f"run_{round_}"] == "REQUESTED"
        assert out[f"delete_{round_}"] is True
        assert out[f"job_delete_{round_}"] is True
    assert out["pipelines_left"] == [] and out["jobs_left"] == []


def test_env_vars(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("env_vars")
    assert out["secret"] == {"value": None, "description": "only the description", "isPassword": True}
    assert out["project_listing"] == [
        ["COMPAT_GLOBAL", "GLOBAL", "g"],
        ["COMPAT_GLOBAL", "PROJECT", "override"],
        ["COMPAT_PROJECT", "PROJECT", "p"],
        ["COMPAT_SECRET", "GLOBAL", None],
    ]
    assert out["pipeline_listing"] == ["GLOBAL", "GLOBAL", "PIPELINE", "PROJECT", "PROJECT"]
    assert out["pipeline_value"] == "y"
    assert out["bulk"] == ["BULK1", "BULK2"]
    assert out["update_missing"] == "ValueError"
    assert out["export"] is True
    assert out["exported"] == ["COMPAT_GLOBAL", "COMPAT_PROJECT", "COMPAT_SECRET"]
    assert out["delete"] is True
    assert out["import"] is False  # COMPAT_PROJECT already exists in that project


def test_docker_credentials(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("docker_credentials")
    assert out["username"] == "myuser"
    assert out["upgrade"] == [True, "new-registry", "myuser"]
    assert out["upgrade_for_username"] is True
    assert out["listed"] == 1
    assert out["delete"] is True
    assert out["after"] == []


def test_storages(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("storages")
    assert out["size"] == "1.0 GB"
    assert out["same"] is True
    assert out["listed"] == [["storage new name", "1.0 GB", "storage new description"]]
    assert out["duplicate"] is True
    assert out["jupyter_volumes"] == 1
    assert out["delete_used"] == "ValueError"
    assert out["unlink"] is True
    assert out["move"] is True
    assert out["delete"] is True


def test_repositories(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("repositories")
    assert out["create_zip"] == 1
    assert out["create_url"] == "repository from url"
    assert out["source"] and out["synced"] and out["reverted"]
    assert out["edit"] == "https://example.com/t.zip"
    assert out["names"] == ["Saagie", "new repository from url", "repository from zip"]
    assert out["runtimes"] == ["3.8", "3.9", "3.10", "3.11", "3.12"]
    assert out["technology_name"] == ["Saagie", "Python"]
    assert out["delete"] == "repository from zip"
    assert out["delete_again"] == {"removeRepository": None}  # a GraphQL error (HTTP 200): data is null


def test_users(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("users")
    assert out == {
        "listed": True,
        "info": "admin",
        "create": True,
        "created": "test_user_api_to_delete",
        "edit_password": True,
        "export": True,
        "delete": True,
    }


def test_groups(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("groups")
    assert out["listed"] and out["users"] and out["create"]
    assert out["name"] == "test_api_group_to_delete"
    assert out["edit_permission"] is True
    assert out["permission_keys"] == ["authorizations", "name", "protected", "realmAuthorization", "role"]
    assert out["realm_ok"] is True
    assert out["export"] is True and out["delete"] is True


def test_profiles(run_saagieapi2: Run) -> None:
    out = run_saagieapi2("profiles")
    assert out == {"listed": True, "info": "admin", "edit": True, "job": "PROJECT_MANAGER", "export": True}
