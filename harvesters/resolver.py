"""A host name resolver that never hands out non-public addresses.

Installed through Scrapy's `TWISTED_DNS_RESOLVER` setting. Twisted asks it for the
addresses of a host right before connecting (with the port), and connects only to the
addresses it returns, so the address checked is the address used: a DNS answer that changes
between an earlier check and the connection (DNS rebinding) cannot reach a private address.

A host whose every address is refused fails like a name that does not resolve;
`harvesters.middlewares.RefusedLookupMiddleware` then turns that failure into a
`ForbiddenAddressError` that says why, using the refusals recorded here.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any, cast

from scrapy.resolver import CachingHostnameResolver
from twisted.internet.interfaces import IResolutionReceiver
from zope.interface import implementer

from harvesters.addresses import FetchAllowlist, address_allowed

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Self

    from twisted.internet.base import ReactorBase
    from twisted.internet.interfaces import IAddress, IHostResolution


class RefusalLog:
    """The latest refused lookups, by host and port (a bounded map, oldest dropped first)."""

    def __init__(self, size: int = 1024) -> None:
        self._size = size
        self._refused: OrderedDict[tuple[str, int], str] = OrderedDict()

    def record(self, host: str, port: int, address: str) -> None:
        key = (host.lower(), port)
        self._refused[key] = address
        self._refused.move_to_end(key)
        while len(self._refused) > self._size:
            self._refused.popitem(last=False)

    def pop(self, host: str, port: int) -> str | None:
        """The refused address of the last refused lookup of `host:port`, forgetting it."""
        return self._refused.pop((host.lower(), port), None)


REFUSALS = RefusalLog()
"""Refusals of this process's resolver; one reactor, hence one resolver, per process."""


@implementer(IResolutionReceiver)
class _PublicAddressReceiver:
    """Passes on the public (or allowlisted) addresses of one lookup, and logs refusals."""

    def __init__(
        self,
        receiver: Any,  # an IResolutionReceiver
        host: str,
        port: int,
        allowlist: FetchAllowlist,
        refusals: RefusalLog,
    ) -> None:
        self._receiver = receiver
        self._host = host
        self._port = port
        self._allowlist = allowlist
        self._refusals = refusals
        self._passed = 0
        self._refused: list[str] = []

    def resolutionBegan(self, resolution: IHostResolution) -> None:
        self._receiver.resolutionBegan(resolution)

    def addressResolved(self, address: IAddress) -> None:
        host = str(getattr(address, "host", ""))
        if address_allowed(self._host, self._port, host, self._allowlist):
            self._passed += 1
            self._receiver.addressResolved(address)
        else:
            self._refused.append(host)

    def resolutionComplete(self) -> None:
        if self._refused and not self._passed:
            self._refusals.record(self._host, self._port, self._refused[0])
        self._receiver.resolutionComplete()


class PublicAddressResolver(CachingHostnameResolver):
    """Scrapy's caching host name resolver (IPv4 and IPv6), passing on public addresses only.

    Addresses listed in `HARVEST_FETCH_ALLOWLIST` (by the host name or the address, with
    the port) pass as well. The cache keeps what DNS answered; the check runs on every
    lookup, cached or not.
    """

    def __init__(
        self,
        reactor: ReactorBase,
        cache_size: int,
        allowlist: FetchAllowlist,
        refusals: RefusalLog = REFUSALS,
    ) -> None:
        super().__init__(reactor, cache_size)
        self.allowlist = allowlist
        self.refusals = refusals

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: ReactorBase) -> Self:
        # Scrapy builds the resolver from the CrawlerProcess: only project-level settings
        # are visible here, never a spider's custom_settings.
        settings = crawler.settings
        enabled = settings.getbool("DNSCACHE_ENABLED")
        return cls(
            reactor,
            settings.getint("DNSCACHE_SIZE") if enabled else 0,
            FetchAllowlist.parse(settings.get("HARVEST_FETCH_ALLOWLIST")),
        )

    def resolveHostName(
        self,
        resolutionReceiver: Any,  # an IResolutionReceiver
        hostName: str,
        portNumber: int = 0,
        addressTypes: Sequence[type[IAddress]] | None = None,
        transportSemantics: str = "TCP",
    ) -> IHostResolution:
        receiver = _PublicAddressReceiver(
            resolutionReceiver, hostName, portNumber, self.allowlist, self.refusals
        )
        return super().resolveHostName(
            cast("IResolutionReceiver", receiver),
            hostName,
            portNumber,
            addressTypes,
            transportSemantics,
        )
