"""TLS for harvests: server certificates are always verified.

Scrapy does not verify server certificates by default. The harvesters set
`DOWNLOAD_VERIFY_CERTIFICATES = True` (Scrapy's own switch) and install
`VerifyingContextFactory` through `DOWNLOADER_CLIENTCONTEXTFACTORY`: it verifies the
certificate chain against the platform's trusted certificate authorities and the host name
(or IP address) against the certificate, like a browser, and trusts the certificate
authorities of `HARVEST_CA_BUNDLE` (a PEM file; operators with a private CA, and tests) on
top of the platform's. The bundle is a setting of the operator's, never of a feed: nothing
a provider sends can add a trusted authority or turn verification off.

A failed verification is not retried (`CertificateFailureMiddleware`); the error line says
that the certificate could not be verified.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from OpenSSL import SSL, crypto
from twisted.internet._sslverify import IOpenSSLTrustRoot  # not in twisted.internet.ssl
from twisted.internet.ssl import optionsForClientTLS
from twisted.web.iweb import IPolicyForHTTPS
from zope.interface import implementer

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from twisted.internet.interfaces import IOpenSSLClientConnectionCreator


class CertificateVerificationError(Exception):
    """A server certificate that could not be verified (not retried)."""


@implementer(IOpenSSLTrustRoot)
class PlatformAndBundleTrust:
    """Trust the platform's certificate authorities and, if given, those of a PEM bundle.

    (Twisted's own trust roots are either the platform's or given certificates, not both.)
    """

    def __init__(self, bundle: str | None = None) -> None:
        self.bundle = bundle

    def _addCACertsToContext(self, context: SSL.Context) -> None:  # noqa: N802 - Twisted API
        context.set_default_verify_paths()
        if self.bundle:
            context.load_verify_locations(self.bundle)


def check_ca_bundle(path: str) -> str:
    """The absolute path of a readable PEM file holding at least one certificate.

    Raises:
        ValueError: The file cannot be read or holds no PEM certificate.
    """
    path = os.path.abspath(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from exc
    marker = b"-----BEGIN CERTIFICATE-----"
    if marker not in data:
        raise ValueError(f"{path} holds no PEM certificate")
    try:
        crypto.load_certificate(crypto.FILETYPE_PEM, data[data.index(marker) :])
    except crypto.Error as exc:
        raise ValueError(f"{path} holds an unreadable certificate: {exc}") from exc
    return path


@implementer(IPolicyForHTTPS)
class VerifyingContextFactory:
    """Browser-like TLS for every https request: chain and host name are verified.

    Built by Scrapy's HTTP/1.1 (and HTTP/2) download handler from
    `DOWNLOADER_CLIENTCONTEXTFACTORY`; reads `HARVEST_CA_BUNDLE` (project or command-line
    settings).
    """

    def __init__(self, ca_bundle: str | None = None) -> None:
        self.trust_root = PlatformAndBundleTrust(ca_bundle)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        # Scrapy passes the (deprecated) TLS method as `method`: the default, TLS with
        # version negotiation, is what optionsForClientTLS does.
        bundle = crawler.settings.get("HARVEST_CA_BUNDLE") or None
        return cls(check_ca_bundle(bundle) if bundle else None)

    def creatorForNetloc(  # noqa: N802 - Twisted API
        self, hostname: bytes, port: int
    ) -> IOpenSSLClientConnectionCreator:
        # mypy does not see zope's @implementer(IOpenSSLTrustRoot).
        trust_root: Any = self.trust_root
        return optionsForClientTLS(hostname.decode("ascii"), trustRoot=trust_root)


def _causes(exception: BaseException) -> list[BaseException]:
    """The exception, what it was raised from, and the failures Twisted wrapped in it
    (`ResponseNeverReceived.reasons` and the like), depth first."""
    found: list[BaseException] = []
    todo = [exception]
    while todo and len(found) < 32:
        current = todo.pop()
        if current in found:
            continue
        found.append(current)
        for reason in getattr(current, "reasons", None) or []:
            value = getattr(reason, "value", None)
            if isinstance(value, BaseException):
                todo.append(value)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                todo.append(linked)
    return found


def certificate_problem(exception: BaseException) -> str | None:
    """Why the server's certificate was not accepted, or None if that is not the failure."""
    for cause in _causes(exception):
        if type(cause).__name__ == "VerificationError":  # service_identity: another host's
            return "the certificate is not valid for this host name or address"
        if isinstance(cause, SSL.Error) and "certificate verify failed" in str(cause):
            return (
                "certificate verify failed: not signed by a trusted authority, or expired;"
                " an operator can trust a private CA with HARVEST_CA_BUNDLE"
            )
    return None


class CertificateFailureMiddleware:
    """Turn a failed certificate verification into a `CertificateVerificationError`.

    Must sit after `RetryMiddleware` (higher number): it sees the failure first, and the
    error it raises instead is not retried (a certificate does not fix itself in seconds).
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls()

    def process_exception(self, request: Request, exception: Exception) -> None:
        problem = certificate_problem(exception)
        if problem is not None:
            raise CertificateVerificationError(
                f"refused {request.url}: the server's TLS certificate could not be verified"
                f" ({problem})"
            ) from exception
