# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Recreating the jobs, pipelines and apps of an export, or completing them (each with its versions and variables).

This file is the single source: ``saagieapi/_sync/project_import_workloads.py`` is generated from it (``make codegen``).

What makes the import resumable (the matching rules) is in :mod:`saagieapi._core.import_rules`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._backend import sync_to_thread
from .._core.arguments import docker_input
from .._core.import_rules import app_version_signature, graph_signature, same_job_version, version_prefix
from .._generated.projects.input_types import GraphPipelineInput, PipelineGraphInput
from .._import_folder import EntityPlan, JobPlan, exported_alerting, exported_resources, pipeline_alias
from ..errors import InvalidInputError, SaagieError
from ..export_layout import DEFAULT_CONDITION_STATUS, condition_input, technology_label
from ..validation import check_alerting, check_scheduling
from .project_import_run import ImportRun
from .reconcile import pipeline_created, pipeline_version_added, reconciled

if TYPE_CHECKING:
    from ..models import Job, JobVersion

__all__ = ["WorkloadImporter"]

CREATE_VOLUME = """
mutation ExportImportCreateVolume($volume: VolumeInput!) { createVolume(volume: $volume) { id name } }
"""


def _sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _by_name(existing: Mapping[str, str], name: str) -> str | None:
    """The id of ``name`` among ``{name: id}`` (names are unique per project, case-insensitively)."""
    if name in existing:
        return existing[name]
    return next((i for n, i in existing.items() if n.casefold() == name.casefold()), None)


