"""A DNS resolver that refuses names resolving to non-public addresses.

Installed through Scrapy's `TWISTED_DNS_RESOLVER` setting. Twisted asks it for the address
of every host name right before connecting, so the address checked is the address used:
a DNS answer that changes between a first check and the connection (DNS rebinding) cannot
reach a private address. Literal IP hosts never reach a resolver; the downloader middleware
checks those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.resolver import CachingThreadedResolver

from harvesters.addresses import FetchAllowlist, check_resolved

if TYPE_CHECKING:
    from collections.abc import Sequence

    from twisted.internet.base import ReactorBase
    from twisted.internet.defer import Deferred
    from typing_extensions import Self


class PublicAddressResolver(CachingThreadedResolver):
    """Scrapy's caching threaded resolver, failing lookups of non-public addresses.

    A refused lookup fails with `harvesters.addresses.ForbiddenAddressError`, which is not
    one of Scrapy's retried exceptions, so it reaches the request's errback at once.
    """

    def __init__(
        self, reactor: ReactorBase, cache_size: int, timeout: float, allowlist: FetchAllowlist
    ) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.allowlist = allowlist

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: ReactorBase) -> Self:
        # Scrapy builds the resolver from the CrawlerProcess, so only project-level
        # settings are visible here, never a spider's custom_settings.
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(
            reactor,
            cache_size,
            settings.getfloat("DNS_TIMEOUT"),
            FetchAllowlist.parse(settings.get("HARVEST_FETCH_ALLOWLIST")),
        )

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:  # noqa: N802
        deferred = super().getHostByName(name, timeout)
        deferred.addCallback(self._check, name)
        return deferred

    def _check(self, address: str, name: str) -> str:
        check_resolved(name, address, self.allowlist)
        return address
