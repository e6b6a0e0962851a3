"""Scenarios run by saagieapi 2.13.1 (unmodified, own virtualenv) against the emulator.

Usage: ``<saagieapi2 python> driver_saagieapi2.py <module> <workdir>`` with SAAGIE_* variables set. The
last line printed is ``RESULT:<json>``; assertions are made by the pytest side.
"""

import json
import os
import sys
import zipfile
from pathlib import Path

from saagieapi.pipelines.graph_pipeline import ConditionExpressionNode, ConditionStatusNode, GraphPipeline, JobNode

from saagieapi import SaagieApi

MODULE, WORKDIR = sys.argv[1], Path(sys.argv[2])
ENV = os.environ
api = SaagieApi(
    url_saagie=ENV["SAAGIE_URL"],
    id_platform=ENV["SAAGIE_PLATFORM_ID"],
    user=ENV["SAAGIE_USER"],
    password=ENV["SAAGIE_PASSWORD"],
    realm=ENV["SAAGIE_REALM"],
)
GROUP = ENV["SAAGIE_GROUP"]
out = {}


def new_project(name):
    project_id = api.projects.create(
        name=name,
        group=GROUP,
        role="Manager",
        description="compat",
        jobs_technologies_allowed={"saagie": ["python", "spark", "bash"]},
    )["createProject"]["id"]
    api.projects.get_status_with_callback(project_id, freq=1, timeout=10)
    return project_id


def script(name, text="print('hello')\n"):
    path = WORKDIR / name
    path.write_text(text)
    return str(path)


def python_job(project_id, name):
    return api.jobs.create(
        job_name=name,
        project_id=project_id,
        file=script(name + ".py"),
        category="Processing",
        technology="python",
        technology_catalog="Saagie",
        runtime_version="3.9",
        command_line="python {file} arg1",
    )["data"]["createJob"]["id"]


if MODULE == "projects":
    pid = new_project("compat projects")
    out["listed"] = [p["name"] for p in api.projects.list()["projects"]]
    out["get_id"] = api.projects.get_id("compat projects") == pid
    out["info"] = api.projects.get_info(pid)["project"]
    out["by_name"] = api.projects.get_info_by_name("compat projects")["projectByName"]["id"] == pid
    out["categories"] = [c["jobCategory"] for c in api.projects.get_jobs_technologies(pid)["technologiesByCategory"]]
    out["app_techs"] = len(api.projects.get_apps_technologies(pid)["appTechnologies"])
    out["rights"] = api.projects.get_rights(pid)["rights"]
    out["edit"] = api.projects.edit(pid, description="edited")["editProject"]["name"]
    out["edited_description"] = api.projects.get_info(pid)["project"]["description"]
    out["platform"] = api.get_platform_info()["platform"]["counts"]["projects"]
    out["capacity"] = len(api.get_cluster_capacity()["getClusterCapacity"])
    out["condition"] = api.check_condition_expression("1 + 1 == 2", pid)["evaluateConditionExpression"]
    out["export"] = api.projects.export(pid, str(WORKDIR / "export"))
    out["delete"] = api.projects.delete(pid)["deleteProject"]

