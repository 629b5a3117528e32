"""Downloader middlewares enforcing the fetch policy of `harvesters.addresses`."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest, NotConfigured
from twisted.internet.error import DNSLookupError

from harvesters.addresses import FetchAllowlist, ForbiddenAddressError, check_url, host_and_port
from harvesters.resolver import REFUSALS, RefusalLog

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler


class FetchGuardMiddleware:
    """Refuse requests to non-http(s) URLs and to non-public literal IP addresses.

    Enabled early in the chain (before robots.txt), it sees every request the downloader
    gets: the spiders', redirect targets and robots.txt requests. A refusal raises
    `ForbiddenAddressError`, which no middleware retries and the request's errback gets.
    """

    def __init__(self, allowlist: FetchAllowlist) -> None:
        self.allowlist = allowlist

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(FetchAllowlist.parse(crawler.settings.get("HARVEST_FETCH_ALLOWLIST")))

    def process_request(self, request: Request) -> None:
        check_url(request.url, self.allowlist)


class RefusedLookupMiddleware:
    """Explain a lookup that `harvesters.resolver.PublicAddressResolver` refused.

    The resolver can only withhold addresses, so a refused host fails like a name that
    does not resolve. This middleware must sit after `RetryMiddleware` (higher number) so
    that it sees the failure first: it replaces it with a `ForbiddenAddressError` naming
    the address, which is not retried.
    """

    def __init__(self, refusals: RefusalLog) -> None:
        self.refusals = refusals

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(REFUSALS)

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not isinstance(exception, CannotResolveHostError | DNSLookupError):
            return
        host, port = host_and_port(request.url)
        address = self.refusals.pop(host, port)
        if address is not None:
            raise ForbiddenAddressError(
                f"refused {request.url}: {host} resolves to {address}, which is not a public"
                " address (MICROCAT_FETCH_ALLOWLIST does not list it)"
            ) from exception


class DeadlineMiddleware:
    """Keep every download within the crawl's time limit (`CLOSESPIDER_TIMEOUT`).

    Scrapy's CloseSpider extension closes the spider at the time limit but then waits for
    the downloads in flight, which may take up to `DOWNLOAD_TIMEOUT` more. This middleware
    shortens each request's download timeout to the time left (at least
    `HARVEST_DEADLINE_MIN_TIMEOUT` seconds) and refuses new requests once the time is up,
    so `--max-seconds` is a limit the aggregator can rely on. Disabled without a limit.
    Must come after `DownloadTimeoutMiddleware` (350), which sets the default timeout.
    """

    def __init__(self, limit: float, min_timeout: float) -> None:
        self.limit = limit
        self.min_timeout = min_timeout
        self.deadline = time.monotonic() + limit

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        limit = crawler.settings.getfloat("CLOSESPIDER_TIMEOUT")
        if limit <= 0:
            raise NotConfigured
        middleware = cls(limit, crawler.settings.getfloat("HARVEST_DEADLINE_MIN_TIMEOUT"))
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self) -> None:
        self.deadline = time.monotonic() + self.limit

    def process_request(self, request: Request) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise IgnoreRequest(f"the time limit ({self.limit:g} s) was reached")
        timeout = request.meta.get("download_timeout")
        request.meta["download_timeout"] = max(
            self.min_timeout, min(left, timeout) if timeout else left
        )
