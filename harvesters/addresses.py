"""Which network addresses a harvester may fetch from.

A feed URL is supplied by a provider, so a harvest must never be a way to reach the
harvesting host itself or its private network (SSRF). Only public unicast addresses are
fetched; the `MICROCAT_FETCH_ALLOWLIST` environment variable (the `HARVEST_FETCH_ALLOWLIST`
setting) names `host:port` pairs that may be fetched although they are not public, for
demos and tests that serve feeds on 127.0.0.1.

The policy is enforced in two places: `harvesters.middlewares.FetchGuardMiddleware`
checks the scheme of every request (redirect targets and robots.txt included) and the
address of those whose host is an IP literal; `harvesters.resolver.PublicAddressResolver`
checks every address a host name resolves to, at connect time, so a DNS answer cannot
smuggle a private address in.
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

    `ipaddress`'s `is_global` alone is not enough: it is true for multicast ranges and for
    the deprecated site-local range (`fec0::/10`), and an IPv6 address that carries an IPv4
    one (IPv4-mapped `::ffff:a.b.c.d`, 6to4 `2002:aabb:ccdd::`) must be judged by it too.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        elif address.is_site_local or (
            address.sixtofour is not None and not is_public_address(address.sixtofour)
        ):
            return False
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

    def allows(self, host: str, port: int) -> bool:
        """Whether `host:port` is listed."""
        return (_normalise_host(host), port) in self.entries


def host_and_port(url: str) -> tuple[str, int]:
    """The host and port an http(s) URL connects to.

    Raises:
        ForbiddenAddressError: The URL is not http(s), or has no host or a bad port.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise ForbiddenAddressError(f"refused {url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise ForbiddenAddressError(f"refused {url}: no host")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise ForbiddenAddressError(f"refused {url}: bad port") from exc
    return parts.hostname, port


def check_url(url: str, allowlist: FetchAllowlist) -> None:
    """Refuse a URL by its scheme and, when its host is an IP literal, by its address.

    Host names are left to the resolver, which sees the addresses they resolve to.

    Raises:
        ForbiddenAddressError: The URL may not be fetched.
    """
    host, port = host_and_port(url)
    ip = parse_ip(host)
    if ip is not None and not is_public_address(ip) and not allowlist.allows(host, port):
        raise ForbiddenAddressError(
            f"refused {url}: {ip} is not a public address"
            " (MICROCAT_FETCH_ALLOWLIST does not list it)"
        )


def address_allowed(host: str, port: int, address: str, allowlist: FetchAllowlist) -> bool:
    """Whether `host:port`, resolved to `address`, may be connected to.

    Args:
        host: The host name of the URL.
        port: The port of the URL.
        address: One address the host name resolved to.
        allowlist: The `host:port` exceptions; an entry matches the name or the address.
    """
    ip = parse_ip(address)
    if ip is not None and is_public_address(ip):
        return True
    return allowlist.allows(host, port) or allowlist.allows(address, port)
