"""Base class of the generated asynchronous GraphQL clients (copied into each generated package).

The asynchronous twin of ``base_client.SaagieBaseClient``: same request building and response parsing
(straight from bytes into the result model), awaited transport.
"""

from typing import Any, Protocol

from pydantic import ValidationError

from ...errors import InvalidResponseError
from .base_client import FileTuple, ResultT, body_parser, convert_variables


class AsyncGraphQLTransport(Protocol):
    """What a generated asynchronous client needs from its transport (see ``base_client.GraphQLTransport``)."""

    async def execute_graphql(
        self,
        *,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        files: dict[str, FileTuple],
        files_map: dict[str, list[str]],
        **kwargs: Any,
    ) -> Any: ...


class AsyncSaagieBaseClient:
    """Sends the generated operations through an ``AsyncGraphQLTransport``."""

    def __init__(self, transport: AsyncGraphQLTransport) -> None:
        self.transport = transport

    async def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Send an operation; return its ``data`` as a dict."""
        converted, files, files_map = convert_variables(variables)
        data: dict[str, Any] = await self.transport.execute_graphql(
            query=query,
            operation_name=operation_name,
            variables=converted,
            files=files,
            files_map=files_map,
            **kwargs,
        )
        return data

    async def execute_and_validate(
        self,
        result_type: type[ResultT],
        query: str,
        operation_name: str | None = None,
        variables: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> ResultT:
        """Send an operation; return its ``data`` read straight from the body into ``result_type``."""
        converted, files, files_map = convert_variables(variables)
        result = await self.transport.execute_graphql(
            query=query,
            operation_name=operation_name,
            variables=converted,
            files=files,
            files_map=files_map,
            parse=body_parser(result_type),
            **kwargs,
        )
        if isinstance(result, result_type):
            return result
        try:
            return result_type.model_validate(result)
        except ValidationError as error:  # the data does not fit the models this SDK was generated from
            raise InvalidResponseError.from_validation(error, what=operation_name or result_type.__name__) from None

    def get_data(self, response: dict[str, Any]) -> dict[str, Any]:
        return response
