"""The ``Example::`` of every public method's docstring type-checks with mypy, as the docs' blocks do.

Each example becomes the body of a function whose parameters are the names it takes for granted (``api``,
``project_id``, ``job_id``... see :data:`CONTEXT`); anything else an example uses must be defined or imported in
it (the example of a static helper may call it by its bare name). Sync methods get ``api: SaagieApi``, async
ones ``api: AsyncSaagieApi`` in an ``async def``. Examples elide ``None`` checks for brevity (``app.history.id``),
so Optional values are not checked here (``strict_optional = False``); names, attributes, arguments and
result types are.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import saagieapi._async
import saagieapi._sync

from ._blocks import ROOT

#: Names the examples use without defining them, with their types.
CONTEXT = {
    **dict.fromkeys(
        (
            "project_id",
            "pipeline_id",
            "job_id",
            "instance_id",
            "app_id",
            "storage_id",
            "repository_id",
            "technology_id",
            "credential_id",
            "pid",
            "tech_id",
            "new_token",
            "other_project_id",
            "jupyter_id",
            "context_id",
            "token",
            "old_storage_id",
        ),
        "str",
    ),
    "project_technology_ids": "list[str]",
    "app": "App",
    "instance": "PipelineInstance",
    "graph": "GraphPipeline",
}
PREAMBLE = """\
from __future__ import annotations

from saagieapi import AsyncSaagieApi, SaagieApi
from saagieapi.graph_pipeline import ConditionExpressionNode, ConditionStatusNode, GraphPipeline, JobNode
from saagieapi.models import *  # noqa: F403
"""


def examples() -> dict[str, tuple[str, bool, str]]:
    """``{"_sync.Jobs.create": (code, is_async, "saagieapi._sync.jobs:Jobs:create")}`` per public method."""
    found: dict[str, tuple[str, bool, str]] = {}
    for package in (saagieapi._sync, saagieapi._async):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for class_name, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ != module.__name__ or class_name.startswith("_"):
                    continue
                for name, function in inspect.getmembers(cls, inspect.isfunction):
                    doc = inspect.getdoc(function) or ""
                    match = re.search(r"Example::\n\n((?:(?: {4}.*)?\n)+)", doc + "\n")
                    if name.startswith("_") or match is None:
                        continue
                    key = f"{package.__name__.rsplit('.', 1)[1]}.{class_name}.{name}"
                    owner = f"{cls.__module__}:{class_name}:{function.__name__}"
                    # Shared helpers (saagieapi.validation...) are synchronous even on the async classes.
                    is_async = function.__module__.startswith("saagieapi._async")
                    found[key] = (textwrap.dedent(match[1]).strip("\n"), is_async, owner)
    return found


def _free_names(code: str) -> set[str]:
    """Names ``code`` reads but neither assigns nor imports (builtins aside)."""
    tree = ast.parse("async def _():\n" + textwrap.indent(code, "    "))
    stored = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load)}
    stored |= {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    loaded = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    return {name for name in loaded - stored if not hasattr(builtins, name)}


def test_every_docstring_example_type_checks(tmp_path: Path) -> None:
    found = examples()
    assert len(found) > 200
    lines = PREAMBLE.splitlines()
    origin: dict[int, str] = {}
    for number, (key, (code, is_async, owner)) in enumerate(sorted(found.items())):
        client = "AsyncSaagieApi" if is_async else "SaagieApi"
        free = _free_names(code)
        parameters = "".join(f", {name}: {CONTEXT[name]}" for name in CONTEXT if name in free)
        lines += ["", "", f"{'async ' if is_async else ''}def example_{number}(api: {client}{parameters}) -> None:"]
        module, class_name, function_name = owner.split(":")
        method = key.rsplit(".", 1)[1]
        for bare in {method, function_name} & free:  # a static helper called by its bare name
            lines += [f"    from {module} import {class_name}", f"    {bare} = {class_name}.{method}"]
        for line in code.splitlines():
            lines.append(f"    {line}")
            origin[len(lines)] = key
        lines.append("    del api")
    (tmp_path / "docstring_examples.py").write_text("\n".join(lines) + "\n")
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\ncheck_untyped_defs = True\nstrict_optional = False\nplugins = pydantic.mypy\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            "mypy.ini",
            "--cache-dir",
            str(ROOT / ".mypy_cache" / "docs"),
            "docstring_examples.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    problems = []
    for line in result.stdout.splitlines():
        match = re.match(r"docstring_examples\.py:(\d+): error: (.*)", line)
        if match:
            problems.append(f"{origin.get(int(match[1]), 'preamble')}: {match[2]}")
    hint = f"\nThe names an example may use without defining them: {', '.join(['api', *CONTEXT])}."
    assert not problems and result.returncode == 0, (
        "\n".join(sorted(set(problems))) + hint + "\n" + result.stdout[-500:]
    )
