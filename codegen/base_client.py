"""Base class of the generated synchronous GraphQL clients (copied into each generated package).

It turns the generated methods' variables into a GraphQL request (JSON, or GraphQL multipart when an
``Upload`` appears anywhere in the variables) and hands it to a transport owned by the hand-written
layer (``saagieapi``), which adds authentication, retries, timeouts and error mapping.

A generated method reads the response body straight from bytes into its result model (pydantic-core's JSON
parser, no intermediate dicts): ``execute_and_validate`` hands the transport a parser for the envelope
``{"data": <result model>, "errors": ...}``. Whenever that parser does not accept the body as a success (not
JSON, ``errors`` present, no ``data``, data that does not fit the model), the transport's own checks run
instead, so errors, partial data and invalid JSON raise exactly what they raise for ``execute``.
"""

from collections.abc import Callable
from typing import IO, Any, Generic, Protocol, TypeVar

from pydantic import BaseModel as PydanticBaseModel
from pydantic import ValidationError
from typing_extensions import TypedDict

from ...errors import InvalidResponseError
from .base_model import UNSET, Upload

FileTuple = tuple[str, IO[bytes], str | None]
ResultT = TypeVar("ResultT", bound=PydanticBaseModel)
#: Parses a response body into the operation's result model; None when the body is not a plain success.
BodyParser = Callable[[bytes], PydanticBaseModel | None]


class GraphQLTransport(Protocol):
    """What a generated client needs from its transport.

    ``execute_graphql`` returns the response's ``data`` as a dict, or, when given ``parse``, what
    ``parse(body)`` returned if that is not None.
    """

    def execute_graphql(
        self,
        *,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        files: dict[str, FileTuple],
        files_map: dict[str, list[str]],
        **kwargs: Any,
    ) -> Any: ...


class _Envelope(TypedDict, Generic[ResultT], total=False):
    data: ResultT | None
    errors: Any


_PARSERS: dict[type[PydanticBaseModel], BodyParser] = {}


def body_parser(result_type: type[ResultT]) -> BodyParser:
    """The parser of a response body whose ``data`` is a ``result_type`` (one per type, built on first use)."""
    parser = _PARSERS.get(result_type)
    if parser is None:
        parser = _PARSERS.setdefault(result_type, _make_parser(result_type))
    return parser


def _make_parser(result_type: type[ResultT]) -> BodyParser:
    validate_json: Callable[[bytes], Any] | None = None

    def parse(content: bytes) -> PydanticBaseModel | None:
        nonlocal validate_json
        if validate_json is None:
            from pydantic import TypeAdapter  # not at import time: the first response needs it, not the import

            validate_json = TypeAdapter(_Envelope[result_type]).validate_json  # type: ignore[valid-type]
        try:
            envelope = validate_json(content)
        except ValidationError:
            return None  # not a success that fits the model: the transport's checks say why
        data = envelope.get("data")
        if data is None or envelope.get("errors"):
            return None
        return data  # type: ignore[no-any-return]

    return parse


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
        """Send an operation; return its ``data`` as a dict."""
        converted, files, files_map = convert_variables(variables)
        data: dict[str, Any] = self.transport.execute_graphql(
            query=query,
            operation_name=operation_name,
            variables=converted,
            files=files,
            files_map=files_map,
            **kwargs,
        )
        return data

    def execute_and_validate(
        self,
        result_type: type[ResultT],
        query: str,
        operation_name: str | None = None,
        variables: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> ResultT:
        """Send an operation; return its ``data`` read straight from the body into ``result_type``."""
        converted, files, files_map = convert_variables(variables)
        result = self.transport.execute_graphql(
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
