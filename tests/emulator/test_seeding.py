"""Seeding: a platform that starts with groups, users, projects, variables and catalog entries from a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest

from saagie_emulator import RunningPlatform, running
from saagie_emulator.seeding import SeedError

from .conftest import Client
from .test_repository_content import REAL_FORMAT, make_zip

SEED = """\
groups:
  - name: technical-ci
  - name: analysts
    users: [ann]
    permissions:
      realmAuthorization:
        permissions:
          - artifact: {type: TECHNOLOGY_CATALOG}
            role: ROLE_ACCESS
users:
  - login: ci-bot
    password: ci-bot-password
    roles: [ROLE_READER]
    groups: [technical-ci]
    email: ci-bot@example.com
    job: DATA_ENGINEER
  - login: ann
    password: ann-password
catalog:
  - name: team-technologies
    zip: technologies.zip
  - name: inline
    technologies:
      - version: v1
        type: JOB
        id: dbt
        label: dbt
        contexts:
          - id: "1.7"
            label: dbt 1.7
            dockerInfo: {image: example/dbt, version: "1.7"}
projects:
  - name: analytics
    description: The team's analytics
    job_technologies: [Python, Shell scripts, dbt]
    app_technologies: [Team notebook]
    rights:
      - {group: technical-ci, role: ROLE_PROJECT_EDITOR}
      - {group: analysts}
    variables:
      - {name: DB_URL, value: "postgres://db/analytics"}
      - {name: DB_PASSWORD, value: s3cret, password: true, description: the database password}
  - name: sandbox
variables:
  - {name: ENVIRONMENT, value: ci}
