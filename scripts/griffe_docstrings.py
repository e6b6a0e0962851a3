"""Griffe extensions used by the API reference (loaded from mkdocs.yml); they change nothing in the code.

* :class:`StaticMethodAliases`: the clients expose shared helpers the 2.x way
  (``check_alerting = staticmethod(check_alerting)``); griffe sees plain attributes there. They are replaced by
  aliases of the functions, so the reference renders them under the class with their signature and docstring.
* :class:`RestructuredTextDocstrings`: the docstrings are written for ``help()`` and IDEs, in reStructuredText
  habits (``Example::`` followed by an indented block, ``:class:`X``` roles). They are rendered as Markdown: the
  block becomes a fenced Python block under an "Example" title, and roles become inline code.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|meth|func|attr|mod|exc|data|obj):`~?([^`]+)`")
_LITERAL_INTRO = re.compile(r"^(?P<indent>\s*)(?P<title>.*?)::\s*$")


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


class RestructuredTextDocstrings(griffe.Extension):
    """Render ``Example::`` literal blocks as fenced code and Sphinx roles as inline code."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown_docstring(obj.docstring.value)


def markdown_docstring(text: str) -> str:
    """``text`` with its reST literal blocks fenced as Python and its roles as inline code."""
    text = _ROLE.sub(lambda match: f"``{match[1].split('.')[-1] if '.' in match[1] else match[1]}``", text)
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _LITERAL_INTRO.match(line)
        if match is None or line.strip().startswith(">>>"):
            out.append(line)
            index += 1
            continue
        indent = len(match["indent"])
        block_start = index + 1
        while block_start < len(lines) and not lines[block_start].strip():
            block_start += 1
        end = block_start
        while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > indent):
            end += 1
        block = lines[block_start:end]
        while block and not block[-1].strip():
            block.pop()
        if not block:
            out.append(line)
            index += 1
            continue
        margin = min(_indent(item) for item in block if item.strip())
        title = match["title"].rstrip()
        prefix = " " * indent
        if title:
            out.append(f"{prefix}**{title}**" if " " not in title else f"{prefix}{title}:")
        out.append("")
        out.append(f"{prefix}```python")
        out.extend(prefix + item[margin:] if item.strip() else "" for item in block)
        out.append(f"{prefix}```")
        out.append("")
        index = end
    return "\n".join(out).rstrip() + "\n" if text.endswith("\n") else "\n".join(out).rstrip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


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
    target = member.module.members.get(argument.name)
    if target is None:
        return None
    return target.target_path if target.is_alias else target.path
