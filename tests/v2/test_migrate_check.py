"""``saagie migrate check`` on a folder of 2.x-style scripts (``scripts2x/``): each 2.x import and call is
reported with its typed replacement; ``--fix`` makes them run on ``saagieapi.v2``; the same scripts run
unchanged on saagieapi 2.13.1 (so they are genuine 2.x scripts) against the emulator."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from saagie_emulator import running
from saagie_emulator.seed import DEFAULT_GROUP
from saagieapi.cli.main import app
from saagieapi.cli.migrate_check import check_paths
from tests.support.saagieapi2 import python2

HERE = Path(__file__).parent
SCRIPTS = HERE / "scripts2x"
TYPED = HERE / "scripts3x"
RUNNABLE = ["deploy_job.py", "nightly_pipeline.py", "project_admin.py"]


def _check(*args: str) -> tuple[int, Any]:
    result = CliRunner().invoke(app, ["migrate", "check", "--json", *args])
    return result.exit_code, json.loads(result.stdout)


def _calls_in(path: Path) -> list[tuple[int, str]]:
    """(line, "resource.method") of every ``<x>.<resource>.<method>(`` call of a file, found independently."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Attribute) and owner.attr in ("projects", "jobs", "pipelines", "env_vars"):
                found.append((node.lineno, f"{owner.attr}.{node.func.attr}"))
    return found


def test_every_call_of_the_2x_scripts_is_reported_with_its_replacement() -> None:
    code, report = _check(str(SCRIPTS))
    assert code == 1
    calls = {(Path(f["path"]).name, f["line"], f["method"]): f for f in report["findings"] if f["kind"] == "call"}
    for script in RUNNABLE:
        for line, method in _calls_in(SCRIPTS / script):
            finding = calls.get((script, line, method))
            assert finding is not None, f"{script}:{line} {method} is not reported"
            assert finding["replacement"].startswith(f"api.{method}(") or "raise_on_failure" in finding["replacement"]
            assert finding["returns"], finding
    imports = [f for f in report["findings"] if f["kind"] == "import"]
    assert {Path(f["path"]).name for f in imports} == {"nightly_pipeline.py", "project_admin.py"}
    assert report["ambiguous"] == [str(SCRIPTS / "connect.py")]


@pytest.mark.parametrize(
    ("script", "method", "replacement", "change"),
    [
        (
            "deploy_job.py",
            "jobs.create",
            "api.jobs.create(...).id",
            "result['data']['createJob']['id'] becomes result.id",
        ),
        ("deploy_job.py", "jobs.get_instance", "api.jobs.get_instance(...).number", "becomes result.number"),
        ("deploy_job.py", "jobs.upgrade", "api.jobs.upgrade(...).number", "['data']['addJobVersion']"),
        (
            "deploy_job.py",
            "jobs.run_with_callback",
            "instance = api.jobs.run_with_callback(",
            "(status, instance id) tuple",
        ),
        ("deploy_job.py", "jobs.delete", "api.jobs.delete(...)", "no ['deleteJob'] wrapper"),
        ("deploy_job.py", "projects.list", "api.projects.list(...)", "list of dicts -> list of models"),
        ("nightly_pipeline.py", "pipelines.export", "api.pipelines.export(...)", "truthy but not == True"),
        ("nightly_pipeline.py", "pipelines.create_graph", "api.pipelines.create_graph(...).id", "becomes result.id"),
        ("project_admin.py", "projects.get_rights", "api.projects.get_rights(...)", "result['rights'] becomes result"),
    ],
)
def test_replacements_and_shape_changes(script: str, method: str, replacement: str, change: str) -> None:
    report = check_paths([SCRIPTS / script])
    (finding,) = [f for f in report.findings if f.method == method][:1]
    assert finding.replacement.startswith(replacement), finding.replacement
    assert change in finding.change, finding.change


def test_a_typed_script_has_nothing_to_migrate() -> None:
    code, report = _check(str(TYPED))
    assert (code, report["findings"], report["remaining"]) == (0, [], 0)


def test_text_output_and_exit_code() -> None:
    result = CliRunner().invoke(app, ["migrate", "check", str(SCRIPTS / "nightly_pipeline.py")])
    assert result.exit_code == 1
    assert "saagieapi.pipelines.graph_pipeline does not exist in 3.x" in result.stdout
    assert "3.x: api.pipelines.create_graph(...).id" in result.stdout


def test_unparsable_files_are_skipped_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "old.py").write_text("print 'python 2'\n")
    code, report = _check(str(tmp_path))
    assert code == 0
    assert "SyntaxError" in report["skipped"][str(tmp_path / "old.py")]


