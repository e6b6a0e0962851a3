"""Each 2.x method of ``saagieapi.v2`` returns what saagieapi 2.13.1 returns for the same call on the same
(fresh) emulator: the same keys and nesting, values ignored; and raises an instance of the class 2.x raised.

One test per step of ``scenario.py`` (every 2.x method has at least one step: ``test_every_2x_method_has_a_step``).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.saagieapi2 import saagieapi2_signatures

from .scenario import STEPS
from .shape import compare

pytestmark = pytest.mark.compat

BY_ID = {step.id: step for step in STEPS}


def _record(records: dict[str, Any], side: str, step_id: str) -> dict[str, Any]:
    record: dict[str, Any] = records[side][step_id]
    assert "error" not in record, f"{side} failed on {step_id}: {record['error']}\n{record.get('traceback', '')}"
    return record


def test_every_2x_method_has_a_step() -> None:
    methods = {f"{module}.{name}" for module, names in saagieapi2_signatures().items() for name in names}
    assert len(methods) == 170
    covered = {step.method for step in STEPS}
    assert methods - covered == set(), "2.x methods without a step in tests/v2/scenario.py"
    assert covered - methods == set(), "steps that call no 2.x method"


def test_step_ids_are_unique() -> None:
    assert len(BY_ID) == len(STEPS)


@pytest.mark.parametrize("step_id", list(BY_ID))
def test_shape(shape_records: dict[str, Any], step_id: str) -> None:
    step = BY_ID[step_id]
    theirs = _record(shape_records, "2x", step_id)
    ours = _record(shape_records, "v2", step_id)
    if step.raises:
        assert "raises" in theirs, f"2.13.1 did not raise on {step_id}: the step is wrong"
        assert "raises" in ours, f"saagieapi.v2 did not raise on {step_id} (2.x raised {theirs['raises'][0]})"
        assert theirs["raises"][0] in ours["raises"], (
            f"2.x raised {theirs['raises'][0]}; v2 raised {ours['raises'][0]} (bases {ours['raises'][1:]})"
        )
        assert "SaagieError" in ours["raises"], ours["raises"]
        return
    if step.bug_in_2x:
        assert theirs.get("raises", [None])[0] == step.bug_in_2x, f"2.13.1 no longer fails on {step_id}: {theirs}"
        expected = shape_records["2x"][step.same_shape_as]["shape"]
        assert "shape" in ours, f"v2 raised on {step_id}: {ours}"
        assert compare(expected, ours["shape"]) == []
        return
    assert "shape" in theirs, f"2.13.1 raised on {step_id}: {theirs}"
    assert "shape" in ours, f"saagieapi.v2 raised on {step_id}: {ours}"
    assert compare(theirs["shape"], ours["shape"]) == []
    if step.values:
        assert ours["value"] == theirs["value"]
    if theirs["shape"] == "bool":  # True/False where 2.x returned True/False (exports, imports, REST writes)
        assert ours["value"] == theirs["value"]
