"""Arguments of the public methods checked against their signatures: a wrong type is an InvalidInputError.

Every public method of the client and of its resources is wrapped once, when its class is created
(:func:`check_public_methods`). When a call fails with anything but a SaagieError (a TypeError, an
AttributeError, a pydantic ``ValidationError``...), its arguments are checked against the parameters'
annotations - ``str``, ``int`` (not a bool), ``float``, ``bool``, ``None``, sequences and mappings with their
item types, literals, file paths and objects, callables, the SDK's own classes, protocols (by the attributes
they declare; a default is never checked):

* an argument that does not fit raises :class:`~saagieapi.errors.InvalidInputError` naming the method, the
  parameter and what it expects;
* a pydantic ``ValidationError`` raised while building a request's input becomes an InvalidInputError, one
  raised while reading an answer an InvalidResponseError;
* anything else is a bug of the SDK and is raised as it is (the tests look for them).

So only SaagieError subclasses leave a public method for a bad argument, the methods' own checks and
messages come first (``storage_size=1`` says "a size such as '1 GB'"), and lenient conversions they do
(``"1"`` for a platform number) keep working. The checks are derived from the annotations: a new method is
covered without writing anything, and a call that succeeds pays nothing but the wrapper.
"""

from __future__ import annotations

import collections.abc
import functools
import inspect
import os
import types
import typing
from collections.abc import Callable
from typing import IO, Any, TypeVar, Union

from pydantic import ValidationError

from ..errors import InvalidInputError, InvalidResponseError, SaagieError

__all__ = ["check_public_methods", "checked"]

F = TypeVar("F", bound=Callable[..., Any])
Checker = Callable[[Any], bool]
_SEQUENCES = (
    list,
    tuple,
    collections.abc.Sequence,
    collections.abc.MutableSequence,
)
_ITERABLES = (collections.abc.Iterable, collections.abc.Collection, collections.abc.Set, set, frozenset)
_MAPPINGS = (dict, collections.abc.Mapping, collections.abc.MutableMapping)


def _all(check: Checker | None, items: Any) -> bool:
    return check is None or all(check(item) for item in items)


def _checker(annotation: Any) -> Checker | None:
    """A test of a value against a type (None: anything goes, for types it cannot read)."""
    if annotation in (Any, object, inspect.Parameter.empty):
        return None
    if annotation is None or annotation is type(None):
        return lambda value: value is None
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _checker(args[0])
    if origin in (Union, types.UnionType):
        checks = [_checker(arg) for arg in args]
        if any(check is None for check in checks):
            return None
        return lambda value: any(check(value) for check in checks)  # type: ignore[misc]
    if origin is typing.Literal:
        return lambda value: any(value == arg and type(value) is type(arg) for arg in args)
    if annotation is bool:
        return lambda value: isinstance(value, bool)
    if annotation is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if annotation is float:
        return lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is str:
        return lambda value: isinstance(value, str)
    if annotation is bytes:
        return lambda value: isinstance(value, (bytes, bytearray))
    base = origin or annotation
    item = _checker(args[0]) if args and base not in _MAPPINGS else None
    if base in _SEQUENCES:
        return lambda value: isinstance(value, (list, tuple)) and _all(item, value)
    if base in _ITERABLES:
        return lambda value: (
            isinstance(value, collections.abc.Iterable)
            and not isinstance(value, (str, bytes, collections.abc.Mapping))
            and (not isinstance(value, (list, tuple, set, frozenset)) or _all(item, value))
        )
    if base in _MAPPINGS:
        keys = _checker(args[0]) if args else None
        values = _checker(args[1]) if len(args) > 1 else None
        return lambda value: (
            isinstance(value, collections.abc.Mapping) and _all(keys, value.keys()) and _all(values, value.values())
        )
    if base is collections.abc.Callable:
        return callable
    if base is os.PathLike:
        return lambda value: isinstance(value, os.PathLike)
    if base is IO or base is typing.BinaryIO:
        return lambda value: hasattr(value, "read")
    if isinstance(base, type) and getattr(base, "_is_protocol", False):
        members = _protocol_members(base)
        return (lambda value: all(hasattr(value, name) for name in members)) if members else None
    if isinstance(base, type):
        return lambda value: isinstance(value, base)
    return None  # a type variable, a name unknown at run time


def _protocol_members(protocol: type) -> frozenset[str]:
    """The public attributes and methods a protocol declares (what a value must have to be one)."""
    names: set[str] = set()
    for klass in protocol.__mro__:
        if klass in (object, typing.Protocol, typing.Generic):
            continue
        if not getattr(klass, "_is_protocol", False):
            continue
        names |= {name for name in vars(klass) if not name.startswith("_")}
        names |= {name for name in getattr(klass, "__annotations__", {}) if not name.startswith("_")}
    return frozenset(names)


