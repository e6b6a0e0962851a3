"""Executable GraphQL schemas built from the project's ``schema/*.graphql`` files with ariadne."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

from ariadne import make_executable_schema
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    build_schema,
)

from .scalars import scalars_for

__all__ = ["gateway_schema", "has_field", "projects_schema", "schema_text", "implemented_root_fields"]


def schema_text(name: str) -> str:
    """The SDL shipped as package data (wheel), or the repository's ``schema/`` (editable install)."""
    packaged = resources.files("saagie_emulator").joinpath("_schema").joinpath(name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parent.parent / "schema" / name).read_text(encoding="utf-8")


def _custom_scalars(sdl: str) -> set[str]:
    built = build_schema(sdl)
    return {
        name
        for name, graphql_type in built.type_map.items()
        if isinstance(graphql_type, GraphQLScalarType) and not name.startswith("__")
    }


def _build(file_name: str, bindables: list[Any], drop_fields: tuple[str, ...] = ()) -> GraphQLSchema:
    sdl = schema_text(file_name)
    schema = make_executable_schema(sdl, *scalars_for(_custom_scalars(sdl)), *bindables, convert_names_case=True)
    for graphql_type in schema.type_map.values():
        # ariadne patches enum parsing per instance, in a way graphql-core 3.2.14 calls with the wrong
        # arity; our enums are plain names, so graphql-core's own parsing is the right one.
        if isinstance(graphql_type, GraphQLEnumType) and "parse_value" in vars(graphql_type):
            del graphql_type.parse_value
        if isinstance(graphql_type, GraphQLEnumType) and "parse_literal" in vars(graphql_type):
            del graphql_type.parse_literal
    for spec in drop_fields:
        # An older platform without some field: ``"Job.alias"`` disappears from this schema (and its introspection).
        type_name, _, field_name = spec.partition(".")
        owner = schema.type_map.get(type_name)
        if isinstance(owner, (GraphQLObjectType, GraphQLInterfaceType, GraphQLInputObjectType)):
            owner.fields.pop(field_name, None)
    return schema


def has_field(schema: GraphQLSchema, spec: str) -> bool:
    """Whether ``"Type.field"`` exists in ``schema``."""
    type_name, _, field_name = spec.partition(".")
    graphql_type = schema.type_map.get(type_name)
    fields = getattr(graphql_type, "fields", None)
    return isinstance(fields, dict) and field_name in fields


@functools.lru_cache(maxsize=4)
def projects_schema(drop_fields: tuple[str, ...] = ()) -> GraphQLSchema:
    """The projects API schema; ``drop_fields`` (``("Job.alias",)``) builds a variant without those fields."""
    from .resolvers import projects_bindables

    return _build("projects.graphql", projects_bindables(), drop_fields)


@functools.lru_cache(maxsize=4)
def gateway_schema(drop_fields: tuple[str, ...] = ()) -> GraphQLSchema:
    """The gateway API schema; ``drop_fields`` as for :func:`projects_schema`."""
    from .resolvers import gateway_bindables

    return _build("gateway.graphql", gateway_bindables(), drop_fields)


def implemented_root_fields(bindables: list[Any]) -> dict[str, set[str]]:
    """Root fields that have a resolver of ours, by root type name (``Query``/``Mutation``)."""
    found: dict[str, set[str]] = {"Query": set(), "Mutation": set()}
    for bindable in bindables:
        name = getattr(bindable, "name", None)
        if name in found:
            found[name].update(getattr(bindable, "_resolvers", {}).keys())
    return found
