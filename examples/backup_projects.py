"""Nightly backup: export every project (or the ones named) into a dated folder, and prune old backups.

    export SAAGIE_URL=https://acme-workspace.saagie.io/projects/platform/6/ SAAGIE_USER=backup SAAGIE_PASSWORD=...
    python examples/backup_projects.py --output /backups/saagie --keep 14
    python examples/backup_projects.py --output /backups/saagie --project analytics --project finance

Each run writes ``<output>/<YYYY-MM-DD>/<project id>/`` in the export layout of saagieapi (2.x and 3.x read
it back with ``api.projects.import_from_json``), then deletes the dated folders beyond the ``--keep`` most
recent ones. Job artifacts are included; password values are not (the platform never returns them).
Exit status: 0 when every project was exported, 1 otherwise.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

from saagieapi import SaagieApi, SaagieError

DATED = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Export Saagie projects into a dated backup folder.")
    parser.add_argument("--output", required=True, type=Path, help="folder holding the dated backups")
    parser.add_argument("--project", action="append", help="name of a project to back up (default: all)")
    parser.add_argument("--keep", type=int, default=7, help="how many dated backups to keep (default 7)")
    parser.add_argument("--all-versions", action="store_true", help="export every version, not the current one")
    return parser.parse_args(argv)


def prune(output: Path, keep: int) -> list[Path]:
    """Delete the dated backup folders beyond the ``keep`` most recent; return them."""
    dated = sorted(path for path in output.iterdir() if path.is_dir() and DATED.match(path.name))
    old = dated[: max(0, len(dated) - keep)]
    for path in old:
        shutil.rmtree(path)
    return old


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    target = args.output / datetime.now(timezone.utc).strftime("%Y-%m-%d")
    errors = target / "errors"
    failed: list[str] = []
    try:
        with SaagieApi.from_env() as api:
            if args.project:
                projects = [api.projects.get_info_by_name(name) for name in args.project]
            else:
                projects = api.projects.list()
            target.mkdir(parents=True, exist_ok=True)
            for project in projects:
                try:
                    result = api.projects.export(
                        project.id, target, error_folder=errors, versions_only_current=not args.all_versions
                    )
                except SaagieError as error:
                    failed.append(project.name)
                    print(f"  project {project.name!r}: FAILED ({error})", file=sys.stderr)
                    continue
                jobs, pipelines, apps = (len(result.of(kind)) for kind in ("job", "pipeline", "app"))
                print(f"  project {project.name!r}: {jobs} job(s), {pipelines} pipeline(s), {apps} app(s)")
                if not result.ok:
                    failed.append(project.name)
                    for item in result.failed:
                        print(f"    {item.kind} {item.name!r} not exported: {item.reason}", file=sys.stderr)
    except SaagieError as error:
        print(f"Backup failed: {error}", file=sys.stderr)
        return 1
    removed = prune(args.output, args.keep)
    print(f"Backed up {len(projects) - len(failed)} of {len(projects)} project(s) into {target}")
    if removed:
        print(f"Removed {len(removed)} old backup(s): {', '.join(path.name for path in removed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
