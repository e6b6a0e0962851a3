"""What keeps saagieapi fast to start (see benchmarks/): lazy imports, no CA bundle for plain HTTP, no httpx CLI.

Structural checks only (which modules get imported, which TLS context is built); no timings.
"""

from __future__ import annotations

import json
import ssl
import subprocess
import sys

import pytest

from saagieapi._async.transport import _verify
from saagieapi.connection import ConnectionSettings


def _modules_after(code: str) -> set[str]:
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_first_projects_call_loads_only_what_it_needs() -> None:
    modules = _modules_after(
        "from saagieapi import SaagieApi\n"
        "api = SaagieApi('https://acme-workspace.saagie.example', 6, 'me', 'pw', 'acme')\n"
        "api.projects\n"
        "from saagieapi._generated.projects.list_projects import ListProjects\n"
    )
    assert "saagieapi._sync.projects" in modules
    for heavy in (
        "saagieapi._generated.gateway.fragments",  # the technology catalog's models
        "saagieapi._generated.projects.input_types",  # only create/edit need them
        "saagieapi._core.inputs",  # the input TypedDicts of create/edit (~3 ms of TypedDict classes)
        "saagieapi.models",
        "saagieapi._sync.project_export",
        "saagieapi._sync.project_import",
        "httpx._main",  # httpx's command line (click, rich, pygments)
        "rich",
    ):
        assert heavy not in modules, heavy


SYNC_CALL = """
import httpx
from saagieapi import SaagieApi

def answer(request):
    if request.url.path.endswith('/authenticate'):
        return httpx.Response(200, text='token')
    return httpx.Response(200, json={'data': {'projects': [
        {'id': 'p1', 'name': 'demo', 'creator': 'me', 'description': None, 'jobsCount': 0, 'status': 'READY'}]}})

http = httpx.Client(transport=httpx.MockTransport(answer))
with SaagieApi('https://acme-workspace.saagie.example', 6, 'me', 'pw', 'acme', http_client=http) as api:
    assert [project.name for project in api.projects.list()] == ['demo']
"""


def test_synchronous_calls_never_load_anyio_machinery() -> None:
    modules = _modules_after(SYNC_CALL)
    assert "saagieapi._generated.projects.list_projects" in modules
    # httpcore imports the (lazy) anyio package itself; locks, sleeps, task groups are the async client's
    assert not [name for name in modules if name.startswith(("anyio._core", "anyio.to_thread", "anyio.abc"))]
    assert "concurrent.futures" not in modules  # thread pools are for exports and imports, not the first call


def test_first_call_loads_no_other_operation() -> None:
    modules = _modules_after(SYNC_CALL)
    operations = {name for name in modules if name.startswith("saagieapi._generated.projects.")}
    assert "saagieapi._generated.projects.get_job" not in operations
    assert "saagieapi._generated.projects.add_app_version" not in operations


def test_httpx_command_line_still_importable_after_saagieapi() -> None:
    modules = _modules_after(
        "import sys\nimport saagieapi._httpx\nimport httpx\nassert 'httpx._main' not in sys.modules\n"
        "import httpx._main\n"
    )
    assert "httpx._main" in modules


def _settings(url: str, proxy: str | None = None) -> ConnectionSettings:
    return ConnectionSettings(
        url_saagie=url,
        id_platform="1",
        user="me",
        password="pw",
        realm="acme",
        timeout=10.0,
        retries=0,
        verify_ssl=True,
        proxy=proxy,
    )


def test_plain_http_gets_a_context_that_trusts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    context = _verify(True, _settings("http://127.0.0.1:8080"))
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.get_ca_certs() == []  # any TLS attempt would fail, never pass unverified


def test_https_proxies_and_explicit_choices_keep_full_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    assert _verify(True, _settings("https://acme-workspace.saagie.example")) is True
    assert _verify(True, _settings("http://127.0.0.1:8080", proxy="http://proxy:3128")) is True
    assert _verify(False, _settings("http://127.0.0.1:8080")) is False
    monkeypatch.setenv("HTTPS_PROXY", "https://proxy:3128")
    assert _verify(True, _settings("http://127.0.0.1:8080")) is True
