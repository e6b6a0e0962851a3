"""Projects API wire adapter: apps, their versions, history and logs (see :mod:`saagie_emulator.backend.apps`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ariadne import InterfaceType, MutationType, ObjectType, QueryType

from ..context import context_of
from ..model import App, AppVersion, Volume
from .common import alerting_out, count_of, logs_page, page

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
app_type = ObjectType("App")
app_version_type = ObjectType("AppVersion")
app_event = InterfaceType("AppEvent")
history_type = ObjectType("AppHistory")


# ----------------------------------------------------------------------------- queries
@query.field("app")
def resolve_app(_: Any, info: Any, id: str) -> App | None:
    ctx = context_of(info)
    return ctx.backend.apps.visible(ctx.caller, id)


@query.field("appVersion")
def resolve_app_version(_: Any, info: Any, app_id: str, number: int) -> AppVersion | None:
    ctx = context_of(info)
    app = ctx.backend.apps.visible(ctx.caller, app_id)
    return None if app is None else ctx.backend.apps.find_version(app, number)


@query.field("appHistoryStatuses")
def resolve_history_statuses(
    _: Any, info: Any, app_history_id: str, version_number: int, start_time: datetime, limit: int | None = None
) -> list[dict[str, Any]] | None:
    ctx = context_of(info)
    found = ctx.backend.apps.statuses(ctx.caller, app_history_id, version_number, start_time)
    return found[:limit] if found is not None and limit else found


@query.field("countAppHistoryStatuses")
def resolve_count_history(
    _: Any, info: Any, app_history_id: str, version_number: int, start_time: datetime
) -> int | None:
    ctx = context_of(info)
    return count_of(ctx.backend.apps.statuses(ctx.caller, app_history_id, version_number, start_time))


@query.field("appStats")
def resolve_app_stats(_: Any, info: Any, app_history_id: str, version_number: int, start_time: datetime) -> Any:
    ctx = context_of(info)
    return ctx.backend.apps.stats(ctx.caller, app_history_id, version_number, start_time)


@query.field("countApps")
def resolve_count_apps(_: Any, info: Any, project_id: str) -> list[dict[str, Any]] | None:
    ctx = context_of(info)
    return ctx.backend.apps.count_by_technology(ctx.caller, project_id)


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
) -> dict[str, Any] | None:
    ctx = context_of(info)
    return logs_page(ctx.backend.apps.logs(ctx.caller, app_id, app_execution_id, stream), limit, skip)


@query.field("countAppLogs")
def resolve_count_app_logs(_: Any, info: Any, app_id: str, app_execution_id: str, stream: Any = None) -> int | None:
    ctx = context_of(info)
    return count_of(ctx.backend.apps.logs(ctx.caller, app_id, app_execution_id, stream))


# ----------------------------------------------------------------------------- object fields
@app_type.field("versions")
def resolve_versions(obj: App, info: Any) -> list[AppVersion]:
    return sorted(obj.versions, key=lambda v: v.number, reverse=True)


@history_type.field("events")
def resolve_history_events(obj: dict[str, Any], info: Any, limit: int | None = None, skip: int | None = None) -> Any:
    return page(obj["events"], limit, skip)


@app_event.type_resolver
def _app_event_type(obj: dict[str, Any], *_: Any) -> str:
    return str(obj["__typename"])


@app_type.field("currentVersion")
def resolve_current_version(obj: App, info: Any) -> AppVersion:
    return next(v for v in obj.versions if v.is_current)


@app_type.field("technology")
def resolve_app_technology(obj: App, info: Any) -> dict[str, str]:
    return {"id": obj.technology_id}


@app_type.field("project")
def resolve_app_project(obj: App, info: Any) -> Any:
    return context_of(info).store.project(obj.project_id)


@app_type.field("linkedVolumes")
def resolve_linked_volumes(obj: App, info: Any) -> list[Volume]:
    return context_of(info).backend.volumes.linked_to(obj.id, obj.project_id)


@app_type.field("alerting")
def resolve_app_alerting(obj: App, info: Any) -> Any:
    return alerting_out(obj.alerting)


@app_type.field("history")
def resolve_history(obj: App, info: Any) -> dict[str, Any]:
    return context_of(info).backend.apps.history(obj)


@app_version_type.field("volumesWithPath")
def resolve_volumes_with_path(obj: AppVersion, info: Any) -> list[dict[str, Any]]:
    volumes = context_of(info).backend.volumes
    return [{"path": v["path"], "volume": volumes.find(v["volume_id"])} for v in obj.volumes_with_path]


# ----------------------------------------------------------------------------- mutations
@mutation.field("createApp")
def resolve_create_app(_: Any, info: Any, app: dict[str, Any]) -> App:
    ctx = context_of(info)
    return ctx.backend.apps.create(ctx.caller, app)


@mutation.field("installApp")
def resolve_install_app(_: Any, info: Any, project_id: str, technology_id: str, context_id: str) -> App:
    ctx = context_of(info)
    return ctx.backend.apps.install(ctx.caller, project_id, technology_id, context_id)


@mutation.field("addAppVersion")
def resolve_add_app_version(_: Any, info: Any, app_id: str, version: dict[str, Any]) -> AppVersion:
    ctx = context_of(info)
    return ctx.backend.apps.add_version(ctx.caller, app_id, version)


@mutation.field("editApp")
def resolve_edit_app(_: Any, info: Any, app_edition: dict[str, Any]) -> App:
    ctx = context_of(info)
    return ctx.backend.apps.edit(ctx.caller, app_edition)


@mutation.field("rollbackAppVersion")
def resolve_rollback_app(
    _: Any, info: Any, app_id: str, version_number: int, volumes_with_path: list[Any] | None = None
) -> App:
    ctx = context_of(info)
    return ctx.backend.apps.rollback(ctx.caller, app_id, version_number, volumes_with_path)


@mutation.field("setMajorAppVersion")
def resolve_set_major_app(_: Any, info: Any, app_id: str, version_number: int, is_major: bool) -> AppVersion:
    ctx = context_of(info)
    return ctx.backend.apps.set_major(ctx.caller, app_id, version_number, is_major)


@mutation.field("runApp")
def resolve_run_app(_: Any, info: Any, id: str) -> App:
    ctx = context_of(info)
    return ctx.backend.apps.run(ctx.caller, id)


@mutation.field("restartApp")
def resolve_restart_app(_: Any, info: Any, id: str) -> App:
    ctx = context_of(info)
    return ctx.backend.apps.run(ctx.caller, id, restart=True)


@mutation.field("stopApp")
def resolve_stop_app(_: Any, info: Any, id: str) -> App:
    ctx = context_of(info)
    return ctx.backend.apps.stop(ctx.caller, id)


@mutation.field("deleteApp")
def resolve_delete_app(_: Any, info: Any, app_id: str) -> App:
    ctx = context_of(info)
    return ctx.backend.apps.delete(ctx.caller, app_id)


def bindables() -> list[Any]:
    return [query, mutation, app_type, app_version_type, app_event, history_type]
