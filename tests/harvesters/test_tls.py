"""Server certificates are verified (harvesters.tls); HARVEST_CA_BUNDLE adds trusted CAs.

The certificates are made here: a test CA, and server certificates it signs, for an HTTPS
server on 127.0.0.1.
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from harvest_helpers import (
    REPO_ROOT,
    LocalServer,
    Reply,
    harvester_command,
    harvester_env,
    run_harvester,
)

Serve = Callable[..., LocalServer]
CSV = b"id,title,url\nDS-1,Data skills,https://example.org/ds\n"


@dataclass(frozen=True)
class Pki:
    ca_file: Path
    good: ssl.SSLContext  # a certificate for localhost and 127.0.0.1, signed by the CA
    other_host: ssl.SSLContext  # signed by the CA, for feeds.example.org only


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _server_context(
    tmp: Path,
    stem: str,
    ca_key: ec.EllipticCurvePrivateKey,
    ca: x509.Certificate,
    names: list[x509.GeneralName],
) -> ssl.SSLContext:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(stem))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    cert_file, key_file = tmp / f"{stem}.pem", tmp / f"{stem}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    tmp = tmp_path_factory.mktemp("pki")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Microcat test CA"))
        .issuer_name(_name("Microcat test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file = tmp / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    good = _server_context(
        tmp,
        "localhost",
        ca_key,
        ca,
        [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
    )
    other = _server_context(tmp, "other", ca_key, ca, [x509.DNSName("feeds.example.org")])
    return Pki(ca_file, good, other)


def csv_feed(seen: object) -> Reply:
    return Reply(CSV, 200, "text/csv; charset=utf-8")


def assert_refused(harvest_errors: list[dict], summary: dict, url: str) -> None:
    (error,) = harvest_errors
    message = error["message"]
    assert message.startswith(f"refused {url}: the server's TLS certificate could not be")
    assert summary["complete"] is False
    assert summary["reason"] == message


def test_a_certificate_from_an_unknown_ca_is_refused(serve: Serve, pki: Pki) -> None:
    server = serve(csv_feed, tls=pki.good)
    url = f"{server.url}/offers.csv"
    harvest = run_harvester("csv", "--url", url, allow=[server.hostport], timeout=30)

    assert harvest.records == []
    assert server.requests == []  # the handshake failed: no request was sent
    assert_refused(harvest.errors, harvest.summary, url)
    assert "certificate verify failed" in harvest.errors[0]["message"]
    assert "HARVEST_CA_BUNDLE" in harvest.errors[0]["message"]  # says what would help
    assert "Retrying" not in harvest.stderr  # a bad certificate is not retried


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_ca_bundle_setting_trusts_a_private_ca(serve: Serve, pki: Pki, host: str) -> None:
    server = serve(csv_feed, tls=pki.good)
    url = f"https://{host}:{server.port}/offers.csv"
    harvest = run_harvester(
        "csv",
        "--url",
        url,
        "--setting",
        f"HARVEST_CA_BUNDLE={pki.ca_file}",
        allow=[f"{host}:{server.port}"],
        timeout=30,
    )

    assert [r["remote_id"] for r in harvest.records] == ["DS-1"]
    assert harvest.errors == []
    assert harvest.summary["complete"] is True
    assert server.paths() == ["/offers.csv"]


def test_the_host_name_is_verified_too(serve: Serve, pki: Pki) -> None:
    server = serve(csv_feed, tls=pki.other_host)  # a trusted CA, but not 127.0.0.1's name
    url = f"{server.url}/offers.csv"
    harvest = run_harvester(
        "csv",
        "--url",
        url,
        "--setting",
        f"HARVEST_CA_BUNDLE={pki.ca_file}",
        allow=[server.hostport],
        timeout=30,
    )

    assert harvest.records == []
    assert server.requests == []
    assert_refused(harvest.errors, harvest.summary, url)
    assert "not valid for this host name" in harvest.errors[0]["message"]


@pytest.mark.parametrize(
    ("setting", "complaint"),
    [
        ("DOWNLOAD_VERIFY_CERTIFICATES=False", b"cannot be changed from the command line"),
        (
            "DOWNLOADER_CLIENTCONTEXTFACTORY=scrapy.core.downloader.contextfactory."
            "BrowserLikeContextFactory",
            b"cannot be changed from the command line",
        ),
        ("HARVEST_CA_BUNDLE=/nonexistent/ca.pem", b"HARVEST_CA_BUNDLE: cannot read"),
        ("HARVEST_CA_BUNDLE=harvesters/settings.py", b"holds no PEM certificate"),
    ],
    ids=["verify-off", "context-factory", "missing-bundle", "not-a-bundle"],
)
def test_verification_cannot_be_weakened_from_the_command_line(
    setting: str, complaint: bytes
) -> None:
    completed = subprocess.run(
        harvester_command(
            "csv", "--feed-id", "1", "--url", "https://127.0.0.1:9/", "--setting", setting
        ),
        cwd=REPO_ROOT,
        env=harvester_env(None),
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == b""
    assert complaint in completed.stderr


def test_the_ca_bundle_comes_from_the_environment_too(serve: Serve, pki: Pki) -> None:
    server = serve(csv_feed, tls=pki.good)
    env = harvester_env([server.hostport])
    env["MICROCAT_CA_BUNDLE"] = str(pki.ca_file)
    completed = subprocess.run(
        harvester_command("csv", "--feed-id", "7", "--url", f"{server.url}/offers.csv"),
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert b'"remote_id": "DS-1"' in completed.stdout
    assert b'"complete": true' in completed.stdout