elif MODULE == "jobs":
    pid = new_project("compat jobs")
    job_id = python_job(pid, "python_test")
    out["listed"] = [j["name"] for j in api.jobs.list_for_project(pid, instances_limit=0)["jobs"]]
    out["get_id"] = api.jobs.get_id("python_test", "compat jobs") == job_id
    out["by_alias"] = api.jobs.get_info_by_alias(pid, "python_test")["jobByAlias"]["id"] == job_id
    out["run_with_callback"] = api.jobs.run_with_callback(job_id, freq=1, timeout=60)[0]
    out["count"] = api.jobs.get_info(job_id)["job"]["countJobInstance"]
    out["upgrade"] = api.jobs.upgrade(job_id, file=script("v2.py", "print(2)\n"), release_note="v2")["data"][
        "addJobVersion"
    ]["number"]
    versions = api.jobs.rollback(job_id, "1")["rollbackJobVersion"]["versions"]
    out["rollback"] = next(v["number"] for v in versions if v["isCurrent"])
    out["edit"] = api.jobs.edit(job_id, description="new", is_scheduled=True, cron_scheduling="0 0 * * *")["editJob"][
        "cronScheduling"
    ]
    held = python_job(pid, "held_job")
    instance = api.jobs.run(held)["runJob"]["id"]
    out["stop"] = api.jobs.stop(instance)["stopJobInstance"]["status"]
    out["export"] = api.jobs.export(job_id, str(WORKDIR / "jobs"))
    exported = next((WORKDIR / "jobs" / job_id / "version" / "1").iterdir()).read_text()
    out["artifact"] = exported
    pid2 = new_project("compat jobs import")
    out["import"] = api.jobs.import_from_json(pid2, str(WORKDIR / "jobs" / job_id))
    out["imported"] = [j["name"] for j in api.jobs.list_for_project_minimal(pid2)["jobs"]]
    duplicate = api.jobs.duplicate(job_id)["duplicateJob"]
    out["duplicate"] = duplicate["name"]
    out["selectors"] = [
        s["selector"] for s in api.jobs.count_deletable_instances_by_status(job_id)["countJobInstancesBySelector"]
    ]
    out["by_date"] = api.jobs.count_deletable_instances_by_date(job_id, "2023-10-01T00:00:00+00:00")[
        "countJobInstancesByDate"
    ]
    out["delete_versions"] = api.jobs.delete_versions(job_id, [2])["deleteJobVersions"][0]["success"]
    out["delete_by_selector"] = api.jobs.delete_instances_by_selector(job_id, "ALL")["deleteJobInstancesBySelector"]
    bash = api.jobs.create_or_upgrade(
        "bash_job",
        pid,
        technology="bash",
        runtime_version="debian11-bullseye",
        command_line="echo hi",
        category="Processing",
    )
    out["bash"] = "createJob" in bash["data"]
    out["move_conflict"] = api.jobs.move_job(job_id, ENV["SAAGIE_PLATFORM_ID"], pid2) is None
    # The duplicate of a scheduled job is scheduled, and "jobId: must not be ... scheduled" (moveJob).
    out["move_scheduled"] = api.jobs.move_job(duplicate["id"], ENV["SAAGIE_PLATFORM_ID"], pid2) is None
    api.jobs.edit(duplicate["id"], is_scheduled=False)
    out["move"] = bool(api.jobs.move_job(duplicate["id"], ENV["SAAGIE_PLATFORM_ID"], pid2)["moveJob"])
    out["delete"] = api.jobs.delete(api.jobs.get_id("bash_job", "compat jobs"))["deleteJob"]

elif MODULE == "apps":
    pid = new_project("compat apps")
    ports = [{"number": 80, "isRewriteUrl": True, "scope": "PROJECT"}]
    app_id = api.apps.create_from_scratch(
        pid, "hello_app", image="httpd:2.4.54-alpine", description="Be happy", exposed_ports=ports
    )["createApp"]["id"]
    out["description"] = api.apps.get_info(app_id)["app"]["description"]
    kibana = api.apps.create_from_catalog(pid, context="7.15.1", technology_name="Kibana")["installApp"]
    out["kibana"] = kibana["name"]
    out["get_id"] = api.apps.get_id("Kibana", "compat apps") == kibana["id"]
    out["upgrade"] = api.apps.upgrade(app_id, release_note="v2")["addAppVersion"]["number"]
    out["rollback"] = api.apps.rollback(app_id, "1")["rollbackAppVersion"]["currentVersion"]["number"]
    out["edit"] = (
        api.apps.edit(app_id, app_name="renamed", description="d", emails=["a@b.c"], status_list=["FAILED", "STOPPED"])[
            "editApp"
        ]["id"]
        == app_id
    )
    info = api.apps.get_info(app_id)["app"]
    out["alerting"] = {k: info["alerting"][k] for k in ("emails", "statusList")}
    out["status_before_stop"] = info["history"]["currentStatus"]
    out["stop"] = api.apps.stop(app_id)["stopApp"]["history"]["currentStatus"]
    out["run"] = api.apps.run(app_id)["runApp"]["history"]["currentStatus"]
    info = api.apps.get_info(app_id)["app"]
    out["logs"] = "logs" in api.apps.get_logs(pid, app_id, info["history"]["currentExecutionId"])
    out["stats"] = "appStats" in api.apps.get_stats(
        info["history"]["id"], info["currentVersion"]["number"], info["currentVersion"]["creationDate"]
    )
    out["export"] = api.apps.export(app_id, str(WORKDIR / "apps"))
    api.apps.delete(app_id)
    out["import"] = api.apps.import_from_json(str(WORKDIR / "apps" / app_id / "app.json"), pid)
    out["names"] = sorted(a["name"] for a in api.apps.list_for_project_minimal(pid)["project"]["apps"])
    out["delete"] = api.apps.delete(kibana["id"])["deleteApp"]["id"] == kibana["id"]

