"""Downloader middlewares of the harvesters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from harvesters.addresses import FetchAllowlist, check_url

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from typing_extensions import Self


class FetchGuardMiddleware:
    """Refuse requests to non-http(s) URLs and to non-public literal IP addresses.

    Runs on every request the downloader sees, so redirect targets and robots.txt requests
    are checked as well as the requests spiders make. A refusal raises
    `harvesters.addresses.ForbiddenAddressError`, which reaches the request's errback.
    Host names are checked when they are resolved (`harvesters.resolver`).
    """

    def __init__(self, allowlist: FetchAllowlist) -> None:
        self.allowlist = allowlist

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(FetchAllowlist.parse(crawler.settings.get("HARVEST_FETCH_ALLOWLIST")))

    def process_request(self, request: Request) -> None:
        check_url(request.url, self.allowlist)
