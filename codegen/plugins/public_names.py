"""ariadne-codegen plugin: the classes of ``fragments.py`` carry the names users see.

Fragments are named after the public model they define (``fragment Job on Job``), so their classes already
have public names. ariadne-codegen adds two kinds of classes with generated names, which would show in reprs,
error messages and type hints:

* a class per field that only spreads a fragment (``class JobInstances(JobInstance): pass``): it becomes an
  alias of the fragment's class, so ``job.instances[0]`` is a ``JobInstance``;
* a class per member of an interface or union field (``CatalogRepositoryTechnologiesJobTechnology``): it takes
  the name of its GraphQL type (``JobTechnology``); the fallback member of an interface is ``Other<Interface>``
  and the one added for an unknown member of a union is ``Unknown<Union>``. Classes nested in a renamed
  member follow it (``SuccessfulSynchronizationTrigger``). Members of the same type selected in several places
  must then be identical, and are generated once.

The generated names disappear (the package ``__init__`` stops exporting them): one class, one name. Runs
after ``OpenUnionsPlugin`` (it reads the ``Tag(...)`` of the unions that plugin writes). A name that would be
claimed by two different classes fails the generation with a message naming both.
"""

import ast
import copy
from typing import Any

from ariadne_codegen.plugins.base import Plugin
from graphql import GraphQLInterfaceType, GraphQLSchema, GraphQLUnionType

__all__ = ["PublicNamesPlugin", "PublicNamesError"]


class PublicNamesError(Exception):
    """Two different classes would get the same public name."""


def _is_pass_subclass(node: ast.ClassDef) -> str | None:
    """The base of ``class A(B): pass`` (or a docstring-only body), else None."""
    if len(node.bases) != 1 or not isinstance(node.bases[0], ast.Name) or node.keywords or node.decorator_list:
        return None
    body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if all(isinstance(s, ast.Pass) for s in body):
        return node.bases[0].id
    return None


