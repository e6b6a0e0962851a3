"""Names of projects, jobs and apps: a wrong type, an empty name or a NUL is refused before anything is sent,
with a message that says which of them it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from saagieapi import InvalidInputError, SaagieApi

CALLS: dict[str, Callable[[SaagieApi, Any], object]] = {
    "projects.create": lambda api, name: api.projects.create(name),
    "projects.edit": lambda api, name: api.projects.edit("p1", name=name),
    "jobs.create": lambda api, name: api.jobs.create(name, "p1", docker_info={"image": "alpine"}),
    "jobs.edit": lambda api, name: api.jobs.edit("j1", job_name=name),
    "apps.create_from_scratch": lambda api, name: api.apps.create_from_scratch("p1", name, image="nginx"),
    "apps.edit": lambda api, name: api.apps.edit("a1", app_name=name),
}
PARAM = {"projects": "name", "jobs": "job_name", "apps": "app_name"}


@pytest.mark.parametrize("method", sorted(CALLS))
@pytest.mark.parametrize(
    ("name", "says"),
    [
        (123, r"must be a string \((a|an) \w+'s name\), not int 123"),
        (["etl"], r"must be a string \((a|an) \w+'s name\), not list \['etl'\]"),
        ("   ", r"is empty: (a|an) \w+ needs a name"),
        ("etl\x00v2", r"contains a NUL character \(\\x00\), which the platform cannot store: remove it"),
    ],
)
def test_bad_name_is_refused_before_any_request(
    api: SaagieApi, httpx_mock: HTTPXMock, method: str, name: object, says: str
) -> None:
    with pytest.raises(InvalidInputError, match=rf"^{PARAM[method.split('.')[0]]} {says}"):
        CALLS[method](api, name)
    assert httpx_mock.get_requests() == []
