"""Paginated JSON APIs: JSON:API, OOAPI, MOOChub, Sharekit, CTDL and ELM JSON-LD, plain lists.

Everything that reads one page is a pure function here (`detect_profile`, `find_records`,
`find_next_url`, `record_id`, ...), so it can be run and tested without a crawl; the spider
fetches the pages and follows them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeGuard
from urllib.parse import urljoin

from scrapy import Request
from w3lib.url import add_or_replace_parameter

from harvesters import outcome
from harvesters.httpcache import not_modified
from harvesters.items import HarvestError, RawRecord, utc_now
from harvesters.jsonld import inline_context
from harvesters.spiders.base import HarvestSpider

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.http import Response

RECORD_LIST_KEYS = ("data", "items", "results", "records")
ID_KEYS = ("id", "identifier", "code", "uuid", "@id")
# OOAPI names its identifiers after the resource.
OOAPI_ID_KEYS = ("courseId", "programId", "offeringId", "componentId", "organizationId")
DATESTAMP_KEYS = (
    "dateModified",
    "modified",
    "modifiedAt",
    "updated_at",
    "updatedAt",
    "lastModified",
    "last_modified",
    "datestamp",
    "ceterms:dateModified",
)
# CTDL classes harvested as records: learning opportunities and credentials (every
# subclass of ceterms:Credential). Organisations, assessments, ... are skipped.
CTDL_LEARNING_TYPES = frozenset(
    {"Course", "LearningOpportunityProfile", "LearningProgram", "Credential"}
)
CTDL_CREDENTIAL_TYPES = frozenset(
    {
        "AcademicCertificate",
        "ApprenticeshipCertificate",
        "AssociateDegree",
        "AssociateOfAppliedArtsDegree",
        "AssociateOfAppliedScienceDegree",
        "AssociateOfArtsDegree",
        "AssociateOfScienceDegree",
        "BachelorDegree",
        "BachelorOfArtsDegree",
        "BachelorOfScienceDegree",
        "Badge",
        "Certificate",
        "CertificateOfCompletion",
        "CertificateOfParticipation",
        "Certification",
        "Degree",
        "DigitalBadge",
        "Diploma",
        "DoctoralDegree",
        "GeneralEducationDevelopment",
        "JourneymanCertificate",
        "License",
        "MasterCertificate",
        "MasterDegree",
        "MasterOfArtsDegree",
        "MasterOfScienceDegree",
        "MicroCredential",
        "OpenBadge",
        "ProfessionalCertificate",
        "ProfessionalDoctorate",
        "QualityAssuranceCredential",
        "ResearchDoctorate",
        "SecondarySchoolDiploma",
    }
)
PROFILES = ("ooapi", "moochub", "sharekit", "ctdl", "elm")
# A CTDL record carries the graph nodes it refers to, directly or through other nodes, up to
# these bounds (a registry graph's resource refers to a few dozen blank nodes of a few KiB).
CTDL_MAX_EMBEDDED_NODES = 200
CTDL_MAX_EMBEDDED_BYTES = 256 * 1024
_CTID = re.compile(r"ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_CURSOR_KEYS = ("next_cursor", "nextCursor", "nextPageToken", "next_page_token")
_TOTAL_KEYS = ("total", "totalCount", "total_count", "count")
_LIMIT_KEYS = ("limit", "size", "pageSize", "page_size")


def _local(term: str) -> str:
    """`Course` for `ceterms:Course` or `https://purl.org/ctdl/terms/Course`."""
    return re.split(r"[/#:]", term)[-1]


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", node.get("type", []))
    values = value if isinstance(value, list) else [value]
    return {_local(v) for v in values if isinstance(v, str)}


def _context_text(document: Any) -> str:
    if isinstance(document, list):
        document = next((d for d in document if isinstance(d, dict)), {})
    if not isinstance(document, dict):
        return ""
    credential = document.get("credential")
    if "@context" not in document and isinstance(credential, dict):
        document = credential  # Europass's upload wrapper {"credential": {...}}
    return json.dumps(document.get("@context", ""))


def _is_ctdl_node(node: Any) -> bool:
    return isinstance(node, dict) and any(key.startswith("ceterms:") for key in node)


def detect_profile(document: Any) -> str | None:
    """The known API profile a page follows, recognised without configuration.

    `ooapi` (OOAPI v5: `items` with `pageNumber` / `hasNextPage`), `sharekit` (SURF
    Sharekit JSON:API: `data` of `repoItem`s), `moochub` (MOOChub v3 JSON:API: `data` of
    `Course` resources with `attributes`), `ctdl` (Credential Engine JSON-LD: `@graph` or
    nodes with `ceterms:` properties, or the credreg.net context), `elm` (Europass / ELM
    JSON-LD credentials: the `data.europa.eu/snb` context or a `EuropeanDigitalCredential`);
    None for anything else.
    """
    context = _context_text(document)
    if "credreg.net" in context or "purl.org/ctdl" in context:
        return "ctdl"
    graph = document.get("@graph") if isinstance(document, dict) else None
    if isinstance(graph, list) and any(_is_ctdl_node(node) for node in graph):
        return "ctdl"
    if "data.europa.eu/snb" in context:
        return "elm"
    single = document.get("credential", document) if isinstance(document, dict) else None
    if isinstance(single, dict) and "EuropeanDigitalCredential" in _types(single):
        return "elm"
    if not isinstance(document, dict):
        if isinstance(document, list) and document and all(map(_is_ctdl_node, document)):
            return "ctdl"
        return None
    if isinstance(document.get("items"), list) and (
        "pageNumber" in document or "hasNextPage" in document
    ):
        return "ooapi"
    data = document.get("data")
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        kinds = {item.get("type") for item in data}
        if kinds == {"repoItem"}:
            return "sharekit"
        if kinds <= {"Course", "course", "courses"} and all("attributes" in i for i in data):
            return "moochub"
    return None


@dataclass(frozen=True, slots=True)
class PageRecords:
    """The records of one page.

    Attributes:
        records: The record objects, each kept whole. CTDL: a node of a `@graph` document
            becomes that document (its `@context` and `@id`) with the node first in its
            `@graph`, followed by the graph's other nodes it refers to, directly or
            transitively (bounded: `CTDL_MAX_EMBEDDED_NODES`, `CTDL_MAX_EMBEDDED_BYTES`).
            The document's `@context` goes with each record only when it is small
            (`inline_context`).
        skipped: Nodes of the page that are not records (CTDL organisations, ...).
        truncated: Records that refer to more nodes than the bounds let them carry.
    """

    records: list[Any]
    skipped: int = 0
    truncated: int = 0


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value (keys excepted); iterative, so depth is no danger."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class _GraphIndex:
    """The nodes of a CTDL `@graph` that are not records, by `@id` and by CTID."""

    def __init__(self, nodes: list[Any]) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        self.by_ctid: dict[str, dict[str, Any]] = {}
        self._sizes: dict[int, int] = {}
        self.position = {id(node): at for at, node in enumerate(nodes)}
        """Where each node (by ``id()``) stands in the graph."""
        for node in nodes:
            if isinstance(node.get("@id"), str):
                self.by_id.setdefault(node["@id"], node)
            ctid = node.get("ceterms:ctid")
            if isinstance(ctid, str) and ctid.strip():
                self.by_ctid.setdefault(ctid.strip().lower(), node)

    def node(self, reference: str) -> dict[str, Any] | None:
        """The node a reference names: its `@id`, else the CTID in a registry URI (the
        registry writes `/resources/ce-...` for a node, `/graph/ce-...` for references)."""
        found = self.by_id.get(reference)
        if found is None and reference.startswith("http") and (match := _CTID.search(reference)):
            found = self.by_ctid.get(match.group(0).lower())
        return found

    def size(self, node: dict[str, Any]) -> int:
        if id(node) not in self._sizes:
            self._sizes[id(node)] = len(json.dumps(node, ensure_ascii=False))
        return self._sizes[id(node)]

    def referenced(self, record: dict[str, Any]) -> tuple[set[int], bool]:
        """The ids (`id()`) of the nodes `record` refers to, directly or through other nodes,
        within `CTDL_MAX_EMBEDDED_NODES` and `CTDL_MAX_EMBEDDED_BYTES`; and whether some were
        left out by those bounds."""
        kept: set[int] = set()
        size, truncated = 0, False
        queue = [record]
        while queue:
            for text in _strings(queue.pop(0)):
                found = self.node(text) if text.startswith(("_:", "http")) else None
                if found is None or found is record or id(found) in kept:
                    continue
                if (
                    len(kept) >= CTDL_MAX_EMBEDDED_NODES
                    or size + self.size(found) > CTDL_MAX_EMBEDDED_BYTES
                ):
                    truncated = True
                    continue
                kept.add(id(found))
                size += self.size(found)
                queue.append(found)
        return kept, truncated


def _ctdl_records(document: Any) -> PageRecords | None:
    if isinstance(document, dict) and isinstance(document.get("@graph"), list):
        nodes, context = document["@graph"], document.get("@context")
    elif isinstance(document, list):
        nodes, context = document, None
    elif isinstance(document, dict):
        nodes, context = [document], None
    else:
        return None
    wanted = [_is_ctdl_record(node) for node in nodes]
    if isinstance(document, dict) and isinstance(document.get("@graph"), list):
        # Each record, first in its graph, keeps the nodes it refers to (organisations,
        # blank nodes for durations and values, ...) so its references resolve; only
        # those, in graph order: every node for every record made the output quadratic.
        others = [
            node
            for node, keep in zip(nodes, wanted, strict=True)
            if not keep and isinstance(node, dict)
        ]
        index = _GraphIndex(others)
        head = {key: document[key] for key in ("@context", "@id") if key in document}
        if inline_context(head.get("@context")) is None:
            head.pop("@context", None)
        records = []
        truncated = 0
        for node, keep in zip(nodes, wanted, strict=True):
            if not keep:
                continue
            kept, cut = index.referenced(node)
            truncated += cut
            # In graph order, for the price of the kept nodes (not of every node per record).
            embedded = [others[at] for at in sorted(index.position[key] for key in kept)]
            records.append({**head, "@graph": [node, *embedded]})
        return PageRecords(records, len(nodes) - len(records), truncated)
    records = []
    context = inline_context(context)
    for node, keep in zip(nodes, wanted, strict=True):
        if keep:
            if "@context" not in node and context is not None:
                node = {"@context": context, **node}
            records.append(node)
    return PageRecords(records, wanted.count(False))


def _is_ctdl_record(node: Any) -> bool:
    return isinstance(node, dict) and bool(
        _types(node) & (CTDL_LEARNING_TYPES | CTDL_CREDENTIAL_TYPES)
    )


def _elm_records(document: Any) -> PageRecords | None:
    if isinstance(document, list):
        return PageRecords(document)
    if isinstance(document, dict):
        if isinstance(document.get("credential"), dict):
            return PageRecords([document["credential"]])
        return PageRecords([document])
    return None


def _at_path(document: Any, path: str) -> Any:
    for key in path.split("."):
        if isinstance(document, dict) and key in document:
            document = document[key]
        elif isinstance(document, list) and key.isdigit() and int(key) < len(document):
            document = document[int(key)]
        else:
            return None
    return document


def find_records(
    document: Any, profile: str | None = None, records_path: str | None = None
) -> list[Any] | None:
    """The record list of a page, or None when there is none.

    With `records_path` (dotted, e.g. `data.items`), the list found there. Otherwise the
    profile's records (`page_records`), else the document itself when it is a list, else
    the first of `data`, `items`, `results`, `records` that holds a list.
    """
    page = page_records(document, profile, records_path)
    return page.records if page is not None else None


def page_records(
    document: Any, profile: str | None = None, records_path: str | None = None
) -> PageRecords | None:
    """Like `find_records`, with the count of nodes that are not records."""
    if records_path:
        found = _at_path(document, records_path)
        return PageRecords(found) if isinstance(found, list) else None
    if profile == "ctdl":
        return _ctdl_records(document)
    if profile == "elm":
        return _elm_records(document)
    if isinstance(document, list):
        return PageRecords(document)
    if isinstance(document, dict):
        for key in RECORD_LIST_KEYS:
            if isinstance(document.get(key), list):
                return PageRecords(document[key])
    return None


def _containers(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = [document]
    for key in ("meta", "pageInformation", "pagination", "paging", "page_info"):
        if isinstance(document.get(key), dict):
            found.append(document[key])
    return found


def _first_int(container: dict[str, Any], keys: tuple[str, ...]) -> int | None:
    for key in keys:
        if _is_int(container.get(key)):
            return container[key]
    return None


def _total(containers: list[dict[str, Any]]) -> int | None:
    """The list's total size, wherever the page puts it (Pure: `count` beside
    `pageInformation`)."""
    for container in containers:
        total = _first_int(container, _TOTAL_KEYS)
        if total is not None:
            return total
    return None


def find_next_url(
    document: Any,
    page_url: str,
    records_on_page: int | None = None,
    cursor_param: str = "cursor",
) -> str | None:
    """The URL of the next page, or None on the last page.

    Paging styles, looked for in this order:

    1. JSON:API `links.next` (a URL or a link object with `href`); a top-level `next` URL.
    2. A cursor in the body (`next_cursor`, `nextCursor`, `nextPageToken`, also under
       `meta`): the next page is this URL with `cursor_param` set to it; `has_more: false`
       ends the list.
    3. OOAPI: `hasNextPage` with `pageNumber` (the next page sets `pageNumber`).
    4. Page numbers: `page` with `pages` / `totalPages`, or with a page size and a total
       (at the top level or under `meta`, `pagination`, ...); the next page sets `page`.
    5. Offsets: `offset` with `limit` / `size` and a total (`total`, `count`,
       `totalCount`), or without a total while pages come back full; the next page sets
       `offset`.

    Relative URLs are resolved against the page URL.
    """
    if not isinstance(document, dict):
        return None
    links = document.get("links")
    if isinstance(links, dict) and "next" in links:
        return _link(links["next"], page_url)
    if "next" in document and not isinstance(document["next"], bool):
        return _link(document["next"], page_url)
    containers = _containers(document)
    for container in containers:
        if container.get("has_more") is False or container.get("hasMore") is False:
            return None
        for key in _CURSOR_KEYS:
            cursor = container.get(key)
            if isinstance(cursor, str | int) and not isinstance(cursor, bool) and str(cursor):
                return add_or_replace_parameter(page_url, cursor_param, str(cursor))
    if "hasNextPage" in document:
        number = document.get("pageNumber")
        if document["hasNextPage"] is True and _is_int(number):
            return add_or_replace_parameter(page_url, "pageNumber", str(number + 1))
        return None
    for container in containers:
        page = container.get("page")
        if not _is_int(page):
            continue
        pages = _first_int(container, ("pages", "totalPages", "total_pages", "last_page"))
        if pages is None:
            size, total = _first_int(container, _LIMIT_KEYS), _total(containers)
            if size and total is not None:
                pages = -(-total // size)
        if pages is not None:
            return (
                add_or_replace_parameter(page_url, "page", str(page + 1)) if page < pages else None
            )
    for container in containers:
        offset, limit = container.get("offset"), _first_int(container, _LIMIT_KEYS)
        if not _is_int(offset) or not limit:
            continue
        total = _total(containers)
        if total is None:
            if records_on_page is None or records_on_page < limit:
                return None
        elif offset + limit >= total:
            return None
        return add_or_replace_parameter(page_url, "offset", str(offset + limit))
    return None


def _link(value: Any, page_url: str) -> str | None:
    if isinstance(value, dict):
        value = value.get("href")
    if isinstance(value, str) and value.strip():
        return urljoin(page_url, value.strip())
    return None


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def record_id(record: dict[str, Any], profile: str | None = None) -> str | None:
    """The record's identifier, as a string.

    CTDL: `ceterms:ctid`, else `@id`. Otherwise the first present of `id`, `identifier`,
    `code`, `uuid`, `@id`, then OOAPI's `courseId`, `programId`, `offeringId`, ...
    """
    keys: tuple[str, ...] = ID_KEYS + OOAPI_ID_KEYS
    if profile == "ctdl":
        keys = ("ceterms:ctid", "@id")
        graph = record.get("@graph")
        if isinstance(graph, list) and graph and isinstance(graph[0], dict):
            record = graph[0]
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if _is_int(value):
            return str(value)
    return None


def record_deleted(record: dict[str, Any]) -> bool:
    """Whether the record is a tombstone: JSON:API ``meta.status`` "deleted" (as Sharekit
    lists deletions in a delta), or ``meta.deleted`` / a top-level ``deleted`` that is true."""
    meta = record.get("meta")
    if isinstance(meta, dict) and (meta.get("status") == "deleted" or meta.get("deleted") is True):
        return True
    return record.get("deleted") is True


def record_datestamp(record: dict[str, Any]) -> str | None:
    """The record's last-modified date (or, for a tombstone, its deletion date), on the record
    or under JSON:API `attributes` or `meta`."""
    containers = [record]
    containers += [
        record[key] for key in ("attributes", "meta") if isinstance(record.get(key), dict)
    ]
    for container in containers:
        for key in (*DATESTAMP_KEYS, "deletedAt"):
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

    The first page decides the profile (`detect_profile`), which gives the record format
    when `--format` is not given and tells where the records are; the paging style is
    read from every page (`find_next_url`). With `--cache-dir`, pages are revalidated and
    a page the server says is unchanged (304) writes nothing: it is counted in the
    summary's `not_modified_pages` and only its next link is followed.

    Settings:
        JSON_CURSOR_PARAM: The query parameter that carries a cursor (default `cursor`).

    Args:
        feed_id: The feed being harvested.
        url: The first page.
        record_format: The format name put on every record (the `--format` argument).
        records_path: The dotted path of the record list in a page (`--records-path`).
        id_path: The dotted path of each record's identifier (`--id-path`).
    """

    name = "json_api"
    media_type = "application/json"
    default_format = "demo_json"
    custom_settings = {
        "DEFAULT_REQUEST_HEADERS": {
            "Accept": "application/json, application/vnd.api+json, application/ld+json, */*;q=0.1",
        },
    }

    def __init__(
        self,
        feed_id: int | str,
        url: str,
        record_format: str | None = None,
        records_path: str | None = None,
        id_path: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(feed_id, url, **kwargs)
        self.record_format = record_format
        self.records_path = records_path
        self.id_path = id_path
        self.profile: str | None = None
        self._profile_known = False
        self._seen_pages: set[str] = set()
        self._empty_pages = 0
        self._skipped = 0

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
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
            yield self.list_failed(f"malformed JSON from {response.url}: {exc}", url=response.url)
            return
        if not self._profile_known:
            self._profile_known = True
            self.profile = detect_profile(document)
            if self.profile:
                self.logger.info("Recognised the %s profile", self.profile)
                outcome.set_summary_field(self.crawler.stats, "profile", self.profile)
        page = page_records(document, self.profile, self.records_path)
        if page is None:
            where = self.records_path or (
                "a top-level list or one of: " + ", ".join(RECORD_LIST_KEYS)
            )
            yield self.list_failed(
                f"no record list in the JSON from {response.url} (expected {where})",
                url=response.url,
            )
            return
        if page.skipped:
            self._skipped += page.skipped
            outcome.set_summary_field(self.crawler.stats, "skipped_nodes", self._skipped)
        if page.truncated:
            self.logger.warning(
                "%d records of %s refer to more graph nodes than they carry (%d nodes,"
                " %d bytes at most)",
                page.truncated,
                response.url,
                CTDL_MAX_EMBEDDED_NODES,
                CTDL_MAX_EMBEDDED_BYTES,
            )
        if not_modified(response):
            self.crawler.stats.inc_value(outcome.NOT_MODIFIED_PAGES)
        else:
            for position, record in enumerate(page.records, start=1):
                yield self._to_item(record, position, response.url, fetched_at)
        yield from self._follow(document, page.records, response.url)

    def _follow(self, document: Any, records: list[Any], page_url: str) -> Iterator[Any]:
        next_url = find_next_url(
            document,
            page_url,
            records_on_page=len(records),
            cursor_param=self.settings.get("JSON_CURSOR_PARAM", "cursor"),
        )
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
        if self.id_path:
            value = _at_path(record, self.id_path)
            remote_id = str(value).strip() if isinstance(value, str | int) else None
            if not remote_id:
                return self.record_error(f"record {position} has no {self.id_path}", url=page_url)
        else:
            remote_id = record_id(record, self.profile)
        if remote_id is None:
            keys = ", ".join(("ceterms:ctid", "@id") if self.profile == "ctdl" else ID_KEYS)
            return self.record_error(f"record {position} has no {keys}", url=page_url)
        is_json_ld = self.profile in ("ctdl", "elm")
        deleted = record_deleted(record)
        return RawRecord(
            feed_id=self.feed_id,
            remote_id=remote_id,
            datestamp=record_datestamp(record),
            deleted=deleted,
            media_type="application/ld+json" if is_json_ld else self.media_type,
            format=self.record_format or self.profile or self.default_format,
            payload="" if deleted else json.dumps(record, ensure_ascii=False),
            url=record_url(record, page_url),
            fetched_at=fetched_at,
        )
