"""saagie apps / pipelines / env-vars / docker-credentials / storages / repositories / users / groups / profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saagie_emulator import RunningPlatform

from .conftest import Saagie


@pytest.fixture
def project(saagie: Saagie) -> str:
    return str(saagie.json("projects", "create", "work")["id"])


def test_apps(saagie: Saagie, project: str) -> None:
    app = saagie.json("apps", "create", "web", "--project", "work", "--image", "nginx:1.27", "--port", "80")
    assert app["name"] == "web"
    assert [a["name"] for a in saagie.json("apps", "list", "--project", project)] == ["web"]
    assert saagie.json("apps", "get", "web", "--project", "work")["id"] == app["id"]
    assert saagie.json("apps", "edit", "web", "--project", "work", "--description", "front")["description"] == "front"
    stopped = saagie.json("apps", "stop", app["id"], "--wait", "--timeout", "60")
    assert stopped["history"]["current_status"] == "STOPPED"
    started = saagie.json("apps", "run", "web", "--project", "work", "--wait", "--timeout", "60")
    assert started["history"]["current_status"] == "STARTED"
    assert saagie.json("apps", "delete", "web", "--project", "work", "--yes") == {"deleted": True, "id": app["id"]}
    assert saagie("apps", "get", "web", "--project", "work").exit_code == 4


def test_pipelines(saagie: Saagie, saagie_platform: RunningPlatform, project: str, tmp_path: Path) -> None:
    script = tmp_path / "a.py"
    script.write_text("print(1)\n")
    for name in ("extract", "load"):
        saagie.json("jobs", "create", name, "--project", "work", "--file", str(script))
    pipeline = saagie.json("pipelines", "create", "nightly", "--project", "work", "--job", "extract", "--job", "load")
    assert pipeline["name"] == "nightly" and pipeline["alias"] == "nightly"
    assert [p["name"] for p in saagie.json("pipelines", "list", "--project", "work")] == ["nightly"]
    assert saagie.json("pipelines", "get", "nightly", "--project", "work")["id"] == pipeline["id"]
    edited = saagie.json("pipelines", "edit", "nightly", "--project", "work", "--description", "every night")
    assert edited["description"] == "every night"
    version = saagie.json(
        "pipelines", "upgrade", "nightly", "--project", "work", "--job", "load", "--release-note", "2"
    )
    assert version["number"] == 2
    done = saagie.json("pipelines", "run", "nightly", "--project", "work", "--wait", "--timeout", "60")
    assert done["status"] == "SUCCEEDED"
    assert saagie.json("pipelines", "instance", done["id"])["id"] == done["id"]

    saagie_platform.force_job_outcome("load", "FAILED")
    failed = saagie("pipelines", "run", "nightly", "--project", "work", "--wait", "--timeout", "60")
    assert failed.exit_code == 1 and "FAILED" in failed.stderr
    assert saagie.json("pipelines", "delete", pipeline["id"], "--yes")["deleted"] is True


def test_env_vars_scopes_and_secrets(saagie: Saagie, project: str, monkeypatch: pytest.MonkeyPatch) -> None:
    created = saagie.json("env-vars", "create", "REGION", "--value", "eu")
    assert created["scope"] == "GLOBAL" and created["value"] == "eu"
    saagie.json("env-vars", "create", "TOKEN", "--project", "work", "--value", "-", "--password", input="s3cret\n")
    listed = {v["name"]: v for v in saagie.json("env-vars", "list", "--project", "work", "--scope-only")}
    assert set(listed) == {"TOKEN"} and listed["TOKEN"]["is_password"] is True
    table = saagie("env-vars", "list", "--project", "work", "--scope-only")
    assert "s3cret" not in table.stdout and "TOKEN" in table.stdout
    got = saagie.json("env-vars", "get", "REGION", "--scope", "global")
    assert got["value"] == "eu"
    edited = saagie.json("env-vars", "edit", "REGION", "--new-name", "ZONE", "--value", "us")
    assert edited["name"] == "ZONE" and edited["value"] == "us"
    assert saagie.json("env-vars", "delete", "ZONE", "--yes") == {"deleted": True, "name": "ZONE"}
    assert saagie("env-vars", "get", "ZONE").exit_code == 4
    assert saagie("env-vars", "create", "EMPTY").exit_code == 2  # no value given


def test_docker_credentials(saagie: Saagie, project: str, env: dict[str, str]) -> None:
    env["SAAGIE_DOCKER_PASSWORD"] = "pw1"
    created = saagie.json("docker-credentials", "create", "bot", "--project", "work", "--registry", "ghcr.io")
    assert created["username"] == "bot" and created["registry"] == "ghcr.io"
    assert "pw1" not in json.dumps(created)
    listed = saagie.json("docker-credentials", "list", "--project", "work")
    assert [c["username"] for c in listed] == ["bot"]
    got = saagie.json("docker-credentials", "get", "bot", "--project", "work", "--registry", "ghcr.io")
    assert got["id"] == created["id"]
    env["SAAGIE_DOCKER_PASSWORD"] = "pw2"
    assert saagie.json("docker-credentials", "edit", created["id"], "--project", "work")["id"] == created["id"]
    deleted = saagie.json("docker-credentials", "delete", "bot", "--project", "work", "--registry", "ghcr.io", "--yes")
    assert deleted["deleted"] is True
    assert saagie.json("docker-credentials", "list", "--project", "work") == []


def test_storages(saagie: Saagie, project: str) -> None:
    created = saagie.json("storages", "create", "data", "--project", "work", "--size", "1 GB")
    assert created["name"] == "data" and created["size"].endswith("GB")
    assert [s["name"] for s in saagie.json("storages", "list", "--project", "work")] == ["data"]
    assert saagie.json("storages", "get", "data", "--project", "work")["id"] == created["id"]
    edited = saagie.json("storages", "edit", "data", "--project", "work", "--description", "datasets")
    assert edited["description"] == "datasets"
    assert saagie.json("storages", "delete", created["id"], "--yes")["id"] == created["id"]
    assert saagie("storages", "create", "bad", "--project", "work", "--size", "huge").exit_code == 2


def test_repositories(saagie: Saagie) -> None:
    before = saagie.json("repositories", "list")
    assert "Saagie" in [r["name"] for r in before]
    created = saagie.json("repositories", "create", "extra", "--url", "https://example.invalid/extra.zip")
    assert created["count"] == 1
    assert "extra" in [r["name"] for r in saagie.json("repositories", "list")]
    got = saagie.json("repositories", "get", "extra")
    assert got["name"] == "extra"
    assert saagie.json("repositories", "edit", "extra", "--name", "extra2")["count"] == 1
    assert saagie.json("repositories", "sync", "extra2")["repository_name"] == "extra2"
    assert saagie.json("repositories", "delete", "extra2", "--yes")["name"] == "extra2"
    assert saagie("repositories", "get", "extra2").exit_code == 4


def test_users_groups_profiles(saagie: Saagie, env: dict[str, str]) -> None:
    env["SAAGIE_NEW_USER_PASSWORD"] = "Passw0rd!long"
    assert saagie.json("users", "create", "alice", "--role", "ROLE_READER") == {"created": True, "login": "alice"}
    assert "alice" in [u["login"] for u in saagie.json("users", "list")]
    assert saagie.json("users", "get", "alice")["login"] == "alice"
    env["SAAGIE_OLD_PASSWORD"] = "Passw0rd!long"
    env["SAAGIE_NEW_USER_PASSWORD"] = "An0ther!passw0rd"
    assert saagie.json("users", "edit", "alice")["changed"] is True

    assert saagie.json("groups", "create", "analysts", "--user", "alice")["created"] is True
    assert "analysts" in [g["name"] for g in saagie.json("groups", "list")]
    group = saagie.json("groups", "get", "analysts")
    assert group["users"] == ["alice"]
    saagie.json("projects", "create", "shared")
    permissions = Path(env["SAAGIE_CONFIG"]).with_name("perm.json")
    permissions.write_text(json.dumps({"authorizations": [], "realmAuthorization": None}))
    assert saagie.json("groups", "edit", "analysts", "--permissions", str(permissions))["changed"] is True
    assert saagie.json("groups", "delete", "analysts", "--yes")["deleted"] is True

    profile = saagie.json("profiles", "edit", "alice", "--job-title", "Analyst", "--email", "alice@example.com")
    assert profile["job"] == "Analyst" and profile["email"] == "alice@example.com"
    assert saagie.json("profiles", "get", "alice")["job"] == "Analyst"
    assert "alice" in [p["login"] for p in saagie.json("profiles", "list")]
    assert saagie.json("users", "delete", "alice", "--yes")["deleted"] is True
    assert saagie("users", "get", "alice").exit_code == 4
