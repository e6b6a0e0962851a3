"""``saagie.client.execute(...)`` / ``saagie.client_gateway.execute(...)``: the custom GraphQL documents 2.x
scripts send where the SDK has no method. The same calls run on saagieapi 2.13.1 (its own interpreter, gql's
documents) and on ``saagieapi.v2`` (text and graphql-core documents) against one emulator: same ``data`` dicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from graphql import parse

from saagie_emulator import RunningPlatform
from saagieapi.errors import GraphQLError, InvalidInputError
from saagieapi.v2 import SaagieApi
from saagieapi.v2.utils.gql_client import _uploads
from tests.support.saagieapi2 import run_python2

PROJECTS = "{ projects { id name } }"
JOB = "query job($id: UUID!) { job(id: $id) { name versions { number packageInfo { name } } } }"
CATALOGS = "{ repositories { name technologies { label } } }"


@pytest.fixture
def saagie(saagie_platform: RunningPlatform) -> Any:
    platform = saagie_platform
    with SaagieApi(platform.url, str(platform.platform_id), platform.user, platform.password, platform.realm) as client:
        yield client


def test_text_and_parsed_documents_give_the_data_dict(saagie: SaagieApi) -> None:
    project = saagie.projects.create("custom queries", group="administrators", role="Manager")["createProject"]
    listed = saagie.client.execute(query=PROJECTS)
    assert {"id": project["id"], "name": "custom queries"} in listed["projects"]
    assert saagie.client.execute(parse(PROJECTS)) == listed
    catalogs = saagie.client_gateway.execute(CATALOGS)["repositories"]
    assert any(tech["label"] == "Python" for catalog in catalogs for tech in catalog["technologies"])


def test_files_are_uploaded_when_asked(saagie: SaagieApi, tmp_path: Path) -> None:
    project_id = saagie.projects.create("uploads", group="administrators", role="Manager")["createProject"]["id"]
    saagie.projects.get_status_with_callback(project_id, freq=1, timeout=30)
    script = tmp_path / "hello.py"
    script.write_text("print('hello')\n")
    job_id = saagie.jobs.create("uploaded", project_id, file=str(script))["data"]["createJob"]["id"]
    with script.open("rb") as file:
        added = saagie.client.execute(
            "mutation add($jobId: UUID!, $file: Upload) { addJobVersion(jobId: $jobId, "
            'jobVersion: {runtimeVersion: "3.10", commandLine: "python {file}", packageInfo: {name: "hello.py"}}, '
            "file: $file) { number } }",
            {"jobId": job_id, "file": file},
            upload_files=True,
        )
    assert added == {"addJobVersion": {"number": 2}}
    job = saagie.client.execute(JOB, {"id": job_id})["job"]
    assert job["name"] == "uploaded"
    assert {version["packageInfo"]["name"] for version in job["versions"]} == {"hello.py"}


def test_refusals_raise_with_the_data_2x_returned(saagie: SaagieApi) -> None:
    with pytest.raises(GraphQLError) as refused:
        saagie.client.execute('mutation { deleteProject(projectId: "00000000-0000-0000-0000-000000000000") }')
    assert refused.value.errors


class GraphQLRequest:
    """What ``gql(...)`` returns from gql 4 on (a parsed document with its variables and operation name). gql 4
    needs graphql-core 3.3, which the dev environment does not pin, so its three attributes are rebuilt here."""

    def __init__(self, text: str, *, variable_values: dict[str, Any] | None = None, operation_name: str | None = None):
        self.document = parse(text)
        self.variable_values = variable_values
        self.operation_name = operation_name


def test_gql_4_requests_send_their_variables_and_operation_name(saagie: SaagieApi) -> None:
    project_id = saagie.projects.create("gql 4", group="administrators", role="Manager")["createProject"]["id"]
    two_operations = "query names { projects { name } } query one($id: UUID!) { project(id: $id) { name } }"
    request = GraphQLRequest(two_operations, variable_values={"id": project_id}, operation_name="one")
    assert saagie.client.execute(request) == {"project": {"name": "gql 4"}}
    assert saagie.client.execute(GraphQLRequest(PROJECTS)) == saagie.client.execute(PROJECTS)
    # variable_values given to execute win over the request's (as with gql 4's deprecated argument)
    other = saagie.projects.create("other", group="administrators", role="Manager")["createProject"]["id"]
    assert saagie.client.execute(request, {"id": other}) == {"project": {"name": "other"}}


def test_one_client_per_endpoint_and_bad_documents_refused(saagie: SaagieApi) -> None:
    assert saagie.client is saagie.client
    assert saagie.client_gateway is saagie.client_gateway
    assert saagie.client is not saagie.client_gateway
    with pytest.raises(InvalidInputError, match="not dict"):
        saagie.client.execute({"query": PROJECTS})


def test_files_nested_in_inputs_and_lists_become_uploads(saagie: SaagieApi, tmp_path: Path) -> None:
    script = tmp_path / "nested.py"
    script.write_bytes(b"x")
    with script.open("rb") as file:
        converted = _uploads(saagie.typed.client, {"input": {"files": [file, "kept"]}, "n": 1})
        upload = converted["input"]["files"][0]
        assert (upload.filename, upload.content) == ("nested.py", file)
        assert converted["input"]["files"][1] == "kept"
        assert converted["n"] == 1


@pytest.mark.compat
def test_same_data_as_saagieapi_2(saagie: SaagieApi, saagie_platform: RunningPlatform) -> None:
    platform = saagie_platform
    project_id = saagie.projects.create("both sides", group="administrators", role="Manager")["createProject"]["id"]
    code = f"""
import json, logging
logging.disable(logging.CRITICAL)
from gql import gql
from saagieapi import SaagieApi
saagie = SaagieApi({platform.url!r}, {str(platform.platform_id)!r}, {platform.user!r}, {platform.password!r},
                   {platform.realm!r})
print(json.dumps([
    saagie.client.execute(query=gql({PROJECTS!r})),
    saagie.client.execute(gql("query p($id: UUID!) {{ project(id: $id) {{ name creator }} }}"), {{"id": {project_id!r}}}),
    saagie.client_gateway.execute(gql({CATALOGS!r})),
]))
"""
    theirs = json.loads(run_python2(code).strip().splitlines()[-1])
    ours = [
        saagie.client.execute(query=PROJECTS),
        saagie.client.execute("query p($id: UUID!) { project(id: $id) { name creator } }", {"id": project_id}),
        saagie.client_gateway.execute(CATALOGS),
    ]
    assert ours == theirs