def _resolve(annotation: Any, namespace: dict[str, Any]) -> Any:
    """The annotation as a type: evaluated in the function's module (None: a name only known to type checkers)."""
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, namespace)  # noqa: S307 -- the SDK's own annotations, not user input
    except Exception:  # a name imported under TYPE_CHECKING only: left unchecked
        return Any


def _describe(annotation: Any) -> str:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", None) or str(annotation)
    return str(text).replace("typing.", "").replace("collections.abc.", "")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Signature:
    """The checkers of one function's parameters, built when first needed."""

    _cache: typing.ClassVar[dict[Callable[..., Any], _Signature]] = {}

    @classmethod
    def of(cls, function: Callable[..., Any]) -> _Signature:
        found = cls._cache.get(function)
        if found is None:
            found = cls._cache[function] = cls(function)
        return found

    def __init__(self, function: Callable[..., Any]) -> None:
        signature = inspect.signature(function)
        namespace = dict(getattr(function, "__globals__", {}))
        self.name = function.__qualname__
        self.positional: list[str] = []
        self.checks: dict[str, tuple[Checker, Any, str]] = {}
        for index, (name, parameter) in enumerate(signature.parameters.items()):
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
                self.positional.append(name)
            if index == 0 and name in ("self", "cls"):
                continue
            check = _checker(_resolve(parameter.annotation, namespace))
            if check is not None:
                self.checks[name] = (check, parameter.default, _describe(parameter.annotation))

    def mismatch(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> InvalidInputError | None:
        """The error for the first argument that does not fit its annotation, or None."""
        for name, value in [*zip(self.positional, args, strict=False), *kwargs.items()]:
            entry = self.checks.get(name)
            if entry is None:
                continue
            check, default, expected = entry
            if value is default or check(value):
                continue
            method = self.name.replace("Async", "", 1)
            return InvalidInputError(f"{method}: {name}={_short(value)} is not valid here: expected {expected}")
        return None


def _translated(error: ValidationError, name: str) -> Exception:
    """InvalidInputError for a request's input model, InvalidResponseError for an answer's model."""
    detail = "; ".join(
        f"{'.'.join(str(p) for p in entry.get('loc', ())) or 'value'}: {entry.get('msg')}"
        for entry in error.errors(include_url=False, include_input=False)[:5]
    )
    model = str(error.title)
    method = name.replace("Async", "", 1)
    if model.endswith(("Input", "Update")):
        return InvalidInputError(f"{method}: an argument does not fit the platform's {model}: {detail}")
    return InvalidResponseError(f"{method}: the platform answered a {model} the SDK cannot read: {detail}")


def _failure(
    error: Exception, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Exception:
    """What a public method raises instead of a non-SaagieError ``error`` (``error`` itself: a bug of the SDK)."""
    mismatch = _Signature.of(function).mismatch(args, kwargs)
    if mismatch is not None:
        return mismatch
    if isinstance(error, ValidationError):
        return _translated(error, function.__qualname__)
    return error


def checked(function: F) -> F:
    """``function`` whose non-SaagieError failures are turned into typed errors (see the module's documentation)."""
    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            failure: Exception | None = None
            try:
                return await function(*args, **kwargs)
            except SaagieError:
                raise
            except Exception as error:  # a wrong argument deep inside: name it
                failure = _failure(error, function, args, kwargs)
                if failure is error:
                    raise
            raise failure

        return async_wrapper  # type: ignore[return-value]

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        failure: Exception | None = None
        try:
            return function(*args, **kwargs)
        except SaagieError:
            raise
        except Exception as error:  # a wrong argument deep inside: name it
            failure = _failure(error, function, args, kwargs)
            if failure is error:
                raise
        raise failure

    return wrapper  # type: ignore[return-value]


def check_public_methods(cls: type) -> None:
    """Wrap every public method (and static method) defined by ``cls`` itself with :func:`checked` (once)."""
    for name, value in list(vars(cls).items()):
        static = isinstance(value, staticmethod)
        function = value.__func__ if static else value
        if name.startswith("_") or not inspect.isfunction(function) or getattr(function, "__saagie_checked__", False):
            continue
        wrapped = checked(function)
        wrapped.__saagie_checked__ = True  # type: ignore[attr-defined]
        setattr(cls, name, staticmethod(wrapped) if static else wrapped)
