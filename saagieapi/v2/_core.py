"""What every 2.x method of ``saagieapi.v2`` shares: the registry, the warning, the error conversion and the
conversion of typed results back to 2.x shapes.

A method is written as a call of the typed layer, decorated with the 2.x shape of its result::

    @v2_method("job", "id name alias ...")
    def get_info(self, job_id, instances_limit=None, ...):
        return self._typed.get_info(job_id, instances_limit, ...)

The decorator dumps the typed result with the models' aliases, keeps the keys 2.x returned, wraps it in the
2.x wrapper dict (``{"job": {...}}``), warns (when warnings are on) and converts errors
(:mod:`saagieapi.v2.errors`).
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import NotFoundError, SaagieError
from ._select import dump, project, selection
from .errors import compatible, rest_2x_classes

if TYPE_CHECKING:
    from .saagie_api import SaagieApi

__all__ = [
    "REGISTRY",
    "MethodInfo",
    "change_text",
    "V2DeprecationWarning",
    "V2Resource",
    "disable_warnings",
    "enable_warnings",
    "status_of",
    "v2_method",
    "warnings_enabled",
]

F = TypeVar("F", bound=Callable[..., Any])
#: Typed error class -> the classes 2.x raised for it (:mod:`saagieapi.v2.errors`).
ErrorTable = Mapping[type[SaagieError], tuple[type[Exception], ...]]
#: The 2.x classes whose methods are REST calls: their errors are ``requests``' ``HTTPError`` in 2.x.
_REST_CLASSES = ("Users", "Groups", "Profiles")

#: Turns the warnings on for the whole process when set to 1 / true / yes.
WARNINGS_VARIABLE = "SAAGIEAPI_V2_WARNINGS"


class V2DeprecationWarning(DeprecationWarning):
    """A ``saagieapi.v2`` call was made; the message names the typed call that replaces it."""


_state = {"warn": os.environ.get(WARNINGS_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")}


def enable_warnings(enabled: bool = True) -> None:
    """Emit a :class:`V2DeprecationWarning` at each 2.x call, naming its typed replacement.

    Off by default (also on with ``SAAGIEAPI_V2_WARNINGS=1``). Python shows a ``DeprecationWarning`` only
    for code run as ``__main__`` unless a filter says otherwise; to see every call once::

        import warnings
        import saagieapi.v2

        saagieapi.v2.enable_warnings()
        warnings.simplefilter("default", saagieapi.v2.V2DeprecationWarning)
    """
    _state["warn"] = enabled


def disable_warnings() -> None:
    """Stop the warnings turned on by :func:`enable_warnings` (or the environment variable)."""
    _state["warn"] = False


def warnings_enabled() -> bool:
    """Whether 2.x calls emit a :class:`V2DeprecationWarning`."""
    return _state["warn"]


@dataclass(frozen=True)
class MethodInfo:
    """What the migration tools know of one 2.x method (``saagie migrate check``, docs/migration.md)."""

    key: str  #: ``"jobs.create"``, ``"SaagieApi.get_platform_info"``
    replacement: str  #: the typed call, ``"api.jobs.create"``
    wrapper: tuple[str, ...]  #: the 2.x wrapper keys around the value (``("data", "createJob")``)
    kind: str  #: what 2.x returned inside the wrapper (a key of ``CHANGES``)
    note: str = ""  #: what changes besides the shape
    spec: str | None = None  #: the keys 2.x returned, as a selection (``_select``); ``None`` when not static
    missing: str = ""  #: what 2.x returned for an unknown id (the platform's null), where the typed call raises


REGISTRY: dict[str, MethodInfo] = {}


class V2Resource:
    """Base of the 2.x sub-resources (``saagie.jobs``...): the v2 client and the typed resource it wraps."""

    _resource = ""  #: the attribute of the typed client (``"jobs"``)

    def __init__(self, saagie_api: SaagieApi) -> None:
        self.saagie_api = saagie_api

    def __repr__(self) -> str:
        return f"<saagieapi.v2 {type(self).__name__} of {self.saagie_api!r}>"

    @property
    def _typed(self) -> Any:
        return getattr(self.saagie_api.typed, self._resource)


#: What the typed call returns instead of the 2.x value (inside the 2.x wrapper), by ``MethodInfo.kind``.
CHANGES = {
    "dict": "dict -> model (snake_case attributes: result.some_field)",
    "list": "list of dicts -> list of models (snake_case attributes)",
    "tuple": "(status, instance id) tuple -> the final instance; a failed run raises RunFailedError",
    "result": "True/False -> a result object: truthy when all succeeded, but not == True",
    "scalar": "",
    "same": "",
    "object": "",
}


def change_text(info: MethodInfo) -> str:
    """How the result of the typed call differs from the 2.x one, in words."""
    parts = []
    if info.wrapper:
        wrapper = "".join(f"[{part!r}]" for part in info.wrapper)
        parts.append(f"no {wrapper} wrapper")
    if CHANGES.get(info.kind):
        parts.append(CHANGES[info.kind])
    if info.note:
        parts.append(info.note)
    if info.missing:
        parts.append(f"an unknown id or name raises NotFoundError (2.x: {info.missing})")
    return "; ".join(parts)


def _warn(key: str, info: MethodInfo) -> None:
    if not _state["warn"]:
        return
    message = f"saagieapi.v2 {key}(): use {info.replacement}() of the typed client"
    change = change_text(info)
    if change:
        message += f" ({change})"
    warnings.warn(message, V2DeprecationWarning, stacklevel=3)


def v2_method(
    wrapper: str | tuple[str, ...] = (),
    spec: str | None = None,
    *,
    kind: str | None = None,
    replacement: str | None = None,
    errors: ErrorTable | Callable[[], ErrorTable] | None = None,
    note: str = "",
    raw: bool = False,
    missing: str | tuple[str, ...] = (),
    missing_wrapper: tuple[str, ...] | None = None,
) -> Callable[[F], F]:
    """Declare a 2.x method: its result's wrapper keys and selection, its typed replacement.

    ``kind`` says what the 2.x value inside the wrapper is (``CHANGES``): by default ``"dict"`` with a
    selection, else ``"scalar"``; a list result is ``"list"`` (the selection applies to each element).

    ``raw=True``: the function already returns the 2.x value (no dump, selection or wrapper); a ``spec`` given
    then only documents the keys (the tests compare it with 2.x's GraphQL document).

    ``missing``: the kinds of entity (``NotFoundError.kind``) that the platform answers with ``null``, not with an
    error, when the id is unknown or not visible; 2.x then returned that null in its wrapper (``{"job": None}``)
    and scripts test it, so the typed layer's ``NotFoundError`` becomes ``None`` inside ``missing_wrapper`` (by
    default the 2.x wrapper; ``("project",)`` for ``{"project": None}``, ``()`` for a bare ``None``).
    """
    keys = (wrapper,) if isinstance(wrapper, str) else tuple(wrapper)
    missing_kinds = (missing,) if isinstance(missing, str) else tuple(missing)
    around_null = keys if missing_wrapper is None else missing_wrapper
    parsed = selection(spec) if spec else None

    def decorate(function: F) -> F:
        owner, name = function.__qualname__.split(".")[-2:]
        error_table = rest_2x_classes if errors is None and owner in _REST_CLASSES else errors
        module = _MODULES.get(owner, owner)
        key = f"{module}.{name}"
        typed_call = replacement or (f"api.{module}.{name}" if module != "SaagieApi" else f"api.{name}")
        null_text = repr(_wrapped(around_null, None)) if missing_kinds else ""
        info = MethodInfo(key, typed_call, keys, kind or ("dict" if spec else "scalar"), note, spec, null_text)
        REGISTRY[key] = info

        @functools.wraps(function)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            _warn(key, info)
            try:
                result = function(*args, **kwargs)
            except SaagieError as error:
                if isinstance(error, NotFoundError) and error.kind in missing_kinds:
                    return _wrapped(around_null, None)
                converted = compatible(error, error_table() if callable(error_table) else error_table)
                if converted is error:
                    raise
                raise converted from error
            if raw:
                return result
            return _wrapped(keys, project(dump(result), parsed))

        wrapped.__v2__ = info  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def _wrapped(keys: tuple[str, ...], value: Any) -> Any:
    """``value`` inside the 2.x wrapper dicts (``("data", "createJob")`` -> ``{"data": {"createJob": value}}``)."""
    for part in reversed(keys):
        value = {part: value}
    return value


#: 2.x class name -> key of the method table.
_MODULES = {
    "SaagieApi": "SaagieApi",
    "Projects": "projects",
    "Jobs": "jobs",
    "Pipelines": "pipelines",
    "Apps": "apps",
    "EnvVars": "env_vars",
    "DockerCredentials": "docker_credentials",
    "Storages": "storages",
    "Repositories": "repositories",
    "Users": "users",
    "Groups": "groups",
    "Profiles": "profiles",
}


def status_of(instance: Any) -> str:
    """The status of a job or pipeline instance: ``history.currentStatus.status``, else ``status``."""
    dumped = dump(instance)
    history = dumped.get("history") or {}
    current = history.get("currentStatus") or {} if isinstance(history, dict) else {}
    return str(current.get("status") or dumped.get("status"))
