"""Smoke scenario run by the installed wheel's interpreter, from a folder outside the checkout.

Prints one JSON object with what it saw; the test asserts on it.
"""

from __future__ import annotations

import io
import json
import sys
import sysconfig
from pathlib import Path

import httpx

import saagie_emulator
import saagieapi
from saagieapi import SaagieApi

site_packages = Path(sysconfig.get_paths()["purelib"]).resolve()
for module in (saagieapi, saagie_emulator):
    origin = Path(module.__file__ or "").resolve()
    if site_packages not in origin.parents:
        sys.exit(f"{module.__name__} imported from {origin}, not from {site_packages}")

report: dict[str, object] = {"saagieapi": saagieapi.__version__}
with saagie_emulator.running(speed=100) as platform:
    # A raw GraphQL request without variables (graphql-core 3.3 left variable_definitions None: HTTP 500).
    with httpx.Client(base_url=platform.url, timeout=30) as raw:
        token = raw.post(
            "/authentication/api/open/authenticate",
            json={"login": platform.user, "password": platform.password},
            headers={"Saagie-Realm": platform.realm},
        ).text
        headers = {"Authorization": f"Bearer {token}", "Saagie-Realm": platform.realm}
        graphql = f"/projects/api/platform/{platform.platform_id}/graphql"
        plain = raw.post(graphql, json={"query": "{ projects { id } }"}, headers=headers)
        report["plain_query"] = [plain.status_code, plain.json()]
        # A body python-multipart cannot parse is the client's fault (HTTP 400), whatever the starlette version.
        broken = raw.post(
            graphql,
            content=b"--x\r\nnot multipart",
            headers={**headers, "Content-Type": "multipart/form-data; boundary=x"},
        )
        report["malformed_multipart"] = broken.status_code

    with SaagieApi.easy_connect(platform.platform_url, platform.user, platform.password, realm=platform.realm) as api:
        project = api.projects.create("smoke", description="packaging smoke test")
        artifact = io.BytesIO(b"print('hello')\n")
        artifact.name = "hello.py"
        job = api.jobs.create("hello", project.id, file=artifact, command_line="python {file}")
        instance = api.jobs.run_with_callback(job.id, freq=0.05, timeout=60)
        info = api.get_platform_info()
        report["run_status"] = instance.status.value
        report["jobs_count"] = info.counts.jobs
        report["job_names"] = [item.name for item in api.jobs.list_for_project(project.id)]
print(json.dumps(report))
