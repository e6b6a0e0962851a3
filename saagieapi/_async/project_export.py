"""Export of projects, jobs (with their artifacts), pipelines, apps and env vars in the 2.x folder layout.

This file is the single source: ``saagieapi/_sync/project_export.py`` is generated from it (``make codegen``).
The layout and the JSON shapes are described in :mod:`saagieapi.export_layout`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._backend import AwaitableOf, async_gather_limited, async_limiter, async_to_thread
from .._export_files import append_error, entity_file_name, remove_stale_staging, staging_prefix, write_json
from ..errors import ExportError, InvalidInputError, SaagieError
from ..export_layout import (
    APP_KEYS,
    DEFAULT_CONCURRENCY,
    JOB_KEYS,
    PIPELINE_KEYS,
    PIPELINE_SCOPE_FILTER,
    VARIABLE_KEYS,
    ExportResult,
    ProgressCallback,
    ProgressEvent,
    TransferItem,
    ordered,
    without_typenames,
)

if TYPE_CHECKING:
    from .client import AsyncSaagieApi

__all__ = ["AsyncExporter", "staged_folder"]

#: Bytes of a download gathered before one write: the file system calls of the async client run in a worker
#: thread (``async_to_thread``), a few per artifact rather than one per network chunk.
WRITE_BUFFER = 1024 * 1024


def _open_download(target: Path) -> tuple[IO[bytes], Path]:
    """A new temporary file next to ``target`` (its folder created), open for writing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".download", dir=target.parent)
    return os.fdopen(handle, "wb"), Path(temporary)


def _close_download(stream: IO[bytes], temporary: Path, target: Path | None) -> None:
    """Close the temporary file, then rename it to ``target``, or remove it when ``target`` is None."""
    try:
        stream.close()
    finally:
        if target is None:
            temporary.unlink(missing_ok=True)
    if target is not None:
        os.replace(temporary, target)


@contextlib.contextmanager
def staged_folder(output_folder: str | os.PathLike[str], name: str) -> Iterator[Path]:
    """A temporary folder inside ``output_folder``, renamed to ``output_folder/name`` when the block succeeds.

    On any error the temporary folder is removed, so nothing that looks like a complete export is left.
    An existing ``output_folder/name`` is replaced only once the new export is complete. Its name carries the
    process id: a process killed mid-export (SIGKILL) leaves it behind, and the next export into the same
    folder removes it (:func:`~saagieapi._export_files.remove_stale_staging`).
    """
    out = Path(output_folder)
    final = out / entity_file_name(name)
    try:
        out.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(out)  # what exports killed before their end left behind
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(final.name), dir=out))
    except (OSError, ValueError) as error:  # not a folder, not writable, NUL in the name...
        reason = getattr(error, "strerror", None) or error
        raise ExportError(f"cannot write an export into {str(out)!r}: {reason}") from None
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if final.exists() or final.is_symlink():
        old = out / f"{staging_prefix(final.name, 'old')}{uuid.uuid4().hex[:8]}"
        os.replace(final, old)
    os.replace(staging, final)
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def _check_options(versions_limit: int | None, concurrency: int) -> None:
    if versions_limit is not None and (not isinstance(versions_limit, int) or versions_limit < 1):
        raise InvalidInputError("versions_limit must be a positive number of versions, or None for all")
    if not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidInputError("concurrency must be a positive number of parallel requests")


