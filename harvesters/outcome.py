"""How a crawl ended: the stats spiders set, and the summary line built from them.

Spiders and the output pipeline share the crawl's outcome through Scrapy's stats collector
(keys under `harvest/`), so the outcome also shows in the stats dump on stderr.
"""

from __future__ import annotations

from typing import Any

from scrapy.statscollectors import StatsCollector

LIST_WALKED = "harvest/list_walked"
"""True once the spider reached the end of the list (empty token, last page, ...)."""
FAILURE = "harvest/failure"
"""Why the list could not be walked to its end (the first such reason)."""
FAILURES = "harvest/failures"
"""How many list failures happened (pages, protocol errors, refused URLs)."""
RECORDS = "harvest/records"
ERRORS = "harvest/errors"
IDENTIFIERS = "harvest/identifiers"
"""How many `identifier` lines were written (the oai_pmh spider's `--identifiers` mode)."""
SETS = "harvest/sets"
"""How many `set` lines were written (the oai_pmh spider's `--list-sets` mode)."""
NOT_MODIFIED_PAGES = "harvest/not_modified_pages"
"""Pages answered 304 Not Modified (or served fresh from the HTTP cache): no lines written."""
SUMMARY_EXTRA = "harvest/summary/"
"""Prefix of the stats that become extra summary fields (see `set_summary_field`)."""
SUMMARY_WRITTEN = "harvest/summary_written"
LOCAL_FILE_BYTES = "harvest/local_file_bytes"
"""Bytes read from an uploaded file (downloads are counted by Scrapy)."""

_CLOSE_REASONS = {
    "closespider_timeout": "stopped: the time limit (--max-seconds) was reached",
    "shutdown": "stopped: the harvester was asked to shut down",
    "output_closed": "stopped: the output stream was closed",
}


def mark_list_walked(stats: StatsCollector) -> None:
    """Record that the whole list was walked."""
    stats.set_value(LIST_WALKED, True)


def record_failure(stats: StatsCollector, reason: str) -> None:
    """Record that part of the list could not be harvested; the first reason is kept."""
    stats.inc_value(FAILURES)
    stats.set_value(FAILURE, stats.get_value(FAILURE) or reason)


def set_summary_field(stats: StatsCollector, name: str, value: Any) -> None:
    """Add a field to the summary line, after the fields every summary has.

    Used for what a spider learnt about the source (`granularity`, `deleted_record`,
    `watermark`, ...); a field that was never set is left out of the summary.
    """
    stats.set_value(SUMMARY_EXTRA + name, value)


def is_complete(stats: StatsCollector, close_reason: str) -> bool:
    """Whether a crawl that closed with `close_reason` walked its whole list: Scrapy finished
    normally, the spider reached the end of the list and no page of the list failed."""
    walked = bool(stats.get_value(LIST_WALKED))
    return close_reason == "finished" and walked and not stats.get_value(FAILURE)


def build_summary(feed_id: int, stats: StatsCollector, close_reason: str) -> dict[str, Any]:
    """The summary line for a crawl that closed with `close_reason` (complete: see
    `is_complete`)."""
    failure = stats.get_value(FAILURE)
    failures = stats.get_value(FAILURES, 0)
    walked = bool(stats.get_value(LIST_WALKED))
    complete = is_complete(stats, close_reason)
    reason: str | None = None
    if failure:
        reason = failure if failures <= 1 else f"{failure} (and {failures - 1} more failures)"
    if close_reason != "finished":
        stopped = _CLOSE_REASONS.get(close_reason, f"stopped: {close_reason}")
        reason = f"{stopped}; first failure: {reason}" if reason else stopped
    elif not walked and not reason:
        reason = "the crawl ended before the end of the list"
    summary: dict[str, Any] = {
        "type": "summary",
        "feed_id": feed_id,
        "complete": complete,
        "records": stats.get_value(RECORDS, 0),
        "errors": stats.get_value(ERRORS, 0),
        "reason": reason,
    }
    for key, name in ((IDENTIFIERS, "identifiers"), (SETS, "sets")):
        if stats.get_value(key) is not None:
            summary[name] = stats.get_value(key)
    if stats.get_value(NOT_MODIFIED_PAGES):
        summary["not_modified_pages"] = stats.get_value(NOT_MODIFIED_PAGES)
    extras = {
        key[len(SUMMARY_EXTRA) :]: value
        for key, value in stats.get_stats().items()
        if key.startswith(SUMMARY_EXTRA)
    }
    for name in sorted(extras):
        summary[name] = extras[name]
    return summary
