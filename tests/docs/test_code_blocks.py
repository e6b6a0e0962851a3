"""Docs that run: every Python block of README.md and docs/ runs against the emulator, page by page, in order.

Like pydantic's examples testing: each page runs in a fresh interpreter (``python -X dev``, so an unclosed
client shows as a ResourceWarning), from an empty folder, against a freshly reset emulator whose ``SAAGIE_*``
variables are set (``SaagieApi.from_env()`` connects to it); its blocks share one namespace, in page order.
A block marked ``<!-- docs-test: no-run (...) -->`` (it needs a real platform) is not run; every block, run
or not, is type-checked with mypy. See tests/docs/_blocks.py for the markers.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import saagie_emulator
from saagie_emulator import RunningPlatform

from ._blocks import MARKER_HELP, ROOT, Page, pages

PAGES = pages()
RUNNER = Path(__file__).with_name("_run_page.py")


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=20) as running:
        yield running


def test_pages_have_blocks() -> None:
    names = {page.path for page in PAGES}
    assert {"README.md", "docs/guides/jobs.md", "docs/connecting.md"} <= names
    assert sum(len(page.blocks) for page in PAGES) >= 50


def test_only_saagieapi2_code_escapes_both_checks() -> None:
    wrong = [b.where for page in PAGES for b in page.blocks if b.mode == "2.x" and "# 2.x" not in b.code]
    assert wrong == [], f"marked 2.x without saagieapi 2.x code (a `# 2.x` comment): {wrong}"


RUNNABLE = [page for page in PAGES if any(b.mode in ("run", "setup") for b in page.blocks)]


@pytest.mark.parametrize("page", RUNNABLE, ids=lambda page: page.path)
def test_page_runs(page: Page, platform: RunningPlatform, tmp_path: Path) -> None:
    platform.reset()
    blocks = [{"where": block.where, "code": block.code} for block in page.blocks if block.mode in ("run", "setup")]
    (tmp_path / "blocks.json").write_text(json.dumps(blocks))
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAAGIE_")} | platform.env()
    env.pop("PYTHONWARNINGS", None)
    args = [sys.executable, "-X", "dev", str(RUNNER), str(tmp_path / "blocks.json")]
    if page.path != "README.md":
        args.append("--close-clients")
    workdir = tmp_path / "work"
    workdir.mkdir()
    result = subprocess.run(args, cwd=workdir, env=env, capture_output=True, text=True, timeout=300, check=False)
    failed = re.search(r"^FAILED (.+)$", result.stderr, re.MULTILINE)
    where = failed[1] if failed else page.path
    assert result.returncode == 0, f"{where} failed:\n{result.stderr[-3000:]}\n{MARKER_HELP}"
    warnings = [line for line in result.stderr.splitlines() if "ResourceWarning" in line]
    assert not warnings, f"{page.path} leaves resources open (close clients: `with ...`):\n" + "\n".join(warnings)


def _module_of(page: Page) -> tuple[str, list[tuple[int, str]]]:
    """The page's blocks as one module, and for each of its lines the block line it comes from."""
    lines: list[str] = []
    origin: list[tuple[int, str]] = []
    for block in page.blocks:
        if block.mode == "2.x":
            continue
        code = block.code
        if re.search(r"^\s*(async with|await |async for)", code, re.MULTILINE) and "async def" not in code:
            # a block of top-level async code, as in an async REPL: checked as the body of a coroutine
            code = "async def _block() -> None:\n" + "".join(f"    {line}\n" for line in code.splitlines())
        for offset, line in enumerate(code.splitlines()):
            lines.append(line)
            origin.append((block.line + 1 + offset, block.where))
    return "\n".join(lines) + "\n", origin


def test_every_block_type_checks(tmp_path: Path) -> None:
    modules: dict[str, tuple[Page, list[tuple[int, str]]]] = {}
    for number, page in enumerate(PAGES):
        name = f"page_{number:02d}.py"
        text, origin = _module_of(page)
        (tmp_path / name).write_text(text)
        modules[name] = (page, origin)
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\ncheck_untyped_defs = True\nignore_missing_imports = True\nplugins = pydantic.mypy\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            "mypy.ini",
            "--cache-dir",
            str(ROOT / ".mypy_cache" / "docs"),
            *sorted(modules),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    problems = []
    for line in result.stdout.splitlines():
        match = re.match(r"(page_\d+\.py):(\d+): (error|note): (.*)", line)
        if match and match[3] == "error":
            page, origin = modules[match[1]]
            markdown_line, where = origin[int(match[2]) - 1]
            problems.append(f"{where}: line {markdown_line}: {match[4]}")
    hint = "\nmypy runs over each page's blocks as one module (markers: tests/docs/_blocks.py)."
    assert result.returncode == 0 and not problems, (
        "\n".join(problems) + hint if problems else result.stdout + result.stderr
    )
