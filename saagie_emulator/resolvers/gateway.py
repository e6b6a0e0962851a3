"""Gateway API wire adapter: the technology catalog (see :mod:`saagie_emulator.backend.catalog`)."""

from __future__ import annotations

from typing import Any

from ariadne import InterfaceType, MutationType, ObjectType, QueryType, UnionType

from ..backend.catalog import last_reversible
from ..context import context_of
from ..model import Context, Repository, SyncReport, Technology
from .jobs import upload_of

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
technology_interface = InterfaceType("Technology")
context_interface = InterfaceType("Context")
report_interface = InterfaceType("SynchronizationReport")
source_union = UnionType("Source")
synchro_mode_union = UnionType("SynchroMode")
repository_type = ObjectType("Repository")
deleted_repository_type = ObjectType("DeletedRepository")
edited_repository_type = ObjectType("EditedRepository")
job_technology = ObjectType("JobTechnology")
spark_technology = ObjectType("SparkTechnology")
app_technology = ObjectType("AppTechnology")
context_types = [
    ObjectType(name)
    for name in ("JobContext", "SparkContext", "SparkTechnologyContext", "SparkJobContext", "AppCatalogContext")
]
successful_sync = ObjectType("SuccessfulSynchronization")
failed_sync = ObjectType("FailedSynchronization")

_DEFAULT_RESOURCES = {"cpu": {"limit": 1.0}, "memory": {"limit": "1.0 GB"}}


@technology_interface.type_resolver
def _technology_type(obj: Technology, *_: Any) -> str:
    return obj.kind


@context_interface.type_resolver
def _context_type(obj: Context, *_: Any) -> str:
    return obj.kind


@report_interface.type_resolver
def _report_type(obj: SyncReport, *_: Any) -> str:
    return "FailedSynchronization" if obj.failure else "SuccessfulSynchronization"


@source_union.type_resolver
def _source_type(obj: dict[str, Any], *_: Any) -> str:
    return "UrlSource" if "url" in obj else "FileSource"


@synchro_mode_union.type_resolver
def _synchro_type(obj: dict[str, Any], *_: Any) -> str:
    return "Automatic" if "cron" in obj else "Manual"


# ----------------------------------------------------------------------------- queries
@query.field("repositories")
def resolve_repositories(_: Any, info: Any) -> list[Repository]:
    return context_of(info).backend.catalog.repositories()


@query.field("repository")
def resolve_repository(_: Any, info: Any, id: str) -> Repository | None:
    # The schema says "null if absent" (the platform answers null, not an error).
    return context_of(info).backend.catalog.find_repository(id)


@query.field("technology")
def resolve_technology(_: Any, info: Any, id: str) -> Technology | None:
    return context_of(info).backend.catalog.find_technology(id)


@query.field("technologiesByIds")
def resolve_technologies_by_ids(_: Any, info: Any, ids: list[str]) -> list[Technology]:
    return context_of(info).backend.catalog.technologies_by_ids(ids)


@query.field("updatedTechnologies")
def resolve_updated_technologies(_: Any, info: Any, **kwargs: Any) -> list[Technology]:
    return context_of(info).backend.catalog.updated_since(str(kwargs.get("from_") or kwargs.get("from") or ""))


@query.field("facets")
def resolve_facets(_: Any, info: Any) -> list[dict[str, Any]]:
    return []


# ----------------------------------------------------------------------------- object fields
for _type in (job_technology, spark_technology, app_technology, *context_types):

    @_type.field("defaultResources")
    def _default_resources(obj: Any, info: Any) -> dict[str, Any]:
        return _DEFAULT_RESOURCES


@app_technology.field("appContexts")
def resolve_app_contexts(obj: Technology, info: Any) -> list[Context]:
    return obj.contexts


for _type in context_types[:4]:

    @_type.field("job")
    def _job_features(obj: Context, info: Any) -> dict[str, Any]:
        return {"features": obj.features}


for _type in context_types:
    if _type.name == "SparkTechnologyContext":
        continue

    @_type.field("dockerInfo")
    def _docker_info(obj: Context, info: Any) -> dict[str, Any] | None:
        return obj.docker_info


@repository_type.field("technologies")
@deleted_repository_type.field("technologies")
def resolve_repository_technologies(obj: Repository, info: Any) -> list[Technology]:
    return context_of(info).backend.catalog.technologies_of(obj)


