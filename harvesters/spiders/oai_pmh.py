"""OAI-PMH: Identify, then ListRecords (or ListIdentifiers / ListSets) to the end of the list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus, urlencode

from scrapy import Request
from scrapy.spidermiddlewares.httperror import HttpError

from harvesters import oai, outcome
from harvesters.items import HarvestError, RawRecord, RemoteIdentifier, SourceSet, utc_now
from harvesters.spiders.base import HarvestSpider, describe_failure

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from scrapy.http import Response
    from twisted.python.failure import Failure

RECORDS = "records"
IDENTIFIERS = "identifiers"
SETS = "sets"
MODES = (RECORDS, IDENTIFIERS, SETS)


class OaiPmhSpider(HarvestSpider):
    """Harvest an OAI-PMH repository.

    The spider asks Identify first: `--from` is then sent in the repository's granularity,
    and the summary reports `granularity`, `deleted_record` (the repository's deletedRecord
    policy), `earliest_datestamp` and `watermark` (the responseDate of the first list page,
    in the repository's granularity: the `--from` of the next incremental run, on the
    repository's clock). A failed Identify fails nothing: the summary's `identify_error`
    says why, and `--from` is sent as given.

    Without a metadata prefix the spider asks ListMetadataFormats and takes the LOM family
    when offered, else `oai_dc`. Resumption tokens are sent back exactly as given; the list
    ends at an absent or empty token, or at `noRecordsMatch` answering its first request
    (the request's arguments select nothing). `noRecordsMatch` answering a resumptionToken
    cuts the list short, and one sent with a status that is retried (5xx, 408, 429) is a
    server failing: both leave the list incomplete. A `badResumptionToken` restarts the
    list from its first page once; a token seen twice, more than `HARVEST_MAX_EMPTY_PAGES`
    pages in a row without records, or fewer items than the last advertised
    `completeListSize` leave the list incomplete.

    Modes: `records` (ListRecords, the default) writes `record` lines; `identifiers`
    (ListIdentifiers over the full list, `--from` ignored) writes `identifier` lines for a
    periodic reconcile of deletions; `sets` (ListSets) writes `set` lines.

    Args:
        feed_id: The feed being harvested.
        url: The repository's base URL.
        metadata_prefix: The metadataPrefix to harvest (the `--format` argument).
        oai_set: The setSpec of a selective harvest (`--set`).
        from_date: The lower datestamp bound of an incremental harvest (`--from`).
        mode: `records`, `identifiers` or `sets`.
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
        mode: str = RECORDS,
        **kwargs: Any,
    ) -> None:
        super().__init__(feed_id, url, **kwargs)
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
        self.metadata_prefix = metadata_prefix
        self.oai_set = oai_set
        self.from_date = None if mode == IDENTIFIERS else from_date
        self.mode = mode
        self.granularity: str | None = None
        self._seen_tokens: set[str] = set()
        self._empty_pages = 0
        self._restarted = False
        self._listed = 0
        self._advertised: int | None = None
        self._format = oai.canonical_format(metadata_prefix) if metadata_prefix else ""
        self._get_record_parts: tuple[str, str] | None = None

    async def start(self) -> AsyncIterator[Request]:
        if self.mode == IDENTIFIERS:
            self.crawler.stats.set_value(outcome.IDENTIFIERS, 0)
        elif self.mode == SETS:
            self.crawler.stats.set_value(outcome.SETS, 0)
        yield Request(
            oai.request_url(self.url, verb="Identify"),
            callback=self.parse_identify,
            errback=self.on_identify_failure,
            dont_filter=True,
        )

    # -- Identify and ListMetadataFormats -------------------------------------------------

    def parse_identify(self, response: Response) -> Iterator[Any]:
        try:
            identify = oai.parse_identify(response.body)
        except (oai.OAIPMHException, oai.MalformedResponse) as exc:
            self._identify_failed(str(exc))
        else:
            self.granularity = identify.granularity
            stats = self.crawler.stats
            outcome.set_summary_field(stats, "granularity", identify.granularity)
            outcome.set_summary_field(stats, "deleted_record", identify.deleted_record)
            outcome.set_summary_field(stats, "earliest_datestamp", identify.earliest_datestamp)
        yield from self._after_identify()

    def on_identify_failure(self, failure: Failure) -> Iterator[Any]:
        self._identify_failed(describe_failure(failure))
        yield from self._after_identify()

    def _identify_failed(self, message: str) -> None:
        """Not an error of any record: the summary says so, and `--from` goes as given."""
        self.logger.warning("Identify failed, going on without it: %s", message)
        outcome.set_summary_field(self.crawler.stats, "identify_error", message)

    def _after_identify(self) -> Iterator[Request]:
        if self.mode == SETS:
            yield self._list_request("ListSets", self.parse_list_sets)
        elif self.metadata_prefix:
            yield self._first_list_request()
        else:
            yield Request(
                oai.request_url(self.url, verb="ListMetadataFormats"),
                callback=self.parse_metadata_formats,
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
        self._format = oai.canonical_format(prefix)
        yield self._first_list_request()

    # -- the list -------------------------------------------------------------------------

    @property
    def verb(self) -> str:
        return "ListIdentifiers" if self.mode == IDENTIFIERS else "ListRecords"

    def _first_list_request(self) -> Request:
        assert self.metadata_prefix
        params = {"metadataPrefix": self.metadata_prefix}
        if self.oai_set:
            params["set"] = self.oai_set
        if self.from_date:
            params["from"] = oai.datestamp_in_granularity(self.from_date, self.granularity)
        return self._list_request(self.verb, self.parse_list, **params)

    def _list_request(
        self, verb: str, callback: Callable[[Response], Iterator[Any]], **params: str
    ) -> Request:
        # Loops are caught by the token check; the dupe filter must never drop a page silently.
        return Request(
            oai.request_url(self.url, verb=verb, **params),
            callback=callback,
            errback=self.on_page_failure,
            dont_filter=True,
            cb_kwargs={"resumed": "resumptionToken" in params},
        )

    def parse_list(self, response: Response, resumed: bool = False) -> Iterator[Any]:
        fetched_at = utc_now()
        parse = oai.parse_list_identifiers if self.mode == IDENTIFIERS else oai.parse_list_records
        try:
            page = parse(response.body)
        except oai.NoRecordsMatch as exc:
            yield from self._no_records_match(exc, response.url, resumed)
            return
        except oai.BadResumptionToken as exc:
            yield from self._restart_or_fail(exc, response.url)
            return
        except oai.OAIPMHException as exc:
            yield self.list_failed(f"{exc} (from {response.url})", url=response.url)
            return
        except oai.MalformedResponse as exc:
            yield self.list_failed(
                f"malformed OAI-PMH response from {response.url}: {exc}", url=response.url
            )
            return
        if self.mode == RECORDS and not resumed and page.response_date:
            outcome.set_summary_field(
                self.crawler.stats,
                "watermark",
                oai.datestamp_in_granularity(page.response_date, self.granularity),
            )
        self._listed += len(page.records)
        if page.complete_list_size is not None:
            self._advertised = page.complete_list_size
        to_item = self._to_identifier if self.mode == IDENTIFIERS else self._to_item
        for record in page.records:
            yield to_item(record, response, fetched_at)
        yield from self._follow(page.resumption_token, bool(page.records), response.url)

    def parse_list_sets(self, response: Response, resumed: bool = False) -> Iterator[Any]:
        try:
            sets, token = oai.parse_list_sets(response.body)
        except oai.NoSetHierarchy:
            self.list_walked()
            return
        except (oai.OAIPMHException, oai.MalformedResponse) as exc:
            yield self.list_failed(
                f"ListSets failed: {exc} (from {response.url})", url=response.url
            )
            return
        for oai_set in sets:
            yield SourceSet(self.feed_id, oai_set.spec, oai_set.name)
        yield from self._follow(token, bool(sets), response.url)

    def _follow(self, token: str | None, had_items: bool, page_url: str) -> Iterator[Any]:
        if token is None:
            yield from self._end_of_list(page_url)
            return
        if token in self._seen_tokens:
            yield self.list_failed(
                f"resumptionToken {token!r} was returned twice; stopping to avoid a loop",
                url=page_url,
            )
            return
        self._empty_pages = 0 if had_items else self._empty_pages + 1
        limit = self.settings.getint("HARVEST_MAX_EMPTY_PAGES")
        if limit and self._empty_pages > limit:
            yield self.list_failed(
                f"{self._empty_pages} pages in a row without records; stopping", url=page_url
            )
            return
        self._seen_tokens.add(token)
        if self.mode == SETS:
            yield self._list_request("ListSets", self.parse_list_sets, resumptionToken=token)
        else:
            yield self._list_request(self.verb, self.parse_list, resumptionToken=token)

    def _end_of_list(self, page_url: str) -> Iterator[Any]:
        if self._advertised is not None and self._listed < self._advertised:
            yield self.list_failed(
                f"the repository advertised completeListSize {self._advertised} but the list"
                f" ended after {self._listed} items",
                url=page_url,
            )
            return
        self.list_walked()

    def _no_records_match(
        self, exc: oai.NoRecordsMatch, page_url: str, resumed: bool
    ) -> Iterator[Any]:
        """The request selects nothing: the first one, an empty list; a resumed one, a list
        cut short (a reconcile must not take it for the whole list and delete the rest)."""
        if not resumed or (self._advertised is not None and self._listed >= self._advertised):
            # (A repository that answers a stray last token so, after every item it
            # advertised, has ended its list.)
            yield from self._end_of_list(page_url)
            return
        yield self.list_failed(
            f"{exc} (from {page_url}) in answer to a resumptionToken, after {self._listed}"
            " items: the list was cut short",
            url=page_url,
        )

    def _restart_or_fail(self, exc: oai.BadResumptionToken, page_url: str) -> Iterator[Any]:
        """A token expired (or the repository restarted): walk the list again, once."""
        if self._restarted or self.mode == SETS:
            yield self.list_failed(f"{exc} (from {page_url})", url=page_url)
            return
        self._restarted = True
        yield self.record_error(f"{exc}; restarting the list from its first page", url=page_url)
        self._seen_tokens.clear()
        self._empty_pages = 0
        self._listed = 0
        self._advertised = None
        yield self._first_list_request()

    def _to_item(
        self, record: oai.OaiRecord, response: Response, fetched_at: str
    ) -> RawRecord | HarvestError:
        if record.identifier is None:
            return self.record_error("record header has no identifier", url=response.url)
        url = self._get_record_url(record.identifier)
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
            format=self._format,
            payload=record.metadata or "",
            url=url,
            fetched_at=fetched_at,
        )

    def _get_record_url(self, identifier: str) -> str:
        """The GetRecord URL of a record (as `oai.request_url` writes it, only faster)."""
        assert self.metadata_prefix
        if self._get_record_parts is None:
            prefix = oai.request_url(self.url, verb="GetRecord", identifier="")
            suffix = "&" + urlencode({"metadataPrefix": self.metadata_prefix})
            self._get_record_parts = (prefix, suffix)
        prefix, suffix = self._get_record_parts
        return f"{prefix}{quote_plus(identifier, safe='')}{suffix}"

    def _to_identifier(
        self, record: oai.OaiRecord, response: Response, fetched_at: str
    ) -> RemoteIdentifier | HarvestError:
        if record.identifier is None:
            return self.record_error("header has no identifier", url=response.url)
        return RemoteIdentifier(self.feed_id, record.identifier, record.deleted)

    def on_page_failure(self, failure: Failure) -> Iterator[Any]:
        """A page could not be fetched; an error status may still carry an OAI-PMH error.

        Some repositories (Zenodo, for one) send their `<error>` with an HTTP 4xx status; a
        status retried as the server failing ends no list, whatever its body says.
        """
        request = getattr(failure, "request", None)
        url = request.url if request is not None else None
        if failure.check(HttpError):
            response = failure.value.response
            try:
                oai.parse_response(response.body)
            except oai.NoRecordsMatch as exc:
                if request is not None and self._answers_list_page(request, response.status):
                    yield from self._no_records_match(
                        exc, request.url, request.cb_kwargs["resumed"]
                    )
                else:
                    yield self.list_failed(
                        f"{exc} (HTTP {response.status} from {url}): the request failed,"
                        " the list did not end",
                        url=url,
                    )
                return
            except oai.BadResumptionToken as exc:
                yield from self._restart_or_fail(exc, url or "")
                return
            except oai.OAIPMHException as exc:
                yield self.list_failed(f"{exc} (HTTP {response.status} from {url})", url=url)
                return
            except oai.MalformedResponse:
                pass
        yield self.list_failed(describe_failure(failure), url=url)

    def _answers_list_page(self, request: Request, status: int) -> bool:
        """Whether an error status still brings the repository's answer to a list page: a
        client error (Zenodo's 422), not a status retried as the server failing (503, 429)."""
        retried = {int(code) for code in self.settings.getlist("RETRY_HTTP_CODES")}
        return request.callback == self.parse_list and 400 <= status < 500 and status not in retried
