"""saagieapi 2.x, over the typed SDK: the same classes, methods, parameters and result shapes.

Change one import and a 2.x script runs on saagieapi 3::

    from saagieapi.v2 import SaagieApi                              # was: from saagieapi import SaagieApi
    from saagieapi.v2.pipelines.graph_pipeline import GraphPipeline, JobNode  # was: saagieapi.pipelines...

    saagie = SaagieApi(url, platform_id, user, password, realm)
    job_id = saagie.jobs.create("ingest", project_id, file="ingest.py")["data"]["createJob"]["id"]

Every call goes through the typed client (``saagie.typed``): one connection pool, TLS verified, retries that
never run a mutation twice, finite waits, and the fixes of 2.x's bugs. The one deliberate difference: errors
are raised (:mod:`saagieapi.errors`), where 2.x printed them and returned ``None`` or exited the process; where
2.x raised, the error is also an instance of the class 2.x raised (:mod:`saagieapi.v2.errors`).

:func:`enable_warnings` makes each call emit a :class:`V2DeprecationWarning` naming the typed call that replaces
it (``saagie migrate check`` finds them without running anything).

Names are imported lazily: ``import saagieapi.v2`` loads nothing else until a name is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._core import V2DeprecationWarning, disable_warnings, enable_warnings, warnings_enabled
    from .pipelines.graph_pipeline import (
        ConditionExpressionNode,
        ConditionNode,
        ConditionStatusNode,
        GraphPipeline,
        JobNode,
        Node,
    )
    from .saagie_api import SaagieApi

__all__ = [
    "ConditionExpressionNode",
    "ConditionNode",
    "ConditionStatusNode",
    "GraphPipeline",
    "JobNode",
    "Node",
    "SaagieApi",
    "V2DeprecationWarning",
    "disable_warnings",
    "enable_warnings",
    "warnings_enabled",
]

_LOCATIONS = {
    "SaagieApi": ".saagie_api",
    "V2DeprecationWarning": "._core",
    "disable_warnings": "._core",
    "enable_warnings": "._core",
    "warnings_enabled": "._core",
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'saagieapi.v2' has no attribute {name!r}")
    module = importlib.import_module(_LOCATIONS.get(name, ".pipelines.graph_pipeline"), __name__)
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
