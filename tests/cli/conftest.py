"""Drive ``saagie`` with Typer's runner against the emulator; ``--json`` output parsed."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from saagie_emulator import RunningPlatform
from saagieapi.cli.main import app


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout)


Saagie = Callable[..., Result]


def platform_env(platform: RunningPlatform, config: Path) -> dict[str, str]:
    return {
        "SAAGIE_URL": platform.platform_url,
        "SAAGIE_REALM": platform.realm,
        "SAAGIE_USER": platform.user,
        "SAAGIE_PASSWORD": platform.password,
        "SAAGIE_CONFIG": str(config),
        "SAAGIE_PROFILE": "",
        "SAAGIE_PLATFORM_ID": "",
    }


def invoke(env: dict[str, str], *args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), env=env, input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def env(saagie_platform: RunningPlatform, tmp_path: Path) -> dict[str, str]:
    return platform_env(saagie_platform, tmp_path / "config.ini")


@pytest.fixture
def saagie(env: dict[str, str]) -> Saagie:
    """``saagie(*args)`` runs the CLI; ``saagie.json(*args)`` runs it with --json, checks exit 0, parses stdout."""

    def run(*args: str, input: str | None = None) -> Result:
        return invoke(env, *args, input=input)

    def run_json(*args: str, input: str | None = None) -> Any:
        result = invoke(env, "--json", *args, input=input)
        assert result.exit_code == 0, result.stderr
        return result.json

    run.json = run_json  # type: ignore[attr-defined]
    return run
