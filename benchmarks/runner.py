"""``python -m benchmarks``: saagieapi 3 against saagieapi 2.13.1 and a raw httpx floor, on the emulator.

One emulator process (latency injected per scenario), seeded once; every measurement is a fresh client
process (``benchmarks/clients.py``, or the ``saagie`` command line, or a pytest session), the clients
interleaved run by run. Every run's result is checked (``benchmarks/verify.py``): a wrong result stops the
benchmark. The table shows medians and ratios of medians; the figures go to
``benchmarks/results/bench-<time>.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform as host
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .platform import EmulatorProcess
from .processes import COLD_START_PARTS, cold_start_part, fixture_run, run_process, saagie_script
from .seeding import ExportShape, Seeded, seed
from .verify import BenchmarkResultError, check_export, check_figures, check_import, expected_import

__all__ = ["SCENARIOS", "main"]

HERE = Path(__file__).resolve().parent
CLIENT_SCRIPT = HERE / "clients.py"
RESULTS = HERE / "results"
ALL_CLIENTS = ("ours", "ours_async", "saagieapi2", "floor", "floor_async")
#: Ours walking the listed job's instances with ``jobs.iter_instances`` (listing scenario only; they run
#: whenever ``ours`` / ``ours_async`` run).
ITER_CLIENTS = ("ours_iter", "ours_async_iter")
#: Each of our clients with its raw httpx floor (the synchronous and the asynchronous httpx client).
OURS = {"ours": "floor", "ours_async": "floor_async", "ours_iter": "floor", "ours_async_iter": "floor_async"}
CLI_CLIENTS = ("cli_help", "cli_projects_list")
#: Scale scenario: the project sizes compared (jobs), full run and --quick.
SCALE_JOBS = (100, 1000)
QUICK_SCALE_JOBS = (4, 40)


def _default_pairs() -> tuple[tuple[str, str], ...]:
    return tuple((ours, reference) for ours, floor in OURS.items() for reference in ("saagieapi2", floor))


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    latency_ms: float  # negative: --latency-ms
    metrics: tuple[str, ...]  # the first is the headline figure
    clients: tuple[str, ...]
    heavy: bool = False  # long runs: at most 3 of them unless --runs is given
    #: (numerator, denominator) clients whose ratio of medians is printed
    pairs: tuple[tuple[str, str], ...] = field(default_factory=_default_pairs)


SCENARIOS = {
    s.name: s
    for s in (
        Scenario("cold_start", "cold start: new process, import, connect, first projects.list()", -1,
                 ("process_s", "in_process_s", "cpu_s", "peak_rss_mb"), ALL_CLIENTS),
        Scenario("get_info", "sequential jobs.get_info at 0 ms latency: client CPU per call", 0,
                 ("cpu_per_call_ms", "wall_per_call_ms"), ALL_CLIENTS),
        Scenario("export", "project export (jobs with versions and artifacts, apps, pipelines, env vars)", -1,
                 ("wall_s", "peak_rss_mb"), ("ours", "ours_async", "saagieapi2"), heavy=True),
        Scenario("import", "import of that export into a new project", -1,
                 ("wall_s", "peak_rss_mb"), ("ours", "ours_async", "saagieapi2"), heavy=True),
        Scenario("listing", "a job with thousands of instances: jobs.get_info (all in memory, as 2.x); "
                 "ours*_iter: jobs.iter_instances, pages of 500, counted", -1,
                 ("wall_s", "peak_rss_mb", "peak_rss_growth_mb"), ALL_CLIENTS + ITER_CLIENTS),
        Scenario("scale", "export then import of the same project at two sizes (client@jobs): per job and peak",
                 -1, ("export_ms_per_job", "import_ms_per_job", "export_peak_rss_mb", "import_peak_rss_mb",
                      "export_rss_growth_kb_per_job", "import_rss_growth_kb_per_job"),
                 ("ours", "ours_async"), heavy=True, pairs=()),
        Scenario("cli", "saagie --help and saagie --json projects list, new processes, against the SDK's cold start",
                 -1, ("process_s", "cpu_s", "peak_rss_mb"), (*CLI_CLIENTS, "ours"),
                 pairs=(("cli_projects_list", "ours"), ("cli_help", "ours"))),
        Scenario("parts", "what a cold start is made of: each part a new process; typed_minimum: one typed call "
                 "with httpx and pydantic and no SDK code (the least a typed client pays)", -1,
                 ("process_s", "cpu_s", "peak_rss_mb"), (*COLD_START_PARTS, "typed_minimum", "ours", "floor"),
                 pairs=(("ours", "typed_minimum"), ("typed_minimum", "floor"), ("ours", "floor"))),
        Scenario("fixture", "pytest session using the saagie_platform fixture: first start, reset per test", -1,
                 ("first_start_s", "reset_ms", "process_s", "peak_rss_mb"), ("fixture",), pairs=()),
    )
}  # fmt: skip

#: (scenario, metric, limit, reference, judged). ``reference``: a client (ratio of medians ours/reference),
#: "floor" (each of ours against its own httpx floor), "seconds" (an absolute limit on the median),
#: "scale" (median at the largest size / median at the smallest).
TARGETS = (
    ("cold_start", "process_s", 1.1, "floor", ("ours", "ours_async")),
    ("get_info", "cpu_per_call_ms", 1.1, "floor", ("ours", "ours_async")),
    ("listing", "wall_s", 1.0, "floor", ("ours", "ours_async")),
    ("listing", "peak_rss_mb", 1.0, "saagieapi2", ("ours", "ours_async")),
    ("listing", "wall_s", 1.1, "floor", ITER_CLIENTS),
    ("export", "wall_s", 0.1, "saagieapi2", ("ours", "ours_async")),
    ("import", "wall_s", 0.12, "saagieapi2", ("ours", "ours_async")),
    ("scale", "export_ms_per_job", 1.2, "scale", ("ours", "ours_async")),
    ("scale", "import_ms_per_job", 1.2, "scale", ("ours", "ours_async")),
    ("scale", "export_peak_rss_mb", 1.2, "scale", ("ours", "ours_async")),
    ("scale", "import_peak_rss_mb", 1.2, "scale", ("ours", "ours_async")),
    ("cli", "process_s", 0.25, "seconds", ("cli_help",)),
)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller data (smoke test)")
    parser.add_argument("--scenario", default=",".join(SCENARIOS), help="comma-separated: " + ", ".join(SCENARIOS))
    parser.add_argument("--clients", default=",".join(ALL_CLIENTS), help="comma-separated: " + ", ".join(ALL_CLIENTS))
    parser.add_argument(
        "--runs", type=int, default=None, help="runs per client and scenario (default 5, heavy ones 3; quick 2)"
    )
    parser.add_argument("--latency-ms", type=float, default=20.0, help="latency of the non-CPU scenarios")
    parser.add_argument("--calls", type=int, default=None, help="get_info calls per run (default 300, quick 50)")
    parser.add_argument("--instances", type=int, default=None, help="instances of the listed job (5000, quick 300)")
    parser.add_argument("--fixture-tests", type=int, default=None, help="tests per fixture session (30, quick 5)")
    parser.add_argument("--saagieapi2-python", default=os.environ.get("SAAGIEAPI2_PYTHON"))
    parser.add_argument("--out", type=Path, default=None, help="JSON file for the figures")
    args = parser.parse_args(argv)
    args.scenarios = [name.strip() for name in args.scenario.split(",") if name.strip()]
    args.client_names = [name.strip() for name in args.clients.split(",") if name.strip()]
    known = ALL_CLIENTS + ITER_CLIENTS
    unknown = [s for s in args.scenarios if s not in SCENARIOS] + [c for c in args.client_names if c not in known]
    if unknown:
        parser.error(f"unknown scenario or client: {', '.join(unknown)}")
    if "saagieapi2" in args.client_names and not (args.saagieapi2_python and os.path.exists(args.saagieapi2_python)):
        parser.error("saagieapi 2.13.1 is needed: set SAAGIEAPI2_PYTHON (make bench does) or --clients without it")
    args.runs_given = args.runs is not None
    args.runs = args.runs or (2 if args.quick else 5)
    args.calls = args.calls or (50 if args.quick else 300)
    args.instances = args.instances or (300 if args.quick else 5000)
    args.fixture_tests = args.fixture_tests or (5 if args.quick else 30)
    args.shape = ExportShape(jobs=6, artifact_kb=16, apps=2, pipelines=2, env_vars=4) if args.quick else ExportShape()
    scale_base = ExportShape(jobs=10, versions=1, artifact_kb=4, apps=2, pipelines=2, env_vars=5) if args.quick else (
        ExportShape())  # fmt: skip
    args.scale_shapes = tuple(scale_base.scaled(jobs) for jobs in (QUICK_SCALE_JOBS if args.quick else SCALE_JOBS))
    return args


# ------------------------------------------------------------------------------------------ running
def _python_for(client: str, args: argparse.Namespace) -> str:
    return str(args.saagieapi2_python) if client == "saagieapi2" else sys.executable


def run_client(client: str, config: dict[str, Any], args: argparse.Namespace, timeout: float = 1800) -> dict[str, Any]:
    """Run one scenario in a fresh isolated process (``-I``, temp working directory); return its figures."""
    config = {**config, "client": client}
    with tempfile.TemporaryDirectory(prefix="saagie-bench-") as cwd:
        done = run_process([_python_for(client, args), "-I", str(CLIENT_SCRIPT), json.dumps(config)], cwd=cwd,
                           timeout=timeout)  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH:")]
    if done.returncode != 0 or not lines:
        raise BenchmarkResultError(f"{client} failed in {config['scenario']}:\n{done.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(lines[-1][len("BENCH:") :])
    figures["process_s"] = done.wall_s
    figures["process_cpu_s"] = done.cpu_s
    figures.setdefault("peak_rss_mb", done.peak_rss_mb)
    return figures


def _prepare_import_folder(source: Path, target: Path, name: str) -> Path:
    """A copy of the export whose project.json names a project that does not exist yet; its project folder."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    project_json = next(target.rglob("project.json"))
    data = json.loads(project_json.read_text())
    data["name"] = name
    project_json.write_text(json.dumps(data))
    return project_json.parent


