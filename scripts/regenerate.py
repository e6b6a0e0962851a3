"""Regenerate (or check) everything derived from schema/, queries/, saagieapi/_async/ and tests/integration/_async/.

    python scripts/regenerate.py          # regenerate saagieapi/_generated/*, saagieapi/_sync/, tests/.../_sync/
    python scripts/regenerate.py --check  # regenerate into a temporary folder; exit 1 on any difference

The check also fails on unknown configuration keys, on operation names that clash once converted to
snake_case, and when a generated package fails to import.

A problem in schema/ or queries/ (a field an operation selects that the schema no longer has, a syntax
error...) is reported one line each, naming the file, the line and the operation, and nothing is generated.
Any other failure is one line too (``--traceback`` shows the traceback); the exit code is 1.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import filecmp
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import tomllib

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "codegen.toml"
GENERATED = "saagieapi/_generated"
OUR_KEYS = {"async_client_name"}
ASYNC_SOURCE = ROOT / "saagieapi" / "_async"
#: The one generated module of saagieapi/_async (scripts/env_var_aliases.py writes it; unasync twins it).
ALIASES = "env_var_aliases.py"
SYNC_TARGET = "saagieapi/_sync"
# Names the synchronous twin of saagieapi/_async spells differently (unasync's defaults cover the rest).
UNASYNC_NAMES = {
    "AsyncClient": "Client",
    "AsyncIterator": "Iterator",
    "async_client": "client",
    "AsyncLock": "SyncLock",
    "AwaitableOf": "ResultOf",
    "async_sleep": "sync_sleep",
    "async_to_thread": "sync_to_thread",
    "async_gather_limited": "sync_gather_limited",
    "async_limiter": "sync_limiter",
    "aclose": "close",
    "aread": "read",
    "aiter_bytes": "iter_bytes",
}


def fail(message: str) -> None:
    print(f"codegen: {message}", file=sys.stderr)
    sys.exit(1)


def load_packages() -> dict[str, dict[str, Any]]:
    from ariadne_codegen.settings import ClientSettings

    config = tomllib.loads(CONFIG.read_text())
    unknown_top = set(config) - {"common", "packages"}
    if unknown_top:
        fail(f"unknown table(s) in codegen.toml: {sorted(unknown_top)}")
    allowed = {field.name for field in dataclasses.fields(ClientSettings)} | OUR_KEYS
    common = config.get("common", {})
    packages: dict[str, dict[str, Any]] = {}
    for name, table in config["packages"].items():
        merged = {**common, **table}
        unknown = set(merged) - allowed
        if unknown:
            fail(f"unknown key(s) in [packages.{name}] or [common]: {sorted(unknown)}")
        packages[name] = merged
    return packages


def snake(name: str) -> str:
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def check_operation_names(packages: dict[str, dict[str, Any]]) -> None:
    from graphql import OperationDefinitionNode, parse

    for name, settings in packages.items():
        seen: dict[str, str] = {}
        for path in sorted((ROOT / settings["queries_path"]).glob("*.graphql")):
            for definition in parse(path.read_text()).definitions:
                if isinstance(definition, OperationDefinitionNode):
                    if definition.name is None:
                        fail(f"{path.relative_to(ROOT)}: every operation needs a name")
                    op = definition.name.value
                    key = snake(op)
                    if key in seen:
                        fail(f"package {name}: operations {seen[key]} and {op} both become {key}")
                    seen[key] = op


def run_ariadne(settings: dict[str, Any], target: Path, name: str, *, asynchronous: bool) -> Path:
    from ariadne_codegen.main import client

    target.mkdir(parents=True, exist_ok=True)
    section = {key: value for key, value in settings.items() if key not in OUR_KEYS}
    section.update(target_package_path=str(target), target_package_name=name, async_client=asynchronous)
    if asynchronous:
        section.update(
            client_name=settings["async_client_name"],
            client_file_name="async_client",
            base_client_name="AsyncSaagieBaseClient",
            base_client_file_path="codegen/async_base_client.py",
            base_client_module_name="async_base_client",
        )
    else:
        section.update(
            client_file_name="client",
            base_client_name="SaagieBaseClient",
            base_client_file_path="codegen/base_client.py",
            base_client_module_name="base_client",
        )
    with contextlib.redirect_stdout(io.StringIO()):
        client({"tool": {"ariadne-codegen": section}})
    return target / name


def split_fragment_module(package: Path, settings: dict[str, Any]) -> None:
    """One module per fragment instead of one ``fragments.py`` (codegen/split_fragments.py), ruff-formatted."""
    from graphql import FragmentDefinitionNode, parse

    from codegen.split_fragments import split_fragments

    names = {
        definition.name.value
        for path in sorted((ROOT / settings["queries_path"]).glob("*.graphql"))
        for definition in parse(path.read_text()).definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    written = [str(path) for path in split_fragments(package, names)]
    if written:
        ruff = [sys.executable, "-m", "ruff"]
        style = ["--isolated", "--line-length", "88", "--target-version", "py310", "--quiet"]
        subprocess.run([*ruff, "check", *style, "--select", "I", "--fix", *written], check=True, cwd=ROOT)
        subprocess.run([*ruff, "format", *style, *written], check=True, cwd=ROOT)


def generate_package(name: str, settings: dict[str, Any], out_root: Path) -> None:
    destination = out_root / name
    out_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sync_dir = run_ariadne(settings, Path(tmp) / "sync", name, asynchronous=False)
        async_dir = run_ariadne(settings, Path(tmp) / "async", name, asynchronous=True)
        for extra in ("async_client.py", "async_base_client.py"):
            shutil.copy2(async_dir / extra, sync_dir / extra)
        split_fragment_module(sync_dir, settings)
        # Swap the new package in with renames, so that a concurrent import never sees a half-written one.
        staged = out_root / f".{name}.new"
        retired = out_root / f".{name}.old"
        shutil.rmtree(staged, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
        shutil.copytree(sync_dir, staged)
        if destination.exists():
            destination.rename(retired)
        staged.rename(destination)
        shutil.rmtree(retired, ignore_errors=True)


# unasync rewrites code tokens only; docstrings and comments get the same treatment here.
PROSE_REPLACEMENTS = [
    (re.compile(r"\bawait "), ""),
    (re.compile(r"\basync with\b"), "with"),
    (re.compile(r"\basync for\b"), "for"),
    (re.compile(r"\ban async context manager\b"), "a context manager"),
    (re.compile(r"\basync context manager\b"), "context manager"),
    (re.compile(r"\bAsyncSaagieApi\b"), "SaagieApi"),
    (re.compile(r"\bhttpx\.AsyncClient\b"), "httpx.Client"),
    (re.compile(r"\baclose\(\)"), "close()"),
    (re.compile(r"\bAsynchronous\b"), "Synchronous"),
    (re.compile(r"\basynchronous\b"), "synchronous"),
    (re.compile(r"\btasks\b"), "threads"),
    # unasync turns AsyncJobs into SyncJobs; our synchronous classes drop the prefix (Jobs, SaagieApi...).
    (re.compile(r"\bSync(?!Lock\b)([A-Z]\w*)"), r"\1"),
]


def sync_prose(text: str) -> str:
    """Rewrite the words of the asynchronous source that unasync leaves alone."""
    for pattern, replacement in PROSE_REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text


def generate_sync_twin(target: Path) -> None:
    import unasync

    out_dir = target.parent / f".{target.name}.new"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    from unasync_rules import async_leftovers, modules_without_async_code, unused_substitutions

    sources = sorted(ASYNC_SOURCE.glob("*.py"))
    pure = modules_without_async_code(sources)
    if pure:
        fail(
            f"saagieapi/_async holds module(s) without async code: {', '.join(pure)}; "
            "move them to saagieapi/_core (no I/O) or a shared module (only I/O modules get a sync twin)"
        )
    rule = unasync.Rule(
        fromdir=str(ASYNC_SOURCE) + "/", todir=str(out_dir) + "/", additional_replacements=UNASYNC_NAMES
    )
    unasync.unasync_files([str(path) for path in sources], [rule])
    twins = sorted(out_dir.glob("*.py"))
    unused = unused_substitutions(sources, UNASYNC_NAMES, PROSE_REPLACEMENTS, (path.read_text() for path in twins))
    if unused:
        fail("unused substitution(s) in scripts/regenerate.py (remove them): " + "; ".join(unused))
    header = "# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.\n"
    for path in twins:
        path.write_text(header + sync_prose(path.read_text()))
    leftovers = async_leftovers(twins)
    if leftovers:
        fail("asynchronous words left in saagieapi/_sync (fix the source or a rule):\n  " + "\n  ".join(leftovers))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--quiet",
            "--config",
            str(ROOT / "pyproject.toml"),
            str(out_dir),
        ],
        check=True,
        cwd=ROOT,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--quiet",
            "--fix",
            "--select",
            "I,F401",
            "--config",
            str(ROOT / "pyproject.toml"),
            str(out_dir),
        ],
        check=False,
        cwd=ROOT,
    )
    retired = target.parent / f".{target.name}.old"
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    out_dir.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def generate_env_var_aliases(target: Path) -> Path:
    """saagieapi/_async/env_var_aliases.py from the table of scripts/env_var_aliases.py (before unasync)."""
    from env_var_aliases import render

    target.write_text(render(), encoding="utf-8")
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(ROOT / "pyproject.toml")]
    subprocess.run([*ruff, "check", "--quiet", "--fix", "--select", "I", *config, str(target)], check=True, cwd=ROOT)
    subprocess.run([*ruff, "format", "--quiet", *config, str(target)], check=True, cwd=ROOT)
    return target


def generate_public_names(packages: dict[str, dict[str, Any]], package_dir: Path) -> list[Path]:
    """saagieapi/models.py, saagieapi/enums.py (scripts/public_names.py) and saagieapi/_core/inputs.py
    (scripts/input_fields.py) from the generated fragments, enums and input models."""
    from public_names import PublicNamesError, write_public_modules

    try:
        written = write_public_modules(packages, ROOT, package_dir)
    except PublicNamesError as error:
        fail(str(error))
    from input_fields import render

    inputs = package_dir / "_core" / "inputs.py"
    inputs.write_text(render(package_dir / "_generated", list(packages)), encoding="utf-8")
    written.append(inputs)
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(ROOT / "pyproject.toml")]
    subprocess.run(
        [*ruff, "check", "--quiet", "--fix", "--select", "I,F401,UP", *config, *map(str, written)], check=True, cwd=ROOT
    )
    subprocess.run([*ruff, "format", "--quiet", *config, *map(str, written)], check=True, cwd=ROOT)
    return written


# -- tests written once: tests/integration/_async is the source, tests/integration/_sync its generated twin ------
TESTS_ASYNC_SOURCE = ROOT / "tests" / "integration" / "_async"
TESTS_SYNC_TARGET = "tests/integration/_sync"
#: Names the synchronous twin of a test spells differently (unasync's defaults cover AsyncIterator & co).
TEST_UNASYNC_NAMES = {
    "AsyncSaagieApi": "SaagieApi",
    "AsyncClient": "Client",
    "connect_async": "connect",
    "async_sleep": "sync_sleep",
    "async_gather": "sync_gather",
    "aclose": "close",
    "anext": "next",
    "aiter": "iter",
}
#: Lines of the async source that its twin drops (the anyio marks of async tests).
TEST_DROPPED_LINES = re.compile(
    r"^[ \t]*(?:@pytest\.mark\.anyio|pytestmark = pytest\.mark\.anyio)[ \t]*\n", re.MULTILINE
)
#: Words of docstrings and comments (unasync leaves them alone).
TEST_PROSE = [
    (re.compile(r"\bAsyncSaagieApi\b"), "SaagieApi"),
    (re.compile(r"\basync (client|test|twin|API)\b"), r"sync \1"),
    (re.compile(r"\bAsync(?=\w)"), "Sync"),
]


def unused_test_substitutions(sources: list[Path]) -> list[str]:
    """Keys of TEST_UNASYNC_NAMES that no source uses (httpcore's discipline: a dead rule is an error)."""
    import tokenize_rt

    seen: set[str] = set()
    for path in sources:
        for token in tokenize_rt.src_to_tokens(path.read_text(encoding="utf-8")):
            if token.name == "NAME":
                seen.add(token.src)
            elif token.name == "STRING":
                seen.add(token.src[1:-1])
    return sorted(set(TEST_UNASYNC_NAMES) - seen)


def generate_sync_tests(target: Path) -> None:
    """Write ``target`` (tests/integration/_sync) from tests/integration/_async: unasync, anyio marks dropped."""
    import unasync

    if not TESTS_ASYNC_SOURCE.is_dir():
        return  # a copy of the package without its tests (a schema update in a temporary checkout)
    sources = sorted(TESTS_ASYNC_SOURCE.glob("*.py"))
    if not any(path.name.startswith("test_") for path in sources):
        fail(f"{TESTS_ASYNC_SOURCE.relative_to(ROOT)} holds no test module")
    unused = unused_test_substitutions(sources)
    if unused:
        fail(f"TEST_UNASYNC_NAMES in scripts/regenerate.py has substitutions no test uses: {unused}")
    out_dir = target.parent / f".{target.name}.new"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    rule = unasync.Rule(
        fromdir=str(TESTS_ASYNC_SOURCE) + "/", todir=str(out_dir) + "/", additional_replacements=TEST_UNASYNC_NAMES
    )
    unasync.unasync_files([str(path) for path in sources], [rule])
    header = "# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.\n"
    for path in sorted(out_dir.glob("*.py")):
        text = TEST_DROPPED_LINES.sub("", path.read_text(encoding="utf-8"))
        for pattern, replacement in TEST_PROSE:
            text = pattern.sub(replacement, text)
        path.write_text(header + text, encoding="utf-8")
    config = ["--config", str(ROOT / "pyproject.toml")]
    subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", "--fix", "--select", "I,F401", *config, str(out_dir)],
        check=False,
        cwd=ROOT,
    )
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", *config, str(out_dir)], check=True, cwd=ROOT)
    retired = target.parent / f".{target.name}.old"
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    out_dir.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def compare(expected: Path, actual: Path, label: str) -> list[str]:
    problems: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        for item in cmp.left_only:
            problems.append(f"{label}: {prefix}{item} would be created")
        for item in cmp.right_only:
            if item != "__pycache__":
                problems.append(f"{label}: {prefix}{item} is stale (committed but not generated)")
        same_files = [f for f in cmp.common_files]
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, same_files, shallow=False)
        problems.extend(f"{label}: {prefix}{item} differs" for item in mismatch + errors)
        for sub, sub_cmp in cmp.subdirs.items():
            if sub != "__pycache__":
                walk(sub_cmp, f"{prefix}{sub}/")

    if not actual.exists():
        return [f"{label}: missing (run make codegen)"]
    walk(filecmp.dircmp(expected, actual), "")
    return problems


