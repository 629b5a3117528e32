"""The output of a harvest: JSON lines on stdout, read by the aggregator as they stream.

One object per line, flushed per line: `record` and `error` lines while the crawl runs
(`identifier` lines instead of records in the oai_pmh `--identifiers` mode, `set` lines in
its `--list-sets` mode), then exactly one `summary` line when the spider closes. Lines are
pure ASCII (non-ASCII characters are JSON escapes), so a line never depends on the locale's
encoding and never contains a character that some readers treat as a line break (U+2028,
U+2029).

Feeds come from strangers, so the output is bounded: a line longer than
`HARVEST_MAX_RECORD_BYTES` is replaced by an error line for its record, and once the run has
written more than `HARVEST_MAX_OUTPUT_RATIO` times what it read (plus
`HARVEST_OUTPUT_ALLOWANCE_BYTES`), or `HARVEST_MAX_OUTPUT_BYTES` when that is set, the
spider is stopped and the summary says incomplete.
"""

from __future__ import annotations

import json
import logging
from dataclasses import fields
from typing import IO, TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from harvesters import outcome
from harvesters.items import HarvestError, RawRecord, RemoteIdentifier, SourceSet

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)


_LINE_TYPES = {
    RawRecord: ("record", outcome.RECORDS),
    HarvestError: ("error", outcome.ERRORS),
    RemoteIdentifier: ("identifier", outcome.IDENTIFIERS),
    SourceSet: ("set", outcome.SETS),
}
# Field names per item class; a shallow dict of them (dataclasses.asdict deep-copies every
# value, a sixth of the spider's time at 100k records).
_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in _LINE_TYPES}
# Close reasons of this pipeline and of Scrapy's memusage extension, as the summary says them.
OUTPUT_LIMIT_REASON = "output_limit"
_STOPPED = {
    OUTPUT_LIMIT_REASON: "the output reached {output} bytes, more than a feed of this size"
    " writes (HARVEST_MAX_OUTPUT_RATIO, HARVEST_MAX_OUTPUT_BYTES); the rest of the list was"
    " not harvested",
    "memusage_exceeded": "the harvester's memory use passed MEMUSAGE_LIMIT_MB ({memory} MiB);"
    " the rest of the list was not harvested",
}
# What of an oversized record's remote id and URL its error line keeps.
_MAX_REFERENCE_CHARS = 2000


