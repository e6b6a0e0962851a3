"""``saagie technologies``: the technology catalog (what ``jobs create --technology`` and ``apps install`` take)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from .._state import state_of

if TYPE_CHECKING:
    from saagieapi.models import CatalogTechnology

__all__ = ["TechnologyRow", "register"]

group = typer.Typer(help="The technology catalog: job and app technologies with their runtimes.", no_args_is_help=True)


class Kind(str, Enum):
    JOB = "job"
    APP = "app"
    OTHER = "other"


@dataclass(frozen=True)
class TechnologyRow:
    label: str
    kind: Kind
    catalog: str
    runtimes: list[str]
    available: bool

    @classmethod
    def of(cls, technology: CatalogTechnology, catalog: str) -> TechnologyRow:
        from saagieapi.models import AppTechnology, JobTechnology, SparkTechnology

        kind, runtimes = Kind.OTHER, []
        if isinstance(technology, AppTechnology):
            kind, runtimes = Kind.APP, [context.label for context in technology.app_contexts if context.available]
        elif isinstance(technology, (JobTechnology, SparkTechnology)):
            kind, runtimes = Kind.JOB, [context.label for context in technology.contexts if context.available]
        return cls(technology.label, kind, catalog, runtimes, technology.available)


@group.command("list")
def technologies_list(
    ctx: typer.Context,
    catalog: Annotated[str | None, typer.Option(help="Only this catalog (repository name).")] = None,
    kind: Annotated[Kind | None, typer.Option(case_sensitive=False, help="Only job or app technologies.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Include technologies that are not available.")] = False,
) -> None:
    """Technologies of the catalogs, with their available runtimes (labels for --technology and --runtime-version)."""
    from .._output import emit

    state = state_of(ctx)
    rows = [
        TechnologyRow.of(technology, repository.name)
        for repository in state.api().get_repositories_info()
        if catalog is None or repository.name.lower() == catalog.lower()
        for technology in repository.technologies
        if show_all or technology.available
    ]
    emit(state, [row for row in rows if kind is None or row.kind is kind], row=lambda row: row)


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="technologies")
