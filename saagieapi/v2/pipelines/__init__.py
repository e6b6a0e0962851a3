"""``saagieapi.v2.pipelines``: the 2.x module path of ``Pipelines`` and of the graph classes
(``from saagieapi.pipelines import GraphPipeline, JobNode`` in 2.x)."""

from .graph_pipeline import (
    ConditionExpressionNode,
    ConditionNode,
    ConditionStatusNode,
    GraphPipeline,
    JobNode,
    Node,
)
from .pipelines import Pipelines

__all__ = [
    "ConditionExpressionNode",
    "ConditionNode",
    "ConditionStatusNode",
    "GraphPipeline",
    "JobNode",
    "Node",
    "Pipelines",
]