def _tagged_members(annotation: ast.AST) -> list[tuple[str, str]]:
    """``(class, tag)`` of each ``Annotated["Class", Tag("Tag")]`` inside an annotation."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(annotation):
        if not (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Annotated"
            and isinstance(node.slice, ast.Tuple)
            and len(node.slice.elts) == 2
        ):
            continue
        target, marker = node.slice.elts
        if (
            isinstance(marker, ast.Call)
            and isinstance(marker.func, ast.Name)
            and marker.func.id == "Tag"
            and marker.args
            and isinstance(marker.args[0], ast.Constant)
        ):
            name = target.value if isinstance(target, ast.Constant) else getattr(target, "id", None)
            if isinstance(name, str):
                found.append((name.strip('"'), str(marker.args[0].value)))
    return found


class _Renamer(ast.NodeTransformer):
    """Replaces class names (as ``Name`` nodes and as forward-reference strings)."""

    def __init__(self, final: dict[str, str]) -> None:
        self.final = final

    def visit_Name(self, node: ast.Name) -> ast.AST:
        bare = node.id.strip('"')
        if bare in self.final:
            node.id = node.id.replace(bare, self.final[bare])
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str) and node.value in self.final:
            node.value = self.final[node.value]
        return node


def rename_module(module: ast.Module, schema: GraphQLSchema) -> tuple[ast.Module, set[str]]:
    """Apply the naming rules of this module's docstring to a generated ``fragments.py``; also the names dropped."""
    # A field spreading only the fragment its class is named after (``App.history { ...AppHistory }``) repeats
    # the fragment's class name: drop the repeat. Any other repeated name would shadow a model: fail.
    seen: set[str] = set()
    kept: list[ast.stmt] = []
    for statement in module.body:
        if isinstance(statement, ast.ClassDef):
            if statement.name in seen:
                if _is_pass_subclass(statement) == statement.name:
                    continue
                raise PublicNamesError(
                    f"two classes are named {statement.name}: a fragment and a field of another fragment "
                    "(fragment + field name); rename the fragment"
                )
            seen.add(statement.name)
        kept.append(statement)
    module.body = kept
    classes = [node for node in module.body if isinstance(node, ast.ClassDef)]
    names = {node.name for node in classes}
    alias_of: dict[str, str] = {}
    for node in classes:
        base = _is_pass_subclass(node)
        if base is not None and base in names and base != node.name:
            alias_of[node.name] = base

    renamed: dict[str, str] = {}
    for node in classes:
        for statement in node.body:
            if not isinstance(statement, ast.AnnAssign):
                continue
            members = _tagged_members(statement.annotation)
            if not members:
                continue
            tags = [tag for _, tag in members]
            for cls, tag in members:
                graphql_type = schema.type_map.get(tag)
                if isinstance(graphql_type, (GraphQLInterfaceType, GraphQLUnionType)):
                    renamed[cls] = f"Other{tag}"
                elif tag == "__unknown__":
                    union = next(
                        (
                            name
                            for name, candidate in sorted(schema.type_map.items())
                            if isinstance(candidate, GraphQLUnionType)
                            and {t for t in tags if t != "__unknown__"} <= {m.name for m in candidate.types}
                        ),
                        None,
                    )
                    if union is not None:
                        renamed[cls] = f"Unknown{union}"
                else:
                    renamed[cls] = tag
    # Classes nested in a renamed member follow it (longest renamed prefix first).
    changed = True
    while changed:
        changed = False
        for node in classes:
            if node.name in renamed or node.name in alias_of:
                continue
            prefixes = [p for p in renamed if node.name.startswith(p) and node.name[len(p) : len(p) + 1].isupper()]
            if prefixes:
                prefix = max(prefixes, key=len)
                renamed[node.name] = renamed[prefix] + node.name[len(prefix) :]
                changed = True

    def final_name(name: str) -> str:
        seen = set()
        while name in alias_of and name not in seen:
            seen.add(name)
            name = alias_of[name]
        return renamed.get(name, name)

    final = {name: final_name(name) for name in names}
    taken = {node.name for node in classes if node.name not in renamed and node.name not in alias_of}
    for old, new in renamed.items():
        if new in taken and new != old:
            raise PublicNamesError(f"class {old} would be renamed {new}, the name of another class")
    renamer = _Renamer({old: new for old, new in final.items() if old != new})
    body: list[ast.stmt] = []
    emitted: dict[str, tuple[str, str]] = {}  # public name -> (first generated name, its dump)
    for statement in module.body:
        if not isinstance(statement, ast.ClassDef):
            body.append(statement)
            continue
        if statement.name in alias_of:
            continue
        new = copy.deepcopy(statement)
        renamer.visit(new)
        new.name = final[statement.name]
        dump = ast.dump(new)
        if new.name in emitted:
            first, first_dump = emitted[new.name]
            if dump != first_dump:
                raise PublicNamesError(
                    f"{first} and {statement.name} would both be named {new.name} but select different fields: "
                    "give them the same selection (a shared fragment) or select the type once"
                )
            continue
        emitted[new.name] = (statement.name, dump)
        body.append(new)
    module.body = body
    return module, {old for old, new in final.items() if old != new}


class _DropNames(ast.NodeTransformer):
    """Removes names from the imports, the lazy-import table and ``__all__`` of a generated ``__init__``."""

    def __init__(self, dropped: set[str]) -> None:
        self.dropped = dropped

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST | None:
        if node.module != "fragments":
            return node
        node.names = [alias for alias in node.names if alias.name not in self.dropped]
        return node if node.names else None

    def visit_Dict(self, node: ast.Dict) -> ast.AST:
        kept = [
            (key, value)
            for key, value in zip(node.keys, node.values, strict=True)
            if not (
                isinstance(key, ast.Constant)
                and key.value in self.dropped
                and isinstance(value, ast.Constant)
                and value.value == ".fragments"
            )
        ]
        node.keys = [key for key, _ in kept]
        node.values = [value for _, value in kept]
        return node

    def visit_List(self, node: ast.List) -> ast.AST:
        node.elts = [e for e in node.elts if not (isinstance(e, ast.Constant) and e.value in self.dropped)]
        return node


class PublicNamesPlugin(Plugin):
    """Gives the classes of the generated ``fragments.py`` the names of the public models (see the module doc)."""

    def __init__(self, schema: GraphQLSchema, config_dict: dict[str, Any]) -> None:
        super().__init__(schema, config_dict)
        self.dropped: set[str] = set()

    def generate_fragments_module(self, module: ast.Module, fragments_definitions: Any = None) -> ast.Module:
        module, self.dropped = rename_module(module, self.schema)
        return module

    def generate_init_module(self, module: ast.Module) -> ast.Module:
        result = _DropNames(self.dropped).visit(module)
        assert isinstance(result, ast.Module)
        return result
