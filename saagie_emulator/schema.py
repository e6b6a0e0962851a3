"""Executable GraphQL schemas built from the project's ``schema/*.graphql`` files with ariadne."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

from ariadne import make_executable_schema
from graphql import GraphQLEnumType, GraphQLScalarType, GraphQLSchema, build_schema

from .scalars import scalars_for

__all__ = ["gateway_schema", "projects_schema", "schema_text", "implemented_root_fields"]


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


def _build(file_name: str, bindables: list[Any]) -> GraphQLSchema:
    sdl = schema_text(file_name)
    schema = make_executable_schema(sdl, *scalars_for(_custom_scalars(sdl)), *bindables, convert_names_case=True)
    for graphql_type in schema.type_map.values():
        # ariadne patches enum parsing per instance, in a way graphql-core 3.2.14 calls with the wrong
        # arity; our enums are plain names, so graphql-core's own parsing is the right one.
        if isinstance(graphql_type, GraphQLEnumType) and "parse_value" in vars(graphql_type):
            del graphql_type.parse_value
        if isinstance(graphql_type, GraphQLEnumType) and "parse_literal" in vars(graphql_type):
            del graphql_type.parse_literal
    return schema


@functools.lru_cache(maxsize=1)
def projects_schema() -> GraphQLSchema:
    from .resolvers import projects_bindables

    return _build("projects.graphql", projects_bindables())


@functools.lru_cache(maxsize=1)
def gateway_schema() -> GraphQLSchema:
    from .resolvers import gateway_bindables

    return _build("gateway.graphql", gateway_bindables())


def implemented_root_fields(bindables: list[Any]) -> dict[str, set[str]]:
    """Root fields that have a resolver of ours, by root type name (``Query``/``Mutation``)."""
    found: dict[str, set[str]] = {"Query": set(), "Mutation": set()}
    for bindable in bindables:
        name = getattr(bindable, "name", None)
        if name in found:
            found[name].update(getattr(bindable, "_resolvers", {}).keys())
    return found
