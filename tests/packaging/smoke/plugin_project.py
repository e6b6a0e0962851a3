"""A throwaway user test project (copied as test_plugin_project.py): the installed plugin's ``saagie_platform`` fixture."""

from saagieapi import SaagieApi


def test_the_fixture_serves_a_fresh_platform(saagie_platform) -> None:  # type: ignore[no-untyped-def]
    with SaagieApi.easy_connect(
        saagie_platform.platform_url, saagie_platform.user, saagie_platform.password, realm=saagie_platform.realm
    ) as api:
        assert api.projects.list() == []
        api.projects.create("from-the-fixture")
        assert [project.name for project in api.projects.list()] == ["from-the-fixture"]


def test_each_test_gets_it_reset(saagie_platform) -> None:  # type: ignore[no-untyped-def]
    with SaagieApi.easy_connect(
        saagie_platform.platform_url, saagie_platform.user, saagie_platform.password, realm=saagie_platform.realm
    ) as api:
        assert api.projects.list() == []
