"""Public names: what the package exports, the models and enums users import, the error tree.

Derived from the code, not from lists kept here: a new error class, a new method returning a model, a new
fragment or enum is checked without touching this file.
"""

from __future__ import annotations

import builtins
import collections.abc
import datetime
import enum
import importlib
import inspect
import os
import re
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import saagieapi
import saagieapi.enums
import saagieapi.errors
import saagieapi.models
from saagieapi import AsyncSaagieApi, SaagieApi

ROOT = Path(__file__).resolve().parents[2]
#: What the package exports besides the errors of saagieapi.errors.
NOT_ERRORS = {"AsyncSaagieApi", "SaagieApi", "PlatformURL", "parse_platform_url", "__version__"}
#: Modules whose names a public annotation may use.
PUBLIC_MODULES = [
    "saagieapi",
    "saagieapi.models",
    "saagieapi.enums",
    "saagieapi.errors",
    "saagieapi.connection",
    "saagieapi.export_layout",
    "saagieapi.graph_pipeline",
    "saagieapi.rest_models",
    "saagieapi.validation",
    "saagieapi.lookup",
]


# -- the package's __all__ (as httpx's test_exported_members) -------------------------------------------------


def error_classes() -> set[str]:
    return {
        name
        for name, value in vars(saagieapi.errors).items()
        if isinstance(value, type) and issubclass(value, saagieapi.errors.SaagieError)
    }


def test_the_package_exports_every_error_and_its_clients() -> None:
    assert saagieapi.__all__ == sorted(saagieapi.__all__), "keep saagieapi.__all__ sorted"
    expected = error_classes() | NOT_ERRORS
    missing, extra = sorted(expected - set(saagieapi.__all__)), sorted(set(saagieapi.__all__) - expected)
    assert (missing, extra) == ([], []), f"saagieapi.__all__ lacks {missing}, has unexpected {extra}"
    missing = sorted(error_classes() - set(saagieapi.errors.__all__))
    assert sorted(saagieapi.errors.__all__) == sorted(error_classes()), f"saagieapi.errors.__all__ lacks {missing}"
    assert dir(saagieapi) == sorted(saagieapi.__all__)
    for name in saagieapi.__all__:
        value = getattr(saagieapi, name)
        if name in error_classes():
            assert value is getattr(saagieapi.errors, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        saagieapi.Nope  # noqa: B018


def test_the_error_tree_in_the_docstring_is_the_class_tree() -> None:
    """errors.py draws the hierarchy once; every class is in it, under its real base, with its builtin bases."""
    doc = saagieapi.errors.__doc__ or ""
    lines = [line for line in doc.splitlines() if re.match(r"^\s+(?:[│├└─ ]*)?[A-Z]\w*Error\b", line)]
    parents: list[tuple[int, str]] = []
    drawn: dict[str, tuple[str | None, str]] = {}
    for line in lines:
        match = re.match(r"^(\s+(?:[│├└─ ]*))([A-Z]\w*)((?: \+ [A-Z]\w*)*)(?: \(([\w, ]+)\))?", line)
        assert match is not None
        depth, name, builtins_named = len(match.group(1)), match.group(2), match.group(4) or ""
        also = re.findall(r"[A-Z]\w*", match.group(3))  # `Child + OtherSaagieBase`: a second SDK base
        while parents and parents[-1][0] >= depth:
            parents.pop()
        drawn[name] = (parents[-1][1] if parents else None, builtins_named, also)
        parents.append((depth, name))
    assert set(drawn) == error_classes()
    for name, (parent, builtins_named, also) in drawn.items():
        cls = getattr(saagieapi.errors, name)
        saagie_bases = [base.__name__ for base in cls.__bases__ if issubclass(base, saagieapi.errors.SaagieError)]
        other_bases = sorted(
            base.__name__ for base in cls.__bases__ if not issubclass(base, saagieapi.errors.SaagieError)
        )
        assert saagie_bases == ([parent] if parent else []) + also, name
        assert other_bases == sorted(filter(None, builtins_named.split(", "))), name


# -- models and enums ------------------------------------------------------------------------------------------


def test_every_public_model_and_enum_carries_its_public_name() -> None:
    """Reprs and validation messages use ``__name__``: it is the name users import."""
    for module in (saagieapi.models, saagieapi.enums):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type):
                assert (value.__name__, value.__qualname__) == (name, name), f"{module.__name__}.{name}"
                assert getattr(sys.modules[value.__module__], name) is value  # pickle finds it


def test_a_model_repr_shows_the_public_name() -> None:
    job = saagieapi.models.JobSummary(id="j1", name="ingest", alias=None)
    assert repr(job).startswith("JobSummary(")
    technology = saagieapi.models.CatalogRepository.model_validate(
        {
            "id": "r",
            "name": "Saagie",
            "readOnly": True,
            "technologies": [
                {
                    "__typename": "JobTechnology",
                    "id": "t",
                    "technologyId": "python",
                    "label": "Python",
                    "available": True,
                    "repositoryId": "r",
                    "contexts": [],
                }
            ],
        }
    ).technologies[0]
    assert type(technology) is saagieapi.models.JobTechnology


