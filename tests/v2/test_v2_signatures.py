"""``saagieapi.v2`` has every public method, class and module path of the installed saagieapi 2.13.1, with the
same parameters (names, order, kinds, defaults) and the same static/class/instance kind.

The 2.x side is read by inspecting saagieapi 2.13.1 in its own interpreter (``SAAGIEAPI2_PYTHON``).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
from typing import Any

import pytest

from tests.support.saagieapi2 import run_python2

pytestmark = pytest.mark.compat

#: 2.x class key -> (module of the class under saagieapi / saagieapi.v2, class name)
CLASSES = {
    "SaagieApi": ("saagie_api", "SaagieApi"),
    "projects": ("projects.projects", "Projects"),
    "jobs": ("jobs.jobs", "Jobs"),
    "pipelines": ("pipelines.pipelines", "Pipelines"),
    "apps": ("apps.apps", "Apps"),
    "env_vars": ("env_vars.env_vars", "EnvVars"),
    "docker_credentials": ("docker_credentials.docker_credentials", "DockerCredentials"),
    "storages": ("storages.storages", "Storages"),
    "repositories": ("repositories.repositories", "Repositories"),
    "users": ("users.users", "Users"),
    "groups": ("groups.groups", "Groups"),
    "profiles": ("profiles.profiles", "Profiles"),
}
GRAPH_CLASSES = ["Node", "JobNode", "ConditionNode", "ConditionStatusNode", "ConditionExpressionNode", "GraphPipeline"]
#: Module paths of 2.x that scripts import, and the public names they expose.
MODULES = [
    "",
    "saagie_api",
    "projects",
    "jobs",
    "pipelines",
    "pipelines.graph_pipeline",
    "apps",
    "env_vars",
    "docker_credentials",
    "storages",
    "repositories",
    "users",
    "groups",
    "profiles",
    "utils",
    "utils.folder_functions",
    "utils.gql_client",
]

_DUMP = r"""
import importlib, inspect, json
CLASSES = %s
GRAPH = %s
MODULES = %s

def params(function):
    return [[p.name, p.kind.name, repr(p.default)] for p in inspect.signature(function).parameters.values()
            if p.name not in ("self", "cls")]

out = {"methods": {}, "constructors": {}, "functions": {}, "modules": {}}
for key, (module, name) in CLASSES.items():
    cls = getattr(importlib.import_module("saagieapi." + module), name)
    for attribute, member in inspect.getmembers(cls):
        if attribute.startswith("_") or not callable(member):
            continue
        out["methods"][key + "." + attribute] = {
            "kind": type(inspect.getattr_static(cls, attribute)).__name__, "params": params(member)}
out["constructors"]["SaagieApi"] = params(getattr(importlib.import_module("saagieapi.saagie_api"), "SaagieApi"))
graph = importlib.import_module("saagieapi.pipelines.graph_pipeline")
for name in GRAPH:
    cls = getattr(graph, name)
    out["constructors"][name] = params(cls)
    for attribute, member in vars(cls).items():
        if callable(member) and not attribute.startswith("_"):
            out["methods"][name + "." + attribute] = {"kind": "function", "params": params(member)}
folder = importlib.import_module("saagieapi.utils.folder_functions")
for name, member in inspect.getmembers(folder, inspect.isfunction):
    if member.__module__ == folder.__name__:
        out["functions"][name] = params(member)
for module in MODULES:
    imported = importlib.import_module("saagieapi" + ("." + module if module else ""))
    out["modules"][module] = sorted(getattr(imported, "__all__", []))
