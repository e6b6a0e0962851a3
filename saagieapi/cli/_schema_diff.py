"""What ``saagie schema diff`` computes (no printing here): schema drift between ``schema/`` and a live platform.

* :func:`classify`: every change from the committed schema to the live one, as graphql-core's change finders
  see it (breaking, dangerous), plus the additions they do not report (safe: new types, new fields).
* :func:`affected_methods`: for each change, the bundled operations that use what changed and the public SDK
  methods that send them (the static map of :mod:`saagieapi.cli._doctor`).
* :func:`merged_sdl`: the live schema written in the committed file's layout: its header, its order and its
  descriptions wherever the element still exists; new elements are appended with the platform's description.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SEVERITIES", "Change", "affected_methods", "classify", "exit_code", "merged_sdl"]

#: Severity -> exit code of ``saagie schema diff`` (the highest wins).
SEVERITIES = {"safe": 0, "dangerous": 1, "breaking": 2}


@dataclass
class Change:
    api: str  #: "projects" or "gateway"
    severity: str  #: "breaking", "dangerous" or "safe"
    kind: str  #: graphql-core's change type (FIELD_REMOVED...), or TYPE_ADDED / FIELD_ADDED
    description: str  #: e.g. "Job.alias was removed."
    operations: list[str] = field(default_factory=list)  #: bundled operations using what changed
    sdk_methods: list[str] = field(default_factory=list)  #: public SDK methods sending those operations


def exit_code(changes: Iterable[Change]) -> int:
    return max((SEVERITIES[change.severity] for change in changes), default=0)


def _named_types(schema: Any) -> dict[str, Any]:
    return {name: type_ for name, type_ in schema.type_map.items() if not name.startswith("__")}


def _additions(api: str, old: Any, new: Any) -> list[Change]:
    from graphql import is_input_object_type, is_interface_type, is_object_type

    changes: list[Change] = []
    old_types = _named_types(old)
    for name, type_ in _named_types(new).items():
        if name not in old_types:
            changes.append(Change(api, "safe", "TYPE_ADDED", f"{name} was added."))
        elif (is_object_type(type_) or is_interface_type(type_)) and not is_input_object_type(old_types[name]):
            old_fields = getattr(old_types[name], "fields", {})
            for field_name in type_.fields:
                if field_name not in old_fields:
                    changes.append(Change(api, "safe", "FIELD_ADDED", f"{name}.{field_name} was added."))
    return changes


def _with_library_directives(schema: Any) -> Any:
    """``schema`` with the directives every GraphQL library defines (``@deprecated``...) as this one does.

    Their locations differ between graphql-core, graphql-java and versions of each: not a platform change.
    """
    from graphql import GraphQLSchema, specified_directives

    names = {directive.name for directive in specified_directives}
    kwargs = schema.to_kwargs()
    kwargs["directives"] = [*specified_directives, *(d for d in schema.directives if d.name not in names)]
    return GraphQLSchema(**kwargs)


def classify(api: str, old: Any, new: Any) -> list[Change]:
    """Changes from ``old`` (the committed schema) to ``new`` (the live one), most severe first."""
    from graphql import find_breaking_changes, find_dangerous_changes

    old, new = _with_library_directives(old), _with_library_directives(new)
    changes = [Change(api, "breaking", c.type.name, c.description) for c in find_breaking_changes(old, new)]
    changes += [Change(api, "dangerous", c.type.name, c.description) for c in find_dangerous_changes(old, new)]
    return changes + _additions(api, old, new)


# ------------------------------------------------------------------ which operations use what changed
def _subjects(description: str, schema: Any) -> tuple[set[str], set[str]]:
    """``({"Job.alias"}, set())`` or ``(set(), {"InstanceStatus"})``: the coordinates a change is about."""
    types = _named_types(schema)
    fields = {
        f"{type_name}.{field_name}"
        for type_name, field_name in re.findall(r"\b(\w+)\.(\w+)\b", description)
        if field_name in getattr(types.get(type_name), "fields", {})
    }
    if fields:
        return fields, set()
    return set(), {word for word in re.findall(r"\b\w+\b", description) if word in types}


def _references(schema: Any, document: str) -> tuple[set[str], set[str]]:
    """``(fields, types)`` an operation document uses: ``Type.field`` selected or set, and every named type."""
    from graphql import (
        TypeInfo,
        TypeInfoVisitor,
        get_named_type,
        is_input_object_type,
        parse,
        type_from_ast,
        visit,
    )
    from graphql.language import Visitor

    fields: set[str] = set()
    types: set[str] = set()

    def add_input(type_: Any) -> None:
        named = get_named_type(type_)
        if named is None or named.name in types:
            return
        types.add(named.name)
        if is_input_object_type(named):
            for name, input_field in named.fields.items():
                fields.add(f"{named.name}.{name}")
                add_input(input_field.type)

    info = TypeInfo(schema)

    class Collect(Visitor):
        def enter_field(self, node: Any, *_: Any) -> None:
            parent = info.get_parent_type()
            if parent is not None:
                fields.add(f"{parent.name}.{node.name.value}")
                types.add(parent.name)
            named = get_named_type(info.get_type())
            if named is not None:
                types.add(named.name)

        def enter_inline_fragment(self, node: Any, *_: Any) -> None:
            if node.type_condition is not None:
                types.add(node.type_condition.name.value)

        def enter_fragment_definition(self, node: Any, *_: Any) -> None:
            types.add(node.type_condition.name.value)

        def enter_variable_definition(self, node: Any, *_: Any) -> None:
            type_ = type_from_ast(schema, node.type)
            if type_ is not None:
                add_input(type_)

    visit(parse(document), TypeInfoVisitor(info, Collect()))
    return fields, types


def affected_methods(changes: list[Change], old_schemas: Mapping[str, Any]) -> None:
    """Fill ``operations`` and ``sdk_methods`` of each breaking or dangerous change (in place)."""
    from ._doctor import bundled_operations, sdk_usage

    users: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sdk_method, used in sdk_usage().items():
        for key in used:
            users[key].append(sdk_method)
    references = {
        operation: _references(old_schemas[operation.api], operation.document)
        for operation in bundled_operations()
        if operation.api in old_schemas
    }
    for change in changes:
        if change.severity == "safe":
            continue
        field_subjects, type_subjects = _subjects(change.description, old_schemas[change.api])
        operations, methods = set(), set()
        for operation, (fields, types) in references.items():
            if operation.api != change.api:
                continue
            if field_subjects & fields or type_subjects & types:
                operations.add(operation.operation_name)
                methods.update(users.get((operation.api, operation.method), []))
        change.operations = sorted(operations)
        change.sdk_methods = sorted(methods)


# ------------------------------------------------------------------ --write: the live schema in our layout
_BLOCK = re.compile(r'^(?P<indent> *)"""\n(?P=indent)(?P<text>[^\n]*)\n(?P=indent)"""$', re.MULTILINE)


def _preamble(local_text: str) -> str:
    """The committed file's leading comments and ``schema { ... }`` block, kept as they are."""
    match = re.match(r"(?:#[^\n]*\n|\n)*(?:schema\s*\{[^}]*\}\n\n?)?", local_text)
    return match.group(0) if match else ""


