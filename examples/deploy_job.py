"""Deploy a job from CI: create it or upgrade it with a new artifact, then (optionally) run it and wait.

Typical use in a CI pipeline, once the artifact is built::

    export SAAGIE_URL=https://acme-workspace.saagie.io/projects/platform/6/ SAAGIE_USER=ci SAAGIE_PASSWORD=...
    python examples/deploy_job.py --project analytics --job ingest --file dist/ingest.py \\
        --release-note "$CI_COMMIT_SHORT_SHA" --run

Exit status: 0 when deployed (and, with ``--run``, when the run succeeded), 1 otherwise. A failed run prints
the last lines of its log, so that the CI output shows why; ``--logs`` prints every line as the run writes it.
"""

from __future__ import annotations

import argparse
import sys

from saagieapi import RunFailedError, SaagieApi, SaagieError, WaitTimeoutError
from saagieapi.models import JobInstance


def status_of(instance: JobInstance) -> str:
    """The current status of a job instance, as text."""
    if instance.history is not None and instance.history.current_status is not None:
        return str(instance.history.current_status.status.value)
    return str(instance.status.value)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Create or upgrade a Saagie job from a local artifact.")
    parser.add_argument("--project", required=True, help="name of the project")
    parser.add_argument("--job", required=True, help="name of the job")
    parser.add_argument("--file", required=True, help="the artifact to upload (script, jar, zip...)")
    parser.add_argument("--technology", default="python", help="technology label in the catalog")
    parser.add_argument("--runtime-version", default="3.10", help="runtime of the technology")
    parser.add_argument("--command-line", default="python {file}", help="command line of the job")
    parser.add_argument("--release-note", default="", help="release note of the new version (commit, tag...)")
    parser.add_argument("--run", action="store_true", help="run the job once deployed and wait for the end")
    parser.add_argument(
        "--logs", action="store_true", help="print the run's log lines as they are written (with --run)"
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait for the run (with --run)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        with SaagieApi.from_env() as api:
            project_id = api.projects.get_id(args.project)
            job = api.jobs.create_or_upgrade(
                args.job,
                project_id,
                file=args.file,
                technology=args.technology,
                runtime_version=args.runtime_version,
                command_line=args.command_line,
                release_note=args.release_note,
            )
            current = next((version.number for version in job.versions or [] if version.is_current), None)
            print(f"Deployed job {job.name!r} ({job.id}) in project {args.project!r}: version {current}")
            if args.run:
                instance = api.jobs.run_with_callback(
                    job.id,
                    timeout=args.timeout,
                    callback=lambda polled: print(f"  run {polled.number}: {status_of(polled)}", flush=True),
                    on_log=(lambda line: print(f"  | {line}", flush=True)) if args.logs else None,
                )
                print(f"Run {instance.number} of {job.name!r} ended with {status_of(instance)}")
    except RunFailedError as error:
        print(f"Run {error.instance_id} did not succeed: it ended {error.status}", file=sys.stderr)
        if error.log_tail:  # the last lines of the run's log (STDOUT and STDERR): why it failed
            print(f"Last {len(error.log_tail)} log lines:", file=sys.stderr)
            for line in error.log_tail:
                print(f"  | {line}", file=sys.stderr)
        return 1
    except WaitTimeoutError as error:
        print(f"Run {error.instance_id} did not succeed: {error}", file=sys.stderr)
        return 1
    except SaagieError as error:
        print(f"Deployment failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
