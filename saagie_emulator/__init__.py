"""A local, stateful Saagie platform for tests and demos (like moto for AWS).

Three ways to run it, one interface:

* server: ``python -m saagie_emulator --host 127.0.0.1 --port 8080 [--state PATH] [--speed X]
  [--latency-ms N] [--fault-rate R]``;
* in-process: ``with saagie_emulator.running(speed=50) as platform: ...`` serving on 127.0.0.1 with an
  ephemeral port; ``platform`` has ``url``, ``platform_url``, ``realm``, ``platform_id``, ``user``,
  ``password``, plus ``faults``, ``controls``, ``clock`` (emulated time: ``clock.advance(minutes=30)``),
  ``force_job_outcome()``, ``set_speed()``,
  ``expire_tokens()`` and ``reset()``;
* pytest: the ``saagie_platform`` fixture (plugin installed with the package) yields that object.

With a state path, the whole state is saved after each change to that file, as versioned JSON (format
``saagie-emulator-state``, see :mod:`saagie_emulator.state_file`; never a pickle), and loaded at the next
start. A file that is not such a state file (invalid JSON, another format or version, a type outside the
model) is refused with a ``StateFileError`` naming it: the platform does not start.

Default credentials: realm ``saagie``, platform id ``1``, user ``admin``, password ``saagie-emulator``.

Control endpoints (never faulted; they need the per-start control token in the ``Saagie-Emulator-Token``
header and JSON bodies, see :mod:`saagie_emulator.control`): ``POST /_emulator/reset``,
``GET|POST /_emulator/faults``, ``GET|POST /_emulator/simulation`` (speed, default_outcome,
job_outcomes, token_ttl_seconds), ``POST /_emulator/expire-tokens``, ``GET /_emulator/coverage``,
``POST /_emulator/job-instances`` (``{"job_id", "count"}``: bulk finished instances, for benchmarks).
Every endpoint checks ``Host``, ``Origin`` and the body's media type (:mod:`saagie_emulator.http_guard`) and
bounds what a request may cost (:mod:`saagie_emulator.limits`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import Emulator, EmulatorOptions, create_app
    from .faults import Faults
    from .lifecycle import HOLD, Controls
    from .seed import DEFAULT_PASSWORD, DEFAULT_PLATFORM_ID, DEFAULT_REALM, DEFAULT_USER
    from .server import RunningPlatform, running, serve

__all__ = [
    "DEFAULT_PASSWORD",
    "DEFAULT_PLATFORM_ID",
    "DEFAULT_REALM",
    "DEFAULT_USER",
    "HOLD",
    "Controls",
    "Emulator",
    "EmulatorOptions",
    "Faults",
    "RunningPlatform",
    "create_app",
    "running",
    "serve",
]

# Imported lazily, so that the pytest plugin entry point stays importable without the extra installed.
_HOMES = {
    "Emulator": "app",
    "EmulatorOptions": "app",
    "create_app": "app",
    "Faults": "faults",
    "HOLD": "lifecycle",
    "Controls": "lifecycle",
    "DEFAULT_PASSWORD": "seed",
    "DEFAULT_PLATFORM_ID": "seed",
    "DEFAULT_REALM": "seed",
    "DEFAULT_USER": "seed",
    "RunningPlatform": "server",
    "running": "server",
    "serve": "server",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'saagie_emulator' has no attribute {name!r}")
    try:
        module = importlib.import_module(f".{home}", __name__)
    except ModuleNotFoundError as error:
        if error.name is None or error.name.split(".")[0] == __name__:
            raise
        raise ModuleNotFoundError(
            f"saagie_emulator.{name} needs the 'emulator' extra ({error.name} is not installed): "
            "pip install 'saagieapi[emulator]'",
            name=error.name,
        ) from None
    return getattr(module, name)
