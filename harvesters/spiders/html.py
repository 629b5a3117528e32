"""Web pages: schema.org course markup found through a sitemap or an index page."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin, urlsplit

import extruct
from extruct.utils import parse_xmldom_html
from lxml import etree
from scrapy import Request
from scrapy.http import TextResponse, XmlResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots

from harvesters import outcome
from harvesters.httpcache import not_modified
from harvesters.items import HarvestError, RawRecord, utc_now
from harvesters.jsonld import inline_context
from harvesters.safexml import local_name, parse_xml
from harvesters.spiders.base import HarvestSpider, describe_failure, is_robots_refusal

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator

    from scrapy.http import Response
    from twisted.python.failure import Failure

SYNTAXES = ("json-ld", "microdata", "rdfa")
WANTED_TYPES = frozenset(
    {
        "Course",
        "CourseInstance",
        "EducationalOccupationalProgram",
        "EducationalOccupationalCredential",
    }
)
# Properties that hold the page's main items rather than describe an item: a Course inside
# a WebPage's mainEntity or an ItemList is harvested, a credential inside an Occupation's
# qualifications is not.
CONTAINER_PROPERTIES = frozenset({"@graph", "mainEntity", "itemListElement", "item", "hasPart"})

_GZIP_MAGIC = b"\x1f\x8b"
_XML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(urlset|sitemapindex)\b", re.S)


def _local(term: str) -> str:
    """The local name of a type or property: `Course` for `https://schema.org/Course`."""
    return re.split(r"[/#:]", term)[-1]


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return {_local(v) for v in values if isinstance(v, str)}


def is_wanted(node: Any) -> bool:
    """Whether a node is a course, course instance, programme or credential."""
    return isinstance(node, dict) and bool(_types(node) & WANTED_TYPES)


def _first_str(value: Any) -> str | None:
    """The first string in a value as JSON-LD, microdata or expanded RDFa carry it."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id", value.get("@value"))
    return value.strip() if isinstance(value, str) and value.strip() else None


def _property(node: dict[str, Any], name: str) -> Any:
    """A property by local name: `url` or, in expanded RDFa, `http://schema.org/url`."""
    if name in node:
        return node[name]
    for key, value in node.items():
        if key.startswith("http") and _local(key) == name:
            return value
    return None


def find_items(nodes: Iterable[Any], context: Any = None) -> Iterator[dict[str, Any]]:
    """The wanted items of JSON-LD or microdata nodes.

    Wanted nodes are returned whole, with what they contain; the search goes on only
    through container properties (`CONTAINER_PROPERTIES`) of other nodes. An item found
    inside a document inherits the document's `@context` when it has none of its own and
    the context is a URL or small (`inline_context`): a large context object copied onto
    each of a page's items would multiply the page.
    """
    for node in nodes:
        if isinstance(node, list):
            yield from find_items(node, context)
            continue
        if not isinstance(node, dict):
            continue
        node_context = inline_context(node["@context"]) if "@context" in node else context
        if is_wanted(node):
            if "@context" not in node and node_context is not None:
                node = {"@context": node_context, **node}
            yield node
            continue
        for key, value in node.items():
            if key in CONTAINER_PROPERTIES:
                yield from find_items([value], node_context)


