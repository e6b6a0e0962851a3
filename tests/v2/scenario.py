"""The shape scenario: every public method of saagieapi 2.13.1, called in an order where what it needs exists.

The same steps run twice on two fresh emulators: once by saagieapi 2.13.1 (``driver_saagieapi2_shapes.py``,
its own interpreter) and once by ``saagieapi.v2``; ``test_v2_shapes.py`` compares each step's result shape.
Standard library only (the 2.x interpreter imports this file). A 2.x method with no step fails
``test_every_2x_method_has_a_step``.
"""

from __future__ import annotations

try:
    from .scenario_runner import Env, Graph, Ref, Step, TextFile, Work, ZipArchive
except ImportError:  # imported by the 2.x driver as a top-level module
    from scenario_runner import Env, Graph, Ref, Step, TextFile, Work, ZipArchive  # type: ignore[no-redef]

__all__ = ["STEPS"]

PROJECT = "shape project"
TARGET = "shape target"
DATE = "2023-10-01T00:00:00+00:00"
GROUP = Env("SAAGIE_GROUP")
USER = Env("SAAGIE_USER")
PLATFORM = Env("SAAGIE_PLATFORM_ID")
PORTS = [{"number": 80, "isRewriteUrl": True, "scope": "PROJECT"}]
ALLOWED = {"saagie": ["python", "spark", "bash", "generic"]}
RESOURCES = {"cpu": {"request": 0.5, "limit": 1.0}, "memory": {"request": 512.0, "limit": 1024.0}}
VOLUME = [{"path": "/data", "volume": {"name": "shape_app_volume", "size": "1 GB", "description": "app data"}}]
NOBODY = "00000000-0000-0000-0000-000000000000"
REALM_AUTHORIZATION = {"permissions": [{"artifact": {"type": "TECHNOLOGY_CATALOG"}, "role": "ROLE_ACCESS"}]}


def _python_job(name: str, saved: str, **options: object) -> Step:
    return Step(
        "jobs.create",
        id=f"jobs.create#{name}",
        job_name=name,
        project_id=Ref("pid"),
        file=TextFile(f"{name}.py", "print('hello')\n"),
        category="Processing",
        technology="python",
        technology_catalog="Saagie",
        runtime_version="3.9",
        command_line="python {file}",
        save={saved: ["data", "createJob", "id"]},
        **options,
    )


PLATFORM_STEPS = [
    Step("SaagieApi.check_alerting", ["a@b.c"], ["FAILED", "KILLED"], on_class=True, values=True),
    Step("SaagieApi.check_scheduling", "0 0 * * *", "UTC", on_class=True, values=True),
    Step("SaagieApi.get_cluster_capacity"),
    Step("SaagieApi.get_platform_info"),
    Step("SaagieApi.get_repositories_info"),
    Step(
        "SaagieApi.get_available_technologies",
        "Saagie",
        save={
            "catalog": [],
            "python_tech": [{"label": "Python"}, "id"],
            "kibana_tech": [{"label": "Kibana"}, "id"],
        },
    ),
    Step("SaagieApi.get_runtimes", Ref("python_tech"), id="SaagieApi.get_runtimes#job"),
    Step(
        "SaagieApi.get_runtimes",
        Ref("kibana_tech"),
        id="SaagieApi.get_runtimes#app",
        save={"kibana_context": ["technology", "appContexts", 0, "id"]},
    ),
    Step("SaagieApi.get_technology_name_by_id", Ref("python_tech"), values=True),
    Step(
        "SaagieApi.get_technology_name_by_id", "no-such-technology", id="get_technology_name_by_id#missing", values=True
    ),
    Step("SaagieApi.get_runtime_label_by_id", Ref("kibana_tech"), Ref("kibana_context"), values=True),
    Step("SaagieApi.check_technology_valid", ["python"], Ref("catalog"), "Saagie", on_class=True),
    Step(
        "SaagieApi.check_technology_configured",
        {"x": 1},
        "python",
        Ref("python_tech"),
        [Ref("python_tech")],
        on_class=True,
    ),
    Step("SaagieApi.check_technology", {"x": 1}, "python", "Saagie", [Ref("python_tech")]),
    Step(
        "SaagieApi.easy_connect",
        "https://saagie-workspace.prod.saagie.io/projects/platform/6/",
        "user",
        "password",
        on_class=True,
        hook="no_login",
        attributes=["url_saagie", "realm", "platform"],
        values=True,
    ),
]