def _sdk(platform: EmulatorProcess) -> Any:
    from saagieapi import SaagieApi

    conn = platform.connection()
    return SaagieApi(conn["url"], conn["platform_id"], conn["user"], conn["password"], conn["realm"], timeout=300)


def _project_count(platform: EmulatorProcess) -> int:
    with _sdk(platform) as api:
        return len(api.projects.list())


def _delete_project(platform: EmulatorProcess, name: str) -> None:
    with _sdk(platform) as api:
        for project in api.projects.list():
            if project.name == name:
                api.projects.delete(project.id)


def _shape_counts(shape: ExportShape) -> dict[str, int]:
    return {"jobs": shape.jobs, "apps": shape.apps, "pipelines": shape.pipelines, "env_vars": shape.env_vars}


def _export_run(client: str, platform: EmulatorProcess, base: dict[str, Any], args: argparse.Namespace,
                project_id: str, shape: ExportShape, folder: Path, label: str) -> dict[str, Any]:  # fmt: skip
    """One export, its folder checked file by file against the seeded project."""
    figures = run_client(client, {**base, "scenario": "export", "project_id": project_id, "folder": str(folder)}, args)
    check_figures(label, figures, {"ok": True})
    facts = check_export(folder, versions=shape.versions, artifact_bytes=shape.artifact_bytes, label=label,
                         **_shape_counts(shape))  # fmt: skip
    figures.update(files=facts.files, bytes=facts.bytes)
    return figures


