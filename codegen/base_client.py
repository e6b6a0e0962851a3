"""Base class of the generated synchronous GraphQL clients (copied into each generated package).

It turns the generated methods' variables into a GraphQL request (JSON, or GraphQL multipart when an
``Upload`` appears anywhere in the variables) and hands it to a transport owned by the hand-written
layer (``saagieapi``), which adds authentication, retries, timeouts and error mapping.
"""

from typing import IO, Any, Protocol

from pydantic import BaseModel as PydanticBaseModel

from .base_model import UNSET, Upload

FileTuple = tuple[str, IO[bytes], str | None]


class GraphQLTransport(Protocol):
    """What a generated client needs from its transport."""

    def execute_graphql(
        self,
        *,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        files: dict[str, FileTuple],
        files_map: dict[str, list[str]],
        **kwargs: Any,
    ) -> dict[str, Any]: ...


def convert_variables(
    variables: dict[str, Any] | None,
) -> tuple[dict[str, Any], dict[str, FileTuple], dict[str, list[str]]]:
    """Serialise input models, drop UNSET arguments and pull uploads out of the variables."""
    if not variables:
        return {}, {}, {}
    uploads: list[Upload] = []
    files_map: dict[str, list[str]] = {}

    def convert(path: str, value: Any) -> Any:
        if isinstance(value, PydanticBaseModel):
            value = value.model_dump(by_alias=True, exclude_unset=True)
        if isinstance(value, Upload):
            for index, known in enumerate(uploads):
                if known is value:
                    files_map[str(index)].append(path)
                    return None
            files_map[str(len(uploads))] = [path]
            uploads.append(value)
            return None
        if isinstance(value, dict):
            return {key: convert(f"{path}.{key}", item) for key, item in value.items() if item is not UNSET}
        if isinstance(value, (list, tuple)):
            return [convert(f"{path}.{index}", item) for index, item in enumerate(value)]
        return value

    converted = {key: convert(f"variables.{key}", value) for key, value in variables.items() if value is not UNSET}
    files: dict[str, FileTuple] = {
        str(index): (upload.filename, upload.content, upload.content_type)  # type: ignore[misc]
        for index, upload in enumerate(uploads)
    }
    return converted, files, files_map


class SaagieBaseClient:
    """Sends the generated operations through a ``GraphQLTransport``."""

    def __init__(self, transport: GraphQLTransport) -> None:
        self.transport = transport

    def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        converted, files, files_map = convert_variables(variables)
        return self.transport.execute_graphql(
            query=query,
            operation_name=operation_name,
            variables=converted,
            files=files,
            files_map=files_map,
            **kwargs,
        )

    def get_data(self, response: dict[str, Any]) -> dict[str, Any]:
        return response