PROJECT_STEPS = [
    Step(
        "projects.create",
        name=PROJECT,
        group=GROUP,
        role="Manager",
        description="shapes",
        jobs_technologies_allowed=ALLOWED,
        save={"pid": ["createProject", "id"]},
    ),
    Step("projects.get_status_with_callback", Ref("pid"), freq=1, timeout=20),
    Step(
        "projects.create",
        id="projects.create#target",
        name=TARGET,
        group=GROUP,
        role="Editor",
        jobs_technologies_allowed=ALLOWED,
        save={"pid2": ["createProject", "id"]},
    ),
    Step("projects.get_status_with_callback", Ref("pid2"), freq=1, timeout=20, id="projects.get_status#target"),
    Step("projects.list"),
    Step("projects.get_id", PROJECT),
    Step("projects.get_info", Ref("pid")),
    Step("projects.get_info_by_name", PROJECT),
    Step("projects.get_jobs_technologies", Ref("pid")),
    Step("projects.get_apps_technologies", Ref("pid")),
    Step("projects.get_rights", Ref("pid")),
    Step("projects.edit", Ref("pid"), description="edited"),
    Step("SaagieApi.check_condition_expression", "1 + 1 == 2", Ref("pid")),
]

JOB_STEPS = [
    _python_job("shape_job", "jid", emails=["a@b.c"], status_list=["FAILED"], resources=RESOURCES),
    _python_job("held_job", "held"),
    Step("jobs.run_with_callback", Ref("jid"), freq=1, timeout=60, save={"jiid": [1]}),
    Step("jobs.run", Ref("jid"), save={"jiid2": ["runJob", "id"]}),
    Step("jobs.get_instance", Ref("jiid")),
    Step("jobs.list_for_project", Ref("pid"), instances_limit=1),
    Step("jobs.list_for_project_minimal", Ref("pid")),
    Step("jobs.get_id", "shape_job", PROJECT),
    Step("jobs.get_info", Ref("jid"), instances_limit=1),
    Step("jobs.get_info", Ref("jid"), id="jobs.get_info#current", versions_only_current=True),
    Step(
        "jobs.create",
        "shape_spark",
        Ref("pid"),
        id="jobs.create#spark",
        file=TextFile("spark.jar", "jar"),
        technology="spark",
        runtime_version="3.1",
        command_line="spark-submit {file}",
        extra_technology="Java/Scala",
        extra_technology_version="11",
    ),
    Step("jobs.get_info_by_alias", Ref("pid"), "shape_job", instances_limit=1),
    Step("jobs.upgrade", Ref("jid"), file=TextFile("v2.py", "print(2)\n"), release_note="v2"),
    Step("jobs.upgrade_by_name", "shape_job", PROJECT, file=TextFile("v3.py", "print(3)\n"), release_note="v3"),
    Step("jobs.rollback", Ref("jid"), "1"),
    Step("jobs.edit", Ref("jid"), description="new", is_scheduled=True, cron_scheduling="0 0 * * *"),
    Step(
        "jobs.create_or_upgrade",
        "shape_job",
        Ref("pid"),
        id="jobs.create_or_upgrade#upgrade",
        file=TextFile("v4.py", "print(4)\n"),
        release_note="v4",
    ),
    Step(
        "jobs.create_or_upgrade",
        "shape_bash",
        Ref("pid"),
        technology="bash",
        runtime_version="debian11-bullseye",
        command_line="echo hi",
        category="Processing",
        save={"bash": ["data", "createJob", "id"]},
    ),
    Step("jobs.run", Ref("held"), id="jobs.run#held", save={"held_instance": ["runJob", "id"]}),
    Step("jobs.stop", Ref("held_instance")),
    Step("jobs.count_deletable_instances_by_status", Ref("jid")),
    Step("jobs.count_instances_by_status", Ref("jid")),
    Step("jobs.count_deletable_instances_by_date", Ref("jid"), DATE),
    Step("jobs.delete_instances", Ref("jid"), [Ref("jiid")]),
    Step("jobs.delete_instances_by_date", Ref("jid"), DATE),
    Step("jobs.delete_instances_by_selector", Ref("jid"), "ALL"),
    Step("jobs.delete_versions", Ref("jid"), [2]),
    Step("jobs.duplicate", Ref("jid"), save={"dup": ["duplicateJob", "id"]}),
    Step("jobs.export", Ref("jid"), Work("jobs")),
    Step("jobs.import_from_json", Ref("pid2"), Work("jobs", Ref("jid"))),
    # The duplicate of a scheduled job is scheduled, and moveJob refuses "scheduled" jobs (the platform's rule).
    Step("jobs.edit", Ref("dup"), id="jobs.edit#unschedule", is_scheduled=False),
    Step("jobs.move_job", Ref("dup"), PLATFORM, Ref("pid2")),
    Step("jobs.delete", Ref("bash")),
]