def _reordered(items: Mapping[str, Any], order: list[str]) -> dict[str, Any]:
    """``items`` (live order) in the committed ``order``; a new item goes right after its live predecessor."""
    names = [name for name in order if name in items]
    live = list(items)
    for index, name in enumerate(live):
        if name in names:
            continue
        before = next((live[i] for i in range(index - 1, -1, -1) if live[i] in names), None)
        names.insert(names.index(before) + 1 if before is not None else 0, name)
    return {name: items[name] for name in names}


def merged_sdl(local_text: str, live: Any) -> str:
    """``live`` (a GraphQLSchema) printed like ``local_text``: same header, order and descriptions where kept."""
    from graphql import GraphQLSchema, build_schema, print_schema

    local = build_schema(local_text)
    local_types = _named_types(local)
    ordered = _reordered(_named_types(live), list(local_types))
    for name, type_ in ordered.items():
        before = local_types.get(name)
        if before is None:
            continue
        type_.description = before.description
        for attribute in ("fields", "values"):
            live_members = getattr(type_, attribute, None)
            old_members = getattr(before, attribute, None)
            if not isinstance(live_members, dict) or not isinstance(old_members, dict):
                continue
            merged = _reordered(live_members, list(old_members))
            for member_name, member in merged.items():
                if member_name in old_members:
                    member.description = old_members[member_name].description
                    old_args = getattr(old_members[member_name], "args", None) or {}
                    for arg_name, arg in (getattr(member, "args", None) or {}).items():
                        if arg_name in old_args:
                            arg.description = old_args[arg_name].description
            setattr(type_, attribute, merged)
    local_directives = {directive.name: directive for directive in local.directives}
    for directive in live.directives:
        if directive.name in local_directives:
            directive.description = local_directives[directive.name].description
    schema = GraphQLSchema(
        query=live.query_type,
        mutation=live.mutation_type,
        subscription=live.subscription_type,
        types=list(ordered.values()),
        directives=live.directives,
    )
    printed = _BLOCK.sub(lambda m: f'{m["indent"]}"""{m["text"]}"""', print_schema(schema))
    printed = re.sub(r"\n\n(?= )", "\n", printed)  # no blank line between the members of a type
    return _preamble(local_text) + printed.strip("\n") + "\n"
