"""`saagie config set --save-password` against a hostile config folder: the file is 0600 whatever is there,
and nothing is written through a symbolic link (issue 16)."""

from __future__ import annotations

import configparser
import os
import stat
from pathlib import Path

import pytest

from .conftest import invoke

URL = "https://acme-workspace.saagie.io/projects/platform/6/"
SECRET = "s3cret-pw"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "SAAGIE_CONFIG": str(tmp_path / "saagie" / "config.ini"),
        "SAAGIE_PASSWORD": SECRET,
        **{name: "" for name in ("SAAGIE_URL", "SAAGIE_REALM", "SAAGIE_USER", "SAAGIE_PROFILE", "SAAGIE_PLATFORM_ID")},
    }


def save_password(env: dict[str, str], name: str = "prod") -> int:
    return invoke(env, "config", "set", name, "--url", URL, "--user", "me", "--save-password").exit_code


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_the_file_is_owner_only_even_with_a_loose_umask(env: dict[str, str]) -> None:
    previous = os.umask(0)
    try:
        assert save_password(env) == 0
    finally:
        os.umask(previous)
    config = Path(env["SAAGIE_CONFIG"])
    assert mode(config) == 0o600 and mode(config.parent) == 0o700
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config)
    assert parser.get("profile prod", "password") == SECRET
    assert [path.name for path in config.parent.iterdir()] == ["config.ini"]  # no temporary file left


def test_a_stale_world_readable_temporary_file_does_not_make_the_config_readable(env: dict[str, str]) -> None:
    config = Path(env["SAAGIE_CONFIG"])
    config.parent.mkdir(parents=True)
    stale = config.with_name("config.ini.tmp")  # what a crashed older version left behind
    stale.write_text("[profile old]\n")
    stale.chmod(0o644)
    config.write_text("")
    config.chmod(0o644)
    assert save_password(env) == 0
    assert mode(config) == 0o600
    assert SECRET in config.read_text() and SECRET not in stale.read_text()


def test_a_planted_symbolic_link_is_never_written_through(env: dict[str, str], tmp_path: Path) -> None:
    config = Path(env["SAAGIE_CONFIG"])
    config.parent.mkdir(parents=True)
    readable = tmp_path / "attacker-readable.txt"
    readable.write_text("")
    readable.chmod(0o644)
    config.with_name("config.ini.tmp").symlink_to(readable)  # the old fixed temporary name
    assert save_password(env) == 0
    assert readable.read_text() == "" and mode(readable) == 0o644
    assert mode(config) == 0o600 and not config.is_symlink()


def test_a_config_file_that_is_a_symbolic_link_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    config = Path(env["SAAGIE_CONFIG"])
    config.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere.ini"
    elsewhere.write_text("")
    elsewhere.chmod(0o644)
    config.symlink_to(elsewhere)
    result = invoke(env, "config", "set", "prod", "--url", URL, "--user", "me", "--save-password")
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert elsewhere.read_text() == "" and config.is_symlink()
    assert [path.name for path in config.parent.iterdir()] == ["config.ini"]
