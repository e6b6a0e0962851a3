"""ariadne-codegen plugin: generated client methods read the response body straight into their result model.

ariadne-codegen 0.19 emits, for every operation::

    response = self.execute(query=query, operation_name="GetJob", variables=variables, **kwargs)
    data = self.get_data(response)
    return GetJob.model_validate(data).job

that is ``json.loads`` into dicts, then a second pass building the models from the dicts. This plugin
rewrites it into::

    result = self.execute_and_validate(GetJob, query=query, operation_name="GetJob", variables=variables, **kwargs)
    return result.job

where the base client (``codegen/base_client.py``) validates the body bytes with pydantic-core's JSON parser
(faster, and no dict tree held next to the models) and falls back to the transport's checks for anything that
is not a plain success, so errors stay exactly as before. A method of another shape fails the generation.
"""

import ast
from typing import Any

from ariadne_codegen.plugins.base import Plugin

Method = ast.FunctionDef | ast.AsyncFunctionDef


def _is_self_call(node: ast.expr | None, name: str) -> bool:
    if isinstance(node, ast.Await):
        node = node.value
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
        and node.func.attr == name
    )


def _assigns(statement: ast.stmt, target: str) -> bool:
    return (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and statement.targets[0].id == target
    )


class _ValidateCall(ast.NodeTransformer):
    """Replaces ``X.model_validate(data)`` by ``result`` and remembers ``X``."""

    def __init__(self) -> None:
        self.result_type: str | None = None

    def visit_Call(self, node: ast.Call) -> Any:
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "model_validate"
            and isinstance(node.func.value, ast.Name)
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == "data"
        ):
            self.result_type = node.func.value.id
            return ast.Name(id="result", ctx=ast.Load())
        return self.generic_visit(node)


class FastParsePlugin(Plugin):
    """Turns ``execute`` + ``get_data`` + ``model_validate`` into one ``execute_and_validate``.

    It works on the finished client module, after ariadne-codegen's ``ClientForwardRefsPlugin`` (listed
    before it in codegen.toml) has moved each result model's import into its method by reading the
    ``X.model_validate(...)`` this plugin then removes.
    """

    def generate_client_module(self, module: ast.Module) -> ast.Module:
        for node in module.body:
            if isinstance(node, ast.ClassDef):
                for method in node.body:
                    if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and _calls_execute(method):
                        _rewrite(method)
        return module


def _calls_execute(method: Method) -> bool:
    return any(_assigns(s, "response") and _is_self_call(s.value, "execute") for s in method.body)


def _rewrite(method_def: Method) -> None:
    body = method_def.body
    execute = next(s for s in body if _assigns(s, "response") and _is_self_call(s.value, "execute"))
    get_data = next((s for s in body if _assigns(s, "data") and _is_self_call(s.value, "get_data")), None)
    returned = body[-1]
    if get_data is None or not isinstance(returned, ast.Return):
        raise ValueError(f"FastParsePlugin: unexpected shape of the generated method {method_def.name}")
    finder = _ValidateCall()
    returned.value = finder.visit(returned.value)
    if finder.result_type is None:
        raise ValueError(f"FastParsePlugin: no X.model_validate(data) in {method_def.name}")
    assert isinstance(execute, ast.Assign)
    call = execute.value.value if isinstance(execute.value, ast.Await) else execute.value
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
    call.func.attr = "execute_and_validate"
    call.args.insert(0, ast.Name(id=finder.result_type, ctx=ast.Load()))
    execute.targets = [ast.Name(id="result", ctx=ast.Store())]
    body.remove(get_data)
