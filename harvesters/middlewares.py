"""Downloader middlewares enforcing the fetch policy of `harvesters.addresses`."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.error import DNSLookupError
from twisted.internet.task import deferLater

from harvesters.addresses import FetchAllowlist, ForbiddenAddressError, check_url, host_and_port
from harvesters.resolver import REFUSALS, RefusalLog

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


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


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """The delay a `Retry-After` header asks for: delta-seconds or an HTTP date.

    Returns None when the header is absent or unreadable; a date in the past is 0.
    """
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class PoliteRetryMiddleware(RetryMiddleware):
    """Scrapy's retry middleware, waiting before each retry instead of retrying at once.

    The wait is what the server asked for in `Retry-After` (on 429 and 503 above all;
    seconds or an HTTP date), capped at `HARVEST_MAX_RETRY_AFTER` seconds; without the
    header it backs off exponentially: `HARVEST_RETRY_BACKOFF` x 2^(retries so far), capped
    the same way. A wait never runs past the crawl's time limit (`CLOSESPIDER_TIMEOUT`): a
    retry that could not happen in time is given up. The wait does not block the reactor;
    the request keeps its download slot, so the host gets nothing else meanwhile.
    Replaces `scrapy.downloadermiddlewares.retry.RetryMiddleware` at the same place (550).
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("HARVEST_MAX_RETRY_AFTER")
        self.backoff = settings.getfloat("HARVEST_RETRY_BACKOFF")
        limit = settings.getfloat("CLOSESPIDER_TIMEOUT")
        self.deadline = time.monotonic() + limit if limit > 0 else None

    def wait_for(self, request: Request, response: Response | None) -> float:
        """Seconds to wait before retrying `request` (uncapped by the deadline)."""
        asked = retry_after_seconds(response.headers.get(b"Retry-After")) if response else None
        if asked is None:
            asked = self.backoff * 2 ** request.meta.get("retry_times", 0)
        return min(asked, self.max_wait)

    async def _wait(self, seconds: float) -> bool:
        """Wait, unless that would end after the deadline; True when it waited."""
        if self.deadline is not None and time.monotonic() + seconds >= self.deadline:
            return False
        if seconds > 0:
            from twisted.internet import reactor

            await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))
        return True

    def _retries_left(self, request: Request) -> bool:
        limit = request.meta.get("max_retry_times", self.max_retry_times)
        return request.meta.get("retry_times", 0) < limit

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        if self._retries_left(request):
            seconds = self.wait_for(request, response)
            if not await self._wait(seconds):
                return response
        return self._retry(request, f"HTTP {response.status}") or response

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get(
            "dont_retry", False
        ):
            return None
        if self._retries_left(request) and not await self._wait(self.wait_for(request, None)):
            return None
        return self._retry(request, exception)