elif MODULE == "pipelines":
    pid = new_project("compat pipelines")
    job_id = python_job(pid, "pipeline_job")
    failing = python_job(pid, "failing_job")
    graph = GraphPipeline()
    job1, job2, job3, job4 = JobNode(job_id), JobNode(job_id), JobNode(job_id), JobNode(job_id)
    cond = ConditionStatusNode()
    cond.put_at_least_one_success()
    job1.add_next_node(cond)
    cond.add_success_node(job2)
    cond.add_failure_node(job3)
    expr = ConditionExpressionNode()
    expr.set_expression("1 + 1 == 2")
    job2.add_next_node(expr)
    expr.add_success_node(job4)
    graph.add_root_node(job1)
    pipeline_id = api.pipelines.create_graph(
        name="TEST_VIA_API",
        project_id=pid,
        graph_pipeline=graph,
        alias="ALIAS_TEST_VIA_API",
        description="d",
        cron_scheduling="0 0 * * *",
        schedule_timezone="Pacific/Fakaofo",
    )["createGraphPipeline"]["id"]
    out["get_id"] = api.pipelines.get_id("TEST_VIA_API", "compat pipelines") == pipeline_id
    out["by_alias"] = (
        api.pipelines.get_info_by_alias(pid, "ALIAS_TEST_VIA_API")["graphPipelineByAlias"]["id"] == pipeline_id
    )
    state, instance_id = api.pipelines.run_with_callback(pipeline_id, freq=1, timeout=60)
    out["run_with_callback"] = state
    instance = api.pipelines.get_instance(instance_id)["pipelineInstance"]
    out["jobs_instance"] = len(instance["jobsInstance"])
    conditions = [c for c in instance["conditionsInstance"] if c["id"]]
    out["conditions"] = sorted(c["isSuccess"] for c in conditions)
    out["condition_logs"] = api.count_condition_logs(conditions[0]["id"], pid, ["STDOUT", "STDERR"])["total"]
    out["condition_lines"] = api.get_condition_instance_logs_by_instance(
        conditions[0]["id"], pid, ["STDOUT", "STDERR"]
    )["total"]
    failing_graph = GraphPipeline()
    first, second = JobNode(failing), JobNode(job_id)
    first.add_next_node(second)
    failing_graph.add_root_node(first)
    failing_id = api.pipelines.create_graph("FAILING", pid, failing_graph, alias="FAILING")["createGraphPipeline"]["id"]
    state, failing_instance = api.pipelines.run_with_callback(failing_id, freq=1, timeout=60)
    out["failing"] = state
    out["failing_jobs"] = len(api.pipelines.get_instance(failing_instance)["pipelineInstance"]["jobsInstance"])
    out["run"] = api.pipelines.run(pipeline_id)["runPipeline"]["status"]
    out["stop"] = api.pipelines.stop(api.pipelines.run(pipeline_id)["runPipeline"]["id"])["stopPipelineInstance"][
        "status"
    ]
    upgraded = api.pipelines.upgrade(pipeline_id, graph, release_note="v2")["addGraphPipelineVersion"]
    out["upgrade"] = upgraded["number"]
    versions = api.pipelines.rollback(pipeline_id, "1")["rollbackPipelineVersion"]["versions"]
    out["rollback"] = next(v["number"] for v in versions if v["isCurrent"])
    out["edit"] = api.pipelines.edit(pipeline_id, name="RENAMED", has_execution_variables_enabled=True)["editPipeline"][
        "name"
    ]
    out["selectors"] = len(
        api.pipelines.count_deletable_instances_by_status(pipeline_id)["countDeletablePipelineInstancesByStatus"]
    )
    out["export"] = api.pipelines.export(pipeline_id, str(WORKDIR / "pipelines"))
    api.pipelines.delete_instances_by_selector(pipeline_id, "ALL")
    out["import"] = api.pipelines.import_from_json(str(WORKDIR / "pipelines" / pipeline_id / "pipeline.json"), pid)
    out["duplicate"] = "duplicatePipeline" in api.pipelines.duplicate(pipeline_id)
    out["delete_versions"] = api.pipelines.delete_versions(pipeline_id, [2])["deletePipelineVersions"][0]["success"]