def test_every_generated_enum_is_public() -> None:
    for package in ("projects", "gateway"):
        generated = importlib.import_module(f"saagieapi._generated.{package}.enums")
        for name, value in vars(generated).items():
            if isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == generated.__name__:
                public = getattr(saagieapi.enums, name, None) or getattr(saagieapi.enums, f"Gateway{name}")
                assert [m.value for m in public] == [m.value for m in value], name


def test_every_fragment_is_a_public_model() -> None:
    from graphql import FragmentDefinitionNode, parse

    for package in ("projects", "gateway"):
        fragments = importlib.import_module(f"saagieapi._generated.{package}.fragments")
        for path in sorted((ROOT / "queries" / package).glob("*.graphql")):
            for definition in parse(path.read_text()).definitions:
                if isinstance(definition, FragmentDefinitionNode):
                    name = definition.name.value
                    assert hasattr(saagieapi.models, name), f"fragment {name} ({path.name}) is not in saagieapi.models"
                    if hasattr(fragments, name):
                        assert getattr(saagieapi.models, name) is getattr(fragments, name)


# -- every annotation of every public method resolves to a public name ----------------------------------------


def _resources(client: type) -> list[type]:
    """The client class and the class of each of its resources (``api.jobs``...), from their modules."""
    side = "_async" if client is AsyncSaagieApi else "_sync"
    found = [client]
    for name, member in inspect.getmembers(client):
        if not name.startswith("_") and name not in ("client", "client_gateway") and hasattr(member, "func"):
            module = importlib.import_module(f"saagieapi.{side}.{name}")
            (resource,) = [getattr(module, item) for item in module.__all__]
            found.append(resource)
    return found


def _namespace(func: Any) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    for module in (builtins, typing, collections.abc, datetime, os):
        namespace.update(vars(module))
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        namespace.update({key: getattr(module, key) for key in getattr(module, "__all__", [])})
    import httpx

    namespace["httpx"] = httpx
    namespace.update(getattr(func, "__globals__", {}))
    return namespace


def _classes(annotation: Any) -> list[type]:
    found = []
    if isinstance(annotation, type) and not typing.get_args(annotation):
        found.append(annotation)
    origin = typing.get_origin(annotation)
    if isinstance(origin, type):
        found.append(origin)
    for argument in typing.get_args(annotation):
        found += _classes(argument)
    return found


def _problems(annotation: Any, where: str) -> list[str]:
    problems = []
    for cls in _classes(annotation):
        if issubclass(cls, BaseModel):
            if getattr(saagieapi.models, cls.__name__, None) is not cls:
                problems.append(f"{where}: {cls.__module__}.{cls.__qualname__} is not in saagieapi.models")
        elif issubclass(cls, enum.Enum):
            if getattr(saagieapi.enums, cls.__name__, None) is not cls:
                problems.append(f"{where}: {cls.__module__}.{cls.__qualname__} is not in saagieapi.enums")
        elif cls.__module__.startswith("saagieapi") and cls.__name__.startswith("_"):
            problems.append(f"{where}: {cls.__module__}.{cls.__qualname__} is private")
        elif cls.__module__.startswith("saagieapi"):
            private = any(part.startswith("_") for part in cls.__module__.split("."))
            public_home = any(
                getattr(importlib.import_module(name), cls.__name__, None) is cls for name in PUBLIC_MODULES
            )
            resource = issubclass(cls, _resource_bases()) or cls in (SaagieApi, AsyncSaagieApi)
            if private and not public_home and not resource:
                problems.append(f"{where}: {cls.__module__}.{cls.__qualname__} has no public name")
    return problems


def _resource_bases() -> tuple[type, ...]:
    from saagieapi._async.resource import AsyncResource
    from saagieapi._sync.resource import Resource

    return (AsyncResource, Resource)


def annotation_problems(client: type) -> list[str]:
    problems = []
    for cls in _resources(client):
        for name, member in inspect.getmembers(cls):
            if name.startswith("_") or not callable(member) or isinstance(member, type):
                continue
            func = inspect.unwrap(member)
            where = f"{cls.__name__}.{name}"
            try:
                hints = typing.get_type_hints(func, globalns=_namespace(func))
            except NameError as error:
                problems.append(f"{where}: an annotation names {error.name!r}, which no public module exports")
                continue
            for annotation in hints.values():
                problems += _problems(annotation, where)
    return problems


@pytest.mark.parametrize("client", [SaagieApi, AsyncSaagieApi])
def test_every_annotation_of_a_public_method_resolves_to_a_public_name(client: type) -> None:
    assert len(_resources(client)) == 12
    assert annotation_problems(client) == []


def test_the_annotation_check_catches_a_generated_name() -> None:
    """The check above fails for a method returning a model that saagieapi.models does not export."""
    from saagieapi._generated.projects.get_platform_info import GetPlatformInfo

    class Broken:
        def info(self) -> GetPlatformInfo:
            raise NotImplementedError

        def hidden(self) -> Unexported:  # type: ignore[name-defined]  # noqa: F821
            raise NotImplementedError

    hints = typing.get_type_hints(Broken.info, localns={"GetPlatformInfo": GetPlatformInfo})
    problems = _problems(hints["return"], "Broken.info")
    assert problems == [
        "Broken.info: saagieapi._generated.projects.get_platform_info.GetPlatformInfo is not in saagieapi.models"
    ]
    with pytest.raises(NameError):
        typing.get_type_hints(Broken.hidden, globalns=_namespace(Broken.hidden))
