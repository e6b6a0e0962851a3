"""A hostile HTTP server on 127.0.0.1 that echoes every request (headers and body) in its error answers.

``mode`` chooses how the echo comes back: as GraphQL ``errors`` (message, extensions, data), as a long text
500 (the secret placed across the excerpt's cut), as an HTML page, as a 200 that is not JSON, URL-encoded,
JSON-escaped twice, or the request's values decoded and echoed raw (in text, in unescaped HTML) or in Gson's
JSON dialect. The login endpoint answers a token (``login="token"``), or echoes too.
"""

from __future__ import annotations

import contextlib
import html
import json
import secrets
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote

__all__ = ["MODES", "EchoServer", "echo_server"]

MODES = (
    "graphql_errors",
    "text_500",
    "html_400",
    "html_200",
    "url_503",
    "json_twice_502",
    "decoded_400",
    "decoded_html_500",
    "gson_400",
)


def _strings(value: Any) -> list[str]:
    """Every text in a decoded JSON document (what a server echoes once it has read the request)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _gson(text: str) -> str:
    """JSON as Gson (Java) and Go write it: ``<>&='`` as ``\\u00XX``."""
    escaped = json.dumps(text)[1:-1]
    for char in "<>&='":
        escaped = escaped.replace(char, f"\\u{ord(char):04x}")
    return escaped


class EchoServer:
    def __init__(self) -> None:
        self.mode = MODES[0]
        self.login = "token"
        self.tokens: list[str] = []
        self.url = ""

    def echo_of(self, handler: BaseHTTPRequestHandler, body: bytes) -> str:
        headers = "\n".join(f"{name}: {value}" for name, value in handler.headers.items())
        return f"{handler.command} {handler.path}\n{headers}\n\n{body.decode('utf-8', 'replace')}"

    def answer(self, handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, str, str]:
        echo = self.echo_of(handler, body)
        if handler.path.endswith("/authenticate") and self.login == "token":
            token = "tok-" + secrets.token_urlsafe(24)
            self.tokens.append(token)
            return 200, "text/plain", token
        mode = self.mode
        if mode == "graphql_errors":
            try:
                parsed: Any = json.loads(body)
            except ValueError:
                parsed = body.decode("utf-8", "replace")
            document = {
                "errors": [
                    {"message": f"cannot run: {echo}", "extensions": {"request": parsed, "echo": echo}},
                    f"raw {echo}",
                ],
                "data": {"echo": parsed, "nested": [{"text": echo}]},
            }
            return 200, "application/json", json.dumps(document)
        if mode == "text_500":
            # The secret lands across the 200-character excerpt (and the old 500-character cut).
            return 500, "text/plain", "E" * 190 + echo + "\n" + "padding " * 100
        if mode == "html_400":
            page = f"<html><head><title>Bad request</title></head><body><h1>Error</h1><pre>{html.escape(echo)}</pre>"
            return 400, "text/html", page + "<p>explanation</p></body></html>"
        if mode == "html_200":
            return 200, "text/html", f"<html><body><p>{html.escape(echo)}</p></body></html>"
        if mode in ("decoded_400", "decoded_html_500", "gson_400"):
            # The request read first, its values echoed as they were decoded: raw tabs and newlines, raw
            # HTML (a value with ``<x>`` becomes a tag), or in Gson's JSON dialect.
            try:
                values = _strings(json.loads(body))[::-1]  # the variables first, before the excerpt's cut
            except ValueError:
                values = [body.decode("utf-8", "replace")]
            if mode == "decoded_400":
                return 400, "text/plain", "Bad request: " + " | ".join(values)
            if mode == "decoded_html_500":
                return 500, "text/html", "<html><body><p>" + "</p><p>".join(values) + "</p></body></html>"
            return 400, "application/json", '{"message":"' + _gson(" | ".join(values)) + '"}'
        if mode == "url_503":
            return 503, "text/plain", "request=" + quote(echo, safe="")
        return 502, "application/json", json.dumps({"error": json.dumps({"echo": echo})})


@contextlib.contextmanager
def echo_server() -> Iterator[EchoServer]:
    state = EchoServer()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            status, content_type, text = state.answer(self, body)
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
