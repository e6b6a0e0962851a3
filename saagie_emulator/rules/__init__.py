"""The platform's refusal rules, each with where the platform documents it.

A :class:`Rule` is declared once (in :mod:`~saagie_emulator.rules.book`) with its message, the operations
that can raise it and its source: a sentence of the published schema, a ``...State``/``...Reason`` enum, or
observed platform behaviour. Backends refuse only through rules (``raise RULE.error(name=...)``), so the rule
table in ``COVERAGE.md`` is generated from the code and a test checks that nothing else is raised.

Sources are written ``projects-api <Type.field>: "<quote>"`` (the schema), ``enum <Name>.<VALUE>``, or
``observed: <what and where>``; ``(inf.)`` marks a source that is structural (a result type, a single-result
lookup, an invariant such as unique names) rather than a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import AccessDeniedError, BusinessError, NotFoundError, RestRefusal, ValidationError

__all__ = ["ALLOWED", "KINDS", "RULES", "Allowed", "Rule", "allowed", "rule"]

#: How a rule's refusal reaches the client.
KINDS: dict[str, type[BusinessError]] = {
    "not_found": NotFoundError,
    "validation": ValidationError,
    "access": AccessDeniedError,
    "rest": RestRefusal,
}


@dataclass(frozen=True)
class Rule:
    """One refusal of the platform.

    ``per_item`` rules do not raise: the mutation reports ``success: false`` for the items they refuse (the
    ``delete...Versions``/``delete...Instances`` mutations); ``state`` rules are not refusals of a mutation but
    a reason a ``...State`` field reports (they must agree with the mutation's refusals).
    """

    code: str
    message: str
    source: str
    operations: tuple[str, ...]
    kind: str = "validation"
    audit: tuple[str, ...] = ()
    status: int | None = None
    per_item: bool = False

    def error(self, **params: Any) -> BusinessError:
        """The exception to raise: ``raise RULE.error(name=job.name)``."""
        cls = KINDS[self.kind]
        return cls(self.message.format(**params), rule=self, http_status=self.status)

    @property
    def raises(self) -> bool:
        return not self.per_item


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    message: str,
    *,
    source: str,
    operations: tuple[str, ...] | list[str],
    kind: str = "validation",
    audit: tuple[str, ...] = (),
    status: int | None = None,
    per_item: bool = False,
) -> Rule:
    """Declare a rule (its code is unique)."""
    if code in RULES:
        raise ValueError(f"rule {code} declared twice")
    if kind not in KINDS:
        raise ValueError(f"rule {code}: unknown kind {kind!r}")
    declared = Rule(code, message, source, tuple(operations), kind, tuple(audit), status, per_item)
    RULES[code] = declared
    return declared


@dataclass(frozen=True)
class Allowed:
    """A refusal the emulator does not make because no source says the platform makes it ("unsure: allowed").

    Kept in the rule table so that a reader sees why the emulator accepts what a stricter guess would refuse.
    """

    code: str
    what: str
    why: str
    operations: tuple[str, ...]
    audit: tuple[str, ...] = ()


ALLOWED: dict[str, Allowed] = {}


def allowed(
    code: str, what: str, *, why: str, operations: tuple[str, ...] | list[str], audit: tuple[str, ...] = ()
) -> Allowed:
    """Declare an unsure refusal the emulator does not make (its code is unique among rules and notes)."""
    if code in ALLOWED or code in RULES:
        raise ValueError(f"allowed {code} declared twice")
    note = Allowed(code, what, why, tuple(operations), tuple(audit))
    ALLOWED[code] = note
    return note
