"""Fixtures of the integration tests (SDK against the emulator over real HTTP).

The tests are written once, async, in ``_async/``; ``scripts/regenerate.py`` writes their synchronous twins
into ``_sync/`` (``make codegen``; ``--check`` fails when they are out of date), so every test runs through
``AsyncSaagieApi`` and through ``SaagieApi``.

``platform`` is the plugin's ``saagie_platform`` (one emulator per session, reset before each test). A test
file that needs an emulator of its own (another speed, another platform id, state kept across its tests)
overrides ``platform`` with a module-scoped fixture; ``api`` (``_async/conftest.py``) then connects to that one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from saagie_emulator import RunningPlatform

from ._recorder import PublicMethodRecorder

HERE = Path(__file__).resolve().parent
RECORDER = PublicMethodRecorder()
#: What the session did with the integration tests: a public method left uncalled fails only a complete run.
RUN: dict[str, set[str]] = {"collected": set(), "passed": set(), "spoiled": set()}
REPORT: list[str] = []


@pytest.fixture
def platform(saagie_platform: RunningPlatform) -> RunningPlatform:
    return saagie_platform


@pytest.fixture(scope="package", autouse=True)
def _record_public_methods() -> Iterator[PublicMethodRecorder]:
    """The public methods of both clients are recorded while the integration tests run (see ``_recorder.py``)."""
    RECORDER.install()
    yield RECORDER
    RECORDER.uninstall()


def _ours(nodeid_or_path: str | Path) -> bool:
    text = str(nodeid_or_path)
    return text.startswith("tests/integration/") or text.startswith(str(HERE))


def pytest_deselected(items: list[pytest.Item]) -> None:
    RUN["spoiled"].update(item.nodeid for item in items if _ours(item.path))


def pytest_collection_finish(session: pytest.Session) -> None:
    RUN["collected"] = {item.nodeid for item in session.items if _ours(item.path)}
    files = {str(item.path) for item in session.items if _ours(item.path)}
    on_disk = {str(path) for folder in ("_async", "_sync") for path in (HERE / folder).glob("test_*.py")}
    if not on_disk <= files:
        RUN["spoiled"].add("not every integration test module was collected")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not _ours(report.nodeid):
        return
    if report.failed or report.skipped:
        RUN["spoiled"].add(report.nodeid)
    elif report.when == "call":
        RUN["passed"].add(report.nodeid)


def unexercised(run: dict[str, set[str]], recorder: PublicMethodRecorder) -> list[str]:
    """The public methods no test called, when ``run`` covered every integration test and all passed; else []."""
    if run["spoiled"] or not run["collected"] or run["passed"] != run["collected"]:
        return []
    return recorder.missing()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A complete, green run of tests/integration must have called every public method of both clients."""
    missing = unexercised(RUN, RECORDER)
    if missing:
        REPORT.append(
            f"{len(missing)} public method(s) of the SDK were called by no integration test "
            "(tests/integration/_async; the sync twins are generated):\n  " + "\n  ".join(missing)
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for text in REPORT:
        terminalreporter.section("public methods not exercised", red=True)
        terminalreporter.line(text)
