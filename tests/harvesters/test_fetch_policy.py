"""No fetching from loopback, private, link-local, reserved or multicast addresses, unless
MICROCAT_FETCH_ALLOWLIST lists the host:port (harvesters.addresses, .resolver, .middlewares).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

import pytest
from harvest_helpers import LocalServer, Reply, Route, run_harvester
from scrapy import Request
from scrapy.exceptions import CannotResolveHostError
from twisted.internet.address import IPv4Address, IPv6Address

from harvesters.addresses import (
    FetchAllowlist,
    ForbiddenAddressError,
    check_url,
    is_public_address,
)
from harvesters.middlewares import RefusedLookupMiddleware
from harvesters.resolver import PublicAddressResolver, RefusalLog

Serve = Callable[[Route], LocalServer]


def api(seen: Any) -> Reply:
    return Reply(b'[{"id": "only"}]', 200, "application/json")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_loopback_feed_is_refused_without_the_allowlist(serve: Serve, host: str) -> None:
    server = serve(api)
    harvest = run_harvester("json_api", "--url", f"http://{host}:{server.port}/", allow=None)

    assert server.requests == []
    assert harvest.records == []
    (error,) = harvest.errors
    assert error["message"].startswith(f"refused http://{host}:{server.port}/")
    assert "not a public address" in error["message"]
    assert harvest.summary["complete"] is False
    assert harvest.summary["reason"] == error["message"]


def test_an_allowlisted_host_name_is_fetched(serve: Serve) -> None:
    server = serve(api)
    harvest = run_harvester(
        "json_api",
        "--url",
        f"http://localhost:{server.port}/",
        allow=[f"localhost:{server.port}"],
    )

    assert [r["remote_id"] for r in harvest.records] == ["only"]
    assert harvest.summary["complete"] is True


@pytest.mark.parametrize("target_host", ["127.0.0.1", "localhost"])
def test_a_redirect_to_an_unlisted_address_is_refused(serve: Serve, target_host: str) -> None:
    internal = serve(api)
    target = f"http://{target_host}:{internal.port}/admin"
    public = serve(lambda seen: Reply(b"", 302, "text/plain", {"Location": target}))

    harvest = run_harvester("json_api", "--url", f"{public.url}/feed", allow=[public.hostport])

    assert internal.requests == []
    assert len(public.requests) == 1
    assert harvest.summary["complete"] is False
    assert harvest.summary["reason"].startswith(f"refused {target}")


# -- the policy on its own ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("145.100.1.1", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),  # carrier-grade NAT
        ("169.254.169.254", False),  # cloud metadata (link-local)
        ("0.0.0.0", False),
        ("224.0.0.1", False),  # multicast
        ("240.0.0.1", False),  # reserved
        ("255.255.255.255", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::ffff:8.8.8.8", True),
        ("fec0::1", False),  # deprecated site-local
        ("2002:a00:1::1", False),  # 6to4 carrying 10.0.0.1
        ("2002:7f00:1::1", False),  # 6to4 carrying 127.0.0.1
        ("2002:808:808::1", True),  # 6to4 carrying 8.8.8.8
    ],
)
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


def test_allowlist_parsing() -> None:
    allowlist = FetchAllowlist.parse(" 127.0.0.1:8123, LocalHost:8124,[::1]:9 ,")
    assert allowlist.allows("127.0.0.1", 8123)
    assert allowlist.allows("localhost", 8124)
    assert allowlist.allows("::1", 9)
    assert not allowlist.allows("127.0.0.1", 8124)
    assert FetchAllowlist.parse("") == FetchAllowlist()
    for bad in ("127.0.0.1", "localhost:http", ":80"):
        with pytest.raises(ValueError, match="host:port"):
            FetchAllowlist.parse(bad)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://ftp.example.org/feed.xml",
        "data:text/plain,hello",
        "http://10.0.0.1/oai",
        "http://[::1]:8080/",
        "https://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:8124/",  # listed only with another port
    ],
)
def test_refused_urls(url: str) -> None:
    with pytest.raises(ForbiddenAddressError, match="refused"):
        check_url(url, FetchAllowlist.parse("127.0.0.1:8123"))


@pytest.mark.parametrize(
    "url", ["https://8.8.8.8/oai", "http://127.0.0.1:8123/oai", "https://example.org/sitemap.xml"]
)
def test_accepted_urls(url: str) -> None:
    # Host names pass here: the resolver judges the addresses they resolve to.
    check_url(url, FetchAllowlist.parse("127.0.0.1:8123"))


class FakeNameResolver:
    """Answers every lookup with fixed addresses, synchronously."""

    def __init__(self, addresses: list[str]) -> None:
        self.addresses = addresses
        self.lookups = 0

    def resolveHostName(  # noqa: N802 - Twisted API
        self,
        receiver: Any,
        hostName: str,
        portNumber: int = 0,
        *args: Any,  # noqa: N803
    ) -> Any:
        self.lookups += 1
        receiver.resolutionBegan(None)
        for address in self.addresses:
            cls = IPv6Address if ":" in address else IPv4Address
            receiver.addressResolved(cls("TCP", address, portNumber))
        receiver.resolutionComplete()
        return None


class Collect:
    def __init__(self) -> None:
        self.addresses: list[str] = []
        self.complete = False

    def resolutionBegan(self, resolution: Any) -> None:  # noqa: N802 - Twisted API
        pass

    def addressResolved(self, address: Any) -> None:  # noqa: N802 - Twisted API
        self.addresses.append(address.host)

    def resolutionComplete(self) -> None:  # noqa: N802 - Twisted API
        self.complete = True


def resolve(resolver: PublicAddressResolver, host: str, port: int) -> Collect:
    receiver = Collect()
    resolver.resolveHostName(receiver, host, port)
    assert receiver.complete
    return receiver


@pytest.mark.parametrize("cache_size", [0, 100])
def test_the_resolver_passes_on_public_addresses_only(cache_size: int) -> None:
    upstream = FakeNameResolver(["10.0.0.5", "93.184.215.14", "::1"])
    reactor = type("Reactor", (), {"nameResolver": upstream})()
    refusals = RefusalLog()
    resolver = PublicAddressResolver(reactor, cache_size, FetchAllowlist(), refusals)

    for _ in range(2):  # the second lookup may come from the cache: checked all the same
        assert resolve(resolver, "mixed.example", 443).addresses == ["93.184.215.14"]
    assert refusals.pop("mixed.example", 443) is None  # not refused: one address passed

    upstream.addresses = ["127.0.0.1"]
    assert resolve(resolver, "rebind.example", 80).addresses == []
    assert refusals.pop("rebind.example", 80) == "127.0.0.1"


def test_the_resolver_passes_allowlisted_host_port_pairs() -> None:
    upstream = FakeNameResolver(["127.0.0.1"])
    reactor = type("Reactor", (), {"nameResolver": upstream})()
    allowlist = FetchAllowlist.parse("localhost:8124,127.0.0.1:8125")
    resolver = PublicAddressResolver(reactor, 0, allowlist, RefusalLog())

    assert resolve(resolver, "localhost", 8124).addresses == ["127.0.0.1"]  # by name
    assert resolve(resolver, "demo.internal", 8125).addresses == ["127.0.0.1"]  # by address
    assert resolve(resolver, "localhost", 22).addresses == []


def test_a_refused_lookup_is_explained_and_not_retried() -> None:
    refusals = RefusalLog()
    middleware = RefusedLookupMiddleware(refusals)
    request = Request("http://intranet.example:8080/oai")
    failure = CannotResolveHostError("no results for hostname lookup: intranet.example")

    assert middleware.process_exception(request, failure) is None  # a real DNS failure

    refusals.record("intranet.example", 8080, "192.168.1.10")
    with pytest.raises(ForbiddenAddressError, match="resolves to 192.168.1.10"):
        middleware.process_exception(request, failure)
