"""Finishing touches on the built command tree: ``--json`` on every command, help without Python type labels.

* ``saagie projects list --json`` works as ``saagie --json projects list``: each command gets a ``--json``
  option of its own (parsed like any option, so a value such as ``--description --json`` stays a value).
* Typer >= 0.27 labels parameters with Python types in ``--help`` (``--insecure <bool>``, ``--job <list[str]>``,
  ``name <str>``). Options get metavars in Click's style instead (``TEXT``, ``INTEGER``, ``[GLOBAL|PROJECT]``;
  none for flags) and arguments show their name only.

Typer >= 0.29 vendors Click (``typer._click``) while older ones use Click itself, so parameters are handled
by duck typing (``param_type_name``, ``is_flag``, ``metavar``...), never through ``click`` classes. The packaging
tests run the command line with the lowest and the newest Typer the ``cli`` extra allows.
"""

from __future__ import annotations

import functools
import typing
from pathlib import PurePath
from typing import Annotated, Any

import typer

__all__ = ["finish_tree"]

_TYPE_NAMES = {
    "text": "TEXT",
    "str": "TEXT",
    "integer": "INTEGER",
    "int": "INTEGER",
    "float": "FLOAT",
    "boolean": "BOOLEAN",
    "bool": "BOOLEAN",
    "path": "PATH",
    "file": "FILE",
    "directory": "DIRECTORY",
}


def _json_after_command(ctx: typer.Context, value: bool) -> None:
    if value:
        from ._state import state_of

        state_of(ctx).json = True


@functools.cache
def _json_option() -> Any:
    """A ``--json`` option built by Typer itself (so that its help renders like the others)."""
    template = typer.Typer()

    @template.command()
    def _template(
        json_output: Annotated[
            bool,
            typer.Option(
                "--json",
                help="Machine-readable JSON on stdout.",
                callback=_json_after_command,
                expose_value=False,
            ),
        ] = False,
    ) -> None:
        """Never run."""

    (option,) = (param for param in typer.main.get_command(template).params if param.name == "json_output")
    return option


def _choices(param: Any) -> tuple[Any, ...] | None:
    found = getattr(getattr(param, "type", None), "choices", None)
    if found is None:
        found = getattr(getattr(param, "type_descriptor", None), "choices", None)
    return tuple(found) if found else None


def _type_name(param: Any) -> str:
    name = getattr(getattr(param, "type", None), "name", None)  # a Click ParamType
    if name is None:  # Typer >= 0.29: the annotation itself
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        if typing.get_origin(annotation) is list:
            (annotation,) = typing.get_args(annotation)
        if isinstance(annotation, type) and issubclass(annotation, PurePath):
            name = "path"
        else:
            name = getattr(annotation, "__name__", None)
    return _TYPE_NAMES.get(str(name), str(param.name or "value").upper())


def _metavar(param: Any) -> str:
    choices = _choices(param)
    if choices:
        return "[" + "|".join(str(getattr(choice, "value", choice)) for choice in choices) + "]"
    return _type_name(param)


def _without_type_label(cls: type) -> type:
    """``cls`` whose rich help shows an option's metavar and nothing for an argument (its name is shown already);
    Typer >= 0.27 asks ``display_type_rich`` for that column."""

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        return (self.metavar or None) if self.param_type_name == "option" else None

    return _SUBCLASSES.setdefault(
        (cls, "display_type_rich"),
        type(cls.__name__, (cls,), {"display_type_rich": display_type_rich, "__module__": cls.__module__}),
    )


#: ``(base class, overridden method)`` -> subclass; made once per Typer class.
_SUBCLASSES: dict[tuple[type, str], type] = {}


def _plain(param: Any) -> None:
    if getattr(param, "_saagie_plain", False):
        return
    kind = getattr(param, "param_type_name", "")
    if kind == "option":
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            param.metavar = ""
        elif param.metavar is None:
            param.metavar = _metavar(param)
    elif kind == "argument" and param.metavar is None:
        param.metavar = str(param.name or "value").upper()
    if hasattr(param, "display_type_rich"):
        param.__class__ = _without_type_label(type(param))
    param._saagie_plain = True


def _with_plain_help_option(cls: type) -> type:
    """``cls`` whose ``--help`` option (made per command, on first use) has no type label either."""
    base: Any = cls

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = base.get_help_option(self, ctx)
        if option is not None:
            _plain(option)
        return option

    return _SUBCLASSES.setdefault(
        (cls, "get_help_option"),
        type(cls.__name__, (cls,), {"get_help_option": get_help_option, "__module__": cls.__module__}),
    )


def finish_tree(root: Any) -> None:
    """Add ``--json`` to every command under ``root`` and strip type labels from the help of every parameter.

    Idempotent; called on the root command before it parses anything (Typer adds the completion options to the
    root after building it).
    """
    stack: list[Any] = [root]
    while stack:
        command = stack.pop()
        if getattr(command, "_saagie_finished", False):
            continue
        subcommands = getattr(command, "commands", None)
        if isinstance(subcommands, dict):
            stack.extend(subcommands.values())
        elif not any(param.name == "json_output" for param in command.params):
            command.params.append(_json_option())
        for param in command.params:
            _plain(param)
        if hasattr(command, "get_help_option"):
            command.__class__ = _with_plain_help_option(type(command))
        command._saagie_finished = True
