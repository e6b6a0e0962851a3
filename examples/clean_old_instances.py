"""Delete the job and pipeline instances older than N days, in one project or in every project.

    export SAAGIE_URL=https://acme-workspace.saagie.io/projects/platform/6/ SAAGIE_USER=me SAAGIE_PASSWORD=...
    python examples/clean_old_instances.py --days 30 --dry-run     # count what would go
    python examples/clean_old_instances.py --days 30 --project analytics

Only instances in a final status (succeeded, failed, killed...) can be deleted; running ones are kept.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone

from saagieapi import SaagieApi, SaagieError

#: The longest retention accepted (a hundred years): beyond it the cut-off date is not a date.
MAX_DAYS = 36500


def days(text: str) -> float:
    """``--days``: a number of days from 0 (every finished instance) to MAX_DAYS; never a cut-off in the future."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 0 <= value <= MAX_DAYS:  # also rejects nan
        raise argparse.ArgumentTypeError(
            f"{text} days would put the cut-off {'in the future' if value < 0 else 'out of range'}: "
            f"give a number of days from 0 to {MAX_DAYS}"
        )
    return value


def project_name(text: str) -> str:
    """``--project``: a non-blank project name."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the project name is empty")
    return text


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Delete old job and pipeline instances.")
    parser.add_argument("--days", type=days, default=30, help="keep the instances of the last DAYS days (>= 0)")
    parser.add_argument("--project", type=project_name, help="name of the project (default: every project)")
    parser.add_argument("--dry-run", action="store_true", help="count the instances, delete nothing")
    return parser.parse_args(argv)


def clean_project(api: SaagieApi, project_id: str, before: datetime, dry_run: bool) -> int:
    """Delete (or count) the old instances of the jobs and pipelines of a project; return how many."""
    total = 0
    for job in api.jobs.list_for_project_minimal(project_id):
        if dry_run:
            count = api.jobs.count_deletable_instances_by_date(job.id, before)
        else:
            count = api.jobs.delete_instances_by_date(job.id, before)
        if count:
            print(f"  job {job.name!r}: {count} instance(s)")
        total += count
    for pipeline in api.pipelines.list_for_project_minimal(project_id):
        if dry_run:
            count = api.pipelines.count_deletable_instances_by_date(pipeline.id, before)
        else:
            count = api.pipelines.delete_instances_by_date(pipeline.id, before)
        if count:
            print(f"  pipeline {pipeline.name!r}: {count} instance(s)")
        total += count
    return total


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    before = datetime.now(timezone.utc) - timedelta(days=args.days)
    verb = "would delete" if args.dry_run else "deleted"
    try:
        with SaagieApi.from_env() as api:
            projects = [api.projects.get_info_by_name(args.project)] if args.project else api.projects.list()
            total = 0
            for project in projects:
                print(f"Project {project.name!r}: instances before {before:%Y-%m-%d %H:%M} UTC")
                total += clean_project(api, project.id, before, args.dry_run)
    except SaagieError as error:
        print(f"Cleaning failed: {error}", file=sys.stderr)
        return 1
    print(f"Done: {verb} {total} instance(s) in {len(projects)} project(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
