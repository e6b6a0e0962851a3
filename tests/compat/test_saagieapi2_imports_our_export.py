"""saagieapi 2.13.1 imports a project exported by saagieapi 3 (the round-trip project), into another platform."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import saagie_emulator
from saagieapi import SaagieApi

from ..integration._sync.test_export_import import build_project
from ..support.saagieapi2 import run_python2

pytestmark = pytest.mark.compat

IMPORT = """
import json, logging, sys
from saagieapi import SaagieApi
logging.disable(logging.CRITICAL)
args = json.loads(sys.argv[1]) if len(sys.argv) > 1 else None
api = SaagieApi(url_saagie={url!r}, id_platform={platform_id!r}, user={user!r}, password={password!r}, realm={realm!r})
print(json.dumps(api.projects.import_from_json({folder!r})))
"""


def test_saagieapi2_imports_our_project_export(tmp_path: Path) -> None:
    with saagie_emulator.running(speed=200.0) as source, saagie_emulator.running(speed=200.0, platform_id=2) as target:
        with SaagieApi(source.url, source.platform_id, source.user, source.password, source.realm) as api:
            project_id = build_project(api, tmp_path)
            name = api.projects.get_info(project_id).name
            exported = api.projects.export(project_id, tmp_path / "out")
        code = IMPORT.format(
            url=target.url,
            platform_id=str(target.platform_id),
            user=target.user,
            password=target.password,
            realm=target.realm,
            folder=str(exported.folder),
        )
        output = run_python2(code)
        # 2.x reports False because it never finds the env vars and cannot recreate the docker job's image;
        # what matters here is what it created from our files.
        assert json.loads(output.strip().splitlines()[-1]) in (True, False)
        with SaagieApi(target.url, target.platform_id, target.user, target.password, target.realm) as other:
            new_id = other.projects.get_id(name)
            jobs = {job.name for job in other.jobs.list_for_project_minimal(new_id)}
            assert {"job0", "job1", "job2", "job3"} <= jobs
            pipelines = {p.name for p in other.pipelines.list_for_project_minimal(new_id)}
            assert "pipeline_status" in pipelines
            apps = {a.name for a in other.apps.list_for_project_minimal(new_id)}
            assert "web" in apps
            job0 = other.jobs.get_info(other.jobs.get_id("job0", name))
            assert job0.versions[0].package_info is not None  # the artifact we wrote was uploaded by 2.x