class AsyncExporter:
    """One export run: options, the result being filled, the catalog names already resolved."""

    def __init__(
        self,
        api: AsyncSaagieApi,
        result: ExportResult,
        *,
        error_folder: str | os.PathLike[str] = "",
        versions_limit: int | None = None,
        versions_only_current: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        progress: ProgressCallback | None = None,
    ) -> None:
        _check_options(versions_limit, concurrency)
        self._api = api
        self.result = result
        self._error_folder = error_folder
        self._versions_limit = versions_limit
        self._versions_only_current = versions_only_current
        self._concurrency = concurrency
        self._progress = progress
        # One bound for the artifact downloads of the whole run: the jobs exported at once share it, so that
        # at most ``concurrency`` downloads run besides the ``concurrency`` entity exports (not their product).
        self._download_slots = async_limiter(concurrency)

    # -- bookkeeping ------------------------------------------------------------------------------------
    def _report(self, item: TransferItem, outcome: str) -> None:
        {"done": self.result.done, "skipped": self.result.skipped, "failed": self.result.failed}[outcome].append(item)
        if self._progress is not None:
            self._progress(ProgressEvent("export", item, outcome))

    def _fail(self, kind: str, element: str, name: str, entity_id: str, error: BaseException) -> None:
        append_error(self._error_folder, element, entity_id)
        self._report(TransferItem(kind, name, entity_id, reason=str(error)), "failed")

    async def _technology_names(self) -> dict[str, tuple[str, str]]:
        """``{technology id: (catalog name, label)}`` from the cached catalog (one request per client)."""
        names: dict[str, tuple[str, str]] = {}
        for repository in await self._api.get_repositories_info():
            for technology in repository.technologies or []:
                names[technology.id] = (repository.name, technology.label)
        return names

    async def _technology(self, technology_id: str | None) -> dict[str, Any]:
        catalog, label = (await self._technology_names()).get(technology_id or "", ("", ""))
        return {"id": technology_id, "name": label, "technology_catalog": catalog}

    # -- jobs -------------------------------------------------------------------------------------------
    async def _download(self, url: str, target: Path) -> None:
        """Stream ``url`` into ``target`` (through a temporary file next to it).

        The file system calls (folder, temporary file, writes of up to ``WRITE_BUFFER`` bytes, rename) go
        through ``async_to_thread``: in the async client they never block the event loop.
        """
        stream, temporary = await async_to_thread(_open_download, target)
        try:
            async with self._download_slots:
                response = await self._api.transport.request("GET", url, stream=True, kind="query")
                try:
                    pending: list[bytes] = []
                    size = 0
                    async for chunk in response.aiter_bytes():
                        pending.append(chunk)
                        size += len(chunk)
                        if size >= WRITE_BUFFER:
                            await async_to_thread(stream.writelines, pending)
                            pending, size = [], 0
                    if pending:
                        await async_to_thread(stream.writelines, pending)
                finally:
                    await response.aclose()
        except BaseException:
            _close_download(stream, temporary, None)  # directly: an await here would not run once cancelled
            raise
        await async_to_thread(_close_download, stream, temporary, target)

    async def job(self, job_id: str, folder: Path) -> None:
        """Write ``folder/job.json`` and ``folder/version/<n>/<artifact>``; failures go to the result."""
        name = job_id
        try:
            job = await self._api.jobs.get_info(
                job_id,
                instances_limit=1,
                versions_limit=self._versions_limit,
                versions_only_current=self._versions_only_current,
            )
            name = job.name
            content = without_typenames(job.model_dump(by_alias=True, mode="json"))
            content["technology"] = await self._technology(job.technology.id if job.technology else None)
            if not content["technology"]["name"]:
                raise ExportError(
                    f"the technology {content['technology']['id']} of job {job.name!r} is not in the catalog"
                )
            downloads = []
            for version in job.versions:
                package = version.package_info
                if package is None or not package.name or not package.download_url:
                    continue
                file_name = entity_file_name(package.name)
                target = folder / "version" / str(version.number) / file_name
                url = self._api.url_saagie.rstrip("/") + "/" + package.download_url.lstrip("/")
                downloads.append(functools.partial(self._download, url, target))
            await async_gather_limited(downloads, self._concurrency)
            await async_to_thread(write_json, folder, "job.json", ordered(content, JOB_KEYS))
        except (SaagieError, OSError) as error:
            self._fail("job", "jobs", name, job_id, error)
            return
        self._report(TransferItem("job", name, job_id), "done")

    # -- variables --------------------------------------------------------------------------------------
    def _write_variables(self, folder: Path, variables: list[Any]) -> None:
        for variable in variables:
            content = without_typenames(variable.model_dump(by_alias=True, mode="json"))
            if variable.is_password:
                content["value"] = None
            write_json(folder, f"{entity_file_name(variable.name)}/variable.json", ordered(content, VARIABLE_KEYS))

    # -- pipelines --------------------------------------------------------------------------------------
    async def pipeline(self, pipeline_id: str, folder: Path, env_var_scope: str = "PIPELINE") -> None:
        """Write ``folder/pipeline.json`` and the variables of ``env_var_scope`` (2.x semantics)."""
        name = pipeline_id
        try:
            scopes = PIPELINE_SCOPE_FILTER[str(env_var_scope).upper()]
            pipeline = await self._api.pipelines.get_info(
                pipeline_id,
                instances_limit=1,
                versions_limit=self._versions_limit,
                versions_only_current=self._versions_only_current,
            )
            name = pipeline.name
            content = without_typenames(pipeline.model_dump(by_alias=True, mode="json"))
            # only the pipeline's own variables when that is all the export keeps (asked of the platform)
            variables = await self._api.env_vars.list(
                "PIPELINE", pipeline_id=pipeline_id, scope_only=scopes == ("PIPELINE",)
            )
            chosen: dict[str, Any] = {}
            for variable in variables:  # the most specific scope wins when names repeat
                scope = str(getattr(variable.scope, "value", variable.scope))
                if scope in scopes and (variable.name not in chosen or scope == "PIPELINE"):
                    chosen[variable.name] = variable
            await async_to_thread(self._write_variables, folder / "env_vars", list(chosen.values()))
            await async_to_thread(write_json, folder, "pipeline.json", ordered(content, PIPELINE_KEYS))
        except (SaagieError, OSError) as error:
            self._fail("pipeline", "pipelines", name, pipeline_id, error)
            return
        self._report(TransferItem("pipeline", name, pipeline_id), "done")

    # -- apps -------------------------------------------------------------------------------------------
    async def app(self, app_id: str, folder: Path, versions_only_current: bool | None = None) -> None:
        """Write ``folder/app.json`` (technology names and runtime labels added, as 2.x) and APP variables."""
        only_current = self._versions_only_current if versions_only_current is None else versions_only_current
        name = app_id
        try:
            app = await self._api.apps.get_info(app_id, versions_only_current=only_current)
            name = app.name
            content = without_typenames(app.model_dump(by_alias=True, mode="json"))
            technology_id = app.technology.id if app.technology else None
            content["technology"] = await self._technology(technology_id)
            for version in [*(content.get("versions") or []), content.get("currentVersion")]:
                if isinstance(version, dict):
                    context = version.get("runtimeContextId")
                    version["runtimeContextLabel"] = (
                        await self._api.get_runtime_label_by_id(technology_id, context)
                        if technology_id and context
                        else ""
                    )
            if only_current:
                content.pop("versions", None)
            variables = await self._api.env_vars.list("APP", app_id=app_id, scope_only=True)
            await async_to_thread(self._write_variables, folder / "env_vars", variables)
            await async_to_thread(write_json, folder, "app.json", ordered(content, APP_KEYS))
        except (SaagieError, OSError) as error:
            self._fail("app", "apps", name, app_id, error)
            return
        self._report(TransferItem("app", name, app_id), "done")

    # -- project ----------------------------------------------------------------------------------------
    async def _project_json(self, project_id: str) -> dict[str, Any]:
        # Independent requests, sent together: one round trip instead of five before the entities' export.
        calls: list[Callable[[], AwaitableOf[Any]]] = [
            functools.partial(self._api.projects.get_info, project_id),
            self._technology_names,
            functools.partial(self._api.projects.get_jobs_technologies, project_id),
            functools.partial(self._api.projects.get_apps_technologies, project_id),
            functools.partial(self._api.projects.get_rights, project_id),
        ]
        project, names, job_technologies, app_technologies, project_rights = await async_gather_limited(
            calls, self._concurrency
        )
        flat: dict[str, list[str]] = {}
        by_category: dict[str, dict[str, list[str]]] = {}
        for category in job_technologies:
            for technology in category.technologies or []:
                catalog, label = names.get(technology.id, ("", ""))
                if not label:
                    self._report(TransferItem("technology", technology.id, reason="not in the catalog"), "skipped")
                    continue
                for target in (
                    flat.setdefault(catalog, []),
                    by_category.setdefault(category.job_category, {}).setdefault(catalog, []),
                ):
                    if label not in target:
                        target.append(label)
        apps: dict[str, list[str]] = {}
        for app_technology in app_technologies:
            catalog, label = names.get(app_technology.id, ("", ""))
            if label and label not in apps.setdefault(catalog, []):
                apps[catalog].append(label)
        rights = [
            {right.name: str(getattr(right.role, "value", right.role)).split("_")[-1]} for right in project_rights
        ]
        status = getattr(project.status, "value", project.status)
        return {
            "name": project.name,
            "creator": project.creator,
            "description": project.description,
            "jobsCount": project.jobs_count,
            "status": status,
            "jobs_technologies": flat or None,
            "apps_technologies": apps or None,
            "rights": rights,
            "jobs_technologies_by_category": by_category,
        }

    async def project(self, project_id: str, folder: Path, project_only_env_vars: bool = False) -> None:
        """Write the whole project tree into ``folder``."""
        # The project's description, its lists, its variables: independent requests, sent together (any
        # failure still fails the export, once every one of them has ended).
        first: list[Callable[[], AwaitableOf[Any]]] = [
            functools.partial(self._project_json, project_id),
            functools.partial(self._api.jobs.list_for_project_minimal, project_id),
            functools.partial(self._api.pipelines.list_for_project_minimal, project_id),
            functools.partial(self._api.apps.list_for_project_minimal, project_id),
            functools.partial(
                self._api.env_vars.export,
                project_id,
                folder / "env_vars",
                str(self._error_folder),
                project_only_env_vars,
            ),
            functools.partial(self._api.docker_credentials.list_for_project, project_id),
        ]
        content, jobs, pipelines, apps, _, credentials = await async_gather_limited(first, self._concurrency)
        for credential in credentials:
            data = {"id": credential.id, "registry": credential.registry, "username": credential.username}
            relative = f"docker_credentials/{entity_file_name(credential.id)}/docker_credentials.json"
            await async_to_thread(write_json, folder, relative, data)
            self._report(TransferItem("docker_credentials", credential.username, credential.id), "done")
        calls: list[Any] = [
            *(functools.partial(self.job, job.id, folder / "jobs" / entity_file_name(job.id)) for job in jobs),
            *(functools.partial(self.pipeline, p.id, folder / "pipelines" / entity_file_name(p.id)) for p in pipelines),
            *(functools.partial(self.app, a.id, folder / "apps" / entity_file_name(a.id)) for a in apps),
        ]
        await async_gather_limited(calls, self._concurrency)
        await async_to_thread(write_json, folder, "project.json", content)
        self._report(TransferItem("project", content["name"], project_id), "done")