elif MODULE == "pipeline_cleanup":
    # Client code cleans up right after run() or stop(): the platform documents no rule against deleting a
    # pipeline with unfinished instances (only the Super-Admin role), so the clean-up must succeed.
    pid = new_project("compat cleanup")
    for round_ in (1, 2):  # the second round collides with left-overs if the first clean-up failed
        job_id = python_job(pid, "cleanup_job")
        graph = GraphPipeline()
        graph.add_root_node(JobNode(job_id))
        pipeline_id = api.pipelines.create_graph("CLEANUP", pid, graph, alias="CLEANUP")["createGraphPipeline"]["id"]
        out[f"run_{round_}"] = api.pipelines.run(pipeline_id)["runPipeline"]["status"]
        out[f"delete_{round_}"] = api.pipelines.delete(pipeline_id)["deletePipeline"]
        out[f"job_delete_{round_}"] = api.jobs.delete(job_id)["deleteJob"]
    out["pipelines_left"] = api.pipelines.list_for_project(pid)["project"]["pipelines"]
    out["jobs_left"] = api.jobs.list_for_project_minimal(pid)["jobs"]

elif MODULE == "env_vars":
    pid = new_project("compat env vars")
    job_id = python_job(pid, "env_job")
    graph = GraphPipeline()
    graph.add_root_node(JobNode(job_id))
    pipeline_id = api.pipelines.create_graph("ENV_PIPELINE", pid, graph, alias="ENV_PIPELINE")["createGraphPipeline"][
        "id"
    ]
    api.env_vars.create("GLOBAL", "COMPAT_GLOBAL", value="g", description="global")
    api.env_vars.create("GLOBAL", "COMPAT_SECRET", value="s3cr3t", is_password=True)
    api.env_vars.update("GLOBAL", "COMPAT_SECRET", description="only the description")
    secret = api.env_vars.get("GLOBAL", "COMPAT_SECRET")
    out["secret"] = {"value": secret["value"], "description": secret["description"], "isPassword": secret["isPassword"]}
    api.env_vars.create("PROJECT", "COMPAT_PROJECT", value="p", project_id=pid)
    api.env_vars.create_or_update("PROJECT", "COMPAT_GLOBAL", value="override", project_id=pid)
    listing = api.env_vars.list("PROJECT", project_id=pid)
    out["project_listing"] = sorted((v["name"], v["scope"], v["value"]) for v in listing)
    api.env_vars.create("PIPELINE", "COMPAT_PIPELINE", value="x", pipeline_id=pipeline_id)
    out["pipeline_listing"] = sorted(v["scope"] for v in api.env_vars.list("PIPELINE", pipeline_id=pipeline_id))
    api.env_vars.update("PIPELINE", "COMPAT_PIPELINE", value="y", pipeline_id=pipeline_id)
    out["pipeline_value"] = api.env_vars.get("PIPELINE", "COMPAT_PIPELINE", pipeline_id=pipeline_id, scope_only=True)[
        "value"
    ]
    bulk = api.env_vars.bulk_create_for_pipeline(pipeline_id, {"BULK1": "a", "BULK2": "b"})
    out["bulk"] = sorted(v["name"] for v in bulk["replaceEnvironmentVariablesByRawForScope"])
    try:
        api.env_vars.update("PROJECT", "COMPAT_SECRET", value="z", project_id=pid)
        out["update_missing"] = "no error"
    except ValueError:
        out["update_missing"] = "ValueError"
    out["export"] = api.env_vars.export(pid, str(WORKDIR / "vars"))
    out["exported"] = sorted(p.name for p in (WORKDIR / "vars").iterdir())
    out["delete"] = api.env_vars.delete("GLOBAL", "COMPAT_SECRET")["deleteEnvironmentVariable"]
    out["import"] = api.env_vars.import_from_json(str(WORKDIR / "vars" / "COMPAT_PROJECT" / "variable.json"), pid)

