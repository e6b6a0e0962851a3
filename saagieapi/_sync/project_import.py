# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Import of projects, jobs, pipelines, apps, env vars and docker credentials from the 2.x folder layout.

This file is the single source: ``saagieapi/_sync/project_import.py`` is generated from it (``make codegen``).

The phases: reading and checking the folder (saagieapi/_import_folder.py), the run's bookkeeping with docker
credentials and variables (project_import_run.py), recreating jobs, pipelines and apps
(project_import_workloads.py), and here the project itself and the entry point :func:`run_import`.

Every file of the folder is read, validated against its typed model and cross-checked before the first
request, so a hostile or broken folder raises one typed error listing every problem and changes nothing.
Technologies and runtimes are resolved by catalog and label on the target platform; what cannot be mapped
is reported in the result. The import is resumable: run again after any interruption, it completes what is
missing and duplicates nothing (the rules: :mod:`saagieapi._core.import_rules`). Existing objects follow
``if_exists``: ``"skip"`` completes an interrupted import of them and otherwise keeps them as they are,
``"upgrade"`` makes the export's current version current, never adding a version identical to it.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._backend import ResultOf, sync_gather_limited
from .._core.memo import remembering_job_technologies
from .._import_folder import (
    JobPlan,
    Problems,
    ProjectPlan,
    check_project_folder,
    load_app,
    load_job,
    load_pipeline,
    load_project,
    single_entity_file,
)
from ..errors import ExportFormatError, InvalidInputError, SaagieError
from ..export_layout import DEFAULT_IMPORT_CONCURRENCY, ImportResult, ProgressCallback, safe_path
from .project_import_workloads import WorkloadImporter

if TYPE_CHECKING:
    from .client import SaagieApi

__all__ = ["Importer", "JobPlan", "load_job", "load_project"]


class Importer(WorkloadImporter):
    """One import run, whole projects included: the project (technologies and rights mapped), then its entities."""

    # -- whole project ---------------------------------------------------------------------------------
    def project_entities(self, project_id: str, plan: ProjectPlan) -> None:
        """Credentials (apps may use them); then variables, jobs and apps together; then pipelines, which need
        the new job ids. The project's job technologies are asked once, not once per job: with the credentials
        and the lists of existing jobs and apps (independent requests, sent together)."""
        with remembering_job_technologies():
            first: list[Callable[[], ResultOf[Any]]] = [
                functools.partial(self.docker_credentials, project_id, plan.docker_credentials),
                functools.partial(self._api.jobs.list_for_project_minimal, project_id),
                functools.partial(self._api.apps.list_for_project_minimal, project_id),
            ]
            if plan.jobs:  # remembered for every job created below
                first.append(functools.partial(self._remember_job_technologies, project_id))
            _, job_list, app_list, *_ = sync_gather_limited(first, self._concurrency)
            jobs = {j.name: j.id for j in job_list}
            apps = {a.name: a.id for a in app_list}
            sync_gather_limited(
                [
                    functools.partial(self.variables, plan.env_vars, project_id=project_id),
                    *(functools.partial(self.job, project_id, job, jobs) for job in plan.jobs),
                    *(functools.partial(self.app, project_id, a, apps) for a in plan.apps),
                ],
                self._concurrency,
            )
        lists: list[Callable[[], ResultOf[Any]]] = [
            functools.partial(self._api.jobs.list_for_project_minimal, project_id),
            functools.partial(self._api.pipelines.list_for_project_minimal, project_id),
        ]
        job_list, pipeline_list = sync_gather_limited(lists, self._concurrency)
        jobs = {j.name: j.id for j in job_list}
        pipelines = {p.name: p.id for p in pipeline_list}
        sync_gather_limited(
            [functools.partial(self.pipeline, project_id, p, pipelines, jobs) for p in plan.pipelines],
            self._concurrency,
        )

    def _remember_job_technologies(self, project_id: str) -> None:
        """Ask the project's job technologies once (remembered by the block around): a failure is left to
        each job, which asks again and reports its own failure, as without this request."""
        with contextlib.suppress(SaagieError):
            self._api.projects.get_jobs_technologies(project_id)

    def project(self, plan: ProjectPlan, *, timeout: float | None) -> str | None:
        """Create (or reuse) the project of ``plan`` and import everything into it; its id, None on failure."""
        content = plan.project
        name = str(content["name"])
        existing = next((p for p in self._api.projects.list() if p.name.casefold() == name.casefold()), None)
        if existing is not None:
            project_id = existing.id
            action = "unchanged"
        else:
            try:
                project_id = self._create_project(content)
            except SaagieError as error:
                self._fail("project", "projects", name, None, error)
                return None
            action = "created"
        try:
            self._api.projects.get_status_with_callback(project_id, timeout=timeout)
        except SaagieError as error:
            self._fail("project", "projects", name, None, error)
            return None
        self._record(action, "project", name, None, project_id, "exists: reused" if existing is not None else "")
        self.project_entities(project_id, plan)
        return project_id

    def _known_labels(self, wanted: Any, kinds: tuple[str, ...], what: str) -> dict[str, list[str]] | None:
        if not isinstance(wanted, Mapping) or not wanted:
            return None
        kept: dict[str, list[str]] = {}
        for catalog, labels in wanted.items():
            known = {
                t.label.lower(): t.label for t in self._api.get_available_technologies(catalog) if t.typename__ in kinds
            }
            for label in [labels] if isinstance(labels, str) else list(labels or []):
                if str(label).lower() in known:
                    kept.setdefault(catalog, []).append(known[str(label).lower()])
                else:
                    reason = f"{what} technology not available in catalog {catalog!r} of the target platform"
                    self._record("skipped", "technology", str(label), None, reason=reason)
        return kept or None

    def _create_project(self, content: Mapping[str, Any]) -> str:
        job_kinds = ("JobTechnology", "SparkTechnology")
        by_category = content.get("jobs_technologies_by_category")
        jobs: Any
        if isinstance(by_category, Mapping) and by_category:
            jobs = {}
            for category, wanted in by_category.items():
                kept = self._known_labels(wanted, job_kinds, f"{category} job")
                if kept:
                    jobs[category] = kept
        else:
            jobs = self._known_labels(content.get("jobs_technologies"), job_kinds, "job")
        apps = self._known_labels(content.get("apps_technologies"), ("AppTechnology",), "app")
        rights = [r for r in content.get("rights") or [] if isinstance(r, Mapping)]
        description = str(content.get("description") or "")
        try:
            created = self._api.projects.create(
                str(content["name"]),
                groups_and_roles=rights or None,
                description=description,
                jobs_technologies_allowed=jobs,
                apps_technologies_allowed=apps,
            )
        except SaagieError as error:
            if not rights:
                raise
            for right in rights:  # an unknown group on the target: create without rights, say so
                for group in right:
                    self._record("skipped", "right", str(group), None, reason=str(error))
            created = self._api.projects.create(
                str(content["name"]),
                description=description,
                jobs_technologies_allowed=jobs,
                apps_technologies_allowed=apps,
            )
        return created.id


