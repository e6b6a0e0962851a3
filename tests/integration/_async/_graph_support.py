"""Unique names, projects and jobs for the integration tests.

Projects and jobs are created with raw GraphQL through the SDK's generated client (``execute``), so the
tests that use them depend only on the emulator, not on ``api.projects`` / ``api.jobs``.
"""

from __future__ import annotations

import uuid
from typing import Any

from saagieapi import AsyncSaagieApi

CREATE_PROJECT = """
mutation SupportCreateProject($project: ProjectInput!) { createProject(project: $project) { id name } }
"""
CREATE_JOB = """
mutation SupportCreateJob($job: JobInput!, $jobVersion: JobVersionInput!) {
  createJob(job: $job, jobVersion: $jobVersion) { id name }
}
"""


def unique(prefix: str) -> str:
    """``prefix`` and six random upper-case hex digits: a name no earlier test on a kept platform has used."""
    return f"{prefix}_{uuid.uuid4().hex[:6].upper()}"


async def bash_technology(api: AsyncSaagieApi) -> tuple[str, str]:
    for repository in await api.get_repositories_info():
        for technology in repository.technologies:
            if technology.label == "Bash":
                runtime = await api.get_runtimes(technology.id)
                contexts = getattr(runtime, "contexts", None) or []
                return technology.id, contexts[0].id
    raise AssertionError("the emulator catalog has no Bash technology")


async def create_project(api: AsyncSaagieApi, name: str | None = None) -> str:
    technology_id, _ = await bash_technology(api)
    data: dict[str, Any] = await api.client.execute(
        CREATE_PROJECT,
        "SupportCreateProject",
        {
            "project": {
                "name": name or f"project-{uuid.uuid4().hex[:8]}",
                "technologiesByCategory": [
                    {"jobCategory": "Processing", "technologies": [{"id": technology_id}]},
                    {"jobCategory": "Extraction", "technologies": [{"id": technology_id}]},
                ],
                "authorizedGroups": [],
            }
        },
    )
    return str(data["createProject"]["id"])


async def create_job(api: AsyncSaagieApi, project_id: str, name: str) -> str:
    technology_id, runtime = await bash_technology(api)
    data: dict[str, Any] = await api.client.execute(
        CREATE_JOB,
        "SupportCreateJob",
        {
            "job": {
                "projectId": project_id,
                "name": name,
                "category": "Processing",
                "technology": {"id": technology_id},
                "isScheduled": False,
                "isStreaming": False,
            },
            "jobVersion": {"runtimeVersion": runtime, "commandLine": "echo hello"},
        },
    )
    return str(data["createJob"]["id"])
