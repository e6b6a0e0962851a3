"""Apps (from a docker image or the catalog) with versions and STARTING -> STARTED -> STOPPING -> STOPPED
executions in emulated time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import NotFoundError, ValidationError
from ..lifecycle import app_start_timeline, app_stop_timeline
from ..logs import app_execution_logs
from ..model import App, AppExecution, AppVersion, Volume, new_id
from .base import Caller, Domain

__all__ = ["AppsBackend", "current_app_version"]


def current_app_version(app: App) -> AppVersion:
    return next(v for v in app.versions if v.is_current)


class AppsBackend(Domain):
    # ------------------------------------------------------------------ reads
    def get(self, app_id: object) -> App:
        return self.store.app(app_id)

    def find(self, app_id: object) -> App | None:
        return self.data.apps.get(str(app_id))

    def version(self, app: App, number: int) -> AppVersion:
        for version in app.versions:
            if version.number == number:
                return version
        raise NotFoundError(f"Version of app {app.name}", number)

    def status(self, app: App, at: float | None = None) -> str:
        at = self.now() if at is None else at
        return app.executions[-1].timeline.status_at(at) if app.executions else "STOPPED"

    def by_history(self, history_id: object) -> App:
        for app in self.data.apps.values():
            if app.history_id == str(history_id):
                return app
        raise NotFoundError("AppHistory", history_id)

    def statuses(self, history_id: object, version_number: int, start: datetime) -> list[dict[str, Any]]:
        app = self.by_history(history_id)
        at, since = self.now(), start.timestamp()
        return [
            {"status": status, "record_at": when}
            for execution in app.executions
            if execution.version_number == version_number
            for when, status in execution.timeline.passed(at)
            if when >= since
        ]

    def stats(self, history_id: object, version_number: int, start: datetime) -> dict[str, Any]:
        statuses = self.statuses(history_id, version_number, start)
        up = sum(1 for s in statuses if s["status"] == "STARTED")
        uptime = 100.0 * up / len(statuses) if statuses else 0.0
        return {"uptime_percentage": uptime, "downtime_percentage": 100.0 - uptime, "recovered_count": 0}

    def history(self, app: App) -> dict[str, Any]:
        at = self.now()
        execution = app.executions[-1] if app.executions else None
        running = self.version(app, execution.version_number) if execution else current_app_version(app)
        stop_time = execution.timeline.time_of(at, {"STOPPED"}) if execution else None
        return {
            "id": app.history_id,
            "count_events": sum(len(e.timeline.passed(at)) for e in app.executions),
            "events": [],
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

    def count_by_technology(self, project_id: object) -> list[dict[str, Any]]:
        counts: dict[str, int] = {}
        for app in self.store.apps_of(str(project_id)):
            counts[app.technology_id] = counts.get(app.technology_id, 0) + 1
        return [{"technology": {"id": tech}, "count": count} for tech, count in counts.items()]

    def execution(self, app: App, execution_id: object) -> AppExecution:
        for execution in app.executions:
            if execution.id == str(execution_id):
                return execution
        raise NotFoundError("AppExecution", execution_id)

    def logs(self, app_id: object, execution_id: object, stream: str | None) -> list[dict[str, Any]]:
        app = self.get(app_id)
        lines = app_execution_logs(app, self.execution(app, execution_id), self.now())
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

    def execution_logs(self, project_id: str, execution_id: str) -> list[dict[str, Any]] | None:
        """Log lines of an app execution of a project (the log proxy), None if there is none."""
        for app in self.store.apps_of(project_id):
            for execution in app.executions:
                if execution.id == execution_id:
                    return app_execution_logs(app, execution, self.now())
        return None

    # ------------------------------------------------------------------ checks (no change)
    def _check_name(self, project_id: str, name: str, exclude: str | None = None) -> None:
        if not name or not name.strip():
            raise ValidationError("The app name must not be empty")
        others = [a.name for a in self.store.apps_of(project_id) if a.id != exclude]
        self.store.check_unique_name("App", others, name)

    @staticmethod
    def _ports(app_name: str, ports: list[dict[str, Any]]) -> list[dict[str, Any]]:
        result = []
        for port in ports:
            if port.get("number") is None:
                raise ValidationError("Every exposed port needs a number")
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
                raise ValidationError(f"Volume '{volume.name}' does not belong to this project")
            if volume.linked_app_id not in (None, app.id):
                raise ValidationError(f"Volume '{volume.name}' is already linked to another app")
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
        if context_id is not None and context_id not in [c.id for c in technology.contexts]:
            raise ValidationError(f"Runtime context '{context_id}' does not exist for technology '{technology.label}'")
        if context_id is None and not version.get("docker_info"):
            raise ValidationError("An app version needs a docker image or a runtime context")
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

    def _start(self, app: App) -> None:
        at = self.now()
        app.executions.append(
            AppExecution(
                id=new_id(),
                version_number=current_app_version(app).number,
                timeline=app_start_timeline(self.controls, at),
                started_at=self.clock.datetime(),
            )
        )

    # ------------------------------------------------------------------ mutations
    def create(self, caller: Caller, values: dict[str, Any]) -> App:
        with self.store.lock:
            project = self.store.project(values["project_id"])
            technology = self.store.technology(values["technology_id"])
            if technology.kind != "AppTechnology":
                raise ValidationError(f"Technology '{technology.label}' is not an app technology")
            if technology.id not in project.app_technology_ids:
                raise ValidationError(f"Technology '{technology.label}' is not enabled in project '{project.name}'")
            self._check_name(project.id, values["name"])
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
            self._start(created)
        return created

    def install(self, caller: Caller, project_id: object, technology_id: object, context_id: str) -> App:
        with self.store.lock:
            project = self.store.project(project_id)
            technology = self.store.technology(technology_id)
            context = next((c for c in technology.contexts if context_id in (c.id, c.label)), None)
            if technology.kind != "AppTechnology" or context is None:
                raise ValidationError(f"Context '{context_id}' does not exist for app technology '{technology.label}'")
            names = {a.name.casefold() for a in self.store.apps_of(project.id)}
            name, index = technology.label, 1
            while name.casefold() in names:
                index += 1
                name = f"{technology.label} {index}"
            volumes = self.backend.volumes
            volume_names = [f"{name} {spec['path']}" for spec in context.volumes]
            for volume_name in volume_names:
                volumes.check_name(project.id, volume_name, extra=[n for n in volume_names if n != volume_name])
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
            self._start(created)
        return created

    def add_version(self, caller: Caller, app_id: object, values: dict[str, Any]) -> AppVersion:
        with self.store.lock:
            app = self.get(app_id)
            version, volumes = self._build_version(caller, app, values)
            return self._add_version(app, version, volumes)

    def edit(self, caller: Caller, values: dict[str, Any]) -> App:
        with self.store.lock:
            app = self.get(values["id"])
            if values.get("name"):
                self._check_name(app.project_id, values["name"], exclude=app.id)
                app.name = values["name"]
            for key in ("description", "alerting", "resources"):
                if key in values:
                    setattr(app, key, values[key])
        return app

    def rollback(self, caller: Caller, app_id: object, number: int, volumes_with_path: list[Any] | None) -> App:
        with self.store.lock:
            app = self.get(app_id)
            target = self.version(app, number)
            if volumes_with_path:
                target.volumes_with_path = self._link(app, self._volumes_to_link(app, volumes_with_path))
            for version in app.versions:
                version.is_current = version is target
        return app

    def set_major(self, caller: Caller, app_id: object, number: int, is_major: bool) -> AppVersion:
        with self.store.lock:
            version = self.version(self.get(app_id), number)
            version.is_major = is_major
        return version

    def run(self, caller: Caller, app_id: object, *, restart: bool = False) -> App:
        with self.store.lock:
            app = self.get(app_id)
            at = self.now()
            if self.status(app, at) in ("STARTING", "STARTED"):
                if not restart:
                    raise ValidationError(f"App '{app.name}' is already running")
                app_stop_timeline(self.controls, app.executions[-1].timeline, at)
            self._start(app)
        return app

    def stop(self, caller: Caller, app_id: object) -> App:
        with self.store.lock:
            app = self.get(app_id)
            at = self.now()
            if self.status(app, at) in ("STOPPING", "STOPPED"):
                raise ValidationError(f"App '{app.name}' is already stopped")
            app_stop_timeline(self.controls, app.executions[-1].timeline, at)
        return app

    def delete(self, caller: Caller, app_id: object) -> App:
        with self.store.lock:
            app = self.get(app_id)
            for volume in self.store.volumes_of(app.project_id):
                if volume.linked_app_id == app.id:
                    volume.linked_app_id = None
            for env_var in [v for v in self.data.env_vars.values() if v.entity_id == app.id]:
                del self.data.env_vars[env_var.id]
            del self.data.apps[app.id]
        return app
