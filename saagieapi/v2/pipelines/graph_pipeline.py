"""``saagieapi.v2.pipelines.graph_pipeline``: the 2.x module path of the pipeline graph classes.

2.x scripts import ``from saagieapi.pipelines.graph_pipeline import GraphPipeline, JobNode...``; with the v2
layer that is ``from saagieapi.v2.pipelines.graph_pipeline import ...``, and with the typed client
``from saagieapi.graph_pipeline import ...``. These are the same classes (same methods as 2.x, with its graph
bugs fixed: a node reached by two paths is sent once, a cycle raises instead of recursing forever).

Example::

    from saagieapi.v2.pipelines.graph_pipeline import GraphPipeline, JobNode

    first, second = JobNode(job_id), JobNode(other_job_id)
    first.add_next_node(second)
    graph = GraphPipeline()
    graph.add_root_node(first)
"""

from ...graph_pipeline import (
    ConditionExpressionNode,
    ConditionNode,
    ConditionStatusNode,
    GraphPipeline,
    JobNode,
    Node,
)

__all__ = [
    "ConditionExpressionNode",
    "ConditionNode",
    "ConditionStatusNode",
    "GraphPipeline",
    "JobNode",
    "Node",
]
