"""What is wrong in schema/ and queries/, found before ariadne-codegen runs: one line per problem.

    queries/projects/jobs.graphql:110: operation GetJob (fragment JobFields): Cannot query field
    'countJobInstance' on type 'Job'.

Each line names the file (and line) of the problem, the operation it breaks (for a fragment, the operations
spreading it) and graphql-core's message. ariadne-codegen itself stops at the first problem with a traceback
that names neither the file nor the operation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graphql import (
    DefinitionNode,
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    NoUnusedFragmentsRule,
    OperationDefinitionNode,
    Source,
    build_ast_schema,
    parse,
    specified_rules,
    validate,
    validate_schema,
)
from graphql.language import Visitor, visit

__all__ = ["source_problems"]


def _where(error: GraphQLError, fallback: str) -> str:
    """``file:line`` of the first location of ``error``."""
    node = next((node for node in error.nodes or () if node.loc is not None), None)
    if node is None or node.loc is None:
        return fallback
    line = node.loc.source.get_location(node.loc.start).line
    return f"{node.loc.source.name}:{line}"


def _parse(path: Path, label: str) -> DocumentNode | str:
    try:
        return parse(Source(path.read_text(encoding="utf-8"), label))
    except GraphQLError as error:  # a syntax error: graphql-core's message has the line and column
        location = error.locations[0] if error.locations else None
        where = f"{label}:{location.line}" if location else label
        return f"{where}: {error.message}"
    except OSError as error:
        return f"{label}: cannot read it ({error.strerror})"


def _schema_of(path: Path, label: str) -> GraphQLSchema | list[str]:
    document = _parse(path, label)
    if isinstance(document, str):
        return [document]
    try:
        schema = build_ast_schema(document)
    except (GraphQLError, TypeError) as error:
        where = _where(error, label) if isinstance(error, GraphQLError) else label
        return [f"{where}: {str(error).splitlines()[0]}"]
    problems = [f"{_where(error, label)}: {error.message}" for error in validate_schema(schema)]
    return problems or schema


class _Spreads(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
        self.names.add(node.name.value)


def _spread_names(definition: DefinitionNode) -> set[str]:
    visitor = _Spreads()
    visit(definition, visitor)
    return visitor.names


def _users(definitions: Iterable[DefinitionNode]) -> dict[str, list[str]]:
    """``{fragment name: [operations spreading it, directly or through other fragments]}``."""
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    users: dict[str, list[str]] = defaultdict(list)
    for definition in definitions:
        if not isinstance(definition, OperationDefinitionNode) or definition.name is None:
            continue
        seen: set[str] = set()
        pending = list(_spread_names(definition))
        while pending:
            name = pending.pop()
            if name in seen or name not in fragments:
                continue
            seen.add(name)
            users[name].append(definition.name.value)
            pending.extend(_spread_names(fragments[name]))
    return users


def _definition_label(definition: DefinitionNode | None, users: Mapping[str, list[str]]) -> str:
    if isinstance(definition, OperationDefinitionNode):
        return f"operation {definition.name.value if definition.name else '(anonymous)'}"
    if isinstance(definition, FragmentDefinitionNode):
        name = definition.name.value
        operations = sorted(users.get(name, []))
        if not operations:
            return f"fragment {name} (used by no operation)"
        kind = "operation" if len(operations) == 1 else "operations"
        return f"{kind} {', '.join(operations)} (fragment {name})"
    return "document"


def _containing(error: GraphQLError, definitions: list[DefinitionNode]) -> DefinitionNode | None:
    node = next((node for node in error.nodes or () if node.loc is not None), None)
    if node is None or node.loc is None:
        return None
    for definition in definitions:
        loc = definition.loc
        if loc is not None and loc.source is node.loc.source and loc.start <= node.loc.start < loc.end:
            return definition
    return None


def _query_problems(root: Path, queries_path: str, schema: GraphQLSchema) -> list[str]:
    problems: list[str] = []
    definitions: list[DefinitionNode] = []
    for path in sorted((root / queries_path).rglob("*.graphql")):
        document = _parse(path, path.relative_to(root).as_posix())
        if isinstance(document, str):
            problems.append(document)
        else:
            definitions.extend(document.definitions)
    if problems:
        return problems
    users = _users(definitions)
    # ariadne-codegen's rules: a fragment no operation spreads is allowed (it still becomes a model).
    rules = [rule for rule in specified_rules if rule is not NoUnusedFragmentsRule]
    for error in validate(schema, DocumentNode(definitions=tuple(definitions)), rules):
        label = _definition_label(_containing(error, definitions), users)
        problems.append(f"{_where(error, queries_path)}: {label}: {error.message}")
    return problems


def source_problems(root: Path, packages: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Every problem of each package's schema file and queries folder, one line each (empty: all is well)."""
    problems: list[str] = []
    for settings in packages.values():
        schema_path = str(settings["schema_path"])
        schema = _schema_of(root / schema_path, schema_path)
        if isinstance(schema, list):
            problems += schema
            continue
        problems += _query_problems(root, str(settings["queries_path"]), schema)
    return problems
