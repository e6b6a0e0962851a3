"""Import of projects, jobs, pipelines, apps, env vars and docker credentials from the 2.x folder layout.

This file is the single source: ``saagieapi/_sync/project_import.py`` is generated from it (``make codegen``).

Every file of the folder is read and checked (paths, JSON, artifacts) before the first request, so a
hostile or broken folder raises a typed error and changes nothing. Technologies and runtimes are
resolved by catalog and label on the target platform; what cannot be mapped is reported in the result.
Existing entities (same name) follow ``if_exists``: ``"skip"`` reuses them untouched, ``"upgrade"`` adds
a version and edits them like ``create_or_upgrade``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._backend import async_gather_limited
from .._export_files import append_error
from .._generated.projects.input_types import GraphPipelineInput, PipelineGraphInput
from ..errors import ExportFormatError, InvalidInputError, SaagieError
from ..export_layout import (
    DEFAULT_CONCURRENCY,
    IF_EXISTS,
    ImportResult,
    ProgressCallback,
    ProgressEvent,
    TransferItem,
    artifact_of_version,
    condition_input,
    current_version,
    entity_folders,
    iter_variables,
    read_export_json,
    safe_path,
    sorted_versions,
    technology_label,
)
from ..validation import check_alerting, check_scheduling
from .jobs_helpers import docker_input

if TYPE_CHECKING:
    from ..models import JobVersion
    from .client import AsyncSaagieApi

__all__ = ["AsyncImporter", "JobPlan", "load_job", "load_project"]

CREATE_VOLUME = """
mutation ExportImportCreateVolume($volume: VolumeInput!) { createVolume(volume: $volume) { id name } }
"""


class JobPlan:
    """A checked job of an export: its JSON and the artifact file of each version (None: none)."""

    def __init__(self, path: Path, content: dict[str, Any], artifacts: dict[int, Path | None]) -> None:
        self.path = path
        self.content = content
        self.artifacts = artifacts


def load_job(root: Path, folder: Path, json_file: Path) -> JobPlan:
    """Read and check one ``job.json`` and its artifacts (no request)."""
    content = read_export_json(json_file, root, required=("name",))
    current_version(content, json_file)
    artifacts = {int(v.get("number") or 0): artifact_of_version(folder, root, v) for v in sorted_versions(content)}
    return JobPlan(json_file, content, artifacts)


def load_project(root: Path) -> dict[str, Any]:
    """Read and check a whole project folder (no request): ``{"project", "jobs", "pipelines", "apps", ...}``."""
    project = read_export_json(safe_path(root, "project.json"), root, required=("name",))
    plan: dict[str, Any] = {"project": project}
    plan["jobs"] = [load_job(root, folder, path) for folder, path in entity_folders(root, "jobs", "job.json")]
    plan["pipelines"] = []
    for _, path in entity_folders(root, "pipelines", "pipeline.json"):
        content = read_export_json(path, root, required=("name",))
        current_version(content, path)
        plan["pipelines"].append((path, content, list(iter_variables(path.parent, "env_vars"))))
    plan["apps"] = []
    for _, path in entity_folders(root, "apps", "app.json"):
        content = read_export_json(path, root, required=("name",))
        plan["apps"].append((path, content, list(iter_variables(path.parent, "env_vars"))))
    plan["env_vars"] = list(iter_variables(root, "env_vars"))
    plan["docker_credentials"] = [
        read_export_json(path, root, required=("username",))
        for _, path in entity_folders(root, "docker_credentials", "docker_credentials.json")
    ]
    return plan


def _alias(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name) or "pipeline"


def _resources(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, Mapping):
        return None
    kept = {k: {kk: vv for kk, vv in v.items() if vv is not None} for k, v in value.items() if isinstance(v, Mapping)}
    return {k: v for k, v in kept.items() if v} or None


def _alerting(content: Mapping[str, Any]) -> tuple[list[str] | None, list[str] | None]:
    alerting = content.get("alerting")
    if not isinstance(alerting, Mapping) or not alerting.get("emails"):
        return None, None
    return list(alerting.get("emails") or []), list(alerting.get("statusList") or [])


class AsyncImporter:
    """One import run: options, the result being filled, the id mapping."""

    def __init__(
        self,
        api: AsyncSaagieApi,
        result: ImportResult,
        root: Path,
        *,
        if_exists: str = "skip",
        error_folder: str | os.PathLike[str] = "",
        concurrency: int = DEFAULT_CONCURRENCY,
        progress: ProgressCallback | None = None,
        docker_credentials_passwords: Mapping[str, str] | None = None,
    ) -> None:
        if if_exists not in IF_EXISTS:
            raise InvalidInputError(f"if_exists must be one of {', '.join(IF_EXISTS)}, not {if_exists!r}")
        if not isinstance(concurrency, int) or concurrency < 1:
            raise InvalidInputError("concurrency must be a positive number of parallel requests")
        self._api = api
        self.result = result
        self.root = root
        self._if_exists = if_exists
        self._error_folder = error_folder
        self._concurrency = concurrency
        self._progress = progress
        self._passwords = dict(docker_credentials_passwords or {})

    # -- bookkeeping ------------------------------------------------------------------------------------
    def _report(self, item: TransferItem, outcome: str) -> None:
        {"done": self.result.done, "skipped": self.result.skipped, "failed": self.result.failed}[outcome].append(item)
        if item.source_id and item.target_id:
            self.result.id_map[item.source_id] = item.target_id
        if self._progress is not None:
            self._progress(ProgressEvent("import", item, outcome))

    def _fail(self, kind: str, element: str, name: str, source_id: str | None, error: BaseException) -> None:
        append_error(self._error_folder, element, source_id or name)
        self._report(TransferItem(kind, name, source_id, reason=str(error)), "failed")

    def _docker_info(self, info: Any, owner: str) -> dict[str, Any] | None:
        if not isinstance(info, Mapping) or not info.get("image"):
            return None
        result: dict[str, Any] = {"image": info["image"]}
        old = info.get("dockerCredentialsId")
        if old:
            new = self.result.id_map.get(str(old))
            if new:
                result["dockerCredentialsId"] = new
            else:
                self._report(TransferItem("docker_credentials", owner, str(old), reason="not recreated"), "skipped")
        return result

    # -- docker credentials -----------------------------------------------------------------------------
    async def docker_credentials(self, project_id: str, exported: list[dict[str, Any]]) -> None:
        """Map each exported credential to the target project's (same registry and username), or create it."""
        if not exported:
            return
        existing = await self._api.docker_credentials.list_for_project(project_id)
        for content in exported:
            registry, username = content.get("registry") or None, str(content["username"])
            source = str(content.get("id") or "")
            match = next((c for c in existing if (c.registry or None) == registry and c.username == username), None)
            if match is not None:
                self._report(TransferItem("docker_credentials", username, source, match.id, "exists"), "skipped")
                continue
            password = self._passwords.get(f"{registry}/{username}" if registry else username)
            if password is None:
                password = self._passwords.get(username)
            if password is None:
                reason = "its password is not exported: pass it in docker_credentials_passwords"
                self._report(TransferItem("docker_credentials", username, source, reason=reason), "skipped")
                continue
            try:
                created = await self._api.docker_credentials.create(project_id, username, password, registry)
            except SaagieError as error:
                self._fail("docker_credentials", "docker_credentials", username, source, error)
                continue
            self._report(TransferItem("docker_credentials", username, source, created.id), "done")

    # -- env vars ---------------------------------------------------------------------------------------
    async def variables(
        self,
        variables: list[tuple[Path, dict[str, Any]]],
        *,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        app_id: str | None = None,
        only_scope: str | None = None,
    ) -> None:
        """Create (or per ``if_exists`` keep/update) variables; scopes other than ``only_scope`` are skipped.

        The existing variables are listed once per scope, then the variables are saved concurrently.
        """
        owner = {"project_id": project_id, "pipeline_id": pipeline_id, "app_id": app_id}
        wanted: list[dict[str, Any]] = []
        for _, content in variables:
            scope, name = str(content["scope"]), str(content["name"])
            if only_scope is not None and scope != only_scope:
                reason = f"{scope} variable inherited by the {only_scope.lower()}: imported at its own level"
                self._report(
                    TransferItem("env_var", name, str(content.get("id") or "") or None, reason=reason), "skipped"
                )
                continue
            wanted.append(content)
        existing: dict[str, dict[str, Any] | SaagieError] = {}
        for scope in dict.fromkeys(str(content["scope"]) for content in wanted):
            try:
                listed = await self._api.env_vars.list(scope, scope_only=True, **owner)
                existing[scope] = {v.name: v for v in listed}
            except SaagieError as error:
                existing[scope] = error
        await async_gather_limited(
            [functools.partial(self._variable, content, existing[str(content["scope"])], owner) for content in wanted],
            self._concurrency,
        )

    async def _variable(
        self, content: dict[str, Any], existing: dict[str, Any] | SaagieError, owner: dict[str, str | None]
    ) -> None:
        scope, name = str(content["scope"]), str(content["name"])
        source = str(content.get("id") or "") or None
        try:
            if isinstance(existing, SaagieError):
                raise existing
            found = existing.get(name)
            password = bool(content.get("isPassword"))
            value = content.get("value")
            if found is not None and self._if_exists == "skip":
                self._report(TransferItem("env_var", name, source, found.id, "exists"), "skipped")
                return
            if found is not None:
                saved = await self._api.env_vars.update(
                    scope,
                    name,
                    None,
                    None if password and value is None else value or "",
                    content.get("description") or "",
                    password,
                    **owner,
                )
            else:
                saved = await self._api.env_vars.create(
                    scope, name, value or "", content.get("description") or "", password, **owner
                )
        except SaagieError as error:
            self._fail("env_var", "env_vars", name, source, error)
            return
        if password and value is None and found is None:
            reason = "password value not in the export: created empty"
            self._report(TransferItem("env_var_value", name, source, saved.id, reason), "skipped")
        self._report(TransferItem("env_var", name, source, saved.id), "done")

    # -- jobs -------------------------------------------------------------------------------------------
    async def job(self, project_id: str, plan: JobPlan, existing: Mapping[str, str]) -> None:
        """Create the job with every exported version (oldest first), or skip/upgrade an existing one."""
        content = plan.content
        name, source = str(content["name"]), str(content.get("id") or "") or None
        label, catalog = technology_label(content)
        versions = sorted_versions(content)
        current = current_version(content, plan.path)
        numbers: dict[int, int] = {}
        created: tuple[str | None, JobVersion | None] | None = None
        try:
            if not label:
                raise InvalidInputError("the export does not name its technology")
            emails, status_list = _alerting(content)
            cron = content.get("cronScheduling")
            scheduled = bool(cron) and bool(content.get("isScheduled", True))
            if name in existing:
                if self._if_exists == "skip":
                    self._report(TransferItem("job", name, source, existing[name], "exists"), "skipped")
                    return
                job_id = existing[name]
                versions = [current]
            else:
                first = versions[0]
                extra = first.get("extraTechnology") or {}
                job = await self._api.jobs.create(
                    name,
                    project_id,
                    plan.artifacts.get(int(first.get("number") or 0)),
                    content.get("description") or "",
                    content.get("category") or "Processing",
                    label,
                    catalog or "Saagie",
                    first.get("runtimeVersion") or "",
                    first.get("commandLine") or "",
                    first.get("releaseNote") or "",
                    extra.get("language"),
                    extra.get("version"),
                    cron if scheduled else None,
                    content.get("scheduleTimezone") or "UTC",
                    _resources(content.get("resources")),
                    emails,
                    status_list,
                    first.get("sourceUrl") or "",
                    self._docker_info(first.get("dockerInfo"), name),
                )
                job_id = job.id
                numbers[int(first.get("number") or 0)] = max((v.number for v in job.versions), default=1)
                versions = versions[1:]
                # The new job's technology and current version are known: no lookup before each version.
                created = (
                    job.technology.id if job.technology is not None else None,
                    next((v for v in job.versions if v.is_current), job.versions[-1] if job.versions else None),
                )
            for version in versions:
                artifact = plan.artifacts.get(int(version.get("number") or 0))
                extra = version.get("extraTechnology") or {}
                options = (
                    artifact,
                    artifact is None,
                    version.get("runtimeVersion") or None,
                    version.get("commandLine"),
                    version.get("releaseNote") or "",
                    extra.get("language"),
                    extra.get("version"),
                    version.get("sourceUrl") or "",
                )
                docker = self._docker_info(version.get("dockerInfo"), name)
                if created is None:
                    added = await self._api.jobs.upgrade(job_id, *options, docker)
                else:
                    added = await self._api.jobs._add_version(
                        job_id, created[0], created[1], *options, docker_input(docker)
                    )
                    created = (created[0], added)
                numbers[int(version.get("number") or 0)] = added.number
            if name in existing:
                await self._api.jobs.edit(
                    job_id,
                    description=content.get("description") or "",
                    is_scheduled=scheduled,
                    cron_scheduling=cron if scheduled else None,
                    schedule_timezone=content.get("scheduleTimezone") or None,
                    resources=_resources(content.get("resources")),
                    emails=emails or [],
                    status_list=status_list,
                )
            elif int(current.get("number") or 0) != int(sorted_versions(content)[-1].get("number") or 0):
                await self._api.jobs.rollback(job_id, numbers[int(current.get("number") or 0)])
        except (SaagieError, OSError) as error:
            self._fail("job", "jobs", name, source, error)
            return
        missing = [
            n
            for n, a in plan.artifacts.items()
            if a is None
            and any(int(v.get("number") or 0) == n and v.get("packageInfo") for v in sorted_versions(content))
        ]
        for number in missing:
            reason = f"version {number}: the export holds no artifact (created without one)"
            self._report(TransferItem("artifact", name, source, job_id, reason), "skipped")
        self._report(TransferItem("job", name, source, job_id), "done")

    # -- pipelines --------------------------------------------------------------------------------------
    def _graph(self, version: Mapping[str, Any], jobs_by_name: Mapping[str, str]) -> dict[str, Any]:
        graph = version.get("graph") or {}
        missing: list[str] = []
        job_nodes = []
        for node in graph.get("jobNodes") or []:
            job = node.get("job") or {}
            new_id = self.result.id_map.get(str(job.get("id"))) or jobs_by_name.get(str(job.get("name")))
            if new_id is None:
                missing.append(str(job.get("name") or job.get("id")))
                continue
            job_nodes.append(
                {
                    "id": node["id"],
                    "job": {"id": new_id},
                    "position": node.get("position"),
                    "nextNodes": list(node.get("nextNodes") or []),
                }
            )
        if missing:
            raise InvalidInputError(f"jobs not found in the target project: {', '.join(sorted(set(missing)))}")
        condition_nodes = []
        for node in graph.get("conditionNodes") or []:
            condition = condition_input(node)
            if condition is None:
                raise InvalidInputError(f"condition node {node.get('id')} has no readable condition")
            condition_nodes.append(
                {
                    "id": node["id"],
                    "position": node.get("position"),
                    "condition": condition,
                    "nextNodesSuccess": list(node.get("nextNodesSuccess") or []),
                    "nextNodesFailure": list(node.get("nextNodesFailure") or []),
                }
            )
        return {"jobNodes": job_nodes, "conditionNodes": condition_nodes}

    async def pipeline(
        self,
        project_id: str,
        path: Path,
        content: dict[str, Any],
        variables: list[tuple[Path, dict[str, Any]]],
        existing: Mapping[str, str],
        jobs_by_name: Mapping[str, str],
    ) -> None:
        """Create the pipeline with every exported version (job ids mapped), then its PIPELINE variables."""
        name, source = str(content["name"]), str(content.get("id") or "") or None
        versions = sorted_versions(content)
        current = current_version(content, path)
        try:
            emails, status_list = _alerting(content)
            if name in existing and self._if_exists == "skip":
                self._report(TransferItem("pipeline", name, source, existing[name], "exists"), "skipped")
                return
            numbers: dict[int, int] = {}
            if name in existing:
                pipeline_id = existing[name]
                versions = [current]
            else:
                first = versions[0]
                fields: dict[str, Any] = {
                    "name": name,
                    "alias": content.get("alias") or _alias(name),
                    "projectId": project_id,
                    "description": content.get("description") or "",
                    "releaseNote": first.get("releaseNote") or "",
                    "graph": self._graph(first, jobs_by_name),
                    "isScheduled": False,
                    "hasExecutionVariablesEnabled": bool(content.get("hasExecutionVariablesEnabled")),
                }
                if content.get("isScheduled", True) and content.get("cronScheduling"):
                    fields.update(check_scheduling(content["cronScheduling"], content.get("scheduleTimezone") or "UTC"))
                if emails:
                    fields.update(check_alerting(emails, status_list))
                if first.get("sourceUrl"):
                    fields["sourceUrl"] = first["sourceUrl"]
                created = await self._api.client.create_graph_pipeline(
                    GraphPipelineInput.model_validate(fields), instances_limit=1, versions_only_current=True
                )
                pipeline_id = created.id
                numbers[int(first.get("number") or 0)] = max((v.number for v in created.versions), default=1)
                versions = versions[1:]
            for version in versions:
                added = await self._api.client.add_graph_pipeline_version(
                    pipeline_id,
                    PipelineGraphInput.model_validate(self._graph(version, jobs_by_name)),
                    release_note=version.get("releaseNote") or "",
                    source_url=version.get("sourceUrl") or None,
                )
                numbers[int(version.get("number") or 0)] = added.number
            if name in existing:
                await self._api.pipelines.edit(
                    pipeline_id,
                    description=content.get("description") or "",
                    emails=emails or [],
                    status_list=status_list,
                    has_execution_variables_enabled=bool(content.get("hasExecutionVariablesEnabled")),
                )
            elif int(current.get("number") or 0) != int(sorted_versions(content)[-1].get("number") or 0):
                await self._api.pipelines.rollback(pipeline_id, numbers[int(current.get("number") or 0)])
        except SaagieError as error:
            self._fail("pipeline", "pipelines", name, source, error)
            return
        self._report(TransferItem("pipeline", name, source, pipeline_id), "done")
        await self.variables(variables, pipeline_id=pipeline_id, only_scope="PIPELINE")

    # -- apps -------------------------------------------------------------------------------------------
    async def _create_volume(self, project_id: str, volume: Mapping[str, Any]) -> str:
        create: Any = getattr(self._api.storages, "create", None)
        name, size = str(volume.get("name")), str(volume.get("size") or "1 GB")
        description = str(volume.get("description") or "")
        if create is not None:
            created = await create(project_id, name, size, description)
            return str(created.id)
        data = await self._api.client.execute(
            CREATE_VOLUME,
            "ExportImportCreateVolume",
            {"volume": {"name": name, "size": size, "description": description, "projectId": project_id}},
        )
        return str(data["createVolume"]["id"])

    async def _app_technology(self, label: str, catalog: str, version: Mapping[str, Any]) -> tuple[str, str]:
        """``(technology id, context id)`` of a catalog app on the target (by labels, then by context id)."""
        technologies = [
            t
            for t in await self._api.get_available_technologies(catalog or "Saagie")
            if t.typename__ == "AppTechnology"
        ]
        technology = next((t for t in technologies if t.label.lower() == label.lower()), None)
        if technology is None:
            raise InvalidInputError(f"app technology {label!r} of catalog {catalog!r} is not on the target platform")
        contexts = [c for c in getattr(technology, "app_contexts", None) or [] if c.available]
        wanted = (version.get("runtimeContextLabel"), version.get("runtimeContextId"))
        context = next((c for c in contexts if c.label == wanted[0]), None) or next(
            (c for c in contexts if c.id == wanted[1]), None
        )
        if context is None:
            raise InvalidInputError(f"runtime {wanted[0] or wanted[1]!r} of app technology {label!r} is not available")
        return technology.id, context.id

    async def app(
        self,
        project_id: str,
        path: Path,
        content: dict[str, Any],
        variables: list[tuple[Path, dict[str, Any]]],
        existing: Mapping[str, str],
    ) -> None:
        """Create the app from its current version (image or catalog context, ports, volumes, credentials)."""
        name, source = str(content["name"]), str(content.get("id") or "") or None
        version = content.get("currentVersion") or {}
        label, catalog = technology_label(content)
        try:
            if name in existing and self._if_exists == "skip":
                self._report(TransferItem("app", name, source, existing[name], "exists"), "skipped")
                return
            ports = [{k: v for k, v in p.items() if k != "internalUrl"} for p in version.get("ports") or []]
            docker = self._docker_info(version.get("dockerInfo"), name)
            emails, status_list = _alerting(content)
            technology_id = context_id = None
            if docker is None or version.get("runtimeContextId"):
                technology_id, context_id = await self._app_technology(label, catalog, version)
                docker = None
            if name in existing:
                app_id = existing[name]
                await self._api.apps.upgrade(
                    app_id,
                    version.get("releaseNote") or "",
                    ports,
                    None,
                    context_id,
                    docker["image"] if docker else None,
                    docker.get("dockerCredentialsId") if docker else None,
                )
            else:
                storage = []
                for item in version.get("volumesWithPath") or []:
                    if isinstance(item, Mapping) and isinstance(item.get("volume"), Mapping):
                        volume_id = await self._create_volume(project_id, item["volume"])
                        self._report(
                            TransferItem(
                                "volume", str(item["volume"].get("name")), item["volume"].get("id"), volume_id
                            ),
                            "done",
                        )
                        storage.append({"path": item["path"], "volumeId": volume_id})
                created = await self._api.apps.create_from_scratch(
                    project_id,
                    name,
                    docker["image"] if docker else "",
                    content.get("description") or "",
                    ports,
                    storage,
                    version.get("releaseNote") or "",
                    docker.get("dockerCredentialsId") if docker else None,
                    emails,
                    None,
                    status_list,
                    _resources(content.get("resources")),
                    technology_id,
                    context_id,
                )
                app_id = created.id
        except SaagieError as error:
            self._fail("app", "apps", name, source, error)
            return
        self._report(TransferItem("app", name, source, app_id), "done")
        await self.variables(variables, app_id=app_id, only_scope="APP")

    # -- whole project ----------------------------------------------------------------------------------
    async def project_entities(self, project_id: str, plan: Mapping[str, Any]) -> None:
        """Credentials, variables, then jobs, then pipelines (which need the new job ids), then apps."""
        await self.docker_credentials(project_id, plan["docker_credentials"])
        await self.variables(plan["env_vars"], project_id=project_id)
        jobs = {j.name: j.id for j in await self._api.jobs.list_for_project_minimal(project_id)}
        await async_gather_limited(
            [functools.partial(self.job, project_id, job, jobs) for job in plan["jobs"]], self._concurrency
        )
        jobs = {j.name: j.id for j in await self._api.jobs.list_for_project_minimal(project_id)}
        pipelines = {p.name: p.id for p in await self._api.pipelines.list_for_project_minimal(project_id)}
        apps = {a.name: a.id for a in await self._api.apps.list_for_project_minimal(project_id)}
        await async_gather_limited(
            [
                *(
                    functools.partial(self.pipeline, project_id, p, c, v, pipelines, jobs)
                    for p, c, v in plan["pipelines"]
                ),
                *(functools.partial(self.app, project_id, p, c, v, apps) for p, c, v in plan["apps"]),
            ],
            self._concurrency,
        )

    async def project(self, plan: Mapping[str, Any], *, timeout: float | None) -> str | None:
        """Create (or reuse) the project of ``plan`` and import everything into it; its id, None on failure."""
        content = plan["project"]
        name = str(content["name"])
        existing = next((p for p in await self._api.projects.list() if p.name == name), None)
        if existing is not None:
            self._report(TransferItem("project", name, None, existing.id, "exists: reused"), "skipped")
            project_id = existing.id
        else:
            try:
                project_id = await self._create_project(content)
                await self._api.projects.get_status_with_callback(project_id, timeout=timeout)
            except SaagieError as error:
                self._fail("project", "projects", name, None, error)
                return None
            self._report(TransferItem("project", name, None, project_id), "done")
        await self.project_entities(project_id, plan)
        return project_id

    async def _known_labels(self, wanted: Any, kinds: tuple[str, ...], what: str) -> dict[str, list[str]] | None:
        if not isinstance(wanted, Mapping) or not wanted:
            return None
        kept: dict[str, list[str]] = {}
        for catalog, labels in wanted.items():
            known = {
                t.label.lower(): t.label
                for t in await self._api.get_available_technologies(catalog)
                if t.typename__ in kinds
            }
            for label in [labels] if isinstance(labels, str) else list(labels or []):
                if str(label).lower() in known:
                    kept.setdefault(catalog, []).append(known[str(label).lower()])
                else:
                    reason = f"{what} technology not available in catalog {catalog!r} of the target platform"
                    self._report(TransferItem("technology", str(label), reason=reason), "skipped")
        return kept or None

    async def _create_project(self, content: Mapping[str, Any]) -> str:
        job_kinds = ("JobTechnology", "SparkTechnology")
        by_category = content.get("jobs_technologies_by_category")
        jobs: Any
        if isinstance(by_category, Mapping) and by_category:
            jobs = {}
            for category, wanted in by_category.items():
                kept = await self._known_labels(wanted, job_kinds, f"{category} job")
                if kept:
                    jobs[category] = kept
        else:
            jobs = await self._known_labels(content.get("jobs_technologies"), job_kinds, "job")
        apps = await self._known_labels(content.get("apps_technologies"), ("AppTechnology",), "app")
        rights = [r for r in content.get("rights") or [] if isinstance(r, Mapping)]
        description = str(content.get("description") or "")
        try:
            created = await self._api.projects.create(
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
                    self._report(TransferItem("right", str(group), reason=str(error)), "skipped")
            created = await self._api.projects.create(
                str(content["name"]),
                description=description,
                jobs_technologies_allowed=jobs,
                apps_technologies_allowed=apps,
            )
        return created.id


def check_project_folder(root: Path) -> Path:
    """The resolved import root; ExportFormatError when it is no folder."""
    if not root.is_dir():
        raise ExportFormatError(f"{str(root)!r} is not a folder", path=str(root))
    return root.resolve()


def _single(root: Path, file_name: str) -> tuple[Path, Path]:
    """``(folder, file)`` of the one ``file_name`` in ``root`` or one level below (2.x searched the folder)."""
    direct = safe_path(root, file_name)
    if direct.is_file():
        return root, direct
    found = [(folder, path) for folder, path in entity_folders(root, ".", file_name)]
    if len(found) != 1:
        raise ExportFormatError(f"{str(root)!r} holds {len(found)} {file_name} files, expected one", path=str(root))
    return found[0]


async def run_import(
    api: AsyncSaagieApi,
    kind: str,
    path: str | os.PathLike[str],
    project_id: str | None = None,
    *,
    if_exists: str = "skip",
    error_folder: str | os.PathLike[str] = "",
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: ProgressCallback | None = None,
    docker_credentials_passwords: Mapping[str, str] | None = None,
    timeout: float | None = 600.0,
) -> ImportResult:
    """Import a project folder, a job folder, or a pipeline/app JSON file; every file is checked first."""
    given = Path(path)
    if kind in ("pipeline", "app"):
        if not given.is_file():
            raise ExportFormatError(f"{str(given)!r} is not a file", path=str(given))
        root = given.parent.resolve()
        json_file = safe_path(root, given.name)
    else:
        root = check_project_folder(given)
    result = ImportResult(folder=root)
    importer = AsyncImporter(
        api,
        result,
        root,
        if_exists=if_exists,
        error_folder=error_folder,
        concurrency=concurrency,
        progress=progress,
        docker_credentials_passwords=docker_credentials_passwords,
    )
    if kind == "project":
        await importer.project(load_project(root), timeout=timeout)
        return result
    if not project_id:
        raise InvalidInputError("project_id is empty")
    if kind == "job":
        folder, job_file = _single(root, "job.json")
        plan = load_job(root, folder, job_file)
        jobs = {j.name: j.id for j in await api.jobs.list_for_project_minimal(project_id)}
        await importer.job(project_id, plan, jobs)
    elif kind == "pipeline":
        content = read_export_json(json_file, root, required=("name",))
        current_version(content, json_file)
        variables = list(iter_variables(root, "env_vars"))
        jobs = {j.name: j.id for j in await api.jobs.list_for_project_minimal(project_id)}
        pipelines = {p.name: p.id for p in await api.pipelines.list_for_project_minimal(project_id)}
        await importer.pipeline(project_id, json_file, content, variables, pipelines, jobs)
    else:
        content = read_export_json(json_file, root, required=("name",))
        variables = list(iter_variables(root, "env_vars"))
        apps = {a.name: a.id for a in await api.apps.list_for_project_minimal(project_id)}
        await importer.app(project_id, json_file, content, variables, apps)
    return result
