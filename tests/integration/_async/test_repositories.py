"""api.repositories against the emulator over real HTTP."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import saagieapi
from saagie_emulator import RunningPlatform
from saagieapi import AsyncSaagieApi
from saagieapi.models import AppTechnology, JobTechnology

from ...support.platforms import connect_async

pytestmark = pytest.mark.anyio


def make_zip(folder: Path, name: str, technology: str) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            f"technologies/job/{technology}/metadata.yaml",
            f"version: v1\ntype: JOB\nid: {technology}\nlabel: {technology.title()}\ncontexts: []\n",
        )
    return path


async def test_list_and_get_info_give_typed_technologies(api: AsyncSaagieApi) -> None:
    (saagie,) = [repo for repo in await api.repositories.list() if repo.name == "Saagie"]
    assert saagie.read_only and saagie.source.typename__ == "UrlSource"
    assert saagie.synchronization_reports.count == 1  # last_synchronization=True by default
    technologies = saagie.technologies
    python = next(t for t in technologies if t.label == "Python")
    assert isinstance(python, JobTechnology) and python.contexts
    jupyter = next(t for t in technologies if t.label == "Jupyter Notebook")
    assert isinstance(jupyter, AppTechnology) and jupyter.app_contexts[0].docker_info is not None

    minimal = await api.repositories.list(minimal=True)
    assert [repo.name for repo in minimal] == ["Saagie"] and not hasattr(minimal[0], "technologies")

    info = await api.repositories.get_info(saagie.id)
    assert info.name == "Saagie" and {t.id for t in info.technologies} == {t.id for t in technologies}


async def test_get_id(api: AsyncSaagieApi) -> None:
    saagie_id = await api.repositories.get_id("Saagie")
    assert (await api.repositories.get_info(saagie_id)).name == "Saagie"
    with pytest.raises(saagieapi.NotFoundError, match="Existing: Saagie"):
        await api.repositories.get_id("no such repository")


async def test_zip_repository_lifecycle(api: AsyncSaagieApi, tmp_path: Path) -> None:
    first = make_zip(tmp_path, "technologies.zip", "bash")
    second = make_zip(tmp_path, "new_technologies.zip", "python")

    created = await api.repositories.create("from zip", file=first)
    repository_id = created.objects[0].id
    assert created.objects[0].source.typename__ == "FileSource"
    assert created.objects[0].source.name == "technologies.zip"  # type: ignore[union-attr]
    assert (await api.repositories.get_info(repository_id)).synchronization_reports.last_reversible_id is None
    with pytest.raises(saagieapi.NotFoundError, match="reversible synchronization"):
        await api.repositories.revert_last_synchronization(repository_id)

    synchro = await api.repositories.synchronize(repository_id, file=second)
    assert synchro.repository_id == repository_id and synchro.report.source is not None
    info = await api.repositories.get_info(repository_id)
    assert info.source.name == "new_technologies.zip"  # type: ignore[union-attr]
    assert info.synchronization_reports.last_reversible_id == synchro.report.id

    await api.repositories.revert_last_synchronization(repository_id)
    reverted = await api.repositories.get_info(repository_id, with_reverted=True)
    assert reverted.source.name == "technologies.zip"  # type: ignore[union-attr]
    assert any(getattr(r, "revert", None) is not None for r in reverted.synchronization_reports.list_)
    not_reverted = await api.repositories.get_info(repository_id, with_reverted=False)
    assert all(getattr(r, "revert", None) is None for r in not_reverted.synchronization_reports.list_)
    assert len((await api.repositories.get_info(repository_id, True, 1)).synchronization_reports.list_) == 1

    # Without a new file, a repository made from a zip is synchronized again (the emulator keeps no file:
    # the report says what could not be read); the platform documents no refusal.
    assert (await api.repositories.synchronize(repository_id)).repository_id == repository_id

    removed = await api.repositories.delete(repository_id)
    assert removed.id == repository_id and removed.name == "from zip"
    with pytest.raises(saagieapi.GraphQLError):
        await api.repositories.delete(repository_id)
    with pytest.raises(saagieapi.NotFoundError):
        await api.repositories.get_info(repository_id)


async def test_create_refuses_bad_input(api: AsyncSaagieApi, tmp_path: Path) -> None:
    with pytest.raises(saagieapi.InvalidInputError):
        await api.repositories.create("x", file=tmp_path / "missing.zip")
    with pytest.raises(saagieapi.InvalidInputError):
        await api.repositories.create("x", file=make_zip(tmp_path, "a.zip", "bash"), url="https://example.com/a.zip")
    with pytest.raises(saagieapi.GraphQLError, match="already exists"):
        await api.repositories.create("Saagie", url="https://example.com/a.zip")


async def test_read_only_repository_cannot_be_edited(api: AsyncSaagieApi) -> None:
    with pytest.raises(saagieapi.GraphQLError, match="read-only"):
        await api.repositories.edit(await api.repositories.get_id("Saagie"), name="mine")


async def test_catalog_cache_is_invalidated_by_repository_changes(api: AsyncSaagieApi) -> None:
    before = {repo.name for repo in await api.get_repositories_info()}
    created = await api.repositories.create("cached?", url="https://example.com/cached.zip")
    assert {repo.name for repo in await api.get_repositories_info()} == before | {"cached?"}
    await api.repositories.edit(created.objects[0].id, name="renamed")
    assert "renamed" in {repo.name for repo in await api.get_repositories_info()}
    await api.repositories.delete(created.objects[0].id)
    assert {repo.name for repo in await api.get_repositories_info()} == before


async def test_url_repository_lifecycle(platform: RunningPlatform, tmp_path: Path) -> None:
    async with connect_async(platform) as client:
        # The emulator has no network: only file:// URLs can be read (an https URL gives a failed report).
        first_url = make_zip(tmp_path, "t.zip", "bash").as_uri()
        second_url = make_zip(tmp_path, "v2.zip", "python").as_uri()
        created = await client.repositories.create("from url", url=first_url)
        repository_id = created.objects[0].id
        assert await client.repositories.get_id("from url") == repository_id

        edited = await client.repositories.edit(
            repository_id, name="renamed", url=second_url, trigger_synchronization=True
        )
        assert edited.objects[0].name == "renamed"
        assert edited.objects[0].source.url == second_url  # type: ignore[union-attr]

        synchro = await client.repositories.synchronize(repository_id)
        assert synchro.report.trigger.type_ == "MANUAL"
        info = await client.repositories.get_info(repository_id, last_synchronization=True)
        assert info.synchronization_reports.count == 1
        assert info.synchronization_reports.last_reversible_id == synchro.report.id

        await client.repositories.revert_last_synchronization(repository_id)
        synchro = await client.repositories.synchronize(repository_id, file=make_zip(tmp_path, "z.zip", "r"))
        assert synchro.report.source.name == "z.zip"  # type: ignore[union-attr]
        assert [r.name for r in await client.repositories.list(minimal=True)].count("renamed") == 1

        await client.repositories.delete(repository_id)
        with pytest.raises(saagieapi.NotFoundError):
            await client.repositories.get_info(repository_id)
