"""Helpers for the emulator's own tests: a small GraphQL/REST client over real HTTP."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from saagie_emulator import RunningPlatform, running


class Client:
    """Logs in like the platform's clients do, then posts GraphQL to either endpoint."""

    def __init__(self, platform: RunningPlatform) -> None:
        self.platform = platform
        self.http = httpx.Client(base_url=platform.url, timeout=10)
        try:
            self.token = self.login()
        except BaseException:
            self.http.close()
            raise

    def login(self) -> str:
        response = self.http.post(
            self.platform.url + "/authentication/api/open/authenticate",  # the double slash 2.x sends
            json={"login": self.platform.user, "password": self.platform.password},
            headers={"Saagie-Realm": self.platform.realm},
        )
        assert response.status_code == 200, response.text
        return response.text

    @property
    def headers(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"}

    def raw(self, query: str, variables: dict[str, Any] | None = None, *, gateway: bool = False) -> httpx.Response:
        path = "/gateway/api/graphql" if gateway else f"/projects/api/platform/{self.platform.platform_id}/graphql"
        return self.http.post(path, json={"query": query, "variables": variables or {}}, headers=self.headers)

    def gql(self, query: str, variables: dict[str, Any] | None = None, *, gateway: bool = False) -> dict[str, Any]:
        response = self.raw(query, variables, gateway=gateway)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def errors(self, query: str, variables: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        response = self.raw(query, variables)
        assert response.status_code == 200, response.text
        errors: list[dict[str, Any]] = response.json()["errors"]
        return errors

    def technology(self, label: str) -> str:
        data = self.gql("{ repositories { name technologies { id label } } }", gateway=True)
        saagie = next(r for r in data["repositories"] if r["name"] == "Saagie")
        return str(next(t["id"] for t in saagie["technologies"] if t["label"] == label))

    def project(self, name: str = "tests") -> str:
        technologies = [{"id": self.technology(label)} for label in ("Python", "Bash")]
        data = self.gql(
            """mutation($name: String!, $t: [TechnologyInput!], $a: [TechnologyInput!]) {
                 createProject(project: {name: $name, technologiesByCategory: [
                   {jobCategory: "Extraction", technologies: $t}, {jobCategory: "Processing", technologies: $t}],
                   appTechnologies: $a}) { id } }""",
            {"name": name, "t": technologies, "a": [{"id": self.technology("Docker image")}]},
        )
        # A new project initialises (CREATED ... READY) in emulated time: jump over it.
        self.platform.clock.advance(seconds=10)
        return str(data["createProject"]["id"])

    def job(self, project_id: str, name: str, runtime: str = "3.11") -> str:
        data = self.gql(
            """mutation($p: UUID!, $n: String!, $t: UUID!, $r: String) {
                 createJob(job: {projectId: $p, name: $n, category: "Processing", technology: {id: $t},
                   isScheduled: false, isStreaming: false}, jobVersion: {runtimeVersion: $r}) { id } }""",
            {"p": project_id, "n": name, "t": self.technology("Python"), "r": runtime},
        )
        return str(data["createJob"]["id"])

    def wait(self, predicate: Callable[[], bool], timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            assert time.monotonic() < deadline, "condition not reached in time"
            time.sleep(0.02)

    def close(self) -> None:
        self.http.close()


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with running(speed=100.0) as served:
        yield served


@pytest.fixture
def client(platform: RunningPlatform) -> Iterator[Client]:
    platform.reset()
    platform.set_speed(100.0)
    created = Client(platform)
    yield created
    created.close()
