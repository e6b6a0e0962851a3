"""Technology repositories are read from their zips: technologies, contexts and synchronization reports come
from the content; a bad file gives issues, an unreadable source a failed synchronization.

The zips are written here, in the format of the platform's public catalog (``saagie/technologies``):
``technologies/<job|app>/<technology>/metadata.yaml``, and the older ``technology.yaml`` +
``<context>/context.yaml`` + ``<context>/dockerInfo.yaml`` layout.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from .conftest import Client

BASH_METADATA = """\
version: "v1"
type: JOB
id: shell
label: Shell scripts
description: Runs shell commands.
available: true
icon: bash
contexts:
  - id: debian11-bullseye
    label: Debian 11
    available: true
    recommended: false
    trustLevel: stable
    job:
      features:
        - type: COMMAND_LINE
          label: Command line
          mandatory: true
          comment: Linux shell command
          defaultValue: echo "hello"
        - type: ARTIFACT
          label: Package
          mandatory: false
        - type: SCHEDULER
          label: Scheduled
          mandatory: true
    dockerInfo:
      image: "example/shell"
      baseTag: "debian11"
      version: "debian11-1.0.0"
  - id: debian12-bookworm
    label: Debian 12
    available: true
    recommended: true
    trustLevel: experimental
    job:
      features:
        - type: COMMAND_LINE
          label: Command line
          mandatory: true
    dockerInfo:
      image: "example/shell"
      baseTag: "debian12"
      version: "debian12-1.0.0"
"""

NOTEBOOK_METADATA = """\
version: v1
type: APP
id: notebook
label: Team notebook
baseline: Notebooks for the team.
description: A notebook server.
available: true
icon: jupyter
backgroundColor: "#E87A35"
customFlags: []
contexts:
  - id: notebook-3.10
    label: Python 3.10
    releaseNotes: First version.
    available: true
    trustLevel: stable
    deprecationDate: "2030-02-01T00:00:00Z"
    recommended: true
    ports:
      - port: 8888
        name: Notebook
        rewriteUrl: false
        basePath: SAAGIE_BASE_PATH
    volumes: ["/notebooks-dir"]
    dockerInfo:
      image: example/notebook
      baseTag: "3.10"
      version: 3.10-1.2.0
"""

SPARK_METADATA = """\
version: "v1"
type: JOB
id: spark-custom
label: Spark (team build)
available: true
customFlags: [Spark]
contexts:
  - id: 3.5
    label: 3.5
    available: true
    recommended: true
    trustLevel: stable
    dockerInfo:
      image: example/spark
      baseTag: 3.5
      version: 3.5-1.0.0
    innerContexts:
      - id: python
        label: Python
        available: true
        trustLevel: stable
        job:
          features:
            - type: COMMAND_LINE
              label: Command line
              mandatory: true
              defaultValue: spark-submit --py-files={file} __main__.py
        innerContexts:
          - id: 3.10
            label: 3.10
            available: true
            trustLevel: stable
            dockerInfo:
              image: example/spark
              baseTag: 3.5-py-3.10
              version: 3.5-py-3.10-1.0.0
"""

OLD_TECHNOLOGY = """\
version: "v1"
type: JOB
id: legacy-r
label: R (older layout)
available: true
"""
OLD_CONTEXT = """\
id: "4.3"
label: R 4.3
available: true
recommended: true
trustLevel: stable
job:
  features:
    - type: COMMAND_LINE
      label: Command line
      mandatory: true
      defaultValue: Rscript {file}
