"""Reading answers into models: a malformed answer is an InvalidResponseError, never a bare ValidationError."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ..errors import InvalidResponseError

if TYPE_CHECKING:
    from pydantic import BaseModel, TypeAdapter

__all__ = ["answer_value", "answer_model"]

M = TypeVar("M", bound="BaseModel")
T = TypeVar("T")


def answer_model(model: type[M], content: bytes | str, *, what: str) -> M:
    """``model`` read from the JSON ``content`` of the answer to ``what`` (``GET auth/api/users/alice``).

    Example::

        user = answer_model(User, response.content, what="GET users/alice")
    """
    from pydantic import ValidationError

    try:
        return model.model_validate_json(content)
    except ValidationError as error:
        raise InvalidResponseError.from_validation(error, what=what) from None


def answer_value(adapter: TypeAdapter[T], content: bytes | str, *, what: str) -> T:
    """The value of a ``TypeAdapter`` (``list[User]``) read from the JSON ``content`` of the answer to ``what``.

    Example::

        users = answer_value(TypeAdapter(list[User]), response.content, what="GET users")
    """
    from pydantic import ValidationError

    try:
        return adapter.validate_json(content)
    except ValidationError as error:
        raise InvalidResponseError.from_validation(error, what=what) from None