print(json.dumps(out))
"""


@functools.cache
def theirs() -> dict[str, Any]:
    code = _DUMP % (repr(CLASSES), repr(GRAPH_CLASSES), repr(MODULES))
    data: dict[str, Any] = json.loads(run_python2(code).strip().splitlines()[-1])
    return data


def _params(function: Any) -> list[list[str]]:
    return [
        [p.name, p.kind.name, repr(p.default)]
        for p in inspect.signature(function).parameters.values()
        if p.name not in ("self", "cls")
    ]


def _v2_class(key: str) -> type:
    module, name = CLASSES.get(key, ("pipelines.graph_pipeline", key))
    cls: type = getattr(importlib.import_module(f"saagieapi.v2.{module}"), name)
    return cls


def test_the_170_methods_of_2x_are_compared() -> None:
    service_methods = [key for key in theirs()["methods"] if key.split(".")[0] in CLASSES]
    assert len(service_methods) == 170


def test_every_method_has_the_2x_signature() -> None:
    problems = []
    for method, expected in theirs()["methods"].items():
        owner, name = method.split(".")
        cls = _v2_class(owner)
        if not hasattr(cls, name):
            problems.append(f"{method}: missing")
            continue
        member = getattr(cls, name)
        ours = _params(member)
        kind = type(inspect.getattr_static(cls, name)).__name__
        if owner in GRAPH_CLASSES:
            # the graph classes are the typed ones: 2.x's parameters first, keyword-only options after
            if ours[: len(expected["params"])] != expected["params"]:
                problems.append(f"{method}: {ours} (2.x: {expected['params']})")
            continue
        if kind != expected["kind"]:
            problems.append(f"{method}: a {kind} (2.x: a {expected['kind']})")
        if ours != expected["params"]:
            problems.append(f"{method}: {ours} (2.x: {expected['params']})")
    assert problems == []


def _starts_with_2x(ours: list[list[str]], expected: list[list[str]]) -> list[str]:
    problems = []
    if ours[: len(expected)] != expected:
        problems.append(f"{ours} does not start with the 2.x parameters {expected}")
    for name, kind, default in ours[len(expected) :]:
        if kind != "KEYWORD_ONLY" or default == repr(inspect.Parameter.empty):
            problems.append(f"extra parameter {name} must be keyword-only with a default")
    return problems


def test_constructors_take_the_2x_parameters() -> None:
    from saagieapi.v2 import SaagieApi

    problems = []
    for name, expected in theirs()["constructors"].items():
        cls = SaagieApi if name == "SaagieApi" else _v2_class(name)
        problems += [f"{name}(): {problem}" for problem in _starts_with_2x(_params(cls), expected)]
    assert problems == []


def test_folder_functions_have_the_2x_signatures() -> None:
    folder = importlib.import_module("saagieapi.v2.utils.folder_functions")
    problems = []
    for name, expected in theirs()["functions"].items():
        if not hasattr(folder, name):
            problems.append(f"{name}: missing")
        elif _params(getattr(folder, name)) != expected:
            problems.append(f"{name}: {_params(getattr(folder, name))} (2.x: {expected})")
    assert problems == []


@pytest.mark.parametrize("module", MODULES)
def test_2x_module_paths_exist_under_v2(module: str) -> None:
    imported = importlib.import_module("saagieapi.v2" + (f".{module}" if module else ""))
    missing = [name for name in theirs()["modules"][module] if not hasattr(imported, name)]
    assert missing == []


def test_the_gql_client_execute_has_the_2x_signature() -> None:
    """``saagie.client.execute(...)`` of 2.x scripts (their own GraphQL documents)."""
    from saagieapi.v2.utils.gql_client import GqlClient

    code = (
        "import inspect, json\nfrom saagieapi.utils.gql_client import GqlClient\n"
        "print(json.dumps([[p.name, p.kind.name, repr(p.default)] for p in "
        "inspect.signature(GqlClient.execute).parameters.values() if p.name != 'self']))"
    )
    expected = json.loads(run_python2(code).strip().splitlines()[-1])
    assert [name for name, _, _ in expected] == [
        "query",
        "variable_values",
        "upload_files",
        "is_retry",
        "pprint_result",
    ]
    assert _params(GqlClient.execute) == expected
