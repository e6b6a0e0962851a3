"""Public calls that used to raise untyped errors (FileNotFoundError, TypeError, pydantic errors...), now typed.

Each refused input raises a SaagieError subclass that says what is wrong, before anything is sent.
Also: raw ``execute()`` classifies an operation by parsing the document (a mutation is never retried after
its answer was lost), lookups by project name accept a project id, and the example script checks its
arguments.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi, SaagieApi
from saagieapi._http import operation_kind
from saagieapi.errors import (
    ClientClosedError,
    ConfigurationError,
    InvalidInputError,
    NotFoundError,
    OutcomeUnknownError,
    SaagieError,
)

from ..support.platforms import connect

BASE = "https://acme-workspace.saagie.example"
ROOT = Path(__file__).resolve().parents[2]


class Recorder:
    """A mock platform: logs in, answers every GraphQL call with an empty project list, records requests."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path.endswith("/authenticate"):
            return httpx.Response(200, text="token-0123456789abcdef")
        return httpx.Response(200, json={"data": {"projects": []}})


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def api(recorder: Recorder) -> Iterator[SaagieApi]:
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with SaagieApi(BASE, "6", "alice", "secret-password", "acme", http_client=http) as client:
        yield client
    http.close()


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"verify_ssl": "false"}, "verify_ssl=False (the boolean)"),
        ({"verify_ssl": "/no/such/ca.pem"}, "CA bundle file"),
        ({"verify_ssl": 0}, "not int"),
        ({"verify_ssl": None}, "not NoneType"),
        ({"timeout": float("nan")}, "finite"),
        ({"timeout": float("inf")}, "finite"),
        ({"timeout": -1}, "positive"),
        ({"timeout": "5"}, "not str"),
        ({"proxy": "not a url"}, "proxy must be a URL"),
        ({"proxy": "http://user:pass@:3128"}, "proxy must be a URL"),
        ({"proxy": "ftp://proxy:21"}, "proxy must be a URL"),
        ({"proxy": 3128}, "proxy must be a URL"),
        ({"retries": "2"}, "retries"),
    ],
)
def test_bad_connection_options_are_configuration_errors(options: dict[str, Any], says: str) -> None:
    for client in (SaagieApi, AsyncSaagieApi):
        with pytest.raises(ConfigurationError) as caught:
            client(BASE, "6", "alice", "pw", "acme", **options)
        assert says in str(caught.value)
        assert "pass@" not in str(caught.value)  # a proxy's credentials are never repeated


def test_ca_bundle_false_in_the_environment_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAAGIE_URL", f"{BASE}/projects/platform/6/")
    monkeypatch.setenv("SAAGIE_USER", "alice")
    monkeypatch.setenv("SAAGIE_PASSWORD", "pw")
    monkeypatch.setenv("SAAGIE_CA_BUNDLE", "false")
    with pytest.raises(ConfigurationError, match="verify_ssl=False"):
        SaagieApi.from_env()


def test_a_call_after_close_is_a_typed_error(api: SaagieApi, recorder: Recorder) -> None:
    api.projects.list()
    api.close()
    sent = len(recorder.requests)
    with pytest.raises(ClientClosedError, match="create a new client"):
        api.projects.list()
    assert isinstance(ClientClosedError("x"), RuntimeError) and len(recorder.requests) == sent


@pytest.mark.anyio
async def test_an_async_call_after_close_is_a_typed_error(recorder: Recorder) -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    api = AsyncSaagieApi(BASE, "6", "alice", "pw", "acme", http_client=http)
    await http.aclose()
    with pytest.raises(ClientClosedError):
        await api.projects.list()


@pytest.mark.parametrize(
    "call",
    [
        lambda api: api.profiles.get_info(""),
        lambda api: api.profiles.get_info(" "),
        lambda api: api.users.get_info("."),
        lambda api: api.users.get_info(".."),
        lambda api: api.users.delete("."),
        lambda api: api.groups.get_users(".."),
        lambda api: api.jobs.run_with_callback("job-1", freq="1"),
        lambda api: api.jobs.run_with_callback("job-1", freq=0),
        lambda api: api.jobs.run_with_callback("job-1", timeout="60"),
        lambda api: api.pipelines.run_with_callback("p-1", freq=float("nan")),
        lambda api: api.projects.get_status_with_callback("p-1", freq=-1),
        lambda api: api.apps.run("a-1", wait=True, timeout="x"),
    ],
    ids=[
        "profiles.get_info('')",
        "profiles.get_info(' ')",
        "users.get_info('.')",
        "users.get_info('..')",
        "users.delete('.')",
        "groups.get_users('..')",
        "jobs.run_with_callback(freq='1')",
        "jobs.run_with_callback(freq=0)",
        "jobs.run_with_callback(timeout='60')",
        "pipelines.run_with_callback(freq=nan)",
        "projects.get_status_with_callback(freq=-1)",
        "apps.run(wait, timeout='x')",
    ],
)
def test_bad_arguments_are_refused_before_anything_is_sent(
    api: SaagieApi, recorder: Recorder, call: Callable[[SaagieApi], object]
) -> None:
    with pytest.raises(InvalidInputError):
        call(api)
    assert recorder.requests == []  # nothing sent: no DELETE /users, no job started


