"""The public surface: sync and async clients match each other, and every 2.x method exists with its parameters."""

from __future__ import annotations

import importlib
import inspect

import pytest

from saagieapi import AsyncSaagieApi, SaagieApi

from ..support.saagieapi2 import saagieapi2_signatures

RESOURCES = [
    "projects",
    "jobs",
    "apps",
    "pipelines",
    "env_vars",
    "docker_credentials",
    "storages",
    "repositories",
    "users",
    "groups",
    "profiles",
]

#: 2.x methods that deliberately do not exist in 3.x, with the reason (documented in the migration guide).
REMOVED: dict[str, dict[str, str]] = {
    "SaagieApi": {},
}
#: 2.x parameters deliberately dropped, per "class.method": reason.
DROPPED_PARAMETERS: dict[str, dict[str, str]] = {
    "SaagieApi.__init__": {"pprint_global": "the library never prints; results are typed models"},
    "pipelines.list_for_project": {"pprint_result": "the library never prints; results are typed models"},
    "pipelines.get_info": {"pprint_result": "the library never prints; results are typed models"},
    "pipelines.get_info_by_name": {"pprint_result": "the library never prints; results are typed models"},
    "pipelines.get_info_by_alias": {"pprint_result": "the library never prints; results are typed models"},
    "pipelines.get_instance": {"pprint_result": "the library never prints; results are typed models"},
    "env_vars.list": {"pprint_result": "the library never prints; results are typed models"},
    "env_vars.get": {"pprint_result": "the library never prints; results are typed models"},
    "env_vars.list_globals": {"pprint_result": "the library never prints; results are typed models"},
    "env_vars.list_for_project": {"pprint_result": "the library never prints; results are typed models"},
    "env_vars.list_for_pipeline": {"pprint_result": "the library never prints; results are typed models"},
    "docker_credentials.list_for_project": {"pprint_result": "the library never prints; results are typed models"},
    "docker_credentials.get_info": {"pprint_result": "the library never prints; results are typed models"},
    "storages.list_for_project": {"pprint_result": "the library never prints; results are typed models"},
    "repositories.list": {"pprint_result": "the library never prints; results are typed models"},
    "repositories.get_info": {"pprint_result": "the library never prints; results are typed models"},
}


def public_methods(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_") and callable(member)
    }


def sync_name(name: str) -> str:
    return {"aclose": "close"}.get(name, name)


@pytest.mark.parametrize("resource", [None, *RESOURCES])
def test_sync_and_async_surfaces_match(resource: str | None) -> None:
    sync_cls: type = SaagieApi
    async_cls: type = AsyncSaagieApi
    if resource is not None:
        sync_module = importlib.import_module(f"saagieapi._sync.{resource}")
        async_module = importlib.import_module(f"saagieapi._async.{resource}")
        (sync_cls,) = [getattr(sync_module, n) for n in sync_module.__all__]
        (async_cls,) = [getattr(async_module, n) for n in async_module.__all__]
    sync_methods = public_methods(sync_cls)
    async_methods = {sync_name(name): sig for name, sig in public_methods(async_cls).items()}
    assert sorted(sync_methods) == sorted(async_methods)
    for name, signature in sync_methods.items():
        assert list(signature.parameters) == list(async_methods[name].parameters), name
        for param in signature.parameters.values():
            assert param.kind == async_methods[name].parameters[param.name].kind, (name, param.name)
            assert param.default == async_methods[name].parameters[param.name].default, (name, param.name)
        member = getattr(async_cls, next(n for n in dir(async_cls) if sync_name(n) == name))
        member_sync = getattr(sync_cls, name)
        if inspect.iscoroutinefunction(member):
            assert not inspect.iscoroutinefunction(member_sync), name


def _ours(resource: str) -> type:
    if resource == "SaagieApi":
        return SaagieApi
    module = importlib.import_module(f"saagieapi._sync.{resource}")
    (cls,) = [getattr(module, n) for n in module.__all__]
    return cls


