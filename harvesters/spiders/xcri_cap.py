"""XCRI-CAP 1.2: one catalogue document per provider, one raw record per `<course>`."""

from __future__ import annotations

import copy
import io
from typing import TYPE_CHECKING, Any

from lxml import etree

from harvesters.items import HarvestError, RawRecord, utc_now
from harvesters.safexml import local_name
from harvesters.spiders.base import SingleDocumentSpider

if TYPE_CHECKING:
    from collections.abc import Iterator


XCRI_NS = "http://xcri.org/profiles/1.2/catalog"
DC_NS = "http://purl.org/dc/elements/1.1/"
MLO_NS = "http://purl.org/net/mlo"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# What of a provider travels with each of its courses: what the xcri-cap mapping reads there
# (its name, identifiers, website and country). Not its description, which it does not read.
PROVIDER_FIELDS = frozenset({"identifier", "title", "url", "location"})
# The provider's fields are copied into every course, so they are bounded: a real provider's
# are well under 2 KiB; more would multiply the output by the number of courses.
PROVIDER_MAX_BYTES = 8 * 1024


class ProviderContext:
    """The fields of one provider that travel with each of its courses.

    Kept in document order, each distinct element once (an exact repeat is dropped), as long
    as the kept ones stay within `PROVIDER_MAX_BYTES`; fields past it are dropped and
    counted. (The mapping looks through every location for a country and takes the first
    usable web address, so nothing is chosen here but what fits.)
    """

    def __init__(self) -> None:
        self.fields: list[etree._Element] = []
        self.size = 0
        self.dropped = 0
        self._seen: set[bytes] = set()

    def add(self, element: etree._Element) -> None:
        serialised = etree.tostring(element, with_tail=False)
        if serialised in self._seen:
            return
        if self.size + len(serialised) > PROVIDER_MAX_BYTES:
            self.dropped += 1
            return
        self._seen.add(serialised)
        self.size += len(serialised)
        self.fields.append(copy.deepcopy(element))


def iterparse_safely(source: io.BytesIO) -> Any:
    """lxml's iterparse with the safe parser's settings: no entities, DTD or network."""
    return etree.iterparse(
        source,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=False,
        remove_comments=True,
    )


def course_identifier(course: etree._Element) -> str | None:
    """The course's `dc:identifier` (a plain one before one with an `xsi:type`), else an
    XCRI `<identifier>`; None when it has neither."""
    plain, typed = None, None
    for child in course:
        if not isinstance(child.tag, str) or local_name(child) != "identifier":
            continue
        text = (child.text or "").strip()
        if not text:
            continue
        if child.get(XSI_TYPE) is None and plain is None:
            plain = text
        elif typed is None:
            typed = text
    return plain or typed


def course_url(course: etree._Element) -> str | None:
    element = course.find(f"{{{MLO_NS}}}url")
    text = (element.text or "").strip() if element is not None else ""
    return text or None


class XcriCapSpider(SingleDocumentSpider):
    """Harvest an XCRI-CAP 1.2 catalogue (`<catalog>` of `<provider>`s of `<course>`s).

    The document is parsed as a stream (lxml iterparse, with the settings of
    `harvesters.safexml`: entities are never expanded, no DTD, no network), and each course
    is dropped from the tree once emitted, so memory stays flat however many courses the
    catalogue holds. Each record's payload is a `<provider>` element holding the
    provider's `dc:identifier`, `dc:title`, `mlo:url`, `mlo:location` (each once, within
    `PROVIDER_MAX_BYTES`; see `ProviderContext`) and the one `<course>` with its
    `<presentation>`s, as the `xcri-cap` mapping reads it. The
    remote id is the course's `dc:identifier` (or `<identifier>`); a course without one is
    an error line. A document that is not well-formed fails the list after the courses
    before the fault.
    """

    name = "xcri_cap"
    media_type = "application/xml"
    record_format = "xcri-cap"
    custom_settings = {
        "DEFAULT_REQUEST_HEADERS": {"Accept": "application/xml, text/xml;q=0.9, */*;q=0.1"},
    }

    def parse_document(self, body: bytes, source: str, page_url: str | None) -> Iterator[Any]:
        """The records and error lines of one catalogue document.

        Args:
            body: The document's bytes.
            source: What messages call the document: its URL, or the local file's path.
            page_url: The URL of the document (None for a local file): the `url` of error
                lines, and of records whose course has no `mlo:url`.
        """
        fetched_at = utc_now()
        events = iterparse_safely(io.BytesIO(body))
        root: etree._Element | None = None
        generated: str | None = None
        provider = ProviderContext()
        providers = 0
        position = 0
        try:
            for event, element in events:
                name = local_name(element)
                if event == "start":
                    if root is None:
                        root = element
                        if element.tag != f"{{{XCRI_NS}}}catalog":
                            yield self.list_failed(
                                f"{source} is not an XCRI-CAP 1.2 catalog (root element {name!r})",
                                url=page_url,
                            )
                            return
                        generated = element.get("generated")
                    elif element.tag == f"{{{XCRI_NS}}}provider" and element.getparent() is root:
                        provider = ProviderContext()
                        providers += 1
                    continue
                parent = element.getparent()
                if parent is None:
                    continue
                # A venue in a presentation has a <provider> too: only the catalog's count.
                in_provider = parent.tag == f"{{{XCRI_NS}}}provider" and parent.getparent() is root
                if in_provider and name in PROVIDER_FIELDS:
                    dropped = provider.dropped
                    provider.add(element)
                    if provider.dropped and not dropped:
                        yield self.record_error(
                            f"provider {providers}: its fields past {PROVIDER_MAX_BYTES} bytes"
                            f" (from its {name}) are not copied into its courses",
                            url=page_url,
                        )
                elif element.tag == f"{{{XCRI_NS}}}course":
                    position += 1
                    yield self._to_item(
                        element, provider.fields, position, generated, page_url, fetched_at
                    )
                    # Emitted: free the course and whatever came before it.
                    element.clear()
                    while element.getprevious() is not None:
                        del parent[0]
        except etree.XMLSyntaxError as exc:
            yield self.list_failed(
                f"malformed XCRI-CAP document at {source} after {position} courses: {exc}",
                url=page_url,
            )
            return
        if root is None:
            yield self.list_failed(f"{source} is empty", url=page_url)
            return
        self.list_walked()

    def _to_item(
        self,
        course: etree._Element,
        provider_fields: list[etree._Element],
        position: int,
        generated: str | None,
        page_url: str | None,
        fetched_at: str,
    ) -> RawRecord | HarvestError:
        remote_id = course_identifier(course)
        if remote_id is None:
            return self.record_error(f"course {position} has no dc:identifier", url=page_url)
        provider = etree.Element(f"{{{XCRI_NS}}}provider", nsmap={None: XCRI_NS})
        for field in provider_fields:
            provider.append(copy.deepcopy(field))
        provider.append(copy.deepcopy(course))
        return RawRecord(
            feed_id=self.feed_id,
            remote_id=remote_id,
            datestamp=generated,
            deleted=False,
            media_type=self.media_type,
            format=self.record_format,
            payload=etree.tostring(provider, encoding="unicode"),
            url=course_url(course) or page_url,
            fetched_at=fetched_at,
        )
