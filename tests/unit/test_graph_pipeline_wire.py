"""The graph builder: the PipelineGraphInput it produces, and the 2.x bugs it fixes."""

from __future__ import annotations

import itertools
import uuid

import pytest

from saagieapi.errors import InvalidInputError
from saagieapi.graph_pipeline import (
    ConditionExpressionNode,
    ConditionNode,
    ConditionStatusNode,
    GraphPipeline,
    JobNode,
)


def ids(entries: list[dict[str, object]]) -> list[object]:
    return [entry["id"] for entry in entries]


def test_linear_graph_input_matches_2x_layout() -> None:
    first, second = JobNode("job-1"), JobNode("job-2")
    first.add_next_node(second)
    graph = GraphPipeline()
    graph.add_root_node(first)

    payload = graph.to_pipeline_graph_input()

    assert payload == {
        "jobNodes": [
            {"id": str(first.uid), "job": {"id": "job-1"}, "nextNodes": [str(second.uid)]},
            {"id": str(second.uid), "job": {"id": "job-2"}, "nextNodes": []},
        ],
        "conditionNodes": [],
    }
    assert graph.list_job_nodes == payload["jobNodes"]


def test_conditions_status_and_expression() -> None:
    start, ok, ko, last = JobNode("a"), JobNode("b"), JobNode("c"), JobNode("d")
    status = ConditionStatusNode()
    status.put_at_least_one_success()
    expression = ConditionExpressionNode()
    expression.set_expression('vars.ENV == "prod"')
    start.add_next_node(status)
    status.add_success_node(ok)
    status.add_failure_node(ko)
    ok.add_next_node(expression)
    expression.add_success_node(last)
    graph = GraphPipeline()
    graph.add_root_node(start)

    payload = graph.to_pipeline_graph_input()

    conditions = {entry["id"]: entry for entry in payload["conditionNodes"]}
    assert conditions[str(status.uid)] == {
        "id": str(status.uid),
        "nextNodesSuccess": [str(ok.uid)],
        "nextNodesFailure": [str(ko.uid)],
        "condition": {"status": {"value": "AtLeastOneSuccess"}},
    }
    assert conditions[str(expression.uid)]["condition"] == {"custom": {"expression": 'vars.ENV == "prod"'}}
    assert sorted(node["job"]["id"] for node in payload["jobNodes"]) == ["a", "b", "c", "d"]
    assert graph.job_ids() == {"a", "b", "c", "d"}


def test_shared_node_is_sent_once_with_a_unique_id() -> None:
    """2.x emitted the join node of a diamond twice with the same id."""
    a, b, c, d = JobNode("a"), JobNode("b"), JobNode("c"), JobNode("d")
    a.add_next_node(b)
    a.add_next_node(c)
    b.add_next_node(d)
    c.add_next_node(d)
    graph = GraphPipeline()
    graph.add_root_node(a)

    nodes = graph.to_pipeline_graph_input()["jobNodes"]

    assert len(nodes) == 4
    assert len(set(ids(nodes))) == 4
    assert ids(nodes).count(str(d.uid)) == 1


def test_building_twice_gives_the_same_graph() -> None:
    """2.x duplicated every node on a second to_pipeline_graph_input()."""
    a, b = JobNode("a"), JobNode("b")
    a.add_next_node(b)
    graph = GraphPipeline()
    graph.add_root_node(a)
    assert graph.to_pipeline_graph_input() == graph.to_pipeline_graph_input()
    assert len(graph.list_job_nodes) == 2


def test_shared_node_across_roots_and_condition_branches() -> None:
    a, b, join = JobNode("a"), JobNode("b"), JobNode("join")
    condition = ConditionStatusNode(value="AllSuccess")
    a.add_next_node(condition)
    b.add_next_node(join)
    condition.add_success_node(join)
    condition.add_failure_node(join)
    graph = GraphPipeline()
    graph.add_root_node(a)
    graph.add_root_node(b)
    payload = graph.to_pipeline_graph_input()
    assert ids(payload["jobNodes"]).count(str(join.uid)) == 1
    assert len(payload["conditionNodes"]) == 1


def test_cycle_is_rejected_with_a_clear_error() -> None:
    """2.x recursed until RecursionError."""
    a, b, c = JobNode("a"), JobNode("b"), JobNode("c")
    a.add_next_node(b)
    b.add_next_node(c)
    c.add_next_node(b)
    graph = GraphPipeline()
    graph.add_root_node(a)
    with pytest.raises(InvalidInputError, match=r"cycle: JobNode\(job b\) -> JobNode\(job c\) -> JobNode\(job b\)"):
        graph.to_pipeline_graph_input()


def test_cycle_through_a_condition_is_rejected() -> None:
    a = JobNode("a")
    condition = ConditionExpressionNode(expression="true")
    a.add_next_node(condition)
    condition.add_failure_node(a)
    graph = GraphPipeline()
    graph.add_root_node(a)
    with pytest.raises(InvalidInputError, match="cycle"):
        graph.to_pipeline_graph_input()


def test_long_chain_needs_no_recursion() -> None:
    nodes = [JobNode(f"job-{i}") for i in range(5000)]
    for previous, following in itertools.pairwise(nodes):
        previous.add_next_node(following)
    graph = GraphPipeline()
    graph.add_root_node(nodes[0])
    assert len(graph.to_pipeline_graph_input()["jobNodes"]) == 5000


def test_unset_conditions_are_refused_before_sending() -> None:
    """2.x sent "" (an invalid enum value) for a status condition nobody set."""
    a = JobNode("a")
    a.add_next_node(ConditionStatusNode())
    graph = GraphPipeline()
    graph.add_root_node(a)
    with pytest.raises(InvalidInputError, match="no status value"):
        graph.to_pipeline_graph_input()

    b = JobNode("b")
    b.add_next_node(ConditionExpressionNode())
    graph = GraphPipeline()
    graph.add_root_node(b)
    with pytest.raises(InvalidInputError, match="no expression"):
        graph.to_pipeline_graph_input()

    c = JobNode("c")
    c.add_next_node(ConditionNode())
    graph = GraphPipeline()
    graph.add_root_node(c)
    with pytest.raises(InvalidInputError, match="no condition"):
        graph.to_pipeline_graph_input()


def test_invalid_arguments() -> None:
    with pytest.raises(InvalidInputError):
        JobNode("")
    with pytest.raises(InvalidInputError):
        JobNode("a").add_next_node("b")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        ConditionStatusNode(value="Sometimes")
    with pytest.raises(InvalidInputError, match="no root node"):
        GraphPipeline().to_pipeline_graph_input()


def test_two_nodes_with_the_same_uid_are_refused() -> None:
    uid = uuid.uuid4()
    a, b = JobNode("a", uid=uid), JobNode("b", uid=uid)
    root = JobNode("root")
    root.add_next_node(a)
    root.add_next_node(b)
    graph = GraphPipeline()
    graph.add_root_node(root)
    with pytest.raises(InvalidInputError, match="share the id"):
        graph.to_pipeline_graph_input()


def test_positions_and_generated_input_model() -> None:
    a = JobNode("a", position=(10, 20.5))
    graph = GraphPipeline()
    graph.add_root_node(a)
    model = graph.to_graph_input()
    assert model.job_nodes is not None
    assert model.job_nodes[0].position is not None and model.job_nodes[0].position.y == 20.5
    assert graph.to_pipeline_graph_input()["jobNodes"][0]["position"] == {"x": 10.0, "y": 20.5}
