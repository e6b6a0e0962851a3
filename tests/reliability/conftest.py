"""Shared helpers of the reliability tests (emulator over real HTTP)."""

from __future__ import annotations

from pathlib import Path

import pytest

from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi, SaagieApi


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "hello.py"
    path.write_text("print('hello')\n")
    return path


def connect(platform: RunningPlatform, **options: object) -> SaagieApi:
    return SaagieApi(platform.url, platform.platform_id, platform.user, platform.password, platform.realm, **options)  # type: ignore[arg-type]


def connect_async(platform: RunningPlatform, **options: object) -> AsyncSaagieApi:
    return AsyncSaagieApi(
        platform.url, platform.platform_id, platform.user, platform.password, platform.realm, **options
    )  # type: ignore[arg-type]
