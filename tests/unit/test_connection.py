"""easy_connect URL parsing, from_env and constructor validation."""

from __future__ import annotations

import pytest

import saagieapi
from saagieapi import AsyncSaagieApi, SaagieApi
from saagieapi.connection import parse_platform_url, settings_from_env

VALID = [
    (
        "https://saagie-workspace.prod.saagie.io/projects/platform/6/",
        "https://saagie-workspace.prod.saagie.io",
        "saagie",
        "6",
    ),
    (
        "https://saagie-workspace.prod.saagie.io/projects/platform/6",
        "https://saagie-workspace.prod.saagie.io",
        "saagie",
        "6",
    ),
    ("http://acme-workspace.local/projects/platform/1/", "http://acme-workspace.local", "acme", "1"),
    (
        "https://acme-workspace.saagie.io:8443/projects/platform/12/",
        "https://acme-workspace.saagie.io:8443",
        "acme",
        "12",
    ),
    (
        "https://my-company-workspace.saagie.io/projects/platform/3/",
        "https://my-company-workspace.saagie.io",
        "my-company",
        "3",
    ),
    ("https://ACME-Workspace.Saagie.IO/projects/platform/4/", "https://acme-workspace.saagie.io", "ACME", "4"),
    (
        "https://acme-workspace.saagie.io/projects/platform/6/project/p-1/jobs",
        "https://acme-workspace.saagie.io",
        "acme",
        "6",
    ),
    (
        "https://acme-workspace.saagie.io/projects/platform/6/extra?x=1#top",
        "https://acme-workspace.saagie.io",
        "acme",
        "6",
    ),
    ("https://a-b/projects/platform/12", "https://a-b", "a", "12"),
    ("https://saagie_x-ws.io/projects/platform/2/", "https://saagie_x-ws.io", "saagie_x", "2"),
    ("https://acme-workspace.saagie.io/projects/platform/06/", "https://acme-workspace.saagie.io", "acme", "06"),
    ("  https://acme-workspace.saagie.io/projects/platform/6/  ", "https://acme-workspace.saagie.io", "acme", "6"),
]

INVALID = [
    "",
    "acme-workspace.saagie.io/projects/platform/6/",
    "ftp://acme-workspace.saagie.io/projects/platform/6/",
    "https://acme-workspace.saagie.io/",
    "https://acme-workspace.saagie.io/projects/platform/",
    "https://acme-workspace.saagie.io/projects/platform/six/",
    "https://acme-workspace.saagie.io//projects/platform/6/",
    "https://acme-workspace.saagie.io/projects/6/",
    "https://saagie.prod.saagie.io/projects/platform/6/",
    "https://localhost/projects/platform/6/",
    "http://127.0.0.1:8080/projects/platform/1/",
    "https://user:pw@acme-workspace.saagie.io/projects/platform/6/",
    "https://acme-workspace.saagie.io:notaport/projects/platform/6/",
    "https:///projects/platform/6/",
]


@pytest.mark.parametrize(("url", "base", "realm", "platform"), VALID)
def test_easy_connect_accepts(url: str, base: str, realm: str, platform: str) -> None:
    with SaagieApi.easy_connect(url, "alice", "pw") as api:
        assert (api.url_saagie, api.realm, api.platform) == (base, realm, platform)
        assert api.settings.projects_api_url == f"{base}/projects/api/platform/{platform}/graphql"


@pytest.mark.parametrize("url", INVALID)
def test_easy_connect_rejects_with_expected_shape(url: str) -> None:
    with pytest.raises(saagieapi.InvalidURLError) as caught:
        SaagieApi.easy_connect(url, "alice", "pw")
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "projects/platform" in message or "credentials" in message


def test_easy_connect_with_explicit_realm_for_loopback() -> None:
    with SaagieApi.easy_connect("http://127.0.0.1:8080/projects/platform/1/", "a", "b", realm="saagie") as api:
        assert (api.url_saagie, api.realm, api.platform) == ("http://127.0.0.1:8080", "saagie", "1")