PIPELINE_STEPS = [
    Step(
        "pipelines.create_graph",
        name="shape_pipeline",
        project_id=Ref("pid"),
        graph_pipeline=Graph(Ref("jid"), Ref("jid"), Ref("jid")),
        alias="shape_pipeline",
        description="d",
        cron_scheduling="0 0 * * *",
        schedule_timezone="UTC",
        emails=["a@b.c"],
        status_list=["FAILED"],
        save={"ppid": ["createGraphPipeline", "id"]},
    ),
    Step("pipelines.run_with_callback", Ref("ppid"), freq=1, timeout=60, save={"piid": [1]}),
    Step(
        "pipelines.get_instance",
        Ref("piid"),
        save={"condition_instance": ["pipelineInstance", "conditionsInstance", 0, "id"]},
    ),
    Step("SaagieApi.count_condition_logs", Ref("condition_instance"), Ref("pid"), ["STDOUT", "STDERR"]),
    Step(
        "SaagieApi.get_condition_instance_logs_by_instance",
        Ref("condition_instance"),
        Ref("pid"),
        ["STDOUT", "STDERR"],
    ),
    Step("pipelines.list_for_project", Ref("pid"), instances_limit=1),
    Step("pipelines.list_for_project_minimal", Ref("pid")),
    Step("pipelines.get_id", "shape_pipeline", PROJECT),
    Step("pipelines.get_info", Ref("ppid"), instances_limit=1),
    Step("pipelines.get_info_by_name", Ref("pid"), "shape_pipeline", instances_limit=1),
    Step("pipelines.get_info_by_alias", Ref("pid"), "shape_pipeline", instances_limit=1),
    Step("pipelines.run", Ref("ppid"), save={"piid2": ["runPipeline", "id"]}),
    Step("pipelines.stop", Ref("piid2")),
    Step("pipelines.upgrade", Ref("ppid"), Graph(Ref("jid"), Ref("jid")), release_note="v2"),
    Step("pipelines.rollback", Ref("ppid"), "1"),
    Step("pipelines.edit", Ref("ppid"), description="e", has_execution_variables_enabled=True),
    Step(
        "pipelines.create_or_upgrade",
        "shape_pipeline",
        "shape_pipeline",
        Ref("pid"),
        Graph(Ref("jid"), Ref("jid")),
        id="pipelines.create_or_upgrade#upgrade",
        release_note="v3",
    ),
    Step(
        "pipelines.create_or_upgrade",
        "shape_pipeline2",
        "shape_pipeline2",
        Ref("pid"),
        Graph(Ref("jid"), Ref("jid")),
        save={"ppid2": ["createGraphPipeline", "id"]},
    ),
    Step("pipelines.count_deletable_instances_by_status", Ref("ppid")),
    Step("pipelines.count_deletable_instances_by_date", Ref("ppid"), DATE),
    Step("pipelines.delete_instances", Ref("ppid"), [Ref("piid")]),
    Step("pipelines.delete_instances_by_date", Ref("ppid"), DATE),
    Step("pipelines.delete_instances_by_selector", Ref("ppid"), "ALL"),
    Step("pipelines.delete_versions", Ref("ppid"), [2]),
    Step("pipelines.duplicate", Ref("ppid")),
    Step("pipelines.export", Ref("ppid"), Work("pipelines")),
    Step("pipelines.import_from_json", Work("pipelines", Ref("ppid"), "pipeline.json"), Ref("pid2")),
    Step("pipelines.delete", Ref("ppid2")),
]

