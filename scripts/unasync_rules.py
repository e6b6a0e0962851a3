"""The discipline of the sync twins (httpcore's ``scripts/unasync.py`` rules), used by scripts/regenerate.py.

* Only I/O modules have a twin: a module of ``saagieapi/_async`` without async code (no ``async``/``await``,
  no ``Async*`` name) is refused; it belongs in ``saagieapi/_core`` (no I/O) or a shared module.
* Every substitution is used: a token replacement that matches no token of the source, or a prose rule that
  matches nothing, is refused (a dead rule hides the one that is missing).
* Nothing asynchronous survives in a twin: no ``await``, ``async def/with/for``, ``aclose`` or ``Async*`` class
  name, in code, strings, docstrings or comments (a repr, a docstring must name the sync class).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

__all__ = ["async_leftovers", "modules_without_async_code", "unused_substitutions"]

_ASYNC_CODE = re.compile(r"\basync\s+(?:def|with|for)\b|\bawait\b|\bAsync[A-Z]\w*")
#: What must not be left in a sync twin (prose about "the async client" is allowed: it names the other twin).
_LEFTOVERS = re.compile(r"\bawait\s|\basync\s+(?:def|with|for)\b|\baclose\b|\bAsync[A-Z]\w*")


def modules_without_async_code(paths: Iterable[Path]) -> list[str]:
    """The modules (``__init__`` aside) with nothing for unasync to do."""
    return [
        path.name
        for path in sorted(paths)
        if path.name != "__init__.py" and not _ASYNC_CODE.search(path.read_text(encoding="utf-8"))
    ]


def _tokens(paths: Iterable[Path]) -> Counter[str]:
    """NAME tokens, and the text of one-line strings, as unasync sees them."""
    from tokenize_rt import src_to_tokens

    counted: Counter[str] = Counter()
    for path in paths:
        for token in src_to_tokens(path.read_text(encoding="utf-8")):
            if token.name == "NAME":
                counted[token.src] += 1
            elif token.name == "STRING" and len(token.src) >= 2:
                counted[token.src[1:-1]] += 1
    return counted


def unused_substitutions(
    paths: Sequence[Path],
    names: Mapping[str, str],
    prose: Sequence[tuple[re.Pattern[str], str]],
    unasynced: Iterable[str],
) -> list[str]:
    """Token replacements no source token uses, and prose rules that match nothing in the unasynced texts."""
    counted = _tokens(paths)
    unused = [f"token replacement {name!r}" for name in names if not counted[name]]
    texts = list(unasynced)
    unused += [
        f"prose rule {pattern.pattern!r}" for pattern, _ in prose if not any(pattern.search(text) for text in texts)
    ]
    return unused


def async_leftovers(paths: Iterable[Path]) -> list[str]:
    """``file:line: text`` of every asynchronous word left in the sync twins."""
    found = []
    for path in sorted(paths):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = _LEFTOVERS.search(line)
            if match:
                found.append(f"{path.name}:{number}: {match.group(0).strip()!r} in {line.strip()[:100]}")
    return found
