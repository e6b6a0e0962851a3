"""Serving an emulator: in-process on an ephemeral port (``running()``), or as a long-lived server."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn

from .app import Emulator, EmulatorOptions
from .clock import Clock
from .control import CONTROL_TOKEN_HEADER
from .faults import Faults
from .lifecycle import Controls
from .protocol import guarded_protocol
from .stats import ForwardCompat, Stats

__all__ = ["RunningPlatform", "build_emulator", "control", "running", "serve", "serve_emulator"]


@dataclass
class RunningPlatform:
    """A platform being served. Connection details for clients, and run-time controls for tests."""

    url: str
    platform_url: str
    realm: str
    platform_id: int
    user: str
    password: str = field(repr=False)
    emulator: Emulator = field(repr=False)

    @property
    def control_token(self) -> str:
        """The token of the control endpoints (``/_emulator/...``), for another process driving this one."""
        return self.emulator.control_token

    def control(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        """Call a control endpoint over HTTP: ``platform.control("faults", {"latency_ms": 50})``.

        GET without ``payload``, POST with it (JSON); the control token is sent for you.
        """
        return control(self.url, path, payload, token=self.control_token)

    @property
    def faults(self) -> Faults:
        """Fault injection settings; ``platform.faults.configure(fault_rate=0.3)`` at any time."""
        return self.emulator.faults

    @property
    def controls(self) -> Controls:
        """Simulation settings: ``speed``, ``default_outcome``, ``force_job_outcome(job, outcome)``."""
        return self.emulator.controls

    @property
    def clock(self) -> Clock:
        """Emulated time: ``platform.clock.advance(minutes=30)`` moves every life cycle 30 minutes on."""
        return self.emulator.clock

    @property
    def stats(self) -> Stats:
        """Requests received and GraphQL mutations executed (by operation name) since the start or reset."""
        return self.emulator.stats

    @property
    def forward_compat(self) -> ForwardCompat:
        """Answer like a newer platform: ``platform.forward_compat.configure(extra_field="x", ...)``."""
        return self.emulator.forward_compat

    def set_speed(self, speed: float) -> None:
        self.emulator.controls.speed = speed

    def force_job_outcome(self, job: str, outcome: str | None) -> None:
        """Force what the next runs of a job (id or name) end with: SUCCEEDED, FAILED or RUNNING."""
        self.emulator.controls.force_job_outcome(job, outcome)

    def expire_tokens(self) -> None:
        """Invalidate every token issued so far (clients get 401 until they log in again)."""
        self.emulator.tokens.expire_all()

    def reset(self) -> None:
        """Back to the seeded state, default controls and no faults."""
        self.emulator.reset()

    def env(self) -> dict[str, str]:
        """Environment variables for a client (``SAAGIE_URL``, ``SAAGIE_PLATFORM_ID``, ...)."""
        return {
            "SAAGIE_URL": self.url,
            "SAAGIE_PLATFORM_URL": self.platform_url,
            "SAAGIE_REALM": self.realm,
            "SAAGIE_PLATFORM_ID": str(self.platform_id),
            "SAAGIE_USER": self.user,
            "SAAGIE_PASSWORD": self.password,
        }


def _options(overrides: dict[str, Any]) -> EmulatorOptions:
    if "state_path" in overrides and overrides["state_path"] is not None:
        overrides["state_path"] = Path(overrides["state_path"])
    return EmulatorOptions(**overrides)


def _platform(emulator: Emulator, host: str, port: int, scheme: str = "http") -> RunningPlatform:
    opts = emulator.options
    url = f"{scheme}://{host}:{port}/"
    return RunningPlatform(
        url=url,
        platform_url=f"{url}projects/platform/{opts.platform_id}/",
        realm=opts.realm,
        platform_id=opts.platform_id,
        user=opts.user,
        password=opts.password,
        emulator=emulator,
    )


@contextlib.contextmanager
def running(**options: Any) -> Iterator[RunningPlatform]:
    """Serve a fresh emulated platform on 127.0.0.1 (ephemeral port) for the duration of the block.

    ``options`` are the fields of :class:`~saagie_emulator.app.EmulatorOptions`: ``realm``,
    ``platform_id``, ``user``, ``password``, ``state_path``, ``speed``, ``token_ttl_seconds``,
    ``latency_ms``, ``fault_rate``, ``fault_statuses``, ``drop_rate``, ``expired_token_rate``,
    ``retry_after_seconds``, ``fault_seed``; plus ``ssl_certfile`` and ``ssl_keyfile`` (PEM paths) to serve
    HTTPS instead of HTTP.

    >>> with running(speed=100) as platform:  # doctest: +SKIP
    ...     api = SaagieApi.easy_connect(platform.platform_url, platform.user, platform.password)
    """
    options = dict(options)
    certfile, keyfile = options.pop("ssl_certfile", None), options.pop("ssl_keyfile", None)
    tls = certfile is not None
    emulator = Emulator(_options(options))
    # Let uvicorn bind port 0 itself: sockets handed over with ``sockets=`` lose TCP_NODELAY on accepted
    # connections, which costs a delayed-ACK round trip (~40 ms) per request.
    config = _config(
        emulator,
        "127.0.0.1",
        0,
        log_level="critical",
        access_log=False,
        timeout_graceful_shutdown=2,
        ssl_certfile=None if certfile is None else str(certfile),
        ssl_keyfile=None if keyfile is None else str(keyfile),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="saagie-emulator", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the Saagie emulator did not start")
            time.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield _platform(emulator, "127.0.0.1", port, "https" if tls else "http")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def serve(host: str = "127.0.0.1", port: int = 8080, **options: Any) -> None:
    """Run a platform in the foreground until interrupted (what ``python -m saagie_emulator`` does).

    Raises :class:`~saagie_emulator.state_file.StateFileError` before serving if ``state_path`` names a file
    that is not a readable state file.
    """
    serve_emulator(build_emulator(**options), host, port)


def build_emulator(**options: Any) -> Emulator:
    """An emulator for ``options`` (see :func:`running`), its state loaded; nothing served yet."""
    return Emulator(_options(dict(options)))


def _config(emulator: Emulator, host: str, port: int, **settings: Any) -> uvicorn.Config:
    """uvicorn settings shared by every way of serving: h11 with head and body timeouts, no lifespan."""
    emulator.host_guard.allow(host)
    return uvicorn.Config(
        emulator.app,
        host=host,
        port=port,
        http=guarded_protocol(emulator.limits),
        lifespan="off",
        ws="none",
        **settings,
    )


def _raise_file_limit() -> None:
    """Let the server hold as many connections as the system allows (the soft limit is often 1,024)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


