"""GraphQL inputs are built from typed dicts (saagieapi/_core/inputs.py): a misspelled key fails mypy and the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import saagieapi
from saagieapi._core.inputs import job_edition_input, job_input

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_given_fields_are_sent() -> None:
    edition = job_edition_input({"id": "j1", "cronScheduling": "0 3 * * *", "isScheduled": True})
    assert edition.model_dump(by_alias=True, exclude_unset=True) == {
        "id": "j1",
        "cronScheduling": "0 3 * * *",
        "isScheduled": True,
    }


def test_a_misspelled_key_is_refused_at_run_time_too() -> None:
    with pytest.raises(saagieapi.InvalidInputError, match=r"JobEditionInput has no field.* cronSchedulling"):
        job_edition_input({"id": "j1", "cronSchedulling": "0 3 * * *"})  # type: ignore[typeddict-unknown-key]


def test_a_bad_value_is_an_invalid_input_error() -> None:
    with pytest.raises(saagieapi.InvalidInputError, match=r"invalid JobInput: .*isScheduled"):
        job_input(
            {
                "projectId": "p",
                "name": "n",
                "category": "Processing",
                "technology": {"id": "t"},
                "isScheduled": "often",  # type: ignore[typeddict-item]
                "isStreaming": False,
            }
        )


def test_mypy_catches_a_misspelled_key_a_missing_field_and_a_wrong_type(tmp_path: Path) -> None:
    script = tmp_path / "uses_inputs.py"
    script.write_text(
        "from saagieapi._core.inputs import job_edition_input, job_input\n"
        'job_edition_input({"id": "j", "cronSchedulling": "0 3 * * *"})\n'
        'job_input({"projectId": "p", "name": "n", "category": "c", "technology": {"id": "t"}, "isStreaming": False})\n'
        'job_edition_input({"id": "j", "isScheduled": "yes"})\n'
        'job_edition_input({"id": "j", "cronScheduling": "0 3 * * *"})\n'
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(script),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=600,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["2", "3", "4"], result.stdout
    assert '"cronSchedulling"' in errors[0] and '"isScheduled"' in errors[1] and '"isScheduled"' in errors[2]
