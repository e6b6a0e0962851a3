"""Run the shape scenario (``scenario.py``) against one client and record each step's result shape.

Standard library only, and no import of saagieapi: the same code drives saagieapi 2.13.1 (from the driver, in
its own interpreter) and ``saagieapi.v2`` (in the pytest process). Each side hands in its client, its client
class, its graph module and its hooks.
"""

from __future__ import annotations

import contextlib
import json
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

try:
    from .shape import shape
except ImportError:  # run by the 2.x driver as a top-level module
    from shape import shape  # type: ignore[no-redef]

__all__ = ["Env", "Graph", "Ref", "Step", "TextFile", "Work", "ZipArchive", "run_steps"]


class Ref:
    """A value saved by an earlier step (``Ref("job_id")``), optionally subscripted further."""

    def __init__(self, name: str, *path: Any) -> None:
        self.name, self.path = name, path

    def __repr__(self) -> str:
        return f"Ref({self.name!r})"


class Env:
    """An environment variable of the run (``SAAGIE_USER``, ``SAAGIE_GROUP``...)."""

    def __init__(self, name: str) -> None:
        self.name = name


class Work:
    """A path under the run's work folder; parts may be ``Ref``s."""

    def __init__(self, *parts: Any) -> None:
        self.parts = parts


class TextFile:
    """A text file written in the work folder; the argument is its path."""

    def __init__(self, name: str, text: str) -> None:
        self.name, self.text = name, text


class ZipArchive:
    """A zip of technology metadata written in the work folder; the argument is its path."""

    def __init__(self, name: str) -> None:
        self.name = name


class Graph:
    """A pipeline graph built with the side's own graph module.

    ``Graph(first, then)`` is ``first -> then``; ``Graph(first, then, other)`` is
    ``first -> status condition (at least one success) -> then | other``.
    """

    def __init__(self, *jobs: Any) -> None:
        self.jobs = jobs


class Step:
    """One call of the scenario.

    ``method``: ``"jobs.create"``, ``"SaagieApi.get_platform_info"``; ``on_class`` calls it on the client class
    (static and class methods). ``save``: name -> path in the result (keys, indexes, ``{"key": value}`` to pick a
    list element). ``raises``: the call is expected to raise (the test compares exception classes).
    ``attributes``: record these attributes of the result instead of the object. ``hook``: a context the side
    provides (``"no_login"``). ``bug_in_2x``: the exception 2.13.1 raises because of a bug of its own; the
    v2 result is then compared with ``same_shape_as`` (the id of another step).
    """

    def __init__(
        self,
        method: str,
        *args: Any,
        id: str | None = None,
        on_class: bool = False,
        save: Mapping[str, list[Any]] | None = None,
        raises: bool = False,
        attributes: list[str] | None = None,
        hook: str | None = None,
        bug_in_2x: str | None = None,
        same_shape_as: str | None = None,
        values: bool = False,
        **kwargs: Any,
    ) -> None:
        self.method = method
        self.id = id or method
        self.args, self.kwargs = args, kwargs
        self.on_class = on_class
        self.save = dict(save or {})
        self.raises = raises
        self.attributes = attributes
        self.hook = hook
        self.bug_in_2x = bug_in_2x
        self.same_shape_as = same_shape_as
        self.values = values


def _pick(value: Any, path: list[Any]) -> Any:
    for part in path:
        if isinstance(part, dict):
            ((key, wanted),) = part.items()
            value = next(item for item in value if item[key] == wanted)
        else:
            value = value[part]
    return value


class _Context:
    def __init__(self, graph_module: Any, workdir: Path, env: Mapping[str, str]) -> None:
        self.graph_module = graph_module
        self.workdir = workdir
        self.env = env
        self.saved: dict[str, Any] = {}

    def resolve(self, value: Any) -> Any:
        if isinstance(value, Ref):
            if value.name not in self.saved:
                raise LookupError(f"{value.name} was not saved by an earlier step")
            return _pick(self.saved[value.name], list(value.path))
        if isinstance(value, Env):
            return self.env[value.name]
        if isinstance(value, Work):
            return str(self.workdir.joinpath(*(str(self.resolve(part)) for part in value.parts)))
        if isinstance(value, TextFile):
            path = self.workdir / value.name
            path.write_text(value.text, encoding="utf-8")
            return str(path)
        if isinstance(value, ZipArchive):
            path = self.workdir / value.name
            with zipfile.ZipFile(path, "w") as archive:
                archive.writestr("technologies/job/x/metadata.yaml", "id: x\n")
            return str(path)
        if isinstance(value, Graph):
            return self.graph(value)
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, tuple):
            return tuple(self.resolve(item) for item in value)
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        return value

    def graph(self, spec: Graph) -> Any:
        module = self.graph_module
        jobs = [module.JobNode(self.resolve(job)) for job in spec.jobs]
        graph = module.GraphPipeline()
        if len(jobs) == 2:
            jobs[0].add_next_node(jobs[1])
        else:
            condition = module.ConditionStatusNode()
            condition.put_at_least_one_success()
            jobs[0].add_next_node(condition)
            condition.add_success_node(jobs[1])
            condition.add_failure_node(jobs[2])
        graph.add_root_node(jobs[0])
        return graph


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=repr))


def run_steps(
    api: Any,
    api_class: type,
    graph_module: Any,
    steps: list[Step],
    workdir: Path,
    env: Mapping[str, str],
    hooks: Mapping[str, Callable[[], contextlib.AbstractContextManager[Any]]] | None = None,
    probe: Callable[[], dict[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Run every step in order; ``{step id: {"shape"|"raises"|"error": ..., "seconds": ...}}``.

    A step that fails unexpectedly is recorded with its error and the run goes on (the steps that need its
    saved values fail in turn, each with its own record). ``probe`` adds what it returns to each record (the 2.x
    driver: the GraphQL documents the step sent).
    """
    context = _Context(graph_module, workdir, env)
    records: dict[str, dict[str, Any]] = {}
    for step in steps:
        started = time.monotonic()
        record: dict[str, Any] = {}
        try:
            owner: Any = api_class if step.on_class else api
            *resources, name = step.method.split(".")
            for resource in resources[1:] if resources[:1] == ["SaagieApi"] else resources:
                owner = getattr(owner, resource)
            function = getattr(owner, name)
            args = context.resolve(list(step.args))
            kwargs = context.resolve(dict(step.kwargs))
            hook: Iterator[Any] | contextlib.AbstractContextManager[Any] = (
                (hooks or {})[step.hook]() if step.hook else contextlib.nullcontext()
            )
            with hook:  # type: ignore[union-attr]
                result = function(*args, **kwargs)
        except Exception as error:
            if step.raises or step.bug_in_2x:
                record["raises"] = [cls.__name__ for cls in type(error).__mro__]
                record["message"] = str(error)[:500]
            else:
                record["error"] = f"{type(error).__name__}: {error}"[:2000]
                record["traceback"] = traceback.format_exc()[-3000:]
        else:
            if step.attributes is not None:
                result = {attribute: getattr(result, attribute) for attribute in step.attributes}
            record["shape"] = shape(result)
            if step.values or result is None or isinstance(result, bool | int | float | str):
                record["value"] = _jsonable(result)
            try:
                for saved_name, path in step.save.items():
                    context.saved[saved_name] = _pick(result, path)
            except Exception as error:
                record["error"] = f"cannot save {list(step.save)}: {type(error).__name__}: {error}"
        if probe is not None:
            record.update(probe())
        record["seconds"] = round(time.monotonic() - started, 3)
        records[step.id] = record
    return records