def _start(python: str, script: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [python, script.name], cwd=script.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.compat
def test_fixed_scripts_run_on_v2_and_originals_on_2x(tmp_path: Path) -> None:
    fixed = tmp_path / "fixed"
    shutil.copytree(SCRIPTS, fixed)
    code, report = _check("--fix", "--assume-2x", str(fixed))
    assert code == 1  # the calls remain: they now run on saagieapi.v2
    rewritten = [f for f in report["findings"] if f["fixed"]]
    assert {Path(f["path"]).name for f in rewritten} == {"connect.py", "nightly_pipeline.py", "project_admin.py"}
    assert "from saagieapi.v2.pipelines.graph_pipeline import" in (fixed / "nightly_pipeline.py").read_text()
    assert "from saagieapi.v2 import SaagieApi" in (fixed / "connect.py").read_text()
    again = check_paths([fixed], fix=True, assume_2x=True)
    assert [f for f in again.findings if f.fixed] == []  # idempotent
    with running(speed=20.0) as v2_platform, running(speed=20.0) as x2_platform:
        started = []  # every script at once: each side has its own platform, each script its own project
        for platform, python, folder in ((v2_platform, sys.executable, fixed), (x2_platform, python2(), SCRIPTS)):
            env = {**os.environ, **platform.env(), "SAAGIE_GROUP": DEFAULT_GROUP, "PYTHONWARNINGS": "ignore"}
            env["TMPDIR"] = str(tmp_path)
            started += [(python, script, _start(python, folder / script, env)) for script in RUNNABLE]
        for python, script, process in started:
            try:
                stdout, stderr = process.communicate(timeout=180)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
            assert process.returncode == 0, f"{python} {script}:\n{stdout[-2000:]}\n{stderr[-3000:]}"
            assert f"{script[:-3]}: ok" in stdout


def test_fix_keeps_line_endings_and_encoding_and_never_writes_through_links(tmp_path: Path) -> None:
    crlf = tmp_path / "windows.py"
    crlf.write_bytes(
        b"from saagieapi import SaagieApi\r\nx = SaagieApi(1, 2, 3, 4, 5)\r\nx.jobs.get_info(j)['job']\r\n"
    )
    bom = tmp_path / "bom.py"
    bom.write_bytes("# é\nfrom saagieapi.pipelines.graph_pipeline import JobNode\n".encode("utf-8-sig"))
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "target.py"
    target.write_text("from saagieapi.utils.folder_functions import create_folder\n")
    scanned = tmp_path / "scanned"
    scanned.mkdir()
    for path in (crlf, bom):
        path.rename(scanned / path.name)
    (scanned / "link.py").symlink_to(target)
    report = check_paths([scanned], fix=True)
    assert (scanned / "windows.py").read_bytes().startswith(b"from saagieapi.v2 import SaagieApi\r\nx = ")
    assert (scanned / "windows.py").read_bytes().count(b"\r\n") == 3
    assert (scanned / "bom.py").read_bytes().startswith(b"\xef\xbb\xbf# \xc3\xa9\nfrom saagieapi.v2.pipelines.")
    assert target.read_text() == "from saagieapi.utils.folder_functions import create_folder\n"
    assert "symbolic link" in report.skipped[str(scanned / "link.py")]


def test_hostile_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "deep.py").write_text("x = " + "(" * 100_000 + ")" * 100_000 + "\n")
    (tmp_path / "latin.py").write_bytes(b"# \xe9\xe9\nfrom saagieapi import GraphPipeline\n")
    report = check_paths([tmp_path])
    assert set(report.skipped) == {str(tmp_path / "deep.py"), str(tmp_path / "latin.py")}
    assert report.findings == []


