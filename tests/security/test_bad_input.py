"""Property-based tests over the public validation surface (hypothesis).

For any input: the SDK either accepts it or raises a documented typed error (InvalidInputError,
ConfigurationError/InvalidURLError); when it refuses an input, nothing was sent to the platform. The
platform is a mock transport that records requests and refuses the connection, so an accepted input shows
up as a typed SaagieConnectionError after exactly the requests it needed.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saagieapi import SaagieApi
from saagieapi.errors import ConfigurationError, InvalidInputError, SaagieConnectionError, SaagieError
from saagieapi.graph_pipeline import ConditionExpressionNode, ConditionStatusNode, GraphPipeline, JobNode
from saagieapi.validation import check_alerting, check_scheduling

EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
COUNTS: dict[str, int] = {}
REFUSALS = (InvalidInputError, ConfigurationError)

texts = st.text(max_size=40)
words = st.text(alphabet=string.ascii_letters + string.digits + " -_/.*?,#@:", max_size=30)
statuses = st.lists(
    st.one_of(st.sampled_from(["REQUESTED", "FAILED", "SUCCEEDED", "KILLED", "QUEUED"]), texts), max_size=4
)
emails = st.lists(st.one_of(st.emails(), texts), max_size=3)
crons = st.one_of(st.just("0 0 * * *"), st.builds(" ".join, st.lists(words, min_size=1, max_size=6)), texts)
timezones = st.one_of(st.sampled_from(["UTC", "Europe/Paris", "America/New_York"]), words, texts)
numbers = st.one_of(st.floats(allow_nan=True), st.integers(-10, 10**6), texts, st.none())
resources = st.one_of(
    st.none(),
    st.dictionaries(
        st.sampled_from(["cpu", "memory", "gpu", "disk", ""]),
        st.one_of(st.dictionaries(st.sampled_from(["request", "limit", "x"]), numbers, max_size=3), numbers),
        max_size=3,
    ),
)


def _count(name: str) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + 1


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        raise httpx.ConnectError("refused by the test", request=request)


@pytest.fixture
def platform() -> Iterator[tuple[SaagieApi, Recorder]]:
    recorder = Recorder()
    client = httpx.Client(transport=httpx.MockTransport(recorder))
    with SaagieApi(
        "https://acme-workspace.saagie.example", "1", "u", "p", "acme", retries=0, http_client=client
    ) as api:
        yield api, recorder
    client.close()


def _outcome(call: Callable[[], Any], recorder: Recorder) -> str:
    """``refused`` (typed, nothing sent), ``sent`` (accepted, reached the network) or ``accepted``."""
    before = len(recorder.requests)
    try:
        call()
    except REFUSALS:
        assert len(recorder.requests) == before, "an invalid input was refused only after a request"
        return "refused"
    except SaagieConnectionError:
        assert len(recorder.requests) > before
        return "sent"
    return "accepted"


@EXAMPLES
@given(url=st.one_of(texts, st.from_regex(r"\Ahttps?://[a-z0-9.-]{0,20}(:[0-9]{1,6})?/[a-z/0-9]{0,30}\Z")))
def test_easy_connect_urls(url: str) -> None:
    _count("easy_connect")
    try:
        api = SaagieApi.easy_connect(url, "user", "password", realm="acme")
    except ConfigurationError:
        return
    with api:
        assert api.settings.url_saagie.startswith(("http://", "https://"))


@EXAMPLES
@given(cron=crons, timezone=timezones)
def test_scheduling(cron: str, timezone: str) -> None:
    _count("scheduling")
    try:
        checked = check_scheduling(cron, timezone)
    except InvalidInputError:
        return
    assert checked


@EXAMPLES
@given(addresses=emails, status_list=statuses)
def test_alerting(addresses: list[str], status_list: list[str]) -> None:
    _count("alerting")
    try:
        check_alerting(addresses, status_list)
    except InvalidInputError:
        return


@EXAMPLES
@given(
    name=st.one_of(st.just("ingest"), texts),
    cron=st.one_of(st.none(), crons),
    timezone=timezones,
    status_list=st.one_of(st.none(), statuses),
    address_list=st.one_of(st.none(), emails),
    resource=resources,
    file_name=st.one_of(st.none(), st.just("job.py"), words),
)
def test_job_creation_never_sends_invalid_input(
    platform: tuple[SaagieApi, Recorder],
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    cron: str | None,
    timezone: str,
    status_list: list[str] | None,
    address_list: list[str] | None,
    resource: Any,
    file_name: str | None,
) -> None:
    _count("jobs.create")
    api, recorder = platform
    folder = tmp_path_factory.getbasetemp() / "files"
    folder.mkdir(exist_ok=True)
    (folder / "job.py").write_text("print(1)\n")
    file = None if file_name is None else folder / file_name
    outcome = _outcome(
        lambda: api.jobs.create(
            name,
            "project-id",
            file=file,
            cron_scheduling=cron,
            schedule_timezone=timezone,
            status_list=status_list,
            emails=address_list,
            resources=resource,
        ),
        recorder,
    )
    valid = {"REQUESTED", "FAILED", "SUCCEEDED", "KILLED", "QUEUED"}
    if address_list and status_list and any(s.upper() not in valid for s in status_list):
        assert outcome == "refused"  # alerting is sent only with e-mails (as in 2.x); then statuses are checked
    if file is not None and not file.is_file():
        assert outcome == "refused"


@EXAMPLES
@given(
    edges=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.booleans()), max_size=10),
    expression=st.one_of(st.none(), texts),
    status_value=st.one_of(
        st.none(), st.sampled_from(["AllSuccess", "AllSuccessOrSkipped", "AtLeastOneSuccess"]), texts
    ),
)
def test_graph_pipelines(
    platform: tuple[SaagieApi, Recorder],
    edges: list[tuple[int, int, bool]],
    expression: str | None,
    status_value: str | None,
) -> None:
    _count("pipelines.create_graph")
    api, recorder = platform

    def build_and_send() -> None:
        expression_node = ConditionExpressionNode()
        if expression is not None:
            expression_node.set_expression(expression)
        status_node = ConditionStatusNode()
        if status_value is not None:
            status_node.set_value(status_value)
        nodes = [JobNode("job-a"), JobNode("job-b"), JobNode("job-c"), expression_node, status_node, JobNode("job-d")]
        for source, target, success in edges:
            node = nodes[source]
            if isinstance(node, JobNode):
                node.add_next_node(nodes[target])
            elif success:
                node.add_success_node(nodes[target])  # type: ignore[attr-defined]
            else:
                node.add_failure_node(nodes[target])  # type: ignore[attr-defined]
        graph = GraphPipeline()
        graph.add_root_node(nodes[0])
        api.pipelines.create_graph("p", "project-id", graph, alias="p")

    _outcome(build_and_send, recorder)


@EXAMPLES
@given(
    folder=st.one_of(
        st.lists(
            st.text(alphabet=string.ascii_letters + string.digits + "-_. @~", min_size=1, max_size=12), max_size=3
        ),
        st.just(["a-file", "below"]),  # a path through a regular file
        st.just(["\x00nul"]),
    )
)
def test_export_folders(
    platform: tuple[SaagieApi, Recorder], tmp_path_factory: pytest.TempPathFactory, folder: list[str]
) -> None:
    _count("jobs.export")
    api, recorder = platform
    base = tmp_path_factory.getbasetemp() / "exports"
    base.mkdir(exist_ok=True)
    (base / "a-file").write_text("not a folder")
    target = str(base.joinpath(*[part for part in folder if part not in (".", "..")]))
    try:
        _outcome(lambda: api.jobs.export("job-id", target), recorder)
    except SaagieError as error:  # an ExportError naming the folder is documented too
        assert not isinstance(error, SaagieConnectionError)


def test_zz_examples_were_run() -> None:
    """Hypothesis ran its examples (the figures of the reliability report)."""
    print("\nhypothesis examples:", COUNTS, "total", sum(COUNTS.values()))
    assert sum(COUNTS.values()) >= 6 * 100