ENV_VAR_STEPS = [
    Step("env_vars.create", "GLOBAL", "SHAPE_GLOBAL", value="g", description="global"),
    Step("env_vars.create", "PROJECT", "SHAPE_PROJECT", value="p", project_id=Ref("pid"), id="env_vars.create#project"),
    Step("env_vars.create", "PIPELINE", "SHAPE_PIPE", value="x", pipeline_id=Ref("ppid"), id="env_vars.create#pipe"),
    Step(
        "env_vars.create",
        "PROJECT",
        "SHAPE_SECRET",
        value="s3cr3t",
        is_password=True,
        project_id=Ref("pid"),
        id="env_vars.create#secret",
    ),
    Step("env_vars.list", "PROJECT", project_id=Ref("pid")),
    Step("env_vars.list", "GLOBAL", id="env_vars.list#global"),
    Step("env_vars.get", "PROJECT", "NO_SUCH_VARIABLE", project_id=Ref("pid"), id="env_vars.get#missing"),
    Step("env_vars.get", "PROJECT", "SHAPE_PROJECT", project_id=Ref("pid")),
    Step("env_vars.update", "GLOBAL", "SHAPE_GLOBAL", description="d2"),
    Step("env_vars.create_or_update", "PROJECT", "SHAPE_PROJECT", value="p2", project_id=Ref("pid")),
    Step("env_vars.delete", "GLOBAL", "SHAPE_GLOBAL"),
    Step("env_vars.bulk_create_for_pipeline", Ref("ppid"), {"BULK1": "a", "BULK2": "b"}),
    Step("env_vars.list_globals"),
    Step("env_vars.create_global", "SHAPE_G2", value="v"),
    Step("env_vars.update_global", "SHAPE_G2", value="w", bug_in_2x="TypeError", same_shape_as="env_vars.update"),
    Step("env_vars.create_or_update_global", "SHAPE_G3", value="v"),
    Step("env_vars.delete_global", "SHAPE_G2"),
    Step("env_vars.list_for_project", Ref("pid")),
    Step("env_vars.create_for_project", Ref("pid"), "SHAPE_P2", value="v"),
    Step("env_vars.update_for_project", Ref("pid"), "SHAPE_P2", value="w"),
    Step("env_vars.create_or_update_for_project", Ref("pid"), "SHAPE_P3", value="v"),
    Step("env_vars.delete_for_project", Ref("pid"), "SHAPE_P2"),
    Step("env_vars.list_for_pipeline", Ref("ppid")),
    Step("env_vars.create_for_pipeline", Ref("ppid"), "SHAPE_PP2", value="v"),
    Step("env_vars.update_for_pipeline", Ref("ppid"), "SHAPE_PP2", value="w"),
    Step("env_vars.create_or_update_for_pipeline", Ref("ppid"), "SHAPE_PP3", value="v"),
    Step("env_vars.delete_for_pipeline", Ref("ppid"), "SHAPE_PP2"),
    Step("env_vars.export", Ref("pid"), Work("vars")),
    Step("env_vars.import_from_json", Work("vars", "SHAPE_PROJECT", "variable.json"), Ref("pid2")),
]

DOCKER_STEPS = [
    Step(
        "docker_credentials.create",
        Ref("pid"),
        "myuser",
        "mypassword",
        registry="registry.example.com",
        save={"credential": ["createDockerCredentials", "id"]},
    ),
    Step(
        "jobs.create",
        "shape_docker",
        Ref("pid"),
        id="jobs.create#docker",
        technology="generic",
        runtime_version="latest",
        command_line="echo hello",
        docker_info={"image": "registry.example.com/hello:1", "dockerCredentialsId": Ref("credential")},
        save={"docker_job": ["data", "createJob", "id"]},
    ),
    Step("docker_credentials.get_info", Ref("pid"), Ref("credential")),
    Step("docker_credentials.get_info_for_username", Ref("pid"), "myuser", "registry.example.com"),
    Step("docker_credentials.list_for_project", Ref("pid")),
    Step("docker_credentials.upgrade", Ref("pid"), Ref("credential"), "p2", registry="registry.example.com"),
    Step("docker_credentials.upgrade_for_username", Ref("pid"), "myuser", "p3", "registry.example.com"),
    Step("jobs.get_info", Ref("docker_job"), id="jobs.get_info#docker"),
    Step("jobs.delete", Ref("docker_job"), id="jobs.delete#docker"),
    Step("docker_credentials.delete_for_username", Ref("pid"), "myuser", "registry.example.com"),
    Step(
        "docker_credentials.create",
        Ref("pid"),
        "other",
        "secret",
        id="docker_credentials.create#other",
        save={"credential2": ["createDockerCredentials", "id"]},
    ),
    Step("docker_credentials.delete", Ref("pid"), Ref("credential2")),
]

