"""OAI-PMH: ListRecords with resumption tokens, selective harvesting and deletes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.spidermiddlewares.httperror import HttpError

from harvesters import oai
from harvesters.items import HarvestError, RawRecord, utc_now
from harvesters.spiders.base import HarvestSpider, describe_failure

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.http import Response
    from twisted.python.failure import Failure


class OaiPmhSpider(HarvestSpider):
    """Harvest an OAI-PMH repository with ListRecords.

    Without a metadata prefix the spider asks ListMetadataFormats first and takes the LOM
    family when offered, else `oai_dc`. Resumption tokens are sent back exactly as given;
    the list ends at an absent or empty token. A token seen twice, or more than
    `HARVEST_MAX_EMPTY_PAGES` pages in a row without records, stops the list as incomplete.

    Args:
        feed_id: The feed being harvested.
        url: The repository's base URL.
        metadata_prefix: The metadataPrefix to harvest (the `--format` argument).
        oai_set: The setSpec of a selective harvest (`--set`).
        from_date: The lower datestamp bound of an incremental harvest (`--from`).
    """

    name = "oai_pmh"
    media_type = "application/xml"
    custom_settings = {
        "DEFAULT_REQUEST_HEADERS": {
            "Accept": "text/xml, application/xml;q=0.9, */*;q=0.1",
        },
    }

    def __init__(
        self,
        feed_id: int | str,
        url: str,
        metadata_prefix: str | None = None,
        oai_set: str | None = None,
        from_date: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(feed_id, url, **kwargs)
        self.metadata_prefix = metadata_prefix
        self.oai_set = oai_set
        self.from_date = from_date
        self._seen_tokens: set[str] = set()
        self._empty_pages = 0

    async def start(self) -> AsyncIterator[Request]:
        if self.metadata_prefix:
            yield self._list_records_request()
        else:
            yield Request(
                oai.request_url(self.url, verb="ListMetadataFormats"),
                callback=self.parse_metadata_formats,
                errback=self.on_page_failure,
                dont_filter=True,
            )

    def _list_records_request(self, token: str | None = None) -> Request:
        if token is not None:
            params = {"verb": "ListRecords", "resumptionToken": token}
        else:
            assert self.metadata_prefix
            params = {"verb": "ListRecords", "metadataPrefix": self.metadata_prefix}
            if self.oai_set:
                params["set"] = self.oai_set
            if self.from_date:
                params["from"] = self.from_date
        # Loops are caught by the token check; the dupe filter must never drop a page silently.
        return Request(
            oai.request_url(self.url, **params),
            callback=self.parse_list_records,
            errback=self.on_page_failure,
            dont_filter=True,
        )

    def parse_metadata_formats(self, response: Response) -> Iterator[Any]:
        try:
            prefixes = oai.parse_metadata_formats(response.body)
        except (oai.OAIPMHException, oai.MalformedResponse) as exc:
            yield self.list_failed(f"ListMetadataFormats failed: {exc}", url=response.url)
            return
        prefix = oai.choose_metadata_prefix(prefixes)
        if prefix is None:
            offered = ", ".join(prefixes) or "none"
            yield self.list_failed(
                f"no supported metadata format offered (offered: {offered}); pass --format",
                url=response.url,
            )
            return
        self.logger.info("Harvesting metadataPrefix %r (offered: %s)", prefix, prefixes)
        self.metadata_prefix = prefix
        yield self._list_records_request()

    def parse_list_records(self, response: Response) -> Iterator[Any]:
        fetched_at = utc_now()
        try:
            page = oai.parse_list_records(response.body)
        except oai.NoRecordsMatch:
            self.list_walked()
            return
        except oai.OAIPMHException as exc:
            yield self.list_failed(f"{exc} (from {response.url})", url=response.url)
            return
        except oai.MalformedResponse as exc:
            yield self.list_failed(
                f"malformed OAI-PMH response from {response.url}: {exc}", url=response.url
            )
            return
        for record in page.records:
            yield self._to_item(record, response, fetched_at)
        yield from self._follow(page, response)

    def _follow(self, page: oai.ListRecordsPage, response: Response) -> Iterator[Any]:
        token = page.resumption_token
        if token is None:
            self.list_walked()
            return
        if token in self._seen_tokens:
            yield self.list_failed(
                f"resumptionToken {token!r} was returned twice; stopping to avoid a loop",
                url=response.url,
            )
            return
        self._empty_pages = 0 if page.records else self._empty_pages + 1
        limit = self.settings.getint("HARVEST_MAX_EMPTY_PAGES")
        if limit and self._empty_pages > limit:
            yield self.list_failed(
                f"{self._empty_pages} pages in a row without records; stopping",
                url=response.url,
            )
            return
        self._seen_tokens.add(token)
        yield self._list_records_request(token)

    def _to_item(
        self, record: oai.OaiRecord, response: Response, fetched_at: str
    ) -> RawRecord | HarvestError:
        if record.identifier is None:
            return self.record_error("record header has no identifier", url=response.url)
        assert self.metadata_prefix
        url = oai.request_url(
            self.url,
            verb="GetRecord",
            identifier=record.identifier,
            metadataPrefix=self.metadata_prefix,
        )
        if not record.deleted and record.metadata is None:
            return self.record_error(
                "record has no metadata and is not deleted", url=url, remote_id=record.identifier
            )
        return RawRecord(
            feed_id=self.feed_id,
            remote_id=record.identifier,
            datestamp=record.datestamp,
            deleted=record.deleted,
            media_type=self.media_type,
            format=oai.canonical_format(self.metadata_prefix),
            payload=record.metadata or "",
            url=url,
            fetched_at=fetched_at,
        )

    def on_page_failure(self, failure: Failure) -> Iterator[Any]:
        """A page could not be fetched; an error status may still carry an OAI-PMH error.

        Some repositories (Zenodo, for one) send their `<error>` with an HTTP 4xx status.
        """
        request = getattr(failure, "request", None)
        url = request.url if request is not None else None
        if failure.check(HttpError):
            response = failure.value.response
            try:
                oai.parse_response(response.body)
            except oai.NoRecordsMatch:
                self.list_walked()
                return
            except oai.OAIPMHException as exc:
                yield self.list_failed(f"{exc} (HTTP {response.status} from {url})", url=url)
                return
            except oai.MalformedResponse:
                pass
        yield self.list_failed(describe_failure(failure), url=url)
