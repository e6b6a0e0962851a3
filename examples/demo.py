"""The README's first command (`make demo`): drive a local Saagie emulator with the SDK.

Starts an emulated platform on 127.0.0.1, connects with ``SaagieApi.easy_connect`` and shows what the SDK
does: platform info, the technology catalog, and (as the SDK grows) projects, jobs, pipelines and apps.
"""

from __future__ import annotations

import io

import saagie_emulator
from saagieapi import SaagieApi


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
            artifact = io.BytesIO(b"print('hello from Saagie')\n")
            artifact.name = "hello.py"
            job = api.jobs.create("hello", project.id, file=artifact, command_line="python {file}")
            print(f"Created job {job.name!r} ({job.id}); running it...")
            instance = api.jobs.run_with_callback(job.id, callback=lambda polled: print(f"  {polled.status.value}"))
            print(f"Run {instance.number} of {job.name!r} ended with {instance.status.value}")
    print("Demo finished: the emulator is stopped.")


if __name__ == "__main__":
    main()
