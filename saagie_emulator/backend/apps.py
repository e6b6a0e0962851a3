"""Apps (from a docker image or the catalog) with versions and STARTING -> STARTED -> STOPPING -> STOPPED
executions in emulated time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..lifecycle import FINAL_STATUSES, app_start_timeline, app_stop_timeline
from ..logs import app_execution_logs
from ..model import App, AppExecution, AppVersion, Project, Volume, new_id
from ..rules import book as r
from ..rules.checks import check_name_length
from .authz import EDITOR, VIEWER
from .base import Caller, Domain

_RUNNING = frozenset({"STARTING", "STARTED", "RESTARTING"})

__all__ = ["AppsBackend", "current_app_version"]


def current_app_version(app: App) -> AppVersion:
    return next(v for v in app.versions if v.is_current)


class AppsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, app_id: object) -> App:
        return self.store.app(app_id)

    def find(self, app_id: object) -> App | None:
        return self.data.apps.get(str(app_id))

    def visible(self, caller: Caller, app_id: object) -> App | None:
        """The app if it exists and the caller may see its project, else None."""
        app = self.find(app_id)
        if app is None or not self.authz.can(caller, self.data.projects.get(app.project_id), VIEWER):
            return None
        return app

    def version(self, app: App, number: int) -> AppVersion:
        found = self.find_version(app, number)
        if found is None:
            raise r.VERSION_NOT_FOUND.error(number=number, kind="app", name=app.name)
        return found

    @staticmethod
    def find_version(app: App, number: int) -> AppVersion | None:
        return next((v for v in app.versions if v.number == number), None)

    def status(self, app: App, at: float | None = None) -> str:
        at = self.now() if at is None else at
        return app.executions[-1].timeline.status_at(at) if app.executions else "STOPPED"

    def by_history(self, caller: Caller, history_id: object) -> App | None:
        app = next((a for a in self.data.apps.values() if a.history_id == str(history_id)), None)
        return None if app is None else self.visible(caller, app.id)

    def statuses(
        self, caller: Caller, history_id: object, version_number: int, start: datetime
    ) -> list[dict[str, Any]] | None:
        app = self.by_history(caller, history_id)
        if app is None:
            return None
        at, since = self.now(), start.timestamp()
        return [
            {"status": status, "record_at": when}
            for execution in app.executions
            if execution.version_number == version_number
            for when, status in execution.timeline.passed(at)
            if when >= since
        ]

    def stats(self, caller: Caller, history_id: object, version_number: int, start: datetime) -> dict[str, Any] | None:
        statuses = self.statuses(caller, history_id, version_number, start)
        if statuses is None:
            return None
        up = sum(1 for s in statuses if s["status"] == "STARTED")
        uptime = 100.0 * up / len(statuses) if statuses else 0.0
        return {"uptime_percentage": uptime, "downtime_percentage": 100.0 - uptime, "recovered_count": 0}

    def history(self, app: App) -> dict[str, Any]:
        at = self.now()
        execution = app.executions[-1] if app.executions else None
        running = self.version(app, execution.version_number) if execution else current_app_version(app)
        stop_time = execution.timeline.time_of(at, {"STOPPED"}) if execution else None
        events = self.events(app)
        return {
            "id": app.history_id,
            "count_events": len(events),
            "events": events,
            "running_version_number": running.number,
            "current_docker_info": running.docker_info,
            "current_status": self.status(app, at),
            "current_status_reason": None,
            "current_execution_id": execution.id if execution else None,
            "start_time": execution.timeline.steps[0][0] if execution else None,
            "stop_time": stop_time,
            "author": app.creator,
            "trigger_type": "MANUAL_APP",
        }

    def events(self, app: App) -> list[dict[str, Any]]:
        """``StatusHistoryByAction`` items, newest first: each user action with the statuses it led to."""
        at = self.now()
        found: list[dict[str, Any]] = []
        for execution in app.executions:
            passed = execution.timeline.passed(at)
            actions = [a for a in execution.actions if a["at"] <= at]
            for index, action in enumerate(actions):
                until = actions[index + 1]["at"] if index + 1 < len(actions) else float("inf")
                event = self._event(app, execution, action["kind"], action["at"], author=action.get("author"))
                statuses = [
                    self._history(app, self._event(app, execution, "StatusRetrieve", when, status=status), when)
                    for when, status in passed
                    if action["at"] <= when < until
                ]
                found.append(
                    {
                        "id": action["id"],
                        "app_history_id": app.history_id,
                        "action": self._history(app, event, action["at"]),
                        "statuses": statuses,
                    }
                )
        return sorted(found, key=lambda e: e["action"]["transition_time"], reverse=True)

    @staticmethod
    def _event(app: App, execution: AppExecution, kind: str, when: float, **fields: Any) -> dict[str, Any]:
        event: dict[str, Any] = {
            "__typename": kind,
            "record_at": when,
            "execution_id": execution.id,
            "version_number": execution.version_number,
        }
        if kind == "StatusRetrieve":
            event.update(status=fields["status"], reason=None)
        else:
            trigger = "MANUAL_APP"
            event.update(author=fields.get("author") or app.creator, trigger_type=trigger)
        return event

    @staticmethod
    def _history(app: App, event: dict[str, Any], when: float) -> dict[str, Any]:
        return {"app_history_id": app.history_id, "event": event, "transition_time": when}

    def count_by_technology(self, caller: Caller, project_id: object) -> list[dict[str, Any]] | None:
        if self.backend.projects.find(caller, project_id) is None:
            return None
        counts: dict[str, int] = {}
        for app in self.store.apps_of(str(project_id)):
            counts[app.technology_id] = counts.get(app.technology_id, 0) + 1
        return [{"technology": {"id": tech}, "count": count} for tech, count in counts.items()]

    @staticmethod
    def execution(app: App, execution_id: object) -> AppExecution | None:
        return next((e for e in app.executions if e.id == str(execution_id)), None)

    def logs(
        self, caller: Caller, app_id: object, execution_id: object, stream: str | None
    ) -> list[dict[str, Any]] | None:
        app = self.visible(caller, app_id)
        execution = None if app is None else self.execution(app, execution_id)
        if app is None or execution is None:
            return None
        lines = app_execution_logs(app, execution, self.now())
        return [
            {
                "index": line["index"],
                "value": line["value"],
                "container_id": str(execution_id),
                "stream": line["stream"],
                "record_at": line["time"],
            }
            for line in lines
            if stream in (None, line["stream"])
        ]

    def execution_logs(
        self, caller: Caller, realm: str, platform_id: str, project_id: str, execution_id: str
    ) -> list[dict[str, Any]]:
        """Log lines of an app execution of a project (the log proxy)."""
        self.check_log_proxy_path(realm, platform_id)
        if self.backend.projects.find(caller, project_id) is not None:
            for app in self.store.apps_of(project_id):
                for execution in app.executions:
                    if execution.id == execution_id:
                        return app_execution_logs(app, execution, self.now())
        raise r.LOGS_NOT_FOUND.error(kind="App execution", project=project_id)

    # ------------------------------------------------------------------ checks (no change)
    def _check_name(self, project: Project, name: str, exclude: str | None = None) -> None:
        others = [a.name.casefold() for a in self.store.apps_of(project.id) if a.id != exclude]
        if name.casefold() in others:
            raise r.APP_NAME_TAKEN.error(name=name, project=project.name)

    @staticmethod
    def _ports(app_name: str, ports: list[dict[str, Any]]) -> list[dict[str, Any]]:
        result = []
        for port in ports:
            if port.get("number") is None:
                raise r.APP_PORT_NUMBER.error()
            result.append(
                {
                    "name": port.get("name"),
                    "number": int(port["number"]),
                    "is_rewrite_url": bool(port.get("is_rewrite_url")),
                    "base_path_variable_name": port.get("base_path_variable_name"),
                    "scope": port.get("scope") or "PROJECT",
                    "internal_url": f"http://{app_name.lower().replace(' ', '-')}:{port['number']}",
                }
            )
        return result

    def _volumes_to_link(self, app: App, items: list[dict[str, Any] | None]) -> list[tuple[str, Volume]]:
        """Checks the volumes a version mounts; changes nothing (see :meth:`_link`)."""
        found: list[tuple[str, Volume]] = []
        for item in items:
            if item is None:
                continue
            volume = self.store.volume(item["volume_id"])
            if volume.project_id != app.project_id:
                project = self.store.project(app.project_id)
                raise r.APP_VOLUME_OTHER_PROJECT.error(name=volume.name, project=project.name)
            if volume.linked_app_id not in (None, app.id) and volume.linked_app_id in self.data.apps:
                raise r.APP_VOLUME_LINKED.error(name=volume.name)
            found.append((item["path"], volume))
        return found

    @staticmethod
    def _link(app: App, volumes: list[tuple[str, Volume]]) -> list[dict[str, Any]]:
        for _path, volume in volumes:
            volume.linked_app_id = app.id
        return [{"path": path, "volume_id": volume.id} for path, volume in volumes]

    def _build_version(
        self, caller: Caller, app: App, version: dict[str, Any]
    ) -> tuple[AppVersion, list[tuple[str, Volume]]]:
        """A new version, checked, not yet added; with the volumes to link when it is."""
        technology = self.store.technology(app.technology_id)
        context_id = version.get("runtime_context_id")
        custom = "GenericApp" in technology.custom_flags
        if custom and not version.get("docker_info"):
            raise r.APP_CUSTOM_NEEDS_DOCKER.error(label=technology.label)
        if not custom and context_id is None:
            raise r.APP_CATALOG_NEEDS_CONTEXT.error(label=technology.label)
        if context_id is not None and context_id not in [c.id for c in technology.contexts]:
            raise r.APP_RUNTIME_CONTEXT_UNKNOWN.error(context=context_id, label=technology.label)
        ports = self._ports(app.name, version.get("ports") or [])
        volumes = self._volumes_to_link(app, version.get("volumes_with_path") or [])
        created = AppVersion(
            number=max((v.number for v in app.versions), default=0) + 1,
            creator=caller.login,
            ports=ports,
            docker_info=version.get("docker_info"),
            runtime_context_id=context_id,
            release_note=version.get("release_note"),
            is_current=True,
            creation_date=self.clock.datetime(),
        )
        return created, volumes

    def _add_version(self, app: App, version: AppVersion, volumes: list[tuple[str, Volume]]) -> AppVersion:
        version.volumes_with_path = self._link(app, volumes)
        for existing in app.versions:
            existing.is_current = False
        app.versions.append(version)
        return version

    def _start(self, caller: Caller, app: App, kind: str = "RunAction") -> None:
        at = self.now()
        outcome = self.controls.app_outcome_for(app.id, app.name)
        first = "RESTARTING" if kind == "RestartAction" else "STARTING"
        app.executions.append(
            AppExecution(
                id=new_id(),
                version_number=current_app_version(app).number,
                timeline=app_start_timeline(self.controls, at, outcome, first),
                started_at=self.clock.datetime(),
                actions=[{"id": new_id(), "kind": kind, "at": at, "author": caller.login}],
            )
        )

    def _editable(self, caller: Caller, app_id: object, operation: str) -> App:
        app = self.get(app_id)
        self.authz.require(caller, self.store.project(app.project_id), EDITOR, operation)
        return app

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any]) -> App:
        with self.store.lock:
            project = self.store.project(values["project_id"])
            self.authz.require(caller, project, EDITOR, "createApp")
            technology = self.store.technology(values["technology_id"])
            name = values["name"]
            if not name or not name.strip():
                raise r.APP_NAME_EMPTY.error()
            check_name_length("app", name)
            self._check_name(project, name)
            created = App(
                id=new_id(),
                project_id=project.id,
                name=values["name"],
                technology_id=technology.id,
                creator=caller.login,
                description=values.get("description"),
                alerting=values.get("alerting"),
                resources=values.get("resources"),
                is_generic_app="GenericApp" in technology.custom_flags,
                creation_date=self.clock.datetime(),
            )
            version, volumes = self._build_version(caller, created, values["version"])
            # Nothing can be refused from here on.
            self._add_version(created, version, volumes)
            self.data.apps[created.id] = created
            self._start(caller, created)
        return created

    def install(self, caller: Caller, project_id: object, technology_id: object, context_id: str) -> App:
        with self.store.lock:
            project = self.store.project(project_id)
            self.authz.require(caller, project, EDITOR, "installApp")
            technology = self.store.technology(technology_id)
            context = next((c for c in technology.contexts if context_id in (c.id, c.label)), None)
            if technology.kind != "AppTechnology" or context is None:
                raise r.APP_CONTEXT_UNKNOWN.error(context=context_id, label=technology.label)
            names = {a.name.casefold() for a in self.store.apps_of(project.id)}
            name, index = technology.label, 1
            while name.casefold() in names:
                index += 1
                name = f"{technology.label} {index}"
            volumes = self.backend.volumes
            volume_names = [f"{name} {spec['path']}" for spec in context.volumes]
            for volume_name in volume_names:
                volumes.check_name(project, volume_name, extra=[n for n in volume_names if n != volume_name])
            created = App(
                id=new_id(),
                project_id=project.id,
                name=name,
                technology_id=technology.id,
                creator=caller.login,
                is_generic_app=False,
                creation_date=self.clock.datetime(),
            )
            ports = [
                {
                    "name": p.get("name"),
                    "number": p["port"],
                    "is_rewrite_url": p.get("rewrite_url", False),
                    "base_path_variable_name": p.get("base_path"),
                    "scope": p.get("scope"),
                }
                for p in context.ports
            ]
            version, _ = self._build_version(
                caller,
                created,
                {"runtime_context_id": context.id, "ports": ports, "release_note": context.release_notes},
            )
            # Nothing can be refused from here on.
            self.data.apps[created.id] = created
            mounted = [
                (
                    spec["path"],
                    volumes.add(caller, project.id, f"{name} {spec['path']}", spec["size"], f"Volume of {name}"),
                )
                for spec in context.volumes
            ]
            self._add_version(created, version, mounted)
            self._start(caller, created)
        return created

    def add_version(self, caller: Caller, app_id: object, values: dict[str, Any]) -> AppVersion:
        with self.store.lock:
            app = self._editable(caller, app_id, "addAppVersion")
            version, volumes = self._build_version(caller, app, values)
            return self._add_version(app, version, volumes)

    def edit(self, caller: Caller, values: dict[str, Any]) -> App:
        with self.store.lock:
            app = self._editable(caller, values["id"], "editApp")
            if values.get("name"):
                self._check_name(self.store.project(app.project_id), values["name"], exclude=app.id)
                app.name = values["name"]
            for key in ("description", "alerting", "resources"):
                if key in values:
                    setattr(app, key, values[key])
        return app

    def rollback(self, caller: Caller, app_id: object, number: int, volumes_with_path: list[Any] | None) -> App:
        with self.store.lock:
            app = self._editable(caller, app_id, "rollbackAppVersion")
            target = self.version(app, number)
            if volumes_with_path:
                target.volumes_with_path = self._link(app, self._volumes_to_link(app, volumes_with_path))
            for version in app.versions:
                version.is_current = version is target
        return app

    def set_major(self, caller: Caller, app_id: object, number: int, is_major: bool) -> AppVersion:
        with self.store.lock:
            version = self.version(self._editable(caller, app_id, "setMajorAppVersion"), number)
            version.is_major = is_major
        return version

    def run(self, caller: Caller, app_id: object, *, restart: bool = False) -> App:
        """``runApp`` starts a stopped app (a running one is left as it is); ``restartApp`` stops the current
        execution and starts a new one (RESTARTING -> STARTED)."""
        operation = "restartApp" if restart else "runApp"
        with self.store.lock:
            app = self._editable(caller, app_id, operation)
            at = self.now()
            status = self.status(app, at)
            if restart:
                if app.executions and status not in ("STOPPED", "FAILED"):
                    app.executions[-1].timeline.cut(at, [(at, "STOPPED")])
                self._start(caller, app, "RestartAction")
            elif status not in _RUNNING:
                self._start(caller, app)
        return app

    def stop(self, caller: Caller, app_id: object) -> App:
        """STOPPING -> STOPPED; an app already stopping or stopped is left as it is."""
        with self.store.lock:
            app = self._editable(caller, app_id, "stopApp")
            at = self.now()
            if app.executions and self.status(app, at) not in ("STOPPING", "STOPPED", *FINAL_STATUSES):
                execution = app.executions[-1]
                app_stop_timeline(self.controls, execution.timeline, at)
                execution.actions.append({"id": new_id(), "kind": "StopAction", "at": at, "author": caller.login})
        return app

    def delete(self, caller: Caller, app_id: object) -> App:
        with self.store.lock:
            app = self._editable(caller, app_id, "deleteApp")
            for volume in self.store.volumes_of(app.project_id):
                if volume.linked_app_id == app.id:
                    volume.linked_app_id = None
            for env_var in [v for v in self.data.env_vars.values() if v.entity_id == app.id]:
                del self.data.env_vars[env_var.id]
            del self.data.apps[app.id]
        return app
