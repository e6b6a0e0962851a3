"""The documentation site builds with ``mkdocs build --strict`` (no warning: broken links, missing pages...)."""

from __future__ import annotations

from .conftest import ROOT, BuiltSite


def test_mkdocs_build_strict_passes(built_site: BuiltSite) -> None:
    assert built_site.returncode == 0, built_site.output[-6000:]
    assert (built_site.site_dir / "index.html").is_file()


def test_every_page_is_in_the_navigation(built_site: BuiltSite) -> None:
    pages = {path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")}
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert [page for page in sorted(pages) if page not in nav] == []


def test_site_has_the_pages_users_look_for(built_site: BuiltSite) -> None:
    for page in [
        "connecting",
        "waiting",
        "export-import",
        "emulator",
        "cli",
        "regenerating",
        "errors",
        "migration",
        "examples",
    ]:
        assert (built_site.site_dir / page / "index.html").is_file(), page
