"""Conditional requests between runs: Scrapy's HTTP cache, always revalidating.

Enabled by `--cache-dir` (json_api, html). Every cached page is asked for again with its
validators (`If-None-Match` / `If-Modified-Since`); a `304 Not Modified` answer gives the
spider the stored page flagged `cached`, which it follows (next links) without writing
its records again. Nothing stale is ever served without asking, and a failure is never
hidden behind a stored copy: unlike Scrapy's defaults, a 5xx answer or a download error
does not fall back to the cache.

A complete run removes the entries it did not ask for (pages no longer in the list, cursor
URLs that change each run), so a feed's cache holds about one copy of its list; an
incomplete run removes nothing.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy

from harvesters import outcome

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response

log = logging.getLogger(__name__)


class RevalidatePolicy(RFC2616Policy):
    """Store 200 pages that carry a validator; revalidate every time; trust only a 304."""

    def should_cache_response(self, response: Response, request: Request) -> bool:
        return response.status == 200 and bool(
            response.headers.get(b"ETag") or response.headers.get(b"Last-Modified")
        )

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        # Never fresh: ask again, with the stored validators.
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304


class PruningCacheStorage(FilesystemCacheStorage):
    """Scrapy's filesystem cache, knowing which entries this run asked for (see ``prune``)."""

    def open_spider(self, spider: Spider) -> None:
        super().open_spider(spider)
        self.asked: set[str] = set()

    def _get_request_path(self, spider: Spider, request: Request) -> str:
        path = super()._get_request_path(spider, request)
        self.asked.add(os.path.basename(path))  # an entry's folder is its request fingerprint
        return path

    def prune(self, spider: Spider) -> int:
        """Remove the spider's entries this run did not ask for; how many were removed."""
        removed = 0
        root = Path(self.cachedir, spider.name)
        if not root.is_dir():
            return 0
        for prefix in os.scandir(root):
            if not prefix.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(prefix.path):
                if entry.is_dir(follow_symlinks=False) and entry.name not in self.asked:
                    shutil.rmtree(entry.path, ignore_errors=True)
                    removed += 1
        return removed


class RevalidatingCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's cache middleware without its error recovery (a failed page stays failed),
    pruning the cache after a complete run."""

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: object = None
    ) -> None:
        request.meta.pop("cached_response", None)

    def spider_closed(self, spider: Spider, reason: str = "") -> None:  # type: ignore[override]
        # Only a run that walked the whole list knows which pages the list still has.
        stats = self.crawler.stats
        complete = stats is not None and outcome.is_complete(stats, reason)
        if complete and isinstance(self.storage, PruningCacheStorage):
            removed = self.storage.prune(spider)
            if removed:
                log.info("HTTP cache: %d entries this run did not ask for removed", removed)
        super().spider_closed(spider)


def not_modified(response: Response) -> bool:
    """Whether the response is the stored copy of a page the server said is unchanged."""
    return "cached" in response.flags
