"""Base class of the generated asynchronous GraphQL clients (copied into each generated package).

The asynchronous twin of ``base_client.SaagieBaseClient``: same request building, awaited transport.
"""

from typing import Any, Protocol

from .base_client import FileTuple, convert_variables


class AsyncGraphQLTransport(Protocol):
    """What a generated asynchronous client needs from its transport."""

    async def execute_graphql(
        self,
        *,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        files: dict[str, FileTuple],
        files_map: dict[str, list[str]],
        **kwargs: Any,
    ) -> dict[str, Any]: ...


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
        converted, files, files_map = convert_variables(variables)
        return await self.transport.execute_graphql(
            query=query,
            operation_name=operation_name,
            variables=converted,
            files=files,
            files_map=files_map,
            **kwargs,
        )

    def get_data(self, response: dict[str, Any]) -> dict[str, Any]:
        return response
