"""The two GraphQL endpoints: JSON and multipart requests, lenient variables, platform-style errors."""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    execute_sync,
    parse,
    validate,
)
from graphql.utilities import type_from_ast
from starlette.datastructures import UploadFile
from starlette.requests import Request

from .errors import BusinessError
from .limits import (
    DocumentTooExpensive,
    ExecutionBudgetExceeded,
    FieldBudget,
    InvalidJson,
    Limits,
    check_document,
    loads_json,
)

__all__ = [
    "BadRequest",
    "BodyTooLarge",
    "DocumentCache",
    "UploadedFile",
    "execute_request",
    "prepare_document",
    "read_graphql_request",
]

logger = logging.getLogger("saagie_emulator")


@dataclass(frozen=True)
class UploadedFile:
    """A file sent with the GraphQL multipart request spec. ``filename`` is kept verbatim."""

    filename: str
    content: bytes


class BadRequest(Exception):
    pass


class BodyTooLarge(BadRequest):
    """A body over its limit (answered with HTTP 413); :class:`~.limits.BodyLimitMiddleware` usually
    refuses it first."""


def _set_path(target: dict[str, Any], path: object, value: Any) -> None:
    """Put an upload at ``path`` (``variables.file``, ``variables.files.0``); BadRequest if it cannot."""
    if not isinstance(path, str) or not path.startswith("variables."):
        raise BadRequest(f"invalid path {path!r} in the multipart map: expected 'variables.<name>...'")
    keys = path.split(".")
    node: Any = target
    try:
        for key in keys[:-1]:
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        last = keys[-1]
        if isinstance(node, list):
            node[int(last)] = value
        elif isinstance(node, dict):
            node[last] = value
        else:
            raise TypeError(f"cannot set {last!r} on a {type(node).__name__}")
    except (LookupError, ValueError, TypeError, AttributeError) as exc:
        raise BadRequest(f"path {path!r} of the multipart map does not fit the operations: {exc}") from None


async def read_graphql_request(request: Request, limits: Limits) -> dict[str, Any]:
    """Body of a GraphQL request: ``{"query", "variables", "operationName"}`` with uploads in place."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        try:
            async with request.form(max_part_size=limits.max_upload_bytes) as form:
                try:
                    operations = loads_json(str(form["operations"]), max_depth=limits.max_json_depth)
                    file_map = loads_json(str(form.get("map", "{}")), max_depth=limits.max_json_depth)
                except KeyError as exc:
                    raise BadRequest("multipart requests need the 'operations' and 'map' fields") from exc
                except InvalidJson as exc:
                    raise BadRequest(f"multipart 'operations' and 'map' must be JSON: {exc}") from exc
                if not isinstance(operations, dict) or not isinstance(file_map, dict):
                    raise BadRequest("'operations' and 'map' must be JSON objects")
                if not all(isinstance(paths, list) for paths in file_map.values()):
                    raise BadRequest("each entry of 'map' must be a list of paths")
                for part_name, paths in file_map.items():
                    part = form.get(part_name)
                    if not isinstance(part, UploadFile):
                        raise BadRequest(f"file part '{part_name}' is missing")
                    uploaded = UploadedFile(part.filename or part_name, await part.read())
                    for path in paths:
                        _set_path(operations, path, uploaded)
        except ValueError as exc:  # a body python-multipart cannot parse (older starlette lets it through)
            raise BadRequest(f"malformed multipart body: {exc}") from None
        body = operations
    else:
        limit = limits.max_graphql_body_bytes
        chunks, size = [], 0
        async for chunk in request.stream():
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge(f"the body is over {limit} bytes")
        try:
            body = loads_json(b"".join(chunks), max_depth=limits.max_json_depth)
        except InvalidJson as exc:
            raise BadRequest(str(exc)) from exc
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        raise BadRequest("a GraphQL request needs a 'query' string")
    return body


# ------------------------------------------------------------------ lenient variable coercion
def _lenient(value: Any, graphql_type: GraphQLInputType) -> Any:
    """graphql-java accepts ``"1"`` for an Int; graphql-core does not. Convert numeric strings first."""
    if isinstance(graphql_type, GraphQLNonNull):
        return _lenient(value, graphql_type.of_type)
    if value is None:
        return None
    if isinstance(graphql_type, GraphQLList):
        if isinstance(value, list):
            return [_lenient(item, graphql_type.of_type) for item in value]
        return _lenient(value, graphql_type.of_type)
    if isinstance(graphql_type, GraphQLInputObjectType) and isinstance(value, dict):
        fields = graphql_type.fields
        return {key: _lenient(item, fields[key].type) if key in fields else item for key, item in value.items()}
    if isinstance(graphql_type, GraphQLScalarType) and isinstance(value, str):
        try:
            if graphql_type.name == "Int":
                return int(value.strip())
            if graphql_type.name == "Float":
                return float(value.strip())
        except ValueError:
            return value
    return value


def _coerce_variables(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, variables: dict[str, Any]
) -> dict[str, Any]:
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if operation_name and definition.name and definition.name.value != operation_name:
            continue
        coerced = dict(variables)
        # graphql-core 3.3 leaves ``variable_definitions`` None for an operation that declares none (3.2: empty).
        for variable in definition.variable_definitions or ():
            name = variable.variable.name.value
            graphql_type = type_from_ast(schema, variable.type)
            if name in coerced and graphql_type is not None:
                coerced[name] = _lenient(coerced[name], graphql_type)  # type: ignore[arg-type]
        return coerced
    return variables


# ------------------------------------------------------------------ execution
Prepared = tuple[DocumentNode | None, list[GraphQLError]]


def _aborted(message: str) -> GraphQLError:
    """A document refused by a limit: graphql-java's instrumentations answer ``ExecutionAborted``."""
    return GraphQLError(message, extensions={"classification": "ExecutionAborted"})


