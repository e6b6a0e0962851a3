"""The ASGI application of one emulated platform (Starlette): GraphQL, REST, control endpoints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio.to_thread
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
from .control import control_routes, new_control_token
from .faults import FaultMiddleware, Faults
from .graphql_http import (
    BadRequest,
    BodyTooLarge,
    DocumentCache,
    execute_request,
    is_mutation,
    read_graphql_request,
)
from .http_guard import HostGuard, HostGuardMiddleware
from .lifecycle import Controls
from .limits import BodyLimitMiddleware, InvalidJson, Limits, loads_json
from .scheduler import Scheduler
from .schema import gateway_schema, has_field, projects_schema
from .seed import DEFAULT_PASSWORD, DEFAULT_PLATFORM_ID, DEFAULT_REALM, DEFAULT_USER, seed_data
from .seeding import apply_seed, load_seed
from .state_file import StateSaveError, check_writable
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
    #: The token the control endpoints (``/_emulator/...``) ask for; None: a random one at each start.
    control_token: str | None = None
    #: Host names answered besides localhost and IP addresses (``"*"``: any; see :mod:`.http_guard`).
    allowed_hosts: tuple[str, ...] = ()
    #: Bounds on what one request may cost (:class:`~saagie_emulator.limits.Limits`).
    limits: Limits = field(default_factory=Limits)
    #: What the platform has at start and after each reset: a YAML/JSON file or its content as a dict
    #: (:mod:`saagie_emulator.seeding`).
    seed: str | Path | Mapping[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Emulator:
    """One platform: state, simulation controls, tokens and faults, plus its ASGI app."""

    def __init__(self, options: EmulatorOptions | None = None) -> None:
        self.options = options or EmulatorOptions()
        opts = self.options
        self.clock = Clock()
        # A seed that does not fit stops the start (SeedError), like a state file that cannot be read.
        self._seed = (None, None) if opts.seed is None else load_seed(opts.seed)
        self.store = Store.load_or_create(opts.state_path, self._fresh_data())
        # Emulated time is part of the state: a restart goes on from where the clock was moved.
        self.clock.restore(self.store.data.clock_offset)
        self.clock.subscribe(self._keep_clock)
        # A state path that cannot be written stops the start (StateFileError), rather than failing later.
        check_writable(self.store)
        self.control_token = opts.control_token or new_control_token()
        self.limits = opts.limits
        self.documents = DocumentCache(opts.limits)
        self.host_guard = HostGuard(opts.allowed_hosts)
        self.controls = Controls(speed=opts.speed)
        self.backend = Backend(self.store, self.controls, self.clock)
        # Cron schedules fire on the emulated clock: when a test moves it, and before every GraphQL request.
        self.scheduler = Scheduler(self.backend)
        self.clock.subscribe(self._clock_moved)
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
            HostGuardMiddleware(
                BodyLimitMiddleware(
                    StatsMiddleware(FaultMiddleware(self._starlette(), self.faults), self.stats), self.limits
                ),
                self.host_guard,
            )
        )

    def _fresh_data(self) -> Any:
        opts = self.options
        data = seed_data(realm=opts.realm, platform_id=opts.platform_id, user=opts.user, password=opts.password)
        seed, base = self._seed
        if seed is not None:
            name = "(dict)" if isinstance(opts.seed, Mapping) else str(opts.seed)
            apply_seed(data, seed, admin=opts.user, clock=self.clock, base=base, name=name)
        return data

    def _clock_moved(self, now: float) -> None:
        if self.scheduler.catch_up(now):
            self.store.save()

    def _keep_clock(self, now: float) -> None:
        """Emulated time is part of the state: save how far the clock was moved."""
        self.store.data.clock_offset = self.clock.offset
        self.store.save()

    def reset(self) -> None:
        """Back to the seeded state; simulation controls and faults back to their defaults."""
        self.scheduler.reset()
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
            body = loads_json(await request.body(), max_depth=self.limits.max_json_depth)
        except InvalidJson as exc:
            return PlainTextResponse(f"Bad request: {exc}", status_code=400)
        if not isinstance(body, dict) or not isinstance(body.get("login"), str):
            return PlainTextResponse('Bad request: expected {"login": string, "password": string}', 400)
        login, password = body["login"], body.get("password")
        data = self.store.data
        user = data.users.get(login)
        if realm != data.realm or user is None or not isinstance(password, str) or user.password != password:
            return PlainTextResponse("Bad credentials", status_code=401)
        return PlainTextResponse(self.tokens.issue(login))

    def _run_graphql(self, schema: Any, body: dict[str, Any], context: RequestContext) -> Response:
        """In a worker thread: parse and check with no lock; a query runs alongside the other queries, within
        its execution budget; a mutation runs alone and is saved; the answer is encoded here too (a large one
        would hold up the event loop)."""
        # Parsing and validation: the costly part, bounded by the limits, never serialized with the others.
        prepared = self.documents.get(schema, body["query"])
        document = prepared[0]
        lock = self.store.lock
        with lock.reading():
            due = self.scheduler.due()  # what became due since: visible to this request
        if due:
            with lock:
                if self.scheduler.catch_up():
                    self.store.save()
        result: dict[str, Any] | None = None
        if document is None or not is_mutation(document, body.get("operationName")):
            budget = self.limits.max_resolved_fields
            with lock.reading():  # queries read together: a costly one holds up no other query
                result, _ = execute_request(schema, body, context, prepared, max_resolved_fields=budget)
            if lock.wrote_while_reading():
                result = None  # a query path that changes the state: run again, alone
                context.memo.clear()  # computed on a state that may change before the writer's turn
        if result is None:
            with lock:
                result, wrote = execute_request(schema, body, context, prepared)
                if wrote:
                    self.stats.count_mutation(body.get("operationName"))
                    self.scheduler.catch_up()  # a schedule created or changed now counts from now
                    self.store.save()
        return JSONResponse(self.forward_compat.rewrite(result))

    async def _graphql(self, request: Request, schema: Any) -> Response:
        context = self.context_for(request)
        if context is None:
            return PlainTextResponse("Unauthorized", status_code=401)
        try:
            body = await read_graphql_request(request, self.limits)
        except BadRequest as exc:
            status = 413 if isinstance(exc, BodyTooLarge) else 400
            return JSONResponse({"errors": [{"message": str(exc)}]}, status_code=status)
        try:
            # Off the event loop: one costly request must not stall every other client.
            return await anyio.to_thread.run_sync(self._run_graphql, schema, body, context)
        except StateSaveError as exc:
            error = {"message": str(exc), "extensions": {"classification": "InternalError"}}
            return JSONResponse({"data": None, "errors": [error]}, status_code=500)

    async def projects_graphql(self, request: Request) -> Response:
        if request.path_params["platform_id"] != str(self.store.data.platform_id):
            return PlainTextResponse("Unknown platform", status_code=404)
        return await self._graphql(request, self.projects_schema)

    async def gateway_graphql(self, request: Request) -> Response:
        return await self._graphql(request, self.gateway_schema)

    # ------------------------------------------------------------------ control plane helpers
    def bulk_job_instances(self, job_id: str, count: int) -> bool:
        """Create ``count`` finished instances of a job (benchmarks); False if there is no such job."""
        with self.store.lock:
            job = self.store.data.jobs.get(job_id)
            if job is None:
                return False
            # Started one second apart, long enough ago to have finished at any speed >= 1.
            first = self.clock.now() - count - 3600
            for index in range(count):
                self.backend.job_instances.create(job, first + index)
            self.store.save()
        return True

    def _starlette(self) -> Starlette:
        routes = [
            Route("/authentication/api/open/authenticate", self.authenticate, methods=["POST"]),
            Route("/projects/api/platform/{platform_id}/graphql", self.projects_graphql, methods=["POST"]),
            Route("/gateway/api/graphql", self.gateway_graphql, methods=["POST"]),
            *control_routes(self),
            *rest.routes(self),
        ]
        return Starlette(routes=routes, exception_handlers={StateSaveError: _state_not_saved})


async def _state_not_saved(request: Request, exc: Exception) -> Response:
    return JSONResponse({"status": 500, "error": str(exc)}, status_code=500)


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
    """An ASGI app of a fresh emulated platform (for ``uvicorn`` or an in-process ASGI client).

    Requests must name a host the emulator answers to (:mod:`.http_guard`): localhost, an IP address or a
    name in ``allowed_hosts``. In-process clients usually send ``Host: testserver``::

        app = create_app(EmulatorOptions(allowed_hosts=("testserver",)))
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
    """
    return Emulator(options).app