STORAGE_STEPS = [
    Step(
        "storages.create",
        Ref("pid"),
        "shape_storage",
        "1 GB",
        "described",
        save={"sid": ["createVolume", "id"]},
    ),
    Step("storages.get", Ref("sid")),
    Step("storages.get_info", Ref("pid"), Ref("sid")),
    Step("storages.list_for_project", Ref("pid")),
    Step("storages.list_for_project", Ref("pid"), minimal=True, id="storages.list_for_project#minimal"),
    Step("storages.edit", Ref("sid"), storage_name="renamed_storage", description="d2"),
    Step("storages.duplicate", Ref("sid"), save={"dsid": ["duplicateVolume", "id"]}),
    Step("storages.move", Ref("dsid"), 1, Ref("pid2")),
    Step("storages.unlink", Ref("sid")),
    Step("storages.delete", Ref("sid")),
]

APP_STEPS = [
    Step(
        "apps.create_from_scratch",
        Ref("pid"),
        "shape_app",
        image="httpd:2.4.54-alpine",
        description="d",
        exposed_ports=PORTS,
        storage_paths=VOLUME,
        resources=RESOURCES,
        save={"aid": ["createApp", "id"]},
    ),
    Step(
        "apps.create_from_catalog",
        Ref("pid"),
        context="7.15.1",
        technology_name="Kibana",
        save={"kid": ["installApp", "id"]},
    ),
    Step("apps.get_info", Ref("aid")),
    Step("apps.list_for_project", Ref("pid")),
    Step("apps.list_for_project", Ref("pid"), versions_only_current=True, id="apps.list_for_project#current"),
    Step("apps.list_for_project", Ref("pid"), minimal=True, id="apps.list_for_project#minimal"),
    Step("storages.list_for_project", Ref("pid"), id="storages.list_for_project#linked"),
    Step("apps.list_for_project_minimal", Ref("pid")),
    Step("apps.get_id", "shape_app", PROJECT),
    Step("apps.upgrade", Ref("aid"), release_note="v2"),
    Step("apps.rollback", Ref("aid"), "1"),
    Step("apps.get_info", Ref("aid"), versions_only_current=False, id="apps.get_info#all-versions"),
    Step("apps.edit", Ref("aid"), app_name="renamed_app", description="d2", emails=["a@b.c"], status_list=["FAILED"]),
    Step("apps.stop", Ref("aid")),
    Step("apps.run", Ref("aid")),
    Step(
        "apps.get_info",
        Ref("aid"),
        id="apps.get_info#running",
        save={
            "history": ["app", "history", "id"],
            "execution": ["app", "history", "currentExecutionId"],
            "version": ["app", "currentVersion", "number"],
            "since": ["app", "currentVersion", "creationDate"],
        },
    ),
    Step("apps.get_logs", Ref("pid"), Ref("aid"), Ref("execution")),
    Step("apps.get_stats", Ref("history"), Ref("version"), Ref("since")),
    Step("apps.get_history_statuses", Ref("history"), Ref("version"), Ref("since")),
    Step("apps.count_history_statuses", Ref("history"), Ref("version"), Ref("since")),
    Step("apps.get_runtime_label_by_id", Ref("kibana_tech"), Ref("kibana_context"), values=True),
    Step("apps.check_alerting", ["a@b.c"], None, ["FAILED"], values=True),
    Step("apps.check_exposed_ports", PORTS, values=True),
    Step("apps.export", Ref("aid"), Work("apps")),
    Step("apps.import_from_json", Work("apps", Ref("aid"), "app.json"), Ref("pid2")),
    Step("apps.delete", Ref("kid")),
]

