"""An export's output folder that cannot be made: 2.x let the ``OSError`` of ``os.makedirs`` out of
``jobs.export`` and ``projects.export`` (``except OSError:`` in 2.x scripts); ``saagieapi.v2`` raises an
``ExportError`` that is also that ``OSError``, from each export method, before anything is sent or written."""

from __future__ import annotations

import errno
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from saagie_emulator import RunningPlatform
from saagieapi.errors import ExportError
from saagieapi.v2 import SaagieApi
from tests.support.saagieapi2 import run_python2


@pytest.fixture
def saagie(saagie_platform: RunningPlatform) -> Iterator[SaagieApi]:
    platform = saagie_platform
    with SaagieApi(platform.url, str(platform.platform_id), platform.user, platform.password, platform.realm) as client:
        yield client


def _job(saagie: SaagieApi, tmp_path: Path) -> tuple[str, str]:
    project_id = saagie.projects.create("exports", group="administrators", role="Manager")["createProject"]["id"]
    saagie.projects.get_status_with_callback(project_id, freq=1, timeout=30)
    script = tmp_path / "job.py"
    script.write_text("print(1)\n")
    job_id = saagie.jobs.create("job", project_id, file=str(script))["data"]["createJob"]["id"]
    return project_id, job_id


EXPORTS: dict[str, Callable[[SaagieApi, str, str, str], Any]] = {
    "jobs": lambda saagie, project_id, job_id, out: saagie.jobs.export(job_id, out),
    "projects": lambda saagie, project_id, job_id, out: saagie.projects.export(project_id, out),
    "pipelines": lambda saagie, project_id, job_id, out: saagie.pipelines.export(job_id, out),
    "apps": lambda saagie, project_id, job_id, out: saagie.apps.export(job_id, out),
    "env_vars": lambda saagie, project_id, job_id, out: saagie.env_vars.export(project_id, out),
}


@pytest.mark.parametrize("method", sorted(EXPORTS))
def test_a_folder_under_a_file_raises_the_oserror_2x_raised(saagie: SaagieApi, tmp_path: Path, method: str) -> None:
    project_id, job_id = _job(saagie, tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError) as raised:
        EXPORTS[method](saagie, project_id, job_id, str(blocker / "out"))
    assert isinstance(raised.value, NotADirectoryError)
    assert raised.value.errno == errno.ENOTDIR
    assert str(raised.value).startswith("cannot write an export into")
    assert blocker.read_text() == "not a folder"


@pytest.mark.compat
def test_the_same_except_clauses_fire_as_with_2x(
    saagie: SaagieApi, saagie_platform: RunningPlatform, tmp_path: Path
) -> None:
    platform = saagie_platform
    project_id, job_id = _job(saagie, tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = str(blocker / "out")
    code = f"""
import json, logging
logging.disable(logging.CRITICAL)
from saagieapi import SaagieApi
saagie = SaagieApi({platform.url!r}, {str(platform.platform_id)!r}, {platform.user!r}, {platform.password!r},
                   {platform.realm!r})
raised = {{}}
for name, call in [("jobs", lambda: saagie.jobs.export({job_id!r}, {out!r})),
                   ("projects", lambda: saagie.projects.export({project_id!r}, {out!r}))]:
    try:
        call()
        raised[name] = None
    except Exception as error:
        raised[name] = [cls.__name__ for cls in type(error).__mro__ if cls.__module__ == "builtins"]
print(json.dumps(raised))
"""
    theirs = json.loads(run_python2(code).strip().splitlines()[-1])
    assert theirs == {
        name: ["NotADirectoryError", "OSError", "Exception", "BaseException", "object"] for name in ("jobs", "projects")
    }
    for name in theirs:
        with pytest.raises(OSError) as raised:
            EXPORTS[name](saagie, project_id, job_id, out)
        assert isinstance(raised.value, NotADirectoryError)
