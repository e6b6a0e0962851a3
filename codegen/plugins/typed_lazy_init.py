"""ariadne-codegen plugin: type the lazy ``__getattr__``/``__dir__`` of generated ``__init__`` modules.

With ``lazy_imports = true`` ariadne-codegen 0.19 emits them without annotations, which ``mypy --strict``
rejects.
"""

import ast

from ariadne_codegen.plugins.base import Plugin


class TypedLazyInitPlugin(Plugin):
    """Annotates ``__getattr__(name: str) -> Any`` and ``__dir__() -> list[str]``."""

    def generate_init_module(self, module: ast.Module) -> ast.Module:
        for node in module.body:
            if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
                node.args.args[0].annotation = ast.Name(id="str")
                node.returns = ast.Name(id="Any")
            elif isinstance(node, ast.FunctionDef) and node.name == "__dir__":
                node.returns = ast.parse("list[str]", mode="eval").body
        module.body.insert(0, ast.parse("from typing import Any").body[0])
        return module
