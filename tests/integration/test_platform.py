"""Platform-level methods of SaagieApi and AsyncSaagieApi against the emulator over real HTTP."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi, SaagieApi

from ..support.platforms import connect_async


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
    with pytest.raises(saagieapi.NotFoundError, match="available: "):
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
    with (
        SaagieApi(platform.url, platform.platform_id, platform.user, "wrong", platform.realm) as client,
        pytest.raises(saagieapi.AuthenticationError),
    ):
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


@pytest.mark.anyio
async def test_async_platform_methods(platform: RunningPlatform) -> None:
    async with AsyncSaagieApi.easy_connect(
        platform.platform_url, platform.user, platform.password, realm=platform.realm
    ) as api:
        info = await api.get_platform_info()
        assert str(info.id) == str(platform.platform_id)
        assert await api.get_cluster_capacity()
        repos = await api.get_repositories_info()
        python = next(t for r in repos for t in r.technologies if t.label == "Python")
        assert await api.get_technology_name_by_id(python.id) == ("Saagie", "Python")
        assert (await api.get_runtimes(python.id)).label == "Python"


def test_threads_share_one_relogin_per_expiry(api: SaagieApi, platform: RunningPlatform) -> None:
    from concurrent.futures import ThreadPoolExecutor

    api.get_platform_info()
    for expiry in range(1, 4):
        platform.expire_tokens()
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _: api.get_platform_info().id, range(32)))
        assert len(results) == 32
        assert api.transport.login_count == 1 + expiry


@pytest.mark.anyio
async def test_tasks_share_one_relogin_per_expiry(platform: RunningPlatform) -> None:
    import anyio

    async with connect_async(platform) as api:
        await api.get_platform_info()
        platform.expire_tokens()
        results: list[int] = []

        async def call() -> None:
            results.append((await api.get_platform_info()).id)

        async with anyio.create_task_group() as group:
            for _ in range(50):
                group.start_soon(call)
        assert len(results) == 50 and api.transport.login_count == 2
