"""Crash injection: an import interrupted at any mutation, by the platform's or the client's death, then resumed.

A small project (jobs with 1-3 versions and artifacts, a docker job with credentials, two pipelines with
PIPELINE variables, an app with a volume and an APP variable, project variables including a password) is
exported once. Then, against an emulator *process* keeping its state in a file (``--state``):

* the uninterrupted import gives the reference project;
* for kill points k spread over the whole import (inside each phase: credentials and variables, jobs,
  pipelines, apps), the emulator is SIGKILLed right after (or right before) the k-th mutation, restarted on
  the same state, and the same import is run again;
* the client process is SIGKILLed right after its k-th mutation was executed, and the import run again.

Every resumed project must equal the reference (the export round-trip comparison), with nothing duplicated
(no extra version, variable or storage) and nothing missing. One emulator process serves many kill points
(each import targets a project of its own name), so the cost is one restart per emulator kill.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import saagie_emulator
from saagie_emulator.seed import DEFAULT_PASSWORD, DEFAULT_PLATFORM_ID, DEFAULT_REALM, DEFAULT_USER
from saagieapi import SaagieApi
from saagieapi.errors import SaagieError
from saagieapi.graph_pipeline import ConditionStatusNode, GraphPipeline, JobNode

from ..support.platforms import connect
from .lost_answers import operation_of

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

PASSWORDS = {"registry.example.com/robot": "s3cret-robot"}
#: Fields that differ between two imports of the same export (ids, dates, creators, run-time state).
IGNORED = {"id", "dockerCredentialsId", "projectId", "originalJobId", "creationDate", "lastUpdate", "creator"}
IGNORED |= {"downloadUrl", "history", "instances", "countJobInstance", "pipelineInstanceCount", "project"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class EmulatorProcess:
    """``python -m saagie_emulator --state FILE`` on a fixed port: started, SIGKILLed, restarted on its state."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "saagie_emulator",
                "--port",
                str(self.port),
                "--state",
                str(self.state),
                "--speed",
                "1000",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.starts += 1
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/_emulator/stats", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the emulator process did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def client(self, **options: Any) -> SaagieApi:
        return SaagieApi(self.url, DEFAULT_PLATFORM_ID, DEFAULT_USER, DEFAULT_PASSWORD, DEFAULT_REALM, **options)


class KillAtMutation(httpx.BaseTransport):
    """Counts the mutations the client sends; at the k-th, SIGKILLs the emulator (after or before forwarding it)
    and loses the answer (the client sees a dropped connection)."""

    def __init__(self, emulator: EmulatorProcess, k: int, *, after: bool) -> None:
        self.inner = httpx.HTTPTransport()
        self.emulator, self.k, self.after = emulator, k, after
        self.mutations: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        operation = operation_of(request)
        is_mutation = request.method != "GET" and not operation.startswith("POST /auth")
        if is_mutation and "graphql" in request.url.path:
            is_mutation = operation not in QUERIES
        if is_mutation:
            self.mutations.append(operation)
            if len(self.mutations) == self.k:
                if self.after:
                    self.inner.handle_request(request).read()
                self.emulator.kill()
                raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def _query_names() -> set[str]:
    """The operation names of every query the SDK sends (the rest of the GraphQL calls are mutations)."""
    names = set()
    root = Path(__file__).resolve().parents[2] / "queries"
    for path in root.rglob("*.graphql"):
        text = path.read_text()
        for line in text.splitlines():
            if line.startswith("query "):
                names.add(line.split()[1].split("(")[0])
    return names


QUERIES = _query_names()


