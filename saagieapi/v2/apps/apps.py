"""``saagie.apps`` of saagieapi 2.x over ``api.apps`` of the typed client.

Example::

    app_id = saagie.apps.create_from_catalog(project_id, context="7.15.1", technology_name="Kibana")[
        "installApp"
    ]["id"]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...errors import NotFoundError
from .._core import V2Resource, v2_method
from .._select import dump, project, selection
from ..errors import make_output_folder, rest_2x_classes
from ..saagie_api import TECHNOLOGY_ERRORS, logs_page

__all__ = ["Apps"]

_VOLUME = "id name creator description size projectId creationDate linkedApp{id name}"
VERSION = (
    "number creationDate releaseNote dockerInfo{image dockerCredentialsId} runtimeContextId creator "
    "ports{name number isRewriteUrl basePathVariableName scope internalUrl} isMajor "
    f"volumesWithPath{{path volume{{{_VOLUME}}}}}"
)
_DOCKER = "currentDockerInfo{image dockerCredentialsId}"
_COMMON = (
    "id name description creationDate technology{id} isGenericApp alerting{emails statusList loginEmails{login email}} "
    "resources{cpu{request limit} memory{request limit}} linkedVolumes{id name creator description size creationDate} "
    f"currentVersion{{{VERSION}}}"
)
APP = (
    f"{_COMMON} project{{id name}} history{{id currentStatus currentStatusReason currentExecutionId {_DOCKER} "
    "startTime stopTime author countEvents events __typename=AppHistory}"
)
APP_IN_LIST = (
    f"{_COMMON} creator history{{id events runningVersionNumber {_DOCKER} currentStatus currentStatusReason "
    "currentExecutionId startTime stopTime}"
)
VERSION_ADDED = (
    "number releaseNote dockerInfo{image dockerCredentialsId} "
    "ports{number name basePathVariableName isRewriteUrl scope} volumesWithPath{path volume{id name size creator}}"
)


#: The keys 2.x selected on each kind of app event (action of a history entry; status events).
_ACTION_KEYS = {
    "RunAction": ("versionNumber", "author"),
    "StopAction": ("author",),
    "RollbackAction": ("versionNumber", "author"),
    "UpgradeAction": ("versionNumber", "author"),
    "RestartAction": ("versionNumber", "author"),
    "StatusRetrieve": ("status", "reason"),
}


def _event(event: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    shaped = {"recordAt": event.get("recordAt"), "executionId": event.get("executionId")}
    shaped.update({key: event.get(key) for key in keys})
    shaped["__typename"] = event.get("__typename")
    return shaped


def _history_events(app: dict[str, Any]) -> dict[str, Any]:
    """Shape ``history.events`` as 2.x returned them (``__typename`` at each level, fields by event type)."""
    history = app.get("history")
    if not isinstance(history, dict) or history.get("events") is None:
        return app
    events = []
    for entry in history["events"]:
        action = (entry.get("action") or {}).get("event") or {}
        statuses = [status.get("event") or {} for status in entry.get("statuses") or [] if status]
        events.append(
            {
                "appHistoryId": entry.get("appHistoryId"),
                "action": {
                    "event": _event(action, _ACTION_KEYS.get(str(action.get("__typename")), ())),
                    "__typename": "StatusHistory",
                },
                "statuses": [
                    {
                        "event": _event(
                            status, ("status", "reason") if status.get("__typename") == "StatusRetrieve" else ()
                        ),
                        "__typename": "StatusHistory",
                    }
                    for status in statuses
                ],
                "__typename": "StatusHistoryByAction",
            }
        )
    return {**app, "history": {**history, "events": events}}


def _typed_class() -> Any:
    """The typed ``Apps`` class (its static checks)."""
    import importlib

    return importlib.import_module("saagieapi._sync.apps").Apps


def _with_versions(spec: str, versions_only_current: bool) -> str:
    return spec if versions_only_current else f"{spec} versions{{{VERSION}}}"


class Apps(V2Resource):
    """Apps: from the catalog or a Docker image, versions, run, stop, history, logs (2.x shapes)."""

    _resource = "apps"

    @staticmethod
    @v2_method(kind="same", raw=True, replacement="api.apps.check_exposed_ports")
    def check_exposed_ports(exposed_ports: Sequence[Mapping[str, Any]]) -> bool:
        """True when every port has ``number``, ``isRewriteUrl`` and ``scope`` (and only known keys)."""
        return bool(exposed_ports) and bool(_typed_class().check_exposed_ports(exposed_ports))

    @staticmethod
    @v2_method(kind="same", raw=True, replacement="api.apps.check_alerting")
    def check_alerting(
        emails: Sequence[str] | None = None,
        logins: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
    ) -> dict[str, Any]:
        """The app alerting input: ``{"statusList", "emails"?, "logins"?}``; ``RuntimeError`` when invalid."""
        result: dict[str, Any] = _typed_class().check_alerting(emails, logins, status_list)
        return result

    # -- read ---------------------------------------------------------------------------------------------
    @v2_method(
        ("project", "apps"),
        _with_versions(APP_IN_LIST, False),
        kind="list",
        raw=True,
        missing="project",
        missing_wrapper=("project",),
    )
    def list_for_project(
        self,
        project_id: str,
        minimal: bool | None = False,
        versions_only_current: bool = False,
        pprint_result: bool | None = None,
    ) -> Any:
        """``{"project": {"apps": [...]}}`` (``minimal``: ids and names only)."""
        if minimal:
            return {
                "project": {
                    "apps": project(dump(self._typed.list_for_project_minimal(project_id)), selection("id name"))
                }
            }
        # through the generated client: the typed list_for_project does not fetch the history events
        found = self.saagie_api.typed.client.list_apps_for_project(
            project_id=project_id, versions_only_current=versions_only_current, with_events=True
        )
        if found is None:
            raise NotFoundError("project", project_id)
        spec = selection(_with_versions(APP_IN_LIST, versions_only_current))
        return {"project": {"apps": [project(_history_events(app), spec) for app in dump(found.apps)]}}

    @v2_method(("project", "apps"), "id name", kind="list", missing="project", missing_wrapper=("project",))
    def list_for_project_minimal(self, project_id: str) -> Any:
        """``{"project": {"apps": [{"id", "name"}]}}``."""
        return self._typed.list_for_project_minimal(project_id)

    @v2_method("app", _with_versions(APP, False), raw=True, missing="app")
    def get_info(self, app_id: str, versions_only_current: bool = True, pprint_result: bool | None = None) -> Any:
        """``{"app": {...}}`` (all its versions unless ``versions_only_current``)."""
        # through the generated client: the typed get_info does not fetch the history events
        app = self.saagie_api.typed.client.get_app(
            id=app_id, versions_only_current=versions_only_current, with_events=True
        )
        if app is None:
            raise NotFoundError("app", app_id)
        return {"app": project(_history_events(dump(app)), selection(_with_versions(APP, versions_only_current)))}

    @v2_method()
    def get_id(self, app_name: str, project_name: str) -> Any:
        """The id of an app from its name and its project's name; ``NameError`` when there is none."""
        return self._typed.get_id(app_name, project_name)

    @v2_method("appStats", "uptimePercentage downtimePercentage recoveredCount")
    def get_stats(self, history_id: str, version_number: int, start_time: str) -> Any:
        """``{"appStats": {"uptimePercentage", "downtimePercentage", "recoveredCount"}}``."""
        return self._typed.get_stats(history_id, version_number, start_time)

    @v2_method("appHistoryStatuses", "status recordAt", kind="list")
    def get_history_statuses(self, history_id: str, version_number: int, start_time: str) -> Any:
        """``{"appHistoryStatuses": [{"status", "recordAt"}]}``."""
        return self._typed.get_history_statuses(history_id, version_number, start_time)

    @v2_method("countAppHistoryStatuses")
    def count_history_statuses(self, history_id: str, version_number: int, start_time: str) -> Any:
        """``{"countAppHistoryStatuses": <count>}``."""
        return self._typed.count_history_statuses(history_id, version_number, start_time)

    @v2_method(kind="dict", raw=True, errors=rest_2x_classes)
    def get_logs(
        self,
        project_id: str,
        app_id: str,
        app_execution_id: str,
        limit: int | None = None,
        skip: int | None = None,
        log_stream: str | None = None,
    ) -> Any:
        """The log proxy's JSON for an app execution: ``{"logs": [...], "limit", "total", "order", "source"}``."""
        return logs_page(self._typed.get_logs(project_id, app_id, app_execution_id, limit, skip, log_stream))

    @v2_method(kind="scalar", raw=True)
    def get_runtime_label_by_id(self, technology_id: str, runtime_id: str) -> str:
        """The label of a runtime of an app technology; ``""`` when the technology or the runtime is unknown."""
        try:
            return str(self._typed.get_runtime_label_by_id(technology_id, runtime_id))
        except NotFoundError:
            return ""

    # -- create / edit ------------------------------------------------------------------------------------
    def _storage_paths(self, project_id: str, storage_paths: Sequence[Mapping[str, Any]] | None) -> Any:
        """2.x created the volumes given as ``{"path", "volume": {"name", "size", "description"}}``."""
        if not storage_paths:
            return storage_paths
        paths = []
        for item in [storage_paths] if isinstance(storage_paths, Mapping) else storage_paths:
            entry = dict(item)
            volume = entry.pop("volume", None)
            if isinstance(volume, Mapping):
                created = self.saagie_api.typed.storages.create(
                    project_id, volume["name"], volume["size"], volume.get("description")
                )
                entry["volumeId"] = created.id
            paths.append(entry)
        return paths

    @v2_method("createApp", "id", errors=TECHNOLOGY_ERRORS)
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
    ) -> Any:
        """``{"createApp": {"id"}}``; volumes given as ``{"path", "volume": {...}}`` are created first."""
        return self._typed.create_from_scratch(
            project_id,
            app_name,
            image,
            description,
            exposed_ports,
            self._storage_paths(project_id, storage_paths),
            release_note,
            docker_credentials_id,
            emails,
            logins,
            status_list,
            resources,
            technology_id,
            technology_context,
        )

    @v2_method("installApp", "id name", errors=TECHNOLOGY_ERRORS)
    def create_from_catalog(
        self,
        project_id: str,
        context: str,
        technology_id: str | None = None,
        technology_catalog: str = "Saagie",
        technology_name: str | None = None,
    ) -> Any:
        """``{"installApp": {"id", "name"}}``; the context is given by its label (``"7.15.1"``)."""
        return self._typed.create_from_catalog(project_id, context, technology_id, technology_catalog, technology_name)

    @v2_method("editApp", "id")
    def edit(
        self,
        app_id: str,
        app_name: str | None = None,
        description: str | None = None,
        emails: Sequence[str] | None = None,
        logins: Sequence[str] | None = None,
        status_list: Sequence[str] | None = None,
        resources: Mapping[str, Any] | None = None,
    ) -> Any:
        """``{"editApp": {"id"}}``; what is not given stays as it is."""
        return self._typed.edit(app_id, app_name, description, emails, logins, status_list, resources)

    @v2_method("deleteApp", "id")
    def delete(self, app_id: str) -> Any:
        """``{"deleteApp": {"id"}}``."""
        return self._typed.delete(app_id)

    @v2_method(
        "runApp",
        "id versions{number} "
        "history{id currentDockerInfo{image dockerCredentialsId} runningVersionNumber currentStatus}",
    )
    def run(self, app_id: str) -> Any:
        """``{"runApp": {"id", "versions", "history"}}``."""
        return self._with_version_numbers(self._typed.run(app_id))

    @v2_method("stopApp", "id history{id runningVersionNumber currentStatus}")
    def stop(self, app_id: str) -> Any:
        """``{"stopApp": {"id", "history"}}``."""
        return self._typed.stop(app_id)

    @v2_method("addAppVersion", VERSION_ADDED)
    def upgrade(
        self,
        app_id: str,
        release_note: str = "",
        exposed_ports: Sequence[Mapping[str, Any]] | None = None,
        storage_paths: Sequence[Mapping[str, Any]] | None = None,
        technology_context: str | None = None,
        image: str | None = None,
        docker_credentials_id: str | None = None,
    ) -> Any:
        """``{"addAppVersion": {...}}``; what is not given is taken from the current version."""
        if storage_paths and any(isinstance(item, Mapping) and "volume" in item for item in storage_paths):
            storage_paths = self._storage_paths(self._typed.get_info(app_id).project.id, storage_paths)
        return self._typed.upgrade(
            app_id, release_note, exposed_ports, storage_paths, technology_context, image, docker_credentials_id
        )

    @v2_method("rollbackAppVersion", "id versions{number} currentVersion{number}")
    def rollback(self, app_id: str, version_number: str) -> Any:
        """``{"rollbackAppVersion": {"id", "versions", "currentVersion"}}``."""
        return self._with_version_numbers(self._typed.rollback(app_id, version_number))

    def _with_version_numbers(self, app: Any) -> Any:
        """2.x listed every version number; the typed run and rollback return the current version only."""
        dumped = dump(app)
        if dumped.get("versions") is None:
            dumped["versions"] = [
                {"number": version.number} for version in self._typed.get_info(app.id, False).versions or []
            ]
        return dumped

    # -- export / import ----------------------------------------------------------------------------------
    @v2_method(kind="result")
    def export(
        self, app_id: str, output_folder: str, error_folder: str | None = "", versions_only_current: bool = False
    ) -> bool:
        """Export the app to ``<output_folder>/<app_id>/app.json``; True when it was written."""
        make_output_folder(output_folder)
        return bool(self._typed.export(app_id, output_folder, error_folder or "", versions_only_current))

    @v2_method(kind="result")
    def import_from_json(self, json_file: str, project_id: str) -> bool:
        """Create the app of an exported ``app.json`` in a project; True when it was imported."""
        return bool(self._typed.import_from_json(json_file, project_id))
