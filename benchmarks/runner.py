"""``python -m benchmarks``: saagieapi 3 against saagieapi 2.13.1 and a raw httpx floor, on the emulator.

One emulator process (latency injected per scenario), seeded once; every measurement is a fresh client
process (``benchmarks/clients.py``), the clients interleaved run by run; the table shows medians and the
ratios ours/2.13.1 and ours/floor; the figures go to ``benchmarks/results/bench-<time>.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform as host
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .platform import EmulatorProcess
from .seeding import ExportShape, Seeded, seed

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


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    latency_ms: float  # None-like values are replaced by --latency-ms
    metrics: tuple[str, ...]  # the first is the headline figure
    clients: tuple[str, ...]
    cpu_bound: bool = False
    heavy: bool = False  # long runs: at most 3 of them unless --runs is given


SCENARIOS = {
    s.name: s
    for s in (
        Scenario("cold_start", "cold start: new process, import, connect, first projects.list()", -1,
                 ("process_s", "in_process_s", "cpu_s"), ALL_CLIENTS),
        Scenario("get_info", "sequential jobs.get_info at 0 ms latency: client CPU per call", 0,
                 ("cpu_per_call_ms", "wall_per_call_ms"), ALL_CLIENTS, cpu_bound=True),
        Scenario("export", "project export (jobs with versions and artifacts, apps, pipelines, env vars)", -1,
                 ("wall_s",), ("ours", "ours_async", "saagieapi2"), heavy=True),
        Scenario("import", "import of that export into a new project", -1,
                 ("wall_s",), ("ours", "ours_async", "saagieapi2"), heavy=True),
        Scenario("listing", "a job with thousands of instances: jobs.get_info (all in memory, as 2.x); "
                 "ours*_iter: jobs.iter_instances, pages of 500, counted", -1,
                 ("wall_s", "peak_rss_mb", "peak_rss_growth_mb"), ALL_CLIENTS + ITER_CLIENTS),
    )
}  # fmt: skip

#: (scenario, metric, limit for ours/<reference>, reference client, our clients judged)
TARGETS = (
    ("cold_start", "process_s", 0.5, "saagieapi2", ("ours", "ours_async")),
    ("get_info", "cpu_per_call_ms", 0.3, "saagieapi2", ("ours", "ours_async")),
    ("get_info", "cpu_per_call_ms", 2.0, "floor", ("ours", "ours_async")),
    ("export", "wall_s", 0.2, "saagieapi2", ("ours", "ours_async")),
    ("import", "wall_s", 0.3, "saagieapi2", ("ours", "ours_async")),
    # Walking 5,000 instances: judged on jobs.iter_instances, the SDK's way; get_info rows are shown, not judged.
    ("listing", "peak_rss_mb", 1.0, "saagieapi2", ITER_CLIENTS),
)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller data (smoke test)")
    parser.add_argument("--scenario", default=",".join(SCENARIOS), help="comma-separated: " + ", ".join(SCENARIOS))
    parser.add_argument("--clients", default=",".join(ALL_CLIENTS), help="comma-separated: " + ", ".join(ALL_CLIENTS))
    parser.add_argument(
        "--runs", type=int, default=None, help="runs per client and scenario (default 5, export/import 3; quick 2)"
    )
    parser.add_argument("--latency-ms", type=float, default=20.0, help="latency of the non-CPU scenarios")
    parser.add_argument("--calls", type=int, default=None, help="get_info calls per run (default 300, quick 50)")
    parser.add_argument("--instances", type=int, default=None, help="instances of the listed job (5000, quick 300)")
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
    args.shape = ExportShape(jobs=6, artifact_kb=16, apps=2, pipelines=2, env_vars=4) if args.quick else ExportShape()
    return args


# ------------------------------------------------------------------------------------------ running
def _python_for(client: str, args: argparse.Namespace) -> str:
    return str(args.saagieapi2_python) if client == "saagieapi2" else sys.executable


def run_client(client: str, config: dict[str, Any], args: argparse.Namespace, timeout: float = 900) -> dict[str, Any]:
    """Run one scenario in a fresh isolated process (``-I``, temp working directory); return its figures."""
    config = {**config, "client": client}
    with tempfile.TemporaryDirectory(prefix="saagie-bench-") as cwd:
        started = time.perf_counter()
        done = subprocess.run(
            [_python_for(client, args), "-I", str(CLIENT_SCRIPT), json.dumps(config)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        elapsed = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH:")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{client} failed in {config['scenario']}:\n{done.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(lines[-1][len("BENCH:") :])
    figures["process_s"] = elapsed
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


def _delete_project(platform: EmulatorProcess, name: str) -> None:
    from saagieapi import SaagieApi

    conn = platform.connection()
    with SaagieApi(conn["url"], conn["platform_id"], conn["user"], conn["password"], conn["realm"]) as api:
        for project in api.projects.list():
            if project.name == name:
                api.projects.delete(project.id)


def run_scenario(
    scenario: Scenario, platform: EmulatorProcess, seeded: Seeded, args: argparse.Namespace, work: Path
) -> dict[str, list[dict[str, Any]]]:
    latency = args.latency_ms if scenario.latency_ms < 0 else scenario.latency_ms
    platform.set_latency(latency)
    clients = [
        c
        for c in scenario.clients
        if c in args.client_names or (c in ITER_CLIENTS and c.removesuffix("_iter") in args.client_names)
    ]
    base = {**platform.connection(), "scenario": scenario.name, "payloads": seeded.payloads}
    runs: dict[str, list[dict[str, Any]]] = {client: [] for client in clients}
    export_source = work / "export-source"
    count = min(args.runs, 3) if scenario.heavy and not args.runs_given else args.runs
    for run in range(count):
        for client in clients:
            config = dict(base)
            if scenario.name == "get_info":
                config.update(job_id=seeded.job_id, calls=args.calls)
            elif scenario.name == "listing":
                config.update(job_id=seeded.listing_job_id, instances=seeded.listing_instances)
            elif scenario.name == "export":
                folder = work / f"export-{client}-{run}"
                config.update(project_id=seeded.export_project_id, folder=str(folder))
            elif scenario.name == "import":
                name = f"bench-import-{client}-{run}"
                folder = work / f"import-{client}-{run}"
                config.update(folder=str(_prepare_import_folder(export_source, folder, name)))
            figures = run_client(client, config, args)
            if scenario.name == "export":
                if not export_source.exists() and (client == "saagieapi2" or "saagieapi2" not in clients):
                    shutil.copytree(folder, export_source)
                shutil.rmtree(folder, ignore_errors=True)
            elif scenario.name == "import":
                _delete_project(platform, name)
                shutil.rmtree(folder, ignore_errors=True)
            runs[client].append(figures)
            progress = f"run {run + 1}/{count} {client:<11}"
            print(f"  {scenario.name:<10} {progress} {_brief(scenario, figures)}", flush=True)
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
    ratios: dict[str, dict[str, float]] = {}
    for metric in scenario.metrics:
        for ours, floor in OURS.items():
            for reference in ("saagieapi2", floor):
                mine, theirs = medians.get(ours, {}).get(metric), medians.get(reference, {}).get(metric)
                if mine is not None and theirs:
                    ratios.setdefault(metric, {})[f"{ours}/{reference}"] = mine / theirs
    return {"title": scenario.title, "metrics": list(scenario.metrics), "medians": medians, "ratios": ratios,
            "runs": runs}  # fmt: skip


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    checks = []
    for scenario, metric, limit, reference, judged in TARGETS:
        ratios = results.get(scenario, {}).get("ratios", {}).get(metric, {})
        for ours, floor in OURS.items():
            if ours not in judged:
                continue
            key = f"{ours}/{floor if reference == 'floor' else reference}"
            if key in ratios:
                value = ratios[key]
                checks.append({"scenario": scenario, "metric": metric, "ratio": key, "value": value,
                               "limit": limit, "met": value <= limit})  # fmt: skip
    return checks


def print_table(results: dict[str, Any], checks: list[dict[str, Any]]) -> None:
    print()
    for name, summary in results.items():
        print(f"== {name}: {summary['title']}")
        clients = list(summary["medians"])
        header = f"   {'metric (median)':<22}" + "".join(f"{c:>16}" for c in clients)
        ratio_keys = sorted({k for metric in summary["ratios"].values() for k in metric})
        print(header + "".join(f"{k:>29}" for k in ratio_keys))
        for metric in summary["metrics"]:
            row = f"   {metric:<22}"
            for client in clients:
                value = summary["medians"][client].get(metric)
                row += f"{value:>16.4g}" if value is not None else f"{'-':>16}"
            for key in ratio_keys:
                value = summary["ratios"].get(metric, {}).get(key)
                row += f"{value:>28.3f}x" if value is not None else f"{'-':>29}"
            print(row)
        print()
    if checks:
        print("== targets (ratio of medians)")
        for check in checks:
            verdict = "met" if check["met"] else "MISSED"
            print(f"   {check['scenario']:<10} {check['metric']:<16} {check['ratio']:<26} "
                  f"{check['value']:.3f}x <= {check['limit']}x  {verdict}")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = _parse(argv)
    started = time.perf_counter()
    scenarios = [SCENARIOS[name] for name in SCENARIOS if name in args.scenarios]
    needs_export = any(s.name in ("export", "import") for s in scenarios)
    if "import" in args.scenarios and "export" not in args.scenarios:
        scenarios.insert(0, SCENARIOS["export"])  # the import reads what the export wrote
    results: dict[str, Any] = {}
    with EmulatorProcess(latency_ms=0.0) as platform, tempfile.TemporaryDirectory(prefix="saagie-bench-") as tmp:
        print(f"emulator on {platform.url}; seeding ({args.instances} instances"
              f"{'; export project: ' + args.shape.describe() if needs_export else ''})", flush=True)  # fmt: skip
        seeded = seed(platform, listing_instances=args.instances, shape=args.shape if needs_export else None)
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
            "quick": args.quick,
            "runs": args.runs,
            "runs_export_import": min(args.runs, 3) if not args.runs_given else args.runs,
            "latency_ms": args.latency_ms,
            "get_info_calls": args.calls,
            "listing_instances": args.instances,
            "export_shape": asdict(args.shape) if needs_export else None,
            "clients": args.client_names,
            "duration_s": round(time.perf_counter() - started, 1),
        },
        "scenarios": results,
        "targets": checks,
    }
    print_table(results, checks)
    out = args.out or RESULTS / f"bench-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"\nfigures written to {out} ({report['meta']['duration_s']} s)")
    return report
