"""The ASGI application of one emulated platform (Starlette): GraphQL, REST, control endpoints."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from . import rest
from .auth import TokenStore
from .backend import Backend
from .clock import Clock
from .context import RequestContext
from .faults import FaultMiddleware, Faults
from .graphql_http import BadRequest, BodyTooLarge, execute_request, read_graphql_request
from .lifecycle import Controls
from .schema import gateway_schema, has_field, projects_schema
from .seed import DEFAULT_PASSWORD, DEFAULT_PLATFORM_ID, DEFAULT_REALM, DEFAULT_USER, seed_data
from .stats import ForwardCompat, Stats, StatsMiddleware
from .store import Store

__all__ = ["Emulator", "EmulatorOptions", "create_app"]


@dataclass
class EmulatorOptions:
    """Everything that can be chosen when an emulator starts (see :func:`saagie_emulator.running`)."""

    realm: str = DEFAULT_REALM
    platform_id: int = DEFAULT_PLATFORM_ID
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    state_path: Path | None = None
    speed: float = 1.0
    token_ttl_seconds: float = 3600.0
    latency_ms: float = 0.0
    fault_rate: float = 0.0
    fault_statuses: tuple[int, ...] = (429, 500, 502, 503)
    drop_rate: float = 0.0
    expired_token_rate: float = 0.0
    retry_after_seconds: int = 1
    fault_seed: int | None = None
    #: Fields the platform lacks (``"Job.alias"``): removed from the served schemas, as on an older platform.
    drop_fields: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


class Emulator:
    """One platform: state, simulation controls, tokens and faults, plus its ASGI app."""

    def __init__(self, options: EmulatorOptions | None = None) -> None:
        self.options = options or EmulatorOptions()
        opts = self.options
        self.store = Store.load_or_create(opts.state_path, self._fresh_data())
        self.controls = Controls(speed=opts.speed)
        self.clock = Clock()
        self.backend = Backend(self.store, self.controls, self.clock)
        self.tokens = TokenStore(ttl_seconds=opts.token_ttl_seconds)
        self.faults = Faults(
            latency_ms=opts.latency_ms,
            fault_rate=opts.fault_rate,
            fault_statuses=tuple(opts.fault_statuses),
            drop_rate=opts.drop_rate,
            expired_token_rate=opts.expired_token_rate,
            retry_after_seconds=opts.retry_after_seconds,
            seed=opts.fault_seed,
        )
        # Build both schemas now: the first request should not pay for it.
        drop = tuple(sorted(opts.drop_fields))
        unknown = [spec for spec in drop if not any(has_field(s, spec) for s in (projects_schema(), gateway_schema()))]
        if unknown:
            raise ValueError(f"drop_fields: no such field {', '.join(unknown)} (expected 'Type.field')")
        self.projects_schema = projects_schema(drop)
        self.gateway_schema = gateway_schema(drop)
        self.stats = Stats()
        self.forward_compat = ForwardCompat()
        self.app: ASGIApp = _SlashNormalizer(
            StatsMiddleware(FaultMiddleware(self._starlette(), self.faults), self.stats)
        )

    def _fresh_data(self) -> Any:
        opts = self.options
        return seed_data(realm=opts.realm, platform_id=opts.platform_id, user=opts.user, password=opts.password)

    def reset(self) -> None:
        """Back to the seeded state; simulation controls and faults back to their defaults."""
        self.store.replace(self._fresh_data())
        self.controls.reset()
        self.controls.speed = self.options.speed
        self.clock.reset()
        self.faults.reset()
        self.stats.reset()
        self.forward_compat.reset()

    # ------------------------------------------------------------------ HTTP handlers
    def context_for(self, request: Request) -> RequestContext | None:
        login = self.tokens.login_for(request.headers.get("authorization"))
        if login is None:
            return None
        return RequestContext(backend=self.backend, login=login)

    async def authenticate(self, request: Request) -> Response:
        realm = request.headers.get("saagie-realm")
        try:
            body = json.loads(await request.body())
            login, password = str(body["login"]), str(body["password"])
        except (ValueError, KeyError, TypeError):
            return PlainTextResponse("Bad credentials", status_code=401)
        data = self.store.data
        user = data.users.get(login)
        if realm != data.realm or user is None or user.password != password:
            return PlainTextResponse("Bad credentials", status_code=401)
        return PlainTextResponse(self.tokens.issue(login))

    async def _graphql(self, request: Request, schema: Any) -> Response:
        context = self.context_for(request)
        if context is None:
            return PlainTextResponse("Unauthorized", status_code=401)
        try:
            body = await read_graphql_request(request)
        except BadRequest as exc:
            status = 413 if isinstance(exc, BodyTooLarge) else 400
            return JSONResponse({"errors": [{"message": str(exc)}]}, status_code=status)
        result, wrote = execute_request(schema, body, context)
        if wrote:
            self.stats.count_mutation(body.get("operationName"))
            self.store.save()
        return JSONResponse(self.forward_compat.rewrite(result))

    async def projects_graphql(self, request: Request) -> Response:
        if request.path_params["platform_id"] != str(self.store.data.platform_id):
            return PlainTextResponse("Unknown platform", status_code=404)
        return await self._graphql(request, self.projects_schema)

    async def gateway_graphql(self, request: Request) -> Response:
        return await self._graphql(request, self.gateway_schema)

    # ------------------------------------------------------------------ control endpoints
    async def control_reset(self, request: Request) -> Response:
        self.reset()
        return JSONResponse({"reset": True})

    async def control_faults(self, request: Request) -> Response:
        if request.method == "POST":
            try:
                self.faults.configure(**json.loads(await request.body() or b"{}"))
            except (ValueError, TypeError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(self.faults.settings())

    async def control_expire_tokens(self, request: Request) -> Response:
        self.tokens.expire_all()
        return JSONResponse({"expired": True})

    async def control_simulation(self, request: Request) -> Response:
        if request.method == "POST":
            try:
                body = json.loads(await request.body() or b"{}")
                if "speed" in body:
                    self.controls.speed = float(body["speed"])
                if "default_outcome" in body:
                    self.controls.default_outcome = str(body["default_outcome"])
                for job, outcome in (body.get("job_outcomes") or {}).items():
                    self.controls.force_job_outcome(job, outcome)
                if "token_ttl_seconds" in body:
                    self.tokens.ttl_seconds = float(body["token_ttl_seconds"])
            except (ValueError, TypeError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(
            {
                "speed": self.controls.speed,
                "default_outcome": self.controls.default_outcome,
                "job_outcomes": dict(self.controls.job_outcomes),
                "token_ttl_seconds": self.tokens.ttl_seconds,
            }
        )

    async def control_job_instances(self, request: Request) -> Response:
        """Bulk-create finished instances of a job (benchmarks): ``{"job_id": ..., "count": N}``."""
        from .errors import NotFoundError

        try:
            body = json.loads(await request.body() or b"{}")
            job_id, count = str(body["job_id"]), int(body["count"])
        except (ValueError, KeyError, TypeError) as exc:
            return JSONResponse({"error": f"expected {{job_id, count}}: {exc}"}, status_code=400)
        with self.store.lock:
            try:
                job = self.store.job(job_id)
            except NotFoundError as exc:
                return JSONResponse({"error": str(exc)}, status_code=404)
            # Started one second apart, long enough ago to have finished at any speed >= 1.
            first = self.clock.now() - count - 3600
            for index in range(count):
                self.backend.job_instances.create(job, first + index)
        self.store.save()
        return JSONResponse({"created": count})

    async def control_stats(self, request: Request) -> Response:
        return JSONResponse(self.stats.snapshot())

    async def control_forward_compat(self, request: Request) -> Response:
        if request.method == "POST":
            try:
                self.forward_compat.configure(**json.loads(await request.body() or b"{}"))
            except (ValueError, TypeError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(self.forward_compat.settings())

    async def control_coverage(self, request: Request) -> Response:
        from .coverage import coverage_report

        return JSONResponse(coverage_report())

    def _starlette(self) -> Starlette:
        routes = [
            Route("/authentication/api/open/authenticate", self.authenticate, methods=["POST"]),
            Route("/projects/api/platform/{platform_id}/graphql", self.projects_graphql, methods=["POST"]),
            Route("/gateway/api/graphql", self.gateway_graphql, methods=["POST"]),
            Route("/_emulator/reset", self.control_reset, methods=["POST"]),
            Route("/_emulator/faults", self.control_faults, methods=["GET", "POST"]),
            Route("/_emulator/expire-tokens", self.control_expire_tokens, methods=["POST"]),
            Route("/_emulator/simulation", self.control_simulation, methods=["GET", "POST"]),
            Route("/_emulator/coverage", self.control_coverage, methods=["GET"]),
            Route("/_emulator/stats", self.control_stats, methods=["GET"]),
            Route("/_emulator/forward-compat", self.control_forward_compat, methods=["GET", "POST"]),
            Route("/_emulator/job-instances", self.control_job_instances, methods=["POST"]),
            *rest.routes(self),
        ]
        return Starlette(routes=routes)


class _SlashNormalizer:
    """saagieapi 2.x logs in on ``//authentication/...``: collapse repeated leading slashes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("//"):
            scope = dict(scope)
            scope["path"] = "/" + scope["path"].lstrip("/")
            scope["raw_path"] = scope["path"].encode()
        await self.app(scope, receive, send)


def create_app(options: EmulatorOptions | None = None) -> ASGIApp:
    """An ASGI app of a fresh emulated platform (for ``uvicorn`` or Starlette's ``TestClient``)."""
    return Emulator(options).app
