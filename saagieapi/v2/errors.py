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

import http
import json
import os
from collections.abc import Mapping
from typing import Any

from ..errors import AmbiguousNameError, ExportError, HTTPStatusError, InvalidInputError, NotFoundError, SaagieError

__all__ = ["DEFAULT_2X_CLASSES", "RestResponse", "compatible", "make_output_folder", "rest_2x_classes"]

#: Typed error -> the built-in classes 2.x raised for the same failure, unless a method says otherwise.
DEFAULT_2X_CLASSES: Mapping[type[SaagieError], tuple[type[Exception], ...]] = {
    InvalidInputError: (RuntimeError,),
    NotFoundError: (NameError,),
    AmbiguousNameError: (NameError,),
}


def rest_2x_classes() -> Mapping[type[SaagieError], tuple[type[Exception], ...]]:
    """The 2.x classes of the REST calls (users, groups, profiles, logs): 2.x called ``raise_for_status()``, so
    every error status was a ``requests.exceptions.HTTPError``, a missing user or group (404) included.

    ``requests`` is not a dependency of saagieapi 3: when it is not installed, no script can catch its class, and
    the typed errors are raised as they are. Read at error time, so that nothing imports ``requests`` otherwise.
    """
    try:
        from requests.exceptions import HTTPError
    except ImportError:
        return {NotFoundError: (), HTTPStatusError: ()}
    return {NotFoundError: (HTTPError,), HTTPStatusError: (HTTPError,)}


class RestResponse:
    """What 2.x scripts read of ``error.response`` (a ``requests.Response`` in 2.x): ``status_code``, ``reason``,
    ``url``, ``text``, ``json()``, ``ok`` (the body is the redacted excerpt the typed error keeps)."""

    def __init__(self, status_code: int, url: str = "", text: str = "") -> None:
        self.status_code = status_code
        self.url = url
        self.text = text
        self.ok = False
        self.headers: dict[str, str] = {}
        try:
            self.reason = http.HTTPStatus(status_code).phrase
        except ValueError:
            self.reason = ""

    def json(self) -> Any:
        return json.loads(self.text)

    def __repr__(self) -> str:
        return f"<RestResponse [{self.status_code}]>"


def _as_requests_error(error: SaagieError, converted: Exception) -> None:
    """Give a converted error the ``response`` and ``request`` attributes of a ``requests`` ``HTTPError``."""
    if not any(cls.__module__.startswith("requests.") for cls in type(converted).__mro__):
        return
    status = getattr(error, "status_code", 404 if isinstance(error, NotFoundError) else 0)
    converted.response = RestResponse(status, getattr(error, "url", ""), getattr(error, "body", ""))  # type: ignore[attr-defined]
    converted.request = None  # type: ignore[attr-defined]


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


def _instance(cls: type[SaagieError], args: tuple[Any, ...]) -> SaagieError:
    """A bare instance of ``cls`` (``__init__`` is not run: the attributes are copied afterwards).

    With ``requests``' ``HTTPError`` (an ``OSError``) among the bases, the memory layout is ``OSError``'s and
    Python accepts only ``OSError.__new__``: the first built-in ``__new__`` that accepts the class is used.
    """
    try:
        return cls.__new__(cls, *args)
    except TypeError:
        for base in cls.__mro__:
            if base.__module__ == "builtins" and "__new__" in vars(base):
                try:
                    instance: SaagieError = base.__new__(cls, *args)
                except TypeError:
                    continue
                return instance
        raise


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
    converted = _instance(cls, error.args)
    for attribute, value in vars(error).items():
        setattr(converted, attribute, value)  # through descriptors (``NameError.name`` is a slot)
    converted.args = error.args
    _as_requests_error(error, converted)
    converted.__cause__ = error
    converted.__suppress_context__ = True
    return converted


def make_output_folder(output_folder: str | os.PathLike[str]) -> None:
    """Create an export's output folder first, as 2.x did (``os.makedirs``, outside its ``try``).

    A folder that cannot be made (under a file, not writable, a NUL in the name) raises an
    :class:`~saagieapi.errors.ExportError` that is also the ``OSError`` 2.x raised there
    (``NotADirectoryError``, ``PermissionError``...), with its ``errno``: ``except OSError:`` keeps working.
    """
    try:
        os.makedirs(output_folder, exist_ok=True)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path, as the typed export reports it
        reason = getattr(error, "strerror", None) or error
        typed = ExportError(f"cannot write an export into {str(output_folder)!r}: {reason}")
        converted = compatible(typed, {ExportError: (type(error),)})
        if isinstance(error, OSError) and isinstance(converted, OSError):
            converted.errno = error.errno  # (not strerror: str() keeps the typed message)
        raise converted from error
