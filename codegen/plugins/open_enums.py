"""ariadne-codegen plugin: generated enums accept values the platform adds after the SDK was generated.

A value unknown to the enum becomes a pseudo-member (``InstanceStatus("PAUSED")``) instead of a validation
error, so an older SDK keeps working against a newer platform. Known values still return the real members.
"""

import ast

from ariadne_codegen.plugins.base import Plugin
from graphql import GraphQLEnumType

_MISSING = '''
@classmethod
def _missing_(cls, value: object) -> "Any":
    """Keep a value the platform sent that this SDK version does not know yet."""
    if not isinstance(value, str):
        return None
    member = str.__new__(cls, value)
    member._name_ = value
    member._value_ = value
    return member
'''


class OpenEnumsPlugin(Plugin):
    """Adds a ``_missing_`` hook to every generated enum."""

    def generate_enum(self, class_def: ast.ClassDef, enum_type: GraphQLEnumType) -> ast.ClassDef:
        class_def.body.extend(ast.parse(_MISSING).body)
        return class_def

    def generate_enums_module(self, module: ast.Module) -> ast.Module:
        module.body.insert(0, ast.parse("from typing import Any").body[0])
        return module
