"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """``@pytest.mark.anyio`` tests run on asyncio only."""
    return "asyncio"
