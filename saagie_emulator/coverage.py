"""Implementation coverage (like moto's): which GraphQL root fields and REST paths the emulator serves, and
which platform rules it enforces, each with its source.

Generated from the code: the root fields come from the resolvers bound to ``Query``/``Mutation``, the
REST paths from the routes table, the rules from :mod:`saagie_emulator.rules.book`, the audit answers from
:mod:`saagie_emulator.rules.audit`. ``python -m saagie_emulator.coverage`` prints it as Markdown (the checked-in
``COVERAGE.md``).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType

from .resolvers import gateway_bindables, projects_bindables
from .rest import REST_PATHS
from .rules import ALLOWED, RULES
from .rules.audit import ANSWERS, AUDIT_ROWS
from .schema import gateway_schema, implemented_root_fields, projects_schema

__all__ = ["audit_answers", "coverage_markdown", "coverage_report", "rules_markdown"]


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
    lines.append("")
    lines.extend(rules_markdown())
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def audit_answers() -> dict[str, list[str]]:
    """Each audit row -> how it is answered: the rules that cite it, and/or a note on a removed or fixed rule."""
    answers: dict[str, list[str]] = {row: [] for row in AUDIT_ROWS}
    for declared in RULES.values():
        for row in declared.audit:
            answers.setdefault(row, []).append(f"rule `{declared.code}`")
    for allowed in ALLOWED.values():
        for row in allowed.audit:
            answers.setdefault(row, []).append(f"`{allowed.code}` (unsure: allowed)")
    for row, note in ANSWERS.items():
        answers.setdefault(row, []).append(note)
    return answers


def rules_markdown() -> list[str]:
    """The rule table (rule -> source) and the answers to the audit, as Markdown lines."""
    lines = [
        f"## Rules: {len(RULES)} enforced, {len(ALLOWED)} allowed (unsure)",
        "",
        "Every refusal of the emulator, with the operations that can raise it and where the platform documents "
        "it (`(inf.)`: a structural source). *per item*: reported as `success: false`, not raised. *unsure: "
        "allowed*: a refusal no source supports, so the emulator accepts the call (and says why). Generated "
        "from `saagie_emulator/rules/book.py`.",
        "",
        "| rule | kind | operations | source | audit |",
        "|---|---|---|---|---|",
    ]
    for declared in sorted(RULES.values(), key=lambda rule: rule.code):
        kind = declared.kind + (" (per item)" if declared.per_item else "")
        if declared.status is not None:
            kind += f" {declared.status}"
        operations = ", ".join(declared.operations)
        audit = ", ".join(declared.audit)
        lines.append(f"| `{declared.code}` | {kind} | {_cell(operations)} | {_cell(declared.source)} | {audit} |")
    for note in sorted(ALLOWED.values(), key=lambda item: item.code):
        operations = ", ".join(note.operations)
        text = f"not refused: {note.what}. {note.why}"
        lines.append(
            f"| `{note.code}` | unsure: allowed | {_cell(operations)} | {_cell(text)} | {', '.join(note.audit)} |"
        )
    lines += ["", f"## Audit rows: {len(AUDIT_ROWS)}", "", "| row | answer |", "|---|---|"]
    for row, answer in audit_answers().items():
        lines.append(f"| {row} | {_cell('; '.join(answer))} |")
    return lines


if __name__ == "__main__":
    print(coverage_markdown(), end="")  # noqa: T201
