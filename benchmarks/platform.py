"""The emulated platform of a benchmark run: a separate ``python -m saagie_emulator`` process."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from typing import Any

from saagie_emulator import DEFAULT_PASSWORD, DEFAULT_PLATFORM_ID, DEFAULT_REALM, DEFAULT_USER
from saagie_emulator.control import CONTROL_TOKEN_ENV, CONTROL_TOKEN_HEADER

__all__ = ["EmulatorProcess"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class EmulatorProcess:
    """Starts the emulator in its own process (so that its CPU never counts as the client's)."""

    latency_ms: float = 0.0
    speed: float = 1000.0
    process: subprocess.Popen[bytes] | None = None
    port: int = 0
    #: The control token handed to the emulator process (its control endpoints refuse any other).
    control_token: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def connection(self) -> dict[str, Any]:
        """What a client needs to connect (the constructor arguments shared by every client)."""
        return {
            "url": self.url,
            "platform_id": DEFAULT_PLATFORM_ID,
            "user": DEFAULT_USER,
            "password": DEFAULT_PASSWORD,
            "realm": DEFAULT_REALM,
        }

    def __enter__(self) -> EmulatorProcess:
        self.port = _free_port()
        command = [
            sys.executable,
            "-m",
            "saagie_emulator",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--latency-ms",
            str(self.latency_ms),
            "--speed",
            str(self.speed),
        ]
        self.control_token = "bench." + secrets.token_urlsafe(24)
        environment = {**os.environ, CONTROL_TOKEN_ENV: self.control_token}
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
        deadline = time.monotonic() + 30
        while True:
            try:
                self.control("faults")
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    stderr = self.process.stderr.read().decode() if self.process.stderr else ""
                    self.__exit__()
                    raise RuntimeError(f"the emulator did not start:\n{stderr[-2000:]}") from None
                time.sleep(0.05)

    def __exit__(self, *exc_info: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def control(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        """Call ``/_emulator/<path>`` (GET, or POST with a JSON body)."""
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(
            f"{self.url}_emulator/{path}", data=data, method="GET" if data is None else "POST"
        )
        request.add_header("content-type", "application/json")
        request.add_header(CONTROL_TOKEN_HEADER, self.control_token)
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())

    def set_latency(self, latency_ms: float) -> None:
        self.control("faults", {"latency_ms": latency_ms})
