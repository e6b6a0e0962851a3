"""`--json` after the command, help without Python type labels, typed table rows, hints that name a command."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from saagieapi.cli.main import COMMANDS, app

from .conftest import Saagie

#: What Typer >= 0.27 prints for a parameter's type unless told otherwise (`--insecure <bool>`, `--job <list[str]>`).
TYPE_LABEL = re.compile(r"<(bool|str|int|float|list\[[^\]]*\]|Path|path|file|datetime|tuple[^>]*)>")


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        found += _commands(sub, (*path, name))
    return found


def _help(command: Any, path: tuple[str, ...]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        command.main([*path, "--help"], prog_name="saagie", standalone_mode=False)
    return out.getvalue()


def test_help_of_every_command_has_no_type_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    command = typer.main.get_command(app)  # built once: the same tree `saagie` builds
    paths = _commands(command)
    assert len(paths) > 80 and ("jobs", "run") in paths and ("technologies", "list") in paths
    for path in paths:
        output = _help(command, path)
        assert "usage:" in output.lower(), path  # `saagie emulator --help` is the emulator's own (argparse)
        labels = TYPE_LABEL.findall(output)
        assert not labels, f"saagie {' '.join(path)} --help shows type labels {labels}:\n{output}"
    runner = CliRunner()
    flags = runner.invoke(app, ["pipelines", "create", "--help"], env={"COLUMNS": "200"}).output
    assert re.search(r"--job\s+TEXT", flags) and re.search(r"--json\s+Machine", flags)
    assert re.search(r"--insecure\s+Do not verify", runner.invoke(app, ["--help"], env={"COLUMNS": "200"}).output)


def test_every_command_module_is_registered() -> None:
    names = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert len(COMMANDS) == len(set(COMMANDS))
    assert {"projects", "jobs", "env-vars", "technologies", "emulator", "doctor", "schema", "config"} <= names


def test_json_is_accepted_after_the_command(saagie: Saagie) -> None:
    created = saagie("projects", "create", "after", "--json")
    assert created.exit_code == 0 and created.json["name"] == "after"
    listed = saagie("projects", "list", "--json")
    assert [project["name"] for project in listed.json] == ["after"]
    missing = saagie("projects", "get", "ghost", "--json")
    assert missing.exit_code == 4 and missing.stdout == ""
    assert json.loads(missing.stderr)["error"]["type"] == "NotFoundError"
    # an option's value that reads --json stays that option's value
    described = saagie("projects", "create", "described", "--description", "--json")
    assert described.exit_code == 0 and "Name" not in described.stdout
    assert saagie.json("projects", "get", "described")["description"] == "--json"


def test_tables_have_typed_columns(saagie: Saagie, tmp_path: Any) -> None:
    saagie.json("projects", "create", "etl")
    script = tmp_path / "a.py"
    script.write_text("print(1)\n")
    saagie.json("jobs", "create", "ingest", "--project", "etl", "--file", str(script))
    saagie.json("jobs", "run", "ingest", "--project", "etl", "--wait", "--timeout", "60")
    table = saagie("jobs", "list", "--project", "etl")
    assert table.exit_code == 0
    assert all(header in table.stdout for header in ("ID", "Name", "Alias", "Category", "Scheduled", "Last run"))
    assert "SUCCEEDED" in table.stdout and "ingest" in table.stdout
    assert "(none)" in saagie("apps", "list", "--project", "etl").stdout
    run = saagie("jobs", "run", "ingest", "--project", "etl")
    assert run.exit_code == 0 and run.stdout.startswith("Job ingest: instance ")


def test_technologies_list_and_the_unknown_technology_hint(saagie: Saagie) -> None:
    technologies = saagie.json("technologies", "list")
    python = next(row for row in technologies if row["label"].lower() == "python")
    assert python["kind"] == "job" and python["catalog"] == "Saagie" and "3.10" in python["runtimes"]
    apps = saagie.json("technologies", "list", "--kind", "app")
    assert apps and {row["kind"] for row in apps} == {"app"}
    assert saagie.json("technologies", "list", "--catalog", "no-such-catalog") == []
    table = saagie("technologies", "list", "--kind", "job")
    assert table.exit_code == 0 and "Runtimes" in table.stdout and "Python" in table.stdout

    saagie.json("projects", "create", "p")
    unknown = saagie("jobs", "create", "x", "--project", "p", "--technology", "cobol")
    assert unknown.exit_code == 4
    assert "saagie technologies list" in unknown.stderr and "`list` command of the group" not in unknown.stderr
    missing_job = saagie("jobs", "get", "nope", "--project", "p")
    assert "saagie jobs list --project" in missing_job.stderr


def test_error_sentences_start_with_a_capital(saagie: Saagie) -> None:
    saagie.json("projects", "create", "p")
    outputs = [
        saagie("jobs", "create", "x", "--project", "p", "--technology", "cobol").stderr,
        saagie("jobs", "get", "nope", "--project", "p").stderr,
        saagie("docker-credentials", "get", "nobody", "--project", "p").stderr,
        saagie("jobs", "get", "nope").stderr,
    ]
    for text in outputs:
        assert text and not re.search(r"[a-z)'\]]\. +[a-z]", text), text


def test_output_cut_off_by_the_reader_ends_quietly(tmp_path: Path) -> None:
    """``saagie migrate check big/ | head -1``: the reader closes the pipe; no error message, no traceback, and
    status 1 as Click gives ``saagie --help | head -1`` (it printed "Error: [Errno 32] Broken pipe" and a hint)."""
    script = tmp_path / "many_calls.py"
    script.write_text(
        "import saagieapi\napi = saagieapi.SaagieApi.easy_connect('https://x-workspace.example.io/projects/platform/1/', 'u', 'p')\n"
        + "".join(
            f"api.projects.create(name='p{n}', group='g', role='Manager')['createProject']['id']\n" for n in range(1000)
        ),
        encoding="utf-8",
    )
    saagie = Path(sys.executable).with_name("saagie")
    with subprocess.Popen(
        [str(saagie), "migrate", "check", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # the reader stops, as `head -1` does
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert first, "the command printed nothing"
    assert stderr == "", stderr
    assert code == 1
