"""saagieapi 2.13.1 (unmodified, own interpreter) runs the shape scenario against the emulator.

Usage: ``<saagieapi2 python> driver_saagieapi2_shapes.py <workdir>`` with the SAAGIE_* variables set. The last
line printed is ``RESULT:<json>``: ``{step id: record}`` (see ``scenario_runner.run_steps``).
"""

import contextlib
import json
import os
import sys
from pathlib import Path

from graphql import print_ast
from saagieapi.pipelines import graph_pipeline
from saagieapi.utils.bearer_auth import BearerAuth
from saagieapi.utils.gql_client import GqlClient
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


DOCUMENTS: list[dict] = []


def _recording(execute):
    def recorded(self, query, variable_values=None, *args, **kwargs):
        variables = {key: value for key, value in (variable_values or {}).items() if key not in ("file", "upload")}
        DOCUMENTS.append({"query": print_ast(query), "variables": variables})
        return execute(self, query, variable_values, *args, **kwargs)

    return recorded


def documents() -> dict:
    """The GraphQL documents the last step sent (its own selection is the last one)."""
    sent = list(DOCUMENTS)
    DOCUMENTS.clear()
    return {"documents": sent}


def main() -> None:
    GqlClient.execute = _recording(GqlClient.execute)
    workdir = Path(sys.argv[1])
    env = os.environ
    api = SaagieApi(
        url_saagie=env["SAAGIE_URL"],
        id_platform=env["SAAGIE_PLATFORM_ID"],
        user=env["SAAGIE_USER"],
        password=env["SAAGIE_PASSWORD"],
        realm=env["SAAGIE_REALM"],
    )
    DOCUMENTS.clear()
    records = run_steps(api, SaagieApi, graph_pipeline, STEPS, workdir, env, {"no_login": no_login}, documents)
    print("RESULT:" + json.dumps(records))


if __name__ == "__main__":
    main()
