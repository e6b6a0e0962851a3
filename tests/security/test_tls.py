"""TLS against the emulator served over HTTPS with a certificate authority made in the test."""

from __future__ import annotations

import datetime
import ipaddress
import logging
import ssl
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from saagie_emulator import RunningPlatform, running
from saagieapi import AsyncSaagieApi, SaagieApi
from saagieapi.errors import SaagieConnectionError


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A throw-away CA and a certificate for 127.0.0.1 signed by it (PEM files)."""
    folder = tmp_path_factory.mktemp("pki")
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("saagieapi test CA"))
        .issuer_name(_name("saagieapi test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = {"ca": folder / "ca.pem", "cert": folder / "server.pem", "key": folder / "server-key.pem"}
    paths["ca"].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    _write_key(key, paths["key"])
    return paths


@pytest.fixture(scope="module")
def platform(pki: dict[str, Path]) -> Iterator[RunningPlatform]:
    with running(ssl_certfile=pki["cert"], ssl_keyfile=pki["key"]) as served:
        assert served.url.startswith("https://127.0.0.1:")
        yield served


def _api(platform: RunningPlatform, verify: bool | str | ssl.SSLContext | None = None) -> SaagieApi:
    options = {} if verify is None else {"verify_ssl": verify}
    return SaagieApi(
        platform.url, platform.platform_id, platform.user, platform.password, platform.realm, retries=0, **options
    )


def test_self_signed_certificate_is_rejected_by_default(platform: RunningPlatform) -> None:
    with _api(platform) as api, pytest.raises(SaagieConnectionError, match="TLS") as caught:
        api.projects.list()
    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)
    assert platform.password not in str(caught.value)


def test_accepted_with_the_ca_bundle(platform: RunningPlatform, pki: dict[str, Path]) -> None:
    with _api(platform, str(pki["ca"])) as api:
        assert isinstance(api.projects.list(), list)
    context = ssl.create_default_context(cafile=str(pki["ca"]))
    with _api(platform, context) as api:
        assert isinstance(api.projects.list(), list)


@pytest.mark.anyio
async def test_async_accepted_with_the_ca_bundle_and_rejected_without(
    platform: RunningPlatform, pki: dict[str, Path]
) -> None:
    args = (platform.url, platform.platform_id, platform.user, platform.password, platform.realm)
    async with AsyncSaagieApi(*args, verify_ssl=str(pki["ca"])) as api:
        assert isinstance(await api.projects.list(), list)
    async with AsyncSaagieApi(*args, retries=0) as api:
        with pytest.raises(SaagieConnectionError):
            await api.projects.list()


def test_verify_false_connects_and_warns_on_the_saagieapi_logger_only(
    platform: RunningPlatform, caplog: pytest.LogCaptureFixture
) -> None:
    filters_before = list(warnings.filters)
    with warnings.catch_warnings(record=True) as emitted:
        warnings.simplefilter("always")
        with caplog.at_level(logging.WARNING, logger="saagieapi"), _api(platform, False) as api:
            assert isinstance(api.projects.list(), list)
    assert emitted == []  # a log record, not a Python warning
    assert list(warnings.filters) == filters_before  # no global warnings filter installed
    records = [r for r in caplog.records if r.name == "saagieapi" and r.levelno == logging.WARNING]
    assert len(records) == 1 and "verification is disabled" in records[0].getMessage()
