"""Clients of an emulated platform (``saagie_emulator.RunningPlatform``), as the integration and reliability tests open them."""

from __future__ import annotations

from typing import Any

from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi, SaagieApi


def connect(platform: RunningPlatform, **options: Any) -> SaagieApi:
    """A ``SaagieApi`` logged in as the platform's admin; ``options`` go to the constructor (``retries=0``, ...)."""
    return SaagieApi(platform.url, platform.platform_id, platform.user, platform.password, platform.realm, **options)


def connect_async(platform: RunningPlatform, **options: Any) -> AsyncSaagieApi:
    """The ``AsyncSaagieApi`` twin of :func:`connect`."""
    return AsyncSaagieApi(
        platform.url, platform.platform_id, platform.user, platform.password, platform.realm, **options
    )
