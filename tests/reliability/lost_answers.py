"""An httpx transport that loses answers on purpose: the request reaches the platform and runs, the answer never
comes back (a read timeout, a dropped connection or a 503 in its place); or, with ``executed=False``, the
same failures strike before the platform saw the request.

It sits in the client process (``http_client=httpx.Client(transport=LosingTransport(...))``), so the loss is
exact: the first ``times`` requests of each chosen GraphQL operation (or REST method and path) are executed by
the platform, then the client sees the failure.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

import httpx

__all__ = ["LOSSES", "LosingAsyncTransport", "LosingTransport", "operation_of"]

#: How an answer can be lost.
LOSSES = ("read_timeout", "dropped", "503")


def operation_of(request: httpx.Request) -> str:
    """The GraphQL operation name of a request (JSON or multipart), else ``METHOD /path``."""
    content_type = request.headers.get("content-type", "")
    body = request.content
    if content_type.startswith("application/json"):
        try:
            name = json.loads(body).get("operationName")
        except ValueError:
            name = None
        if name:
            return str(name)
    if content_type.startswith("multipart/form-data"):
        marker = b'"operationName":'
        at = body.find(marker)
        if at >= 0:
            rest = body[at + len(marker) :].lstrip()
            if rest.startswith(b'"'):
                return rest[1 : rest.index(b'"', 1)].decode()
    return f"{request.method} {request.url.path}"


def _lost(loss: str, request: httpx.Request) -> httpx.Response:
    if loss == "read_timeout":
        raise httpx.ReadTimeout("the answer did not come in time", request=request)
    if loss == "dropped":
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
    return httpx.Response(503, text="Service Unavailable", request=request)


class LosingTransport(httpx.BaseTransport):
    """Forwards every request to the platform; loses the answer of the first ``times`` of each of ``operations``."""

    def __init__(
        self, operations: Iterable[str], *, loss: str = "dropped", times: int = 1, executed: bool = True
    ) -> None:
        self.inner = httpx.HTTPTransport()
        self.executed = executed
        self.operations = set(operations)
        self.loss = loss
        self.times = times
        self.sent: Counter[str] = Counter()
        self.lost: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        operation = operation_of(request)
        self.sent[operation] += 1
        if operation in self.operations and self.lost[operation] < self.times:
            self.lost[operation] += 1
            if self.executed:
                response = self.inner.handle_request(request)
                response.read()
                response.close()
            return _lost(self.loss, request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class LosingAsyncTransport(httpx.AsyncBaseTransport):
    """The asynchronous twin of :class:`LosingTransport`."""

    def __init__(
        self, operations: Iterable[str], *, loss: str = "dropped", times: int = 1, executed: bool = True
    ) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.executed = executed
        self.operations = set(operations)
        self.loss = loss
        self.times = times
        self.sent: Counter[str] = Counter()
        self.lost: Counter[str] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        operation = operation_of(request)
        self.sent[operation] += 1
        if operation in self.operations and self.lost[operation] < self.times:
            self.lost[operation] += 1
            if self.executed:
                response = await self.inner.handle_async_request(request)
                await response.aread()
                await response.aclose()
            return _lost(self.loss, request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()
