"""``httpx``, imported without its command-line interface.

``import httpx`` also imports ``httpx._main`` (click, rich and pygments, about 70 ms) whenever those happen to
be installed; a library never runs that command line. Blocking the submodule during the first import makes
httpx fall back to its stub ``httpx.main`` (the ``httpx`` console script, a separate process, is unaffected);
the block is lifted right after, so ``import httpx._main`` still works for whoever wants it.
"""

from __future__ import annotations

import sys

__all__ = ["httpx"]

if "httpx" not in sys.modules and "httpx._main" not in sys.modules:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]
    try:
        import httpx
    finally:
        if "httpx._main" in sys.modules and sys.modules["httpx._main"] is None:
            del sys.modules["httpx._main"]
else:
    import httpx