def build_project(api: SaagieApi, tmp: Path) -> str:
    project_id = api.projects.create("crash-source", description="crash harness").id
    api.projects.get_status_with_callback(project_id, timeout=30)
    credential = api.docker_credentials.create(
        project_id, "robot", PASSWORDS["registry.example.com/robot"], "registry.example.com"
    )
    jobs = []
    for index in range(4):
        artifact = tmp / f"job{index}.py"
        artifact.write_text(f"print({index})\n")
        job = api.jobs.create(f"job{index}", project_id, artifact, technology="Python", release_note="v1")
        for number in range(2, 2 + index % 3):
            artifact.write_text(f"print({index}, {number})\n")
            api.jobs.upgrade(job.id, artifact, release_note=f"v{number}")
        jobs.append(job.id)
    api.jobs.rollback(jobs[2], 1)  # a current version that is not the last one
    docker_job = api.jobs.create(
        "job_docker",
        project_id,
        technology="Generic",
        runtime_version="latest",
        command_line="",
        docker_info={"image": "registry.example.com/tool:1", "dockerCredentialsId": credential.id},
    )
    jobs.append(docker_job.id)
    for name, first, second in (("flow_a", 0, 1), ("flow_b", 2, 3)):
        graph = GraphPipeline()
        head, ok, ko = JobNode(jobs[first]), JobNode(jobs[second]), JobNode(jobs[4])
        condition = ConditionStatusNode()
        condition.put_at_least_one_success()
        condition.add_success_node(ok)
        condition.add_failure_node(ko)
        head.add_next_node(condition)
        graph.add_root_node(head)
        pipeline = api.pipelines.create_graph(name, project_id, graph, alias=name, release_note="p1")
        api.pipelines.upgrade(pipeline.id, graph, release_note="p2")
        api.env_vars.create("PIPELINE", f"{name.upper()}_BATCH", "100", pipeline_id=pipeline.id)
        api.env_vars.create("PIPELINE", f"{name.upper()}_MODE", "full", pipeline_id=pipeline.id)
    volume = api.storages.create(project_id, "data", "1 GB", "app data")
    app = api.apps.create_from_scratch(
        project_id,
        "web",
        image="registry.example.com/web:2",
        exposed_ports=[{"number": 80, "isRewriteUrl": False, "scope": "PROJECT", "name": "http"}],
        storage_paths=[{"path": "/data", "volumeId": volume.id}],
        docker_credentials_id=credential.id,
    )
    api.env_vars.create("APP", "APP_COLOR", "blue", app_id=app.id)
    api.env_vars.create("PROJECT", "REGION", "eu-west-3", project_id=project_id)
    api.env_vars.create("PROJECT", "DB_HOST", "db.local", project_id=project_id)
    return project_id


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("crash-export")
    with saagie_emulator.running(speed=500.0) as source, connect(source) as api:
        project_id = build_project(api, tmp)
        result = api.projects.export(project_id, tmp / "out", project_only_env_vars=True)
    assert result.ok
    return result.folder


def _named(export: Path, name: str, tmp: Path) -> Path:
    """A copy of the export whose project is called ``name``."""
    copy = tmp / name
    shutil.copytree(export, copy)
    content = json.loads((copy / "project.json").read_text())
    content["name"] = name
    (copy / "project.json").write_text(json.dumps(content))
    return copy


def _normalise(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items() if k not in IGNORED}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def _snapshot(api: SaagieApi, project_id: str, out: Path) -> dict[str, Any]:
    """The export of a project, keyed by entity names instead of ids (the round-trip comparison)."""
    folder = api.projects.export(project_id, out).folder
    found: dict[str, Any] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        parts = list(path.relative_to(folder).parts)
        if len(parts) > 2 and parts[0] in ("jobs", "pipelines", "apps", "docker_credentials"):
            main = next(p for p in (folder / parts[0] / parts[1]).iterdir() if p.suffix == ".json")
            content = json.loads(main.read_text())
            parts[1] = str(content.get("name") or content.get("username"))
        data = json.loads(path.read_text()) if path.suffix == ".json" else path.read_bytes()
        if parts == ["project.json"]:
            data.pop("name")
        found["/".join(parts)] = _normalise(data)
    shutil.rmtree(folder)
    return found


def _counts(api: SaagieApi, project_id: str) -> dict[str, Any]:
    """What duplicates would show: versions per job, pipeline and app, variables, storages, credentials."""
    return {
        "jobs": {j.name: len(j.versions) for j in api.jobs.list_for_project(project_id, instances_limit=0)},
        "pipelines": {
            p.name: len(api.pipelines.get_info(p.id, versions_limit=None).versions)
            for p in api.pipelines.list_for_project_minimal(project_id)
        },
        "apps": {
            a.name: len(api.apps.get_info(a.id, versions_only_current=False).versions or [])
            for a in api.apps.list_for_project_minimal(project_id)
        },
        "variables": sorted(v.name for v in api.env_vars.list("PROJECT", project_id=project_id, scope_only=True)),
        "storages": sorted(s.name for s in api.storages.list_for_project(project_id)),
        "credentials": len(api.docker_credentials.list_for_project(project_id)),
    }


@contextlib.contextmanager
def _emulator(tmp: Path) -> Iterator[EmulatorProcess]:
    emulator = EmulatorProcess(tmp / "state.json")
    emulator.start()
    try:
        yield emulator
    finally:
        if emulator.process is not None and emulator.process.poll() is None:
            emulator.kill()