class JsonLinesOutputPipeline:
    """Write every item as one JSON line, and a summary line when the spider closes.

    Settings:
        HARVEST_OUTPUT_FD: The file descriptor to write to (default 1, stdout).
        HARVEST_MAX_RECORD_BYTES: The longest line an item may take (0: no cap); a longer
            one is not written, an error line for its record is.
        HARVEST_MAX_OUTPUT_RATIO, HARVEST_OUTPUT_ALLOWANCE_BYTES: What the item lines of one
            run may take: this many times the bytes read (downloaded, decompressed, or
            read from an uploaded file), plus the allowance. An honest feed writes about what
            it reads; one whose lines multiply it (a part copied into every record) is
            stopped. The item that would pass it is not written.
        HARVEST_MAX_OUTPUT_BYTES: An absolute cap on the same (0: none).
    """

    def __init__(
        self,
        crawler: Crawler,
        stream: IO[str],
        max_record_bytes: int = 0,
        max_output_bytes: int = 0,
        max_output_ratio: float = 0.0,
        output_allowance: int = 0,
    ) -> None:
        self.crawler = crawler
        self.stream = stream
        self.max_record_bytes = max_record_bytes
        self.max_output_bytes = max_output_bytes
        self.max_output_ratio = max_output_ratio
        self.output_allowance = output_allowance
        self.written_bytes = 0
        self._output_closed = False
        self._output_full = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        fd = settings.getint("HARVEST_OUTPUT_FD", 1)
        stream = open(fd, "w", encoding="ascii", newline="\n", closefd=False)  # noqa: SIM115
        pipeline = cls(
            crawler,
            stream,
            max_record_bytes=settings.getint("HARVEST_MAX_RECORD_BYTES"),
            max_output_bytes=settings.getint("HARVEST_MAX_OUTPUT_BYTES"),
            max_output_ratio=settings.getfloat("HARVEST_MAX_OUTPUT_RATIO"),
            output_allowance=settings.getint("HARVEST_OUTPUT_ALLOWANCE_BYTES"),
        )
        crawler.signals.connect(pipeline.spider_error, signal=signals.spider_error)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def process_item(self, item: Any) -> Any:
        kind = _LINE_TYPES.get(type(item))
        if kind is None:
            raise DropItem(f"not a harvester item: {type(item).__name__}")
        if self._output_full:
            return item  # the spider is closing; the summary is the only line left to write
        line_type, counter = kind
        line = {"type": line_type}
        for name in _FIELDS[type(item)]:
            line[name] = getattr(item, name)
        text = json.dumps(line)
        # One line of ASCII: characters are bytes; the newline counts too.
        if self.max_record_bytes and len(text) + 1 > self.max_record_bytes:
            line, counter = self._oversized(line, len(text) + 1), outcome.ERRORS
            text = json.dumps(line)
        if self._over_output_cap(len(text) + 1):
            self._output_full = True
            logger.error(
                "The output reached %d bytes after reading %d; stopping the crawl",
                self.written_bytes,
                self._bytes_read(),
            )
            self._close_spider(OUTPUT_LIMIT_REASON)
            return item
        self.write_text(text)
        self.crawler.stats.inc_value(counter)
        return item

    def _over_output_cap(self, size: int) -> bool:
        total = self.written_bytes + size
        if self.max_output_bytes and total > self.max_output_bytes:
            return True
        if not self.max_output_ratio or total <= self.output_allowance:
            return False  # (the bytes read are only added up when the allowance is spent)
        return total > self.output_allowance + self.max_output_ratio * self._bytes_read()

    def _bytes_read(self) -> int:
        """What the run has read: responses as downloaded, plus compressed ones once
        decompressed (which Scrapy counts apart), plus an uploaded file."""
        stats = self.crawler.stats
        return sum(
            int(stats.get_value(key) or 0)
            for key in (
                "downloader/response_bytes",
                "httpcompression/response_bytes",
                outcome.LOCAL_FILE_BYTES,
            )
        )

    def _oversized(self, line: dict[str, Any], size: int) -> dict[str, Any]:
        """The error line that stands for an item whose line is over the per-record cap."""
        what = "record" if line["type"] == "record" else f"{line['type']} line"
        remote_id, url = line.get("remote_id"), line.get("url")
        logger.warning("%s of %d bytes not written (%.200s)", what, size, remote_id or url)
        return {
            "type": "error",
            "feed_id": line["feed_id"],
            "remote_id": remote_id[:_MAX_REFERENCE_CHARS] if remote_id is not None else None,
            "url": url[:_MAX_REFERENCE_CHARS] if url is not None else None,
            "message": f"{what} not stored: its line is {size} bytes, over"
            f" HARVEST_MAX_RECORD_BYTES ({self.max_record_bytes} bytes)",
        }

    def spider_error(self, failure: Failure, response: Response, spider: Spider) -> None:
        """A bug in a spider callback: report it, and never call the list complete."""
        message = f"harvester error: {failure.getErrorMessage()}"
        outcome.record_failure(self.crawler.stats, message)
        self.process_item(
            HarvestError(
                feed_id=spider.feed_id,  # type: ignore[attr-defined]
                remote_id=None,
                url=getattr(response, "url", None),
                message=message,
            )
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if reason in _STOPPED:
            settings = self.crawler.settings
            reason = _STOPPED[reason].format(
                output=self.written_bytes, memory=settings.getint("MEMUSAGE_LIMIT_MB")
            )
        summary = outcome.build_summary(
            spider.feed_id,  # type: ignore[attr-defined]
            self.crawler.stats,
            reason,
        )
        self.write(summary)
        self.crawler.stats.set_value(outcome.SUMMARY_WRITTEN, True)
        self._output_closed = True  # the summary is the last line

    def write(self, line: dict[str, Any]) -> None:
        self.write_text(json.dumps(line))

    def write_text(self, text: str) -> None:
        """Write one line (JSON text without its newline) and flush it."""
        if self._output_closed:
            return
        try:
            self.stream.write(text + "\n")
            self.stream.flush()
        except (BrokenPipeError, ValueError):
            # The reader went away: nobody will see the rest, so stop crawling.
            self._output_closed = True
            logger.error("Output stream closed; stopping the crawl")
            self._close_spider("output_closed")
            return
        self.written_bytes += len(text) + 1

    def _close_spider(self, reason: str) -> None:
        if self.crawler.engine is not None and self.crawler.engine.spider is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))
