"""saagie config: profiles, precedence of flags / environment / profiles, passwords, keyring, completion."""

from __future__ import annotations

import configparser
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from saagie_emulator import RunningPlatform

from .conftest import invoke


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def bare_env(tmp_path: Path) -> dict[str, str]:
    """No SAAGIE_* connection variable: only the config file."""
    return {
        "SAAGIE_CONFIG": str(tmp_path / "config.ini"),
        **{name: "" for name in ("SAAGIE_URL", "SAAGIE_REALM", "SAAGIE_USER", "SAAGIE_PASSWORD", "SAAGIE_PROFILE")},
        "SAAGIE_PLATFORM_ID": "",
    }


def test_profile_without_password_is_never_written(
    saagie_platform: RunningPlatform, bare_env: dict[str, str], tmp_path: Path
) -> None:
    p = saagie_platform
    saved = invoke(
        bare_env, "--json", "config", "set", "local", "--url", p.platform_url, "--realm", p.realm, "--user", p.user
    )
    assert saved.exit_code == 0, saved.stderr
    text = (tmp_path / "config.ini").read_text()
    assert p.password not in text and "password" not in text
    assert (tmp_path / "config.ini").stat().st_mode & 0o077 == 0
    # the default profile, with the password from the environment
    listed = invoke(bare_env | {"SAAGIE_PASSWORD": p.password}, "--json", "projects", "list")
    assert listed.exit_code == 0 and listed.json == []
    # no password anywhere (and no terminal): a usage error that says where to put it
    missing = invoke(bare_env, "projects", "list")
    assert missing.exit_code == 2 and "SAAGIE_PASSWORD" in missing.stderr
    assert invoke(bare_env, "--json", "config", "list").json == [{"name": "local", "default": True}]
    shown = invoke(bare_env, "--json", "config", "show", "local").json
    assert shown["user"] == p.user and "password" not in shown


def test_save_password_only_when_asked(
    saagie_platform: RunningPlatform, bare_env: dict[str, str], tmp_path: Path
) -> None:
    p = saagie_platform
    env = bare_env | {"SAAGIE_PASSWORD": p.password}
    saved = invoke(
        env, "config", "set", "stored", "--url", p.platform_url, "--realm", p.realm, "--user", p.user, "--save-password"
    )
    assert saved.exit_code == 0
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(tmp_path / "config.ini")
    assert parser.get("profile stored", "password") == p.password
    assert invoke(bare_env, "--json", "config", "show").json["password"] == "********"
    assert invoke(bare_env, "--json", "-p", "stored", "projects", "list").exit_code == 0


