"""Every public method of the clients and of each resource has a docstring example and a reference entry."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable

import pytest

from saagieapi import AsyncSaagieApi, SaagieApi

from .conftest import ROOT, BuiltSite

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
DIRECTIVE = re.compile(r"^:::\s+(?P<path>[\w.]+)\s*$", re.MULTILINE)


def resource_class(module_name: str) -> type:
    module = importlib.import_module(f"saagieapi._sync.{module_name}")
    (cls,) = [getattr(module, name) for name in module.__all__]
    return cls


CLASSES: list[type] = [SaagieApi, AsyncSaagieApi, *(resource_class(name) for name in RESOURCES)]


def public_methods(cls: type) -> dict[str, Callable[..., object]]:
    return {name: member for name, member in inspect.getmembers(cls) if not name.startswith("_") and callable(member)}


def resolve(path: str) -> object:
    """The object a ``::: dotted.path`` directive documents."""
    parts = path.split(".")
    for split in range(len(parts), 0, -1):
        try:
            value: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            value = getattr(value, attribute)
        return value
    raise LookupError(path)


def documented_paths() -> dict[int, list[str]]:
    """``{id(object): [directive paths]}`` for every ``:::`` directive of the reference pages."""
    found: dict[int, list[str]] = {}
    for page in sorted((ROOT / "docs" / "reference").glob("*.md")):
        for match in DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            found.setdefault(id(resolve(match["path"])), []).append(match["path"])
    return found


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
def test_every_public_method_has_a_docstring_example(cls: type) -> None:
    missing = [name for name, member in public_methods(cls).items() if "Example" not in (inspect.getdoc(member) or "")]
    assert missing == [], f"{cls.__qualname__}: public methods without an 'Example' in their docstring"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
def test_every_public_class_has_a_reference_page(cls: type) -> None:
    assert id(cls) in documented_paths(), f"no '::: ...' directive documents {cls.__module__}.{cls.__qualname__}"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
def test_every_public_method_is_rendered_in_the_reference(cls: type, built_site: BuiltSite) -> None:
    assert built_site.returncode == 0, built_site.output[-4000:]
    html = built_site.html()
    anchors = set(re.findall(r'id="([\w.]+)"', html))
    paths = documented_paths().get(id(cls), [])
    missing = []
    for name in public_methods(cls):
        # ``name = staticmethod(helper)`` members are rendered under the class too (scripts/griffe_staticmethods.py)
        if not {f"{path}.{name}" for path in paths} & anchors:
            missing.append(name)
    assert missing == [], f"{cls.__qualname__}: methods missing from the rendered API reference"


def test_reference_covers_errors_models_and_connection() -> None:
    text = "\n".join(page.read_text(encoding="utf-8") for page in (ROOT / "docs" / "reference").glob("*.md"))
    for module in ["saagieapi.errors", "saagieapi.models", "saagieapi.connection"]:
        assert f"::: {module}\n" in text, module
