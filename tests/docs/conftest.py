"""Shared fixture of the documentation tests: the site, built once per session with ``mkdocs build --strict``."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BuiltSite:
    """Result of one ``mkdocs build --strict`` run."""

    returncode: int
    output: str
    site_dir: Path

    def html(self) -> str:
        """Every HTML page of the site, concatenated."""
        return "\n".join(page.read_text(encoding="utf-8") for page in sorted(self.site_dir.rglob("*.html")))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    return BuiltSite(result.returncode, result.stdout + result.stderr, site_dir)
