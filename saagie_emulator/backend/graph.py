"""Pipeline graphs: reading a ``PipelineGraphInput`` into nodes, checking it, ordering it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import ConditionNode, Job, JobNode, Project
from ..rules import book as r

__all__ = ["DEFAULT_CONDITION", "Edges", "linear_graph", "parse_graph", "successors", "topological"]

#: node id -> [(successor id, "next" | "success" | "failure")]
Edges = dict[str, list[tuple[str, str]]]
#: The status preset of a condition node sent without a condition (the platform's default preset).
DEFAULT_CONDITION = "AllSuccessOrSkipped"


def parse_graph(
    graph: dict[str, Any], project: Project, job_of: Callable[[object], Job]
) -> tuple[list[JobNode], list[ConditionNode]]:
    """The nodes of ``graph`` (GraphQL input, snake_case), checked; nothing is stored.

    Only what the platform documents is refused: a job of another project and a cycle. A condition node
    without a condition gets the default status preset; a successor id that names no node is kept as sent
    and ignored when the pipeline runs.
    """
    job_nodes: dict[str, JobNode] = {}
    condition_nodes: dict[str, ConditionNode] = {}
    for node in graph.get("job_nodes") or []:
        node_id = str(node["id"])
        if node_id in job_nodes:
            continue  # saagieapi 2.x sends a node reachable by two paths twice, with the same id
        job = job_of(node["job"]["id"])
        if job.project_id != project.id:
            raise r.PIPELINE_JOB_OTHER_PROJECT.error(name=job.name, project=project.name)
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
        expression = custom["expression"] if custom and not status else None
        preset = status["value"] if status else (None if expression is not None else DEFAULT_CONDITION)
        condition_nodes[node_id] = ConditionNode(
            id=node_id,
            next_nodes_success=[str(n) for n in node.get("next_nodes_success") or []],
            next_nodes_failure=[str(n) for n in node.get("next_nodes_failure") or []],
            status_value=preset,
            expression=expression,
            position=node.get("position"),
        )
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
    """Edges between the nodes of the graph (references to unknown nodes are left out)."""
    known = {n.id for n in job_nodes} | {n.id for n in condition_nodes}
    edges: Edges = {}
    for job_node in job_nodes:
        edges[job_node.id] = [(n, "next") for n in job_node.next_nodes if n in known]
    for cond_node in condition_nodes:
        edges[cond_node.id] = [(n, "success") for n in cond_node.next_nodes_success if n in known] + [
            (n, "failure") for n in cond_node.next_nodes_failure if n in known
        ]
    return edges


def topological(job_nodes: list[JobNode], condition_nodes: list[ConditionNode]) -> list[str]:
    """Node ids in an order where every node comes after its inputs; refuses a cycle."""
    edges = successors(job_nodes, condition_nodes)
    indegree = dict.fromkeys(edges, 0)
    for targets in edges.values():
        for target, _ in targets:
            indegree[target] += 1
    ready = [n for n, d in indegree.items() if d == 0]
    order: list[str] = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for target, _ in edges[node]:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    if len(order) != len(indegree):
        raise r.PIPELINE_GRAPH_CYCLE.error()
    return order
