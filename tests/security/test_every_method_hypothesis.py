"""Every public method of the client, called with values drawn from its own signature: only SaagieError escapes.

The methods are found by introspection (the client's and every resource's public methods), so a method added
tomorrow is covered. Each parameter gets values derived from its annotation (texts, numbers, lists, maps,
dates...) mixed with hostile ones (None, "", ".", "..", NUL, huge texts, nan, negative and huge numbers,
wrong types), and real ids of a small project now and then so that calls go past the first lookup. The
platform is the emulator; file system arguments are confined to a temporary folder. Anything that is not a
SaagieError (TypeError, AttributeError, a pydantic ValidationError...) fails the test with the call that
raised it.
"""

from __future__ import annotations

import inspect
import math
import os
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import saagie_emulator
from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi
from saagieapi.errors import SaagieError

from ..support.platforms import connect

RESOURCES = (
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
#: Methods that would stop the client for the rest of the run, or wait on a real instance.
LEFT_OUT = {"close", "__enter__", "__exit__"}
#: Seconds a method may spend on one example (a waiter with a real id and a long timeout would be skipped).
PER_CALL = 5.0
#: Examples per method: the whole test stays within a couple of minutes.
EXAMPLES = 15


def public_methods(api: SaagieApi) -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    owners: list[tuple[str, Any]] = [("api", api), *((name, getattr(api, name)) for name in RESOURCES)]
    for owner_name, owner in owners:
        for name, member in inspect.getmembers(type(owner)):
            if name.startswith("_") or name in LEFT_OUT or not callable(member) or isinstance(member, type):
                continue
            if isinstance(inspect.getattr_static(type(owner), name), property):
                continue
            found[f"{owner_name}.{name}"] = getattr(owner, name)
    return found


HOSTILE = st.sampled_from(
    [
        None,
        "",
        " ",
        ".",
        "..",
        "../../etc",
        "\x00",
        "é" * 3,
        "x" * 5000,
        -1,
        0,
        2**63,
        math.nan,
        math.inf,
        -0.5,
        True,
        False,
        [],
        {},
        [None],
        {"a": None},
        b"bytes",
        ("t",),
    ]
)
texts = st.text(max_size=12)


def strategy_for(annotation: str, name: str, ids: list[str]) -> st.SearchStrategy[Any]:
    """Values for one parameter, from the words of its annotation (annotations are strings here)."""
    words = annotation.replace("|", " ").replace("[", " ").replace("]", " ").replace(",", " ").split()
    options: list[st.SearchStrategy[Any]] = [HOSTILE]
    if any(w in ("str", "object") for w in words) or not words:
        options += [texts, st.sampled_from(ids)]
    if "int" in words:
        options.append(st.integers(-3, 10**6))
    if "float" in words:
        options.append(st.floats(allow_nan=True, allow_infinity=True))
    if "bool" in words:
        options.append(st.booleans())
    if any(w in ("Sequence", "list", "Iterable", "Collection") for w in words):
        options.append(st.lists(st.one_of(texts, st.sampled_from(ids), st.integers(0, 3)), max_size=3))
    if any(w in ("Mapping", "dict") for w in words):
        options.append(st.dictionaries(texts, st.one_of(texts, st.integers(), st.none()), max_size=3))
    if "datetime" in words:
        options.append(st.datetimes().map(lambda d: d.isoformat()))
    if any(w in ("Path", "PathLike", "FileInput") for w in words) or any(w in name for w in ("folder", "path", "file")):
        options = [st.sampled_from(["out", "missing.json", "out/x", ".", "", "nested/../out"])]
    if "Callable" in words:
        options = [st.just(lambda *args: None), st.none()]
    if "GraphPipeline" in words:
        options.append(st.just(None))
    return st.one_of(options)


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with saagie_emulator.running(speed=1000.0) as running:
        yield running


@pytest.fixture(scope="module")
def world(platform: RunningPlatform, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SaagieApi, list[str]]]:
    tmp = tmp_path_factory.mktemp("every-method")
    script = tmp / "job.py"
    script.write_text("print(1)\n")
    with connect(platform, retries=0, timeout=10) as api:
        project = api.projects.create("fuzzed")
        job = api.jobs.create("job", project.id, file=script, technology="Python", runtime_version="3.10")
        ids = [project.id, job.id, "fuzzed", "job", "PROJECT", "GLOBAL", "Saagie", "Python", "3.10"]
        yield api, ids


FAILURES: list[str] = []
CALLS: dict[str, int] = {}


def _call(method: Callable[..., Any], arguments: dict[str, Any]) -> Exception | None:
    started = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            method(**arguments)
        except SaagieError:
            pass
        except Exception as error:
            return error
    assert time.monotonic() - started < 60, "a call took more than a minute"
    return None


def _arguments_strategy(method: Callable[..., Any], ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    parameters = {}
    for name, parameter in inspect.signature(method).parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        annotation = parameter.annotation if isinstance(parameter.annotation, str) else str(parameter.annotation)
        if name in ("timeout", "freq", "poll_interval"):
            strategy: st.SearchStrategy[Any] = st.one_of(HOSTILE, st.floats(-1, 0.2))
        else:
            strategy = strategy_for(annotation, name, ids)
        if parameter.default is not parameter.empty:
            strategy = st.one_of(st.just(parameter.default), strategy)
        parameters[name] = strategy
    return st.fixed_dictionaries(parameters)


def _fuzz(qualified: str, method: Callable[..., Any], ids: list[str]) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(arguments=_arguments_strategy(method, ids))
    def run(arguments: dict[str, Any]) -> None:
        CALLS[qualified] = CALLS.get(qualified, 0) + 1
        error = _call(method, arguments)
        if error is not None:
            shown = {k: (v if not isinstance(v, str) or len(v) < 40 else v[:40] + "...") for k, v in arguments.items()}
            FAILURES.append(f"{qualified}({shown}) -> {type(error).__module__}.{type(error).__name__}: {error}"[:400])

    run()


def test_every_public_method_raises_only_saagie_errors(
    world: tuple[SaagieApi, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api, ids = world
    monkeypatch.chdir(tmp_path)  # exports and error folders land here, nowhere else
    methods = public_methods(api)
    assert len(methods) > 150  # the whole surface, not a sample
    started = time.monotonic()
    for qualified, method in sorted(methods.items()):
        _fuzz(qualified, method, ids)
    elapsed = time.monotonic() - started
    print(f"\n{len(methods)} public methods, {sum(CALLS.values())} calls in {elapsed:.0f} s, {len(FAILURES)} untyped")
    assert FAILURES == [], "\n".join(sorted(set(FAILURES))[:60]) + f"\n({len(FAILURES)} in all)"
    assert os.getcwd() == str(tmp_path)