elif MODULE == "docker_credentials":
    pid = new_project("compat docker")
    created = api.docker_credentials.create(pid, username="myuser", registry="test-registry", password="mypassword")[
        "createDockerCredentials"
    ]
    out["username"] = api.docker_credentials.get_info(pid, created["id"])["dockerCredentials"]["username"]
    upgraded = api.docker_credentials.upgrade(pid, created["id"], password="p2", registry="new-registry")[
        "updateDockerCredentials"
    ]
    out["upgrade"] = [upgraded["id"] == created["id"], upgraded["registry"], upgraded["username"]]
    again = api.docker_credentials.upgrade_for_username(pid, "myuser", "p3", registry="new-registry")[
        "updateDockerCredentials"
    ]
    out["upgrade_for_username"] = again["id"] == created["id"]
    out["listed"] = len(api.docker_credentials.list_for_project(pid)["allDockerCredentials"])
    out["delete"] = api.docker_credentials.delete_for_username(pid, "myuser", "new-registry")["deleteDockerCredentials"]
    out["after"] = api.docker_credentials.list_for_project(pid)["allDockerCredentials"]

elif MODULE == "storages":
    pid = new_project("compat storages")
    created = api.storages.create(pid, "hello_storage", "1 GB", "Be happy")["createVolume"]
    out["size"] = created["size"]
    got = api.storages.get(created["id"])["volume"]
    got.pop("creationDate")
    out["same"] = got == {**created, "linkedApp": None} or {k: got[k] for k in created} == created
    api.storages.edit(created["id"], storage_name="storage new name", description="storage new description")
    listing = api.storages.list_for_project(pid)["project"]["volumes"]
    out["listed"] = [(v["name"], v["size"], v["description"]) for v in listing]
    out["duplicate"] = api.storages.duplicate(created["id"])["duplicateVolume"]["originalVolumeId"] == created["id"]
    jupyter = api.apps.create_from_catalog(
        pid, context="JupyterLab+GenAI 4.0 Python 3.11", technology_name="Jupyter Notebook"
    )["installApp"]
    linked = api.apps.get_info(jupyter["id"])["app"]["linkedVolumes"]
    out["jupyter_volumes"] = len(linked)
    try:
        api.storages.delete(linked[0]["id"])
        out["delete_used"] = "deleted"
    except ValueError:
        out["delete_used"] = "ValueError"
    api.apps.upgrade(jupyter["id"], storage_paths={"path": "/data", "volumeId": created["id"]})
    out["unlink"] = api.storages.unlink(linked[0]["id"])["unlinkVolume"]["id"] == linked[0]["id"]
    pid2 = new_project("compat storages target")
    dup = next(v for v in api.storages.list_for_project(pid)["project"]["volumes"] if "copy" in v["name"])
    new_id = api.storages.move(dup["id"], 1, pid2)["moveVolume"]
    out["move"] = api.storages.get(new_id)["volume"]["name"] == dup["name"]
    out["delete"] = api.storages.delete(linked[0]["id"])["deleteVolume"]["id"] == linked[0]["id"]

