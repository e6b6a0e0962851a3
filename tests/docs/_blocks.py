"""The Python code blocks of README.md and docs/, and how each page marks them.

A block is a fenced ```` ```python ```` block (indented ones, in lists or admonitions, included). The line
just before its fence may hold a marker, an HTML comment that the rendered page does not show:

* ``<!-- docs-test: no-run (reason) -->``: not executed (it needs a real platform, say); type-checked only;
* ``<!-- docs-test: setup -->``: the page's set-up (seeds what the page's examples assume); runs first like
  any block, and says to the reader what it is for;
* ``<!-- docs-test: 2.x -->``: saagieapi 2.x code next to its 3.x equivalent (the migration guide): neither run
  nor type-checked; such a block must hold a ``# 2.x`` comment.

Every other block runs, page by page, in order, in one namespace per page.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MARKER_HELP", "Block", "Page", "pages"]

ROOT = Path(__file__).resolve().parents[2]
_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<info>[^\n`]*)$")
_MARKER = re.compile(r"<!--\s*docs-test:\s*(?P<mode>[\w.-]+)(?P<reason>[^>]*)-->")
MODES = ("run", "no-run", "setup", "2.x")

MARKER_HELP = (
    "Fix the block so that it runs against the local emulator (the test sets SAAGIE_URL, SAAGIE_REALM, "
    "SAAGIE_USER and SAAGIE_PASSWORD to it, so `SaagieApi.from_env()` connects; each page starts from a "
    "freshly reset platform, in an empty folder, with an empty namespace shared by its blocks in order). "
    "A page may begin with a short set-up block marked `<!-- docs-test: setup -->` that seeds what its "
    "examples assume. A block that cannot run here (it needs a real platform URL) gets "
    "`<!-- docs-test: no-run (needs a real platform) -->` on the line before its fence: it is then only "
    "type-checked with mypy."
)


@dataclass(frozen=True)
class Block:
    page: str  #: path relative to the repository root
    index: int  #: 1-based, in page order
    line: int  #: line of the opening fence
    code: str
    mode: str  #: "run", "no-run" or "setup"

    @property
    def where(self) -> str:
        return f"{self.page}, block {self.index} (line {self.line})"


@dataclass(frozen=True)
class Page:
    path: str
    blocks: tuple[Block, ...]


def _blocks(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").splitlines()
    label = path.relative_to(ROOT).as_posix()
    found: list[Block] = []
    index = 0
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if fence is None or not fence["info"].strip():
            i += 1
            continue
        info, indent = fence["info"].strip(), fence["indent"]
        start = i
        end = start + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        if info.split()[0] in ("python", "py", "python3"):
            index += 1
            previous = lines[start - 1] if start > 0 else ""
            marker = _MARKER.search(previous)
            mode = marker["mode"] if marker else "run"
            if mode not in MODES:
                raise ValueError(f"{label}:{start}: unknown docs-test marker {mode!r} (one of {', '.join(MODES)})")
            body = "\n".join(
                line[len(indent) :] if line.startswith(indent) else line for line in lines[start + 1 : end]
            )
            found.append(Block(label, index, start + 1, textwrap.dedent(body) + "\n", mode))
        i = end + 1
    return found


def pages() -> list[Page]:
    """README.md then every page of docs/, in path order; pages without a Python block are left out."""
    paths = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    result = [Page(path.relative_to(ROOT).as_posix(), tuple(_blocks(path))) for path in paths]
    return [page for page in result if page.blocks]
