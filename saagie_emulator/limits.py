"""What one request may cost: body sizes, JSON depth, GraphQL document size, aliases, depth and field count.

An emulator runs on developers' machines and in CI, next to a browser: nothing a client sends may take the
memory or the CPU of the server for itself. The limits apply before the work they bound:

* body size, on every endpoint, from ``Content-Length`` before anything is read and counted while reading
  (:class:`BodyLimitMiddleware`, HTTP 413);
* JSON depth, after decoding and before any handler walks the value (:func:`loads_json`, HTTP 400);
* GraphQL documents: size and tokens before parsing, then aliases, depth and fields (fragments expanded)
  before validation or execution (:func:`check_document`, a GraphQL error ``ExecutionAborted`` as
  graphql-java's instrumentations answer);
* GraphQL queries while they run: the fields they resolve, list items multiplied
  (:class:`FieldBudget`, the same error, nothing of the answer sent).

Every figure is a field of :class:`Limits`, chosen per emulator with ``running(limits=Limits(...))``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "BodyLimitMiddleware",
    "ExecutionBudgetExceeded",
    "FieldBudget",
    "DocumentTooExpensive",
    "InvalidJson",
    "Limits",
    "check_document",
    "json_depth",
    "loads_json",
]

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class Limits:
    """The bounds of one emulator (defaults far above what any client of the platform sends)."""

    #: Login, REST and control bodies.
    max_body_bytes: int = 1 * MIB
    #: A GraphQL request sent as JSON (the query, its variables).
    max_graphql_body_bytes: int = 16 * MIB
    #: A GraphQL multipart request (artifact and repository uploads).
    max_upload_bytes: int = 512 * MIB
    #: Nesting of any JSON body (objects and arrays).
    max_json_depth: int = 64
    #: The GraphQL document (the ``query`` string), in characters.
    max_document_chars: int = 256 * KIB
    #: Lexical tokens of a GraphQL document (graphql-core stops parsing past it).
    max_document_tokens: int = 50_000
    #: Aliased fields in one operation.
    max_aliases: int = 1_000
    #: Selection depth of one operation, fragments expanded.
    max_depth: int = 25
    #: Fields selected by one operation, fragments expanded (the cost bound of a document).
    max_fields: int = 10_000
    #: Fields one query may resolve while it runs, list items multiplied (the cost bound of an execution: a
    #: few aliases of a list of lists stay under ``max_fields`` and still resolve millions of fields). The
    #: server's own protection, no platform rule: the SDK's largest listing resolves 22 fields per instance,
    #: so this answers ~45,000 instances at once (the benchmarks list 5,000).
    max_resolved_fields: int = 1_000_000
    #: Parsed documents kept for reuse: their estimated memory (text and syntax tree), and their count.
    cache_bytes: int = 32 * MIB
    cache_entries: int = 512
    #: Seconds a connection may take to send a complete request head (slow or half-open requests).
    header_timeout: float = 10.0
    #: Seconds without a byte while a request body is being received.
    body_idle_timeout: float = 30.0


# ------------------------------------------------------------------------------------------ JSON
class InvalidJson(ValueError):
    """A body that is not JSON, or nested deeper than allowed (answered with HTTP 400)."""


def json_depth(value: Any, limit: int) -> int:
    """Nesting depth of a decoded JSON value, iteratively; stops counting once past ``limit``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def loads_json(raw: bytes | str, *, max_depth: int) -> Any:
    """``json.loads`` that answers :class:`InvalidJson` for bad JSON and for nesting over ``max_depth``."""
    try:
        value = json.loads(raw)
    except RecursionError:
        raise InvalidJson(f"the JSON body is nested deeper than {max_depth} levels") from None
    except (ValueError, TypeError) as exc:
        raise InvalidJson(f"the body is not JSON ({exc})") from None
    if json_depth(value, max_depth) > max_depth:
        raise InvalidJson(f"the JSON body is nested deeper than {max_depth} levels")
    return value


# ------------------------------------------------------------------------------------------ bodies
class _TooLarge(Exception):
    pass


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return bytes(value)
    return None