def differences(resource: str) -> list[str]:
    theirs = saagieapi2_signatures()[resource]
    ours = public_methods(_ours(resource))
    problems = []
    for method, params in sorted(theirs.items()):
        if method in REMOVED.get(resource, {}):
            continue
        if method not in ours:
            problems.append(f"{resource}.{method} is missing")
            continue
        our_params = list(ours[method].parameters)
        dropped = DROPPED_PARAMETERS.get(f"{resource}.{method}", {})
        missing = [p for p in params if p not in our_params and p not in dropped]
        if missing:
            problems.append(f"{resource}.{method} lacks 2.x parameter(s) {missing}")
    return problems


@pytest.mark.compat
def test_platform_methods_match_saagieapi2() -> None:
    assert differences("SaagieApi") == []


def test_constructor_keeps_saagieapi2_parameter_names() -> None:
    from saagieapi.connection import ConnectionOptions

    ours = list(inspect.signature(SaagieApi.__init__).parameters)
    assert ours[:6] == ["self", "url_saagie", "id_platform", "user", "password", "realm"]
    for name in ["retries", "timeout"]:  # keyword options, typed by ConnectionOptions (``**options``)
        assert name in ConnectionOptions.__annotations__
    assert list(inspect.signature(SaagieApi.easy_connect).parameters)[:3] == ["url_saagie_platform", "user", "password"]


@pytest.mark.compat
def test_repositories_match_saagieapi2() -> None:
    assert differences("repositories") == []


@pytest.mark.compat
def test_pipelines_match_saagieapi2() -> None:
    assert differences("pipelines") == []


_NO_PRINT = {"pprint_result": "the library never prints; results are typed models"}
DROPPED_PARAMETERS.update(
    {
        f"{resource}.{method}": _NO_PRINT
        for resource, methods in {
            "projects": ("list", "get_info", "get_info_by_name", "get_jobs_technologies", "get_apps_technologies"),
            "jobs": ("list_for_project", "get_instance", "get_info", "get_info_by_alias"),
            "apps": ("list_for_project", "get_info"),
        }.items()
        for method in methods
    }
)


@pytest.mark.compat
@pytest.mark.parametrize("resource", ["projects", "jobs", "apps"])
def test_projects_jobs_apps_match_saagieapi2(resource: str) -> None:
    assert differences(resource) == []


@pytest.mark.compat
def test_users_match_saagieapi2() -> None:
    assert differences("users") == []


@pytest.mark.compat
def test_groups_match_saagieapi2() -> None:
    assert differences("groups") == []


@pytest.mark.compat
def test_profiles_match_saagieapi2() -> None:
    assert differences("profiles") == []


@pytest.mark.compat
def test_env_vars_match_saagieapi2() -> None:
    assert differences("env_vars") == []


@pytest.mark.compat
def test_docker_credentials_match_saagieapi2() -> None:
    assert differences("docker_credentials") == []


@pytest.mark.compat
def test_storages_match_saagieapi2() -> None:
    assert differences("storages") == []


#: Optional parameters of methods new in 3.x (or new in a 2.x method) that stay positional, with the reason.
POSITIONAL_OPTIONS: dict[str, str] = {
    "apps.count_logs.execution_id": "names which execution to read (the app's last one when omitted)",
    "apps.follow_logs.execution_id": "names which execution to read (the app's last one when omitted)",
    "apps.get_execution_logs.execution_id": "names which execution to read (the app's last one when omitted)",
    "apps.iter_logs.execution_id": "names which execution to read (the app's last one when omitted)",
}


def positional_options(resource: str) -> list[str]:
    """Optional parameters that 2.x did not have in that method but that can still be passed by position."""
    theirs = saagieapi2_signatures()[resource]
    found = []
    for method, signature in public_methods(_ours(resource)).items():
        for param in signature.parameters.values():
            if param.kind is not param.POSITIONAL_OR_KEYWORD or param.default is param.empty:
                continue
            name = f"{resource}.{method}.{param.name}"
            if param.name not in theirs.get(method, []) and name not in POSITIONAL_OPTIONS:
                found.append(name)
    return found


@pytest.mark.compat
@pytest.mark.parametrize("resource", ["SaagieApi", *RESOURCES])
def test_options_new_in_3x_are_keyword_only(resource: str) -> None:
    """CONTRIBUTING: options are keyword-only (``set_major_version(job_id, 3, False)`` does not say what False is);
    only 2.x's own parameters keep their positions, so that 2.x calls keep working."""
    assert positional_options(resource) == []
