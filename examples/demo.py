"""The README's first command (`make demo`): drive a local Saagie emulator with the SDK.

Starts an emulated platform on 127.0.0.1, connects with ``SaagieApi.easy_connect`` and shows what the SDK
does: platform info, the technology catalog, and (as the SDK grows) projects, jobs, pipelines and apps.
"""

from __future__ import annotations

import io

import saagie_emulator
from saagieapi import SaagieApi
from saagieapi.graph_pipeline import ConditionExpressionNode, GraphPipeline, JobNode
from saagieapi.models import App


def show_platform(api: SaagieApi) -> None:
    info = api.get_platform_info()
    print(f"Platform {info.id} ({info.name}): {info.counts.projects} projects, {info.counts.jobs} jobs")
    for node in api.get_cluster_capacity():
        print(f"  cluster node: {node.cpu} CPU, {node.gpu} GPU, {node.memory} GB")


def show_catalog(api: SaagieApi) -> None:
    for repository in api.get_repositories_info():
        print(f"Catalog {repository.name!r}:")
        for technology in repository.technologies:
            contexts = getattr(technology, "contexts", None) or getattr(technology, "app_contexts", [])
            labels = ", ".join(context.label for context in contexts)
            print(f"  {technology.typename__:<16} {technology.label:<24} {labels}")


def deploy_job(api: SaagieApi, project_id: str) -> str:
    """Job with an artifact → run and wait → upgrade → rollback."""
    artifact = io.BytesIO(b"import os\nprint('hello from', os.environ.get('GREETING'))\n")
    artifact.name = "hello.py"
    job = api.jobs.create("hello", project_id, file=artifact, command_line="python {file}")
    print(f"Created job {job.name!r} ({job.id}); running it...")
    instance = api.jobs.run_with_callback(job.id, callback=lambda polled: print(f"  {polled.status.value}"))
    print(f"Run {instance.number} of {job.name!r} ended with {instance.status.value}")
    upgrade = io.BytesIO(b"print('hello, version 2')\n")
    upgrade.name = "hello_v2.py"
    version = api.jobs.upgrade(job.id, file=upgrade, release_note="second version")
    print(f"Upgraded {job.name!r} to version {version.number}")
    rolled_back = api.jobs.rollback(job.id, 1)
    current = next(v.number for v in rolled_back.versions or [] if v.is_current)
    print(f"Rolled {job.name!r} back: current version is {current}")
    return job.id


def run_pipeline(api: SaagieApi, project_id: str, first_job_id: str) -> None:
    """A pipeline of two jobs and a condition on a project variable, run and waited for."""
    second = api.jobs.create("report", project_id, file=_artifact("report.py"), command_line="python {file}")
    fallback = api.jobs.create("alert", project_id, file=_artifact("alert.py"), command_line="python {file}")
    first_node = JobNode(first_job_id)
    condition = ConditionExpressionNode(expression='vars.GREETING == "bonjour"')
    condition.add_success_node(JobNode(second.id))
    condition.add_failure_node(JobNode(fallback.id))
    first_node.add_next_node(condition)
    graph = GraphPipeline()
    graph.add_root_node(first_node)
    pipeline = api.pipelines.create_graph("nightly", project_id, graph, alias="nightly")
    print(f"Created pipeline {pipeline.name!r}: hello -> if GREETING == 'bonjour' -> report, else alert")
    instance = api.pipelines.run_with_callback(pipeline.id)
    print(f"Pipeline run ended with {instance.status.value}")
    names = {first_job_id: "hello", second.id: "report", fallback.id: "alert"}
    for job_instance in instance.jobs_instance:
        status = job_instance.history.current_status.status.value if job_instance.history else "?"
        print(f"  job {names.get(job_instance.job_id, job_instance.job_id)}: {status}")


def start_app(api: SaagieApi, project_id: str) -> None:
    """An app from the catalog, started then stopped."""
    app = api.apps.create_from_catalog(project_id, "JupyterLab 3.8 / 3.9", technology_name="Jupyter Notebook")
    print(f"Installed app {app.name!r} from the catalog (it starts by itself); stopping it...")
    stopped = api.apps.stop(app.id, wait=True, timeout=60)
    print(f"  app is {_app_status(stopped)}; starting it again...")
    started = api.apps.run(app.id, wait=True, timeout=60)
    print(f"  app is {_app_status(started)}; stopping it...")
    print(f"  app is {_app_status(api.apps.stop(app.id, wait=True, timeout=60))}")


def _app_status(app: App) -> str:
    return app.history.current_status.value if app.history and app.history.current_status else "unknown"


def _artifact(name: str) -> io.BytesIO:
    content = io.BytesIO(f"print('{name}')\n".encode())
    content.name = name
    return content


def main() -> None:
    with saagie_emulator.running(speed=50) as platform:
        print(f"Local Saagie emulator at {platform.platform_url} (realm {platform.realm}, user {platform.user})")
        with SaagieApi.easy_connect(
            platform.platform_url, platform.user, platform.password, realm=platform.realm
        ) as api:
            show_platform(api)
            show_catalog(api)
            project = api.projects.create("demo", description="Created by make demo")
            print(f"Created project {project.name!r} ({project.id})")
            api.env_vars.create("PROJECT", "GREETING", "bonjour", project_id=project.id)
            print("Created the project variable GREETING=bonjour (read by the job and the pipeline condition)")
            job_id = deploy_job(api, project.id)
            run_pipeline(api, project.id, job_id)
            start_app(api, project.id)
    print("Demo finished: the emulator is stopped.")


if __name__ == "__main__":
    main()
