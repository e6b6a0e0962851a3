"""The API reference renders reStructuredText habits of the docstrings as Markdown."""

from __future__ import annotations

import importlib
import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
griffe_docstrings = importlib.import_module("griffe_docstrings")


def test_example_literal_block_becomes_a_fenced_python_block() -> None:
    text = (
        "Run a job.\n\nExample::\n\n    instance = api.jobs.run(job_id)\n    if instance:\n        print(1)\n\nAfter."
    )
    assert griffe_docstrings.markdown_docstring(text) == (
        "Run a job.\n\n**Example**\n\n```python\ninstance = api.jobs.run(job_id)\nif instance:\n    print(1)\n```\n\n"
        "After."
    )


def test_sentence_introducing_a_block_keeps_one_colon() -> None:
    text = "Catch it to handle them all::\n\n    try:\n        pass\n"
    assert griffe_docstrings.markdown_docstring(text) == (
        "Catch it to handle them all:\n\n```python\ntry:\n    pass\n```\n"
    )


def test_roles_become_inline_code() -> None:
    text = "Raises :class:`~saagieapi.errors.RunFailedError`; see :meth:`count_deletable_instances_by_status`."
    assert griffe_docstrings.markdown_docstring(text) == (
        "Raises ``RunFailedError``; see ``count_deletable_instances_by_status``."
    )


def test_text_without_literal_blocks_is_unchanged() -> None:
    text = "Close the pool. Example: ``api.close()``."
    assert griffe_docstrings.markdown_docstring(text) == text