def test_easy_connect_passes_options() -> None:
    with SaagieApi.easy_connect(VALID[0][0], "a", "b", timeout=3, retries=0) as api:
        assert api.settings.timeout == 3 and api.settings.retries == 0


def test_easy_connect_async() -> None:
    api = AsyncSaagieApi.easy_connect(VALID[0][0], "a", "b")
    assert api.realm == "saagie"


def test_ids_extracted_from_platform_urls() -> None:
    base = "https://acme-workspace.saagie.io/projects/platform/6"
    job = parse_platform_url(f"{base}/project/p1/job/j1/instances/i1")
    assert (job.project_id, job.job_id, job.instance_id) == ("p1", "j1", "i1")
    app = parse_platform_url(f"{base}/project/p1/app/a1")
    assert (app.project_id, app.app_id, app.job_id) == ("p1", "a1", None)
    pipeline = parse_platform_url(f"{base}/project/p1/pipeline/pp1/instances/pi1")
    assert (pipeline.pipeline_id, pipeline.instance_id) == ("pp1", "pi1")


def test_from_env_full_platform_url() -> None:
    env = {
        "SAAGIE_URL": "https://acme-workspace.saagie.io/projects/platform/6/",
        "SAAGIE_USER": "alice",
        "SAAGIE_PASSWORD": "pw",
        "SAAGIE_TIMEOUT": "12.5",
        "SAAGIE_MAX_RETRIES": "4",
        "SAAGIE_CA_BUNDLE": "/etc/ssl/ca.pem",
    }
    assert settings_from_env(env) == {
        "url_saagie": "https://acme-workspace.saagie.io",
        "id_platform": "6",
        "realm": "acme",
        "user": "alice",
        "password": "pw",
        "timeout": 12.5,
        "retries": 4,
        "verify_ssl": "/etc/ssl/ca.pem",
    }


def test_from_env_base_url_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {
        "SAAGIE_URL": "http://127.0.0.1:9000",
        "SAAGIE_PLATFORM_ID": "2",
        "SAAGIE_REALM": "local",
        "SAAGIE_USER": "bob",
        "SAAGIE_PASSWORD": "pw",
    }.items():
        monkeypatch.setenv(key, value)
    with SaagieApi.from_env(timeout=7) as api:
        assert (api.url_saagie, api.platform, api.realm, api.settings.user) == (
            "http://127.0.0.1:9000",
            "2",
            "local",
            "bob",
        )
        assert api.settings.timeout == 7


def test_from_env_names_what_is_missing() -> None:
    with pytest.raises(saagieapi.ConfigurationError) as caught:
        settings_from_env({"SAAGIE_URL": "http://127.0.0.1:9000"})
    message = str(caught.value)
    assert "SAAGIE_PLATFORM_ID" in message and "SAAGIE_PASSWORD" in message


def test_from_env_rejects_bad_numbers() -> None:
    env = {"SAAGIE_URL": VALID[0][0], "SAAGIE_USER": "a", "SAAGIE_PASSWORD": "b", "SAAGIE_MAX_RETRIES": "many"}
    with pytest.raises(saagieapi.ConfigurationError, match="SAAGIE_MAX_RETRIES"):
        settings_from_env(env)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"retries": -1}, "retries"),
        ({"timeout": 0}, "timeout"),
        ({"url_saagie": "acme.io"}, "url_saagie"),
        ({"id_platform": "abc"}, "id_platform"),
        ({"password": ""}, "password"),
    ],
)
def test_constructor_validates(kwargs: dict[str, object], fragment: str) -> None:
    arguments: dict[str, object] = {
        "url_saagie": "https://acme-workspace.saagie.io",
        "id_platform": "6",
        "user": "alice",
        "password": "pw",
        "realm": "acme",
    }
    arguments.update(kwargs)
    with pytest.raises(saagieapi.ConfigurationError, match=fragment):
        SaagieApi(**arguments)  # type: ignore[arg-type]


def test_password_not_in_settings_repr() -> None:
    with SaagieApi("https://x-workspace.io", 1, "alice", "hunter2-secret", "x") as api:
        assert "hunter2-secret" not in repr(api.settings) and "hunter2-secret" not in repr(api)