def _reference(emulator: EmulatorProcess, export: Path, tmp: Path) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The uninterrupted import: its snapshot, counts and sequence of mutations."""
    recorder = KillAtMutation(emulator, 0, after=True)
    with httpx.Client(transport=recorder) as http, emulator.client(http_client=http) as api:
        result = api.projects.import_from_json(_named(export, "reference", tmp), docker_credentials_passwords=PASSWORDS)
        assert result.ok, result.failed
        project_id = result.of("project")[0].target_id
        assert project_id is not None
        return _snapshot(api, project_id, tmp / "snap"), _counts(api, project_id), recorder.mutations


PHASES = {
    "CreateProject": "setup",
    "CreateDockerCredentials": "setup",
    "CreateJob": "jobs",
    "AddJobVersion": "jobs",
    "RollbackJobVersion": "jobs",
    "CreateGraphPipeline": "pipelines",
    "AddGraphPipelineVersion": "pipelines",
    "RollbackPipelineVersion": "pipelines",
    "CreateStorage": "apps",
    "CreateApp": "apps",
}


def _kill_points(sequence: list[str], wanted: int) -> list[int]:
    """At least ``wanted`` points spread over the import, with the first and middle mutation of each phase
    (variables: those of the project before the jobs, then those of pipelines and apps)."""
    phases: dict[str, list[int]] = {}
    first_job = sequence.index("CreateJob") if "CreateJob" in sequence else len(sequence)
    for index, operation in enumerate(sequence, start=1):
        phase = PHASES.get(operation) or ("setup" if index <= first_job else "variables")
        phases.setdefault(phase, []).append(index)
    points = {ks[0] for ks in phases.values()} | {ks[len(ks) // 2] for ks in phases.values()}
    points |= {max(1, round(i * len(sequence) / wanted)) for i in range(1, wanted + 1)}
    return sorted(points)


def _resume_and_compare(
    emulator: EmulatorProcess, folder: Path, name: str, reference: dict[str, Any], counts: dict[str, Any], tmp: Path
) -> dict[str, Any]:
    with emulator.client() as api:
        result = api.projects.import_from_json(folder, docker_credentials_passwords=PASSWORDS)
        assert result.ok, (name, result.failed)
        project_id = result.of("project")[0].target_id if result.of("project") else api.projects.get_id(name)
        assert project_id is not None
        assert _counts(api, project_id) == counts, name  # nothing duplicated, nothing missing
        assert _snapshot(api, project_id, tmp / f"snap-{name}") == reference, name
        actions = Counter(item.action for item in [*result.done, *result.skipped])
    return dict(actions)


def test_emulator_killed_at_any_mutation_then_import_resumed(export: Path, tmp_path: Path) -> None:
    with _emulator(tmp_path) as emulator:
        reference, counts, sequence = _reference(emulator, export, tmp_path)
        points = _kill_points(sequence, 6)
        assert len(points) >= 10 and len(sequence) >= 20
        report: list[tuple[int, str, str, dict[str, Any]]] = []
        for k in points:
            name = f"killed-{k}"
            folder = _named(export, name, tmp_path)
            after = k % 2 == 1
            killer = KillAtMutation(emulator, k, after=after)
            with httpx.Client(transport=killer) as http, emulator.client(http_client=http, retries=0) as api:
                interrupted: Any = None
                try:
                    interrupted = api.projects.import_from_json(folder, docker_credentials_passwords=PASSWORDS)
                except SaagieError as error:
                    assert hasattr(error, "result"), error  # the partial result travels with the error
                    interrupted = error.result
            assert emulator.process is not None and emulator.process.poll() is not None  # it was killed
            emulator.start()
            actions = _resume_and_compare(emulator, folder, name, reference, counts, tmp_path)
            report.append((k, sequence[k - 1], "after" if after else "before", actions))
            assert interrupted is None or not interrupted.ok or k == len(sequence)
    print(f"\n{len(points)} emulator kill points over {len(sequence)} mutations, {emulator.starts} starts:")
    for line in report:
        print("  ", line)


CLIENT = textwrap.dedent(
    """
    import os, signal, sys
    import httpx
    from saagieapi import SaagieApi

    url, folder, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
    queries = set(sys.argv[4].split(","))
    platform, user, password, realm = sys.argv[5:9]
    seen = 0

    class DieAfter(httpx.HTTPTransport):
        def handle_request(self, request):
            global seen
            response = super().handle_request(request)
            body = request.read()
            if b'"operationName"' in body and not any(f'"operationName":"{q}"'.encode() in body for q in queries):
                seen += 1
                if seen == k:
                    response.read()
                    os.kill(os.getpid(), signal.SIGKILL)  # the mutation ran; the client never learns it
            return response

    with httpx.Client(transport=DieAfter()) as http, SaagieApi(url, platform, user, password, realm, http_client=http) as api:
        api.projects.import_from_json(folder, docker_credentials_passwords={"registry.example.com/robot": "s3cret-robot"})
    print("finished without being killed")
    """
)


def test_client_killed_mid_import_then_import_resumed(export: Path, tmp_path: Path) -> None:
    with _emulator(tmp_path) as emulator:
        reference, counts, sequence = _reference(emulator, export, tmp_path)
        points = [len(sequence) // 5, len(sequence) // 2, (4 * len(sequence)) // 5]
        for k in points:
            name = f"client-{k}"
            folder = _named(export, name, tmp_path)
            env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
            done = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    CLIENT,
                    emulator.url,
                    str(folder),
                    str(k),
                    ",".join(sorted(QUERIES)),
                    str(DEFAULT_PLATFORM_ID),
                    DEFAULT_USER,
                    DEFAULT_PASSWORD,
                    DEFAULT_REALM,
                ],
                capture_output=True,
                text=True,
                timeout=300,
                env=env,
            )
            assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
            _resume_and_compare(emulator, folder, name, reference, counts, tmp_path)
    print(f"\nclient killed at mutations {points} of {len(sequence)}: every resumed project equals the reference")
