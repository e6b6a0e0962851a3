"""A 2.x CI script: create a project and a job, run it, upgrade it, clean up."""

import os
import sys
import tempfile

from connect import connect

saagie = connect()
group = os.environ["SAAGIE_GROUP"]

project_id = saagie.projects.create(
    name="ci project", group=group, role="Manager", jobs_technologies_allowed={"saagie": ["python"]}
)["createProject"]["id"]
saagie.projects.get_status_with_callback(project_id, freq=1, timeout=30)
assert "ci project" in [project["name"] for project in saagie.projects.list()["projects"]]

script = os.path.join(tempfile.mkdtemp(), "ingest.py")
with open(script, "w") as file:
    file.write("print('ingest')\n")
job_id = saagie.jobs.create(
    job_name="ingest",
    project_id=project_id,
    file=script,
    technology="python",
    runtime_version="3.9",
    command_line="python {file}",
)["data"]["createJob"]["id"]

status, instance_id = saagie.jobs.run_with_callback(job_id, freq=1, timeout=60)
if status != "SUCCEEDED":
    sys.exit(f"run {instance_id} ended {status}")
number = saagie.jobs.get_instance(instance_id)["jobInstance"]["number"]
assert number == 1, number

version = saagie.jobs.upgrade(job_id, file=script, release_note="v2")["data"]["addJobVersion"]["number"]
assert version == 2
jobs = saagie.jobs.list_for_project(project_id, instances_limit=1)["jobs"]
assert [job["name"] for job in jobs] == ["ingest"]
assert saagie.jobs.get_info(job_id)["job"]["versions"][0]["number"] in (1, 2)

assert saagie.jobs.delete(job_id) == {"deleteJob": True}
assert saagie.projects.delete(project_id)["deleteProject"] is True
print("deploy_job: ok")
