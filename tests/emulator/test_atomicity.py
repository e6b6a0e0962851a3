"""A refused call changes nothing: neither the platform's state nor its state file.

Generated from the rule table: every mutation (GraphQL or REST) that one of the declared rules can refuse
must have a scenario here that gets it refused, preferably by a check that comes late (after other parts of
the input were accepted). The test sends it over HTTP to a platform with a state file and compares the state
and the file, byte for byte, before and after.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from saagie_emulator import RunningPlatform, running
from saagie_emulator.backend import Backend, Caller
from saagie_emulator.rules import RULES
from saagie_emulator.schema import projects_schema
from saagie_emulator.seed import stable_id

ADMIN = Caller("admin")
PYTHON = stable_id("technology:Python")
BASH = stable_id("technology:Bash")
DOCKER = stable_id("technology:Docker image")
JUPYTER = stable_id("technology:Jupyter Notebook")
READER = ("reader", "reader-password")
UNKNOWN = "00000000-0000-4000-8000-000000000000"
MUTATIONS = set(projects_schema().mutation_type.fields)  # type: ignore[union-attr]


def _refusable() -> list[str]:
    operations = {op for rule in RULES.values() if rule.raises for op in rule.operations}
    graphql = {op for op in operations if op in MUTATIONS or op in GATEWAY_MUTATIONS}
    rest = {op for op in operations if op.startswith("REST ") and not op.startswith("REST GET ")}
    return sorted(graphql | rest)


GATEWAY_MUTATIONS = {
    "addRepository",
    "editRepository",
    "removeRepository",
    "synchronizeRepository",
    "revertLastSynchronization",
}


@dataclass
class World:
    """Ids of a small platform where every mutation has something to refuse."""

    ids: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def build_world(backend: Backend) -> World:
    ids: dict[str, str] = {}
    categories = [
        {"job_category": "Extraction", "technologies": [{"id": PYTHON}, {"id": BASH}]},
        {"job_category": "Processing", "technologies": [{"id": PYTHON}, {"id": BASH}]},
    ]
    apps = [{"id": DOCKER}, {"id": JUPYTER}]
    for key, name in (("P", "source"), ("T", "target")):
        values = {"name": name, "technologies_by_category": categories, "app_technologies": apps}
        ids[key] = backend.projects.create(ADMIN, values).id
    backend.clock.advance(minutes=1)  # both READY

    def job(key: str, project: str, name: str, **extra: Any) -> None:
        values = {"project_id": ids[project], "name": name, "category": "Processing", "technology": {"id": PYTHON}}
        ids[key] = backend.jobs.create(ADMIN, {**values, **extra}, {"runtime_version": "3.11"}, None).id

    job("J1", "P", "first")
    job("J2", "P", "second")
    job("J3", "P", "scheduled", is_scheduled=True, cron_scheduling="0 0 * * *")
    job("J4", "P", "free")
    job("J5", "P", "held")
    job("TJ", "T", "free")  # same name as J4, in the target
    job("TJ2", "T", "second")  # same name as J2, in the target
    backend.controls.force_job_outcome("held", "RUNNING")
    ids["I5"] = backend.job_instances.run(ADMIN, ids["J5"]).id
    graph = {
        "job_nodes": [
            {"id": "10000000-0000-4000-8000-000000000001", "job": {"id": ids["J1"]}, "next_nodes": []},
            {"id": "10000000-0000-4000-8000-000000000002", "job": {"id": ids["J2"]}, "next_nodes": []},
        ]
    }
    pipeline = {"project_id": ids["P"], "name": "flow", "alias": "flow", "graph": graph, "is_scheduled": False}
    ids["PL"] = backend.pipelines.create(ADMIN, pipeline).id
    other = {"project_id": ids["P"], "name": "other", "alias": "other_alias", "jobs_id": [], "is_scheduled": False}
    ids["PL2"] = backend.pipelines.create(ADMIN, other, operation="createPipeline").id
    ids["V1"] = backend.volumes.create(ADMIN, {"project_id": ids["P"], "name": "v1", "size": "1 GB"}).id
    ids["V2"] = backend.volumes.create(ADMIN, {"project_id": ids["P"], "name": "v2", "size": "1 GB"}).id
    ids["V3"] = backend.volumes.create(ADMIN, {"project_id": ids["T"], "name": "v2", "size": "1 GB"}).id
    app = {
        "project_id": ids["P"],
        "name": "web",
        "technology_id": DOCKER,
        "version": {"docker_info": {"image": "nginx"}, "volumes_with_path": [{"path": "/a", "volume_id": ids["V1"]}]},
    }
    ids["A"] = backend.apps.create(ADMIN, app).id
    ids["A2"] = backend.apps.create(ADMIN, {**app, "name": "web2", "version": {"docker_info": {"image": "x"}}}).id
    variable = {"name": "A", "scope": "PROJECT", "value": "1", "is_password": False}
    ids["E"] = backend.env_vars.save(ADMIN, ids["P"], variable).id
    backend.env_vars.save(ADMIN, ids["P"], {**variable, "name": "B"})
    ids["D"] = backend.docker_credentials.create(ADMIN, {"project_id": ids["P"], "username": "u", "password": "p"}).id
    ids["D2"] = backend.docker_credentials.create(ADMIN, {"project_id": ids["P"], "username": "u2", "password": "p"}).id
    ids["R"] = backend.catalog.add(ADMIN, {"name": "mine", "url": "https://example.com/t.zip"}, None).id
    ids["SAAGIE"] = next(r.id for r in backend.catalog.repositories() if r.name == "Saagie")
    backend.security.create_user(ADMIN, {"login": READER[0], "password": READER[1], "roles": ["ROLE_READER"]})
    backend.security.create_group(ADMIN, {"name": "team", "users": []})
    return World(ids)


#: A request: ("gql" | "gateway", query, variables) or ("rest", method, path, body); and who sends it.
Request = tuple[Any, ...]
Scenario = Callable[[World], tuple[str, Request]]


def gql(query: str, **variables: Any) -> Request:
    return ("gql", query, variables)


def gateway(query: str, **variables: Any) -> Request:
    return ("gateway", query, variables)


def rest(method: str, path: str, body: Any = None) -> Request:
    return ("rest", method, path, body)


def _graph_with_cycle(w: World) -> dict[str, Any]:
    a, b = "20000000-0000-4000-8000-000000000001", "20000000-0000-4000-8000-000000000002"
    return {
        "jobNodes": [
            {"id": a, "job": {"id": w["J1"]}, "nextNodes": [b]},
            {"id": b, "job": {"id": w["J2"]}, "nextNodes": [a]},
        ]
    }


_JOB_INPUT = (
    '{projectId: $p, name: $n, category: "Processing", technology: {id: $t}, isScheduled: false, isStreaming: false}'
)
_VOLUMES = '[{path: "/ok", volumeId: $ok}, {path: "/other", volumeId: $other}]'

SCENARIOS: dict[str, Scenario] = {
    # projects
    "createProject": lambda w: (
        "admin",
        gql(
            'mutation($t: [TechnologyInput!]) { createProject(project: {name: "new", technologiesByCategory: '
            '[{jobCategory: "Processing", technologies: $t}], appTechnologies: [{id: "' + UNKNOWN + '"}]}) { id } }',
            t=[{"id": PYTHON}],
        ),
    ),
    "editProject": lambda w: (
        "admin",
        gql(
            'mutation($p: UUID!) { editProject(project: {id: $p, name: "renamed", description: "d", '
            'appTechnologies: [{id: "' + UNKNOWN + '"}]}) { id } }',
            p=w["P"],
        ),
    ),
    "deleteProject": lambda w: ("reader", gql("mutation($p: UUID!) { deleteProject(projectId: $p) }", p=w["P"])),
    "archiveProject": lambda w: ("reader", gql("mutation($p: UUID!) { archiveProject(projectId: $p) }", p=w["P"])),
    # jobs
    "createJob": lambda w: (
        "admin",
        gql(
            "mutation($p: UUID!, $n: String!, $t: UUID!) { createJob(job: " + _JOB_INPUT + ", "
            'jobVersion: {runtimeVersion: "9.99"}) { id } }',
            p=w["P"],
            n="brand new",
            t=PYTHON,
        ),
    ),
    "editJob": lambda w: (
        "admin",
        gql(
            'mutation($j: UUID!) { editJob(job: {id: $j, name: "renamed", description: "d", alias: "bad alias!"}) '
            "{ id } }",
            j=w["J1"],
        ),
    ),
    "addJobVersion": lambda w: (
        "admin",
        gql(
            'mutation($j: UUID!) { addJobVersion(jobId: $j, jobVersion: {commandLine: "x", '
            "resources: {cpu: 1, memory: -5, disk: 1}}) { number } }",
            j=w["J1"],
        ),
    ),
    "deleteJob": lambda w: ("admin", gql("mutation($j: UUID!) { deleteJob(jobId: $j) }", j=w["J1"])),
    "archiveJob": lambda w: ("admin", gql("mutation($j: UUID!) { archiveJob(jobId: $j) }", j=w["J5"])),
    "deleteJobVersions": lambda w: (
        "reader",
        gql("mutation($j: UUID!) { deleteJobVersions(jobId: $j, jobVersionNumbers: [1]) { success } }", j=w["J1"]),
    ),
    "rollbackJobVersion": lambda w: (
        "admin",
        gql("mutation($j: UUID!) { rollbackJobVersion(jobId: $j, versionNumber: 99) { id } }", j=w["J1"]),
    ),
    "setMajorJobVersion": lambda w: (
        "admin",
        gql(
            "mutation($j: UUID!) { setMajorJobVersion(jobId: $j, versionNumber: 99, isMajor: true) { number } }",
            j=w["J1"],
        ),
    ),
    "duplicateJob": lambda w: (
        "reader",
        gql("mutation($j: UUID!) { duplicateJob(originalJobId: $j) { id } }", j=w["J1"]),
    ),
    "moveJob": lambda w: (
        "admin",
        gql(
            "mutation($j: UUID!, $t: UUID!) { moveJob(jobId: $j, targetPlatformId: 1, targetProjectId: $t) }",
            j=w["J4"],
            t=w["T"],
        ),
    ),
    "moveJobs": lambda w: (
        "admin",
        gql(
            "mutation($j: [UUID!]!, $t: UUID!) { moveJobs(jobIds: $j, projectId: $t) }", j=[w["J4"], w["J3"]], t=w["T"]
        ),
    ),
    "runJob": lambda w: ("reader", gql("mutation($j: UUID!) { runJob(jobId: $j) { id } }", j=w["J1"])),
    "stopJobInstance": lambda w: (
        "reader",
        gql("mutation($i: UUID!) { stopJobInstance(jobInstanceId: $i) { id } }", i=w["I5"]),
    ),
    "deleteJobInstances": lambda w: (
        "admin",
        gql("mutation($j: UUID!) { deleteJobInstances(jobId: $j, jobInstanceIds: []) { id } }", j=UNKNOWN),
    ),
    "deleteJobInstancesBySelector": lambda w: (
        "reader",
        gql("mutation($j: UUID!) { deleteJobInstancesBySelector(jobId: $j, selector: ALL) }", j=w["J5"]),
    ),
    "deleteJobInstancesByDate": lambda w: (
        "reader",
        gql('mutation($j: UUID!) { deleteJobInstancesByDate(jobId: $j, beforeAt: "2100-01-01T00:00:00Z") }', j=w["J5"]),
    ),
    # pipelines
    "createGraphPipeline": lambda w: (
        "admin",
        gql(
            'mutation($p: UUID!, $g: PipelineGraphInput!) { createGraphPipeline(pipeline: {name: "cyclic", '
            'alias: "cyclic", projectId: $p, graph: $g, isScheduled: false}) { id } }',
            p=w["P"],
            g=_graph_with_cycle(w),
        ),
    ),
    "createPipeline": lambda w: (
        "admin",
        gql(
            'mutation($p: UUID!, $j: [UUID!]!) { createPipeline(pipeline: {name: "linear", alias: "linear", '
            "projectId: $p, jobsId: $j, isScheduled: false}) { id } }",
            p=w["P"],
            j=[w["J1"], w["TJ"]],
        ),
    ),
    "editPipeline": lambda w: (
        "admin",
        gql(
            'mutation($id: UUID!) { editPipeline(pipeline: {id: $id, name: "renamed", alias: "other_alias"}) { id } }',
            id=w["PL"],
        ),
    ),
    "runPipeline": lambda w: (
        "reader",
        gql("mutation($id: UUID!) { runPipeline(pipelineId: $id) { id } }", id=w["PL"]),
    ),
    "stopPipelineInstance": lambda w: (
        "admin",
        gql("mutation($id: UUID!) { stopPipelineInstance(pipelineInstanceId: $id) { id } }", id=UNKNOWN),
    ),
    "deletePipeline": lambda w: ("reader", gql("mutation($id: UUID!) { deletePipeline(id: $id) }", id=w["PL"])),
    "duplicatePipeline": lambda w: (
        "reader",
        gql(
            "mutation($id: UUID!) { duplicatePipeline(originalPipelineId: $id, duplicateJobs: true) { id } }",
            id=w["PL"],
        ),
    ),
    "addPipelineVersion": lambda w: (
        "admin",
        gql(
            'mutation($id: UUID!, $j: [UUID!]!) { addPipelineVersion(pipelineId: $id, jobsId: $j, sourceUrl: "ftp://x") '
            "{ number } }",
            id=w["PL"],
            j=[w["J1"]],
        ),
    ),
    "addGraphPipelineVersion": lambda w: (
        "admin",
        gql(
            "mutation($id: UUID!, $g: PipelineGraphInput!) { addGraphPipelineVersion(pipelineId: $id, graph: $g) "
            "{ number } }",
            id=w["PL"],
            g=_graph_with_cycle(w),
        ),
    ),
    "rollbackPipelineVersion": lambda w: (
        "admin",
        gql("mutation($id: UUID!) { rollbackPipelineVersion(pipelineId: $id, versionNumber: 99) { id } }", id=w["PL"]),
    ),
    "setMajorPipelineVersion": lambda w: (
        "admin",
        gql(
            "mutation($id: UUID!) { setMajorPipelineVersion(pipelineId: $id, versionNumber: 9, isMajor: true) { number } }",
            id=w["PL"],
        ),
    ),
    "deletePipelineInstances": lambda w: (
        "reader",
        gql(
            "mutation($id: UUID!) { deletePipelineInstances(pipelineId: $id, pipelineInstanceIds: []) { id } }",
            id=w["PL"],
        ),
    ),
    "deletePipelineVersions": lambda w: (
        "reader",
        gql(
            "mutation($id: UUID!) { deletePipelineVersions(pipelineId: $id, pipelineVersionNumbers: [1]) { success } }",
            id=w["PL"],
        ),
    ),
    "deletePipelineInstancesByStatusSelector": lambda w: (
        "admin",
        gql(
            "mutation($id: UUID!) { deletePipelineInstancesByStatusSelector(pipelineId: $id, selector: ALL) }",
            id=UNKNOWN,
        ),
    ),
    "deletePipelineInstancesByDateSelector": lambda w: (
        "reader",
        gql(
            'mutation($id: UUID!) { deletePipelineInstancesByDateSelector(pipelineId: $id, beforeAt: "2100-01-01T00:00:00Z") }',
            id=w["PL"],
        ),
    ),
    "movePipeline": lambda w: (
        "admin",
        gql(
            "mutation($id: UUID!, $t: UUID!) { movePipeline(pipelineId: $id, targetPlatformId: 1, targetProjectId: $t) }",
            id=w["PL"],
            t=w["T"],
        ),
    ),
    # apps and volumes
    "createApp": lambda w: (
        "admin",
        gql(
            'mutation($p: UUID!, $t: UUID!, $ok: UUID!, $other: UUID!) { createApp(app: {projectId: $p, name: "new", '
            'technologyId: $t, version: {dockerInfo: {image: "nginx"}, ports: [], volumesWithPath: '
            + _VOLUMES
            + "}}) { id } }",
            p=w["P"],
            t=DOCKER,
            ok=w["V2"],
            other=w["V3"],
        ),
    ),
    "installApp": lambda w: (
        "admin",
        gql(
            'mutation($p: UUID!, $t: UUID!) { installApp(projectId: $p, technologyId: $t, contextId: "nope") { id } }',
            p=w["P"],
            t=JUPYTER,
        ),
    ),
    "addAppVersion": lambda w: (
        "admin",
        gql(
            "mutation($a: UUID!, $ok: UUID!, $other: UUID!) { addAppVersion(appId: $a, version: {dockerInfo: "
            '{image: "nginx:2"}, ports: [], volumesWithPath: ' + _VOLUMES + "}) { number } }",
            a=w["A"],
            ok=w["V2"],
            other=w["V3"],
        ),
    ),
    "editApp": lambda w: (
        "admin",
        gql('mutation($a: UUID!) { editApp(appEdition: {id: $a, name: "web2", description: "d"}) { id } }', a=w["A"]),
    ),
    "rollbackAppVersion": lambda w: (
        "admin",
        gql(
            "mutation($a: UUID!, $ok: UUID!, $other: UUID!) { rollbackAppVersion(appId: $a, versionNumber: 1, "
            "volumesWithPath: " + _VOLUMES + ") { id } }",
            a=w["A"],
            ok=w["V2"],
            other=w["V3"],
        ),
    ),
    "setMajorAppVersion": lambda w: (
        "admin",
        gql(
            "mutation($a: UUID!) { setMajorAppVersion(appId: $a, versionNumber: 99, isMajor: true) { number } }",
            a=w["A"],
        ),
    ),
    "runApp": lambda w: ("reader", gql("mutation($a: UUID!) { runApp(id: $a) { id } }", a=w["A"])),
    "restartApp": lambda w: ("reader", gql("mutation($a: UUID!) { restartApp(id: $a) { id } }", a=w["A"])),
    "stopApp": lambda w: ("reader", gql("mutation($a: UUID!) { stopApp(id: $a) { id } }", a=w["A"])),
    "deleteApp": lambda w: ("reader", gql("mutation($a: UUID!) { deleteApp(appId: $a) { id } }", a=w["A"])),
    "createVolume": lambda w: (
        "admin",
        gql(
            'mutation($p: UUID!) { createVolume(volume: {projectId: $p, name: "fresh", size: "0 MB"}) { id } }',
            p=w["P"],
        ),
    ),
    "editVolume": lambda w: (
        "admin",
        gql(
            'mutation($v: UUID!) { editVolume(volumeEdition: {id: $v, name: "v2", description: "d"}) { id } }',
            v=w["V1"],
        ),
    ),
    "deleteVolume": lambda w: ("reader", gql("mutation($v: UUID!) { deleteVolume(id: $v) { id } }", v=w["V1"])),
    "unlinkVolume": lambda w: ("reader", gql("mutation($v: UUID!) { unlinkVolume(id: $v) { id } }", v=w["V1"])),
    "duplicateVolume": lambda w: (
        "reader",
        gql("mutation($v: UUID!) { duplicateVolume(originalVolumeId: $v) { id } }", v=w["V1"]),
    ),
    "moveVolume": lambda w: (
        "admin",
        gql(
            "mutation($v: UUID!, $t: UUID!) { moveVolume(volumeId: $v, targetPlatformId: 1, targetProjectId: $t) }",
            v=w["V2"],
            t=w["T"],
        ),
    ),
    # variables and credentials
    "saveEnvironmentVariable": lambda w: (
        "admin",
        gql(
            'mutation($p: UUID) { saveEnvironmentVariable(entityId: $p, environmentVariable: {name: "A", '
            'scope: PROJECT, value: "2", isPassword: false}) { id } }',
            p=w["P"],
        ),
    ),
    "replaceEnvironmentVariablesByRawForScope": lambda w: (
        "admin",
        gql(
            "mutation($p: UUID) { replaceEnvironmentVariablesByRawForScope(entityId: $p, scope: PROJECT, "
            'rawEnvironmentVariables: "A=5\\nC=3\\n1BAD=x") { id } }',
            p=w["P"],
        ),
    ),
    "deleteEnvironmentVariable": lambda w: (
        "reader",
        gql("mutation($e: UUID!) { deleteEnvironmentVariable(id: $e) }", e=w["E"]),
    ),
    "createDockerCredentials": lambda w: (
        "admin",
        gql(
            'mutation($p: UUID!) { createDockerCredentials(dockerCredentials: {projectId: $p, username: "u", '
            'password: "new"}) { id } }',
            p=w["P"],
        ),
    ),
    "updateDockerCredentials": lambda w: (
        "admin",
        gql(
            "mutation($p: UUID!, $d: UUID!) { updateDockerCredentials(dockerCredentialsUpdate: {id: $d, projectId: $p, "
            'username: "u2", password: "new"}) { id } }',
            p=w["P"],
            d=w["D"],
        ),
    ),
    "deleteDockerCredentials": lambda w: (
        "admin",
        gql("mutation($t: UUID!, $d: UUID!) { deleteDockerCredentials(id: $d, projectId: $t) }", t=w["T"], d=w["D"]),
    ),
    # gateway
    "addRepository": lambda w: (
        "admin",
        gateway(
            'mutation { addRepository(repositoryInput: {name: "mine", url: "https://example.com/b.zip"}) { count } }'
        ),
    ),
    "editRepository": lambda w: (
        "admin",
        gateway(
            'mutation($r: UUID!) { editRepository(repositoryInput: {id: $r, name: "Saagie", url: '
            '"https://example.com/c.zip", triggerSynchronization: true}) { count } }',
            r=w["R"],
        ),
    ),
    "removeRepository": lambda w: (
        "reader",
        gateway("mutation($r: UUID!) { removeRepository(id: $r) { id } }", r=w["R"]),
    ),
    "synchronizeRepository": lambda w: (
        "reader",
        gateway("mutation($r: UUID!) { synchronizeRepository(id: $r) { count } }", r=w["SAAGIE"]),
    ),
    "revertLastSynchronization": lambda w: (
        "admin",
        gateway(
            "mutation($r: UUID!, $s: UUID!) { revertLastSynchronization(repositoryId: $r, synchronizationReportId: $s) "
            "{ count } }",
            r=w["R"],
            s=UNKNOWN,
        ),
    ),
    # REST
    "REST POST /auth/api/users": lambda w: (
        "admin",
        rest("POST", "/auth/api/users", {"login": "reader", "password": "x", "groups": ["team"]}),
    ),
    "REST DELETE /auth/api/users/{login}": lambda w: ("admin", rest("DELETE", "/auth/api/users/admin")),
    "REST POST /auth/api/groups": lambda w: (
        "admin",
        rest("POST", "/auth/api/groups", {"name": "new-group", "users": ["reader", "nobody"]}),
    ),
    "REST DELETE /auth/api/groups/{name}": lambda w: ("reader", rest("DELETE", "/auth/api/groups/team")),
    "REST PUT /security/api/groups/{name}": lambda w: (
        "admin",
        rest("PUT", "/security/api/groups/nope", {"role": "ROLE_ADMIN"}),
    ),
    "REST PUT /profiles/api/{login}": lambda w: ("reader", rest("PUT", "/profiles/api/admin", {"job": "hacker"})),
    "REST PUT /authentication/api/open/password/change": lambda w: (
        "admin",
        rest(
            "PUT",
            "/authentication/api/open/password/change",
            {"login": "reader", "oldPassword": "wrong", "newPassword": "n"},
        ),
    ),
}


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    state = tmp_path_factory.mktemp("atomicity") / "state.json"
    with running(state_path=state, speed=1.0) as served:
        yield served


def _token(platform: RunningPlatform, login: str, password: str) -> str:
    response = httpx.post(
        platform.url + "authentication/api/open/authenticate",
        json={"login": login, "password": password},
        headers={"Saagie-Realm": platform.realm},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.text


def _send(platform: RunningPlatform, token: str, request: Request) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}"}
    if request[0] == "rest":
        _, method, path, body = request
        return httpx.request(method, platform.url.rstrip("/") + path, json=body, headers=headers, timeout=10)
    kind, query, variables = request
    path = "gateway/api/graphql" if kind == "gateway" else f"projects/api/platform/{platform.platform_id}/graphql"
    return httpx.post(platform.url + path, json={"query": query, "variables": variables}, headers=headers, timeout=10)


def test_every_refusable_mutation_has_a_scenario() -> None:
    assert sorted(set(_refusable()) - set(SCENARIOS)) == []


@pytest.mark.parametrize("operation", _refusable())
def test_a_refused_mutation_changes_nothing(platform: RunningPlatform, operation: str) -> None:
    platform.reset()
    emulator = platform.emulator
    world = build_world(emulator.backend)
    emulator.store.save()
    who, request = SCENARIOS[operation](world)
    token = _token(platform, *(READER if who == "reader" else (platform.user, platform.password)))
    state_path = emulator.options.state_path
    assert state_path is not None
    before_file = Path(state_path).read_bytes()
    before = copy.deepcopy(emulator.store.data)

    response = _send(platform, token, request)

    if request[0] == "rest":
        assert response.status_code >= 400, response.text
    else:
        assert response.status_code == 200, response.text
        body = response.json()
        assert body.get("errors"), body
        assert body["errors"][0]["path"][0] == operation
    assert emulator.store.data == before
    assert Path(state_path).read_bytes() == before_file
