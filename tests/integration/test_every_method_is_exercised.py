"""Guard: every public method of the client and of each resource is called by the integration-level tests,
once through the sync API and once through the async API.

The integration, compat and reliability test sources are parsed (``ast``, so calls split over several lines
and calls inside parentheses count) and their calls are classified:

* sync: ``<anything>.<module>.<name>(...)`` (resource) or ``<anything>.<name>(...)`` (client) not awaited,
  outside any ``async def``;
* async: the same call directly under ``await``; for a method returning an async iterator, the iterable of an
  ``async for`` (statement or comprehension); for the few other public methods of the async classes that are
  not coroutines (static validation helpers, ``easy_connect``, ``from_env``), a call inside an ``async def``.

Calls through a local alias of a resource (``jobs = api.jobs``) are not recognised: the tests spell
``api.<module>.<name>(`` out. ``tests/compat/driver_saagieapi2.py`` is excluded: it runs saagieapi 2.x.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

from saagieapi._async.client import AsyncSaagieApi
from saagieapi._async.resource import AsyncResource
from saagieapi._sync.client import SaagieApi
from saagieapi._sync.resource import Resource

MODULES = (
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
)
TESTS = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("integration", "compat", "reliability")
EXCLUDED = {TESTS / "compat" / "driver_saagieapi2.py"}


def public_methods(cls: type, base: type) -> dict[str, str]:
    """Public methods of ``cls`` (inherited ones included, ``base``'s and properties left out) → how an async
    caller uses them: ``"await"`` (coroutine), ``"async for"`` (returns an async iterator) or ``"call"``."""
    methods: dict[str, str] = {}
    for name in dir(cls):
        if name.startswith("_") or hasattr(base, name):
            continue
        static = inspect.getattr_static(cls, name)
        function = static.__func__ if isinstance(static, (staticmethod, classmethod)) else static
        if not inspect.isfunction(function):
            continue
        returns = str(getattr(function, "__annotations__", {}).get("return", ""))
        if inspect.iscoroutinefunction(function):
            methods[name] = "await"
        elif inspect.isasyncgenfunction(function) or returns.startswith(
            ("AsyncIterator", "AsyncGenerator", "AsyncIterable")
        ):
            methods[name] = "async for"
        else:
            methods[name] = "call"
    return methods


def resource_class(package: str, module: str, base: type) -> type:
    loaded = importlib.import_module(f"saagieapi.{package}.{module}")
    (cls,) = (
        value
        for value in vars(loaded).values()
        if isinstance(value, type)
        and issubclass(value, base)
        and value is not base
        and value.__module__ == loaded.__name__
    )
    return cls


def source_files() -> Iterator[Path]:
    for directory in SOURCE_DIRS:
        for path in sorted((TESTS / directory).rglob("*.py")):
            if path not in EXCLUDED:
                yield path


class CallCollector(ast.NodeVisitor):
    """Records ``(receiver, name, kind)`` for every method call; receiver is the resource module or ``None``."""

    def __init__(self) -> None:
        self.calls: set[tuple[str | None, str, str]] = set()
        self._in_async: list[bool] = [False]

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, is_async: bool) -> None:
        self._in_async.append(is_async)
        self.generic_visit(node)
        self._in_async.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node, False)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node, True)

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        if isinstance(node.iter, ast.Call):
            self._record(node.iter, "async_iter")
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        if node.is_async and isinstance(node.iter, ast.Call):
            self._record(node.iter, "async_iter")
        self.generic_visit(node)

    def visit_Await(self, node: ast.Await) -> None:
        if isinstance(node.value, ast.Call):
            self._record(node.value, "awaited")
            self.generic_visit(node.value)
        else:
            self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self._record(node, "in_async" if self._in_async[-1] else "sync")
        self.generic_visit(node)

    def _record(self, node: ast.Call, kind: str) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = func.value
            receiver = owner.attr if isinstance(owner, ast.Attribute) and owner.attr in MODULES else None
            self.calls.add((receiver, func.attr, kind))


def collected_calls() -> set[tuple[str | None, str, str]]:
    collector = CallCollector()
    for path in source_files():
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return collector.calls


#: Call kinds that count as async use, by how the method is used (see ``public_methods``).
ASYNC_KINDS = {"await": {"awaited"}, "async for": {"async_iter"}, "call": {"awaited", "in_async", "async_iter"}}


def gaps(
    calls: set[tuple[str | None, str, str]],
    receiver: str | None,
    sync_cls: type,
    async_cls: type,
    base: tuple[type, type],
) -> list[str]:
    label = f"api.{receiver}" if receiver else "api"
    missing = []
    for name in sorted(public_methods(sync_cls, base[0])):
        if (receiver, name, "sync") not in calls:
            missing.append(f"{label}.{name}  (no sync call)")
    for name, usage in sorted(public_methods(async_cls, base[1]).items()):
        if not any((receiver, name, kind) in calls for kind in ASYNC_KINDS[usage]):
            wanted = {"await": "awaited call", "async for": "`async for` over it", "call": "call in an async test"}
            missing.append(f"{label}.{name}  (no {wanted[usage]})")
    return missing


def test_every_public_method_has_a_sync_and_an_async_call() -> None:
    calls = collected_calls()
    missing = gaps(calls, None, SaagieApi, AsyncSaagieApi, (object, object))
    for module in MODULES:
        sync_cls = resource_class("_sync", module, Resource)
        async_cls = resource_class("_async", module, AsyncResource)
        missing += gaps(calls, module, sync_cls, async_cls, (Resource, AsyncResource))
    assert not missing, "public methods not exercised by the integration/compat/reliability tests:\n" + "\n".join(
        missing
    )


def test_the_guard_sees_what_it_checks() -> None:
    """The collector must classify these forms as the guard expects (else the guard could pass vacuously)."""
    collector = CallCollector()
    collector.visit(
        ast.parse(
            "def f(api):\n"
            "    api.jobs.get_info('x')\n"
            "    api.get_platform_info()\n"
            "async def g(api):\n"
            "    (await api.jobs.get_info(\n"
            "        'x')).id\n"
            "    api.apps.check_alerting([])\n"
            "    await api.env_vars.list('GLOBAL')\n"
            "    async for i in api.jobs.iter_instances('j'):\n"
            "        pass\n"
            "    [i async for i in api.pipelines.iter_instances('p')]\n"
        )
    )
    assert collector.calls == {
        ("jobs", "get_info", "sync"),
        (None, "get_platform_info", "sync"),
        ("jobs", "get_info", "awaited"),
        ("apps", "check_alerting", "in_async"),
        ("env_vars", "list", "awaited"),
        ("jobs", "iter_instances", "async_iter"),
        ("jobs", "iter_instances", "in_async"),
        ("pipelines", "iter_instances", "async_iter"),
        ("pipelines", "iter_instances", "in_async"),
    }
    assert public_methods(SaagieApi, object)["get_platform_info"] == "call"
    assert public_methods(AsyncSaagieApi, object)["get_platform_info"] == "await"
    assert public_methods(AsyncSaagieApi, object)["check_scheduling"] == "call"  # a static helper
    assert "projects" not in public_methods(SaagieApi, object)  # a property, not a method
    assert len(public_methods(resource_class("_async", "jobs", AsyncResource), AsyncResource)) > 10