"""


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    (tmp_path / "technologies.zip").write_bytes(make_zip(REAL_FORMAT))
    path = tmp_path / "seed.yaml"
    path.write_text(SEED)
    return path


def _check_seeded(platform: RunningPlatform) -> None:
    client = Client(platform)
    groups = client.http.get("/auth/api/groups", headers=client.headers).json()
    assert {"technical-ci", "analysts"} <= {g["name"] for g in groups}
    members = client.http.get("/auth/api/groups/technical-ci", headers=client.headers).json()
    assert members["users"] == ["ci-bot"]
    assert client.http.get("/auth/api/groups/analysts", headers=client.headers).json()["users"] == ["ann"]
    permissions = client.http.get("/security/api/groups/analysts", headers=client.headers).json()
    assert permissions["realmAuthorization"]["permissions"][0]["role"] == "ROLE_ACCESS"
    user = client.http.get("/auth/api/users/ci-bot", headers=client.headers).json()
    assert user["roles"] == ["ROLE_READER"] and user["groups"] == ["technical-ci"]
    profile = client.http.get("/profiles/api/ci-bot", headers=client.headers).json()
    assert profile["email"] == "ci-bot@example.com" and profile["job"] == "DATA_ENGINEER"
    with httpx.Client(base_url=platform.url) as http:  # the seeded user can log in with its password
        login = http.post(
            "/authentication/api/open/authenticate",
            json={"login": "ci-bot", "password": "ci-bot-password"},
            headers={"Saagie-Realm": platform.realm},
        )
        assert login.status_code == 200

    projects = client.gql(
        """{ projects { id name description status
             technologiesByCategory { jobCategory technologies { id } } appTechnologies { id } } }"""
    )["projects"]
    assert [p["name"] for p in projects] == ["analytics", "sandbox"]
    analytics = projects[0]
    assert analytics["status"] == "READY" and analytics["description"] == "The team's analytics"
    rights = client.gql("query($p: UUID!) { rights(projectId: $p) { name role } }", {"p": analytics["id"]})
    assert rights["rights"] == [
        {"name": "technical-ci", "role": "ROLE_PROJECT_EDITOR"},
        {"name": "analysts", "role": "ROLE_PROJECT_VIEWER"},
    ]
    catalog = client.gql("{ repositories { name technologies { id label } } }", gateway=True)["repositories"]
    labels = {t["id"]: t["label"] for r in catalog for t in r["technologies"]}
    assert {r["name"] for r in catalog} == {"Saagie", "team-technologies", "inline"}
    processing = next(c for c in analytics["technologiesByCategory"] if c["jobCategory"] == "Processing")
    assert sorted(labels[t["id"]] for t in processing["technologies"]) == ["Python", "Shell scripts", "dbt"]
    assert [labels[t["id"]] for t in analytics["appTechnologies"]] == ["Team notebook"]
    sandbox = projects[1]  # defaults: every job and app technology of the catalog
    sandbox_processing = next(c for c in sandbox["technologiesByCategory"] if c["jobCategory"] == "Processing")
    assert "dbt" in {labels[t["id"]] for t in sandbox_processing["technologies"]}

    variables = client.gql(
        "query($p: UUID!) { projectEnvironmentVariables(projectId: $p) { name value isPassword scope } }",
        {"p": analytics["id"]},
    )["projectEnvironmentVariables"]
    by_name = {v["name"]: v for v in variables}
    assert by_name["DB_URL"]["value"] == "postgres://db/analytics" and by_name["DB_URL"]["scope"] == "PROJECT"
    assert by_name["DB_PASSWORD"]["isPassword"] is True and by_name["DB_PASSWORD"]["value"] != "s3cret"
    assert by_name["ENVIRONMENT"]["scope"] == "GLOBAL"
    # A job can be created at once with a seeded technology.
    shell = next(i for i, label in labels.items() if label == "Shell scripts")
    job = client.gql(
        """mutation($p: UUID!, $t: UUID!) { createJob(job: {projectId: $p, name: "nightly", category: "Processing",
             technology: {id: $t}, isScheduled: false, isStreaming: false},
             jobVersion: {runtimeVersion: "debian11-bullseye", commandLine: "echo"}) { id } }""",
        {"p": analytics["id"], "t": shell},
    )
    assert job["createJob"]["id"]
    client.close()


def test_a_yaml_seed_file_gives_groups_users_projects_variables_and_catalog(seed_file: Path) -> None:
    with running(seed=seed_file) as platform:
        _check_seeded(platform)
        client = Client(platform)
        client.project("temporary")
        platform.reset()  # a reset goes back to the seeded state, not to an empty platform
        names = [p["name"] for p in client.gql("{ projects { name } }")["projects"]]
        assert names == ["analytics", "sandbox"]
        client.close()
        _check_seeded(platform)


def test_json_and_dict_seeds(seed_file: Path, tmp_path: Path) -> None:
    import yaml

    content = yaml.safe_load(SEED)
    content["catalog"][0]["zip"] = str(tmp_path / "technologies.zip")  # a dict has no folder: absolute path
    json_file = tmp_path / "seed.json"
    json_file.write_text(json.dumps(content))
    for seed in (json_file, content):
        with running(seed=seed) as platform:
            _check_seeded(platform)


def test_a_client_expecting_a_technical_ci_group_can_start() -> None:
    with running(seed={"groups": [{"name": "technical-ci"}]}) as platform:
        client = Client(platform)
        response = client.http.get("/auth/api/groups/technical-ci", headers=client.headers)
        assert response.status_code == 200 and response.json()["name"] == "technical-ci"
        client.close()


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        ({"project": []}, "unknown section(s) project"),
        ({"groups": {"name": "x"}}, "'groups' must be a list"),
        ({"users": [{"login": "x"}]}, "users[0]: 'password' is required"),
        ({"users": [{"login": "x", "password": "y", "groups": ["nope"]}]}, "users[0]: Unknown groups"),
        ({"users": [{"login": "x", "password": "y", "roles": "ROLE_ADMIN"}]}, "'roles' must be a list of strings"),
        ({"groups": [{"name": "g", "users": ["ghost"]}]}, "unknown user(s) ghost"),
        ({"projects": [{"name": "p", "job_technologies": ["Cobol"]}]}, "no such technology 'Cobol'"),
        ({"projects": [{"name": "p", "rights": [{"group": "nope"}]}]}, "Group 'nope' does not exist"),
        ({"projects": [{"name": "p", "rights": [{"group": "administrators", "role": "OWNER"}]}]}, "ProjectRole"),
        ({"projects": [{"name": "p"}, {"name": "P"}]}, "projects[1]: A project named 'P' already exists"),
        ({"projects": [{"name": "p", "variables": [{"value": "x"}]}]}, "projects[0].variables[0]: 'name'"),
        ({"catalog": [{"name": "c", "technologies": [{"type": "JOB", "id": "x"}]}]}, "'label' is required"),
        ({"catalog": [{"name": "c", "zip": "relative.zip"}]}, "a relative 'zip' path needs a seed file"),
        ({"catalog": [{"name": "Saagie", "technologies": [{}]}]}, "already exists"),
        ({"groups": [{"name": "g", "permissions": {"authorizations": 7}}]}, "'authorizations' must be a list"),
    ],
)
def test_a_seed_that_does_not_fit_stops_the_start(seed: dict[str, Any], message: str) -> None:
    with pytest.raises(SeedError) as raised, running(seed=seed):
        pass
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_command_lines_take_a_seed_and_refuse_a_bad_one(seed_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("projects:\n  - name: p\n    job_technologies: [Cobol]\n")
    result = subprocess.run(
        [sys.executable, "-m", "saagie_emulator", "--port", "1", "--seed", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no such technology 'Cobol'" in result.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("groups: [unclosed\n")
    result = subprocess.run(
        [sys.executable, "-m", "saagie_emulator", "--port", "1", "--seed", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2 and "not valid YAML" in result.stderr and "Traceback" not in result.stderr


XDIST_TEST = """
import os
import httpx


