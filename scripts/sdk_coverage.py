"""Write docs/sdk-coverage.md: every root field of the platform's two GraphQL schemas -> the SDK methods reaching it.

    python scripts/sdk_coverage.py          # rewrite the table
    python scripts/sdk_coverage.py --check  # exit 1 when the checked-in table is stale

Generated from the code, nothing declared by hand but the deliberately unreached fields:

* the root fields of ``schema/projects.graphql`` and ``schema/gateway.graphql`` (deprecation included);
* the operations of the generated clients (``saagieapi/_generated/*/client.py``) and the root fields each selects;
* which public method of ``SaagieApi`` and of its resources ends up calling which generated operation: the
  static scan ``saagie doctor`` uses (``saagieapi.cli._doctor.sdk_usage``), over the synchronous package and
  over its asynchronous source, which must agree.

``tests/unit/test_sdk_coverage.py`` fails when the table is stale, when a non-deprecated root field is reached
by no public method (sync and async) and is not in :data:`UNREACHED` with a reason, and when an entry of
:data:`UNREACHED` names a replacement that does not reach its replacement field.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGE = ROOT / "docs" / "sdk-coverage.md"
APIS = ("projects", "gateway")
ROOTS = ("Query", "Mutation")


@dataclass(frozen=True)
class Unreached:
    """A root field the SDK leaves alone on purpose: why, and what to use instead."""

    reason: str
    replacement_field: str  #: root field of the same schema that does the job
    replacement_method: str  #: public method reaching ``replacement_field``


#: (api, root type, field) -> why no method reaches it. Only deprecated fields with a replacement belong here.
UNREACHED: dict[tuple[str, str, str], Unreached] = {
    ("projects", "Query", "labWebApps"): Unreached(
        "deprecated: legacy web apps modelled as jobs; apps are read from their project",
        "project",
        "api.apps.list_for_project",
    ),
    ("projects", "Query", "labWebApp"): Unreached(
        "deprecated: legacy web app modelled as a job", "app", "api.apps.get_info"
    ),
    ("projects", "Query", "technologiesByCategory"): Unreached(
        "deprecated: read from the project", "project", "api.projects.get_jobs_technologies"
    ),
    ("projects", "Query", "appTechnologies"): Unreached(
        "deprecated: read from the project", "project", "api.projects.get_apps_technologies"
    ),
    ("projects", "Query", "logs"): Unreached(
        "deprecated: one stream at a time; filteredLogs reads several", "filteredLogs", "api.jobs.get_logs"
    ),
    ("projects", "Query", "countLogs"): Unreached(
        "deprecated: one stream at a time", "countFilteredLogs", "api.jobs.count_logs"
    ),
    ("projects", "Query", "pipelines"): Unreached(
        "deprecated: linear (pre-graph) pipelines only; a project lists every pipeline",
        "project",
        "api.pipelines.list_for_project",
    ),
    ("projects", "Query", "pipeline"): Unreached(
        "deprecated: linear (pre-graph) pipelines only", "graphPipeline", "api.pipelines.get_info"
    ),
    ("projects", "Mutation", "archiveJob"): Unreached(
        "deprecated: old name of deleteJob", "deleteJob", "api.jobs.delete"
    ),
    ("projects", "Mutation", "archiveProject"): Unreached(
        "deprecated: old name of deleteProject", "deleteProject", "api.projects.delete"
    ),
    ("projects", "Mutation", "moveJobs"): Unreached(
        "deprecated: moveJob moves a job to a project of this or another platform", "moveJob", "api.jobs.move_job"
    ),
    ("projects", "Mutation", "createPipeline"): Unreached(
        "deprecated: linear (pre-graph) pipelines only", "createGraphPipeline", "api.pipelines.create_graph"
    ),
    ("projects", "Mutation", "addPipelineVersion"): Unreached(
        "deprecated: linear (pre-graph) pipelines only", "addGraphPipelineVersion", "api.pipelines.upgrade"
    ),
}


@dataclass
class FieldCoverage:
    api: str
    root: str
    name: str
    deprecated: bool
    operations: set[str] = field(default_factory=set)  #: generated client methods selecting it
    methods: set[str] = field(default_factory=set)  #: public sync methods reaching it
    async_methods: set[str] = field(default_factory=set)  #: the same, found in the asynchronous source

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.api, self.root, self.name)


def _async_name(name: str) -> str:
    return "api.aclose" if name == "api.close" else name


def coverage() -> list[FieldCoverage]:
    """Every root field of both schemas with the operations and public methods that reach it."""
    from graphql import OperationDefinitionNode, build_schema, parse

    from saagieapi.cli._doctor import bundled_operations, sdk_usage

    fields: dict[tuple[str, str, str], FieldCoverage] = {}
    for api in APIS:
        schema = build_schema((ROOT / "schema" / f"{api}.graphql").read_text(encoding="utf-8"))
        for root in ROOTS:
            root_type = schema.get_type(root)
            for name, definition in getattr(root_type, "fields", {}).items():
                fields[(api, root, name)] = FieldCoverage(api, root, name, definition.deprecation_reason is not None)
    selected: dict[tuple[str, str], set[tuple[str, str, str]]] = defaultdict(set)
    for operation in bundled_operations():
        for definition in parse(operation.document).definitions:
            if isinstance(definition, OperationDefinitionNode):
                root = "Query" if definition.operation.value == "query" else "Mutation"
                for selection in definition.selection_set.selections:
                    key = (operation.api, root, selection.name.value)  # type: ignore[attr-defined]
                    selected[(operation.api, operation.method)].add(key)
                    fields[key].operations.add(f"{operation.api}.{operation.method}")
    for package, attribute in (("_sync", "methods"), ("_async", "async_methods")):
        for method, operations in sdk_usage(package).items():
            for operation in operations:
                for key in selected.get(operation, ()):
                    getattr(fields[key], attribute).add(method if package == "_sync" else _async_name(method))
    return list(fields.values())


def _methods(names: set[str]) -> str:
    return ", ".join(f"`{name}`" for name in sorted(names))


def render(entries: list[FieldCoverage]) -> str:
    lines = [
        "# SDK coverage of the platform's GraphQL APIs",
        "",
        "<!-- Generated by scripts/sdk_coverage.py from the schemas, the generated operations and the SDK's code. "
        "Do not edit. -->",
        "",
        "Every root field of the two GraphQL APIs of a Saagie platform (the projects API and the gateway), with the",
        "public methods that reach it: the methods of `SaagieApi` and of its resources (`api.jobs`...) that end up",
        "sending an operation selecting that field. `AsyncSaagieApi` has the same methods under the same names",
        "(`api.aclose` for `api.close`); the table is checked against both. A field no method reaches is",
        "deprecated, and the table names what to use instead.",
        "",
    ]
    for api in APIS:
        for root in ROOTS:
            part = sorted((e for e in entries if e.api == api and e.root == root), key=lambda e: e.name)
            reached = sum(1 for e in part if e.methods)
            active = [e for e in part if not e.deprecated]
            lines += [
                f"## {api} API: {root}",
                "",
                f"{reached} of {len(part)} fields reached; {sum(1 for e in active if e.methods)} of the "
                f"{len(active)} not deprecated.",
                "",
                "| field | SDK methods |",
                "|---|---|",
            ]
            for entry in part:
                label = f"`{entry.name}`" + (" *(deprecated)*" if entry.deprecated else "")
                if entry.methods:
                    lines.append(f"| {label} | {_methods(entry.methods)} |")
                else:
                    why = UNREACHED.get(entry.key)
                    text = (
                        f"not reached: {why.reason}; use `{why.replacement_method}` (`{why.replacement_field}`)"
                        if why
                        else "**not reached**"
                    )
                    lines.append(f"| {label} | {text} |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/sdk-coverage.md is stale")
    args = parser.parse_args(argv)
    text = render(coverage())
    if args.check:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE.relative_to(ROOT)} is stale: run python scripts/sdk_coverage.py")
            return 1
        return 0
    if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
        PAGE.write_text(text, encoding="utf-8")
        print(f"updated {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
