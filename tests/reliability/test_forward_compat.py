"""A newer platform answering with unknown enum values, unknown __typename values and extra fields.

The SDK must still return its models, keeping what it does not know (no validation error, no crash).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi

from ..support.platforms import connect, connect_async


@pytest.fixture
def api(saagie_platform: RunningPlatform) -> Iterator[SaagieApi]:
    with connect(saagie_platform) as client:
        yield client


def test_unknown_typename_on_an_interface_falls_back_and_keeps_the_name(
    saagie_platform: RunningPlatform, api: SaagieApi
) -> None:
    known = api.get_repositories_info(refresh=True)
    spark_before = sum(t.typename__ == "SparkTechnology" for r in known for t in r.technologies)
    assert spark_before > 0
    saagie_platform.forward_compat.configure(typenames={"SparkTechnology": "QuantumTechnology"})

    repositories = api.get_repositories_info(refresh=True)

    technologies = [t for r in repositories for t in r.technologies]
    unknown = [t for t in technologies if t.typename__ == "QuantumTechnology"]
    assert len(unknown) == spark_before
    # The fallback is the interface's own model: common fields kept, the unknown name preserved.
    assert all(type(t).__name__ == "OtherTechnology" for t in unknown)
    assert all(t.technology_id and t.label for t in unknown)
    assert unknown[0].model_dump(by_alias=True)["__typename"] == "QuantumTechnology"
    # Known implementations still get their own models.
    assert any(type(t).__name__ == "JobTechnology" for t in technologies)


def test_unknown_enum_values_are_preserved(saagie_platform: RunningPlatform, api: SaagieApi, script: Path) -> None:
    project = api.projects.create("forward-compat")
    job = api.jobs.create("j", project.id, file=script, technology="Python", runtime_version="3.10")
    saagie_platform.forward_compat.configure(enum_values={"trustLevel": "EXPERIMENTAL", "status": "PAUSED"})

    instance = api.jobs.run(job.id)
    assert instance.status.value == "PAUSED"  # an enum pseudo-member, not a validation error
    assert instance.history is not None and instance.history.current_status.status.value == "PAUSED"
    assert instance.model_dump(by_alias=True, mode="json")["status"] == "PAUSED"

    contexts = [
        context
        for repository in api.get_repositories_info(refresh=True)
        for technology in repository.technologies
        for context in getattr(technology, "contexts", [])
    ]
    assert contexts and {context.trust_level.value for context in contexts} == {"EXPERIMENTAL"}


def test_extra_fields_everywhere_are_ignored(saagie_platform: RunningPlatform, api: SaagieApi, script: Path) -> None:
    project = api.projects.create("forward-compat")
    job = api.jobs.create("j", project.id, file=script, technology="Python", runtime_version="3.10")
    saagie_platform.forward_compat.configure(extra_field="addedInSaagie5")

    assert api.projects.get_info(project.id).name == "forward-compat"
    assert [j.id for j in api.jobs.list_for_project(project.id)] == [job.id]
    assert api.jobs.get_info(job.id).name == "j"
    assert api.jobs.run(job.id).job_id == job.id
    assert api.get_repositories_info(refresh=True)
    assert api.jobs.upgrade(job.id, file=script, release_note="v2").number == 2


@pytest.mark.anyio
async def test_async_client_with_everything_at_once(saagie_platform: RunningPlatform, script: Path) -> None:
    saagie_platform.forward_compat.configure(
        extra_field="addedInSaagie5",
        enum_values={"status": "PAUSED"},
        typenames={"JobTechnology": "BatchTechnology", "SparkTechnology": "QuantumTechnology"},
    )
    async with connect_async(saagie_platform) as api:
        repositories = await api.get_repositories_info(refresh=True)
        names = {t.typename__ for r in repositories for t in r.technologies}
        assert {"BatchTechnology", "QuantumTechnology"} <= names
        projects = await api.projects.list()
        assert isinstance(projects, list)


def test_unknown_member_of_a_union_type_gets_the_added_unknown_model() -> None:
    from saagieapi.models import DeletedRepository, UnknownSource, UrlSource

    when = "2024-01-01T00:00:00Z"
    base = {"id": "r", "name": "n", "creationDate": when, "creator": "a", "editor": "b", "modificationDate": when}
    known = DeletedRepository.model_validate({**base, "source": {"__typename": "UrlSource", "url": "https://x"}})
    assert isinstance(known.source, UrlSource)
    unknown = DeletedRepository.model_validate({**base, "source": {"__typename": "GitSource", "branch": "m"}})
    assert isinstance(unknown.source, UnknownSource)
    assert unknown.source.typename__ == "GitSource"
    assert unknown.model_dump(by_alias=True)["source"] == {"__typename": "GitSource"}