def run_import(
    api: SaagieApi,
    kind: str,
    path: str | os.PathLike[str],
    project_id: str | None = None,
    *,
    if_exists: str = "skip",
    error_folder: str | os.PathLike[str] = "",
    concurrency: int = DEFAULT_IMPORT_CONCURRENCY,
    progress: ProgressCallback | None = None,
    docker_credentials_passwords: Mapping[str, str] | None = None,
    timeout: float | None = 600.0,
) -> ImportResult:
    """Import a project folder, a job folder, or a pipeline/app JSON file; the whole folder is checked first.

    Any error raised once the import started carries the partial result (``error.result``): what was
    created, completed or left unchanged so far, with the id mapping. Running the same import again
    completes what is missing.
    """
    given = Path(path)
    if kind in ("pipeline", "app"):
        if not given.is_file():
            raise ExportFormatError(f"{str(given)!r} is not a file", path=str(given))
        root = check_project_folder(given.parent)
        json_file = safe_path(root, given.name)
    else:
        root = check_project_folder(given)
    if kind != "project" and not project_id:
        raise InvalidInputError("project_id is empty")
    problems = Problems(root)
    if kind == "project":
        plan: Any = load_project(root)
    elif kind == "job":
        folder, job_file = single_entity_file(root, "job.json")
        plan = load_job(root, folder, job_file, problems)
    elif kind == "pipeline":
        plan = load_pipeline(root, json_file, problems)
    else:
        plan = load_app(root, json_file, problems)
    problems.raise_if_any()  # nothing sent yet: every problem of the folder at once
    result = ImportResult(folder=root)
    importer = Importer(
        api,
        result,
        root,
        if_exists=if_exists,
        error_folder=error_folder,
        concurrency=concurrency,
        progress=progress,
        docker_credentials_passwords=docker_credentials_passwords,
    )
    try:
        _run(api, importer, kind, plan, project_id, timeout)
    except BaseException as error:
        error.result = result  # type: ignore[attr-defined]
        raise
    return result


def _run(
    api: SaagieApi, importer: Importer, kind: str, plan: Any, project_id: str | None, timeout: float | None
) -> None:
    if kind == "project":
        importer.project(plan, timeout=timeout)
        return
    assert project_id is not None
    if kind == "job":
        jobs = {j.name: j.id for j in api.jobs.list_for_project_minimal(project_id)}
        importer.job(project_id, plan, jobs)
    elif kind == "pipeline":
        jobs = {j.name: j.id for j in api.jobs.list_for_project_minimal(project_id)}
        pipelines = {p.name: p.id for p in api.pipelines.list_for_project_minimal(project_id)}
        importer.pipeline(project_id, plan, pipelines, jobs)
    else:
        apps = {a.name: a.id for a in api.apps.list_for_project_minimal(project_id)}
        importer.app(project_id, plan, apps)