def _import_run(client: str, platform: EmulatorProcess, base: dict[str, Any], args: argparse.Namespace,
                source: Path, shape: ExportShape, work: Path, label: str) -> dict[str, Any]:  # fmt: skip
    """One import of ``source`` under a new name, the created project counted through the SDK, then deleted."""
    name = f"bench-import-{label.replace(' ', '-')}"
    copy = work / f"import-{name}"
    folder = _prepare_import_folder(source, copy, name)
    try:
        figures = run_client(client, {**base, "scenario": "import", "folder": str(folder)}, args)
        check_figures(label, figures, {"ok": True})
        with _sdk(platform) as api:
            expected = expected_import(client, versions=shape.versions, **_shape_counts(shape))
            facts = check_import(api, name, label=label, **expected)
        figures.update(imported_jobs=facts.jobs, imported_versions=facts.job_versions)
        return figures
    finally:
        _delete_project(platform, name)
        shutil.rmtree(copy, ignore_errors=True)


def run_scenario(
    scenario: Scenario, platform: EmulatorProcess, seeded: Seeded, args: argparse.Namespace, work: Path
) -> dict[str, list[dict[str, Any]]]:
    latency = args.latency_ms if scenario.latency_ms < 0 else scenario.latency_ms
    platform.set_latency(latency)
    clients = [
        c
        for c in scenario.clients
        if c in args.client_names
        or (c in ITER_CLIENTS and c.removesuffix("_iter") in args.client_names)
        or c in (*CLI_CLIENTS, "fixture", *COLD_START_PARTS, "typed_minimum")
    ]
    base = {**platform.connection(), "payloads": seeded.payloads}
    count = min(args.runs, 3) if scenario.heavy and not args.runs_given else args.runs
    expected_projects = _project_count(platform)
    export_source = work / "export-source"
    step: Callable[[str, int], dict[str, Any] | dict[str, dict[str, Any]]]

    def standard(client: str, run: int) -> dict[str, Any]:
        label = f"{scenario.name} run {run + 1} {client}"
        config = {**base, "scenario": scenario.name}
        if scenario.name == "cold_start":
            figures = run_client(client, config, args)
            check_figures(label, figures, {"projects": expected_projects})
        elif scenario.name == "get_info":
            figures = run_client(client, {**config, "job_id": seeded.job_id, "calls": args.calls}, args)
            check_figures(label, figures, {"instances_seen": args.calls * seeded.job_instances})
        elif scenario.name == "listing":
            figures = run_client(client, {**config, "job_id": seeded.listing_job_id}, args)
            check_figures(label, figures, {"instances": seeded.listing_instances})
        elif scenario.name == "export":
            folder = work / f"export-{client}-{run}"
            figures = _export_run(client, platform, base, args, seeded.export_project_id, args.shape, folder, label)
            if not export_source.exists() and (client == "saagieapi2" or "saagieapi2" not in clients):
                shutil.copytree(folder, export_source)
            shutil.rmtree(folder, ignore_errors=True)
        elif scenario.name == "import":
            figures = _import_run(client, platform, base, args, export_source, args.shape, work, label)
        else:
            raise ValueError(scenario.name)
        return figures

    def scale(client: str, run: int) -> dict[str, dict[str, Any]]:
        per_size: dict[str, dict[str, Any]] = {}
        for shape in args.scale_shapes:
            label = f"scale run {run + 1} {client}@{shape.jobs}"
            folder = work / f"scale-{client}-{shape.jobs}-{run}"
            project_id = seeded.scale_project_ids[shape.jobs]
            exported = _export_run(client, platform, base, args, project_id, shape, folder, label)
            imported = _import_run(client, platform, base, args, folder, shape, work, label)
            shutil.rmtree(folder, ignore_errors=True)
            per_size[f"{client}@{shape.jobs}"] = {
                "export_ms_per_job": exported["wall_s"] * 1000 / shape.jobs,
                "import_ms_per_job": imported["wall_s"] * 1000 / shape.jobs,
                "export_peak_rss_mb": exported["peak_rss_mb"],
                "import_peak_rss_mb": imported["peak_rss_mb"],
                "export_rss_growth_kb_per_job": exported["peak_rss_growth_mb"] * 1024 / shape.jobs,
                "import_rss_growth_kb_per_job": imported["peak_rss_growth_mb"] * 1024 / shape.jobs,
                "export_wall_s": exported["wall_s"],
                "import_wall_s": imported["wall_s"],
                "files": exported["files"],
                "bytes": exported["bytes"],
            }
        return per_size

    def cli(client: str, run: int) -> dict[str, Any]:
        label = f"cli run {run + 1} {client}"
        if client == "ours":
            figures = run_client("ours", {**base, "scenario": "cold_start"}, args)
            check_figures(label, figures, {"projects": expected_projects})
            return figures
        conn = platform.connection()
        with tempfile.TemporaryDirectory(prefix="saagie-bench-cli-") as cwd:
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith("SAAGIE_")},
                "SAAGIE_CONFIG": str(Path(cwd, "no-config.ini")),
                "SAAGIE_URL": f"{conn['url'].rstrip('/')}/projects/platform/{conn['platform_id']}/",
                "SAAGIE_REALM": conn["realm"],
                "SAAGIE_USER": conn["user"],
                "SAAGIE_PASSWORD": conn["password"],
            }
            arguments = ["--help"] if client == "cli_help" else ["--json", "projects", "list"]
            done = run_process([saagie_script(), *arguments], cwd=cwd, env=env)
        if done.returncode != 0:
            raise BenchmarkResultError(f"{label}: exit {done.returncode}\n{done.stderr[-2000:]}")
        if client == "cli_help":
            if "Usage" not in done.stdout or "projects" not in done.stdout:
                raise BenchmarkResultError(f"{label}: no usage text in the output:\n{done.stdout[:500]}")
        else:
            check_figures(label, {"projects": len(json.loads(done.stdout))}, {"projects": expected_projects})
        return {"process_s": done.wall_s, "cpu_s": done.cpu_s, "peak_rss_mb": done.peak_rss_mb}

    def fixture(client: str, run: int) -> dict[str, Any]:
        return fixture_run(args.fixture_tests)

    def parts(client: str, run: int) -> dict[str, Any]:
        if client in ("ours", "floor"):
            figures = run_client(client, {**base, "scenario": "cold_start"}, args)
            figures["cpu_s"] = figures["process_cpu_s"]  # the whole process, as for the parts
        else:
            figures = cold_start_part(client, platform.connection())
        if "projects" in figures:
            check_figures(f"parts run {run + 1} {client}", figures, {"projects": expected_projects})
        return figures

    step = {"scale": scale, "cli": cli, "fixture": fixture, "parts": parts}.get(scenario.name, standard)
    if not scenario.heavy and scenario.name != "fixture":
        for client in clients:  # warm-up, not counted: the files every client reads are in the page cache
            step(client, -1)
    runs: dict[str, list[dict[str, Any]]] = {}
    for run in range(count):
        for client in clients:
            figures = step(client, run)
            per_client = figures if scenario.name == "scale" else {client: figures}
            for name, values in per_client.items():
                runs.setdefault(name, []).append(values)
                progress = f"run {run + 1}/{count} {name:<14}"
                print(f"  {scenario.name:<10} {progress} {_brief(scenario, values)}", flush=True)
    return runs


