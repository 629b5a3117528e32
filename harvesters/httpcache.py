"""Conditional requests between runs: Scrapy's HTTP cache, always revalidating.

Enabled by `--cache-dir` (json_api, html). Every cached page is asked for again with its
validators (`If-None-Match` / `If-Modified-Since`); a `304 Not Modified` answer gives the
spider the stored page flagged `cached`, which it follows (next links) without writing
its records again. Nothing stale is ever served without asking, and a failure is never
hidden behind a stored copy: unlike Scrapy's defaults, a 5xx answer or a download error
does not fall back to the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response


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


class RevalidatingCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's cache middleware without its error recovery (a failed page stays failed)."""

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: object = None
    ) -> None:
        request.meta.pop("cached_response", None)


def not_modified(response: Response) -> bool:
    """Whether the response is the stored copy of a page the server said is unchanged."""
    return "cached" in response.flags
