"""The two GraphQL endpoints: JSON and multipart requests, lenient variables, platform-style errors."""

from __future__ import annotations

import json
import logging
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

__all__ = ["MAX_JSON_BODY", "BadRequest", "BodyTooLarge", "UploadedFile", "execute_request", "read_graphql_request"]

logger = logging.getLogger("saagie_emulator")


@dataclass(frozen=True)
class UploadedFile:
    """A file sent with the GraphQL multipart request spec. ``filename`` is kept verbatim."""

    filename: str
    content: bytes


class BadRequest(Exception):
    pass


class BodyTooLarge(BadRequest):
    """A JSON body over :data:`MAX_JSON_BODY` bytes (answered with HTTP 413)."""


#: Largest JSON GraphQL body read (uploads go through multipart, whose parts have their own limit).
MAX_JSON_BODY = 64 * 1024 * 1024


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


async def read_graphql_request(request: Request) -> dict[str, Any]:
    """Body of a GraphQL request: ``{"query", "variables", "operationName"}`` with uploads in place."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        async with request.form(max_part_size=1024 * 1024 * 1024) as form:
            try:
                operations = json.loads(str(form["operations"]))
                file_map = json.loads(str(form.get("map", "{}")))
            except (KeyError, ValueError) as exc:
                raise BadRequest("multipart requests need the 'operations' and 'map' fields") from exc
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
        body = operations
    else:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_JSON_BODY:
            raise BodyTooLarge(f"the body is over {MAX_JSON_BODY} bytes")
        chunks, size = [], 0
        async for chunk in request.stream():
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_JSON_BODY:
                raise BodyTooLarge(f"the body is over {MAX_JSON_BODY} bytes")
        try:
            body = json.loads(b"".join(chunks))
        except ValueError as exc:
            raise BadRequest("the body is not JSON") from exc
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
        for variable in definition.variable_definitions:
            name = variable.variable.name.value
            graphql_type = type_from_ast(schema, variable.type)
            if name in coerced and graphql_type is not None:
                coerced[name] = _lenient(coerced[name], graphql_type)  # type: ignore[arg-type]
        return coerced
    return variables


# ------------------------------------------------------------------ execution
class _DocumentCache:
    """Parsed and validated documents by query text: clients send the same few documents again and again."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[int, str], tuple[DocumentNode | None, list[GraphQLError]]] = OrderedDict()

    def get(self, schema: GraphQLSchema, query: str) -> tuple[DocumentNode | None, list[GraphQLError]]:
        key = (id(schema), query)
        cached = self.entries.get(key)
        if cached is not None:
            self.entries.move_to_end(key)
            return cached
        try:
            document: DocumentNode | None = parse(query)
            errors = list(validate(schema, document)) if document else []
        except GraphQLError as error:
            document, errors = None, [error]
        self.entries[key] = (document, errors)
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return document, errors


_cache = _DocumentCache()


def format_error(error: GraphQLError) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    original = error.original_error
    if isinstance(original, BusinessError):
        formatted["extensions"] = {"classification": original.classification}
    elif original is not None:
        logger.error("unexpected error in resolver", exc_info=original)
        formatted["extensions"] = {"classification": "InternalError"}
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


def execute_request(schema: GraphQLSchema, body: dict[str, Any], context: Any) -> tuple[dict[str, Any], bool]:
    """Run one GraphQL request: the response body (``data`` and/or ``errors``) and whether it wrote."""
    document, errors = _cache.get(schema, body["query"])
    if document is None or errors:
        return {"errors": [format_error(error) for error in errors]}, False
    operation_name = body.get("operationName")
    variables = body.get("variables") or {}
    if not isinstance(variables, dict):
        return {"errors": [{"message": "'variables' must be an object"}]}, False
    variables = _coerce_variables(schema, document, operation_name, variables)
    result = execute_sync(
        schema, document, context_value=context, variable_values=variables, operation_name=operation_name
    )
    if result.data and isinstance(result.data.get("__schema"), dict):
        _portable_introspection(result.data["__schema"])
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [format_error(error) for error in result.errors]
    return response, is_mutation(document, operation_name)