elif MODULE == "repositories":
    archive = WORKDIR / "technologies.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("technologies/job/x/metadata.yaml", "id: x\n")
    second = WORKDIR / "new_technologies.zip"
    second.write_bytes(archive.read_bytes())
    out["create_zip"] = api.repositories.create("repository from zip", file=str(archive))["addRepository"]["count"]
    out["create_url"] = api.repositories.create("repository from url", url="https://example.com/technologies.zip")[
        "addRepository"
    ]["objects"][0]["name"]
    repo_id = api.repositories.get_id("repository from zip")
    out["source"] = api.repositories.get_info(repo_id)["repository"]["source"]["name"] == str(archive)
    api.repositories.synchronize(repo_id, file=str(second))
    out["synced"] = api.repositories.get_info(repo_id)["repository"]["source"]["name"] == str(second)
    api.repositories.revert_last_synchronization(repo_id)
    out["reverted"] = api.repositories.get_info(repo_id)["repository"]["source"]["name"] == str(archive)
    url_id = api.repositories.get_id("repository from url")
    edited = api.repositories.edit(
        url_id, name="new repository from url", url="https://example.com/t.zip", trigger_synchronization=True
    )
    out["edit"] = edited["editRepository"]["objects"][0]["source"]["url"]
    out["names"] = sorted(r["name"] for r in api.repositories.list(minimal=True)["repositories"])
    python_id = next(t["id"] for t in api.get_available_technologies("Saagie") if t["label"] == "Python")
    out["runtimes"] = [c["id"] for c in api.get_runtimes(python_id)["technology"]["contexts"]]
    out["technology_name"] = list(api.get_technology_name_by_id(python_id))
    out["delete"] = api.repositories.delete(repo_id)["removeRepository"]["name"]
    out["delete_again"] = api.repositories.delete(repo_id)

elif MODULE == "users":
    out["listed"] = ENV["SAAGIE_USER"] in [u["login"] for u in api.users.list()]
    out["info"] = api.users.get_info(ENV["SAAGIE_USER"])["login"]
    out["create"] = api.users.create("test_user_api_to_delete", "password1!")
    out["created"] = api.users.get_info("test_user_api_to_delete")["login"]
    out["edit_password"] = api.users.edit_password("test_user_api_to_delete", "password1!", "NewPassword!")
    out["export"] = api.users.export(str(WORKDIR / "users"))
    out["delete"] = api.users.delete("test_user_api_to_delete")

elif MODULE == "groups":
    out["listed"] = GROUP in [g["name"] for g in api.groups.list()]
    out["users"] = ENV["SAAGIE_USER"] in api.groups.get_users(GROUP)["users"]
    out["create"] = api.groups.create("test_api_group_to_delete", [ENV["SAAGIE_USER"]])
    out["name"] = api.groups.get_users("test_api_group_to_delete")["name"]
    realm = {"permissions": [{"artifact": {"type": "TECHNOLOGY_CATALOG"}, "role": "ROLE_ACCESS"}]}
    out["edit_permission"] = api.groups.edit_permission("test_api_group_to_delete", realm_authorization=realm)
    permission = api.groups.get_permission("test_api_group_to_delete")
    out["permission_keys"] = sorted(permission)
    out["realm_ok"] = permission["realmAuthorization"] == realm
    out["export"] = api.groups.export(str(WORKDIR / "groups"))
    out["delete"] = api.groups.delete("test_api_group_to_delete")

elif MODULE == "profiles":
    out["listed"] = ENV["SAAGIE_USER"] in [p["login"] for p in api.profiles.list()]
    out["info"] = api.profiles.get_info(ENV["SAAGIE_USER"])["login"]
    out["edit"] = api.profiles.edit(ENV["SAAGIE_USER"], job_title="PROJECT_MANAGER")
    out["job"] = api.profiles.get_info(ENV["SAAGIE_USER"])["job"]
    out["export"] = api.profiles.export(str(WORKDIR / "profiles"))

else:
    raise SystemExit(f"unknown module {MODULE}")

print("RESULT:" + json.dumps(out, default=str))
