"""Recreating the jobs, pipelines and apps of an export (each with its versions and variables).

This file is the single source: ``saagieapi/_sync/project_import_workloads.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._generated.projects.input_types import GraphPipelineInput, PipelineGraphInput
from ..errors import InvalidInputError, SaagieError
from ..export_layout import (
    DEFAULT_CONDITION_STATUS,
    TransferItem,
    condition_input,
    current_version,
    sorted_versions,
    technology_label,
)
from ..validation import check_alerting, check_scheduling
from .jobs_helpers import docker_input
from .project_import_folder import JobPlan, exported_alerting, exported_resources, pipeline_alias
from .project_import_run import AsyncImportRun

if TYPE_CHECKING:
    from ..models import JobVersion

__all__ = ["AsyncWorkloadImporter"]

CREATE_VOLUME = """
mutation ExportImportCreateVolume($volume: VolumeInput!) { createVolume(volume: $volume) { id name } }
"""


class AsyncWorkloadImporter(AsyncImportRun):
    """The steps of an import run that recreate jobs, pipelines (job ids mapped) and apps."""

    # -- jobs ------------------------------------------------------------------------------------------
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
            emails, status_list = exported_alerting(content)
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
                    exported_resources(content.get("resources")),
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
                    resources=exported_resources(content.get("resources")),
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

    # -- pipelines -------------------------------------------------------------------------------------
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
            emails, status_list = exported_alerting(content)
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
                    "alias": content.get("alias") or pipeline_alias(name),
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
        for node in (current.get("graph") or {}).get("conditionNodes") or []:
            if "condition" not in node:
                reason = f"the export gives no condition: created with the default {DEFAULT_CONDITION_STATUS}"
                self._report(TransferItem("condition", str(node.get("id")), None, pipeline_id, reason), "skipped")
        self._report(TransferItem("pipeline", name, source, pipeline_id), "done")
        await self.variables(variables, pipeline_id=pipeline_id, only_scope="PIPELINE")

    # -- apps ------------------------------------------------------------------------------------------
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
            emails, status_list = exported_alerting(content)
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
                    exported_resources(content.get("resources")),
                    technology_id,
                    context_id,
                )
                app_id = created.id
        except SaagieError as error:
            self._fail("app", "apps", name, source, error)
            return
        self._report(TransferItem("app", name, source, app_id), "done")
        await self.variables(variables, app_id=app_id, only_scope="APP")