for _type in (repository_type, deleted_repository_type, edited_repository_type):

    @_type.field("synchroMode")
    def _synchro_mode(obj: Repository, info: Any) -> dict[str, Any]:
        return {"useless_field": None}


@deleted_repository_type.field("scripts")
def resolve_scripts(obj: Repository, info: Any) -> list[Any]:
    return []


@repository_type.field("synchronizationReports")
def resolve_sync_reports(
    obj: Repository,
    info: Any,
    last_synchronization: bool | None = None,
    limit: int | None = None,
    skip: int | None = None,
    with_reverted: bool | None = None,
    **_: Any,
) -> dict[str, Any]:
    reports = list(reversed(obj.reports))
    if not with_reverted:
        reports = [report for report in reports if report.reverted_at is None]
    if last_synchronization:
        reports = reports[:1]
    start = skip or 0
    reports = reports[start : start + limit] if limit else reports[start:]
    reversible = last_reversible(obj)
    return {"count": len(reports), "last_reversible_id": reversible.id if reversible else None, "list": reports}


for _type in (successful_sync, failed_sync):

    @_type.field("trigger")
    def _trigger(obj: SyncReport, info: Any) -> dict[str, Any]:
        return {"author": obj.author, "type": obj.trigger_type}


@successful_sync.field("issues")
def resolve_issues(obj: SyncReport, info: Any) -> list[Any]:
    return obj.issues


@successful_sync.field("numberOfChanges")
def resolve_changes(obj: SyncReport, info: Any) -> int:
    if obj.technology_reports:
        return sum(report["status"] != "UNCHANGED" for report in obj.technology_reports)
    return len(obj.technology_labels)


@successful_sync.field("revert")
def resolve_revert(obj: SyncReport, info: Any) -> dict[str, Any] | None:
    if obj.reverted_at is None:
        return None
    return {"author": obj.revert_author or "", "date": obj.reverted_at}


@successful_sync.field("technologyReports")
def resolve_technology_reports(obj: SyncReport, info: Any) -> list[dict[str, Any]]:
    if obj.technology_reports:
        return obj.technology_reports
    return [
        {
            "contexts_reports": [],
            "message": None,
            "status": "UNCHANGED",
            "technology_id": tid,
            "technology_label": label,
        }
        for tid, label in obj.technology_labels
    ]


# ----------------------------------------------------------------------------- mutations
@mutation.field("addRepository")
def resolve_add_repository(_: Any, info: Any, repository_input: dict[str, Any], upload: Any = None) -> dict[str, Any]:
    ctx = context_of(info)
    repository = ctx.backend.catalog.add(ctx.caller, repository_input, upload_of(upload))
    return {"count": 1, "objects": [repository]}


@mutation.field("editRepository")
def resolve_edit_repository(_: Any, info: Any, repository_input: dict[str, Any]) -> dict[str, Any]:
    ctx = context_of(info)
    return {"count": 1, "objects": [ctx.backend.catalog.edit(ctx.caller, repository_input)]}


@mutation.field("removeRepository")
def resolve_remove_repository(_: Any, info: Any, id: str) -> Repository:
    ctx = context_of(info)
    return ctx.backend.catalog.remove(ctx.caller, id)


def _synchro(repository: Repository, report: SyncReport) -> dict[str, Any]:
    return {"count": 1, "report": report, "repository_id": repository.id, "repository_name": repository.name}


@mutation.field("synchronizeRepository")
def resolve_synchronize(_: Any, info: Any, id: str, upload: Any = None) -> dict[str, Any]:
    ctx = context_of(info)
    return _synchro(*ctx.backend.catalog.synchronize(ctx.caller, id, upload_of(upload)))


@mutation.field("revertLastSynchronization")
def resolve_revert_sync(_: Any, info: Any, repository_id: str, synchronization_report_id: str) -> dict[str, Any]:
    ctx = context_of(info)
    return _synchro(*ctx.backend.catalog.revert(ctx.caller, repository_id, synchronization_report_id))


def bindables() -> list[Any]:
    return [
        query,
        mutation,
        technology_interface,
        context_interface,
        report_interface,
        source_union,
        synchro_mode_union,
        repository_type,
        deleted_repository_type,
        edited_repository_type,
        job_technology,
        spark_technology,
        app_technology,
        *context_types,
        successful_sync,
        failed_sync,
    ]
