"""Names and texts come from the platform (anyone with editor rights sets them) or from the folder imported: the
CLI shows them as text. Rich markup in them used to be interpreted: a job named ``[/]`` made every ``saagie jobs
list`` of its project fail (``Unexpected MarkupError``), ``[link=...]`` made a clickable link, ``[red]`` recoloured
the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Result, Saagie, invoke

NAMES = ["[/]", "[bold]B[/bold] [link=https://evil.example]click[/link]", "ingest [v2]", "a\\[b"]


@pytest.fixture
def hostile(saagie: Saagie, tmp_path: Path) -> str:
    saagie.json("projects", "create", "[/]hostile[red]")
    script = tmp_path / "job.py"
    script.write_text("print('x')\n")
    for name in NAMES:
        saagie.json(
            "jobs", "create", name, "--project", "[/]hostile[red]", "--file", str(script), "--description", name
        )
    return "[/]hostile[red]"


def _wide(env: dict[str, str], *args: str) -> Result:
    return invoke(env | {"COLUMNS": "400"}, *args)  # one line per row: a name is not folded


def test_tables_and_fields_show_names_as_text(env: dict[str, str], hostile: str) -> None:
    listed = _wide(env, "jobs", "list", "--project", hostile)
    assert listed.exit_code == 0, listed.stderr
    for name in NAMES:
        assert name in listed.stdout, name
    assert "\x1b]8;" not in listed.stdout  # no hyperlink escape
    projects = _wide(env, "projects", "list")
    assert projects.exit_code == 0 and "[/]hostile[red]" in projects.stdout
    for name in NAMES:
        shown = _wide(env, "jobs", "get", name, "--project", hostile)
        assert shown.exit_code == 0, shown.stderr
        assert shown.stdout.count(name) == 2  # name and description


def test_messages_and_progress_show_names_as_text(saagie: Saagie, hostile: str, tmp_path: Path) -> None:
    created = saagie("projects", "create", "[/]again", "--wait")
    assert created.exit_code == 0, created.stderr
    exported = saagie("projects", "export", hostile, "--out", str(tmp_path / "out"))
    assert exported.exit_code == 0, exported.stderr
    assert "Unexpected" not in exported.stderr
    missing = saagie("jobs", "get", "[/]nope", "--project", hostile)
    assert missing.exit_code == 4 and "[/]nope" in missing.stderr


#: Escape sequences in a name: set the terminal's title, clear the screen, recolour, fake a line of output.
ESCAPES = "evil\x1b]0;pwned\x07\x1b[2J\x1b[31m\nError: fake\x9b"


def test_control_characters_in_names_cannot_drive_the_terminal(saagie: Saagie, env: dict[str, str]) -> None:
    """Like log lines (saagieapi._core.logs.printable): control characters are shown as ``\\x1b``, never sent raw."""
    project = saagie.json("projects", "create", ESCAPES, "--description", f"about {ESCAPES}")
    outputs = [
        _wide(env, "projects", "list"),
        _wide(env, "projects", "get", project["id"]),
        _wide(env, "jobs", "list", "--project", project["id"]),
        _wide(env, "projects", "get", "nope\x1b[2J"),  # the not-found message and its list of existing names
        _wide(env, "projects", "delete", project["id"], "--yes"),
    ]
    for result in outputs:
        for text in (result.stdout, result.stderr):
            assert not any(char in text for char in "\x1b\x07\x9b"), repr(text)
            assert not any(line.lstrip("│ ").startswith("Error: fake") for line in text.splitlines()), repr(text)
    assert "evil\\x1b]0;pwned\\x07\\x1b[2J" in outputs[0].stdout
    assert outputs[3].exit_code == 4 and "nope\\x1b[2J" in outputs[3].stderr
