"""No password, token or password-variable value in logs (DEBUG, every logger), reprs or error messages."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import pytest

from saagie_emulator import RunningPlatform
from saagieapi import SaagieApi
from saagieapi.errors import SaagieError

PASSWORD_VARIABLE = "pv-Zq8-very-secret-value"
UPDATED_PASSWORD_VARIABLE = "pv-Updated-secret-2"
DOCKER_PASSWORD = "dk-registry-secret-9876"
NEW_USER_PASSWORD = "nu-Secret-pass-5555"


def _texts_of(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    texts += [repr(arg) for arg in error.args]
    for attribute in ("errors", "data", "body", "url"):
        texts.append(repr(getattr(error, attribute, None)))
    return texts


def test_full_scenario_at_debug_leaks_no_secret(
    saagie_platform: RunningPlatform, caplog: pytest.LogCaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens: list[str] = []  # every token the platform issued, recorded on the platform's side
    store = saagie_platform.emulator.tokens
    issue = store.issue

    def recording_issue(login: str) -> str:
        tokens.append(issue(login))
        return tokens[-1]

    monkeypatch.setattr(store, "issue", recording_issue)
    script = tmp_path / "job.py"
    script.write_text("print('hi')\n")
    seen: list[str] = []
    errors: list[SaagieError] = []

    def provoke(call: object) -> None:
        try:
            call()  # type: ignore[operator]
        except SaagieError as error:
            errors.append(error)

    caplog.set_level(logging.DEBUG)  # the root logger: saagieapi, httpx, httpcore, everything
    with SaagieApi(
        saagie_platform.url,
        saagie_platform.platform_id,
        saagie_platform.user,
        saagie_platform.password,
        saagie_platform.realm,
        retries=1,
    ) as api:
        project = api.projects.create("secrets")
        api.jobs.create("job", project.id, file=script, technology="Python", runtime_version="3.10")
        api.env_vars.create("PROJECT", "DB_PASSWORD", PASSWORD_VARIABLE, is_password=True, project_id=project.id)
        api.env_vars.create("GLOBAL", "API_KEY", PASSWORD_VARIABLE + "-global", is_password=True)
        api.env_vars.update(
            "PROJECT", "DB_PASSWORD", value=UPDATED_PASSWORD_VARIABLE, is_password=True, project_id=project.id
        )
        seen += [repr(api.env_vars.list("PROJECT", project_id=project.id)), repr(api.env_vars.list("GLOBAL"))]
        credential = api.docker_credentials.create(project.id, "bot", DOCKER_PASSWORD, registry="ghcr.io")
        seen.append(repr(credential))
        api.users.create("newcomer", NEW_USER_PASSWORD, roles=["ROLE_READER"])
        # Errors: duplicates echoing the inputs, unknown ids, an expired token, injected server errors.
        provoke(
            lambda: api.env_vars.create(
                "PROJECT", "DB_PASSWORD", PASSWORD_VARIABLE, is_password=True, project_id=project.id
            )
        )
        provoke(lambda: api.env_vars.create("GLOBAL", "API_KEY", PASSWORD_VARIABLE, is_password=True))
        provoke(lambda: api.users.create("newcomer", NEW_USER_PASSWORD))
        provoke(lambda: api.docker_credentials.create("no-such-project", "bot", DOCKER_PASSWORD))
        provoke(lambda: api.jobs.get_info("no-such-job"))
        saagie_platform.expire_tokens()
        seen.append(repr(api.projects.list()))
        saagie_platform.faults.configure(fault_rate=1.0, fault_statuses=[500])
        provoke(lambda: api.env_vars.create("GLOBAL", "OTHER", PASSWORD_VARIABLE, is_password=True))
        provoke(lambda: api.projects.list())
        saagie_platform.faults.configure(fault_rate=0.0)
        seen += [repr(api), str(api), repr(api.transport), repr(api.settings), str(api.settings), repr(api.jobs)]
    with SaagieApi(
        saagie_platform.url,
        saagie_platform.platform_id,
        saagie_platform.user,
        "wrong-" + saagie_platform.password,
        saagie_platform.realm,
    ) as wrong:
        provoke(lambda: wrong.projects.list())
        seen += [repr(wrong), repr(wrong.transport), repr(wrong.settings)]

    assert len(tokens) == 2  # the first login and the one after the expiry
    assert len(errors) == 8 and all(isinstance(error, SaagieError) for error in errors)
    for error in errors:
        seen += _texts_of(error)
    for record in caplog.records:
        seen.append(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            seen += _texts_of(record.exc_info[1])
    assert len(caplog.records) > 20
    secrets = [
        saagie_platform.password,
        *tokens,
        PASSWORD_VARIABLE,
        UPDATED_PASSWORD_VARIABLE,
        DOCKER_PASSWORD,
        NEW_USER_PASSWORD,
    ]
    leaks = {secret: [text for text in seen if secret in text] for secret in secrets}
    assert {secret: found for secret, found in leaks.items() if found} == {}
