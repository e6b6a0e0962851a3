"""``saagieapi.v2`` itself: lazy import, warnings naming the typed call, errors that keep 2.x's ``except``
clauses working, the method table, the typed client behind it."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Iterator

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi.errors import AuthenticationError, GraphQLError, InvalidInputError, NotFoundError, SaagieError
from saagieapi.v2 import SaagieApi, V2DeprecationWarning, disable_warnings, enable_warnings, warnings_enabled
from saagieapi.v2._registry import methods
from saagieapi.v2.errors import compatible


@pytest.fixture
def saagie(saagie_platform: RunningPlatform) -> Iterator[SaagieApi]:
    platform = saagie_platform
    with SaagieApi(platform.url, str(platform.platform_id), platform.user, platform.password, platform.realm) as client:
        yield client


@pytest.fixture
def warnings_on() -> Iterator[None]:
    enable_warnings()
    try:
        yield
    finally:
        disable_warnings()


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def test_import_saagieapi_does_not_load_the_v2_layer() -> None:
    loaded = _modules_after("import saagieapi\nsaagieapi.SaagieApi")
    assert not {name for name in loaded if name.startswith("saagieapi.v2")}


def test_import_saagieapi_v2_loads_nothing_heavy() -> None:
    loaded = _modules_after("import saagieapi.v2")
    assert not loaded & {"httpx", "pydantic", "saagieapi._sync.client", "saagieapi.v2.saagie_api"}


def test_the_typed_client_is_behind_the_v2_one(saagie: SaagieApi, saagie_platform: RunningPlatform) -> None:
    assert isinstance(saagie.typed, saagieapi.SaagieApi)
    assert (saagie.url_saagie, saagie.platform) == (saagie_platform.url, str(saagie_platform.platform_id))
    assert saagie.get_platform_info()["platform"]["name"] == saagie.typed.get_platform_info().name


def test_warnings_are_off_by_default() -> None:
    assert not warnings_enabled()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        SaagieApi.check_scheduling("0 0 * * *", "UTC")
    assert [w for w in caught if issubclass(w.category, V2DeprecationWarning)] == []


def test_warnings_name_the_typed_call(saagie: SaagieApi, warnings_on: None) -> None:
    with pytest.warns(V2DeprecationWarning) as caught:
        project_id = saagie.projects.create("warned", group="administrators", role="Viewer")["createProject"]["id"]
        saagie.jobs.list_for_project_minimal(project_id)
    messages = [str(warning.message) for warning in caught]
    assert messages[0].startswith("saagieapi.v2 projects.create(): use api.projects.create() of the typed client")
    assert "no ['createProject'] wrapper" in messages[0]
    assert messages[1].startswith(
        "saagieapi.v2 jobs.list_for_project_minimal(): use api.jobs.list_for_project_minimal()"
    )
    assert caught[0].filename == __file__  # points at the caller's line, not at saagieapi


def test_deprecated_2x_methods_name_their_replacement(warnings_on: None) -> None:
    info = methods()["env_vars.create_global"]
    assert (info.replacement, info.note) == ("api.env_vars.create", 'scope "GLOBAL"')


def test_warnings_can_be_turned_on_by_the_environment() -> None:
    code = (
        "import warnings, saagieapi.v2\n"
        "warnings.simplefilter('error', saagieapi.v2.V2DeprecationWarning)\n"
        "saagieapi.v2.SaagieApi.check_alerting(['a@b.c'], ['FAILED'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"SAAGIEAPI_V2_WARNINGS": "1", "PATH": ""},
        check=False,
    )
    assert result.returncode == 1
    assert (
        "V2DeprecationWarning: saagieapi.v2 SaagieApi.check_alerting(): use SaagieApi.check_alerting()" in result.stderr
    )


def _resource(name: str) -> type:
    import importlib

    module = importlib.import_module(f"saagieapi._sync.{name}")
    (cls,) = [getattr(module, exported) for exported in module.__all__]
    return cls


def test_the_method_table_has_the_170_methods_and_their_typed_calls_exist() -> None:
    table = methods()
    assert len(table) == 170
    for key, info in table.items():
        *owner, method = info.replacement.split(".")
        target = saagieapi.SaagieApi if owner in (["api"], ["SaagieApi"]) else _resource(owner[1])
        assert callable(getattr(target, method, None)), f"{key}: {info.replacement} does not exist"
        assert getattr(SaagieApi, key.split(".")[1], None) is not None or key.split(".")[0] != "SaagieApi"


def test_a_failed_login_raises_instead_of_exiting(saagie_platform: RunningPlatform) -> None:
    platform = saagie_platform
    with pytest.raises(AuthenticationError) as raised:
        SaagieApi(platform.url, str(platform.platform_id), platform.user, "wrong password", platform.realm)
    assert "wrong password" not in str(raised.value)


def test_graphql_errors_are_raised_where_2x_returned_none(saagie: SaagieApi) -> None:
    project_id = saagie.projects.create("errors", group="administrators", role="Viewer")["createProject"]["id"]
    assert saagie.projects.delete(project_id) == {"deleteProject": True}
    with pytest.raises(SaagieError) as raised:  # 2.x printed the error and returned {"deleteProject": None}
        saagie.projects.delete(project_id)
    assert isinstance(raised.value, GraphQLError | NotFoundError)


def test_2x_builtin_classes_are_added_to_the_typed_errors() -> None:
    original = NotFoundError("job", "ingest", scope="project 'demo'")
    converted = compatible(original)
    assert isinstance(converted, NotFoundError) and isinstance(converted, NameError)
    assert (converted.kind, converted.name, converted.scope) == ("job", "ingest", "project 'demo'")
    assert str(converted) == str(original) and converted.__cause__ is original
    invalid = compatible(InvalidInputError("a group needs a role"))
    assert isinstance(invalid, RuntimeError) and isinstance(invalid, ValueError)
    value_error = compatible(NotFoundError("environment variable", "X"), {NotFoundError: (ValueError,)})
    assert isinstance(value_error, ValueError) and not isinstance(value_error, NameError)
    assert compatible(GraphQLError([{"message": "boom"}])).__class__ is GraphQLError


def test_group_without_role_is_a_runtime_error(saagie: SaagieApi) -> None:
    with pytest.raises(RuntimeError) as raised:
        saagie.projects.create("no role", group="administrators")
    assert isinstance(raised.value, InvalidInputError)
    assert "role" in str(raised.value)


def test_rest_errors_are_requests_http_errors_with_a_response(saagie: SaagieApi) -> None:
    """2.x scripts catch ``requests.exceptions.HTTPError`` around users/groups/profiles calls and read
    ``error.response.status_code`` (2.x called ``raise_for_status()``)."""
    import requests

    with pytest.raises(requests.exceptions.HTTPError) as missing:
        saagie.users.get_info("nobody_there")
    assert isinstance(missing.value, NotFoundError) and not isinstance(missing.value, NameError)
    assert missing.value.response.status_code == 404 and missing.value.response.reason == "Not Found"
    assert missing.value.request is None and missing.value.kind == "user"
    with pytest.raises(requests.exceptions.HTTPError) as conflict:
        saagie.groups.create(saagie.groups.list()[0]["name"], [])
    assert isinstance(conflict.value, saagieapi.HTTPStatusError)
    assert conflict.value.response.status_code == conflict.value.status_code == 409
    assert conflict.value.response.ok is False and "409" in str(conflict.value)


def test_rest_errors_without_requests_installed() -> None:
    """``requests`` is not a dependency: without it, the typed errors are raised as they are."""
    code = (
        "import sys\n"
        "sys.modules['requests'] = None  # not installed\n"
        "from saagieapi.errors import HTTPStatusError, NotFoundError\n"
        "from saagieapi.v2.errors import compatible, rest_2x_classes\n"
        "error = NotFoundError('user', 'x')\n"
        "assert compatible(error, rest_2x_classes()) is error\n"
        "http = HTTPStatusError('m', status_code=409, method='POST', url='u')\n"
        "assert compatible(http, rest_2x_classes()) is http\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_v2_layer_never_imports_requests_itself() -> None:
    loaded = _modules_after("import saagieapi.v2\nfrom saagieapi.v2 import SaagieApi\nimport saagieapi.v2.users.users")
    assert "requests" not in loaded