def _brief(scenario: Scenario, figures: dict[str, Any]) -> str:
    return "  ".join(f"{m}={figures[m]:.4g}" for m in scenario.metrics if m in figures)


# ------------------------------------------------------------------------------------------ report
def summarize(scenario: Scenario, runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    medians = {
        client: {
            metric: statistics.median(float(r[metric]) for r in figures)
            for metric in figures[0]
            if all(isinstance(r.get(metric), (int, float)) and not isinstance(r.get(metric), bool) for r in figures)
        }
        for client, figures in runs.items()
        if figures
    }
    pairs = scenario.pairs
    if scenario.name == "scale":  # each client at its largest size against its smallest
        sizes: dict[str, list[int]] = {}
        for key in medians:
            client, jobs = key.split("@")
            sizes.setdefault(client, []).append(int(jobs))
        pairs = tuple((f"{c}@{max(js)}", f"{c}@{min(js)}") for c, js in sizes.items() if len(js) > 1)
    ratios: dict[str, dict[str, float]] = {}
    for metric in scenario.metrics:
        for mine_name, theirs_name in pairs:
            mine, theirs = medians.get(mine_name, {}).get(metric), medians.get(theirs_name, {}).get(metric)
            if mine is not None and theirs:
                ratios.setdefault(metric, {})[f"{mine_name}/{theirs_name}"] = mine / theirs
    return {"title": scenario.title, "metrics": list(scenario.metrics), "medians": medians, "ratios": ratios,
            "runs": runs}  # fmt: skip


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    checks = []
    for scenario, metric, limit, reference, judged in TARGETS:
        summary = results.get(scenario)
        if summary is None:
            continue
        for ours in judged:
            if reference == "seconds":
                value = summary["medians"].get(ours, {}).get(metric)
                key = f"{ours} (s)"
            else:
                if reference == "floor":
                    key = f"{ours}/{OURS[ours]}"
                elif reference == "scale":
                    key = next((k for k in summary["ratios"].get(metric, {}) if k.startswith(f"{ours}@")), "")
                else:
                    key = f"{ours}/{reference}"
                value = summary["ratios"].get(metric, {}).get(key)
            if value is not None:
                checks.append({"scenario": scenario, "metric": metric, "ratio": key, "value": value, "limit": limit,
                               "unit": "s" if reference == "seconds" else "x", "met": value <= limit})  # fmt: skip
    return checks


def print_table(results: dict[str, Any], checks: list[dict[str, Any]]) -> None:
    print()
    for name, summary in results.items():
        print(f"== {name}: {summary['title']}")
        clients = list(summary["medians"])
        width = max([16, *(len(c) + 2 for c in clients)])
        header = f"   {'metric (median)':<28}" + "".join(f"{c:>{width}}" for c in clients)
        ratio_keys = sorted({k for metric in summary["ratios"].values() for k in metric})
        print(header + "".join(f"{k:>{max(29, len(k) + 3)}}" for k in ratio_keys))
        for metric in summary["metrics"]:
            row = f"   {metric:<28}"
            for client in clients:
                value = summary["medians"][client].get(metric)
                row += f"{value:>{width}.4g}" if value is not None else f"{'-':>{width}}"
            for key in ratio_keys:
                value = summary["ratios"].get(metric, {}).get(key)
                cell = max(29, len(key) + 3)
                row += f"{value:>{cell - 1}.3f}x" if value is not None else f"{'-':>{cell}}"
            print(row)
        print()
    if checks:
        print("== targets (ratio of medians, or median seconds)")
        for check in checks:
            verdict = "met" if check["met"] else "MISSED"
            print(f"   {check['scenario']:<10} {check['metric']:<20} {check['ratio']:<30} "
                  f"{check['value']:.3f}{check['unit']} <= {check['limit']}{check['unit']}  {verdict}")  # fmt: skip


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def _compile_sources() -> None:
    """Write the bytecode of this repository's packages, as an installed wheel has it: no timed run compiles
    them (``PYTHONDONTWRITEBYTECODE``, an editable install or a fresh ``make codegen`` would leave it to them)."""
    root = HERE.parent
    for package in ("saagieapi", "saagie_emulator"):
        compileall.compile_dir(str(root / package), quiet=1)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = _parse(argv)
    started = time.perf_counter()
    _compile_sources()
    load_before = _load()
    scenarios = [SCENARIOS[name] for name in SCENARIOS if name in args.scenarios]
    needs_export = any(s.name in ("export", "import") for s in scenarios)
    needs_scale = any(s.name == "scale" for s in scenarios)
    if "import" in args.scenarios and "export" not in args.scenarios:
        scenarios.insert(0, SCENARIOS["export"])  # the import reads what the export wrote
    results: dict[str, Any] = {}
    with EmulatorProcess(latency_ms=0.0) as platform, tempfile.TemporaryDirectory(prefix="saagie-bench-") as tmp:
        described = [f"{args.instances} instances"]
        if needs_export:
            described.append("export project: " + args.shape.describe())
        if needs_scale:
            described.append("scale projects: " + "; ".join(s.describe() for s in args.scale_shapes))
        print(f"emulator on {platform.url}; seeding ({'; '.join(described)})", flush=True)
        seeded = seed(platform, listing_instances=args.instances, shape=args.shape if needs_export else None,
                      scale_shapes=args.scale_shapes if needs_scale else ())  # fmt: skip
        print(f"seeded in {time.perf_counter() - started:.1f} s", flush=True)
        for scenario in scenarios:
            runs = run_scenario(scenario, platform, seeded, args, Path(tmp))
            if scenario.name in args.scenarios:
                results[scenario.name] = summarize(scenario, runs)
    checks = check_targets(results)
    report = {
        "meta": {
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "python": host.python_version(),
            "machine": f"{host.system()} {host.machine()}, {os.cpu_count()} CPUs",
            "load_average_before": load_before,
            "load_average_after": _load(),
            "quick": args.quick,
            "runs": args.runs,
            "runs_heavy": min(args.runs, 3) if not args.runs_given else args.runs,
            "latency_ms": args.latency_ms,
            "get_info_calls": args.calls,
            "listing_instances": args.instances,
            "fixture_tests": args.fixture_tests,
            "export_shape": asdict(args.shape) if needs_export else None,
            "scale_shapes": [asdict(s) for s in args.scale_shapes] if needs_scale else None,
            "clients": args.client_names,
            "duration_s": round(time.perf_counter() - started, 1),
        },
        "scenarios": results,
        "targets": checks,
    }
    print_table(results, checks)
    print(f"\nload average: before {load_before}; after {report['meta']['load_average_after']}")
    out = args.out or RESULTS / f"bench-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"figures written to {out} ({report['meta']['duration_s']} s)")
    return report


if __name__ == "__main__":  # pragma: no cover
    main()
