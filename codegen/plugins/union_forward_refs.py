"""ariadne-codegen plugin: import the members of a union returned by a client method for type checking.

When an operation's root field is an interface or a union (``technology(id) { ...CatalogTechnology }``), the
method returns ``Union["GetTechnologyTechnologyJobTechnology", ...]``. ariadne-codegen 0.19's
``ClientForwardRefsPlugin`` only imports a single returned class under ``if TYPE_CHECKING:``, so the members
of the union stay undefined names and ``mypy --strict`` fails. This plugin adds them, from the module the
method imports its result class from. Runs after ``ClientForwardRefsPlugin`` (it extends its block).
"""

import ast

from ariadne_codegen.plugins.base import Plugin

Method = ast.FunctionDef | ast.AsyncFunctionDef


def _is_type_checking_block(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


class UnionForwardRefsPlugin(Plugin):
    """Adds the classes named in the return annotations of client methods to the ``TYPE_CHECKING`` imports."""

    def generate_client_module(self, module: ast.Module) -> ast.Module:
        known = {
            alias.asname or alias.name
            for node in ast.walk(module)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for alias in node.names
        }
        known |= {node.name for node in ast.walk(module) if isinstance(node, ast.ClassDef)}
        missing: dict[str, set[str]] = {}
        for method in (node for node in ast.walk(module) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))):
            if method.returns is None:
                continue
            # The method's own import of its result class: ``from .get_technology import GetTechnology``
            # (ariadne-codegen writes it as module ".get_technology" at level 0).
            source = next(
                (
                    node.module.lstrip(".")
                    for node in method.body
                    if isinstance(node, ast.ImportFrom)
                    and node.module
                    and (node.level == 1 or node.module.startswith("."))
                ),
                None,
            )
            if source is None:
                continue
            for node in ast.walk(method.returns):
                is_name = isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier()
                if is_name and node.value not in known:
                    missing.setdefault(source, set()).add(node.value)
        if not missing:
            return module
        imports = [
            ast.ImportFrom(module=source, names=[ast.alias(name=name) for name in sorted(names)], level=1)
            for source, names in sorted(missing.items())
        ]
        block = next((node for node in module.body if _is_type_checking_block(node)), None)
        if not isinstance(block, ast.If):
            raise RuntimeError(
                "UnionForwardRefsPlugin: no `if TYPE_CHECKING:` block (run after ClientForwardRefsPlugin)"
            )
        block.body.extend(imports)
        return module
