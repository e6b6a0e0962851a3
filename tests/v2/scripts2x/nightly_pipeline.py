"""A 2.x pipeline script: a graph with a condition, run and read back."""

import os
import tempfile

from connect import connect
from saagieapi.pipelines.graph_pipeline import ConditionStatusNode, GraphPipeline, JobNode

saagie = connect()
project_id = saagie.projects.create(
    "nightly", group=os.environ["SAAGIE_GROUP"], role="Editor", jobs_technologies_allowed={"saagie": ["python"]}
)["createProject"]["id"]
saagie.projects.get_status_with_callback(project_id, freq=1, timeout=30)

script = os.path.join(tempfile.mkdtemp(), "step.py")
with open(script, "w") as file:
    file.write("print('step')\n")
ids = [
    saagie.jobs.create(name, project_id, file=script, runtime_version="3.9", command_line="python {file}")["data"][
        "createJob"
    ]["id"]
    for name in ("extract", "load")
]

first, second = JobNode(ids[0]), JobNode(ids[1])
check = ConditionStatusNode()
check.put_all_success()
first.add_next_node(check)
check.add_success_node(second)
graph = GraphPipeline()
graph.add_root_node(first)

pipeline_id = saagie.pipelines.create_graph(
    name="nightly", project_id=project_id, graph_pipeline=graph, alias="nightly"
)["createGraphPipeline"]["id"]
state, pipeline_instance_id = saagie.pipelines.run_with_callback(pipeline_id, freq=1, timeout=60)
assert state == "SUCCEEDED", state
instance = saagie.pipelines.get_instance(pipeline_instance_id)["pipelineInstance"]
assert len(instance["jobsInstance"]) == 2
info = saagie.pipelines.get_info(pipeline_id)["graphPipeline"]
assert len(info["versions"][0]["graph"]["jobNodes"]) == 2
assert saagie.pipelines.export(pipeline_id, tempfile.mkdtemp()) == True  # noqa: E712 (2.x style)
assert saagie.projects.delete(project_id) == {"deleteProject": True}
print("nightly_pipeline: ok")
