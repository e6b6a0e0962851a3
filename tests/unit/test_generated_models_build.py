"""Every generated model builds: each forward reference resolves in the module pydantic evaluates it in.

The fragment models are split into one module per fragment (codegen/split_fragments.py); a name missing from
a module would only fail when a call first reads that model, so every class of every generated module is
built here.
"""

from __future__ import annotations

import importlib
import json
import pkgutil

import pydantic
import pytest

PACKAGES = ["saagieapi._generated.projects", "saagieapi._generated.gateway"]


def _modules(package: str) -> list[str]:
    found = []
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if not info.name.rsplit(".", 1)[-1].startswith(("client", "async_client", "base_client", "async_base")):
            found.append(info.name)
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_every_generated_model_builds(package: str) -> None:
    built = 0
    for name in _modules(package):
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, pydantic.BaseModel)
                and value.__module__ == module.__name__
            ):
                value.model_rebuild(raise_errors=True)
                assert value.__pydantic_complete__, value
                built += 1
    assert built > 30


def test_fragments_load_one_module_per_fragment() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from saagieapi._generated.projects.list_projects import ListProjects\n"
        "ListProjects.model_rebuild(raise_errors=True)\n"
        "import json\n"
        "print(json.dumps(sorted(m for m in sys.modules if '.fragments.' in m)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    assert loaded and all("project" in name for name in loaded), loaded  # not the 40 other fragments
