"""The rule table: every refusal in the emulator's code is a declared rule with a source, and the other way round."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import saagie_emulator
from saagie_emulator.coverage import audit_answers
from saagie_emulator.errors import BusinessError
from saagie_emulator.rules import RULES, Rule, book
from saagie_emulator.rules.audit import ANSWERS, AUDIT_ROWS
from saagie_emulator.schema import gateway_schema, projects_schema

PACKAGE = Path(saagie_emulator.__file__).parent
ERROR_CLASSES = {cls.__name__ for cls in (BusinessError, *BusinessError.__subclasses__())}
#: Rule variables of the rule book, by rule code.
RULE_NAMES = {value.code: name for name, value in vars(book).items() if isinstance(value, Rule)}


def _sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_refusal_is_raised_outside_the_rule_table() -> None:
    """An error class of the platform is only built by ``Rule.error``: every refusal has a declared source."""
    offenders = []
    for path, text in _sources().items():
        if path == PACKAGE / "rules" / "__init__.py":
            continue  # where Rule.error builds them
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ERROR_CLASSES:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.func.id}(...)")
    assert offenders == []


def test_every_declared_rule_is_enforced_somewhere() -> None:
    """No dead row: each rule of the book is used by the code (raised, or checked per item)."""
    code = "\n".join(text for path, text in _sources().items() if path.name != "book.py")
    unused = [name for name in RULE_NAMES.values() if f"r.{name}" not in code and name not in code]
    assert unused == []
    assert len(RULE_NAMES) == len(RULES)  # every registered rule is a named constant of the book


def test_every_rule_has_a_source_and_known_operations() -> None:
    schemas = (projects_schema(), gateway_schema())
    roots = {
        name
        for schema in schemas
        for root in (schema.query_type, schema.mutation_type)
        if root is not None
        for name in root.fields
    }
    for declared in RULES.values():
        assert declared.source.strip(), declared.code
        assert declared.operations, declared.code
        unknown = [op for op in declared.operations if not op.startswith("REST ") and op not in roots]
        assert unknown == [], (declared.code, unknown)
        assert declared.message.format_map(_Anything()), declared.code


class _Anything(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return f"<{key}>"


def test_every_audit_row_is_answered() -> None:
    answers = audit_answers()
    assert set(answers) == set(AUDIT_ROWS), sorted(set(answers) ^ set(AUDIT_ROWS))  # no typo in a rule's audit
    assert [row for row, answer in answers.items() if not answer] == []
    assert set(ANSWERS) <= set(AUDIT_ROWS)


@pytest.mark.parametrize("code", sorted(RULES))
def test_a_rule_error_carries_its_rule(code: str) -> None:
    declared = RULES[code]
    fields = {name for _, name, _, _ in string.Formatter().parse(declared.message) if name}
    error = declared.error(**dict.fromkeys(fields, "x"))
    assert isinstance(error, BusinessError) and error.rule is declared
    if declared.status is not None:
        assert error.http_status == declared.status
