"""The errors of ``saagieapi.v2``: the typed errors, also deriving from what 2.x raised.

2.x swallowed GraphQL errors, exited the process on a failed login and raised built-in exceptions
(``RuntimeError``, ``ValueError``, ``NameError``...) for bad input and unknown names. ``saagieapi.v2`` raises
the typed errors of :mod:`saagieapi.errors` instead; where 2.x raised, the error raised is also an instance of
the 2.x class, so ``except RuntimeError:`` around a 2.x call keeps working::

    try:
        saagie.projects.create("p", group="team")  # a group without a role
    except RuntimeError as error:  # 2.x raised RuntimeError; this is also a saagieapi.InvalidInputError
        ...
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import AmbiguousNameError, InvalidInputError, NotFoundError, SaagieError

__all__ = ["DEFAULT_2X_CLASSES", "compatible"]

#: Typed error -> the built-in classes 2.x raised for the same failure, unless a method says otherwise.
DEFAULT_2X_CLASSES: Mapping[type[SaagieError], tuple[type[Exception], ...]] = {
    InvalidInputError: (RuntimeError,),
    NotFoundError: (NameError,),
    AmbiguousNameError: (NameError,),
}


_COMBINED: dict[tuple[type[SaagieError], tuple[type[Exception], ...]], type[SaagieError]] = {}


def _combined(typed: type[SaagieError], extra: tuple[type[Exception], ...]) -> type[SaagieError]:
    """``typed`` with the 2.x classes it does not derive from yet as extra bases (one class per combination)."""
    bases = tuple(cls for cls in extra if not issubclass(typed, cls))
    if not bases:
        return typed
    key = (typed, bases)
    if key not in _COMBINED:
        _COMBINED[key] = type(typed.__name__, (typed, *bases), {"__module__": __name__, "__doc__": typed.__doc__})
    return _COMBINED[key]


def compatible(
    error: SaagieError, overrides: Mapping[type[SaagieError], tuple[type[Exception], ...]] | None = None
) -> SaagieError:
    """``error`` as an instance of a subclass of its class that also derives from the 2.x classes.

    The attributes, message and traceback are kept; the original error is the ``__cause__``.
    """
    table = {**DEFAULT_2X_CLASSES, **(overrides or {})}
    extra: tuple[type[Exception], ...] = ()
    for typed, classes in table.items():
        if isinstance(error, typed):
            extra = classes
            break
    cls = _combined(type(error), extra)
    if cls is type(error):
        return error
    converted = cls.__new__(cls, *error.args)
    for attribute, value in vars(error).items():
        setattr(converted, attribute, value)  # through descriptors (``NameError.name`` is a slot)
    converted.args = error.args
    converted.__cause__ = error
    converted.__suppress_context__ = True
    return converted
