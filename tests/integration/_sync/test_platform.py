# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
"""Platform-level methods of the client against the emulator over real HTTP."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi

from ...support.twins import sync_gather


@pytest.fixture
def api(platform: RunningPlatform) -> Iterator[SaagieApi]:
    """Overrides the shared ``api``: these tests also cover ``easy_connect`` (platform URL, id looked up)."""
    with SaagieApi.easy_connect(
        platform.platform_url, platform.user, platform.password, realm=platform.realm
    ) as client:
        yield client


def test_platform_info_and_capacity(api: SaagieApi, platform: RunningPlatform) -> None:
    info = api.get_platform_info()
    assert str(info.id) == str(platform.platform_id)
    assert info.counts.projects >= 0
    nodes = api.get_cluster_capacity()
    assert nodes and all(node.cpu > 0 for node in nodes)


def test_catalog_is_cached_until_refresh(api: SaagieApi, platform: RunningPlatform) -> None:
    first = api.get_repositories_info()
    assert any(repo.name == "Saagie" for repo in first)
    assert api.get_repositories_info() is first
    assert api.refresh_catalog() is not first


def test_technology_helpers(api: SaagieApi) -> None:
    technologies = api.get_available_technologies("saagie")
    python = next(tech for tech in technologies if tech.label == "Python")
    assert api.get_technology_name_by_id(python.id) == ("Saagie", "Python")
    runtimes = api.get_runtimes(python.id)
    assert runtimes.id == python.id and runtimes.contexts  # type: ignore[union-attr]
    assert api.check_technology({"a": 1}, "python", "Saagie", [python.id]) == {"a": 1, "technologyId": python.id}
    with pytest.raises(saagieapi.InvalidInputError, match="not enabled"):
        api.check_technology({}, "python", "Saagie", [])
    with pytest.raises(saagieapi.NotFoundError, match="Available: "):
        api.check_technology({}, "cobol", "Saagie", [python.id])
    assert api.get_available_technologies("no-such-catalog") == []


def test_runtime_label_by_id(api: SaagieApi) -> None:
    jupyter = next(t for t in api.get_available_technologies("Saagie") if t.label == "Jupyter Notebook")
    context = jupyter.app_contexts[0]  # type: ignore[union-attr]
    assert api.get_runtime_label_by_id(jupyter.id, context.id) == context.label
    with pytest.raises(saagieapi.NotFoundError, match="runtime"):
        api.get_runtime_label_by_id(jupyter.id, "no-such-runtime")
    with pytest.raises(saagieapi.NotFoundError, match="technology"):
        api.get_runtime_label_by_id("00000000-0000-0000-0000-000000000000", context.id)


def test_wrong_password_raises_typed_error(platform: RunningPlatform) -> None:
    with SaagieApi(platform.url, platform.platform_id, platform.user, "wrong", platform.realm) as client:
        with pytest.raises(saagieapi.AuthenticationError):
            client.get_platform_info()


def test_expired_tokens_are_renewed_once(
    api: SaagieApi, platform: RunningPlatform, caplog: pytest.LogCaptureFixture
) -> None:
    api.get_platform_info()
    assert api.transport.login_count == 1
    platform.expire_tokens()
    api.get_platform_info()
    assert api.transport.login_count == 2


def test_secrets_absent_from_debug_logs(
    api: SaagieApi, platform: RunningPlatform, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="saagieapi"):
        api.get_platform_info()
        platform.expire_tokens()
        api.get_cluster_capacity()
    token = api.transport._token
    assert token and caplog.records
    for record in caplog.records:
        assert platform.password not in record.getMessage() and token not in record.getMessage()


def test_platform_methods_through_easy_connect(platform: RunningPlatform) -> None:
    with SaagieApi.easy_connect(platform.platform_url, platform.user, platform.password, realm=platform.realm) as api:
        info = api.get_platform_info()
        assert str(info.id) == str(platform.platform_id)
        assert api.get_cluster_capacity()
        repos = api.get_repositories_info()
        python = next(t for r in repos for t in r.technologies if t.label == "Python")
        assert api.get_technology_name_by_id(python.id) == ("Saagie", "Python")
        assert (api.get_runtimes(python.id)).label == "Python"


def test_concurrent_calls_share_one_relogin_per_expiry(api: SaagieApi, platform: RunningPlatform) -> None:
    """Threads of one SaagieApi, tasks of one SaagieApi: one login per expiry of the token."""
    api.get_platform_info()
    for expiry, (calls, concurrency) in enumerate([(32, 8), (32, 8), (32, 8), (50, 50)], start=1):
        platform.expire_tokens()

        def platform_id() -> int:
            return (api.get_platform_info()).id

        results = sync_gather([platform_id] * calls, concurrency=concurrency)
        assert len(results) == calls and set(results) == {int(platform.platform_id)}
        assert api.transport.login_count == 1 + expiry


def test_validation_helpers_from_env_and_close(
    api: SaagieApi, platform: RunningPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the 2.x static helpers, through the client object (instance and class)
    assert api.check_alerting(["ops@acme.io"], None) == {
        "alerting": {"emails": ["ops@acme.io"], "statusList": ["FAILED"]}
    }
    with pytest.raises(saagieapi.InvalidInputError, match="BROKEN"):
        api.check_alerting(["ops@acme.io"], ["BROKEN"])
    assert SaagieApi.check_scheduling("0 2 * * *", "Europe/Paris") == {
        "isScheduled": True,
        "cronScheduling": "0 2 * * *",
        "scheduleTimezone": "Europe/Paris",
    }
    with pytest.raises(saagieapi.InvalidInputError, match="timezone"):
        api.check_scheduling("0 2 * * *", "Mars/Olympus")
    technologies = api.get_available_technologies("Saagie")
    python = next(t for t in technologies if t.label == "Python")
    assert api.check_technology_valid(["python"], technologies, "Saagie") == [python.id]
    with pytest.raises(saagieapi.NotFoundError, match="cobol"):
        api.check_technology_valid(["cobol"], technologies, "Saagie")
    assert api.check_technology_configured({"x": 1}, "python", python.id, [python.id]) == {
        "x": 1,
        "technologyId": python.id,
    }
    with pytest.raises(saagieapi.InvalidInputError, match="not enabled"):
        api.check_technology_configured({}, "python", python.id, [])

    monkeypatch.setenv("SAAGIE_URL", platform.platform_url)
    monkeypatch.setenv("SAAGIE_REALM", platform.realm)
    monkeypatch.setenv("SAAGIE_USER", platform.user)
    monkeypatch.setenv("SAAGIE_PASSWORD", platform.password)
    from_env = SaagieApi.from_env(retries=0)
    assert from_env.platform == str(platform.platform_id) and from_env.realm == platform.realm
    assert str((from_env.get_platform_info()).id) == str(platform.platform_id)
    assert not from_env.transport._client.is_closed
    from_env.close()
    assert from_env.transport._client.is_closed


def test_from_env_catalog_checks_validation_and_close(
    platform: RunningPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAAGIE_URL", platform.platform_url)
    monkeypatch.setenv("SAAGIE_REALM", platform.realm)
    monkeypatch.setenv("SAAGIE_USER", platform.user)
    monkeypatch.setenv("SAAGIE_PASSWORD", platform.password)
    api = SaagieApi.from_env(retries=0)
    assert api.platform == str(platform.platform_id)

    first = api.get_repositories_info()
    refreshed = api.refresh_catalog()
    assert refreshed is not first and [r.name for r in refreshed] == [r.name for r in first]
    assert api.get_repositories_info() is refreshed
    technologies = api.get_available_technologies("Saagie")
    python = next(t for t in technologies if t.label == "Python")
    assert api.get_available_technologies("no-such-catalog") == []
    assert api.check_technology({"a": 1}, "python", "Saagie", [python.id]) == {
        "a": 1,
        "technologyId": python.id,
    }
    with pytest.raises(saagieapi.InvalidInputError, match="not enabled"):
        api.check_technology({}, "python", "Saagie", [])
    jupyter = next(t for t in technologies if t.label == "Jupyter Notebook")
    context = jupyter.app_contexts[0]  # type: ignore[union-attr]
    assert api.get_runtime_label_by_id(jupyter.id, context.id) == context.label
    with pytest.raises(saagieapi.NotFoundError, match="runtime"):
        api.get_runtime_label_by_id(jupyter.id, "no-such-runtime")

    # the static helpers, through the client (instance and class)
    assert api.check_alerting(None, ["killed"]) == {"alerting": {"emails": [], "statusList": ["KILLED"]}}
    assert SaagieApi.check_scheduling(" 0 0 * * * ", "UTC")["cronScheduling"] == "0 0 * * *"
    with pytest.raises(saagieapi.InvalidInputError, match="cron"):
        api.check_scheduling("every day", "UTC")
    assert api.check_technology_valid(["PYTHON"], technologies, "Saagie") == [python.id]
    with pytest.raises(saagieapi.InvalidInputError):
        api.check_technology_configured({}, "python", python.id, ["other"])
    assert api.check_technology_configured({}, "python", python.id, [python.id]) == {"technologyId": python.id}

    api.close()
    assert api.transport._client.is_closed


def test_concurrent_first_calls_download_the_catalog_once(api: SaagieApi, platform: RunningPlatform) -> None:
    api.login()
    before = platform.stats.snapshot()["paths"].get("/gateway/api/graphql", 0)
    catalogs = sync_gather([api.get_repositories_info] * 16, concurrency=8)
    assert all(catalog is catalogs[0] for catalog in catalogs)
    assert platform.stats.snapshot()["paths"].get("/gateway/api/graphql", 0) - before == 1