class BodyLimitMiddleware:
    """HTTP 413 for a body over its endpoint's limit: refused from ``Content-Length`` before reading, or as
    soon as the bytes received pass it (chunked bodies), never after buffering the whole body."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    def limit_for(self, scope: Scope) -> int:
        path = "/" + str(scope.get("path", "")).lstrip("/")
        if path.endswith("/graphql"):
            content_type = (_header(scope, b"content-type") or b"").lower()
            if content_type.startswith(b"multipart/"):
                return self.limits.max_upload_bytes
            return self.limits.max_graphql_body_bytes
        return self.limits.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _header(scope, b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            await _send_413(send, limit, scope)
            return
        received = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if not started and not refused:
                        refused = True
                        await _send_413(send, limit, scope)
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 is the answer: what the application tries to send after it is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not refused:
                raise


async def _send_413(send: Send, limit: int, scope: Scope) -> None:
    message = f"the request body is over {limit} bytes (the limit of this endpoint)"
    if str(scope.get("path", "")).endswith("/graphql"):
        body = json.dumps({"errors": [{"message": message}]}).encode()
    else:
        body = json.dumps({"status": 413, "error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# ------------------------------------------------------------------------------------------ GraphQL
class DocumentTooExpensive(ValueError):
    """A GraphQL document over a limit of :class:`Limits` (a GraphQL error, nothing executed)."""


@dataclass
class _Cost:
    fields: int = 0
    aliases: int = 0
    depth: int = 0


def check_document(document: DocumentNode, limits: Limits) -> None:
    """Raise :class:`DocumentTooExpensive` if an operation of ``document`` selects too much.

    Fragments are expanded by cost, not by copying: each fragment's cost is computed once, so a document
    whose fragments spread each other many times is measured in linear time (and a fragment cycle, which
    validation refuses later, counts as nothing here rather than looping).
    """
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    memo: dict[str, _Cost] = {}
    visiting: set[str] = set()

    def fragment_cost(name: str) -> _Cost:
        if name in memo:
            return memo[name]
        definition = fragments.get(name)
        if definition is None or name in visiting:
            return _Cost()
        visiting.add(name)
        cost = selection_cost(definition.selection_set)
        visiting.discard(name)
        memo[name] = cost
        return cost

    def selection_cost(selection_set: SelectionSetNode | None) -> _Cost:
        total = _Cost()
        if selection_set is None:
            return total
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                child = selection_cost(selection.selection_set)
                total.fields += 1 + child.fields
                total.aliases += (1 if selection.alias is not None else 0) + child.aliases
                total.depth = max(total.depth, 1 + child.depth)
            else:
                if isinstance(selection, FragmentSpreadNode):
                    child = fragment_cost(selection.name.value)
                elif isinstance(selection, InlineFragmentNode):
                    child = selection_cost(selection.selection_set)
                else:  # pragma: no cover - no other selection kind exists
                    continue
                total.fields += child.fields
                total.aliases += child.aliases
                total.depth = max(total.depth, child.depth)
            if total.fields > limits.max_fields or total.aliases > limits.max_aliases:
                break  # already over: no need to measure the rest
        return total

    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        cost = selection_cost(definition.selection_set)
        name = f"operation '{definition.name.value}'" if definition.name else "the operation"
        if cost.aliases > limits.max_aliases:
            raise DocumentTooExpensive(f"{name} has over {limits.max_aliases} aliases (the limit of this server)")
        if cost.depth > limits.max_depth:
            raise DocumentTooExpensive(
                f"{name} is {cost.depth} levels deep; this server allows {limits.max_depth} (fragments expanded)"
            )
        if cost.fields > limits.max_fields:
            raise DocumentTooExpensive(
                f"{name} selects over {limits.max_fields} fields (fragments expanded); split it into smaller queries"
            )


class ExecutionBudgetExceeded(BaseException):
    """A query resolved more fields than :attr:`Limits.max_resolved_fields`: its execution stops at once.

    A ``BaseException``: graphql-core turns an ``Exception`` raised by a field into an error of that field and
    goes on with the next list item; this one leaves the whole execution, which is what a budget is for.
    """


class FieldBudget:
    """A graphql-core middleware counting the fields one execution resolves; past ``budget`` it raises
    :class:`ExecutionBudgetExceeded`. One instance per request (``execute_sync(..., middleware=[budget])``).

    A middleware, not a subclass of the executor: graphql-core 3.2 names it ``ExecutionContext``, 3.3
    ``Executor`` (and exports neither the same way); the middleware argument is the same in both.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.spent = 0

    def resolve(self, next_: Any, root: Any, info: Any, **args: Any) -> Any:
        self.spent += 1
        if self.spent > self.budget:
            raise ExecutionBudgetExceeded(self.budget)
        return next_(root, info, **args)
