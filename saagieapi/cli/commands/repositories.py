"""``saagie repositories``: technology repositories (catalogs)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .._options import Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi.models import RepositorySummary

__all__ = ["RepositoryRow", "register"]

group = typer.Typer(help="Technology repositories (catalogs).", no_args_is_help=True)


def source_text(source: Any) -> str:
    """Where a repository comes from: its URL, or the name of the uploaded file."""
    return str(getattr(source, "url", None) or getattr(source, "name", None) or getattr(source, "typename__", ""))


@dataclass(frozen=True)
class RepositoryRow:
    id: str
    name: str
    read_only: bool
    source: str

    @classmethod
    def of(cls, repository: RepositorySummary) -> RepositoryRow:
        return cls(repository.id, repository.name, repository.read_only, source_text(repository.source))


RepositoryArg = Annotated[str, typer.Argument(help="Repository name or id.")]


@group.command("list")
def repositories_list(ctx: typer.Context) -> None:
    """Technology repositories."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().repositories.list(minimal=True), row=RepositoryRow.of)


@group.command("get")
def repositories_get(ctx: typer.Context, repository: RepositoryArg) -> None:
    """One repository with its technologies."""
    from .._output import emit
    from .._resolve import repository_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.repositories.get_info(repository_id(api, repository), last_synchronization=True))


@group.command("create")
def repositories_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new repository.")],
    url: Annotated[str | None, typer.Option(help="URL of the repository zip.")] = None,
    file: Annotated[Path | None, typer.Option(help="Repository zip to upload.", exists=True, dir_okay=False)] = None,
) -> None:
    """Add a repository from a URL or a zip file."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().repositories.create(name, file=file, url=url))


@group.command("edit")
def repositories_edit(
    ctx: typer.Context,
    repository: RepositoryArg,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    url: Annotated[str | None, typer.Option(help="New URL.")] = None,
) -> None:
    """Rename a repository or change its URL."""
    from .._output import emit
    from .._resolve import repository_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.repositories.edit(repository_id(api, repository), name=name, url=url))


@group.command("sync")
def repositories_sync(
    ctx: typer.Context,
    repository: RepositoryArg,
    file: Annotated[Path | None, typer.Option(help="New zip to upload.", exists=True, dir_okay=False)] = None,
) -> None:
    """Synchronize a repository with its URL (or a new zip)."""
    from .._output import emit
    from .._resolve import repository_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.repositories.synchronize(repository_id(api, repository), file=file))


@group.command("delete")
def repositories_delete(ctx: typer.Context, repository: RepositoryArg, yes: Yes = False) -> None:
    """Delete a repository."""
    from .._output import emit
    from .._resolve import repository_id

    state = state_of(ctx)
    api = state.api()
    rid = repository_id(api, repository)
    confirm(f"repository {repository!r}", yes)
    emit(state, api.repositories.delete(rid), message=f"Deleted repository {repository}")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="repositories")
