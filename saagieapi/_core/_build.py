"""Building a generated input model from its fields (used by the generated saagieapi/_core/inputs.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import InvalidInputError

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["build"]

M = TypeVar("M", bound="BaseModel")


def build(model: type[M], fields: Mapping[str, Any]) -> M:
    """``model`` from ``fields`` keyed by the platform's names; an unknown key or a bad value is InvalidInputError.

    Nothing unknown is dropped silently: a key the input does not have would otherwise vanish from the request.
    """
    from pydantic import ValidationError

    names = {info.alias or name for name, info in model.model_fields.items()}
    unknown = sorted(set(fields) - names - set(model.model_fields))
    if unknown:
        raise InvalidInputError(
            f"{model.__name__} has no field(s) {', '.join(unknown)}: its fields are {', '.join(sorted(names))}"
        )
    try:
        return model.model_validate(dict(fields))
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors(include_url=False, include_input=False)
        )
        raise InvalidInputError(f"invalid {model.__name__}: {problems}") from None
