"""Implementation coverage (like moto's): which GraphQL root fields and REST paths the emulator serves.

Generated from the code: the root fields come from the resolvers bound to ``Query``/``Mutation``, the
REST paths from the routes table. ``python -m saagie_emulator.coverage`` prints it as Markdown.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType

from .resolvers import gateway_bindables, projects_bindables
from .rest import REST_PATHS
from .schema import gateway_schema, implemented_root_fields, projects_schema

__all__ = ["coverage_markdown", "coverage_report"]


def _endpoint(schema: Any, bindables: list[Any]) -> dict[str, Any]:
    implemented = implemented_root_fields(bindables)
    result: dict[str, Any] = {}
    for root in ("Query", "Mutation"):
        root_type = schema.type_map.get(root)
        declared = sorted(root_type.fields) if isinstance(root_type, GraphQLObjectType) else []
        done = sorted(name for name in declared if name in implemented[root])
        result[root] = {
            "declared": declared,
            "implemented": done,
            "missing": sorted(set(declared) - set(done)),
        }
    return result


def coverage_report() -> dict[str, Any]:
    """``{"projects": {"Query": {...}, "Mutation": {...}}, "gateway": {...}, "rest": [...]}``."""
    return {
        "projects": _endpoint(projects_schema(), projects_bindables()),
        "gateway": _endpoint(gateway_schema(), gateway_bindables()),
        "rest": [f"{method} {path}" for method, path in REST_PATHS],
    }


def coverage_markdown() -> str:
    report = coverage_report()
    lines = ["# saagie_emulator implementation coverage", ""]
    for endpoint in ("projects", "gateway"):
        for root in ("Query", "Mutation"):
            entry = report[endpoint][root]
            lines.append(f"## {endpoint} {root}: {len(entry['implemented'])}/{len(entry['declared'])}")
            lines.append("")
            for name in entry["declared"]:
                mark = "x" if name in entry["implemented"] else " "
                lines.append(f"- [{mark}] {name}")
            lines.append("")
    lines.append(f"## REST: {len(report['rest'])} endpoints")
    lines.append("")
    lines.extend(f"- [x] `{line}`" for line in report["rest"])
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(coverage_markdown(), end="")  # noqa: T201
