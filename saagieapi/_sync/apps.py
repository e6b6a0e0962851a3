# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.apps``: apps: from the catalog or a docker image, versions, run, stop, logs.

This file is the single source: ``saagieapi/_sync/apps.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, overload
from urllib.parse import quote

from .._core._build import build
from .._core.arguments import (
    app_alerting_fields,
    check_app_alerting,
    check_entity_name,
    check_exposed_ports,
    parse_date,
    port_inputs,
    version_numbers,
)
from .._core.inputs import (
    AppDockerInputFields,
    AppEditionInputFields,
    AppInputFields,
    AppVersionInputFields,
    PortInputFields,
    VolumeWithPathInputFields,
    app_edition_input,
    app_version_input,
)
from .._core.inputs import app_input as app_input_of
from .._core.lookup import find_by_name
from .._core.validation import check_technology_valid
from .._generated.projects.input_types import (
    AppResourceInput,
    PortInput,
    VolumeWithPathInput,
)
from ..errors import InvalidInputError, NotFoundError
from ..export_layout import ExportResult, ImportResult, ProgressCallback
from ..models import App, AppsCountByTechnology, AppStats, AppStatusRecord, AppSummary, AppVersion, LogsPage
from .app_logs import AppLogsMixin
from .app_runs import AppRunsMixin
from .app_versions import AppVersionsMixin
from .reconcile import announced, app_created, app_version_added, idempotent, reconciled

__all__ = ["Apps"]

DEFAULT_STREAMS = "ENVVARS_STDOUT,ENVVARS_STDERR,ORCHESTRATION_STDOUT,ORCHESTRATION_STDERR,STDERR,STDOUT"


