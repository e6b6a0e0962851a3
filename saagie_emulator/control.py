"""The control plane: ``/_emulator/...`` endpoints that reset the platform, inject faults, drive the simulation.

They are not the platform's: they answer only a caller that knows the emulator's **control token** (random
at each start unless chosen with ``control_token=`` or ``SAAGIE_EMULATOR_CONTROL_TOKEN``; printed by
``python -m saagie_emulator``, known to ``running()`` and the pytest fixture), sent in the
``Saagie-Emulator-Token`` header, and only JSON (``Content-Type: application/json``) on POST. A web page can
send neither without a CORS preflight, which the emulator never grants, so it cannot reset the platform or
its state file. (``Host`` and ``Origin`` are checked for every endpoint by :mod:`.http_guard`.)

From another process: ``saagie_emulator.server.control(url, "faults", {"latency_ms": 50}, token=...)``, or
``platform.control("faults", {...})`` on a :class:`~saagie_emulator.server.RunningPlatform`.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .limits import InvalidJson, loads_json

if TYPE_CHECKING:
    from .app import Emulator

__all__ = ["CONTROL_TOKEN_ENV", "CONTROL_TOKEN_HEADER", "control_routes", "new_control_token"]

CONTROL_TOKEN_HEADER = "Saagie-Emulator-Token"  # noqa: S105 - a header name
CONTROL_TOKEN_ENV = "SAAGIE_EMULATOR_CONTROL_TOKEN"  # noqa: S105 - a variable name

Handler = Callable[[Request], Awaitable[Response]]


def new_control_token() -> str:
    return "ctl." + secrets.token_urlsafe(32)


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"status": status, "error": message}, status_code=status)


def control_routes(emulator: Emulator) -> list[Route]:
    """The ``/_emulator/...`` routes of ``emulator``, each behind the token and content-type checks."""

    def guarded(handler: Handler) -> Handler:
        async def wrapper(request: Request) -> Response:
            given = request.headers.get(CONTROL_TOKEN_HEADER.lower(), "")
            if not secrets.compare_digest(given.encode(), emulator.control_token.encode()):
                return _error(
                    401, f"control endpoints need the emulator's control token in the {CONTROL_TOKEN_HEADER} header"
                )
            if request.method == "POST":
                media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
                if media_type != "application/json":
                    return _error(415, "control endpoints accept only Content-Type: application/json")
            try:
                return await handler(request)
            except _Refused as exc:
                return _error(exc.status, str(exc))

        return wrapper

    async def body_of(request: Request) -> dict[str, Any]:
        raw = await request.body()
        if not raw.strip():
            return {}
        try:
            body = loads_json(raw, max_depth=emulator.limits.max_json_depth)
        except InvalidJson as exc:
            raise _Refused(400, str(exc)) from None
        if not isinstance(body, dict):
            raise _Refused(400, "the body must be a JSON object")
        return body

    async def reset(request: Request) -> Response:
        await body_of(request)
        await anyio.to_thread.run_sync(emulator.reset)  # rebuilds and saves the state: off the event loop
        return JSONResponse({"reset": True})

    async def faults(request: Request) -> Response:
        if request.method == "POST":
            try:
                emulator.faults.configure(**await body_of(request))
            except (ValueError, TypeError) as exc:
                return _error(400, str(exc))
        return JSONResponse(emulator.faults.settings())

    async def expire_tokens(request: Request) -> Response:
        emulator.tokens.expire_all()
        return JSONResponse({"expired": True})

    async def simulation(request: Request) -> Response:
        controls = emulator.controls
        if request.method == "POST":
            body = await body_of(request)
            try:
                if "speed" in body:
                    speed = float(body["speed"])
                    if not speed > 0:
                        raise ValueError("speed must be above 0")
                    controls.speed = speed
                if "default_outcome" in body:
                    controls.default_outcome = str(body["default_outcome"])
                job_outcomes = body.get("job_outcomes") or {}
                if not isinstance(job_outcomes, dict):
                    raise ValueError("job_outcomes must be an object {job id or name: outcome}")
                for job, outcome in job_outcomes.items():
                    controls.force_job_outcome(job, outcome)
                for key, force in (
                    ("project_outcomes", controls.force_project_outcome),
                    ("app_outcomes", controls.force_app_outcome),
                ):
                    outcomes = body.get(key) or {}
                    if not isinstance(outcomes, dict):
                        raise ValueError(f"{key} must be an object {{name: outcome}}")
                    for name, outcome in outcomes.items():
                        force(str(name), outcome)
                if "token_ttl_seconds" in body:
                    emulator.tokens.ttl_seconds = float(body["token_ttl_seconds"])
            except (ValueError, TypeError) as exc:
                return _error(400, str(exc))
        return JSONResponse(
            {
                "speed": controls.speed,
                "default_outcome": controls.default_outcome,
                "job_outcomes": dict(controls.job_outcomes),
                "project_outcomes": dict(controls.project_outcomes),
                "app_outcomes": dict(controls.app_outcomes),
                "token_ttl_seconds": emulator.tokens.ttl_seconds,
            }
        )

    async def job_instances(request: Request) -> Response:
        """Bulk-create finished instances of a job (benchmarks): ``{"job_id": ..., "count": N}``."""
        body = await body_of(request)
        try:
            job_id, count = str(body["job_id"]), int(body["count"])
        except (ValueError, KeyError, TypeError) as exc:
            return _error(400, f"expected {{job_id, count}}: {exc}")
        if not 0 <= count <= 100_000:
            return _error(400, "count must be between 0 and 100000")
        found = await anyio.to_thread.run_sync(emulator.bulk_job_instances, job_id, count)
        if not found:
            return _error(404, f"Job with id '{job_id}' not found")
        return JSONResponse({"created": count})

    async def stats(request: Request) -> Response:
        return JSONResponse(emulator.stats.snapshot())

    async def forward_compat(request: Request) -> Response:
        if request.method == "POST":
            try:
                emulator.forward_compat.configure(**await body_of(request))
            except (ValueError, TypeError) as exc:
                return _error(400, str(exc))
        return JSONResponse(emulator.forward_compat.settings())

    async def coverage(request: Request) -> Response:
        from .coverage import coverage_report

        return JSONResponse(coverage_report())

    return [
        Route("/_emulator/reset", guarded(reset), methods=["POST"]),
        Route("/_emulator/faults", guarded(faults), methods=["GET", "POST"]),
        Route("/_emulator/expire-tokens", guarded(expire_tokens), methods=["POST"]),
        Route("/_emulator/simulation", guarded(simulation), methods=["GET", "POST"]),
        Route("/_emulator/coverage", guarded(coverage), methods=["GET"]),
        Route("/_emulator/stats", guarded(stats), methods=["GET"]),
        Route("/_emulator/forward-compat", guarded(forward_compat), methods=["GET", "POST"]),
        Route("/_emulator/job-instances", guarded(job_instances), methods=["POST"]),
    ]
