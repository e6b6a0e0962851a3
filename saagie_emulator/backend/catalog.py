"""The technology catalog (gateway API): repositories, their synchronizations, technologies."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..model import Repository, SyncReport, Technology, new_id
from ..rules import book as r
from ..rules.checks import check_name_length
from ..technology_repository import SourceUnreadable, apply_content, read_content, read_source, restore_report
from .base import Caller, Domain, Upload

__all__ = ["CatalogBackend", "last_reversible"]


def last_reversible(repository: Repository) -> SyncReport | None:
    """The last synchronization that can be reverted: not reverted, with an earlier one to go back to."""
    active = [report for report in repository.reports if report.reverted_at is None and not report.failure]
    if len(active) >= 2 and active[-1].trigger_type != "INITIAL":
        return active[-1]
    return None


class CatalogBackend(Domain):
    # ------------------------------------------------------------------ reads
    def repositories(self) -> list[Repository]:
        return list(self.data.repositories.values())

    def find_repository(self, repository_id: object) -> Repository | None:
        return self.data.repositories.get(str(repository_id))

    def find_technology(self, technology_id: object) -> Technology | None:
        return self.data.technologies.get(str(technology_id))

    def technologies_by_ids(self, ids: list[Any]) -> list[Technology]:
        technologies = self.data.technologies
        return [technologies[str(i)] for i in ids if str(i) in technologies]

    def technologies(self) -> list[Technology]:
        return list(self.data.technologies.values())

    def updated_since(self, since: str) -> list[Technology]:
        """``updatedTechnologies(from)``: "the technologies with a version greater than provided". The emulator
        versions technologies by their ``lastUpdate``: ``from`` is read as an ISO 8601 date (time optional); a
        value that is not a date gives every technology (the format is not documented)."""
        try:
            moment = datetime.fromisoformat(since.replace("Z", "+00:00"))
        except ValueError:
            return self.technologies()
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return [t for t in self.technologies() if t.last_update > moment]

    def technologies_of(self, repository: Repository) -> list[Technology]:
        return [self.data.technologies[i] for i in repository.technology_ids if i in self.data.technologies]

    # ------------------------------------------------------------------ building blocks
    def _synchronize(
        self, repository: Repository, source: dict[str, Any], trigger: str, author: str, upload: Upload | None = None
    ) -> SyncReport:
        at = self.clock.datetime()
        report = SyncReport(id=new_id(), source=source, trigger_type=trigger, author=author, started_at=at, ended_at=at)
        # The content is read like the platform reads it: technologies, contexts and issues, or a failure.
        try:
            content = read_content(
                read_source(source, None if upload is None else upload.content), str(source.get("name") or "")
            )
        except SourceUnreadable as exc:
            report.failure = str(exc)
        else:
            apply_content(self.data, repository, content, report, at)
        repository.reports.append(report)
        repository.source = source
        repository.modification_date = at
        repository.editor = author
        return report

    def _check_name(self, name: str, exclude: str | None = None) -> None:
        check_name_length("repository", name)
        for repository in self.data.repositories.values():
            if repository.id != exclude and repository.name == name:
                raise r.REPOSITORY_NAME_TAKEN.error(name=name)

    def _writable(self, caller: Caller, repository_id: object, operation: str) -> Repository:
        repository = self.store.repository(repository_id)
        self.authz.require_catalog(caller, operation)
        if repository.read_only:
            raise r.REPOSITORY_READ_ONLY.error(name=repository.name)
        return repository

    # ------------------------------------------------------------------ mutations
    def add(self, caller: Caller, values: dict[str, Any], upload: Upload | None) -> Repository:
        name = values["name"]
        with self.store.lock:
            self.authz.require_catalog(caller, "addRepository")
            self._check_name(name)
            if upload is not None:
                source: dict[str, Any] = {"name": upload.filename}
            elif values.get("url"):
                source = {"url": values["url"]}
            else:
                raise r.REPOSITORY_SOURCE_MISSING.error()
            at = self.clock.datetime()
            repository = Repository(
                id=new_id(),
                name=name,
                source=source,
                creator=caller.login,
                editor=caller.login,
                creation_date=at,
                modification_date=at,
            )
            self._synchronize(repository, source, "INITIAL", caller.login, upload)
            self.data.repositories[repository.id] = repository
        return repository

    def edit(self, caller: Caller, values: dict[str, Any]) -> Repository:
        with self.store.lock:
            repository = self._writable(caller, values["id"], "editRepository")
            if values.get("name") is not None:
                self._check_name(values["name"], exclude=repository.id)
                repository.name = values["name"]
            url = values.get("url")
            changed = url is not None and repository.source.get("url") != url
            if url is not None:
                repository.source = {"url": url}
            # "If URL is modified and this flag is set to true, the update triggers the synchronization".
            if changed and values.get("trigger_synchronization"):
                self._synchronize(repository, dict(repository.source), "URL_UPDATE", caller.login)
            repository.modification_date = self.clock.datetime()
        return repository

    def remove(self, caller: Caller, repository_id: object) -> Repository:
        with self.store.lock:
            repository = self._writable(caller, repository_id, "removeRepository")
            del self.data.repositories[repository.id]
        return repository

    def synchronize(
        self, caller: Caller, repository_id: object, upload: Upload | None
    ) -> tuple[Repository, SyncReport]:
        with self.store.lock:
            # A read-only repository is synchronized too (see READ_ONLY_SYNCHRONIZATION_ALLOWED).
            repository = self.store.repository(repository_id)
            self.authz.require_catalog(caller, "synchronizeRepository")
            # Without a new file, a repository made from a file is synchronized again from the same file.
            source = {"name": upload.filename} if upload is not None else dict(repository.source)
            return repository, self._synchronize(repository, source, "MANUAL", caller.login, upload)

    def revert(self, caller: Caller, repository_id: object, report_id: object) -> tuple[Repository, SyncReport]:
        with self.store.lock:
            repository = self.store.repository(repository_id)
            self.authz.require_catalog(caller, "revertLastSynchronization")
            reversible = last_reversible(repository)
            if reversible is None or reversible.id != str(report_id):
                raise r.REPOSITORY_NOT_REVERSIBLE.error(key=report_id, name=repository.name)
            reversible.reverted_at = self.clock.datetime()
            reversible.revert_author = caller.login
            previous = [r for r in repository.reports if r.reverted_at is None and not r.failure][-1]
            repository.source = dict(previous.source)
            restore_report(self.data, repository, previous)
            report = SyncReport(id=new_id(), source=dict(previous.source), trigger_type="MANUAL", author=caller.login)
            return repository, report
