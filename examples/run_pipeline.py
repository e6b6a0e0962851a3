"""Run a pipeline and wait for the end, printing its status as it changes.

    export SAAGIE_URL=https://acme-workspace.saagie.io/projects/platform/6/ SAAGIE_USER=me SAAGIE_PASSWORD=...
    python examples/run_pipeline.py --project analytics --pipeline nightly --timeout 7200

Exit status: 0 when the pipeline succeeded, 1 when it failed or did not end in time.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from saagieapi import RunFailedError, SaagieApi, SaagieError, WaitTimeoutError


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run a Saagie pipeline and wait for it to end.")
    parser.add_argument("--project", required=True, help="name of the project")
    parser.add_argument("--pipeline", required=True, help="name of the pipeline")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait (default one hour)")
    parser.add_argument("--freq", type=float, default=0.5, help="first delay between two polls, in seconds")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    last_status: list[str] = []

    def show(instance: Any) -> None:
        status = str(instance.status.value)
        if not last_status or last_status[-1] != status:
            print(f"  pipeline {args.pipeline!r}: {status}", flush=True)
            last_status.append(status)

    try:
        with SaagieApi.from_env() as api:
            pipeline_id = api.pipelines.get_id(args.pipeline, args.project)
            print(f"Running pipeline {args.pipeline!r} ({pipeline_id}) of project {args.project!r}")
            instance = api.pipelines.run_with_callback(pipeline_id, freq=args.freq, timeout=args.timeout, callback=show)
            print(f"Pipeline instance {instance.id} ended with {instance.status.value}")
    except RunFailedError as error:
        print(f"Pipeline instance {error.instance_id} ended with {error.status}", file=sys.stderr)
        return 1
    except WaitTimeoutError as error:
        print(f"Pipeline instance {error.instance_id} still {error.status} after {args.timeout} s", file=sys.stderr)
        return 1
    except SaagieError as error:
        print(f"Could not run the pipeline: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
