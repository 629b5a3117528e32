"""Paginated JSON APIs: JSON:API, OOAPI-style `items`/`results` lists, plain arrays."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeGuard
from urllib.parse import urljoin

from scrapy import Request
from w3lib.url import add_or_replace_parameter

from harvesters.items import HarvestError, RawRecord, utc_now
from harvesters.spiders.base import HarvestSpider

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.http import Response

RECORD_LIST_KEYS = ("data", "items", "results", "records")
ID_KEYS = ("id", "identifier", "code")
DATESTAMP_KEYS = (
    "dateModified",
    "modified",
    "modifiedAt",
    "updated_at",
    "updatedAt",
    "lastModified",
    "last_modified",
    "datestamp",
)


def find_records(document: Any) -> list[Any] | None:
    """The record list of a page: the document itself when it is a list, else the first of
    `data`, `items`, `results`, `records` that holds a list; None when there is none."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in RECORD_LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
    return None


def find_next_url(document: Any, page_url: str) -> str | None:
    """The URL of the next page, or None on the last page.

    Looked for in this order: `links.next` (JSON:API; a URL or a link object with `href`),
    a top-level `next` URL, then `page` and `pages` numbers at the top level or under
    `meta` (the next page repeats this page's URL with `page` one higher).
    Relative URLs are resolved against the page URL.
    """
    if not isinstance(document, dict):
        return None
    links = document.get("links")
    if isinstance(links, dict) and "next" in links:
        return _link(links["next"], page_url)
    if "next" in document:
        return _link(document["next"], page_url)
    for container in (document, document.get("meta")):
        if not isinstance(container, dict):
            continue
        page, pages = container.get("page"), container.get("pages")
        if _is_int(page) and _is_int(pages):
            if page < pages:
                return add_or_replace_parameter(page_url, "page", str(page + 1))
            return None
    return None


def _link(value: Any, page_url: str) -> str | None:
    if isinstance(value, dict):
        value = value.get("href")
    if isinstance(value, str) and value.strip():
        return urljoin(page_url, value.strip())
    return None


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def record_id(record: dict[str, Any]) -> str | None:
    """The record's `id`, `identifier` or `code` (first present), as a string."""
    for key in ID_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if _is_int(value):
            return str(value)
    return None


def record_datestamp(record: dict[str, Any]) -> str | None:
    """The record's last-modified date, on the record or under JSON:API `attributes`."""
    attributes = record.get("attributes")
    for container in (record, attributes if isinstance(attributes, dict) else {}):
        for key in DATESTAMP_KEYS:
            value = container.get(key)
            if isinstance(value, str) and value:
                return value
    return None


def record_url(record: dict[str, Any], page_url: str) -> str:
    """The record's own URL (JSON:API `links.self`), else the page it was found on."""
    links = record.get("links")
    if isinstance(links, dict):
        url = _link(links.get("self"), page_url)
        if url:
            return url
    return page_url


class JsonApiSpider(HarvestSpider):
    """Harvest a paginated JSON API, keeping each record object verbatim.

    Args:
        feed_id: The feed being harvested.
        url: The first page.
        record_format: The format name put on every record (the `--format` argument).
    """

    name = "json_api"
    media_type = "application/json"
    default_format = "demo_json"
    custom_settings = {
        "DEFAULT_REQUEST_HEADERS": {
            "Accept": "application/json, application/vnd.api+json, */*;q=0.1",
        },
    }

    def __init__(
        self, feed_id: int | str, url: str, record_format: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(feed_id, url, **kwargs)
        self.record_format = record_format or self.default_format
        self._seen_pages: set[str] = set()
        self._empty_pages = 0

    async def start(self) -> AsyncIterator[Request]:
        request = self._page_request(self.url)
        self._seen_pages.add(request.url)
        yield request

    def _page_request(self, url: str) -> Request:
        # Loops are caught by the seen-pages check; the dupe filter must never drop a page.
        return Request(url, callback=self.parse, errback=self.on_list_failure, dont_filter=True)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        fetched_at = utc_now()
        try:
            document = json.loads(response.body)
        except ValueError as exc:
            yield self.list_failed(f"malformed JSON from {response.url}: {exc}", url=response.url)
            return
        records = find_records(document)
        if records is None:
            keys = ", ".join(RECORD_LIST_KEYS)
            yield self.list_failed(
                f"no record list in the JSON from {response.url}"
                f" (expected a top-level list or one of: {keys})",
                url=response.url,
            )
            return
        for position, record in enumerate(records, start=1):
            yield self._to_item(record, position, response.url, fetched_at)
        yield from self._follow(document, records, response.url)

    def _follow(self, document: Any, records: list[Any], page_url: str) -> Iterator[Any]:
        next_url = find_next_url(document, page_url)
        if next_url is None:
            self.list_walked()
            return
        request = self._page_request(next_url)
        if request.url in self._seen_pages:
            yield self.list_failed(
                f"next page {next_url} was already harvested; stopping to avoid a loop",
                url=page_url,
            )
            return
        self._empty_pages = 0 if records else self._empty_pages + 1
        limit = self.settings.getint("HARVEST_MAX_EMPTY_PAGES")
        if limit and self._empty_pages > limit:
            yield self.list_failed(
                f"{self._empty_pages} pages in a row without records; stopping", url=page_url
            )
            return
        self._seen_pages.add(request.url)
        yield request

    def _to_item(
        self, record: Any, position: int, page_url: str, fetched_at: str
    ) -> RawRecord | HarvestError:
        if not isinstance(record, dict):
            return self.record_error(
                f"record {position} is a JSON {type(record).__name__}, not an object",
                url=page_url,
            )
        remote_id = record_id(record)
        if remote_id is None:
            return self.record_error(f"record {position} has no {', '.join(ID_KEYS)}", url=page_url)
        return RawRecord(
            feed_id=self.feed_id,
            remote_id=remote_id,
            datestamp=record_datestamp(record),
            deleted=False,
            media_type=self.media_type,
            format=self.record_format,
            payload=json.dumps(record, ensure_ascii=False),
            url=record_url(record, page_url),
            fetched_at=fetched_at,
        )