def import_check(root: Path, packages: list[str]) -> None:
    modules = [f"saagieapi._generated.{name}" for name in packages]
    modules += [f"saagieapi._generated.{name}.async_client" for name in packages]
    code = "import importlib, sys\nfor m in sys.argv[1:]: importlib.import_module(m)"
    result = subprocess.run(
        [sys.executable, "-c", code, *modules], cwd=root, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        last = result.stderr.strip().splitlines()[-1:] or ["(no output)"]
        fail(f"a generated package fails to import: {last[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if committed output is out of date")
    parser.add_argument("--traceback", action="store_true", help="show the traceback of an unexpected failure")
    args = parser.parse_args()
    os.chdir(ROOT)  # ariadne-codegen resolves config paths against the working directory
    sys.path.insert(0, str(ROOT))  # repo-local plugins (codegen.plugins.*)
    try:
        run(args.check)
    except Exception as exc:
        if args.traceback:
            raise
        message = str(exc).strip().splitlines()
        fail(f"{type(exc).__name__}: {message[0] if message else ''} (run with --traceback for details)")


def run(check: bool) -> None:
    from codegen_problems import source_problems  # scripts/ is on sys.path: this script's folder

    packages = load_packages()
    problems = source_problems(ROOT, packages)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        fail(f"{len(problems)} problem(s) in schema/ or queries/; nothing was generated")
    check_operation_names(packages)
    if not check:
        for name, settings in packages.items():
            generate_package(name, settings, ROOT / GENERATED)
        generate_public_names(packages, ROOT / "saagieapi")
        generate_env_var_aliases(ASYNC_SOURCE / ALIASES)
        generate_sync_twin(ROOT / SYNC_TARGET)
        generate_sync_tests(ROOT / TESTS_SYNC_TARGET)
        import_check(ROOT, list(packages))
        return
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_root = Path(tmp)
        shutil.copytree(ROOT / "saagieapi", tmp_root / "saagieapi", ignore=shutil.ignore_patterns("__pycache__"))
        for name, settings in packages.items():
            generate_package(name, settings, tmp_root / GENERATED)
            problems += compare(tmp_root / GENERATED / name, ROOT / GENERATED / name, f"{GENERATED}/{name}")
        committed = {p.name for p in (ROOT / GENERATED).iterdir() if p.is_dir() and p.name != "__pycache__"}
        problems += [f"{GENERATED}/{extra} is stale" for extra in sorted(committed - set(packages))]
        for path in generate_public_names(packages, tmp_root / "saagieapi"):
            relative = path.relative_to(tmp_root)
            if not (ROOT / relative).is_file() or not filecmp.cmp(path, ROOT / relative, shallow=False):
                problems.append(f"{relative} differs")
        aliases = generate_env_var_aliases(tmp_root / ALIASES)
        if not (ASYNC_SOURCE / ALIASES).is_file() or not filecmp.cmp(aliases, ASYNC_SOURCE / ALIASES, shallow=False):
            problems.append(f"saagieapi/_async/{ALIASES} differs")
        generate_sync_twin(tmp_root / SYNC_TARGET)
        problems += compare(tmp_root / SYNC_TARGET, ROOT / SYNC_TARGET, SYNC_TARGET)
        if TESTS_ASYNC_SOURCE.is_dir():
            generate_sync_tests(tmp_root / TESTS_SYNC_TARGET)
            problems += compare(tmp_root / TESTS_SYNC_TARGET, ROOT / TESTS_SYNC_TARGET, TESTS_SYNC_TARGET)
        import_check(tmp_root, list(packages))
    if problems:
        fail("generated code is out of date (run make codegen):\n  " + "\n  ".join(problems))
    print("codegen: up to date")


if __name__ == "__main__":
    main()
