"""Connection settings: one table (saagieapi._core.settings) read by from_env, the command line and the docs."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import saagieapi
from saagieapi import AsyncSaagieApi, SaagieApi
from saagieapi._core.settings import (
    REQUIRED,
    SETTINGS,
    ConnectionArguments,
    ConnectionOptions,
    ConnectionSettings,
    Setting,
    environment_layer,
    flags_layer,
    http_client_options,
    profile_layer,
    request_timeout,
    resolve,
)

ROOT = Path(__file__).resolve().parents[2]
URL = "https://acme-workspace.saagie.io/projects/platform/6/"


def test_every_setting_feeds_a_field_of_the_settings() -> None:
    fields = {item.name for item in dataclasses.fields(ConnectionSettings)}
    assert {item.argument for item in SETTINGS} == fields
    optional = {item.name for item in dataclasses.fields(ConnectionSettings) if item.name not in REQUIRED}
    assert set(ConnectionOptions.__annotations__) == optional
    assert set(ConnectionArguments.__annotations__) == fields


def test_every_setting_is_documented() -> None:
    """Adding a setting touches the core and docs/connecting.md: the table there lists every variable."""
    page = (ROOT / "docs" / "connecting.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(SAAGIE_[A-Z_]+)`", page))
    variables = {item.env for item in SETTINGS if item.env}
    assert variables <= documented, f"undocumented: {sorted(variables - documented)}"
    for option in ConnectionOptions.__annotations__:
        assert f"`{option}" in page, f"option {option} is not described in docs/connecting.md"


def test_secrets_are_never_flags() -> None:
    assert [item.key for item in SETTINGS if item.flag is None] == ["password"]
    assert {item.flag for item in SETTINGS if item.flag} >= {"--url", "--platform-id", "--timeout", "--retries"}


def test_layers_later_win_and_a_full_url_gives_realm_and_platform() -> None:
    profile = profile_layer("prod", {"url": URL, "user": "alice", "timeout": "30", "keyring": "true"})
    env = environment_layer({"SAAGIE_USER": "bob", "SAAGIE_PASSWORD": "pw", "SAAGIE_MAX_RETRIES": "5"})
    flags = flags_layer({"platform_id": "9", "timeout": 12.0, "insecure": False, "realm": None})
    assert resolve(profile, env, flags) == {
        "url_saagie": "https://acme-workspace.saagie.io",
        "id_platform": "9",
        "realm": "acme",
        "user": "bob",
        "password": "pw",
        "timeout": 12.0,
        "retries": 5,
    }


def test_insecure_wins_over_a_ca_bundle_and_overrides_win_over_layers() -> None:
    env = environment_layer(
        {"SAAGIE_URL": URL, "SAAGIE_USER": "a", "SAAGIE_PASSWORD": "b", "SAAGIE_CA_BUNDLE": "/ca.pem"}
    )
    assert resolve(env)["verify_ssl"] == "/ca.pem"
    assert resolve(env, flags_layer({"insecure": True}))["verify_ssl"] is False
    assert resolve(env, overrides={"verify_ssl": True, "user": "c", "timeout": None})["user"] == "c"


@pytest.mark.parametrize(
    ("layer", "named"),
    [
        (environment_layer({"SAAGIE_TIMEOUT": "soon"}), "SAAGIE_TIMEOUT='soon' is not a number of seconds"),
        (flags_layer({"retries": "many"}), "--retries='many' is not a whole number"),
        (profile_layer("prod", {"insecure": "maybe"}), "insecure (profile 'prod')='maybe' is not true or false"),
    ],
)
def test_a_bad_value_names_its_source(layer: object, named: str) -> None:
    with pytest.raises(saagieapi.ConfigurationError) as caught:
        resolve(layer)  # type: ignore[arg-type]
    assert named in str(caught.value)


def test_missing_settings_name_variables_and_flags() -> None:
    with pytest.raises(saagieapi.ConfigurationError) as caught:
        resolve(environment_layer({"SAAGIE_URL": "http://127.0.0.1:9000"}))
    message = str(caught.value)
    assert "id_platform (SAAGIE_PLATFORM_ID or --platform-id)" in message
    assert "password (SAAGIE_PASSWORD)" in message and "--password" not in message


@pytest.mark.parametrize("client", [SaagieApi, AsyncSaagieApi])
def test_an_unknown_option_is_a_type_error_naming_the_options(client: type) -> None:
    options = ", ".join(sorted(ConnectionOptions.__annotations__))
    assert options.startswith("proxy, retries, timeout")
    with pytest.raises(TypeError, match=r"timout.*options: " + re.escape(options)):
        client("https://x-workspace.io", 1, "alice", "pw", "x", timout=3)


def test_options_reach_the_settings() -> None:
    with SaagieApi.easy_connect(URL, "a", "b", retries=0, timeout=5, proxy="http://127.0.0.1:3128") as api:
        assert (api.settings.retries, api.settings.timeout, api.settings.proxy) == (0, 5, "http://127.0.0.1:3128")


def _sources(item: Setting, text: str) -> list[object]:
    found: list[object] = [profile_layer("prod", {item.key: text})]
    if item.env:
        found.append(environment_layer({item.env: text}))
    if item.flag:
        found.append(flags_layer({item.key: text}))
    return found


@pytest.mark.parametrize("item", SETTINGS, ids=lambda item: item.key)
def test_every_row_of_the_table_reaches_its_argument_from_each_of_its_sources(item: Setting) -> None:
    """A new row needs no other change for from_env, profiles and flags to give it (no list of keys to extend)."""
    base = environment_layer({"SAAGIE_URL": URL, "SAAGIE_USER": "a", "SAAGIE_PASSWORD": "b"})
    samples = {"url": (URL, "https://acme-workspace.saagie.io"), "insecure": ("yes", False)}
    kinds = {"_seconds": "7.5", "_count": "4", "_switch": "yes", "_text": "9"}
    text, expected = samples.get(item.key, (kinds[item.parse.__name__], None))
    expected = item.parse(text) if expected is None else expected
    for layer in _sources(item, text):
        arguments = resolve(base, layer)  # type: ignore[arg-type]
        assert arguments[item.argument] == expected, f"{item.key} from {layer.source}"  # type: ignore[attr-defined]


def test_the_http_client_is_built_from_the_settings() -> None:
    settings = ConnectionSettings(
        url_saagie="https://acme-workspace.saagie.io", id_platform="6", user="a", password="b", realm="acme",
        timeout=5, proxy="http://127.0.0.1:3128",
    )  # fmt: skip
    assert http_client_options(settings, user_agent="ua/1") == {
        "proxy": "http://127.0.0.1:3128",
        "timeout": (5, 5, 5, 5),
        "headers": {"User-Agent": "ua/1"},
        "follow_redirects": False,
    }
    assert request_timeout(60) == (10.0, 60, 60, 60) and request_timeout(None) is None
    with SaagieApi.easy_connect(URL, "a", "b", timeout=30) as api:
        client = api.transport._client
        assert client.timeout.connect == 10.0 and client.timeout.read == 30
        assert client.headers["User-Agent"].startswith("saagieapi/") and client.follow_redirects is False
