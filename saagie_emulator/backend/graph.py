"""Pipeline graphs: reading a ``PipelineGraphInput`` into nodes, checking it, ordering it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..conditions import ConditionError, evaluate_condition
from ..errors import ValidationError
from ..model import ConditionNode, Job, JobNode

__all__ = ["Edges", "linear_graph", "parse_graph", "successors", "topological"]

#: node id -> [(successor id, "next" | "success" | "failure")]
Edges = dict[str, list[tuple[str, str]]]


def parse_graph(
    graph: dict[str, Any], project_id: str, job_of: Callable[[object], Job]
) -> tuple[list[JobNode], list[ConditionNode]]:
    """The nodes of ``graph`` (GraphQL input, snake_case), checked; nothing is stored."""
    job_nodes: dict[str, JobNode] = {}
    condition_nodes: dict[str, ConditionNode] = {}
    for node in graph.get("job_nodes") or []:
        node_id = str(node["id"])
        if node_id in job_nodes:
            continue  # saagieapi 2.x sends a node reachable by two paths twice, with the same id
        job = job_of(node["job"]["id"])
        if job.project_id != project_id:
            raise ValidationError(f"Job '{job.name}' does not belong to this project")
        job_nodes[node_id] = JobNode(
            id=node_id,
            job_id=job.id,
            next_nodes=[str(n) for n in node.get("next_nodes") or []],
            position=node.get("position"),
        )
    for node in graph.get("condition_nodes") or []:
        node_id = str(node["id"])
        if node_id in condition_nodes:
            continue
        condition = node.get("condition") or {}
        status, custom = condition.get("status"), condition.get("custom")
        if (status is None) == (custom is None):
            raise ValidationError(f"Condition node {node_id} needs exactly one of 'status' or 'custom'")
        expression = custom["expression"] if custom else None
        if expression is not None:
            try:
                evaluate_condition(expression, {})
            except ConditionError as exc:
                if "Invalid condition expression" in exc.message:
                    raise
        condition_nodes[node_id] = ConditionNode(
            id=node_id,
            next_nodes_success=[str(n) for n in node.get("next_nodes_success") or []],
            next_nodes_failure=[str(n) for n in node.get("next_nodes_failure") or []],
            status_value=status["value"] if status else None,
            expression=expression,
            position=node.get("position"),
        )
    if not job_nodes:
        raise ValidationError("A pipeline needs at least one job node")
    known = set(job_nodes) | set(condition_nodes)
    for targets in successors(list(job_nodes.values()), list(condition_nodes.values())).values():
        for target, _kind in targets:
            if target not in known:
                raise ValidationError(f"Node {target} is referenced but not defined in the graph")
    topological(list(job_nodes.values()), list(condition_nodes.values()))
    return list(job_nodes.values()), list(condition_nodes.values())


def linear_graph(job_ids: list[str], new_node_id: Callable[[], str]) -> dict[str, Any]:
    """The graph of a legacy linear pipeline: its jobs one after the other."""
    ids = [new_node_id() for _ in job_ids]
    nodes = [
        {"id": node_id, "job": {"id": job_id}, "next_nodes": ids[index + 1 : index + 2]}
        for index, (node_id, job_id) in enumerate(zip(ids, job_ids, strict=True))
    ]
    return {"job_nodes": nodes}


def successors(job_nodes: list[JobNode], condition_nodes: list[ConditionNode]) -> Edges:
    edges: Edges = {}
    for job_node in job_nodes:
        edges[job_node.id] = [(n, "next") for n in job_node.next_nodes]
    for cond_node in condition_nodes:
        edges[cond_node.id] = [(n, "success") for n in cond_node.next_nodes_success] + [
            (n, "failure") for n in cond_node.next_nodes_failure
        ]
    return edges


def topological(job_nodes: list[JobNode], condition_nodes: list[ConditionNode]) -> list[str]:
    """Node ids in an order where every node comes after its inputs; refuses a cycle."""
    edges = successors(job_nodes, condition_nodes)
    indegree = dict.fromkeys(edges, 0)
    for targets in edges.values():
        for target, _ in targets:
            indegree[target] = indegree.get(target, 0) + 1
    ready = [n for n, d in indegree.items() if d == 0]
    order: list[str] = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for target, _ in edges.get(node, []):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    if len(order) != len(indegree):
        raise ValidationError("The pipeline graph contains a cycle")
    return order
