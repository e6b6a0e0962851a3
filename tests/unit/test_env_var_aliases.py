"""The deprecated one-scope methods of api.env_vars, generated from scripts/env_var_aliases.py's table."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any

import pytest

from saagieapi._async.env_vars import AsyncEnvVars
from saagieapi._sync.env_vars import EnvVars

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from env_var_aliases import SCOPES, VERBS  # noqa: E402

SCOPED = ("list", "create", "update", "create_or_update", "delete")


def alias_name(verb: str, scope: str, suffix: str) -> str:
    return "list_globals" if (verb, scope) == ("list", "GLOBAL") else f"{verb}_{suffix}"


class Recording(EnvVars):
    """``api.env_vars`` whose scoped methods record their calls instead of sending requests."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def _record(self, verb: str, *args: Any, **kwargs: Any) -> str:
        self.calls.append((verb, args, kwargs))
        return "result"


for _verb in SCOPED:
    setattr(Recording, _verb, lambda self, *a, _verb=_verb, **k: self._record(_verb, *a, **k))


@pytest.mark.parametrize(("scope", "suffix", "entity"), SCOPES)
@pytest.mark.parametrize("verb", list(VERBS))
def test_each_alias_warns_and_forwards_to_its_scope_only(
    verb: str, scope: str, suffix: str, entity: str | None
) -> None:
    name = alias_name(verb, scope, suffix)
    parameters = list(inspect.signature(getattr(EnvVars, name)).parameters)[1:]
    arguments = {parameter: f"<{parameter}>" for parameter in parameters}
    env_vars = Recording()
    with pytest.warns(DeprecationWarning, match=rf"env_vars\.{name} is deprecated: use env_vars\.{verb}\(\"{scope}\""):
        assert getattr(env_vars, name)(**arguments) == "result"
    ((called, args, kwargs),) = env_vars.calls
    assert called == verb and args[0] == scope
    assert list(args[1:]) == [arguments[name] for name in VERBS[verb].arguments]
    assert kwargs == ({entity: arguments[entity]} if entity else {})


def test_fifteen_aliases_with_the_same_signatures_in_both_twins() -> None:
    names = [alias_name(verb, scope, suffix) for scope, suffix, _ in SCOPES for verb in VERBS]
    assert len(set(names)) == 15
    for name in names:
        sync, asynchronous = inspect.signature(getattr(EnvVars, name)), inspect.signature(getattr(AsyncEnvVars, name))
        assert str(sync) == str(asynchronous), name
        assert inspect.iscoroutinefunction(getattr(AsyncEnvVars, name)), name
        assert "Deprecated" in (getattr(EnvVars, name).__doc__ or ""), name