#: Lexical tokens of a GraphQL document, roughly (names and numbers, strings, punctuators).
_TOKENS = re.compile(r'[_0-9A-Za-z]+|"(?:[^"\\]|\\.)*"|[^\s,_0-9A-Za-z"]')
#: What one cached token costs in memory, measured on graphql-core's AST (tokens, nodes, locations).
TOKEN_BYTES = 600


def document_cost(query: str) -> int:
    """Estimated memory (bytes) of a parsed ``query`` kept in the cache: its text and its AST."""
    return len(query) + TOKEN_BYTES * len(_TOKENS.findall(query))


class DocumentCache:
    """Parsed and validated documents by query text: clients send the same few documents again and again.

    Bounded by the estimated memory of the cached documents (text and AST, :func:`document_cost`) and by
    count, least recently used out first; a document over a sixteenth of the budget is never cached.
    Thread-safe: documents are prepared in worker threads.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.entries: OrderedDict[tuple[int, str], tuple[Prepared, int]] = OrderedDict()
        self.bytes = 0
        self._lock = threading.Lock()

    def get(self, schema: GraphQLSchema, query: str) -> Prepared:
        key = (id(schema), query)
        with self._lock:
            cached = self.entries.get(key)
            if cached is not None:
                self.entries.move_to_end(key)
                return cached[0]
        prepared = prepare_document(schema, query, self.limits)
        cost = document_cost(query) if len(query) <= self.limits.max_document_chars else self.limits.cache_bytes
        if cost <= self.limits.cache_bytes // 16:
            with self._lock:
                if key not in self.entries:
                    self.entries[key] = (prepared, cost)
                    self.bytes += cost
                while self.entries and (
                    len(self.entries) > self.limits.cache_entries or self.bytes > self.limits.cache_bytes
                ):
                    _, (_, old_cost) = self.entries.popitem(last=False)
                    self.bytes -= old_cost
        return prepared


def prepare_document(schema: GraphQLSchema, query: str, limits: Limits) -> Prepared:
    """Parse, measure and validate ``query``: the document, or None and the errors to answer."""
    if len(query) > limits.max_document_chars:
        return None, [
            _aborted(
                f"the GraphQL document is {len(query)} characters long; this server accepts {limits.max_document_chars}"
            )
        ]
    try:
        document = parse(query, max_tokens=limits.max_document_tokens)
    except GraphQLError as error:
        if "more than" in error.message and "tokens" in error.message:
            return None, [_aborted(f"the GraphQL document has over {limits.max_document_tokens} tokens")]
        if "Parsing aborted" in error.message:  # graphql-core's own guards (nesting)
            return None, [_aborted(error.message.replace("Syntax Error: ", "the GraphQL document: "))]
        return None, [error]
    except RecursionError:
        return None, [_aborted("the GraphQL document is nested too deeply")]
    try:
        check_document(document, limits)
    except DocumentTooExpensive as exc:
        return None, [_aborted(str(exc))]
    except RecursionError:
        return None, [_aborted("the GraphQL document is nested too deeply")]
    errors = list(validate(schema, document))
    return (None if errors else document), errors


def format_error(error: GraphQLError) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    original = error.original_error
    if isinstance(original, BusinessError):
        formatted["extensions"] = {"classification": original.classification}
    elif original is not None:
        logger.error("unexpected error in resolver", exc_info=original)
        formatted["extensions"] = {"classification": "InternalError"}
    elif error.extensions and "classification" in error.extensions:
        formatted["extensions"] = {"classification": error.extensions["classification"]}
    else:
        formatted["extensions"] = {"classification": "ValidationError"}
    return formatted


_CLASSIC_LOCATIONS = frozenset(
    [
        "QUERY",
        "MUTATION",
        "SUBSCRIPTION",
        "FIELD",
        "FRAGMENT_DEFINITION",
        "FRAGMENT_SPREAD",
        "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION",
        "SCHEMA",
        "SCALAR",
        "OBJECT",
        "FIELD_DEFINITION",
        "ARGUMENT_DEFINITION",
        "INTERFACE",
        "UNION",
        "ENUM",
        "ENUM_VALUE",
        "INPUT_OBJECT",
        "INPUT_FIELD_DEFINITION",
    ]
)


def _portable_introspection(schema: dict[str, Any]) -> None:
    """Drop directive locations newer than what graphql-java (the platform) and older clients know.

    Recent graphql-core declares ``@deprecated`` on DIRECTIVE_DEFINITION; graphql-core 3.2.6 (used by
    saagieapi 2.x through gql) refuses such an introspection result.
    """
    for directive in schema.get("directives") or []:
        if isinstance(directive, dict) and isinstance(directive.get("locations"), list):
            directive["locations"] = [loc for loc in directive["locations"] if loc in _CLASSIC_LOCATIONS]


def is_mutation(document: DocumentNode, operation_name: str | None) -> bool:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (
            not operation_name or (definition.name is not None and definition.name.value == operation_name)
        ):
            return definition.operation.value == "mutation"
    return False


def execute_request(
    schema: GraphQLSchema, body: dict[str, Any], context: Any, prepared: Prepared, *, max_resolved_fields: int = 0
) -> tuple[dict[str, Any], bool]:
    """Run one GraphQL request whose document is ``prepared`` (:meth:`DocumentCache.get`): the response
    body (``data`` and/or ``errors``) and whether it wrote.

    With ``max_resolved_fields`` (queries: nothing to undo), an execution resolving more fields than that
    stops and answers one ``ExecutionAborted`` error. Blocking (resolvers): call it from a worker thread.
    """
    document, errors = prepared
    if document is None or errors:
        return {"errors": [format_error(error) for error in errors]}, False
    operation_name = body.get("operationName")
    variables = body.get("variables") or {}
    if not isinstance(variables, dict):
        return {"errors": [{"message": "'variables' must be an object"}]}, False
    variables = _coerce_variables(schema, document, operation_name, variables)
    budget = [FieldBudget(max_resolved_fields)] if max_resolved_fields > 0 else None
    try:
        result = execute_sync(
            schema,
            document,
            context_value=context,
            variable_values=variables,
            operation_name=operation_name,
            middleware=budget,
        )
    except ExecutionBudgetExceeded:
        message = (
            f"the query resolves over {max_resolved_fields} fields (list items counted; the limit of this "
            "server): ask for fewer fields or page the lists"
        )
        return {"data": None, "errors": [format_error(_aborted(message))]}, False
    if result.data and isinstance(result.data.get("__schema"), dict):
        _portable_introspection(result.data["__schema"])
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [format_error(error) for error in result.errors]
    return response, is_mutation(document, operation_name)