class WorkloadImporter(ImportRun):
    """The steps of an import run that recreate (or complete) jobs, pipelines (job ids mapped) and apps."""

    # -- jobs ------------------------------------------------------------------------------------------
    def _version_options(self, plan: JobPlan, version: Mapping[str, Any]) -> tuple[Any, ...]:
        artifact = plan.artifacts.get(int(version["number"]))
        extra = version.get("extraTechnology") or {}
        return (
            artifact,
            artifact is None,
            version.get("runtimeVersion") or None,
            version.get("commandLine") or "",
            version.get("releaseNote") or "",
            extra.get("language"),
            extra.get("version"),
            version.get("sourceUrl") or "",
        )

    def _same(self, plan: JobPlan, target: JobVersion, exported: Mapping[str, Any]) -> bool:
        artifact = plan.artifacts.get(int(exported["number"]))
        dumped = target.model_dump(by_alias=True, mode="json")
        return same_job_version(dumped, exported, artifact.name if artifact is not None else None)

    def _add_job_version(
        self, job_id: str, plan: JobPlan, version: Mapping[str, Any], technology_id: str | None, current: Any
    ) -> JobVersion:
        docker = self._docker_info(version.get("dockerInfo"), str(plan.content["name"]))
        artifact, previous, runtime, command, note, language, language_version, url = self._version_options(
            plan, version
        )
        return self._api.jobs._add_version(
            job_id,
            technology_id,
            current,
            artifact,
            previous,
            runtime,
            command,
            note,
            language,
            language_version,
            url,
            docker_input(docker),
        )

    def _current_artifact_differs(self, plan: JobPlan, target: JobVersion) -> bool:
        """Whether the target's current artifact has other bytes than the export's current one (SHA-256)."""
        local = plan.artifacts.get(int(plan.current["number"]))
        package = target.package_info
        if local is None or package is None or not package.download_url:
            return False
        url = self._api.url_saagie.rstrip("/") + "/" + package.download_url.lstrip("/")
        digest = hashlib.sha256()
        response = self._api.transport.request("GET", url, stream=True, kind="query")
        try:
            for chunk in response.iter_bytes():
                digest.update(chunk)
        finally:
            response.close()
        return digest.hexdigest() != sync_to_thread(_sha256_of_file, local)

    def _create_job(self, project_id: str, plan: JobPlan) -> Job:
        content = plan.content
        name = str(content["name"])
        label, catalog = technology_label(content)
        emails, status_list = exported_alerting(content)
        cron = content.get("cronScheduling")
        scheduled = bool(cron) and bool(content.get("isScheduled", True))
        first = plan.versions[0]
        extra = first.get("extraTechnology") or {}
        return self._api.jobs.create(
            name,
            project_id,
            plan.artifacts.get(int(first["number"])),
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

    def _edit_job(self, job_id: str, content: Mapping[str, Any]) -> None:
        emails, status_list = exported_alerting(content)
        cron = content.get("cronScheduling")
        scheduled = bool(cron) and bool(content.get("isScheduled", True))
        self._api.jobs.edit(
            job_id,
            description=content.get("description") or "",
            is_scheduled=scheduled,
            cron_scheduling=cron if scheduled else None,
            schedule_timezone=content.get("scheduleTimezone") or None,
            resources=exported_resources(content.get("resources")),
            emails=emails or [],
            status_list=status_list,
        )

    def job(self, project_id: str, plan: JobPlan, existing: Mapping[str, str]) -> None:
        """Create the job with every exported version (oldest first); complete an existing one (see import_rules)."""
        content = plan.content
        name, source = str(content["name"]), str(content.get("id") or "") or None
        for _number, reason in plan.skipped:
            self._record("skipped", "job_version", name, None, reason=f"{reason}: this version is skipped")
        job_id = _by_name(existing, name)
        try:
            if job_id is None:
                job = self._create_job(project_id, plan)
                job_id = job.id
                current: Any = next(
                    (v for v in job.versions if v.is_current), job.versions[-1] if job.versions else None
                )
                technology = job.technology.id if job.technology is not None else None
                numbers = {int(plan.versions[0]["number"]): current.number if current else 1}
                for version in plan.versions[1:]:
                    current = self._add_job_version(job_id, plan, version, technology, current)
                    numbers[int(version["number"])] = current.number
                wanted = numbers[int(plan.current["number"])]
                if current is not None and current.number != wanted:
                    self._api.jobs.rollback(job_id, wanted)
                action, reason = "created", ""
            else:
                action, reason = self._complete_job(job_id, plan)
        except (SaagieError, OSError) as error:
            self._fail("job", "jobs", name, source, error)
            return
        for number in plan.without_artifact:
            reason_artifact = f"version {number}: the export holds no artifact (imported without one)"
            self._record("skipped", "artifact", name, None, job_id, reason_artifact)
        self._record(action, "job", name, source, job_id, reason)

    def _complete_job(self, job_id: str, plan: JobPlan) -> tuple[str, str]:
        """Complete an existing job: the missing versions (when its versions begin the export's), or with
        ``if_exists="upgrade"`` the export's current version unless identical. ``(action, what was done)``."""
        target = self._api.jobs.get_info(job_id, instances_limit=1, versions_limit=None)
        have = sorted(target.versions, key=lambda v: v.number)
        technology = target.technology.id if target.technology is not None else None
        current: Any = next((v for v in have if v.is_current), have[-1] if have else None)
        done: list[str] = []
        if version_prefix(have, plan.versions, lambda h, w: self._same(plan, h, w)):
            numbers = {int(w["number"]): h.number for h, w in zip(have, plan.versions, strict=False)}
            for version in plan.versions[len(have) :]:
                current = self._add_job_version(job_id, plan, version, technology, current)
                numbers[int(version["number"])] = current.number
                done.append(f"version {version['number']} added")
            wanted = numbers[int(plan.current["number"])]
            if current is not None and current.number != wanted:
                self._api.jobs.rollback(job_id, wanted)
                done.append(f"version {plan.current['number']} made current")
            elif self.upgrading and current is not None and self._current_artifact_differs(plan, current):
                self._add_job_version(job_id, plan, plan.current, technology, current)
                done.append("the current artifact differs: the current version added again")
        elif not self.upgrading:
            return "unchanged", "exists (its versions differ from the export's): kept as it is"
        else:
            same = current is not None and self._same(plan, current, plan.current)
            if not same or (current is not None and self._current_artifact_differs(plan, current)):
                self._add_job_version(job_id, plan, plan.current, technology, current)
                done.append("the current version added")
        if self.upgrading:
            self._edit_job(job_id, plan.content)
        if not done:
            return "unchanged", "exists with the export's versions"
        return "completed", "; ".join(done)

    # -- pipelines -------------------------------------------------------------------------------------
    def _job_id(self, job: Mapping[str, Any], jobs_by_name: Mapping[str, str]) -> str | None:
        return self.result.id_map.get(str(job.get("id"))) or _by_name(jobs_by_name, str(job.get("name")))

    def _graph(self, version: Mapping[str, Any], jobs_by_name: Mapping[str, str]) -> dict[str, Any]:
        graph = version.get("graph") or {}
        missing: list[str] = []
        job_nodes = []
        for node in graph.get("jobNodes") or []:
            job = node.get("job") or {}
            new_id = self._job_id(job, jobs_by_name)
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

    def _same_pipeline_version(
        self, target: Mapping[str, Any], exported: Mapping[str, Any], jobs_by_name: Mapping[str, str]
    ) -> bool:
        if (target.get("releaseNote") or "") != (exported.get("releaseNote") or ""):
            return False
        mine = graph_signature(target.get("graph") or {}, lambda job: job.get("id"))
        theirs = graph_signature(exported.get("graph") or {}, lambda job: self._job_id(job, jobs_by_name))
        return mine == theirs

    def _add_pipeline_version(
        self, pipeline_id: str, version: Mapping[str, Any], jobs_by_name: Mapping[str, str]
    ) -> Any:
        graph = self._graph(version, jobs_by_name)
        note, url = version.get("releaseNote") or "", version.get("sourceUrl") or None
        return reconciled(
            self._api,
            "addGraphPipelineVersion",
            lambda: self._api.client.add_graph_pipeline_version(
                pipeline_id, PipelineGraphInput.model_validate(graph), release_note=note, source_url=url
            ),
            lambda: pipeline_version_added(self._api, pipeline_id, graph, note),
        )

    def _create_pipeline(self, project_id: str, content: Mapping[str, Any], jobs_by_name: Mapping[str, str]) -> Any:
        name = str(content["name"])
        first = sorted(content["versions"], key=lambda v: int(v["number"]))[0]
        emails, status_list = exported_alerting(content)
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
        return reconciled(
            self._api,
            "createGraphPipeline",
            lambda: self._api.client.create_graph_pipeline(
                GraphPipelineInput.model_validate(fields), instances_limit=1, versions_only_current=True
            ),
            lambda: pipeline_created(self._api, project_id, fields),
        )

    def pipeline(
        self, project_id: str, plan: EntityPlan, existing: Mapping[str, str], jobs_by_name: Mapping[str, str]
    ) -> None:
        """Create the pipeline with every exported version (job ids mapped), or complete an existing one; then
        its PIPELINE variables (the missing ones, also on an existing pipeline)."""
        content = plan.content
        name, source = str(content["name"]), str(content.get("id") or "") or None
        versions = sorted(content["versions"], key=lambda v: int(v["number"]))
        current = next((v for v in versions if v.get("isCurrent")), versions[-1])
        pipeline_id = _by_name(existing, name)
        try:
            if pipeline_id is None:
                created = self._create_pipeline(project_id, content, jobs_by_name)
                pipeline_id = created.id
                numbers = {int(versions[0]["number"]): max((v.number for v in created.versions), default=1)}
                for version in versions[1:]:
                    added = self._add_pipeline_version(pipeline_id, version, jobs_by_name)
                    numbers[int(version["number"])] = added.number
                if numbers[int(current["number"])] != numbers[int(versions[-1]["number"])]:
                    self._api.pipelines.rollback(pipeline_id, numbers[int(current["number"])])
                action, reason = "created", ""
            else:
                action, reason = self._complete_pipeline(pipeline_id, content, versions, current, jobs_by_name)
        except SaagieError as error:
            self._fail("pipeline", "pipelines", name, source, error)
            return
        for node in (current.get("graph") or {}).get("conditionNodes") or []:
            if "condition" not in node:
                why = f"the export gives no condition: created with the default {DEFAULT_CONDITION_STATUS}"
                self._record("skipped", "condition", str(node.get("id")), None, pipeline_id, why)
        self._record(action, "pipeline", name, source, pipeline_id, reason)
        self.variables(plan.variables, pipeline_id=pipeline_id, only_scope="PIPELINE")

    def _complete_pipeline(
        self,
        pipeline_id: str,
        content: Mapping[str, Any],
        versions: list[dict[str, Any]],
        current: Mapping[str, Any],
        jobs_by_name: Mapping[str, str],
    ) -> tuple[str, str]:
        target = self._api.pipelines.get_info(pipeline_id, instances_limit=1, versions_limit=None)
        have = sorted((v.model_dump(by_alias=True, mode="json") for v in target.versions), key=lambda v: v["number"])
        done: list[str] = []
        on_platform = next((v for v in have if v.get("isCurrent")), have[-1] if have else None)
        if version_prefix(have, versions, lambda h, w: self._same_pipeline_version(h, w, jobs_by_name)):
            numbers = {int(w["number"]): int(h["number"]) for h, w in zip(have, versions, strict=False)}
            last = on_platform["number"] if on_platform else 0
            for version in versions[len(have) :]:
                added = self._add_pipeline_version(pipeline_id, version, jobs_by_name)
                numbers[int(version["number"])] = last = added.number
                done.append(f"version {version['number']} added")
            if last != numbers[int(current["number"])]:
                self._api.pipelines.rollback(pipeline_id, numbers[int(current["number"])])
                done.append(f"version {current['number']} made current")
        elif not self.upgrading:
            return "unchanged", "exists (its versions differ from the export's): kept as it is"
        elif on_platform is None or not self._same_pipeline_version(on_platform, current, jobs_by_name):
            self._add_pipeline_version(pipeline_id, current, jobs_by_name)
            done.append("the current version added")
        if self.upgrading:
            emails, status_list = exported_alerting(content)
            self._api.pipelines.edit(
                pipeline_id,
                description=content.get("description") or "",
                emails=emails or [],
                status_list=status_list,
                has_execution_variables_enabled=bool(content.get("hasExecutionVariablesEnabled")),
            )
        return ("completed", "; ".join(done)) if done else ("unchanged", "exists with the export's versions")

    # -- apps ------------------------------------------------------------------------------------------
    def _volume(self, project_id: str, volume: Mapping[str, Any], app: str, taken: dict[str, Any]) -> str:
        """The id of the exported volume on the target: an unlinked storage of that name (left by an interrupted
        import) is reused, else it is created."""
        name = str(volume.get("name"))
        found = next((v for v in taken.values() if v.name.casefold() == name.casefold()), None)
        if found is not None and (found.linked_app is None or found.linked_app.name == app):
            self._record("unchanged", "volume", name, volume.get("id"), found.id, "exists: reused")
            return str(found.id)
        size, description = str(volume.get("size") or "1 GB"), str(volume.get("description") or "")
        created = self._api.storages.create(project_id, name, size, description)
        self._record("created", "volume", name, volume.get("id"), created.id)
        return str(created.id)

    def _app_technology(self, label: str, catalog: str, version: Mapping[str, Any]) -> tuple[str, str]:
        """``(technology id, context id)`` of a catalog app on the target (by labels, then by context id)."""
        technologies = [
            t for t in self._api.get_available_technologies(catalog or "Saagie") if t.typename__ == "AppTechnology"
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

    def _storage(self, project_id: str, version: Mapping[str, Any], app: str) -> list[dict[str, str]]:
        items = [i for i in version.get("volumesWithPath") or [] if isinstance(i.get("volume"), Mapping)]
        if not items:
            return []
        taken = {v.id: v for v in self._api.storages.list_for_project(project_id)}
        storage = []
        for item in items:
            volume_id = self._volume(project_id, item["volume"], app, taken)
            storage.append({"path": item["path"], "volumeId": volume_id})
        return storage

    def app(self, project_id: str, plan: EntityPlan, existing: Mapping[str, str]) -> None:
        """Create the app from its current version (image or catalog context, ports, volumes, credentials), or
        complete an existing one (its volumes; with ``"upgrade"`` the export's version unless identical); then
        its APP variables."""
        content = plan.content
        name, source = str(content["name"]), str(content.get("id") or "") or None
        version = content["currentVersion"]
        label, catalog = technology_label(content)
        app_id = _by_name(existing, name)
        try:
            ports = [{k: v for k, v in p.items() if k != "internalUrl"} for p in version.get("ports") or []]
            docker = self._docker_info(version.get("dockerInfo"), name)
            emails, status_list = exported_alerting(content)
            technology_id = context_id = None
            if docker is None or version.get("runtimeContextId"):
                technology_id, context_id = self._app_technology(label, catalog, version)
                docker = None
            if app_id is not None:
                action, reason = self._complete_app(app_id, project_id, version, ports, docker, context_id)
            else:
                storage = self._storage(project_id, version, name)
                created = self._api.apps.create_from_scratch(
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
                app_id, action, reason = created.id, "created", ""
        except SaagieError as error:
            self._fail("app", "apps", name, source, error)
            return
        self._record(action, "app", name, source, app_id, reason)
        self.variables(plan.variables, app_id=app_id, only_scope="APP")

    def _complete_app(
        self,
        app_id: str,
        project_id: str,
        version: Mapping[str, Any],
        ports: list[dict[str, Any]],
        docker: Mapping[str, Any] | None,
        context_id: str | None,
    ) -> tuple[str, str]:
        target = self._api.apps.get_info(app_id)
        current = target.current_version.model_dump(by_alias=True, mode="json") if target.current_version else {}
        mounted = {str(i.get("path")) for i in current.get("volumesWithPath") or [] if i.get("volume")}
        wanted = {str(i.get("path")) for i in version.get("volumesWithPath") or [] if i.get("volume")}
        image = docker["image"] if docker else None
        credentials = docker.get("dockerCredentialsId") if docker else None
        on_target = app_version_signature(
            current,
            image=(current.get("dockerInfo") or {}).get("image") if image else None,
            context=current.get("runtimeContextId") if context_id else None,
            credentials=(current.get("dockerInfo") or {}).get("dockerCredentialsId") if image else None,
        )
        exported = app_version_signature(version, image=image, context=context_id, credentials=credentials)
        missing_volumes = sorted(wanted - mounted)
        if not self.upgrading and not missing_volumes:
            return "unchanged", "exists"
        if self.upgrading and on_target == exported:
            return "unchanged", "exists with the export's version"
        storage = self._storage(project_id, version, str(target.name))
        kept = [
            {"path": i["path"], "volumeId": i["volume"]["id"]}
            for i in current.get("volumesWithPath") or []
            if i.get("volume") and str(i.get("path")) not in wanted
        ]
        if self.upgrading:
            self._api.apps.upgrade(
                app_id, version.get("releaseNote") or "", ports, storage + kept, context_id, image, credentials
            )
            return "completed", "the export's version added"
        self._api.apps.upgrade(app_id, current.get("releaseNote") or "", None, storage + kept)
        return "completed", f"volumes mounted on {', '.join(missing_volumes)}"