MUTATION_AFTER_FRAGMENT = """
fragment J on Job { id }
mutation Run($jobId: UUID!) { runJob(jobId: $jobId) { id } }
"""
TWO_OPERATIONS = "query Q { projects { id } } mutation M($jobId: UUID!) { runJob(jobId: $jobId) { id } }"


@pytest.mark.parametrize(
    ("document", "name", "kind"),
    [
        (MUTATION_AFTER_FRAGMENT, None, "mutation"),
        (MUTATION_AFTER_FRAGMENT, "Run", "mutation"),
        (TWO_OPERATIONS, "M", "mutation"),
        (TWO_OPERATIONS, "Q", "query"),
        (TWO_OPERATIONS, None, "mutation"),  # ambiguous: the server would refuse it, never retried
        ('# comment\nquery Q($a: In = {x: "}"}) { a }', "Q", "query"),
        ('query Q { a(s: """ mutation { """) }', None, "query"),
        ("{ projects { id } }", None, "query"),
        ("mutation { deleteJob(jobId: 1) }", None, "mutation"),
        ("query Q { a }", "Other", "mutation"),  # no such operation: unknown, so a mutation
        ("query Q { a ", None, "mutation"),  # unreadable
        ("subscription S { a }", None, "mutation"),
        ("", None, "mutation"),
    ],
)
def test_operations_are_classified_by_parsing_the_document(document: str, name: str | None, kind: str) -> None:
    assert operation_kind(document, name) == kind


@pytest.mark.parametrize(("document", "name"), [(MUTATION_AFTER_FRAGMENT, "Run"), (TWO_OPERATIONS, "M")])
def test_raw_execute_never_retries_a_mutation_after_a_read_timeout(document: str, name: str) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/authenticate"):
            return httpx.Response(200, text="token-0123456789abcdef")
        sent.append(request.url.path)
        raise httpx.ReadTimeout("slow", request=request)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with (
        SaagieApi(BASE, "6", "alice", "pw", "acme", retries=3, http_client=http) as api,
        pytest.raises(OutcomeUnknownError),
    ):
        api.client.execute(document, operation_name=name, variables={"jobId": "j"})
    http.close()
    assert len(sent) == 1


def test_lookups_by_project_name_accept_a_project_id(saagie_platform: RunningPlatform, tmp_path: Path) -> None:
    script = tmp_path / "job.py"
    script.write_text("print(1)\n")
    with connect(saagie_platform) as api:
        project = api.projects.create("lookups")
        job = api.jobs.create("ingest", project.id, file=script, technology="Python", runtime_version="3.10")
        assert api.jobs.get_id("ingest", project.id) == job.id == api.jobs.get_id("ingest", "lookups")
        assert api.projects.get_id(project.id) == project.id
        with pytest.raises(NotFoundError) as caught:
            api.jobs.get_id("ingest", "no-such-project")
        assert "pass a project name or id" in str(caught.value).lower()


@pytest.mark.parametrize("days", ["-1", "-0.5", "nan", "inf", "abc", "1e9"])
def test_clean_old_instances_checks_its_days_argument(days: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "clean_old_instances.py"), "--days", days],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "", "SAAGIE_URL": "http://127.0.0.1:9/projects/platform/1/"},
    )
    assert done.returncode == 2 and "--days" in done.stderr and "Traceback" not in done.stderr


def test_every_new_error_is_exported_and_typed() -> None:
    for name in ("OutcomeUnknownError", "NotSaagiePlatformError", "ClientClosedError"):
        assert issubclass(getattr(saagieapi, name), SaagieError)


def test_an_argument_that_lacks_what_a_protocol_parameter_reads_is_an_invalid_input(api: SaagieApi) -> None:
    # check_technology_valid reads .id and .label of each technology (a Protocol): texts have neither.
    # Found by the every-method hypothesis test (rarely drawn): it raised AttributeError.
    with pytest.raises(InvalidInputError, match="all_technologies_in_catalog"):
        api.check_technology_valid(["python"], ["", "job"], "Saagie")
    with pytest.raises(InvalidInputError, match="all_technologies_in_catalog"):
        api.check_technology_valid(
            technologies=["python"], all_technologies_in_catalog=[object()], technology_catalog="x"
        )
