"""What every harvester spider shares: its arguments, its errors and its outcome."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from harvesters import outcome
from harvesters.addresses import ForbiddenAddressError
from harvesters.items import HarvestError
from harvesters.tls import CertificateVerificationError

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.http import Response
    from twisted.python.failure import Failure


def describe_failure(failure: Failure) -> str:
    """A one-line account of why a request failed, for error lines and summaries."""
    exc = failure.value
    request = getattr(failure, "request", None)
    if isinstance(exc, HttpError):
        response = exc.response
        return f"HTTP {response.status} for {response.url}"
    if isinstance(exc, ForbiddenAddressError | CertificateVerificationError):
        return str(exc)
    url = f" for {request.url}" if request is not None else ""
    if isinstance(exc, IgnoreRequest):
        return f"request ignored{url}: {exc}"
    detail = str(exc) or type(exc).__name__
    return f"request failed{url}: {type(exc).__name__}: {detail}"


def is_robots_refusal(failure: Failure) -> bool:
    """Whether the request was dropped because robots.txt forbids it."""
    return failure.check(IgnoreRequest) is not None and "robots.txt" in str(failure.value)


class HarvestSpider(scrapy.Spider):
    """A spider harvesting one feed.

    Subclasses report each malformed record with `record_error` and go on; they report a
    list that cannot be walked to its end with `list_failed`, and call `list_walked` once
    they reach the end. The output pipeline turns this into the summary line.

    Args:
        feed_id: The feed being harvested, copied onto every output line.
        url: The feed URL (None when `file` is given).
        file: A local file to harvest instead of `url` (an upload; spiders that support it
            read it with `read_local_file`).
    """

    def __init__(
        self, feed_id: int | str, url: str | None = None, file: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.feed_id = int(feed_id)
        self.url: str = url or ""  # empty when harvesting a local file
        self.file = file
        if (url is None) == (file is None):
            raise ValueError("a harvest needs either a url or a file")

    def read_local_file(self) -> bytes | HarvestError:
        """The bytes of `self.file`, or an error line (list failed) when it cannot be read.

        The file is held to the same size cap as a download (`DOWNLOAD_MAXSIZE`; 0 is no
        cap). Only the operator chooses the path (`--file`); nothing is fetched.
        """
        assert self.file is not None
        limit = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
        try:
            with open(self.file, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if limit and size > limit:
                    return self.list_failed(
                        f"{self.file} is larger ({size} bytes) than DOWNLOAD_MAXSIZE"
                        f" ({limit} bytes)"
                    )
                data = handle.read(limit + 1) if limit else handle.read()
        except OSError as exc:
            return self.list_failed(f"cannot read {self.file}: {exc.strerror or exc}")
        if limit and len(data) > limit:  # grew while being read
            return self.list_failed(f"{self.file} is larger than DOWNLOAD_MAXSIZE ({limit} bytes)")
        self.logger.info("Read %d bytes from %s", len(data), self.file)
        self.crawler.stats.inc_value(outcome.LOCAL_FILE_BYTES, len(data))
        return data

    def record_error(
        self, message: str, *, url: str | None = None, remote_id: str | None = None
    ) -> HarvestError:
        """An error line for one record or page; the list goes on."""
        self.logger.warning("%s (%s)", message, remote_id or url)
        return HarvestError(self.feed_id, remote_id, url, message)

    def list_failed(self, message: str, *, url: str | None = None) -> HarvestError:
        """An error line for a failure that leaves the list incomplete."""
        self.logger.error("%s", message)
        outcome.record_failure(self.crawler.stats, message)
        return HarvestError(self.feed_id, None, url, message)

    def list_walked(self) -> None:
        """Record that the list was walked to its end."""
        self.logger.info("Reached the end of the list")
        outcome.mark_list_walked(self.crawler.stats)

    def on_list_failure(self, failure: Failure) -> Any:
        """Errback of a request whose failure leaves the list incomplete."""
        request = getattr(failure, "request", None)
        yield self.list_failed(describe_failure(failure), url=request.url if request else None)


class SingleDocumentSpider(HarvestSpider):
    """A feed that is one document (a CSV file, an XCRI-CAP catalogue), fetched or uploaded.

    Subclasses implement `parse_document`; the document comes from the feed URL or, for an
    upload (`--file`), from disk without any request.
    """

    async def start(self) -> AsyncIterator[Any]:
        if self.file is not None:
            # An uploaded file: read from disk, no request; records' url from the data only.
            data = self.read_local_file()
            if isinstance(data, HarvestError):
                yield data
                return
            for item in self.parse_document(data, self.file, None):
                yield item
            return
        yield scrapy.Request(
            self.url, callback=self.parse, errback=self.on_list_failure, dont_filter=True
        )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        return self.parse_document(response.body, response.url, response.url)

    def parse_document(self, body: bytes, source: str, page_url: str | None) -> Iterator[Any]:
        """The records and error lines of one document.

        Args:
            body: The document's bytes.
            source: What messages call the document: its URL, or the local file's path.
            page_url: The URL of the document (None for a local file).
        """
        raise NotImplementedError