def find_rdfa_items(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The wanted items of extruct's RDFa output (flattened, expanded JSON-LD).

    A wanted node is an item unless another node refers to it, except through a container
    property of a node that is not itself wanted, so that RDFa gives the same items as the
    same markup in JSON-LD. Nodes it refers to are embedded.

    An RDF graph has no order and its blank nodes get new names on every parse, so, for
    an unchanged page to give unchanged payloads, blank-node identifiers are dropped and
    keys, values and items are put in a canonical order.
    """
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    hidden: set[str] = set()
    for node in nodes:
        for key, value in node.items():
            if key.startswith("@"):
                continue
            through_container = _local(key) in CONTAINER_PROPERTIES and not is_wanted(node)
            if through_container:
                continue
            for target in value if isinstance(value, list) else [value]:
                target_id = target.get("@id") if isinstance(target, dict) else None
                if isinstance(target_id, str) and target_id != node.get("@id"):
                    hidden.add(target_id)
    items = [
        _embed(node, by_id, frozenset({node.get("@id")}))
        for node in nodes
        if is_wanted(node) and node.get("@id") not in hidden
    ]
    return sorted(items, key=_canonical)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _embed(node: dict[str, Any], by_id: dict[str, dict[str, Any]], path: frozenset) -> Any:
    out: dict[str, Any] = {}
    for key in sorted(node):
        value = node[key]
        if key == "@id" and isinstance(value, str) and value.startswith("_:"):
            continue
        if isinstance(value, list):
            out[key] = sorted((_embed_value(v, by_id, path) for v in value), key=_canonical)
        else:
            out[key] = _embed_value(value, by_id, path)
    return out


def _embed_value(value: Any, by_id: dict[str, dict[str, Any]], path: frozenset) -> Any:
    if not isinstance(value, dict):
        return value
    target_id = value.get("@id")
    if set(value) == {"@id"} and target_id in by_id and target_id not in path:
        return _embed(by_id[target_id], by_id, path | {target_id})
    return _embed(value, by_id, path)


def extract_items(body: bytes, encoding: str, base_url: str) -> tuple[list[dict], list[str]]:
    """The schema.org items of one page, and one message per syntax that failed.

    The page is parsed once; each syntax is extracted on its own, so broken JSON-LD does
    not hide the page's microdata.
    """
    try:
        tree = parse_xmldom_html(body, encoding=encoding)
    except (etree.ParserError, ValueError) as exc:
        return [], [f"page could not be parsed as HTML: {exc}"]
    items: list[dict[str, Any]] = []
    errors: list[str] = []
    for syntax in SYNTAXES:
        try:
            data = extruct.extract(
                tree, base_url=base_url, syntaxes=[syntax], uniform=True, errors="strict"
            )
        except Exception as exc:  # extruct raises whatever its parsers raise
            errors.append(f"{syntax} could not be extracted: {type(exc).__name__}: {exc}")
            continue
        nodes = data.get(syntax, [])
        if syntax == "rdfa":
            items.extend(find_rdfa_items([n for n in nodes if isinstance(n, dict)]))
        else:
            items.extend(find_items(nodes))
    return items, errors


def item_remote_id(item: dict[str, Any], page_url: str, position: int, count: int) -> str:
    """The item's `@id` or `url` (resolved against the page), else the page URL, with
    `#position` when the page holds several items."""
    for value in (item.get("@id"), _property(item, "url")):
        text = _first_str(value)
        if text and not text.startswith("_:"):
            return urljoin(page_url, text)
    return f"{page_url}#{position}" if count > 1 else page_url


def parse_w3c_datetime(value: str | None) -> datetime | None:
    """A sitemap `<lastmod>` (W3C datetime: `2024-05-01`, `2024-05-01T10:00:00+02:00`, ...)
    or a `--from` datestamp as an aware UTC datetime; None when it cannot be read.

    A day is its first second in UTC; a time without a zone is taken as UTC.
    """
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    if re.fullmatch(r"\d{4}", text):
        text += "-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def sitemap_body(response: Response, max_size: int) -> bytes | None:
    """The XML of a sitemap or sitemap index response (gunzipped), else None."""
    body = response.body
    if body[:2] == _GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=max_size)
        except Exception:  # not gzip after all, or over the size limit
            return None
    if isinstance(response, XmlResponse) or _XML_START.match(body[:4096]):
        return body
    return None


class HtmlSpider(HarvestSpider):
    """Harvest schema.org course items from the pages of a web site.

    The start URL is a sitemap (or sitemap index, possibly gzipped), a robots.txt (its
    `Sitemap:` lines are followed) or an HTML index page. Every URL of the sitemaps is
    fetched; from an index page, the links to pages on the same host are followed, one
    level deep, and the index page is harvested as well. Each wanted item (see
    `WANTED_TYPES`) becomes one record, its payload the item as JSON-LD. The list is
    complete when every page was fetched; robots.txt is obeyed, and a page it forbids is
    reported without failing the list.

    Incremental runs (`--from`): a sitemap entry whose `<lastmod>` is older than the
    datestamp is not fetched (a page, or a whole child sitemap of an index), and counted in
    the summary's `skipped_unchanged`; entries without `<lastmod>` are always fetched. With
    `--cache-dir`, pages are revalidated and a page answered 304 writes nothing (counted in
    `not_modified_pages`); sitemaps are always read.

    Settings:
        HTML_SITEMAP_MAX_DEPTH: How deep sitemap indexes may nest.
        HTML_SITEMAP_MAX_URLS: The entries followed per sitemap or index (and the sitemaps
            per robots.txt); the rest are skipped and reported, the list is incomplete.
        HTML_MAX_LINKS_PER_PAGE: The links followed from an index page; likewise.

    Args:
        feed_id: The feed being harvested.
        url: The sitemap, robots.txt or index page.
        from_date: Skip sitemap entries last modified before this (`--from`).
    """

    name = "html"
    media_type = "application/ld+json"
    record_format = "schema.org"
    custom_settings = {"ROBOTSTXT_OBEY": True}

    def __init__(
        self, feed_id: int | str, url: str, from_date: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(feed_id, url, **kwargs)
        self.from_date = from_date
        self.since = parse_w3c_datetime(from_date)
        self._skipped = 0

    async def start(self) -> AsyncIterator[Request]:
        # Not dont_filter: a link back to the start page must not harvest it twice.
        yield Request(self.url, callback=self.parse_start, errback=self.on_list_failure)

    def parse_start(self, response: Response) -> Iterator[Any]:
        if urlsplit(response.url).path.endswith("/robots.txt"):
            yield from self._follow_robots(response)
            return
        root = self._sitemap_root(response)
        if root is not None:
            yield from self._follow_sitemap(root, response, depth=0)
            self.list_walked()
            return
        if not isinstance(response, TextResponse) or isinstance(response, XmlResponse):
            yield self.list_failed(
                f"{response.url} is neither a sitemap nor an HTML page", url=response.url
            )
            return
        yield from self.parse_page(response)
        host = urlsplit(response.url).netloc
        limit = self.settings.getint("HTML_MAX_LINKS_PER_PAGE")
        links = [
            link.url
            for link in LinkExtractor(unique=True).extract_links(response)
            if urlsplit(link.url).netloc == host
        ]
        for url in links[:limit] if limit else links:
            yield self._page_request(url)
        if limit and len(links) > limit:
            yield self.list_failed(
                f"{response.url} links to {len(links)} pages of its site, more than"
                f" HTML_MAX_LINKS_PER_PAGE ({limit}); the {len(links) - limit} after them"
                " were not fetched",
                url=response.url,
            )
        self.list_walked()

    def _follow_robots(self, response: Response) -> Iterator[Any]:
        text = (
            response.text
            if isinstance(response, TextResponse)
            else response.body.decode("utf-8", "replace")
        )
        urls = list(sitemap_urls_from_robots(text, base_url=response.url))
        if not urls:
            yield self.list_failed(f"{response.url} names no Sitemap", url=response.url)
            return
        limit = self.settings.getint("HTML_SITEMAP_MAX_URLS")
        for url in urls[:limit] if limit else urls:
            yield self._sitemap_request(url, depth=1)
        if limit and len(urls) > limit:
            yield self.list_failed(
                f"{response.url} names {len(urls)} sitemaps, more than HTML_SITEMAP_MAX_URLS"
                f" ({limit}); the {len(urls) - limit} after them were skipped",
                url=response.url,
            )
        self.list_walked()

    def _sitemap_request(self, url: str, depth: int) -> Request:
        return Request(
            url,
            callback=self.parse_sitemap,
            errback=self.on_list_failure,
            cb_kwargs={"depth": depth},
        )

    def _unchanged_since(self, element: etree._Element) -> bool:
        """Whether a sitemap entry's `<lastmod>` is older than `--from`."""
        if self.since is None:
            return False
        lastmod = next((c.text for c in element if local_name(c) == "lastmod"), None)
        when = parse_w3c_datetime(lastmod)
        if when is None or when >= self.since:
            return False
        self._skipped += 1
        outcome.set_summary_field(self.crawler.stats, "skipped_unchanged", self._skipped)
        return True

    def parse_sitemap(self, response: Response, depth: int) -> Iterator[Any]:
        root = self._sitemap_root(response)
        if root is None:
            yield self.list_failed(f"{response.url} is not a sitemap", url=response.url)
            return
        yield from self._follow_sitemap(root, response, depth)

    def _sitemap_root(self, response: Response) -> etree._Element | None:
        body = sitemap_body(response, self.settings.getint("DOWNLOAD_MAXSIZE"))
        if body is None:
            return None
        try:
            root = parse_xml(body)
        except etree.XMLSyntaxError:
            return None
        return root if local_name(root) in ("urlset", "sitemapindex") else None

    def _follow_sitemap(
        self, root: etree._Element, response: Response, depth: int
    ) -> Iterator[Any]:
        is_index = local_name(root) == "sitemapindex"
        entry = "sitemap" if is_index else "url"
        max_depth = self.settings.getint("HTML_SITEMAP_MAX_DEPTH")
        # The protocol allows 50,000 entries per sitemap; each one queued is a request held
        # in memory, so the ones past the cap are counted and reported, not followed.
        limit = self.settings.getint("HTML_SITEMAP_MAX_URLS")
        entries = 0
        for element in root:
            if local_name(element) != entry:
                continue
            loc = next((c.text for c in element if local_name(c) == "loc" and c.text), None)
            if not loc:
                continue
            entries += 1
            if limit and entries > limit:
                continue
            url = urljoin(response.url, loc.strip())
            if self._unchanged_since(element):
                continue
            if not is_index:
                yield self._page_request(url)
            elif depth < max_depth:
                yield self._sitemap_request(url, depth + 1)
            else:
                yield self.list_failed(
                    f"sitemap {url} nested deeper than {max_depth} levels", url=url
                )
        if limit and entries > limit:
            yield self.list_failed(
                f"sitemap {response.url} lists {entries} entries, more than"
                f" HTML_SITEMAP_MAX_URLS ({limit}); the {entries - limit} after them were"
                " skipped",
                url=response.url,
            )

    def _page_request(self, url: str) -> Request:
        return Request(url, callback=self.parse_page, errback=self.on_page_failure)

    def parse_page(self, response: Response) -> Iterator[RawRecord | HarvestError]:
        if not_modified(response):
            # --cache-dir: the server said 304; the page's records are unchanged.
            self.crawler.stats.inc_value(outcome.NOT_MODIFIED_PAGES)
            return
        if not isinstance(response, TextResponse):
            self.logger.debug("Skipping %s: not a text page", response.url)
            return
        fetched_at = utc_now()
        page_url = urldefrag(response.url).url
        items, errors = extract_items(response.body, response.encoding, page_url)
        for message in errors:
            yield self.record_error(message, url=page_url)
        for position, item in enumerate(items, start=1):
            yield RawRecord(
                feed_id=self.feed_id,
                remote_id=item_remote_id(item, page_url, position, len(items)),
                datestamp=_first_str(_property(item, "dateModified")),
                deleted=False,
                media_type=self.media_type,
                format=self.record_format,
                payload=json.dumps(item, ensure_ascii=False),
                url=page_url,
                fetched_at=fetched_at,
            )

    def on_page_failure(self, failure: Failure) -> Iterator[HarvestError]:
        """A page could not be fetched: the list is incomplete, unless robots.txt said no."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else None
        if is_robots_refusal(failure):
            yield self.record_error(f"not fetched, forbidden by robots.txt: {url}", url=url)
            return
        yield self.list_failed(describe_failure(failure), url=url)
