"""Command-line flags made from the SDK's table of connection settings (``saagieapi._core.settings.SETTINGS``).

Typer reads a command's options from its function's signature: :func:`with_connection_flags` spells a
``**connection`` parameter out as one option per setting, so the global options of ``saagie`` and the options
of ``saagie config set`` follow the table with no change here.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

__all__ = ["with_connection_flags"]


def _connection_parameters(*, switches_both_ways: bool) -> list[inspect.Parameter]:
    from ._settings import flag_settings, is_switch

    parameters = []
    for item in flag_settings():
        assert item.flag is not None
        default: Any = None
        if is_switch(item) and switches_both_ways:  # a profile may say either way: --insecure / --secure
            negative = "--secure" if item.key == "insecure" else f"--no-{item.flag[2:]}"
            annotation: Any = Annotated[Optional[bool], typer.Option(f"{item.flag}/{negative}", help=item.help)]  # noqa: UP045
        elif is_switch(item):
            annotation, default = Annotated[bool, typer.Option(item.flag, help=item.help)], False
        else:
            metavar = {int: "INTEGER", float: "SECONDS"}.get(type(item.parse("1")), "TEXT")
            annotation = Annotated[Optional[str], typer.Option(item.flag, help=item.help, metavar=metavar)]  # noqa: UP045
        parameters.append(
            inspect.Parameter(item.key, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation)
        )
    return parameters


def with_connection_flags(
    *, after: int, switches_both_ways: bool = False
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Decorator: the function's ``**connection`` becomes one option per connection setting, placed after its first
    ``after`` parameters; the function receives them in ``connection`` (setting key -> value, None when not given).
    """

    def decorate(callback: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(callback, eval_str=True)
        own = [
            param.replace(kind=inspect.Parameter.POSITIONAL_OR_KEYWORD)
            for param in signature.parameters.values()
            if param.kind is not inspect.Parameter.VAR_KEYWORD
        ]
        names = [param.name for param in own]
        ordered = [*own[:after], *_connection_parameters(switches_both_ways=switches_both_ways), *own[after:]]

        @functools.wraps(callback)
        def wrapper(*args: Any, **values: Any) -> None:
            values.update(zip(names, args, strict=False))
            callback(**{name: values.pop(name) for name in names if name in values}, **values)

        wrapper.__signature__ = signature.replace(parameters=ordered)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {param.name: param.annotation for param in ordered}
        return wrapper

    return decorate
