"""Apps (from a docker image or the catalog) with versions and STARTING → STARTED → STOPPING → STOPPED
executions, and volumes (storages) linked to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import RequestContext, context_of
from ..errors import NotFoundError, ValidationError
from ..lifecycle import app_start_timeline, app_stop_timeline, now
from ..logs import app_execution_logs
from ..model import App, AppExecution, AppVersion, Volume, new_id
from ..scalars import format_datetime, normalize_data_size
from .common import alerting_out

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
app_type = ObjectType("App")
app_version_type = ObjectType("AppVersion")
volume_type = ObjectType("Volume")


def _status(app: App, at: float) -> str:
    return app.executions[-1].timeline.status_at(at) if app.executions else "STOPPED"


def _current(app: App) -> AppVersion:
    return next(v for v in app.versions if v.is_current)


def _version(app: App, number: int) -> AppVersion:
    for version in app.versions:
        if version.number == number:
            return version
    raise NotFoundError(f"Version of app {app.name}", number)


# ----------------------------------------------------------------------------- queries
@query.field("app")
def resolve_app(_: Any, info: Any, id: str) -> App:
    return context_of(info).store.app(id)


@query.field("appVersion")
def resolve_app_version(_: Any, info: Any, app_id: str, number: int) -> AppVersion:
    return _version(context_of(info).store.app(app_id), number)


def _by_history(ctx: RequestContext, history_id: str) -> App:
    for app in ctx.store.data.apps.values():
        if app.history_id == str(history_id):
            return app
    raise NotFoundError("AppHistory", history_id)


def _statuses(app: App, version_number: int, start: datetime) -> list[dict[str, Any]]:
    at, since = now(), start.timestamp()
    return [
        {"status": status, "record_at": format_datetime(when)}
        for execution in app.executions
        if execution.version_number == version_number
        for when, status in execution.timeline.passed(at)
        if when >= since
    ]


@query.field("appHistoryStatuses")
def resolve_history_statuses(
    _: Any, info: Any, app_history_id: str, version_number: int, start_time: datetime, limit: int | None = None
) -> list[dict[str, Any]]:
    found = _statuses(_by_history(context_of(info), app_history_id), version_number, start_time)
    return found[:limit] if limit else found


@query.field("countAppHistoryStatuses")
def resolve_count_history(_: Any, info: Any, app_history_id: str, version_number: int, start_time: datetime) -> int:
    return len(_statuses(_by_history(context_of(info), app_history_id), version_number, start_time))


@query.field("appStats")
def resolve_app_stats(_: Any, info: Any, app_history_id: str, version_number: int, start_time: datetime) -> Any:
    app = _by_history(context_of(info), app_history_id)
    statuses = _statuses(app, version_number, start_time)
    up = sum(1 for s in statuses if s["status"] == "STARTED")
    uptime = 100.0 * up / len(statuses) if statuses else 0.0
    return {"uptime_percentage": uptime, "downtime_percentage": 100.0 - uptime, "recovered_count": 0}


@query.field("volume")
def resolve_volume(_: Any, info: Any, id: str) -> Volume:
    return context_of(info).store.volume(id)


@query.field("countApps")
def resolve_count_apps(_: Any, info: Any, project_id: str) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for app in context_of(info).store.apps_of(str(project_id)):
        counts[app.technology_id] = counts.get(app.technology_id, 0) + 1
    return [{"technology": {"id": tech}, "count": count} for tech, count in counts.items()]


# ----------------------------------------------------------------------------- object fields
@app_type.field("versions")
def resolve_versions(obj: App, info: Any) -> list[AppVersion]:
    return sorted(obj.versions, key=lambda v: v.number, reverse=True)


@app_type.field("currentVersion")
def resolve_current_version(obj: App, info: Any) -> AppVersion:
    return _current(obj)


@app_type.field("technology")
def resolve_app_technology(obj: App, info: Any) -> dict[str, str]:
    return {"id": obj.technology_id}


@app_type.field("project")
def resolve_app_project(obj: App, info: Any) -> Any:
    return context_of(info).store.project(obj.project_id)


@app_type.field("linkedVolumes")
def resolve_linked_volumes(obj: App, info: Any) -> list[Volume]:
    return [v for v in context_of(info).store.volumes_of(obj.project_id) if v.linked_app_id == obj.id]


@app_type.field("alerting")
def resolve_app_alerting(obj: App, info: Any) -> Any:
    return alerting_out(obj.alerting)


@app_type.field("history")
def resolve_history(obj: App, info: Any) -> dict[str, Any]:
    at = now()
    execution = obj.executions[-1] if obj.executions else None
    running = _version(obj, execution.version_number) if execution else _current(obj)
    stop_time = execution.timeline.time_of(at, {"STOPPED"}) if execution else None
    return {
        "id": obj.history_id,
        "count_events": sum(len(e.timeline.passed(at)) for e in obj.executions),
        "events": [],
        "running_version_number": running.number,
        "current_docker_info": running.docker_info,
        "current_status": _status(obj, at),
        "current_status_reason": None,
        "current_execution_id": execution.id if execution else None,
        "start_time": format_datetime(execution.timeline.steps[0][0]) if execution else None,
        "stop_time": format_datetime(stop_time) if stop_time else None,
        "author": obj.creator,
        "trigger_type": "MANUAL_APP",
    }


@app_version_type.field("volumesWithPath")
def resolve_volumes_with_path(obj: AppVersion, info: Any) -> list[dict[str, Any]]:
    volumes = context_of(info).store.data.volumes
    return [{"path": v["path"], "volume": volumes.get(v["volume_id"])} for v in obj.volumes_with_path]


@volume_type.field("linkedApp")
def resolve_linked_app(obj: Volume, info: Any) -> App | None:
    return None if obj.linked_app_id is None else context_of(info).store.data.apps.get(obj.linked_app_id)


# ----------------------------------------------------------------------------- apps
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


def _link_volumes(ctx: RequestContext, app: App, items: list[dict[str, Any] | None]) -> list[dict[str, Any]]:
    linked = []
    for item in items:
        if item is None:
            continue
        volume = ctx.store.volume(item["volume_id"])
        if volume.project_id != app.project_id:
            raise ValidationError(f"Volume '{volume.name}' does not belong to this project")
        if volume.linked_app_id not in (None, app.id):
            raise ValidationError(f"Volume '{volume.name}' is already linked to another app")
        volume.linked_app_id = app.id
        linked.append({"path": item["path"], "volume_id": volume.id})
    return linked


def _add_version(ctx: RequestContext, app: App, version: dict[str, Any]) -> AppVersion:
    technology = ctx.store.technology(app.technology_id)
    context_id = version.get("runtime_context_id")
    if context_id is not None and context_id not in [c.id for c in technology.contexts]:
        raise ValidationError(f"Runtime context '{context_id}' does not exist for technology '{technology.label}'")
    if context_id is None and not version.get("docker_info"):
        raise ValidationError("An app version needs a docker image or a runtime context")
    created = AppVersion(
        number=max((v.number for v in app.versions), default=0) + 1,
        creator=ctx.login,
        ports=_ports(app.name, version.get("ports") or []),
        docker_info=version.get("docker_info"),
        runtime_context_id=context_id,
        volumes_with_path=_link_volumes(ctx, app, version.get("volumes_with_path") or []),
        release_note=version.get("release_note"),
        is_current=True,
    )
    for existing in app.versions:
        existing.is_current = False
    app.versions.append(created)
    return created


def _start(ctx: RequestContext, app: App) -> None:
    at = now()
    app.executions.append(
        AppExecution(id=new_id(), version_number=_current(app).number, timeline=app_start_timeline(ctx.controls, at))
    )


def _check_app_name(ctx: RequestContext, project_id: str, name: str, exclude: str | None = None) -> None:
    if not name or not name.strip():
        raise ValidationError("The app name must not be empty")
    ctx.store.check_unique_name("App", [a.name for a in ctx.store.apps_of(project_id) if a.id != exclude], name)


@mutation.field("createApp")
def resolve_create_app(_: Any, info: Any, app: dict[str, Any]) -> App:
    ctx = context_of(info)
    with ctx.store.lock:
        project = ctx.store.project(app["project_id"])
        technology = ctx.store.technology(app["technology_id"])
        if technology.kind != "AppTechnology":
            raise ValidationError(f"Technology '{technology.label}' is not an app technology")
        if technology.id not in project.app_technology_ids:
            raise ValidationError(f"Technology '{technology.label}' is not enabled in project '{project.name}'")
        _check_app_name(ctx, project.id, app["name"])
        created = App(
            id=new_id(),
            project_id=project.id,
            name=app["name"],
            technology_id=technology.id,
            creator=ctx.login,
            description=app.get("description"),
            alerting=app.get("alerting"),
            resources=app.get("resources"),
            is_generic_app="GenericApp" in technology.custom_flags,
        )
        _add_version(ctx, created, app["version"])
        ctx.store.data.apps[created.id] = created
        _start(ctx, created)
    return created


@mutation.field("installApp")
def resolve_install_app(_: Any, info: Any, project_id: str, technology_id: str, context_id: str) -> App:
    ctx = context_of(info)
    with ctx.store.lock:
        project = ctx.store.project(project_id)
        technology = ctx.store.technology(technology_id)
        context = next((c for c in technology.contexts if context_id in (c.id, c.label)), None)
        if technology.kind != "AppTechnology" or context is None:
            raise ValidationError(f"Context '{context_id}' does not exist for app technology '{technology.label}'")
        names = {a.name.casefold() for a in ctx.store.apps_of(project.id)}
        name, index = technology.label, 1
        while name.casefold() in names:
            index += 1
            name = f"{technology.label} {index}"
        created = App(
            id=new_id(),
            project_id=project.id,
            name=name,
            technology_id=technology.id,
            creator=ctx.login,
            is_generic_app=False,
        )
        ctx.store.data.apps[created.id] = created
        volumes = []
        for spec in context.volumes:
            volume = _new_volume(ctx, project.id, f"{name} {spec['path']}", spec["size"], f"Volume of {name}")
            volumes.append({"path": spec["path"], "volume_id": volume.id})
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
        _add_version(
            ctx,
            created,
            {
                "runtime_context_id": context.id,
                "ports": ports,
                "volumes_with_path": volumes,
                "release_note": context.release_notes,
            },
        )
        _start(ctx, created)
    return created


@mutation.field("addAppVersion")
def resolve_add_app_version(_: Any, info: Any, app_id: str, version: dict[str, Any]) -> AppVersion:
    ctx = context_of(info)
    with ctx.store.lock:
        return _add_version(ctx, ctx.store.app(app_id), version)


@mutation.field("editApp")
def resolve_edit_app(_: Any, info: Any, app_edition: dict[str, Any]) -> App:
    ctx = context_of(info)
    with ctx.store.lock:
        app = ctx.store.app(app_edition["id"])
        if app_edition.get("name"):
            _check_app_name(ctx, app.project_id, app_edition["name"], exclude=app.id)
            app.name = app_edition["name"]
        for key in ("description", "alerting", "resources"):
            if key in app_edition:
                setattr(app, key, app_edition[key])
    return app


@mutation.field("rollbackAppVersion")
def resolve_rollback_app(
    _: Any, info: Any, app_id: str, version_number: int, volumes_with_path: list[Any] | None = None
) -> App:
    ctx = context_of(info)
    app = ctx.store.app(app_id)
    target = _version(app, version_number)
    if volumes_with_path:
        target.volumes_with_path = _link_volumes(ctx, app, volumes_with_path)
    for version in app.versions:
        version.is_current = version is target
    return app


@mutation.field("setMajorAppVersion")
def resolve_set_major_app(_: Any, info: Any, app_id: str, version_number: int, is_major: bool) -> AppVersion:
    version = _version(context_of(info).store.app(app_id), version_number)
    version.is_major = is_major
    return version


@mutation.field("runApp")
@mutation.field("restartApp")
def resolve_run_app(_: Any, info: Any, id: str) -> App:
    ctx = context_of(info)
    app = ctx.store.app(id)
    if _status(app, now()) in ("STARTING", "STARTED"):
        if info.field_name == "runApp":
            raise ValidationError(f"App '{app.name}' is already running")
        app_stop_timeline(ctx.controls, app.executions[-1].timeline, now())
    _start(ctx, app)
    return app


@mutation.field("stopApp")
def resolve_stop_app(_: Any, info: Any, id: str) -> App:
    ctx = context_of(info)
    app = ctx.store.app(id)
    if _status(app, now()) in ("STOPPING", "STOPPED"):
        raise ValidationError(f"App '{app.name}' is already stopped")
    app_stop_timeline(ctx.controls, app.executions[-1].timeline, now())
    return app


@mutation.field("deleteApp")
def resolve_delete_app(_: Any, info: Any, app_id: str) -> App:
    ctx = context_of(info)
    with ctx.store.lock:
        app = ctx.store.app(app_id)
        for volume in ctx.store.volumes_of(app.project_id):
            if volume.linked_app_id == app.id:
                volume.linked_app_id = None
        for env_var in [v for v in ctx.store.data.env_vars.values() if v.entity_id == app.id]:
            del ctx.store.data.env_vars[env_var.id]
        del ctx.store.data.apps[app.id]
    return app


# ----------------------------------------------------------------------------- volumes
def _new_volume(ctx: RequestContext, project_id: str, name: str, size: str, description: str | None) -> Volume:
    ctx.store.check_unique_name("Volume", [v.name for v in ctx.store.volumes_of(project_id)], name)
    volume = Volume(
        id=new_id(),
        project_id=project_id,
        name=name,
        size=normalize_data_size(size),
        creator=ctx.login,
        description=description,
    )
    ctx.store.data.volumes[volume.id] = volume
    return volume


def _used_by_current_version(ctx: RequestContext, volume: Volume) -> bool:
    app = ctx.store.data.apps.get(volume.linked_app_id or "")
    return app is not None and any(v["volume_id"] == volume.id for v in _current(app).volumes_with_path)


@mutation.field("createVolume")
def resolve_create_volume(_: Any, info: Any, volume: dict[str, Any]) -> Volume:
    ctx = context_of(info)
    with ctx.store.lock:
        project = ctx.store.project(volume["project_id"])
        if not volume["name"].strip():
            raise ValidationError("The volume name must not be empty")
        return _new_volume(ctx, project.id, volume["name"], volume["size"], volume.get("description"))


@mutation.field("editVolume")
def resolve_edit_volume(_: Any, info: Any, volume_edition: dict[str, Any]) -> Volume:
    ctx = context_of(info)
    with ctx.store.lock:
        volume = ctx.store.volume(volume_edition["id"])
        if volume_edition.get("name"):
            others = [v.name for v in ctx.store.volumes_of(volume.project_id) if v.id != volume.id]
            ctx.store.check_unique_name("Volume", others, volume_edition["name"])
            volume.name = volume_edition["name"]
        if "description" in volume_edition:
            volume.description = volume_edition["description"]
        if volume_edition.get("size"):
            volume.size = normalize_data_size(volume_edition["size"])
    return volume


@mutation.field("deleteVolume")
def resolve_delete_volume(_: Any, info: Any, id: str) -> Volume:
    ctx = context_of(info)
    volume = ctx.store.volume(id)
    if _used_by_current_version(ctx, volume):
        raise ValidationError(f"Volume '{volume.name}' is used by the current version of an app")
    del ctx.store.data.volumes[volume.id]
    return volume


@mutation.field("unlinkVolume")
def resolve_unlink_volume(_: Any, info: Any, id: str) -> Volume:
    ctx = context_of(info)
    volume = ctx.store.volume(id)
    if _used_by_current_version(ctx, volume):
        raise ValidationError(f"Volume '{volume.name}' is used by the current version of an app")
    volume.linked_app_id = None
    return volume


@mutation.field("moveVolume")
def resolve_move_volume(_: Any, info: Any, volume_id: str, target_platform_id: int, target_project_id: str) -> str:
    ctx = context_of(info)
    with ctx.store.lock:
        if target_platform_id != ctx.platform_id:
            raise NotFoundError("Platform", target_platform_id)
        volume = ctx.store.volume(volume_id)
        if volume.linked_app_id is not None:
            raise ValidationError(f"Volume '{volume.name}' is linked to an app and cannot be moved")
        target = ctx.store.project(target_project_id)
        moved = _new_volume(ctx, target.id, volume.name, volume.size, volume.description)
        del ctx.store.data.volumes[volume.id]
    return moved.id


@mutation.field("duplicateVolume")
def resolve_duplicate_volume(_: Any, info: Any, original_volume_id: str) -> Volume:
    ctx = context_of(info)
    with ctx.store.lock:
        volume = ctx.store.volume(original_volume_id)
        names = {v.name.casefold() for v in ctx.store.volumes_of(volume.project_id)}
        index = 1
        while f"{volume.name} (copy {index})".casefold() in names:
            index += 1
        copy = _new_volume(ctx, volume.project_id, f"{volume.name} (copy {index})", volume.size, volume.description)
        copy.original_volume_id = volume.id
    return copy


def _execution(app: App, execution_id: str) -> AppExecution:
    for execution in app.executions:
        if execution.id == str(execution_id):
            return execution
    raise NotFoundError("AppExecution", execution_id)


def _app_log_lines(ctx: RequestContext, app_id: str, execution_id: str, stream: Any) -> list[dict[str, Any]]:
    app = ctx.store.app(app_id)
    lines = app_execution_logs(app, _execution(app, execution_id), now())
    return [
        {
            "index": line["index"],
            "value": line["value"],
            "container_id": execution_id,
            "stream": line["stream"],
            "record_at": line["time"],
        }
        for line in lines
        if stream in (None, line["stream"])
    ]


@query.field("appLogs")
def resolve_app_logs(
    _: Any,
    info: Any,
    app_id: str,
    app_execution_id: str,
    limit: Any = None,
    skip: Any = None,
    stream: Any = None,
    record_at: Any = None,
) -> dict[str, Any]:
    lines = _app_log_lines(context_of(info), app_id, app_execution_id, stream)
    start = skip or 0
    return {"count": len(lines), "content": lines[start : start + limit] if limit else lines[start:]}


@query.field("countAppLogs")
def resolve_count_app_logs(_: Any, info: Any, app_id: str, app_execution_id: str, stream: Any = None) -> int:
    return len(_app_log_lines(context_of(info), app_id, app_execution_id, stream))


def bindables() -> list[Any]:
    return [query, mutation, app_type, app_version_type, volume_type]
