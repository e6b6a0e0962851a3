"""Griffe extension for the API reference: show ``name = staticmethod(function)`` class attributes as methods.

The clients expose shared helpers the 2.x way (``check_alerting = staticmethod(check_alerting)``). Griffe sees
plain attributes there; this extension replaces them with aliases of the functions, so the reference renders
them with their signature and docstring under the class (``SaagieApi.check_alerting``). Loaded by mkdocs.yml.
"""

from __future__ import annotations

from typing import Any

import griffe


class StaticMethodAliases(griffe.Extension):
    """Turn ``staticmethod(f)`` / ``classmethod(f)`` class attributes into aliases of ``f``."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        for module in _modules(pkg):
            for cls in module.classes.values():
                if cls.is_alias:
                    continue
                for name, member in list(cls.members.items()):
                    target = _wrapped_function_path(member)
                    if target is not None:
                        cls.set_member(name, griffe.Alias(name, target, parent=cls, lineno=member.lineno))


def _modules(module: griffe.Module) -> list[griffe.Module]:
    found = [module]
    for submodule in module.modules.values():
        if not submodule.is_alias:
            found.extend(_modules(submodule))
    return found


def _wrapped_function_path(member: griffe.Object | griffe.Alias) -> str | None:
    if member.is_alias or not isinstance(member, griffe.Attribute):
        return None
    value = member.value
    if not isinstance(value, griffe.ExprCall) or len(value.arguments) != 1:
        return None
    if str(value.function) not in ("staticmethod", "classmethod"):
        return None
    argument = value.arguments[0]
    if not isinstance(argument, griffe.ExprName):
        return None
    # Resolve the name at module level: in the class body it is the attribute itself.
    module = member.module
    target = module.members.get(argument.name)
    if target is None:
        return None
    return target.target_path if target.is_alias else target.path
