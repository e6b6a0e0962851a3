"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .support.saagieapi2 import CURRENT_TEST


@pytest.fixture
def anyio_backend() -> str:
    """``@pytest.mark.anyio`` tests run on asyncio only."""
    return "asyncio"


@pytest.fixture(autouse=True)
def _current_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Lets helpers check the running test's marks (``tests/support/saagieapi2.py``: the ``compat`` mark)."""
    token = CURRENT_TEST.set(request.node)  # type: ignore[arg-type]
    yield
    CURRENT_TEST.reset(token)
