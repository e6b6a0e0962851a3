"""`make codegen` reports a broken schema/ or queries/ one line per problem: file, line, operation, message.

No traceback, exit code 1, and nothing generated (the committed packages stay as they were).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of what code generation reads and writes."""
    for name in ("codegen.toml", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    for name in ("schema", "queries", "codegen", "scripts", "saagieapi"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def regenerate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "regenerate.py"), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "saagieapi").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def drop_line(path: Path, pattern: str) -> int:
    """Remove the first line matching ``pattern`` (and the description just above it); return its number."""
    lines = path.read_text().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if re.search(pattern, line))
    start = index - 1 if lines[index - 1].strip().startswith('"""') else index
    del lines[start : index + 1]
    path.write_text("".join(lines))
    return index + 1


def line_of(path: Path, pattern: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if re.search(pattern, line))


def problem_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.startswith("codegen: ")]


@pytest.mark.parametrize("args", [(), ("--check",)])
def test_a_field_removed_from_the_schema_names_file_operation_and_fragment(checkout: Path, args: tuple[str]) -> None:
    drop_line(checkout / "schema" / "projects.graphql", r"^  countJobInstance: Int$")
    used_at = line_of(checkout / "queries" / "projects" / "jobs.graphql", r"^\s+countJobInstance$")
    before = fingerprint(checkout)

    result = regenerate(checkout, *args)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line, paging = problem_lines(result)  # the Job fragment, and the query of jobs.iter_instances
    assert line.startswith(f"queries/projects/jobs.graphql:{used_at}: operations ")
    assert "GetJob" in line and "(fragment Job)" in line
    assert line.endswith("Cannot query field 'countJobInstance' on type 'Job'.")
    assert paging.startswith("queries/projects/jobs.graphql:") and "operation ListJobInstancesPage:" in paging
    assert "nothing was generated" in result.stderr
    assert fingerprint(checkout) == before


def test_a_root_field_removed_names_the_operation_selecting_it(checkout: Path) -> None:
    drop_line(checkout / "schema" / "projects.graphql", r"^  countJobInstancesByDate\(")
    used_at = line_of(checkout / "queries" / "projects" / "jobs.graphql", r"^\s+countJobInstancesByDate\(")

    result = regenerate(checkout)

    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = problem_lines(result)
    assert re.fullmatch(
        rf"queries/projects/jobs\.graphql:{used_at}: operation \w+: "
        r"Cannot query field 'countJobInstancesByDate' on type 'Query'\.( Did you mean .*)?",
        line,
    ), line


def test_every_problem_gets_its_line(checkout: Path) -> None:
    drop_line(checkout / "schema" / "projects.graphql", r"^  countJobInstance: Int$")
    (checkout / "queries" / "gateway" / "zz_broken.graphql").write_text(
        "query ZzBroken {\n  repositories { noSuchField }\n}\n"
    )

    result = regenerate(checkout)

    lines = problem_lines(result)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(lines) == 3, result.stderr  # countJobInstance: the Job fragment and ListJobInstancesPage
    assert lines[0].startswith("queries/projects/jobs.graphql:") and lines[1].startswith(
        "queries/projects/jobs.graphql:"
    )
    assert lines[2].startswith(
        "queries/gateway/zz_broken.graphql:2: operation ZzBroken: Cannot query field 'noSuchField'"
    )
    assert "3 problem(s)" in result.stderr


def test_syntax_errors_name_file_and_line(checkout: Path) -> None:
    (checkout / "queries" / "projects" / "zz_syntax.graphql").write_text("query ZzSyntax {\n  projects { id \n")
    schema = checkout / "schema" / "gateway.graphql"
    schema.write_text(schema.read_text() + "\ntype Broken {\n")

    result = regenerate(checkout)

    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = problem_lines(result)
    assert any(line.startswith("queries/projects/zz_syntax.graphql:3: Syntax Error") for line in lines), lines
    assert any(line.startswith("schema/gateway.graphql:") and "Syntax Error" in line for line in lines), lines


def test_an_unexpected_failure_is_one_line_and_traceback_on_request(checkout: Path) -> None:
    (checkout / "codegen.toml").write_text("[common\n")

    result = regenerate(checkout)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("codegen: TOMLDecodeError: ") and "--traceback" in line

    detailed = regenerate(checkout, "--traceback")
    assert detailed.returncode == 1 and "Traceback" in detailed.stderr