def test_keyring_password(
    saagie_platform: RunningPlatform, bare_env: dict[str, str], tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    p = saagie_platform
    env = bare_env | {"SAAGIE_PASSWORD": p.password}
    saved = invoke(
        env, "config", "set", "kr", "--url", p.platform_url, "--realm", p.realm, "--user", p.user, "--keyring"
    )
    assert saved.exit_code == 0, saved.stderr
    assert p.password not in (tmp_path / "config.ini").read_text()
    assert memory_keyring.secrets == {("saagieapi-cli", "kr"): p.password}
    assert invoke(bare_env, "--json", "--profile", "kr", "projects", "list").exit_code == 0
    assert invoke(bare_env, "--json", "config", "delete", "kr").exit_code == 0
    assert memory_keyring.secrets == {}


def test_precedence_flags_over_environment_over_default_profile(
    saagie_platform: RunningPlatform, bare_env: dict[str, str]
) -> None:
    p = saagie_platform
    invoke(bare_env, "config", "set", "wrong", "--url", p.platform_url, "--realm", p.realm, "--user", "nobody")
    env = bare_env | {"SAAGIE_PASSWORD": p.password}
    assert invoke(env, "projects", "list").exit_code == 3  # the default profile's user cannot log in
    assert invoke(env | {"SAAGIE_USER": p.user}, "projects", "list").exit_code == 0  # env beats default profile
    assert invoke(env, "--user", p.user, "projects", "list").exit_code == 0  # flag beats profile
    # an explicit profile beats the environment
    assert invoke(env | {"SAAGIE_USER": p.user}, "-p", "wrong", "projects", "list").exit_code == 3
    unknown = invoke(env, "-p", "ghost", "projects", "list")
    assert unknown.exit_code == 2 and "ghost" in unknown.stderr
    bad_auth = invoke(env, "--json", "projects", "list")
    assert '"exit_code": 3' in bad_auth.stderr


def test_config_use_path_and_completion(bare_env: dict[str, str], tmp_path: Path) -> None:
    for name in ("alpha", "beta"):
        invoke(bare_env, "config", "set", name, "--url", "https://acme-workspace.saagie.io/projects/platform/1/")
    assert invoke(bare_env, "--json", "config", "use", "beta").json == {"default_profile": "beta"}
    assert [row["default"] for row in invoke(bare_env, "--json", "config", "list").json] == [False, True]
    assert invoke(bare_env, "config", "path").stdout.strip() == str(tmp_path / "config.ini")
    # A message is one line whatever the width (`cd "$(dirname "$(saagie config path)")"`): Rich wrapped it
    narrow = invoke(bare_env | {"COLUMNS": "20"}, "config", "path")
    assert narrow.stdout == str(tmp_path / "config.ini") + "\n"
    completion = invoke(
        bare_env | {"_SAAGIE_COMPLETE": "complete_bash", "COMP_WORDS": "saagie --profile al", "COMP_CWORD": "2"},
    )
    assert "alpha" in completion.stdout and "beta" not in completion.stdout


@pytest.mark.parametrize("name", ["x]\n[settings", "a\nb", "", " ", "team[1]", "tab\there"])
def test_profile_names_that_would_break_the_file_are_refused(
    bare_env: dict[str, str], tmp_path: Path, name: str
) -> None:
    """A name with a newline or a bracket used to be written as is: ``x]\\n[settings`` planted a second
    ``[settings]`` section and every later command failed on the file."""
    url = "http://127.0.0.1:9/projects/platform/1/"
    invoke(bare_env, "config", "set", "good", "--url", url, "--realm", "r", "--user", "u")
    before = (tmp_path / "config.ini").read_text()
    refused = invoke(bare_env, "config", "set", name, "--url", url, "--realm", "r", "--user", "u")
    assert refused.exit_code == 2, refused.stdout + refused.stderr
    assert "profile name" in refused.stderr
    assert (tmp_path / "config.ini").read_text() == before
    assert invoke(bare_env, "config", "use", name).exit_code == 2
    assert invoke(bare_env, "--json", "config", "list").json == [{"name": "good", "default": True}]


@pytest.mark.parametrize(
    "content",
    [b"[profile a\nurl=1\n", b"[profile a]\nurl=1\nurl=2\n", b"\xff\xfe[profile a]\n", b"url = x\n"],
    ids=["no-header-end", "duplicate-key", "not-utf8", "no-section"],
)
def test_a_damaged_config_file_is_a_usage_error_that_names_it(
    bare_env: dict[str, str], tmp_path: Path, content: bytes
) -> None:
    (tmp_path / "config.ini").write_bytes(content)
    for args in (("config", "list"), ("projects", "list")):
        result = invoke(bare_env, *args)
        assert result.exit_code == 2, result.stdout + result.stderr
        assert str(tmp_path / "config.ini") in result.stderr
        assert "Unexpected" not in result.stderr
    assert (tmp_path / "config.ini").read_bytes() == content  # never rewritten behind the user's back


def test_keyring_without_a_backend_is_a_usage_error(bare_env: dict[str, str], tmp_path: Path) -> None:
    """On a machine with no keyring backend (CI, containers), ``--keyring`` ended in 'Unexpected NoKeyringError'."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        result = invoke(
            bare_env | {"SAAGIE_PASSWORD": "s3cret"},
            "config",
            "set",
            "prod",
            "--url",
            "https://acme-workspace.saagie.io/projects/platform/6/",
            "--user",
            "me",
            "--keyring",
        )
    finally:
        keyring.set_keyring(previous)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "keyring" in result.stderr and "Unexpected" not in result.stderr
    assert "--save-password" in result.stderr or "SAAGIE_PASSWORD" in result.stderr
    assert not (tmp_path / "config.ini").exists()  # nothing half-saved
