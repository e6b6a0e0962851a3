"""Login, bearer checks, token expiry, introspection, multipart uploads, lenient inputs, error style."""

from __future__ import annotations

import json
import time

import httpx

from saagie_emulator import RunningPlatform, running

from .conftest import Client


def test_login_returns_a_plain_text_token_on_both_paths(platform: RunningPlatform) -> None:
    with httpx.Client(base_url=platform.url) as http:
        for path in ("authentication/api/open/authenticate", "/authentication/api/open/authenticate"):
            response = http.post(
                platform.url + path,
                json={"login": platform.user, "password": platform.password},
                headers={"Saagie-Realm": platform.realm},
            )
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/plain")
            assert response.text.startswith("emu.")


def test_wrong_password_or_realm_is_401(platform: RunningPlatform) -> None:
    with httpx.Client(base_url=platform.url) as http:
        for password, realm in (("nope", platform.realm), (platform.password, "other")):
            response = http.post(
                "/authentication/api/open/authenticate",
                json={"login": platform.user, "password": password},
                headers={"Saagie-Realm": realm},
            )
            assert response.status_code == 401


def test_graphql_without_valid_bearer_is_401_with_a_non_json_body(client: Client) -> None:
    for headers in ({}, {"authorization": "Bearer forged"}):
        response = client.http.post("/gateway/api/graphql", json={"query": "{ repositories { id } }"}, headers=headers)
        assert response.status_code == 401
        try:
            json.loads(response.text)
            raise AssertionError("a 401 body must not be JSON")
        except ValueError:
            pass


def test_tokens_expire_after_the_configured_time() -> None:
    with running(token_ttl_seconds=0.3) as served:
        client = Client(served)
        assert client.raw("{ platform { id } }").status_code == 200
        time.sleep(0.4)
        assert client.raw("{ platform { id } }").status_code == 401
        client.token = client.login()
        assert client.raw("{ platform { id } }").status_code == 200
        served.expire_tokens()
        assert client.raw("{ platform { id } }").status_code == 401
        client.close()


def test_introspection_on_both_endpoints_has_only_classic_directive_locations(client: Client) -> None:
    query = "{ __schema { queryType { name } directives { name locations } } }"
    for gateway in (False, True):
        schema = client.gql(query, gateway=gateway)["__schema"]
        assert schema["queryType"]["name"] == "Query"
        locations = {loc for d in schema["directives"] for loc in d["locations"]}
        assert "DIRECTIVE_DEFINITION" not in locations


def test_business_errors_are_http_200_with_errors(client: Client) -> None:
    unknown = {"id": "00000000-0000-0000-0000-000000000000"}
    errors = client.errors("mutation($id: UUID!) { runJob(jobId: $id) { id } }", unknown)
    assert "not found" in errors[0]["message"]
    assert errors[0]["extensions"]["classification"] == "NotFound"
    # A lookup whose result is nullable answers null, as the platform does.
    assert client.gql("query($id: UUID!) { job(id: $id) { id } }", unknown) == {"job": None}


def test_numeric_strings_are_accepted_for_int_variables(client: Client) -> None:
    project = client.project()
    job = client.job(project, "lenient")
    data = client.gql(
        "mutation($j: UUID!, $n: Int!) { rollbackJobVersion(jobId: $j, versionNumber: $n) { id } }",
        {"j": job, "n": "1"},
    )
    assert data["rollbackJobVersion"]["id"] == job


def test_multipart_upload_is_stored_and_downloadable(client: Client) -> None:
    project = client.project()
    operations = {
        "query": """mutation($p: UUID!, $t: UUID!, $file: Upload) { createJob(job: {projectId: $p, name: "up",
                    category: "Processing", technology: {id: $t}, isScheduled: false, isStreaming: false},
                    jobVersion: {runtimeVersion: "3.9"}, file: $file) { id versions { packageInfo { name downloadUrl } } } }""",
        "variables": {"p": project, "t": client.technology("Python"), "file": None},
    }
    response = client.http.post(
        f"/projects/api/platform/{client.platform.platform_id}/graphql",
        headers=client.headers,
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("/abs/path/hello.py", b"print('hi')\n")},
    )
    assert response.status_code == 200, response.text
    package = response.json()["data"]["createJob"]["versions"][0]["packageInfo"]
    assert package["name"] == "hello.py"
    download = client.http.get(package["downloadUrl"], headers=client.headers)
    assert download.status_code == 200
    assert download.content == b"print('hi')\n"
    assert client.http.get(package["downloadUrl"]).status_code == 401


def test_names_are_unique_per_project_case_insensitively(client: Client) -> None:
    project = client.project()
    client.job(project, "Daily Load")
    errors = client.errors(
        """mutation($p: UUID!, $t: UUID!) { createJob(job: {projectId: $p, name: "daily load", category: "Processing",
             technology: {id: $t}, isScheduled: false, isStreaming: false}, jobVersion: {runtimeVersion: "3.9"}) { id } }""",
        {"p": project, "t": client.technology("Python")},
    )
    assert "already used" in errors[0]["message"]


def test_unknown_runtime_is_rejected(client: Client) -> None:
    project = client.project()
    errors = client.errors(
        """mutation($p: UUID!, $t: UUID!) { createJob(job: {projectId: $p, name: "x", category: "Processing",
             technology: {id: $t}, isScheduled: false, isStreaming: false}, jobVersion: {runtimeVersion: "2.7"}) { id } }""",
        {"p": project, "t": client.technology("Python")},
    )
    assert "Runtime '2.7' does not exist" in errors[0]["message"]


def test_password_variables_are_never_returned(client: Client) -> None:
    client.gql("""mutation { saveEnvironmentVariable(environmentVariable: {name: "SECRET", scope: GLOBAL,
                  value: "hunter2", isPassword: true}) { id } }""")
    listed = client.gql("{ globalEnvironmentVariables { name value isPassword } }")["globalEnvironmentVariables"]
    assert listed == [{"name": "SECRET", "value": None, "isPassword": True}]
    assert "hunter2" not in client.raw("{ globalEnvironmentVariables { name value } }").text
