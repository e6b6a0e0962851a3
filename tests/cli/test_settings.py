"""Connection settings of the command line: resolved by the SDK (every SAAGIE_* it reads), realm problems named
with the flag to add, and `saagie config set` refusing a profile that could not connect."""

from __future__ import annotations

import configparser
import json
from pathlib import Path

import pytest

from saagie_emulator import RunningPlatform
from saagieapi.cli._settings import client_arguments
from saagieapi.cli._state import State

from .conftest import invoke

REALMLESS_URL = "https://platform.example.com/projects/platform/6/"


@pytest.fixture
def bare_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """No SAAGIE_* variable at all (in the runner's environment and in this process)."""
    import os

    for name in list(os.environ):
        if name.startswith("SAAGIE_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SAAGIE_CONFIG", str(tmp_path / "config.ini"))
    return {"SAAGIE_CONFIG": str(tmp_path / "config.ini")}


def test_every_variable_the_sdk_reads_is_honoured(bare_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAAGIE_URL", "https://acme-workspace.saagie.io/projects/platform/6/")
    monkeypatch.setenv("SAAGIE_USER", "me")
    monkeypatch.setenv("SAAGIE_PASSWORD", "pw")
    monkeypatch.setenv("SAAGIE_MAX_RETRIES", "7")  # ignored by the command line before it used the SDK's reader
    monkeypatch.setenv("SAAGIE_TIMEOUT", "12.5")
    arguments = client_arguments(State())
    assert arguments["retries"] == 7 and arguments["timeout"] == 12.5
    assert (arguments["url_saagie"], arguments["realm"], arguments["id_platform"]) == (
        "https://acme-workspace.saagie.io",
        "acme",
        "6",
    )
    assert client_arguments(State(flags={"timeout": "3.0"}))["timeout"] == 3.0  # the flag wins
    monkeypatch.setenv("SAAGIE_MAX_RETRIES", "many")
    result = invoke(bare_env | {"SAAGIE_MAX_RETRIES": "many"}, "projects", "list")
    assert result.exit_code == 2 and "SAAGIE_MAX_RETRIES" in result.stderr


def test_a_profile_holds_every_setting_under_its_key(
    bare_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser["profile p"] = {
        "url": "https://acme-workspace.saagie.io/projects/platform/6/",
        "user": "me",
        "password": "pw",
        "retries": "4",
        "insecure": "true",
    }
    with (tmp_path / "config.ini").open("w") as handle:
        parser.write(handle)
    arguments = client_arguments(State(profile="p"))
    assert arguments["retries"] == 4 and arguments["verify_ssl"] is False
    monkeypatch.setenv("SAAGIE_MAX_RETRIES", "1")
    assert client_arguments(State(profile="p"))["retries"] == 4  # an explicit profile beats the environment
    parser["settings"] = {"default_profile": "p"}
    with (tmp_path / "config.ini").open("w") as handle:
        parser.write(handle)
    assert client_arguments(State())["retries"] == 1  # the environment beats the default profile


def test_a_host_without_the_realm_is_answered_with_the_flag_to_add(bare_env: dict[str, str]) -> None:
    env = bare_env | {"SAAGIE_URL": REALMLESS_URL, "SAAGIE_USER": "me", "SAAGIE_PASSWORD": "pw"}
    result = invoke(env, "projects", "list")
    assert result.exit_code == 2
    assert "--realm" in result.stderr and "SAAGIE_REALM" in result.stderr and "realm=" not in result.stderr
    as_json = invoke(env, "--json", "projects", "list")
    error = json.loads(as_json.stderr)["error"]
    assert "--realm" in error["hint"] and "SAAGIE_REALM" in error["hint"] and "realm=" not in error["hint"]
    wrong_scheme = invoke(
        env | {"SAAGIE_URL": "ftp://acme-workspace.saagie.io/projects/platform/6/"}, "projects", "list"
    )
    assert wrong_scheme.exit_code == 2 and "realm=" not in wrong_scheme.stderr


def test_config_set_refuses_a_profile_that_cannot_connect_for_lack_of_a_realm(
    saagie_platform: RunningPlatform, bare_env: dict[str, str], tmp_path: Path
) -> None:
    refused = invoke(bare_env, "config", "set", "nowhere", "--url", REALMLESS_URL, "--user", "me")
    assert refused.exit_code == 2
    assert "--realm" in refused.stderr and "not saved" in refused.stderr
    assert not (tmp_path / "config.ini").exists()
    base = invoke(bare_env, "config", "set", "base", "--url", "https://acme-workspace.saagie.io")
    assert base.exit_code == 2 and "--realm" in base.stderr and "--platform-id" in base.stderr
    assert invoke(bare_env, "config", "set", "ok", "--url", REALMLESS_URL, "--realm", "acme").exit_code == 0
    # a later change that keeps the realm of the stored profile is fine; the stored realm counts
    assert invoke(bare_env, "config", "set", "ok", "--user", "someone").exit_code == 0
    p = saagie_platform
    # the emulator's host (127.0.0.1) carries no realm either: with --realm the profile connects
    saved = invoke(bare_env, "config", "set", "emu", "--url", p.platform_url, "--realm", p.realm, "--user", p.user)
    assert saved.exit_code == 0, saved.stderr
    listed = invoke(bare_env | {"SAAGIE_PASSWORD": p.password}, "--json", "-p", "emu", "projects", "list")
    assert listed.exit_code == 0, listed.stderr


def test_global_flags_and_config_set_options_are_the_sdk_settings_table() -> None:
    """A connection setting added to the SDK's table is a flag of `saagie` and of `saagie config set` at once."""
    import typer

    from saagieapi._core.settings import SETTINGS
    from saagieapi.cli.main import app

    root = typer.main.get_command(app)
    config_set = root.commands["config"].commands["set"]  # type: ignore[attr-defined]
    expected = {item.flag for item in SETTINGS if item.flag}
    assert "--retries" in expected and "--password" not in expected  # secrets are never flags
    assert expected <= {opt for param in root.params for opt in param.opts}
    assert expected <= {opt for param in config_set.params for opt in param.opts}


def test_config_set_refuses_a_value_its_setting_cannot_read(bare_env: dict[str, str], tmp_path: Path) -> None:
    refused = invoke(bare_env, "config", "set", "p", "--url", REALMLESS_URL, "--realm", "acme", "--retries", "many")
    assert refused.exit_code == 2 and "--retries" in refused.stderr
    assert not (tmp_path / "config.ini").exists()
    saved = invoke(bare_env, "config", "set", "p", "--url", REALMLESS_URL, "--realm", "acme", "--retries", "5")
    assert saved.exit_code == 0, saved.stderr
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(tmp_path / "config.ini")
    assert parser.get("profile p", "retries") == "5"
