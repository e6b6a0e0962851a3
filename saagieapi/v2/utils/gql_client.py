"""``saagie.client`` and ``saagie.client_gateway`` of 2.x: ``execute()`` of a GraphQL document of your own.

2.x scripts send the queries the SDK lacks through them::

    from gql import gql

    result = saagie.client.execute(query=gql("{ projects { id name } }"))
    names = [project["name"] for project in result["projects"]]

Here ``execute`` goes through the typed client's raw ``execute`` (``saagie.typed.client.execute``): the same
login, TLS, timeouts and retries (a mutation is never sent twice), and the platform's ``data`` dict back, as 2.x
returned it. The document may be its text, a parsed document (``gql(...)`` of gql 3, the version 2.x installed;
``graphql.parse(...)``) or gql 4's ``GraphQLRequest`` (what ``gql(...)`` returns from gql 4 on: its variables and
operation name are sent too). ``gql`` itself is not a dependency of saagieapi: a script that imports it needs it
installed (it came with 2.x), or can pass the text. With ``upload_files=True``, the open files among
``variable_values`` (nested in inputs and lists too) are sent as GraphQL multipart uploads, with their base name
as file name. The one difference is the one of the whole 2.x layer: GraphQL errors raise
:class:`saagieapi.GraphQLError` (its ``.data`` holds the partial data 2.x returned), where 2.x printed them.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

__all__ = ["GqlClient"]


class GqlClient:
    """One GraphQL endpoint of the platform (projects API or gateway), 2.x's way."""

    def __init__(self, generated_client: Any) -> None:
        self._client = generated_client
        #: Accepted for 2.x scripts that set it; the library never prints.
        self.pprint_global = False

    def __repr__(self) -> str:
        return f"<saagieapi.v2 GqlClient over {type(self._client).__name__}>"

    def execute(
        self,
        query: Any,
        variable_values: dict[str, Any] | None = None,
        upload_files: bool = False,
        is_retry: bool = False,
        pprint_result: bool | None = None,
    ) -> dict[str, Any]:
        """Send ``query`` with ``variable_values``; the ``data`` dict of the answer.

        ``is_retry`` and ``pprint_result`` are accepted and ignored (the transport refreshes the token itself;
        the library never prints).

        Example::

            saagie.client.execute("query($id: UUID!) { job(id: $id) { name } }", {"id": job_id})["job"]["name"]
        """
        text, request_variables, operation_name = _document(query)
        variables = {**request_variables, **(variable_values or {})}
        if upload_files:
            variables = {name: _uploads(self._client, value) for name, value in variables.items()}
        data: dict[str, Any] = self._client.execute(text, operation_name=operation_name, variables=variables or None)
        return data


def _document(query: Any) -> tuple[str, dict[str, Any], str | None]:
    """The text, variables and operation name of ``query``: text, a graphql-core document, or gql 4's request."""
    from ...errors import InvalidInputError

    if isinstance(query, str):
        return query, {}, None
    try:
        from graphql import DocumentNode, print_ast
    except ImportError:  # neither a parsed document nor gql's request can exist without graphql-core
        raise InvalidInputError(f"query must be a GraphQL document or its text, not {type(query).__name__}") from None
    if isinstance(query, DocumentNode):
        return print_ast(query), {}, None
    document = getattr(query, "document", None)  # gql >= 4: gql(...) is a GraphQLRequest around the document
    if isinstance(document, DocumentNode):
        variables = getattr(query, "variable_values", None)
        operation_name = getattr(query, "operation_name", None)
        return (
            print_ast(document),
            dict(variables) if isinstance(variables, dict) else {},
            operation_name if isinstance(operation_name, str) else None,
        )
    raise InvalidInputError(
        f"query must be a GraphQL document (gql(...), graphql.parse(...)) or its text, not {type(query).__name__}"
    )


def _uploads(client: Any, value: Any) -> Any:
    """``value`` with each open file (in dicts and lists too) as the ``Upload`` of the client's generated package
    (2.x put the file objects themselves in the variables)."""
    if isinstance(value, dict):
        return {key: _uploads(client, item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_uploads(client, item) for item in value]
    if not hasattr(value, "read"):
        return value
    package = type(client).__module__.rsplit(".", 1)[0]  # saagieapi._generated.projects or .gateway
    upload = importlib.import_module(f"{package}.base_model").Upload
    name = os.path.basename(str(getattr(value, "name", "") or "upload"))
    return upload(filename=name, content=value, content_type="application/octet-stream")