def _check(platform, name):
    with httpx.Client(base_url=platform.url) as http:
        token = http.post("/authentication/api/open/authenticate",
                          json={"login": platform.user, "password": platform.password},
                          headers={"Saagie-Realm": platform.realm}).text
        headers = {"Authorization": f"Bearer {token}"}
        assert http.get("/auth/api/groups/technical-ci", headers=headers).status_code == 200
        graphql = f"/projects/api/platform/{platform.platform_id}/graphql"
        projects = http.post(graphql, json={"query": "{ projects { name } }"}, headers=headers).json()
        assert projects["data"]["projects"] == []  # reset: nothing left by another test or worker
        created = http.post(graphql, headers=headers, json={"query": (
            'mutation { createProject(project: {name: "%s", technologiesByCategory: []}) { id } }' % name)})
        assert "errors" not in created.json(), created.text
    with open(os.environ["SEEN_FILE"], "a") as seen:
        seen.write(f"{os.environ.get('PYTEST_XDIST_WORKER')} {platform.url}\\n")

"""


def test_the_fixture_under_pytest_xdist_gives_each_worker_its_own_platform(tmp_path: Path) -> None:
    """A throwaway project run with ``-n 2``: each worker has its own platform (its own port), seeded from the
    ini option, and tests that create the same project name never collide."""
    project = tmp_path / "client-project"
    project.mkdir()
    (project / "seed.yaml").write_text("groups:\n  - name: technical-ci\n")
    (project / "pytest.ini").write_text("[pytest]\nsaagie_emulator_seed = seed.yaml\n")
    body = XDIST_TEST + "".join(
        f"\n\ndef test_{index}(saagie_platform):\n    _check(saagie_platform, 'same-name')\n" for index in range(8)
    )
    (project / "test_a.py").write_text(textwrap.dedent(body))
    (project / "test_b.py").write_text(textwrap.dedent(body))
    seen = tmp_path / "seen.txt"
    env = {**os.environ, "SEEN_FILE": str(seen)}
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("PYTEST_ADDOPTS", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", str(project)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "16 passed" in result.stdout
    lines = [line.split() for line in seen.read_text().splitlines()]
    assert len(lines) == 16
    workers = {worker: url for worker, url in lines}
    assert set(workers) == {"gw0", "gw1"}
    assert len(set(workers.values())) == 2  # one platform per worker, on ports of their own
    for worker, url in lines:
        assert workers[worker] == url  # a worker keeps its platform for the whole session


def test_saagie_emulator_command_takes_a_seed(tmp_path: Path) -> None:
    from tests.cli.conftest import invoke

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"users": [{"login": "ci-bot"}]}))
    result = invoke({"SAAGIE_CONFIG": str(tmp_path / "c.ini")}, "emulator", "--seed", str(bad), "--port", "1")
    assert result.exit_code == 2
    assert "users[0]: 'password' is required" in result.stderr and "Traceback" not in result.stderr
    assert "SAAGIE_URL" not in result.stdout


def test_the_lowest_pyyaml_the_emulator_extra_allows(tmp_path: Path, seed_file: Path) -> None:
    """pyproject's emulator extra says PyYAML>=6.0.1: seeds and repository zips work with exactly that version."""
    import re

    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    (lowest,) = re.findall(r'"PyYAML>=([0-9.]+)"', pyproject)
    target = tmp_path / "lowest"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), f"PyYAML=={lowest}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    script = textwrap.dedent(
        f"""
        import yaml
        assert yaml.__version__ == {lowest!r}, yaml.__version__
        from saagie_emulator import running
        from tests.emulator.test_seeding import _check_seeded
        with running(seed={str(seed_file)!r}) as platform:
            _check_seeded(platform)
        print("ok", yaml.__version__)
        """
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(root)])}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=env, cwd=root, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == f"ok {lowest}"
