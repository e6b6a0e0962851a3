"""Authorization like the platform: platform roles and project rights through groups, a role x operation matrix.

Each case logs in over HTTP as a user holding one role and tries one operation; the expected outcome comes
from the schema's sentences ("at least the editor role in the project ... or in all projects", "the project
creator role", "the global Super-Admin role"...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from saagie_emulator import RunningPlatform, running
from saagie_emulator.backend import Backend, Caller
from saagie_emulator.seed import stable_id

ADMIN = Caller("admin")
PYTHON = stable_id("technology:Python")
PASSWORD = "pw-of-a-test-user"
ROLES = ("admin", "creator", "manager", "editor", "viewer", "all_viewer", "outsider")


def _setup(backend: Backend) -> dict[str, str]:
    security = backend.security
    for login in ROLES[1:]:
        security.create_user(ADMIN, {"login": login, "password": PASSWORD, "roles": ["ROLE_READER"]})
    for name, users in (("creators", ["creator"]), ("managers", ["manager"]), ("editors", ["editor"])):
        security.create_group(ADMIN, {"name": name, "users": users})
    security.create_group(ADMIN, {"name": "viewers", "users": ["viewer"]})
    security.create_group(ADMIN, {"name": "everything-viewers", "users": ["all_viewer"]})

    def permission(artifact: str, role: str) -> dict[str, Any]:
        return {"platformId": 1, "permissions": [{"artifact": {"type": artifact}, "role": role}]}

    security.set_permissions(
        ADMIN, "creators", {"authorizations": [permission("PROJECTS_CREATOR", "ROLE_PROJECT_CREATOR")]}
    )
    security.set_permissions(
        ADMIN, "everything-viewers", {"authorizations": [permission("PROJECTS", "ROLE_PROJECT_VIEWER")]}
    )
    groups = [
        {"name": "managers", "role": "ROLE_PROJECT_MANAGER"},
        {"name": "editors", "role": "ROLE_PROJECT_EDITOR"},
        {"name": "viewers", "role": "ROLE_PROJECT_VIEWER"},
    ]
    categories = [{"job_category": "Processing", "technologies": [{"id": PYTHON}]}]
    values = {"name": "shared", "technologies_by_category": categories, "authorized_groups": groups}
    project = backend.projects.create(ADMIN, values).id
    job = backend.jobs.create(
        ADMIN,
        {"project_id": project, "name": "j", "category": "Processing", "technology": {"id": PYTHON}},
        {"runtime_version": "3.11"},
        None,
    ).id
    pipeline = backend.pipelines.create(
        ADMIN, {"project_id": project, "name": "p", "alias": "p", "jobs_id": [job]}, operation="createPipeline"
    ).id
    return {"project": project, "job": job, "pipeline": pipeline}


def _allowed_gql(field: str, nullable: bool = False) -> Callable[[dict[str, Any]], bool]:
    def judge(body: dict[str, Any]) -> bool:
        if body.get("errors"):
            assert "Access Denied" in body["errors"][0]["message"], body
            return False
        return not nullable or body["data"][field] is not None

    return judge


#: operation -> (request builder, judge, the roles that may do it)
CASES: dict[str, tuple[Callable[[dict[str, str], str], tuple[str, str, Any]], Callable[[Any], bool], set[str]]] = {
    "project (viewer)": (
        lambda ids, who: ("gql", "query($p: UUID!) { project(id: $p) { id } }", {"p": ids["project"]}),
        _allowed_gql("project", nullable=True),
        {"admin", "manager", "editor", "viewer", "all_viewer"},
    ),
    "projects lists it": (
        lambda ids, who: ("gql", "{ projects { id } }", {}),
        lambda body: bool(body["data"]["projects"]),
        {"admin", "manager", "editor", "viewer", "all_viewer"},
    ),
    "rights (manager)": (
        lambda ids, who: ("gql", "query($p: UUID!) { rights(projectId: $p) { name } }", {"p": ids["project"]}),
        _allowed_gql("rights", nullable=True),
        {"admin", "manager"},
    ),
    "createJob (editor)": (
        lambda ids, who: (
            "gql",
            "mutation($p: UUID!, $n: String!, $t: UUID!) { createJob(job: {projectId: $p, name: $n, "
            'category: "Processing", technology: {id: $t}, isScheduled: false, isStreaming: false}, '
            'jobVersion: {runtimeVersion: "3.11"}) { id } }',
            {"p": ids["project"], "n": f"job of {who}", "t": PYTHON},
        ),
        _allowed_gql("createJob"),
        {"admin", "manager", "editor"},
    ),
    "runJob (editor)": (
        lambda ids, who: ("gql", "mutation($j: UUID!) { runJob(jobId: $j) { id } }", {"j": ids["job"]}),
        _allowed_gql("runJob"),
        {"admin", "manager", "editor"},
    ),
    "editProject (manager)": (
        lambda ids, who: (
            "gql",
            'mutation($p: UUID!) { editProject(project: {id: $p, description: "x"}) { id } }',
            {"p": ids["project"]},
        ),
        _allowed_gql("editProject"),
        {"admin", "manager"},
    ),
    "createProject (creator)": (
        lambda ids, who: ("gql", "mutation($n: String!) { createProject(project: {name: $n}) { id } }", {"n": who}),
        _allowed_gql("createProject"),
        {"admin", "creator"},
    ),
    "jobCategories (creator)": (
        lambda ids, who: ("gql", "{ jobCategories }", {}),
        _allowed_gql("jobCategories"),
        {"admin", "creator"},
    ),
    "deletePipeline (Super-Admin)": (
        lambda ids, who: ("gql", "mutation($id: UUID!) { deletePipeline(id: $id) }", {"id": ids["pipeline"]}),
        _allowed_gql("deletePipeline"),
        {"admin"},
    ),
    "global variable (envvar editor)": (
        lambda ids, who: (
            "gql",
            'mutation { saveEnvironmentVariable(environmentVariable: {name: "G", scope: GLOBAL, value: "1", '
            "isPassword: false}) { id } }",
            {},
        ),
        _allowed_gql("saveEnvironmentVariable"),
        {"admin"},
    ),
    "REST create a user (admin)": (
        lambda ids, who: ("rest", "/auth/api/users", {"login": f"new-{who}", "password": "x", "roles": ["ROLE_ADMIN"]}),
        lambda response: response.status_code == 201,
        {"admin"},
    ),
}


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with running(speed=100.0) as served:
        yield served


def _login(platform: RunningPlatform, who: str) -> str:
    password = platform.password if who == "admin" else PASSWORD
    response = httpx.post(
        platform.url + "authentication/api/open/authenticate",
        json={"login": who, "password": password},
        headers={"Saagie-Realm": platform.realm},
        timeout=10,
    )
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("operation", sorted(CASES))
@pytest.mark.parametrize("who", ROLES)
def test_role_by_operation(platform: RunningPlatform, who: str, operation: str) -> None:
    platform.reset()
    ids = _setup(platform.emulator.backend)
    build, judge, allowed = CASES[operation]
    kind, query, variables = build(ids, who)
    headers = {"authorization": f"Bearer {_login(platform, who)}"}
    if kind == "rest":
        response = httpx.post(platform.url.rstrip("/") + query, json=variables, headers=headers, timeout=10)
        if response.status_code != 201:
            assert response.status_code == 403 and "Access Denied" in response.json()["error"]
        assert judge(response) is (who in allowed)
        return
    url = f"{platform.url}projects/api/platform/{platform.platform_id}/graphql"
    body = httpx.post(url, json={"query": query, "variables": variables}, headers=headers, timeout=10).json()
    assert judge(body) is (who in allowed), body


def test_a_reader_sees_no_project_and_cannot_touch_one(platform: RunningPlatform) -> None:
    """What the issue measured: a ROLE_READER listed every project and deleted another user's project."""
    platform.reset()
    ids = _setup(platform.emulator.backend)
    headers = {"authorization": f"Bearer {_login(platform, 'outsider')}"}
    url = f"{platform.url}projects/api/platform/{platform.platform_id}/graphql"
    listed = httpx.post(url, json={"query": "{ projects { id } }"}, headers=headers, timeout=10).json()
    assert listed == {"data": {"projects": []}}
    deleted = httpx.post(
        url,
        json={"query": "mutation($p: UUID!) { deleteProject(projectId: $p) }", "variables": {"p": ids["project"]}},
        headers=headers,
        timeout=10,
    ).json()
    assert "Access Denied" in deleted["errors"][0]["message"]
    assert ids["project"] in platform.emulator.store.data.projects