class Apps(AppRunsMixin, AppLogsMixin, AppVersionsMixin):
    """Methods of ``api.apps`` (apps: from the catalog or a docker image, versions, run, stop, logs)."""

    check_alerting = staticmethod(check_app_alerting)
    check_exposed_ports = staticmethod(check_exposed_ports)

    # -- read ---------------------------------------------------------------------------------------------
    @overload
    def list_for_project(
        self, project_id: str, minimal: Literal[False] = False, versions_only_current: bool = False
    ) -> list[App]: ...

    @overload
    def list_for_project(
        self, project_id: str, minimal: Literal[True], versions_only_current: bool = False
    ) -> list[AppSummary]: ...

    @overload
    def list_for_project(
        self, project_id: str, minimal: bool = False, versions_only_current: bool = False
    ) -> list[App] | list[AppSummary]: ...

    def list_for_project(
        self, project_id: str, minimal: bool = False, versions_only_current: bool = False
    ) -> list[App] | list[AppSummary]:
        """The apps of a project (``minimal=True``: ids and names only).

        Example::

            apps = api.apps.list_for_project(project_id, versions_only_current=True)
        """
        if minimal:
            return self.list_for_project_minimal(project_id)
        project = self._client.list_apps_for_project(project_id=project_id, versions_only_current=versions_only_current)
        if project is None:
            raise NotFoundError("project", project_id)
        return list(project.apps)

    def list_for_project_minimal(self, project_id: str) -> list[AppSummary]:
        """Id and name of each app of a project.

        Example::

            names = [app.name for app in api.apps.list_for_project_minimal(project_id)]
        """
        project = self._client.list_apps_for_project_minimal(project_id=project_id)
        if project is None:
            raise NotFoundError("project", project_id)
        return list(project.apps)

    def get_info(self, app_id: str, versions_only_current: bool = True) -> App:
        """An app with its current version (all versions with ``versions_only_current=False``) and history.

        Example::

            app = api.apps.get_info(app_id)
            status = app.history.current_status if app.history else None  # None: never started
        """
        app = self._client.get_app(id=app_id, versions_only_current=versions_only_current)
        if app is None:
            raise NotFoundError("app", app_id)
        return app

    def count(self, project_id: str) -> list[AppsCountByTechnology]:
        """How many apps a project has per technology (``technology.id``, ``count``).

        Example::

            total = sum(item.count for item in api.apps.count(project_id))
        """
        return [item for item in self._client.count_apps(project_id=project_id) or [] if item is not None]

    def get_id(self, app_name: str, project_name: str) -> str:
        """Id of an app from its name and its project's name (one request per lookup).

        Example::

            app_id = api.apps.get_id("notebook", "demo")
        """
        project_id = self._api.projects.get_id(project_name)
        apps = self.list_for_project_minimal(project_id)
        return find_by_name(apps, app_name, kind="app", scope=f"project {project_name!r}").id

    def get_runtime_label_by_id(self, technology_id: str, runtime_id: str) -> str:
        """Label of an app context (runtime) from its id, from the cached catalog (2.x returned a list).

        Example::

            label = api.apps.get_runtime_label_by_id(technology_id, app.current_version.runtime_context_id)
        """
        return self._api.get_runtime_label_by_id(technology_id, runtime_id)

    def get_stats(self, history_id: str, version_number: int, start_time: str | datetime) -> AppStats:
        """Uptime, downtime and recoveries of an app version since ``start_time``.

        Example::

            stats = api.apps.get_stats(app.history.id, 1, app.current_version.creation_date)
        """
        stats = self._client.get_app_stats(
            app_history_id=history_id, version_number=version_numbers(version_number)[0], start_time=_date(start_time)
        )
        if stats is None:
            raise NotFoundError("app history", history_id)
        return stats

    def get_history_statuses(
        self, history_id: str, version_number: int, start_time: str | datetime, *, limit: int | None = None
    ) -> list[AppStatusRecord]:
        """The statuses an app version went through since ``start_time``.

        Example::

            statuses = api.apps.get_history_statuses(app.history.id, 1, app.current_version.creation_date)
        """
        records = self._client.get_app_history_statuses(
            app_history_id=history_id,
            version_number=version_numbers(version_number)[0],
            start_time=_date(start_time),
            limit=limit,
        )
        return [record for record in records or [] if record is not None]

    def count_history_statuses(self, history_id: str, version_number: int, start_time: str | datetime) -> int:
        """How many statuses an app version went through since ``start_time``.

        Example::

            count = api.apps.count_history_statuses(app.history.id, 1, app.current_version.creation_date)
        """
        count = self._client.count_app_history_statuses(
            app_history_id=history_id, version_number=version_numbers(version_number)[0], start_time=_date(start_time)
        )
        return int(count or 0)

    def get_logs(
        self,
        project_id: str,
        app_id: str,
        app_execution_id: str,
        limit: int | None = None,
        skip: int | None = None,
        log_stream: str | Sequence[str] | None = None,
    ) -> LogsPage:
        """Log lines of an app execution (``app.history.current_execution_id``); ``limit`` default 10000.

        ``log_stream`` is a stream name, a list of them or a comma-separated string (default: all).

        Example::

            page = api.apps.get_logs(project_id, app.id, app.history.current_execution_id)
        """
        streams = log_stream or DEFAULT_STREAMS
        names = streams.split(",") if isinstance(streams, str) else list(streams)
        settings = self._api.settings
        url = (
            f"{settings.url_saagie}/log-proxy/api/logs/{quote(settings.realm, safe='')}/platform/"
            f"{settings.id_platform}/project/{quote(project_id, safe='')}/app_execution/"
            f"{quote(app_execution_id, safe='')}"
        )
        return self._api._read_logs(url, [n.strip() for n in names], 10000 if limit is None else limit, skip or 0)

    # -- create / edit ------------------------------------------------------------------------------------
    def _volumes(
        self, project_id: str, storage_paths: Sequence[Mapping[str, Any]] | None
    ) -> list[VolumeWithPathInput | VolumeWithPathInputFields | None]:
        result: list[VolumeWithPathInput | VolumeWithPathInputFields | None] = []
        for item in storage_paths or []:
            if not isinstance(item, Mapping) or "path" not in item:
                raise InvalidInputError(f"storage_paths items need a 'path' and a 'volumeId' or 'volume', not {item!r}")
            if "volume" in item:
                volume = dict(item["volume"])
                create: Any = getattr(self._api.storages, "create", None)
                if create is None:
                    raise InvalidInputError("creating volumes on the fly needs api.storages.create: pass 'volumeId'")
                created = create(project_id, volume["name"], volume["size"], volume.get("description", ""))
                result.append({"path": str(item["path"]), "volumeId": created.id})
            else:
                result.append({"path": str(item["path"]), "volumeId": str(item["volumeId"])})
        return result

    def _docker_technology_id(self) -> str:
        technologies = [t for t in self._api.get_available_technologies("Saagie") if t.typename__ == "AppTechnology"]
        return check_technology_valid(["Docker image"], technologies, "Saagie")[0]

    def create_from_scratch(
        self,
        project_id: str,
        app_name: str,
        image: str = "",
        description: str = "",
        exposed_ports: Sequence[Mapping[str, Any]] | None = None,
        storage_paths: Sequence[Mapping[str, Any]] | None = None,
        release_note: str = "",
        docker_credentials_id: str | None = None,
        emails: Sequence[str] | None = None,
        logins: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
        resources: Mapping[str, Any] | None = None,
        technology_id: str | None = None,
        technology_context: str | None = None,
    ) -> App:
        """Create an app from a Docker ``image`` (or a catalog ``technology_id`` + ``technology_context``).

        ``exposed_ports``: ``[{"number", "isRewriteUrl", "scope", "name"?, "basePathVariableName"?}]`` (may
        be empty); ``storage_paths``: ``[{"path", "volumeId"}]`` or ``[{"path", "volume": {"name", "size"}}]``.

        Example::

            app = api.apps.create_from_scratch(project_id, "web", image="nginx:1.25",
                exposed_ports=[{"number": 80, "isRewriteUrl": False, "scope": "PROJECT"}])
        """
        ports = port_inputs(exposed_ports)
        check_entity_name(app_name, param="app_name", entity="an app")
        if technology_id is None and not image:
            raise InvalidInputError("give an image (or a technology_id and technology_context)")
        alerting = app_alerting_fields(emails, logins, status_list) if emails or logins or status_list else None
        version: AppVersionInputFields = {"ports": ports, "releaseNote": release_note}
        if image:
            docker: AppDockerInputFields = {"image": image}
            if docker_credentials_id:
                docker["dockerCredentialsId"] = docker_credentials_id
            version["dockerInfo"] = docker
        elif docker_credentials_id:
            raise InvalidInputError("docker_credentials_id needs an image")
        if technology_context:
            version["runtimeContextId"] = technology_context
        resources_input = build(AppResourceInput, resources) if resources else None
        values: AppInputFields = {
            "projectId": project_id,
            "name": app_name,
            "description": description,
            "technologyId": technology_id or self._docker_technology_id(),
            "version": version,
        }
        if alerting is not None:
            values["alerting"] = alerting
        if resources_input is not None:
            values["resources"] = resources_input
        version["volumesWithPath"] = self._volumes(project_id, storage_paths)
        app_input = app_input_of(values)
        return reconciled(
            self._api,
            "createApp",
            lambda: self._client.create_app(app=app_input, versions_only_current=True),
            lambda: app_created(self._api, project_id, app_name),
        )

    def create_from_catalog(
        self,
        project_id: str,
        context: str,
        technology_id: str | None = None,
        technology_catalog: str = "Saagie",
        technology_name: str | None = None,
    ) -> App:
        """Install a catalog app: technology by ``technology_name`` (or id) and ``context`` by label or id.

        Example::

            app = api.apps.create_from_catalog(project_id, "JupyterLab 3.8 / 3.9",
                                                     technology_name="Jupyter Notebook")
        """
        if technology_id is None:
            if not technology_name:
                raise InvalidInputError("give technology_name (with technology_catalog) or technology_id")
            enabled = {t.id for t in self._api.projects.get_apps_technologies(project_id)}
            techs = [
                t for t in self._api.get_available_technologies(technology_catalog) if t.typename__ == "AppTechnology"
            ]
            technology_id = check_technology_valid([technology_name], techs, technology_catalog)[0]
            if technology_id not in enabled:
                raise InvalidInputError(f"app technology {technology_name!r} is not enabled in project {project_id}")
        tech = self._api.get_runtimes(technology_id)
        contexts = [c for c in getattr(tech, "app_contexts", None) or [] if c.available]
        chosen = next((c for c in contexts if context in (c.label, c.id)), None)
        if chosen is None:
            raise NotFoundError(
                "app context",
                context,
                scope=f"technology {tech.label!r}",
                hint="available: " + (", ".join(c.label for c in contexts) or "none"),
            )
        chosen_technology, chosen_context = technology_id, chosen.id
        return announced(
            "installApp",
            f"the platform names an installed app itself: look at the apps of project {project_id} "
            "(api.apps.list_for_project_minimal) before installing it again",
            lambda: self._client.install_app(
                project_id=project_id,
                technology_id=chosen_technology,
                context_id=chosen_context,
                versions_only_current=True,
            ),
        )

    def edit(
        self,
        app_id: str,
        app_name: str | None = None,
        description: str | None = None,
        emails: Sequence[str] | None = None,
        logins: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
        resources: Mapping[str, Any] | None = None,
    ) -> App:
        """Change an app; what is not given (None) stays as it is.

        ``description=""`` clears it; ``emails=[]`` (with no logins) removes the alerting.

        Example::

            app = api.apps.edit(app_id, description="team notebook")
        """
        values: AppEditionInputFields = {"id": app_id}
        if app_name is not None:
            values["name"] = check_entity_name(app_name, param="app_name", entity="an app")
        if description is not None:
            values["description"] = description
        if emails is not None or logins is not None or status_list is not None:
            if not emails and not logins and emails is not None:
                values["alerting"] = None
            else:
                values["alerting"] = app_alerting_fields(emails, logins, status_list)
        if resources is not None:
            values["resources"] = build(AppResourceInput, resources)
        edition = app_edition_input(values)
        return idempotent("editApp", lambda: self._client.edit_app(app=edition, versions_only_current=True))

    def delete(self, app_id: str) -> AppSummary:
        """Delete an app; return its id and name.

        Example::

            api.apps.delete(app_id)
        """
        deleted = announced(
            "deleteApp",
            f"look for the app (api.apps.get_info({app_id!r})) before deleting it again",
            lambda: self._client.delete_app(app_id=app_id),
        )
        if deleted is None:
            raise NotFoundError("app", app_id)
        return deleted

    def upgrade(
        self,
        app_id: str,
        release_note: str = "",
        exposed_ports: Sequence[Mapping[str, Any]] | None = None,
        storage_paths: Sequence[Mapping[str, Any]] | None = None,
        technology_context: str | None = None,
        image: str | None = None,
        docker_credentials_id: str | None = None,
    ) -> AppVersion:
        """Add a version to an app; ports, volumes, image (and its credentials) or context default to the current.

        Example::

            version = api.apps.upgrade(app_id, image="nginx:1.26", release_note="bump")
        """
        if technology_context is not None and (image is not None or docker_credentials_id is not None):
            raise InvalidInputError("technology_context cannot be combined with image or docker_credentials_id")
        if exposed_ports is not None:
            port_inputs(exposed_ports)
        app = self.get_info(app_id)
        current = app.current_version
        ports: list[PortInput | PortInputFields]
        if exposed_ports is not None:
            ports = port_inputs(exposed_ports)
        else:
            ports = [
                build(PortInput, p.model_dump(by_alias=True, exclude={"internal_url", "typename__"}, mode="json"))
                for p in (current.ports if current else [])
            ]
        version: AppVersionInputFields = {"releaseNote": release_note, "ports": ports}
        if storage_paths is not None:
            version["volumesWithPath"] = self._volumes(app.project.id, storage_paths)
        elif current is not None:
            version["volumesWithPath"] = [
                {"path": v.path, "volumeId": v.volume.id}
                for v in current.volumes_with_path or []
                if v.volume is not None
            ]
        if technology_context is not None:
            version["runtimeContextId"] = technology_context
        elif image is not None or docker_credentials_id is not None or (current and current.docker_info):
            previous = current.docker_info if current else None
            chosen_image = image or (previous.image if previous else None)
            if not chosen_image:
                raise InvalidInputError("docker_credentials_id needs an image: the app has none")
            docker: AppDockerInputFields = {"image": chosen_image}
            credentials = docker_credentials_id or (previous.docker_credentials_id if previous else None)
            if credentials:
                docker["dockerCredentialsId"] = credentials
            version["dockerInfo"] = docker
        elif current is not None and current.runtime_context_id:
            version["runtimeContextId"] = current.runtime_context_id
        version_input = app_version_input(version)
        before = current.number if current is not None else 0
        return reconciled(
            self._api,
            "addAppVersion",
            lambda: self._client.add_app_version(app_id=app_id, version=version_input),
            lambda: app_version_added(self._api, app_id, before, release_note),
        )

    def rollback(self, app_id: str, version_number: int | str) -> App:
        """Make an earlier version of an app current again.

        Example::

            app = api.apps.rollback(app_id, 1)
        """
        (number,) = version_numbers(version_number)
        app = idempotent(
            "rollbackAppVersion",
            lambda: self._client.rollback_app_version(app_id=app_id, version_number=number, versions_only_current=True),
        )
        if app is None:
            raise NotFoundError("app", app_id)
        return app

    # -- export / import (2.x folder layout) --------------------------------------------------------------
    def export(
        self,
        app_id: str,
        output_folder: str | os.PathLike[str],
        error_folder: str | os.PathLike[str] = "",
        versions_only_current: bool = False,
        *,
        progress: ProgressCallback | None = None,
    ) -> ExportResult:
        """Write ``<output_folder>/<app_id>/app.json`` (technology and runtime named, as 2.x) and APP variables.

        Example::

            api.apps.export(app_id, "backup/apps", versions_only_current=True)
        """
        from .project_export import run_export  # on first use: the export/import models are large

        return run_export(
            self._api,
            "app",
            app_id,
            output_folder,
            error_folder=error_folder,
            versions_only_current=versions_only_current,
            progress=progress,
        )

    def import_from_json(
        self,
        json_file: str | os.PathLike[str],
        project_id: str,
        *,
        if_exists: str = "skip",
        docker_credentials_passwords: Mapping[str, str] | None = None,
        error_folder: str | os.PathLike[str] = "",
        progress: ProgressCallback | None = None,
    ) -> ImportResult:
        """Create an exported app from its current version: image or catalog runtime (by label), ports, volumes.

        Example::

            result = api.apps.import_from_json("backup/apps/<id>/app.json", project_id)
        """
        from .project_import import run_import  # on first use: the export/import models are large

        return run_import(
            self._api,
            "app",
            json_file,
            project_id,
            if_exists=if_exists,
            error_folder=error_folder,
            progress=progress,
            docker_credentials_passwords=docker_credentials_passwords,
        )


def _date(value: str | datetime) -> datetime:
    return parse_date(value)