def test_special_files_are_skipped_not_read(tmp_path: Path) -> None:
    """A FIFO named like a script used to block the scan forever (reading it waits for a writer); a device given
    as a path was read as nothing, silently."""
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "ok.py").write_text("from saagieapi.pipelines.graph_pipeline import JobNode\n")
    outcome: dict[str, Any] = {}

    def scan() -> None:
        outcome["report"] = check_paths([tmp_path, Path(os.devnull)])

    thread = threading.Thread(target=scan, daemon=True)
    thread.start()
    thread.join(timeout=30)
    if thread.is_alive():  # unblock the reader before failing
        with open(tmp_path / "pipe.py", "w"):
            pass
        pytest.fail("the scan blocked on a FIFO")
    report = outcome["report"]
    assert "not a regular file" in report.skipped[str(tmp_path / "pipe.py")]
    assert "not a regular file" in report.skipped[os.devnull]
    assert report.files == 1 and [f.kind for f in report.findings] == ["import"]


def test_huge_files_are_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from saagieapi.cli import migrate_check

    monkeypatch.setattr(migrate_check, "MAX_SOURCE_BYTES", 1_000)
    (tmp_path / "generated.py").write_text("x = 1\n" * 1_000)
    report = check_paths([tmp_path])
    assert "larger than" in report.skipped[str(tmp_path / "generated.py")]
    assert report.files == 0


