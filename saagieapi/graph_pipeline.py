"""Build the graph of a pipeline: job nodes and condition nodes linked by their next nodes.

Pure and synchronous (no I/O): shared by ``api.pipelines`` and ``AsyncSaagieApi.pipelines``. Same classes and
methods as saagieapi 2.x, with its bugs fixed: a node reachable through several paths is sent once (unique
ids), a cycle raises :class:`~saagieapi.errors.InvalidInputError` naming the loop instead of a
``RecursionError``, building twice gives the same graph, and an unset condition is refused before sending.

Example::

    first, second, on_failure = JobNode(ingest_id), JobNode(train_id), JobNode(alert_id)
    check = ConditionExpressionNode()
    check.set_expression("vars.ENV == 'prod'")
    first.add_next_node(check)
    check.add_success_node(second)
    check.add_failure_node(on_failure)
    graph = GraphPipeline()
    graph.add_root_node(first)
    pipeline = api.pipelines.create_graph("train", project_id, graph, alias="train")
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from ._core.statuses import CONDITION_STATUS_VALUES as _CONDITION_STATUS_VALUES
from ._generated.projects.enums import ConditionStatusPresetValueInput
from ._generated.projects.input_types import PipelineGraphInput
from .errors import InvalidInputError

__all__ = [
    "CONDITION_STATUS_VALUES",
    "ConditionExpressionNode",
    "ConditionNode",
    "ConditionStatusNode",
    "GraphPipeline",
    "JobNode",
    "Node",
]

#: Values a :class:`ConditionStatusNode` can test.
CONDITION_STATUS_VALUES = _CONDITION_STATUS_VALUES


class Node:
    """A node of a pipeline graph; ``uid`` becomes the node id sent to the platform."""

    def __init__(self, *, uid: uuid.UUID | str | None = None, position: tuple[float, float] | None = None) -> None:
        self.uid: uuid.UUID = uuid.UUID(str(uid)) if uid is not None else uuid.uuid4()
        self.position = position

    def next(self) -> list[Node]:
        """Every node this one leads to (success and failure branches included)."""
        return []

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.uid}>"

    def _label(self) -> str:
        return f"{type(self).__name__}({self.uid})"

    def _position(self) -> dict[str, float] | None:
        return None if self.position is None else {"x": float(self.position[0]), "y": float(self.position[1])}


def _check_node(node: object) -> Node:
    if not isinstance(node, Node):
        raise InvalidInputError(f"a pipeline graph node must be a JobNode or a condition node, not {node!r}")
    return node


class JobNode(Node):
    """A node that runs a job.

    Example::

        node = JobNode(job_id)
        node.add_next_node(JobNode(other_job_id))
    """

    def __init__(
        self, job_id: str, *, uid: uuid.UUID | str | None = None, position: tuple[float, float] | None = None
    ) -> None:
        super().__init__(uid=uid, position=position)
        if not isinstance(job_id, str) or not job_id.strip():
            raise InvalidInputError(f"a JobNode needs a job id, not {job_id!r}")
        self.job_id = job_id
        self.next_nodes: list[Node] = []

    def add_next_node(self, node: Node) -> None:
        """Run ``node`` after this job succeeds.

        Example::

            first.add_next_node(second)
        """
        self.next_nodes.append(_check_node(node))

    def next(self) -> list[Node]:
        return list(self.next_nodes)

    def _label(self) -> str:
        return f"JobNode(job {self.job_id})"


class ConditionNode(Node):
    """A node that picks a branch: ``next_nodes_success`` when the condition holds, else ``next_nodes_failure``."""

    def __init__(self, *, uid: uuid.UUID | str | None = None, position: tuple[float, float] | None = None) -> None:
        super().__init__(uid=uid, position=position)
        self.next_nodes_success: list[Node] = []
        self.next_nodes_failure: list[Node] = []

    def add_success_node(self, node: Node) -> None:
        """Follow ``node`` when the condition holds.

        Example::

            condition.add_success_node(JobNode(job_id))
        """
        self.next_nodes_success.append(_check_node(node))

    def add_failure_node(self, node: Node) -> None:
        """Follow ``node`` when the condition does not hold.

        Example::

            condition.add_failure_node(JobNode(alert_job_id))
        """
        self.next_nodes_failure.append(_check_node(node))

    def next(self) -> list[Node]:
        return [*self.next_nodes_success, *self.next_nodes_failure]

    def condition_input(self) -> dict[str, Any]:
        """The ``condition`` input of this node."""
        raise InvalidInputError(f"{self._label()} has no condition: use ConditionStatusNode or ConditionExpressionNode")


class ConditionStatusNode(ConditionNode):
    """A condition on the statuses of the parent nodes (AllSuccess, AllSuccessOrSkipped, AtLeastOneSuccess).

    Example::

        condition = ConditionStatusNode()
        condition.put_all_success()
    """

    def __init__(
        self,
        *,
        value: str | None = None,
        uid: uuid.UUID | str | None = None,
        position: tuple[float, float] | None = None,
    ) -> None:
        super().__init__(uid=uid, position=position)
        self.condition_value: str = ""
        if value is not None:
            self.set_value(value)

    def set_value(self, value: str) -> None:
        """Set the preset tested: one of ``CONDITION_STATUS_VALUES``.

        Example::

            condition.set_value("AtLeastOneSuccess")
        """
        if value not in CONDITION_STATUS_VALUES:
            raise InvalidInputError(
                f"invalid condition value {value!r}: choose among {', '.join(CONDITION_STATUS_VALUES)}"
            )
        self.condition_value = value

    def put_all_success(self) -> None:
        """Hold when every parent succeeded.

        Example::

            condition.put_all_success()
        """
        self.condition_value = ConditionStatusPresetValueInput.AllSuccess.value

    def put_all_success_or_skipped(self) -> None:
        """Hold when every parent succeeded or was skipped.

        Example::

            condition.put_all_success_or_skipped()
        """
        self.condition_value = ConditionStatusPresetValueInput.AllSuccessOrSkipped.value

    def put_at_least_one_success(self) -> None:
        """Hold when at least one parent succeeded.

        Example::

            condition.put_at_least_one_success()
        """
        self.condition_value = ConditionStatusPresetValueInput.AtLeastOneSuccess.value

    def condition_input(self) -> dict[str, Any]:
        if self.condition_value not in CONDITION_STATUS_VALUES:
            raise InvalidInputError(
                f"{self._label()} has no status value: call put_all_success(), put_all_success_or_skipped() "
                "or put_at_least_one_success()"
            )
        return {"status": {"value": self.condition_value}}


class ConditionExpressionNode(ConditionNode):
    """A condition written as an expression (CEL), for example ``vars.ENV == "prod"``.

    Example::

        condition = ConditionExpressionNode()
        condition.set_expression('vars.ENV == "prod"')
    """

    def __init__(
        self,
        *,
        expression: str | None = None,
        uid: uuid.UUID | str | None = None,
        position: tuple[float, float] | None = None,
    ) -> None:
        super().__init__(uid=uid, position=position)
        self.expression: str = expression or ""

    def set_expression(self, value: str) -> None:
        """Set the expression tested.

        Example::

            condition.set_expression("1 + 1 == 2")
        """
        self.expression = value

    def condition_input(self) -> dict[str, Any]:
        if not isinstance(self.expression, str) or not self.expression.strip():
            raise InvalidInputError(f"{self._label()} has no expression: call set_expression()")
        return {"custom": {"expression": self.expression}}


class GraphPipeline:
    """The graph of a pipeline version, reached from its root nodes.

    Example::

        graph = GraphPipeline()
        graph.add_root_node(JobNode(job_id))
        graph.to_pipeline_graph_input()   # {"jobNodes": [...], "conditionNodes": [...]}
    """

    def __init__(self) -> None:
        self.root_nodes: list[Node] = []
        self.list_job_nodes: list[dict[str, Any]] = []
        self.list_conditions_nodes: list[dict[str, Any]] = []
        self._done: set[int] = set()
        self._uids: dict[uuid.UUID, Node] = {}

    def __repr__(self) -> str:
        return f"<GraphPipeline roots={len(self.root_nodes)}>"

    def add_root_node(self, node: Node) -> None:
        """Add a node that starts when the pipeline starts.

        Example::

            graph.add_root_node(JobNode(job_id))
        """
        self.root_nodes.append(_check_node(node))

    def nodes(self) -> list[Node]:
        """Every node reachable from the roots, once each, in depth-first order (cycles raise).

        Example::

            len(graph.nodes())
        """
        self._reset()
        found: list[Node] = []
        for root in self.root_nodes:
            found.extend(self._walk(root))
        return found

    def job_ids(self) -> set[str]:
        """The ids of the jobs the graph runs.

        Example::

            missing = graph.job_ids() - {job.id for job in jobs}
        """
        return {node.job_id for node in self.nodes() if isinstance(node, JobNode)}

    def fill_nodes_lists(self, node: Node) -> None:
        """Add ``node`` and every node after it to ``list_job_nodes`` / ``list_conditions_nodes``, once each.

        Example::

            graph.fill_nodes_lists(root)
        """
        for found in self._walk(_check_node(node)):
            self._emit(found)

    def to_pipeline_graph_input(self) -> dict[str, list[dict[str, Any]]]:
        """The ``PipelineGraphInput`` of the platform as a dict; also fills ``list_job_nodes`` and
        ``list_conditions_nodes`` (rebuilt on each call).

        Raises InvalidInputError on an empty graph, a cycle, two nodes with the same uid or an unset condition.

        Example::

            payload = graph.to_pipeline_graph_input()
            payload["jobNodes"][0]["job"]["id"]
        """
        self._reset()
        if not self.root_nodes:
            raise InvalidInputError("the pipeline graph has no root node: call add_root_node()")
        for root in self.root_nodes:
            self.fill_nodes_lists(root)
        return {"jobNodes": list(self.list_job_nodes), "conditionNodes": list(self.list_conditions_nodes)}

    def to_graph_input(self) -> PipelineGraphInput:
        """The graph as the generated ``PipelineGraphInput`` model (what the SDK sends).

        Example::

            graph_input = graph.to_graph_input()
        """
        return PipelineGraphInput.model_validate(self.to_pipeline_graph_input())

    # -- internals ------------------------------------------------------------------------------------
    def _reset(self) -> None:
        self.list_job_nodes = []
        self.list_conditions_nodes = []
        self._done = set()
        self._uids = {}

    def _register(self, node: Node) -> None:
        known = self._uids.setdefault(node.uid, node)
        if known is not node:
            raise InvalidInputError(
                f"two different nodes share the id {node.uid} ({known._label()} and {node._label()}): "
                "reuse the same node object to share it, or give each node its own uid"
            )

    def _walk(self, root: Node) -> Iterator[Node]:
        """Depth-first, iterative (no recursion limit), each node once; a back edge is a cycle."""
        if id(root) in self._done:
            return
        self._register(root)
        on_path: dict[int, int] = {id(root): 0}
        path: list[Node] = [root]
        stack: list[Iterator[Node]] = [iter(root.next())]
        yield root
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                finished = path.pop()
                del on_path[id(finished)]
                self._done.add(id(finished))
                continue
            _check_node(child)
            if id(child) in on_path:
                loop = [*path[on_path[id(child)] :], child]
                raise InvalidInputError(
                    "the pipeline graph has a cycle: " + " -> ".join(node._label() for node in loop)
                )
            if id(child) in self._done:
                continue
            self._register(child)
            on_path[id(child)] = len(path)
            path.append(child)
            stack.append(iter(child.next()))
            yield child

    def _emit(self, node: Node) -> None:
        entry: dict[str, Any]
        if isinstance(node, JobNode):
            entry = {
                "id": str(node.uid),
                "job": {"id": node.job_id},
                "nextNodes": [str(n.uid) for n in node.next_nodes],
            }
            if node.position is not None:
                entry["position"] = node._position()
            self.list_job_nodes.append(entry)
        elif isinstance(node, ConditionNode):
            entry = {
                "id": str(node.uid),
                "nextNodesSuccess": [str(n.uid) for n in node.next_nodes_success],
                "nextNodesFailure": [str(n.uid) for n in node.next_nodes_failure],
                "condition": node.condition_input(),
            }
            if node.position is not None:
                entry["position"] = node._position()
            self.list_conditions_nodes.append(entry)
        else:
            raise InvalidInputError(f"{node!r} is neither a JobNode nor a condition node")
