"""``python -m saagie_emulator`` as a user starts it: the port it prints is the port it serves.

A busy port stops the start with one line on stderr (exit 2) before any connection setting is printed; with
``--port 0`` the server takes a free port and prints that one (not ``:0``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import httpx


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "saagie_emulator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_a_busy_port_stops_the_start_with_one_line_and_prints_no_settings() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        process = _start("--port", str(port))
        try:
            stdout, stderr = process.communicate(timeout=60)
        finally:
            process.kill()
    assert process.returncode == 2, (stdout, stderr)
    assert stdout == ""  # no SAAGIE_URL pointing at someone else's server
    assert f"cannot listen on 127.0.0.1:{port}" in stderr and "--port" in stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1


def test_port_0_serves_on_the_free_port_it_prints() -> None:
    process = _start("--port", "0", "--json")
    try:
        assert process.stdout is not None
        settings = json.loads(process.stdout.readline())
        port = int(settings["url"].rstrip("/").rsplit(":", 1)[1])
        assert port != 0 and settings["SAAGIE_URL"] == f"http://127.0.0.1:{port}/projects/platform/1/"
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = httpx.post(
                    f"http://127.0.0.1:{port}/authentication/api/open/authenticate",
                    json={"login": settings["SAAGIE_USER"], "password": settings["SAAGIE_PASSWORD"]},
                    headers={"Saagie-Realm": settings["SAAGIE_REALM"]},
                )
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the printed port never answered"
                time.sleep(0.1)
        assert answer.status_code == 200 and answer.text
    finally:
        process.terminate()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
