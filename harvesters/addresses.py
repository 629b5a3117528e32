"""Which network addresses a harvester may fetch from.

A feed URL is supplied by a provider, so a harvest must never be a way to reach the
harvesting host itself or its private network (SSRF). Only public unicast addresses are
fetched; the `MICROCAT_FETCH_ALLOWLIST` environment variable (the `HARVEST_FETCH_ALLOWLIST`
setting) names `host:port` pairs that may be fetched although they are not public, for
demos and tests that serve feeds on 127.0.0.1.

The policy is enforced twice: `harvesters.middlewares.FetchGuardMiddleware` checks every
request (including redirect targets) whose host is a literal IP address, and
`harvesters.resolver.PublicAddressResolver` checks the address a host name resolves to at
connect time, so a DNS answer cannot smuggle a private address past the first check.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class ForbiddenAddressError(Exception):
    """A URL or resolved address that the fetch policy refuses."""


def parse_ip(host: str) -> IPAddress | None:
    """Return `host` as an IP address, or None when it is a host name.

    Args:
        host: A URL host, IPv6 literals with or without brackets.
    """
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_public_address(address: IPAddress) -> bool:
    """Whether `address` is a public unicast address.

    `ipaddress`'s `is_global` alone is not enough: it is true for multicast ranges, and an
    IPv4-mapped IPv6 address must be judged by the IPv4 address it carries.
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def _normalise_host(host: str) -> str:
    ip = parse_ip(host)
    return str(ip) if ip is not None else host.lower().rstrip(".")


@dataclass(frozen=True)
class FetchAllowlist:
    """`host:port` pairs that may be fetched although they are not public addresses."""

    entries: frozenset[tuple[str, int]] = frozenset()

    @classmethod
    def parse(cls, value: str | list[str] | tuple[str, ...] | None) -> FetchAllowlist:
        """Parse a comma-separated `host:port` list (IPv6 hosts in brackets).

        Raises:
            ValueError: An entry has no port or a port that is not a number.
        """
        if not value:
            return cls()
        items = value.split(",") if isinstance(value, str) else list(value)
        entries = set()
        for raw in items:
            item = raw.strip()
            if not item:
                continue
            host, sep, port = item.rpartition(":")
            if not sep or not host or not port.isdigit():
                raise ValueError(f"fetch allowlist entry {item!r} is not host:port")
            entries.add((_normalise_host(host), int(port)))
        return cls(frozenset(entries))

    @property
    def hosts(self) -> frozenset[str]:
        """The hosts named in the allowlist, whatever their port."""
        return frozenset(host for host, _ in self.entries)

    def allows(self, host: str, port: int) -> bool:
        """Whether `host:port` is listed."""
        return (_normalise_host(host), port) in self.entries


def check_url(url: str, allowlist: FetchAllowlist) -> None:
    """Refuse a URL by its scheme and, when its host is an IP literal, by its address.

    A host name listed in the allowlist is only trusted on the ports listed with it:
    the resolver, which cannot see the port, lets a listed name resolve to a private
    address, so the port is checked here.

    Raises:
        ForbiddenAddressError: The URL may not be fetched.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise ForbiddenAddressError(f"refused {url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise ForbiddenAddressError(f"refused {url}: no host")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise ForbiddenAddressError(f"refused {url}: bad port") from exc
    if allowlist.allows(host, port):
        return
    ip = parse_ip(host)
    if ip is not None:
        if not is_public_address(ip):
            raise ForbiddenAddressError(
                f"refused {url}: {ip} is not a public address"
                " (add host:port to MICROCAT_FETCH_ALLOWLIST to allow it)"
            )
        return
    if _normalise_host(host) in allowlist.hosts:
        raise ForbiddenAddressError(
            f"refused {url}: {host} is allowlisted only on other ports"
        )


def check_resolved(host: str, address: str, allowlist: FetchAllowlist) -> None:
    """Refuse a host name that resolved to a non-public address, unless the name is listed.

    Raises:
        ForbiddenAddressError: The resolved address may not be connected to.
    """
    ip = parse_ip(address)
    if ip is not None and is_public_address(ip):
        return
    if _normalise_host(host) in allowlist.hosts:
        return
    raise ForbiddenAddressError(
        f"refused {host}: it resolves to {address}, which is not a public address"
    )
