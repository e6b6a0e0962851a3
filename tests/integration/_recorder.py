"""Which public SDK methods the integration tests call, recorded while they run.

Every public method of ``SaagieApi`` / ``AsyncSaagieApi`` and of each of their resources (found through the
client's resource properties, so a new resource or method is covered without a list to update) is wrapped for
the duration of the integration tests. A call counts when it comes from a test module of ``tests/integration``
(the calling frame's file), however the method was reached: ``api.jobs.run(...)``, ``jobs = api.jobs;
jobs.run(...)``, ``getattr(api.jobs, "run")(...)``, ``for call in (api.groups.delete, ...)``. Calls the SDK
makes to itself do not count.

When a session ran the whole of ``tests/integration`` and every test passed, a public method of either client
that no test called fails the session (pytest's exit status 1, the missing methods listed in the summary).
A partial run (``-k``, ``-x``, one file, a failure, or a pytest-xdist worker's share) is not judged.
Sync/async parity is by construction (``_sync`` is generated from ``_async``); this checks that the one source
exercises everything.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from saagieapi import AsyncSaagieApi, SaagieApi

__all__ = ["PublicMethodRecorder", "public_methods"]

HERE = Path(__file__).resolve().parent


def _resource_classes(client: type) -> dict[str, type]:
    """``{"jobs": Jobs, ...}``: the classes the client's public resource properties return."""
    import importlib
    import pkgutil

    package = importlib.import_module(client.__module__.rsplit(".", 1)[0])
    classes: dict[str, type] = {}
    for name in dir(client):
        attribute = inspect.getattr_static(client, name)
        getter = getattr(attribute, "fget", None) or getattr(attribute, "func", None)
        if name.startswith("_") or getter is None or not isinstance(attribute, (property, functools.cached_property)):
            continue
        wanted = str(getter.__annotations__.get("return", ""))
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found = getattr(module, wanted, None)
            if isinstance(found, type):
                classes[name] = found
                break
    return classes


def public_methods(client: type) -> dict[tuple[str, str], tuple[type, str]]:
    """``{(resource or "", method): (class, method)}`` of a client: its own public methods and its resources'."""
    owners: dict[str, type] = {"": client, **_resource_classes(client)}
    found: dict[tuple[str, str], tuple[type, str]] = {}
    for resource, cls in owners.items():
        for name in dir(cls):
            if name.startswith("_"):
                continue
            static = inspect.getattr_static(cls, name)
            function = static.__func__ if isinstance(static, (staticmethod, classmethod)) else static
            if inspect.isfunction(function):
                found[(resource, name)] = (cls, name)
    return found


TEST_FOLDERS = (str(HERE / "_async") + "/", str(HERE / "_sync") + "/")


def _from_a_test(frame: Any) -> bool:
    """Is the caller code of tests/integration/_async or its generated twin tests/integration/_sync?"""
    return str(frame.f_code.co_filename).startswith(TEST_FOLDERS)


@dataclass
class PublicMethodRecorder:
    """Wraps the public methods of both clients; ``called`` holds ``(surface, resource, method)`` of test calls."""

    is_test_frame: Callable[[Any], bool] = _from_a_test
    called: set[tuple[str, str, str]] = field(default_factory=set)
    _saved: list[tuple[type, str, Any]] = field(default_factory=list)

    def expected(self) -> set[tuple[str, str, str]]:
        return {
            (surface, resource, method)
            for surface, client in (("sync", SaagieApi), ("async", AsyncSaagieApi))
            for resource, method in public_methods(client)
        }

    def missing(self) -> list[str]:
        """``"sync api.jobs.run"``-style names of the public methods no test called, sorted."""
        return sorted(
            f"{surface} api.{resource + '.' if resource else ''}{method}"
            for surface, resource, method in self.expected() - self.called
        )

    def install(self) -> None:
        for surface, client in (("sync", SaagieApi), ("async", AsyncSaagieApi)):
            for (resource, method), (cls, name) in public_methods(client).items():
                self._wrap(cls, name, (surface, resource, method))

    def uninstall(self) -> None:
        while self._saved:
            cls, name, original = self._saved.pop()
            if original is None:
                delattr(cls, name)
            else:
                setattr(cls, name, original)

    def _wrap(self, cls: type, name: str, key: tuple[str, str, str]) -> None:
        static = inspect.getattr_static(cls, name)
        kind = type(static) if isinstance(static, (staticmethod, classmethod)) else None
        function = static.__func__ if kind is not None else static
        record = self._recorder(function, key)
        self._saved.append((cls, name, cls.__dict__.get(name)))
        setattr(cls, name, kind(record) if kind is not None else record)

    def _recorder(self, function: Callable[..., Any], key: tuple[str, str, str]) -> Callable[..., Any]:
        called, is_test_frame = self.called, self.is_test_frame

        if inspect.iscoroutinefunction(function):

            @functools.wraps(function)
            async def coroutine(*args: Any, **kwargs: Any) -> Any:
                if is_test_frame(sys._getframe(1)):
                    called.add(key)
                return await function(*args, **kwargs)

            return coroutine

        @functools.wraps(function)
        def plain(*args: Any, **kwargs: Any) -> Any:
            if is_test_frame(sys._getframe(1)):
                called.add(key)
            return function(*args, **kwargs)

        return plain