async def run_export(
    api: AsyncSaagieApi,
    kind: str,
    entity_id: str,
    output_folder: str | os.PathLike[str],
    *,
    error_folder: str | os.PathLike[str] = "",
    versions_limit: int | None = None,
    versions_only_current: bool = False,
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: ProgressCallback | None = None,
    env_var_scope: str = "PIPELINE",
    project_only_env_vars: bool = False,
) -> ExportResult:
    """Export one entity to ``output_folder/<entity_id>``: complete, or nothing (ExportError, result attached)."""
    if str(env_var_scope).upper() not in PIPELINE_SCOPE_FILTER:
        raise InvalidInputError(f"env_var_scope must be one of GLOBAL, PROJECT, PIPELINE, not {env_var_scope!r}")
    if not isinstance(entity_id, str) or not entity_id:
        raise InvalidInputError(f"the {kind} id is empty")
    out = Path(output_folder)
    result = ExportResult(folder=out / entity_file_name(entity_id))
    exporter = AsyncExporter(
        api,
        result,
        error_folder=error_folder,
        versions_limit=versions_limit,
        versions_only_current=versions_only_current,
        concurrency=concurrency,
        progress=progress,
    )
    with staged_folder(out, entity_id) as staging:
        if kind == "job":
            await exporter.job(entity_id, staging)
        elif kind == "pipeline":
            await exporter.pipeline(entity_id, staging, env_var_scope)
        elif kind == "app":
            await exporter.app(entity_id, staging)
        else:
            await exporter.project(entity_id, staging, project_only_env_vars)
        if result.failed:
            failures = "; ".join(f"{i.kind} {i.name!r}: {i.reason}" for i in result.failed)
            error = ExportError(f"export of {kind} {entity_id} failed, nothing was written: {failures}")
            error.result = result  # type: ignore[attr-defined]
            raise error
    return result
