"""saagieapi 2.13.1 (unmodified, own interpreter) runs the shape scenario against the emulator.

Usage: ``<saagieapi2 python> driver_saagieapi2_shapes.py <workdir>`` with the SAAGIE_* variables set. The last
line printed is ``RESULT:<json>``: ``{step id: record}`` (see ``scenario_runner.run_steps``).
"""

import contextlib
import json
import os
import sys
from pathlib import Path

from saagieapi.pipelines import graph_pipeline
from saagieapi.utils.bearer_auth import BearerAuth
from scenario import STEPS
from scenario_runner import run_steps

from saagieapi import SaagieApi


@contextlib.contextmanager
def no_login():
    """``easy_connect`` logs in at once; this step only checks how the URL is parsed."""
    original = BearerAuth._authenticate
    BearerAuth._authenticate = lambda self, *args, **kwargs: "token"
    try:
        yield
    finally:
        BearerAuth._authenticate = original


def main() -> None:
    workdir = Path(sys.argv[1])
    env = os.environ
    api = SaagieApi(
        url_saagie=env["SAAGIE_URL"],
        id_platform=env["SAAGIE_PLATFORM_ID"],
        user=env["SAAGIE_USER"],
        password=env["SAAGIE_PASSWORD"],
        realm=env["SAAGIE_REALM"],
    )
    records = run_steps(api, SaagieApi, graph_pipeline, STEPS, workdir, env, {"no_login": no_login})
    print("RESULT:" + json.dumps(records))


if __name__ == "__main__":
    main()
