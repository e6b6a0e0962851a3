"""saagie projects / jobs against the emulator."""

from __future__ import annotations

import json
from pathlib import Path

from saagie_emulator import RunningPlatform

from .conftest import Saagie


def test_projects_crud_by_name(saagie: Saagie) -> None:
    created = saagie.json("projects", "create", "demo", "--description", "first")
    assert created["name"] == "demo" and created["description"] == "first"
    listed = saagie.json("projects", "list")
    assert [p["name"] for p in listed] == ["demo"]
    assert saagie.json("projects", "get", "demo")["id"] == created["id"]
    assert saagie.json("projects", "get", created["id"])["name"] == "demo"
    edited = saagie.json("projects", "edit", "demo", "--name", "demo2", "--description", "")
    assert edited["name"] == "demo2" and edited["description"] == ""
    deleted = saagie.json("projects", "delete", "demo2", "--yes")
    assert deleted == {"deleted": True, "id": created["id"]}
    assert saagie.json("projects", "list") == []


def test_projects_table_and_delete_confirmation(saagie: Saagie) -> None:
    saagie.json("projects", "create", "tabled")
    table = saagie("projects", "list")
    assert table.exit_code == 0 and "tabled" in table.stdout and "┃ Name" in table.stdout
    refused = saagie("projects", "delete", "tabled", input="n\n")
    assert refused.exit_code == 1
    assert [p["name"] for p in saagie.json("projects", "list")] == ["tabled"]


def test_jobs_lifecycle(saagie: Saagie, saagie_platform: RunningPlatform, tmp_path: Path) -> None:
    saagie.json("projects", "create", "etl")
    script = tmp_path / "hello.py"
    script.write_text("print('hello')\n")
    job = saagie.json("jobs", "create", "ingest", "--project", "etl", "--file", str(script), "--release-note", "v1")
    assert job["name"] == "ingest" and job["category"] == "Processing"
    assert [j["name"] for j in saagie.json("jobs", "list", "--project", "etl")] == ["ingest"]
    assert saagie.json("jobs", "get", "ingest", "--project", "etl")["id"] == job["id"]
    edited = saagie.json("jobs", "edit", "ingest", "--project", "etl", "--description", "loads", "--cron", "0 * * * *")
    assert edited["description"] == "loads" and edited["is_scheduled"] is True
    script.write_text("print('v2')\n")
    version = saagie.json("jobs", "upgrade", job["id"], "--file", str(script), "--release-note", "v2")
    assert version["number"] == 2 and version["release_note"] == "v2"

    done = saagie.json("jobs", "run", "ingest", "--project", "etl", "--wait", "--timeout", "60")
    assert done["history"]["current_status"]["status"] == "SUCCEEDED"
    assert saagie.json("jobs", "instance", done["id"])["id"] == done["id"]

    saagie_platform.force_job_outcome("ingest", "FAILED")
    failed = saagie("--json", "jobs", "run", "ingest", "--project", "etl", "--wait", "--timeout", "60")
    assert failed.exit_code == 1
    error = json.loads(failed.stderr)["error"]
    assert error["type"] == "RunFailedError" and error["exit_code"] == 1 and "FAILED" in error["message"]

    saagie_platform.force_job_outcome("ingest", "RUNNING")
    started = saagie.json("jobs", "run", "ingest", "--project", "etl")
    assert started["id"]
    stopped = saagie.json("jobs", "stop", started["id"])
    assert stopped["id"] == started["id"]

    assert saagie.json("jobs", "delete", "ingest", "--project", "etl", "--yes")["deleted"] is True
    assert saagie.json("jobs", "list", "--project", "etl") == []


def test_errors_are_one_line_with_hint_and_exit_code(saagie: Saagie) -> None:
    saagie.json("projects", "create", "p1")
    missing = saagie("jobs", "get", "nope", "--project", "p1")
    assert missing.exit_code == 4
    assert "job 'nope' not found" in missing.stderr and "Hint:" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert saagie("jobs", "get", "nope").exit_code == 2  # a name without --project
    assert saagie("projects", "get", "ghost").exit_code == 4
    assert saagie("jobs", "list").exit_code == 2  # --project missing
    assert saagie("projects", "frobnicate").exit_code == 2  # unknown command: click's usage error


def test_debug_shows_the_exception(saagie: Saagie) -> None:
    try:
        saagie("--debug", "projects", "get", "ghost")
    except LookupError as exc:
        assert "ghost" in str(exc)
    else:
        raise AssertionError("--debug should let the exception through")


def test_projects_export_then_import(saagie: Saagie, tmp_path: Path) -> None:
    saagie.json("projects", "create", "source")
    script = tmp_path / "job.py"
    script.write_text("print('exported')\n")
    saagie.json("jobs", "create", "ingest", "--project", "source", "--file", str(script))
    saagie.json("env-vars", "create", "COLOR", "--project", "source", "--value", "blue")
    exported = saagie.json("projects", "export", "source", "--out", str(tmp_path / "out"))
    assert exported["failed"] == [] and any(item["kind"] == "job" for item in exported["done"])
    folder = Path(exported["folder"])
    assert folder.is_dir() and folder.parent == tmp_path / "out"

    saagie.json("projects", "delete", "source", "--yes")
    table = saagie("projects", "import", str(folder))
    assert table.exit_code == 0, table.stderr
    assert saagie.json("projects", "get", "source")["name"] == "source"
    assert [job["name"] for job in saagie.json("jobs", "list", "--project", "source")] == ["ingest"]
