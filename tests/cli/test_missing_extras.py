"""The entry points a user can reach without the extra they need: one line saying what to install, no traceback.

``pip install saagieapi`` (no extra) still installs the ``saagie`` script and the ``saagie_emulator`` package;
running them must say which extra is missing. Each check runs in a fresh interpreter where the extra's modules
cannot be imported (``sys.modules[name] = None``), from outside the checkout (``python -I``, the installed
package as a user has it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[2]
CLI_MODULES = ("typer", "rich")
EMULATOR_MODULES = ("starlette", "uvicorn", "ariadne")


def _run(code: str, blocked: tuple[str, ...], cwd: Path) -> subprocess.CompletedProcess[str]:
    prelude = "import sys\n" + "".join(f"sys.modules[{name!r}] = None\n" for name in blocked)
    return subprocess.run(
        [sys.executable, "-I", "-c", prelude + code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )


def _console_script() -> str:
    """``module:function`` of the ``saagie`` script, as pyproject.toml declares it (what pip installs)."""
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["saagie"])


@pytest.mark.parametrize("missing", CLI_MODULES)
def test_the_saagie_script_without_the_cli_extra_says_what_to_install(missing: str, tmp_path: Path) -> None:
    module, function = _console_script().split(":")
    script = f"import importlib\nsys.argv = ['saagie', '--help']\nimportlib.import_module({module!r}).{function}()\n"
    result = _run(script, (missing,), tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "pip install 'saagieapi[cli]'" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_the_saagie_script_with_the_cli_extra_runs(tmp_path: Path) -> None:
    module, function = _console_script().split(":")
    script = f"import importlib\nsys.argv = ['saagie', '--version']\nimportlib.import_module({module!r}).{function}()\n"
    result = _run(script, (), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("saagie ")


@pytest.mark.parametrize("missing", EMULATOR_MODULES)
def test_python_m_saagie_emulator_without_the_emulator_extra_says_what_to_install(missing: str, tmp_path: Path) -> None:
    script = "import runpy\nsys.argv = ['saagie_emulator', '--port', '0']\nrunpy.run_module('saagie_emulator', run_name='__main__')\n"
    result = _run(script, (missing,), tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "pip install 'saagieapi[emulator]'" in result.stderr
    assert "Traceback" not in result.stderr and "SAAGIE_URL" not in result.stdout


def test_its_help_needs_no_extra(tmp_path: Path) -> None:
    script = "import runpy\nsys.argv = ['saagie_emulator', '--help']\nrunpy.run_module('saagie_emulator', run_name='__main__')\n"
    result = _run(script, EMULATOR_MODULES, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "--port" in result.stdout


def test_saagie_emulator_running_without_the_extra_names_it(tmp_path: Path) -> None:
    script = (
        "import saagie_emulator\n"
        "try:\n"
        "    saagie_emulator.running\n"
        "except ModuleNotFoundError as error:\n"
        "    print(type(error).__name__, error.name, error)\n"
    )
    result = _run(script, ("uvicorn",), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ModuleNotFoundError uvicorn ")
    assert "pip install 'saagieapi[emulator]'" in result.stdout