class _AnnouncingServer(uvicorn.Server):
    """uvicorn's server, calling ``on_ready(port)`` once it listens (port 0: the port the system chose)."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[int], None] | None) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        if self._on_ready is not None and not self.should_exit:
            bound = [sock.getsockname()[1] for server in self.servers for sock in server.sockets or ()]
            self._on_ready(int(bound[0]) if bound else self.config.port)


def serve_emulator(
    emulator: Emulator, host: str = "127.0.0.1", port: int = 8080, *, on_ready: Callable[[int], None] | None = None
) -> None:
    """Serve ``emulator`` in the foreground until interrupted; ``on_ready(port)`` is called once it accepts
    connections, with the port it listens on (the one the system chose for ``port=0``)."""
    _raise_file_limit()
    _AnnouncingServer(_config(emulator, host, port, log_level="warning"), on_ready).run()


def control(url: str, path: str, payload: dict[str, Any] | None = None, *, token: str) -> Any:
    """Call a control endpoint of a running server (``/_emulator/...``) from another process.

    ``token`` is the server's control token (printed by ``python -m saagie_emulator``). GET without
    ``payload``, POST with it. Raises ``urllib.error.HTTPError`` on a refusal (401: wrong token).
    """
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(  # noqa: S310 - the caller chooses a local emulator URL
        url.rstrip("/") + "/_emulator/" + path, data=data, method="POST" if data is not None else "GET"
    )
    request.add_header("content-type", "application/json")
    request.add_header(CONTROL_TOKEN_HEADER, token)
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
        return json.loads(response.read())
