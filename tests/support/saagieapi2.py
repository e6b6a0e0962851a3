"""Access to saagieapi 2.13.1 (installed from PyPI in its own virtual environment) for comparison tests.

``make test`` sets ``SAAGIEAPI2_PYTHON`` to that environment's interpreter. The interpreter runs isolated
(``-I``) from a temporary directory so that it never imports this repository's saagieapi 3.

A test that needs it must be marked ``@pytest.mark.compat`` (``make test-fast`` leaves those out, so that it
runs without that environment): :func:`python2` fails an unmarked caller, whatever the environment.
"""

from __future__ import annotations

import contextvars
import functools
import json
import os
import subprocess
import tempfile
from typing import Any

import pytest

_DUMP_SIGNATURES = r"""
import inspect, json
import saagieapi
from saagieapi import SaagieApi
classes = {"SaagieApi": SaagieApi}
import importlib
for module, cls in [("projects", "Projects"), ("jobs", "Jobs"), ("apps", "Apps"), ("pipelines", "Pipelines"),
                    ("env_vars", "EnvVars"), ("docker_credentials", "DockerCredentials"), ("storages", "Storages"),
                    ("repositories", "Repositories"), ("users", "Users"), ("groups", "Groups"),
                    ("profiles", "Profiles")]:
    classes[module] = getattr(importlib.import_module(f"saagieapi.{module}"), cls)
out = {}
for key, cls in classes.items():
    methods = {}
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") or not callable(member):
            continue
        params = [p for p in inspect.signature(member).parameters.values() if p.name not in ("self", "cls")]
        methods[name] = [p.name for p in params]
    out[key] = methods
print(json.dumps(out))
"""


#: The running test (set by the root conftest), to check its marks.
CURRENT_TEST: contextvars.ContextVar[pytest.Item | None] = contextvars.ContextVar("CURRENT_TEST", default=None)


def require_compat_mark() -> None:
    """Fail the running test unless it is marked ``compat`` (it needs saagieapi 2.13.1)."""
    item = CURRENT_TEST.get()
    if item is not None and item.get_closest_marker("compat") is None:
        pytest.fail(
            f"{item.nodeid} uses saagieapi 2.13.1: mark it @pytest.mark.compat (make test-fast leaves those out)",
            pytrace=False,
        )


def python2() -> str:
    """Path of the saagieapi 2.13.1 interpreter; fails (never skips) when it is not configured."""
    require_compat_mark()
    path = os.environ.get("SAAGIEAPI2_PYTHON")
    if not path or not os.path.exists(path):
        pytest.fail(
            "SAAGIEAPI2_PYTHON is not set to a Python with saagieapi==2.13.1: run the suite with `make test`",
            pytrace=False,
        )
    return path


def run_python2(code: str, *, timeout: float = 120, env: dict[str, str] | None = None) -> str:
    """Run ``code`` with saagieapi 2.13.1's interpreter, isolated from this repository; return stdout."""
    with tempfile.TemporaryDirectory() as cwd:
        result = subprocess.run(
            [python2(), "-I", "-c", code],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
            check=False,
        )
    if result.returncode != 0:
        raise AssertionError(f"saagieapi 2.13.1 script failed:\n{result.stderr[-4000:]}")
    return result.stdout


def saagieapi2_signatures() -> dict[str, dict[str, list[str]]]:
    """``{class key: {public method: [parameter names]}}`` of saagieapi 2.13.1."""
    require_compat_mark()
    return _signatures()


@functools.cache
def _signatures() -> dict[str, dict[str, list[str]]]:
    data: Any = json.loads(run_python2(_DUMP_SIGNATURES).strip().splitlines()[-1])
    return data