"""
OLD_DOCKER = "image: example/r\nbaseTag: '4.3'\nversion: 4.3-1.0.0\n"


def make_zip(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


REAL_FORMAT = {
    "technologies/job/shell/metadata.yaml": BASH_METADATA,
    "technologies/job/shell/README.md": "# Shell\n",
    "technologies/job/shell/debian11-bullseye/Dockerfile": "FROM debian:11\n",
    "technologies/app/notebook/metadata.yaml": NOTEBOOK_METADATA,
    "technologies/job/spark-custom/metadata.yaml": SPARK_METADATA,
}

REPOSITORY = """query($id: UUID!) { repository(id: $id) {
  name
  technologies { __typename id technologyId label description icon available customFlags
    ... on JobTechnology { contexts { id label recommended trustLevel dockerInfo { image version }
                                      job { features { type label mandatory comment defaultValue } } } }
    ... on AppTechnology { baseline backgroundColor appContexts { id label deprecationDate releaseNotes
                             dockerInfo { image version } ports { port name basePath rewriteUrl scope }
                             volumes { path } } }
    ... on SparkTechnology { contexts { id dockerInfo { image version }
                               technologyContexts { id label job { features { type defaultValue } }
                                 jobContexts { id dockerInfo { image version } } } } } }
  synchronizationReports { count list { __typename trigger { type }
    ... on SuccessfulSynchronization { numberOfChanges issues { path message }
          technologyReports { technologyId technologyLabel status contextsReports { contextId status } } }
    ... on FailedSynchronization { failure } } }
} }"""

ADD = """mutation($name: String!, $url: URL, $file: Upload) {
  addRepository(repositoryInput: {name: $name, url: $url}, upload: $file) { count objects { id } } }"""


def add_repository(client: Client, name: str, *, content: bytes | None = None, url: str | None = None) -> str:
    if content is None:
        data = client.gql(ADD, {"name": name, "url": url}, gateway=True)
    else:
        operations = {"query": ADD, "variables": {"name": name, "url": None, "file": None}}
        response = client.http.post(
            "/gateway/api/graphql",
            headers=client.headers,
            data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
            files={"0": ("technologies.zip", content)},
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        data = body["data"]
    return str(data["addRepository"]["objects"][0]["id"])


def repository(client: Client, repository_id: str) -> dict[str, Any]:
    found: dict[str, Any] = client.gql(REPOSITORY, {"id": repository_id}, gateway=True)["repository"]
    return found


def synchronize(client: Client, repository_id: str, content: bytes | None = None) -> dict[str, Any]:
    query = """mutation($id: UUID!, $file: Upload) { synchronizeRepository(id: $id, upload: $file) {
                 count report { __typename id ... on FailedSynchronization { failure } } } }"""
    if content is None:
        result: dict[str, Any] = client.gql(query, {"id": repository_id}, gateway=True)["synchronizeRepository"]
        return result
    operations = {"query": query, "variables": {"id": repository_id, "file": None}}
    response = client.http.post(
        "/gateway/api/graphql",
        headers=client.headers,
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("technologies.zip", content)},
    )
    body = response.json()
    assert "errors" not in body, body
    synchro: dict[str, Any] = body["data"]["synchronizeRepository"]
    return synchro


def test_a_real_format_zip_yields_its_technologies_and_contexts(client: Client) -> None:
    repository_id = add_repository(client, "team catalog", content=make_zip(REAL_FORMAT))
    found = repository(client, repository_id)
    technologies = {t["technologyId"]: t for t in found["technologies"]}
    assert set(technologies) == {"shell", "notebook", "spark-custom"}

    shell = technologies["shell"]
    assert shell["__typename"] == "JobTechnology" and shell["label"] == "Shell scripts" and shell["icon"] == "bash"
    contexts = {c["id"]: c for c in shell["contexts"]}
    assert list(contexts) == ["debian11-bullseye", "debian12-bookworm"]
    assert contexts["debian11-bullseye"]["dockerInfo"] == {"image": "example/shell", "version": "debian11-1.0.0"}
    assert contexts["debian12-bookworm"]["recommended"] is True
    assert contexts["debian12-bookworm"]["trustLevel"] == "Experimental"
    features = contexts["debian11-bullseye"]["job"]["features"]
    assert [f["type"] for f in features] == ["COMMAND_LINE", "ARTIFACT", "SCHEDULER"]
    assert features[0] == {
        "type": "COMMAND_LINE",
        "label": "Command line",
        "mandatory": True,
        "comment": "Linux shell command",
        "defaultValue": 'echo "hello"',
    }

    notebook = technologies["notebook"]
    assert notebook["__typename"] == "AppTechnology" and notebook["backgroundColor"] == "#E87A35"
    (app_context,) = notebook["appContexts"]
    assert app_context["ports"] == [
        {"port": 8888, "name": "Notebook", "basePath": "SAAGIE_BASE_PATH", "rewriteUrl": False, "scope": "PROJECT"}
    ]
    assert app_context["volumes"] == [{"path": "/notebooks-dir"}]
    assert app_context["dockerInfo"] == {"image": "example/notebook", "version": "3.10-1.2.0"}
    assert app_context["deprecationDate"].startswith("2030-02-01")

    spark = technologies["spark-custom"]
    assert spark["__typename"] == "SparkTechnology" and spark["customFlags"] == ["Spark"]
    (version,) = spark["contexts"]
    assert version["id"] == "3.5"  # YAML numbers stay as written: not 3.5 the float, and 3.10 is not 3.1
    (language,) = version["technologyContexts"]
    assert language["id"] == "python" and language["job"]["features"][0]["type"] == "COMMAND_LINE"
    assert language["jobContexts"] == [
        {"id": "3.10", "dockerInfo": {"image": "example/spark", "version": "3.5-py-3.10-1.0.0"}}
    ]

    (report,) = found["synchronizationReports"]["list"]
    assert report["__typename"] == "SuccessfulSynchronization" and report["trigger"]["type"] == "INITIAL"
    assert report["issues"] == []
    assert report["numberOfChanges"] == 3
    statuses = {r["technologyId"]: r["status"] for r in report["technologyReports"]}
    assert statuses == {"shell": "CREATED", "notebook": "CREATED", "spark-custom": "CREATED"}
    shell_report = next(r for r in report["technologyReports"] if r["technologyId"] == "shell")
    assert shell_report["contextsReports"] == [
        {"contextId": "debian11-bullseye", "status": "CREATED"},
        {"contextId": "debian12-bookworm", "status": "CREATED"},
    ]
    # The catalog lists them too, with the repository's id.
    listed = client.gql("{ repositories { id technologies { technologyId } } }", gateway=True)["repositories"]
    mine = next(r for r in listed if r["id"] == repository_id)
    assert {t["technologyId"] for t in mine["technologies"]} == {"shell", "notebook", "spark-custom"}


def test_the_older_layout_is_read_too(client: Client) -> None:
    content = make_zip(
        {
            "technologies/job/legacy-r/technology.yaml": OLD_TECHNOLOGY,
            "technologies/job/legacy-r/r-4.3/context.yaml": OLD_CONTEXT,
            "technologies/job/legacy-r/r-4.3/dockerInfo.yaml": OLD_DOCKER,
            "technologies/job/legacy-r/r-4.3/Dockerfile": "FROM r-base\n",
        }
    )
    found = repository(client, add_repository(client, "older", content=content))
    (technology,) = found["technologies"]
    assert technology["technologyId"] == "legacy-r" and technology["label"] == "R (older layout)"
    (context,) = technology["contexts"]
    assert context["id"] == "4.3" and context["dockerInfo"] == {"image": "example/r", "version": "4.3-1.0.0"}
    assert context["job"]["features"][0]["defaultValue"] == "Rscript {file}"


def test_a_bad_zip_gives_a_report_with_issues(client: Client) -> None:
    content = make_zip(
        {
            "technologies/job/shell/metadata.yaml": BASH_METADATA,
            "technologies/job/broken-yaml/metadata.yaml": "type: JOB\nid: [unclosed\n",
            "technologies/job/no-type/metadata.yaml": "version: v1\nid: no-type\nlabel: No type\n",
            "technologies/app/no-image/metadata.yaml": (
                "version: v1\ntype: APP\nid: no-image\nlabel: No image\ncontexts:\n  - id: c1\n    label: C1\n"
            ),
            "technologies/job/shell-copy/metadata.yaml": BASH_METADATA,  # the same technology id twice
            "technologies/job/future/metadata.yaml": "version: v9\ntype: JOB\nid: future\nlabel: Future\n",
        }
    )
    found = repository(client, add_repository(client, "partly broken", content=content))
    (report,) = found["synchronizationReports"]["list"]
    assert report["__typename"] == "SuccessfulSynchronization"
    issues = {issue["path"]: issue["message"] for issue in report["issues"]}
    assert set(issues) == {
        "technologies/job/broken-yaml/metadata.yaml",
        "technologies/job/no-type/metadata.yaml",
        "technologies/app/no-image/metadata.yaml",
        "technologies/job/shell-copy/metadata.yaml",
        "technologies/job/future/metadata.yaml",
    }
    assert "invalid YAML" in issues["technologies/job/broken-yaml/metadata.yaml"]
    assert "'type' must be JOB or APP" in issues["technologies/job/no-type/metadata.yaml"]
    assert "dockerInfo" in issues["technologies/app/no-image/metadata.yaml"]
    assert "already declared" in issues["technologies/job/shell-copy/metadata.yaml"]
    assert "v9" in issues["technologies/job/future/metadata.yaml"]
    # The good technology is read; the app whose only context is broken comes without contexts.
    labels = {t["technologyId"]: t for t in found["technologies"]}
    assert set(labels) == {"shell", "no-image"}
    assert labels["no-image"]["appContexts"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a zip archive", "neither a zip archive nor a technology metadata file"),
        (make_zip(REAL_FORMAT)[:200], "not a valid zip archive"),
        (make_zip({"README.md": "nothing here"}), "No technology found"),
    ],
    ids=["text", "truncated-zip", "no-metadata"],
)
def test_an_unreadable_file_gives_a_failed_synchronization(client: Client, content: bytes, message: str) -> None:
    found = repository(client, add_repository(client, "unreadable", content=content))
    (report,) = found["synchronizationReports"]["list"]
    assert report["__typename"] == "FailedSynchronization"
    assert message in report["failure"]
    assert found["technologies"] == []


def test_urls_other_than_file_cannot_be_reached(client: Client, tmp_path: Path) -> None:
    found = repository(client, add_repository(client, "remote", url="https://example.com/technologies.zip"))
    (report,) = found["synchronizationReports"]["list"]
    assert report["__typename"] == "FailedSynchronization" and "no network access" in report["failure"]
    missing = repository(client, add_repository(client, "missing", url=(tmp_path / "nope.zip").as_uri()))
    assert "Cannot read" in missing["synchronizationReports"]["list"][0]["failure"]


def test_synchronizing_a_file_url_reports_what_changed_and_revert_goes_back(client: Client, tmp_path: Path) -> None:
    archive = tmp_path / "technologies.zip"
    archive.write_bytes(make_zip(REAL_FORMAT))
    repository_id = add_repository(client, "from a file", url=archive.as_uri())
    first = repository(client, repository_id)
    ids = {t["technologyId"]: t["id"] for t in first["technologies"]}
    assert set(ids) == {"shell", "notebook", "spark-custom"}

    # Next release: the shell technology drops a context, the notebook goes, an R technology comes.
    changed = BASH_METADATA.split("  - id: debian12-bookworm")[0]
    archive.write_bytes(
        make_zip(
            {
                "technologies/job/shell/metadata.yaml": changed,
                "technologies/job/spark-custom/metadata.yaml": SPARK_METADATA,
                "technologies/job/legacy-r/technology.yaml": OLD_TECHNOLOGY,
                "technologies/job/legacy-r/r-4.3/context.yaml": OLD_CONTEXT,
                "technologies/job/legacy-r/r-4.3/dockerInfo.yaml": OLD_DOCKER,
            }
        )
    )
    synchro = synchronize(client, repository_id)
    assert synchro["report"]["__typename"] == "SuccessfulSynchronization"
    second = repository(client, repository_id)
    assert {t["technologyId"] for t in second["technologies"]} == {"shell", "spark-custom", "legacy-r"}
    assert {t["technologyId"]: t["id"] for t in second["technologies"]}["shell"] == ids["shell"]  # same id
    latest = second["synchronizationReports"]["list"][0]
    assert latest["trigger"]["type"] == "MANUAL"
    statuses = {r["technologyId"]: r["status"] for r in latest["technologyReports"]}
    assert statuses == {"shell": "UPDATED", "spark-custom": "UNCHANGED", "legacy-r": "CREATED", "notebook": "DELETED"}
    assert latest["numberOfChanges"] == 3
    shell = next(r for r in latest["technologyReports"] if r["technologyId"] == "shell")
    assert {c["contextId"]: c["status"] for c in shell["contextsReports"]} == {
        "debian11-bullseye": "UNCHANGED",
        "debian12-bookworm": "DELETED",
    }

    # The file becomes unreadable: a failed report, the catalog keeps what it had.
    archive.write_bytes(b"garbage")
    assert synchronize(client, repository_id)["report"]["__typename"] == "FailedSynchronization"
    assert {t["technologyId"] for t in repository(client, repository_id)["technologies"]} == {
        "shell",
        "spark-custom",
        "legacy-r",
    }

    # Revert the last successful synchronization: back to the first content.
    reports = client.gql(
        """query($id: UUID!) { repository(id: $id) { synchronizationReports { lastReversibleId } } }""",
        {"id": repository_id},
        gateway=True,
    )["repository"]["synchronizationReports"]
    client.gql(
        """mutation($r: UUID!, $s: UUID!) { revertLastSynchronization(repositoryId: $r, synchronizationReportId: $s)
             { count } }""",
        {"r": repository_id, "s": reports["lastReversibleId"]},
        gateway=True,
    )
    reverted = repository(client, repository_id)
    assert {t["technologyId"] for t in reverted["technologies"]} == {"shell", "notebook", "spark-custom"}
    shell_contexts = next(t for t in reverted["technologies"] if t["technologyId"] == "shell")["contexts"]
    assert [c["id"] for c in shell_contexts] == ["debian11-bullseye", "debian12-bookworm"]


def test_a_single_metadata_file_is_a_repository(client: Client) -> None:
    found = repository(client, add_repository(client, "one file", content=BASH_METADATA.encode()))
    assert [t["technologyId"] for t in found["technologies"]] == ["shell"]


def test_a_custom_technology_can_be_used_by_a_job(client: Client) -> None:
    repository_id = add_repository(client, "team", content=make_zip(REAL_FORMAT))
    shell_id = next(t["id"] for t in repository(client, repository_id)["technologies"] if t["technologyId"] == "shell")
    project = client.gql(
        """mutation($t: [TechnologyInput!]) { createProject(project: {name: "custom", technologiesByCategory: [
             {jobCategory: "Processing", technologies: $t}]}) { id } }""",
        {"t": [{"id": shell_id}]},
    )["createProject"]["id"]
    client.platform.clock.advance(minutes=10)  # let the project finish its initialisation, if it has one
    job = client.gql(
        """mutation($p: UUID!, $t: UUID!) { createJob(job: {projectId: $p, name: "uses custom",
             category: "Processing", technology: {id: $t}, isScheduled: false, isStreaming: false},
             jobVersion: {runtimeVersion: "debian11-bullseye", commandLine: "echo hi"}) { id technology { id } } }""",
        {"p": project, "t": shell_id},
    )["createJob"]
    assert job["technology"]["id"] == shell_id


def test_zip_bombs_and_alias_bombs_are_issues_not_crashes(client: Client) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    content = make_zip(
        {
            "technologies/job/bomb/metadata.yaml": "type: JOB\nid: bomb\nlabel: Bomb\n" + bomb,
            "technologies/job/huge/metadata.yaml": "type: JOB\nid: huge\nlabel: Huge\n#" + "x" * (2 * 1024 * 1024),
            "technologies/job/shell/metadata.yaml": BASH_METADATA,
        }
    )
    found = repository(client, add_repository(client, "bombs", content=content))
    issues = {i["path"]: i["message"] for i in found["synchronizationReports"]["list"][0]["issues"]}
    assert "values" in issues["technologies/job/bomb/metadata.yaml"]
    assert "bytes" in issues["technologies/job/huge/metadata.yaml"]
    assert [t["technologyId"] for t in found["technologies"]] == ["shell"]