REPOSITORY_STEPS = [
    Step("repositories.create", "shape zip", file=ZipArchive("technologies.zip")),
    Step(
        "repositories.create",
        "shape url",
        url="https://example.com/technologies.zip",
        id="repositories.create#url",
        save={"url_repository": ["addRepository", "objects", 0, "id"]},
    ),
    Step("repositories.get_id", "shape zip", save={"rid": []}),
    Step("repositories.get_info", Ref("rid")),
    Step("repositories.list"),
    Step("repositories.list", minimal=True, id="repositories.list#minimal"),
    Step("repositories.synchronize", Ref("rid"), file=ZipArchive("new_technologies.zip")),
    Step("repositories.revert_last_synchronization", Ref("rid")),
    Step("repositories.edit", Ref("url_repository"), name="shape url renamed", url="https://example.com/t.zip"),
    Step("repositories.delete", Ref("rid")),
]

ACCESS_STEPS = [
    Step("users.list"),
    Step("users.get_info", USER),
    Step("users.create", "shape_user", "password1!"),
    Step("users.edit_password", "shape_user", "password1!", "NewPassword!"),
    Step("users.export", Work("users")),
    Step(
        "users.import_from_json",
        TextFile("protected_users.json", '[{"login": "admin", "roles": [], "platforms": [], "protected": true}]'),
        "temporary1!",
    ),
    Step("users.delete", "shape_user"),
    Step("groups.list"),
    Step("groups.get_users", GROUP),
    Step("groups.create", "shape_group", [USER]),
    Step("groups.get_permission", "shape_group"),
    Step("groups.edit_permission", "shape_group", realm_authorization=REALM_AUTHORIZATION),
    Step("groups.export", Work("groups")),
    Step("groups.import_from_json", Work("groups")),
    Step("groups.delete", "shape_group"),
    Step("profiles.list"),
    Step("profiles.get_info", USER),
    Step("profiles.edit", USER, job_title="PROJECT_MANAGER"),
    Step("profiles.export", Work("profiles")),
]

#: Calls where 2.13.1 raises: the v2 error must be an instance of the same class (``except`` keeps working).
ERROR_STEPS = [
    Step("projects.create", "no role", group=GROUP, id="projects.create#group-without-role", raises=True),
    Step("projects.create", "bad role", group=GROUP, role="Owner", id="projects.create#bad-role", raises=True),
    Step("projects.get_id", "no such project", id="projects.get_id#missing", raises=True),
    Step("jobs.get_id", "no such job", PROJECT, id="jobs.get_id#missing", raises=True),
    Step("pipelines.get_id", "no such pipeline", PROJECT, id="pipelines.get_id#missing", raises=True),
    Step("apps.get_id", "no such app", PROJECT, id="apps.get_id#missing", raises=True),
    Step("repositories.get_id", "no such repository", id="repositories.get_id#missing", raises=True),
    Step("SaagieApi.check_alerting", ["a@b.c"], ["NOPE"], on_class=True, id="check_alerting#bad", raises=True),
    Step("SaagieApi.check_scheduling", "every day", "UTC", on_class=True, id="check_scheduling#bad", raises=True),
    Step("SaagieApi.easy_connect", "not a url", "u", "p", on_class=True, id="easy_connect#bad", raises=True),
    Step("jobs.create", "x", Ref("pid"), category="Nope", id="jobs.create#bad-category", raises=True),
    Step("jobs.create", "x", Ref("pid"), runtime_version="0.1", id="jobs.create#bad-runtime", raises=True),
    Step("jobs.count_deletable_instances_by_date", Ref("jid"), "yesterday", id="jobs.count_by_date#bad", raises=True),
    Step("jobs.run_with_callback", Ref("held"), freq=1, timeout=1, id="jobs.run_with_callback#timeout", raises=True),
    Step("jobs.edit", "00000000-0000-0000-0000-000000000000", description="x", id="jobs.edit#missing", raises=True),
    Step(
        "env_vars.update",
        "PROJECT",
        "NO_SUCH_VAR",
        value="v",
        project_id=Ref("pid"),
        id="env_vars.update#missing",
        raises=True,
    ),
    Step("env_vars.delete", "PROJECT", "NO_SUCH_VAR", project_id=Ref("pid"), id="env_vars.delete#missing", raises=True),
    Step(
        "docker_credentials.get_info_for_username",
        Ref("pid"),
        "nobody",
        id="docker.get_for_username#missing",
        raises=True,
    ),
    Step(
        "storages.get_info",
        Ref("pid"),
        "00000000-0000-0000-0000-000000000000",
        id="storages.get_info#missing",
        raises=True,
    ),
    Step(
        "apps.create_from_scratch",
        Ref("pid"),
        "no ports",
        image="x",
        id="apps.create_from_scratch#no-ports",
        bug_in_2x="ValueError",  # 2.x required ports although exposed_ports defaults to None
        same_shape_as="apps.create_from_scratch",
    ),
    Step("apps.upgrade", Ref("aid"), technology_context="x", image="y", id="apps.upgrade#incompatible", raises=True),
    Step("repositories.create", "neither", id="repositories.create#neither", raises=True),
    # REST calls: 2.x called raise_for_status(), so every error status was a requests HTTPError
    *(
        Step(method, *args, id=f"{method}#http-error", raises=True)
        for method, args in [
            ("users.get_info", ("nobody_there",)),
            ("users.create", (USER, "Password1!")),
            ("users.delete", ("nobody_there",)),
            ("users.edit_password", (USER, "not the password", "NewPassword1!")),
            ("groups.get_permission", ("no_such_group",)),
            ("groups.create", (GROUP, [])),
            ("groups.delete", ("no_such_group",)),
            ("groups.edit_permission", ("no_such_group", None, REALM_AUTHORIZATION)),
            ("profiles.get_info", ("nobody_there",)),
            ("profiles.edit", ("nobody_there", "DATA_ENGINEER")),
            ("SaagieApi.count_condition_logs", (NOBODY, Ref("pid"), ["STDOUT"])),
        ]
    ),
]

