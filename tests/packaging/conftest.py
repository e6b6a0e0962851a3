"""The product as users get it: the sdist and the wheel, installed into fresh virtual environments.

Two environments, each with ``saagieapi[emulator,cli]`` from the built wheel (plus pytest, for the plugin):

* ``newest``: whatever pip resolves today within our bounds;
* ``lowest``: every lower bound of ``pyproject.toml`` pinned through a constraints file.

Building them takes a while (pip downloads without a cache on CI), so the work starts in background threads as
soon as collection is over, when the session holds a test of this folder, and runs while the rest of the suite
does; the fixtures below wait for it. Nothing here imports the checkout: the smoke scripts run from a temporary
folder with ``python -I``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SMOKE = HERE / "smoke"
EXTRAS = ("emulator", "cli")
ENVIRONMENTS = ("newest", "lowest")
INSTALL_TIMEOUT = 900


def runtime_requirements() -> list[Requirement]:
    """The requirements of the distribution with the extras users install (markers of this machine applied)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    raw = list(project["dependencies"])
    for extra in EXTRAS:
        raw += project["optional-dependencies"][extra]
    return [Requirement(item) for item in raw]


def lower_bounds() -> dict[str, str]:
    """``{name: lowest version allowed}`` for every runtime requirement; one without a lower bound is an error."""
    pins: dict[str, str] = {}
    for requirement in runtime_requirements():
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        lows = [spec.version for spec in requirement.specifier if spec.operator in (">=", "==", "~=")]
        if not lows:
            raise AssertionError(f"{requirement}: no lower bound, so the lowest set cannot be tested")
        name = requirement.name.lower()
        pins[name] = max([*lows, pins.get(name, lows[0])], key=_version_key)
    return pins


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def dev_pin(name: str) -> str:
    """``name==X`` as pinned in the dev extra (pytest for the plugin project)."""
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    return next(item for item in dev["dev"] if Requirement(item).name == name)


def _run(args: list[str], *, cwd: Path | None = None, timeout: float = INSTALL_TIMEOUT) -> str:
    nice = ["nice", "-n", "10"] if shutil.which("nice") else []  # leave the CPU to the tests running meanwhile
    result = subprocess.run(
        [*nice, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, env=clean_env()
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def clean_env() -> dict[str, str]:
    """The environment without anything that would let the checkout or the dev venv leak in."""
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    env = {key: value for key, value in os.environ.items() if key not in drop and not key.startswith("SAAGIE_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@dataclass(frozen=True)
class Dist:
    sdist: Path
    wheel: Path


@dataclass(frozen=True)
class Environment:
    name: str
    root: Path
    versions: dict[str, str]

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    @property
    def saagie(self) -> Path:
        return self.root / "bin" / "saagie"


def build_dist(out: Path) -> Dist:
    """``python -m build``: the sdist, then the wheel built from that sdist (so the sdist must be complete)."""
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)])
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Dist(sdist, wheel)


def make_environment(name: str, dist: Future[Dist], work: Path) -> Environment:
    root = work / f"venv-{name}"
    _run([sys.executable, "-m", "venv", str(root)])
    python = str(root / "bin" / "python")
    args = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if name == "lowest":
        constraints = work / "lowest-constraints.txt"
        constraints.write_text("".join(f"{pkg}=={version}\n" for pkg, version in sorted(lower_bounds().items())))
        args += ["--constraint", str(constraints)]
    wheel = dist.result().wheel
    _run([*args, f"{wheel}[{','.join(EXTRAS)}]", dev_pin("pytest")], cwd=work)
    listed = json.loads(_run([python, "-m", "pip", "list", "--format=json", "--disable-pip-version-check"]))
    return Environment(name, root, {item["name"].lower(): item["version"] for item in listed})


class _Preparation:
    """The background work: one build, then the environments in parallel."""

    def __init__(self) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="saagieapi-packaging-"))
        self.pool = ThreadPoolExecutor(max_workers=1 + len(ENVIRONMENTS), thread_name_prefix="packaging")
        self.dist = self.pool.submit(build_dist, self.work / "dist")
        self.environments = {
            name: self.pool.submit(make_environment, name, self.dist, self.work) for name in ENVIRONMENTS
        }

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.work, ignore_errors=True)


_preparation: _Preparation | None = None


def _preparing() -> _Preparation:
    global _preparation
    if _preparation is None:
        _preparation = _Preparation()
    return _preparation


def pytest_collection_finish(session: pytest.Session) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # every xdist worker collects every test: the worker that gets these tests prepares, lazily
    if any(HERE in Path(str(item.path)).parents for item in session.items):
        _preparing()  # start now; the rest of the suite runs meanwhile


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _preparation is not None:
        _preparation.close()


@pytest.fixture(scope="session")
def dist() -> Dist:
    return _preparing().dist.result(timeout=INSTALL_TIMEOUT)


@pytest.fixture(scope="session", params=ENVIRONMENTS)
def environment(request: pytest.FixtureRequest) -> Environment:
    return _preparing().environments[request.param].result(timeout=INSTALL_TIMEOUT)


@pytest.fixture
def outside(tmp_path: Path) -> Iterator[Path]:
    """A working folder outside the checkout, holding copies of the smoke files."""
    folder = tmp_path / "user-project"
    folder.mkdir()
    for path in SMOKE.iterdir():
        if path.suffix == ".py":
            shutil.copy2(path, folder / path.name)
    yield folder