def test_fix_never_leaves_a_half_written_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rewrite goes to a temporary file replaced in one step: a failure (disk full, a kill) leaves the
    original script whole, and no temporary file behind."""
    script = tmp_path / "deploy.py"
    original = "from saagieapi import SaagieApi\nsaagie = SaagieApi(1, 2, 3, 4, 5)\nsaagie.jobs.get_info(j)['job']\n"
    script.write_text(original)
    script.chmod(0o750)

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    report = check_paths([tmp_path], fix=True)
    assert script.read_text() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deploy.py"]
    assert "No space left on device" in report.skipped[str(script)]
    monkeypatch.undo()
    check_paths([tmp_path], fix=True)
    assert script.read_text().startswith("from saagieapi.v2 import SaagieApi\n")
    assert script.stat().st_mode & 0o777 == 0o750


def test_text_output_escapes_control_characters(tmp_path: Path) -> None:
    """File names and code excerpts come from the folder scanned: a terminal escape in them is shown, not run."""
    name = "evil\x1b[2Jname\n.py"
    (tmp_path / name).write_text(
        'from saagieapi import SaagieApi\ns = SaagieApi(1, 2, 3, 4, 5)\ns.jobs.get_info("\\x1b]0;t\\x07")["job"]\n'
    )
    (tmp_path / "x.py").write_text(
        's.jobs.get_info("\x1b[31mred")["job"]\nfrom saagieapi.pipelines import graph_pipeline\n'
    )
    result = CliRunner().invoke(app, ["migrate", "check", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.stdout
    assert "\\x1b[2Jname\\n.py" in result.stdout


def test_plain_import_of_saagieapi_is_reported_and_fixed(tmp_path: Path) -> None:
    """``import saagieapi`` then ``saagieapi.SaagieApi(...)`` was neither reported nor rewritten: after --fix the
    script built the typed client and failed on its first ``["data"]``."""
    script = tmp_path / "deploy.py"
    script.write_text(
        "import saagieapi\n"
        "import saagieapi as sa  # the same, aliased\n"
        "saagie = saagieapi.SaagieApi('https://x-ws.io', '1', 'u', 'p', 'x')\n"
        "job_id = saagie.jobs.create('a', 'b', file='x.py')['data']['createJob']['id']\n"
    )
    report = check_paths([tmp_path], fix=True)
    imports = [f for f in report.findings if f.kind == "import"]
    assert [(f.line, f.fixed) for f in imports] == [(1, True), (2, True)]
    text = script.read_text()
    assert text.startswith("import saagieapi.v2 as saagieapi\nimport saagieapi.v2 as sa  # the same, aliased\n")
    namespace: dict[str, Any] = {}
    exec(compile(text.split("saagie = ")[0], str(script), "exec"), namespace)
    import saagieapi.v2

    assert namespace["saagieapi"] is saagieapi.v2 and namespace["sa"] is saagieapi.v2
    assert check_paths([tmp_path], fix=True).findings[0].fixed is False  # idempotent: nothing left to rewrite


def test_a_dotted_import_without_alias_is_not_rewritten(tmp_path: Path) -> None:
    """``import saagieapi.pipelines.graph_pipeline`` binds ``saagieapi`` and the code reads
    ``saagieapi.pipelines.graph_pipeline.JobNode``: pointing the import at saagieapi.v2 alone would leave that
    name broken, so --fix leaves the line and the report says what to write."""
    script = tmp_path / "graph.py"
    original = (
        "import saagieapi.pipelines.graph_pipeline\n"
        "import saagieapi.utils.folder_functions as ff\n"
        "node = saagieapi.pipelines.graph_pipeline.JobNode('j')\n"
    )
    script.write_text(original)
    report = check_paths([tmp_path], fix=True)
    dotted, aliased = [f for f in report.findings if f.kind == "import"]
    assert not dotted.fixable and not dotted.fixed
    assert "as graph_pipeline" in dotted.replacement
    assert aliased.fixed
    assert script.read_text() == original.replace("import saagieapi.utils", "import saagieapi.v2.utils")


def test_custom_queries_through_the_2x_clients_are_reported(tmp_path: Path) -> None:
    """``api.client.execute(gql(...), {...})``: on the typed client the second positional is operation_name and
    a gql document is not text, so the call is reported (and the file counts as 2.x code by it alone), with the
    ``from gql import gql`` that saagieapi 3 no longer installs."""
    (tmp_path / "custom.py").write_text(
        "from gql import gql\n"
        "import saagieapi\n"
        "api = saagieapi.SaagieApi('https://x/', '1', 'u', 'p', 'r')\n"
        "print(api.client.execute(gql('{ projects { id } }'), {'a': 1}))\n"
        "print(api.client_gateway.execute(query='{ repositories { name } }'))\n"
    )
    (tmp_path / "typed.py").write_text(  # the typed client's own execute: nothing to migrate
        "import gql\nimport saagieapi\napi = saagieapi.SaagieApi('https://x/', '1', 'u', 'p', 'r')\n"
        "print(api.client.execute('{ projects { id } }', variables={}))\n"
    )
    report = check_paths([tmp_path])
    found = {(Path(f.path).name, f.line, f.kind, f.method) for f in report.findings}
    assert found == {
        ("custom.py", 1, "import", ""),
        ("custom.py", 2, "import", ""),
        ("custom.py", 4, "call", "client.execute"),
        ("custom.py", 5, "call", "client_gateway.execute"),
    }
    (execute,) = [f for f in report.findings if f.method == "client.execute"]
    assert execute.replacement == "api.client.execute(query_text, variables={...})"
    assert "operation_name" in execute.change and "print_ast" in execute.change
    (gql_import,) = [f for f in report.findings if f.line == 1]
    assert "does not depend on it" in gql_import.change
    assert report.ambiguous == [str(tmp_path / "typed.py")]


def test_the_2x_gql_client_module_points_at_the_typed_clients(tmp_path: Path) -> None:
    (tmp_path / "old.py").write_text("from saagieapi.utils.gql_client import GqlClient\n")
    (finding,) = check_paths([tmp_path]).findings
    assert "api.client / api.client_gateway" in finding.replacement


def test_graph_classes_read_from_the_package_are_reported(tmp_path: Path) -> None:
    """``import saagieapi`` then ``saagieapi.JobNode(...)``: 2.x exported the graph classes from the package, the
    typed package does not (AttributeError). The attribute alone makes the file 2.x code; --fix of the import
    makes it run on saagieapi.v2, which exports them."""
    (tmp_path / "graph.py").write_text(
        "import saagieapi as sa\n"
        "node = sa.JobNode('job-id')\n"
        "graph = sa.GraphPipeline()\n"
        "graph.add_root_node(node)\n"
        "sa.Node  # noqa\n"
    )
    report = check_paths([tmp_path])
    found = sorted((f.line, f.kind, f.code) for f in report.findings)
    assert found == [
        (1, "import", "import saagieapi as sa"),
        (2, "attribute", "sa.JobNode"),
        (3, "attribute", "sa.GraphPipeline"),
        (5, "attribute", "sa.Node"),
    ]
    assert all("AttributeError" in f.change for f in report.findings if f.kind == "attribute")
    check_paths([tmp_path], fix=True)
    fixed = (tmp_path / "graph.py").read_text()
    assert fixed.startswith("import saagieapi.v2 as sa\n")
    namespace: dict[str, Any] = {}
    exec(compile(fixed.replace("sa.Node  # noqa\n", ""), "graph.py", "exec"), namespace)  # the fixed file runs
    assert [root.job_id for root in namespace["graph"].root_nodes] == ["job-id"]