#: Unknown ids: the platform answers null (nullable lookups, no error) and 2.x returned that null in its wrapper;
#: scripts test it (``if saagie.jobs.get_info(job_id)["job"] is None``), so the values must match, not only shapes.
MISSING_STEPS = [
    Step(method, *args, id=f"{method}#unknown", values=True, **kwargs)
    for method, args, kwargs in [
        ("projects.get_info", (NOBODY,), {}),
        ("projects.get_info_by_name", ("no such project",), {}),
        ("projects.get_jobs_technologies", (NOBODY,), {}),
        ("projects.get_apps_technologies", (NOBODY,), {}),
        ("jobs.get_info", (NOBODY,), {}),
        ("jobs.get_info_by_alias", (Ref("pid"), "no_such_alias"), {}),
        ("jobs.get_instance", (NOBODY,), {}),
        ("pipelines.get_info", (NOBODY,), {}),
        ("pipelines.get_info_by_name", (Ref("pid"), "no such pipeline"), {}),
        ("pipelines.get_instance", (NOBODY,), {}),
        ("pipelines.list_for_project", (NOBODY,), {}),
        ("pipelines.list_for_project_minimal", (NOBODY,), {}),
        ("apps.get_info", (NOBODY,), {}),
        ("apps.list_for_project", (NOBODY,), {}),
        ("apps.list_for_project_minimal", (NOBODY,), {}),
        ("storages.get", (NOBODY,), {}),
        ("storages.list_for_project", (NOBODY,), {}),
        ("docker_credentials.get_info", (Ref("pid"), NOBODY), {}),
        ("docker_credentials.list_for_project", (NOBODY,), {}),
        ("repositories.get_info", (NOBODY,), {}),
        ("env_vars.list", ("PROJECT",), {"project_id": NOBODY}),
        ("env_vars.list_for_project", (NOBODY,), {}),
        ("env_vars.list_for_pipeline", (NOBODY,), {}),
        ("SaagieApi.get_runtimes", (NOBODY,), {}),
    ]
]

FINAL_STEPS = [
    Step("projects.export", Ref("pid"), Work("projects")),
    Step("projects.delete", Ref("pid")),
    Step("projects.import_from_json", Work("projects", Ref("pid"))),
]

STEPS = [
    *PLATFORM_STEPS,
    *PROJECT_STEPS,
    *JOB_STEPS,
    *PIPELINE_STEPS,
    *ENV_VAR_STEPS,
    *DOCKER_STEPS,
    *STORAGE_STEPS,
    *APP_STEPS,
    *REPOSITORY_STEPS,
    *ACCESS_STEPS,
    *ERROR_STEPS,
    *MISSING_STEPS,
    *FINAL_STEPS,
]
