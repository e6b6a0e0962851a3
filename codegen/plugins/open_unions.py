"""ariadne-codegen plugin: generated unions accept a ``__typename`` the SDK does not know yet.

ariadne-codegen types a field of an interface or union type as ``Union[A, B, Fallback]`` with
``Field(discriminator="typename__")``, each member holding ``typename__: Literal["A"]``. A newer platform
adding an implementation of the interface then makes validation fail (``union_tag_invalid``). This plugin
replaces that discriminator by a callable one that sends an unknown ``__typename`` to a fallback member:

* for an interface, the member ariadne-codegen already generates for the interface itself (the one whose
  tag is the interface name), its ``typename__`` widened from the ``Literal`` to ``str`` so that it keeps
  the unknown name;
* for a union type (no such member), an added ``<Prefix>Unknown`` model holding only ``typename__: str``.

Known typenames still select their own member, so static typing and narrowing stay as before.
"""

import ast
from typing import Any

from ariadne_codegen.plugins.base import Plugin
from graphql import GraphQLInterfaceType, GraphQLUnionType

_HELPER = '''
def _typename_tag(known: frozenset[str], fallback: str) -> Callable[[Any], str]:
    """Discriminator of a union: the member named by ``__typename``, or the fallback for an unknown one."""

    def tag(value: Any) -> str:
        if isinstance(value, dict):
            name = value.get("__typename", value.get("typename__"))
        else:
            name = getattr(value, "typename__", None)
        return name if isinstance(name, str) and name in known else fallback

    return tag
'''

_IMPORTS = "from typing import Annotated, Any, Callable\nfrom pydantic import Discriminator, Field, Tag\n"


def _is_discriminator_field(node: ast.expr | None) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Field"
        and any(keyword.arg == "discriminator" for keyword in node.keywords)
    )


def _union_members(node: ast.expr) -> list[str] | None:
    """Class names of ``Union["A", "B"]`` (forward references), or None for any other expression."""
    if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "Union"):
        return None
    elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    names = []
    for element in elements:
        if isinstance(element, ast.Constant) and isinstance(element.value, str):
            names.append(element.value)
        elif isinstance(element, ast.Name):  # ariadne-codegen spells forward references Name('"A"')
            names.append(element.id.strip('"'))
        else:
            return None
    return names


class _Rewriter:
    def __init__(self, module: ast.Module, schema: Any) -> None:
        self.module = module
        self.schema = schema
        self.classes = {node.name: node for node in module.body if isinstance(node, ast.ClassDef)}
        self.added: list[tuple[str, ast.ClassDef]] = []  # (insert after this class, new class)
        self.changed = False

    def tag_of(self, class_name: str) -> str | None:
        class_def = self.classes.get(class_name)
        if class_def is None:
            return None
        for statement in class_def.body:
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and statement.target.id == "typename__"
                and isinstance(statement.annotation, ast.Subscript)
                and isinstance(statement.annotation.value, ast.Name)
                and statement.annotation.value.id == "Literal"
            ):
                tag = statement.annotation.slice
                if isinstance(tag, ast.Constant):
                    return str(tag.value)
                if isinstance(tag, ast.Name):
                    return tag.id.strip('"')
        return None

    def widen(self, class_name: str) -> None:
        for statement in self.classes[class_name].body:
            target = getattr(statement, "target", None)
            if isinstance(statement, ast.AnnAssign) and isinstance(target, ast.Name) and target.id == "typename__":
                statement.annotation = ast.Name(id="str")

    def open_union(self, union: ast.expr) -> ast.expr | None:
        """``Annotated[Union[Annotated[A, Tag("A")], ...], Discriminator(...)]`` for a tagged union."""
        members = _union_members(union)
        if not members:
            return None
        tags = [self.tag_of(member) for member in members]
        if any(tag is None for tag in tags):
            return None
        tagged = dict(zip(members, tags, strict=True))
        abstract = [
            member
            for member, tag in tagged.items()
            if isinstance(self.schema.type_map.get(tag), (GraphQLInterfaceType, GraphQLUnionType))
        ]
        if abstract:
            fallback_class = abstract[0]
            fallback_tag = str(tagged[fallback_class])
            self.widen(fallback_class)
        else:
            first, first_tag = members[0], str(tagged[members[0]])
            prefix = first[: -len(first_tag)] if first.endswith(first_tag) else first
            fallback_class, fallback_tag = f"{prefix}Unknown", "__unknown__"
            if fallback_class not in self.classes:
                new_class = ast.parse(
                    f"class {fallback_class}(BaseModel):\n"
                    f'    """A member of this union that this SDK version does not know (its __typename kept)."""\n'
                    f'    typename__: str = Field(alias="__typename")\n'
                ).body[0]
                assert isinstance(new_class, ast.ClassDef)
                self.classes[fallback_class] = new_class
                self.added.append((members[-1], new_class))
            members = [*members, fallback_class]
            tagged[fallback_class] = fallback_tag
        known = sorted(str(tag) for tag in tagged.values())
        elements = ", ".join(f'Annotated["{member}", Tag("{tagged[member]}")]' for member in members)
        text = f"Annotated[Union[{elements}], Discriminator(_typename_tag(frozenset({known!r}), {fallback_tag!r}))]"
        self.changed = True
        return ast.parse(text, mode="eval").body

    def rewrite_annotation(self, node: ast.expr) -> ast.expr:
        """Open every discriminated union in an annotation (inside Optional/list/Annotated)."""
        if isinstance(node, ast.Subscript):
            if (
                isinstance(node.value, ast.Name)
                and node.value.id == "Annotated"
                and isinstance(node.slice, ast.Tuple)
                and len(node.slice.elts) == 2
                and _is_discriminator_field(node.slice.elts[1])
            ):
                opened = self.open_union(node.slice.elts[0])
                if opened is not None:
                    return opened
            opened = self.open_union(node)
            if opened is not None:
                return opened
            node.slice = self.rewrite_annotation(node.slice)
        elif isinstance(node, ast.Tuple):
            node.elts = [self.rewrite_annotation(element) for element in node.elts]
        return node

    def run(self) -> ast.Module:
        for class_def in list(self.classes.values()):
            for statement in class_def.body:
                if not isinstance(statement, ast.AnnAssign):
                    continue
                before = ast.dump(statement.annotation)
                statement.annotation = self.rewrite_annotation(statement.annotation)
                if _is_discriminator_field(statement.value) and ast.dump(statement.annotation) != before:
                    assert isinstance(statement.value, ast.Call)
                    statement.value.keywords = [k for k in statement.value.keywords if k.arg != "discriminator"]
        if not self.changed:
            return self.module
        for after, new_class in self.added:
            index = next(i for i, node in enumerate(self.module.body) if getattr(node, "name", None) == after)
            self.module.body.insert(index + 1, new_class)
        last_import = max(
            i for i, node in enumerate(self.module.body) if isinstance(node, (ast.Import, ast.ImportFrom))
        )
        additions = ast.parse(_IMPORTS).body + ast.parse(_HELPER).body
        self.module.body[last_import + 1 : last_import + 1] = additions
        return self.module


class OpenUnionsPlugin(Plugin):
    """Makes every discriminated union of the generated models tolerate unknown ``__typename`` values."""

    def generate_fragments_module(self, module: ast.Module, fragments_definitions: Any = None) -> ast.Module:
        return _Rewriter(module, self.schema).run()

    def generate_result_types_module(self, module: ast.Module, operation_definition: Any = None) -> ast.Module:
        return _Rewriter(module, self.schema).run()
