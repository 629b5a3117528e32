"""The xcri_cap spider: one record per course, parsed as a stream, safely."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from harvest_helpers import LocalServer, Reply, Route, run_harvester, sample
from lxml import etree

from harvesters.spiders.xcri_cap import XcriCapSpider

Serve = Callable[[Route], LocalServer]

CATALOG = "harvest/xcri-cap/microcat-catalog.xml"
XCRI = "{http://xcri.org/profiles/1.2/catalog}"
DC = "{http://purl.org/dc/elements/1.1/}"
SHARED_XCRI = Path(__file__).resolve().parents[3] / "shared" / "data" / "formats" / "xcri-cap"


def xml_reply(body: bytes) -> Reply:
    return Reply(body, 200, "application/xml")


def test_one_record_per_course_with_its_provider(serve: Serve) -> None:
    server = serve(lambda seen: xml_reply(sample(CATALOG)))
    harvest = run_harvester("xcri_cap", "--url", f"{server.url}/xcri.xml", allow=[server.hostport])

    records = harvest.by_id()
    assert list(records) == ["https://www.example-college.ac.uk/courses/data-skills", "EU-CE-7"]
    (error,) = harvest.errors
    assert "course 2 has no dc:identifier" in error["message"]
    assert harvest.summary["complete"] is True

    first = records["https://www.example-college.ac.uk/courses/data-skills"]
    assert first["format"] == "xcri-cap" and first["media_type"] == "application/xml"
    assert first["datestamp"] == "2026-02-01T09:00:00Z"
    assert first["url"] == "https://www.example-college.ac.uk/courses/data-skills"
    provider = etree.fromstring(first["payload"].encode())
    assert provider.tag == f"{XCRI}provider"
    assert provider.findtext(f"{DC}title") == "Example College"
    assert len(provider.findall(f"{DC}identifier")) == 2
    # Only the catalog's provider fields: not the venue's provider inside a presentation.
    assert (
        provider.findtext("{http://purl.org/net/mlo}location/{http://purl.org/net/mlo}country")
        == "GB"
    )
    (course,) = provider.findall(f"{XCRI}course")
    assert len(course.findall(f"{XCRI}presentation")) == 2
    assert course.find(f"{XCRI}presentation/{XCRI}venue/{XCRI}provider") is not None

    second = etree.fromstring(records["EU-CE-7"]["payload"].encode())
    assert second.findtext(f"{DC}title") == "Example University"  # the second provider's
    assert records["EU-CE-7"]["url"] == f"{server.url}/xcri.xml"


def test_the_payload_maps_with_the_xcri_cap_mapping(serve: Serve) -> None:
    mappings = pytest.importorskip("mappings.registry")
    server = serve(lambda seen: xml_reply(sample(CATALOG)))
    harvest = run_harvester("xcri_cap", "--url", server.url, allow=[server.hostport])
    record = harvest.records[0]
    mapped = mappings.map_raw(
        mappings.RawInput(record["payload"], record["format"], record["media_type"])
    )
    assert mapped.title
    assert mapped.workload.ects == 5


def test_entities_are_not_expanded_and_broken_xml_fails_after_what_was_read(
    serve: Serve,
) -> None:
    body = sample(CATALOG).replace(
        b"<catalog ",
        b'<!DOCTYPE catalog [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n<catalog ',
    )
    body = body.replace(b"Data skills for public services", b"Data &secret; skills")
    truncated = body[: body.index(b"<course>\n      <identifier>EU-CE-7")] + b"<course><dc:title>"
    pages = {"/full.xml": body, "/truncated.xml": truncated}
    server = serve(lambda seen: xml_reply(pages[seen.path]))

    full = run_harvester("xcri_cap", "--url", f"{server.url}/full.xml", allow=[server.hostport])
    # Kept as a reference (as harvesters.oai does), never read from the file system.
    assert "<dc:title>Data &secret; skills</dc:title>" in full.records[0]["payload"]
    assert full.summary["complete"] is True

    cut = run_harvester("xcri_cap", "--url", f"{server.url}/truncated.xml", allow=[server.hostport])
    assert len(cut.records) == 1
    assert cut.summary["complete"] is False
    assert "malformed XCRI-CAP" in cut.summary["reason"]


def test_not_a_catalog_fails_the_list(serve: Serve) -> None:
    server = serve(lambda seen: xml_reply(b"<rss><channel/></rss>"))
    harvest = run_harvester("xcri_cap", "--url", server.url, allow=[server.hostport])
    assert harvest.records == []
    assert "not an XCRI-CAP 1.2 catalog" in harvest.summary["reason"]


def test_memory_stays_flat_on_a_large_catalog() -> None:
    """Courses are freed once emitted: the tree holds what the parser read ahead, no more."""
    course = sample(CATALOG).split(b"<course>")[1].split(b"</course>")[0]
    many = b"".join(
        b"<course>" + course.replace(b"EC-DS-101", b"C%d" % n) + b"</course>" for n in range(1000)
    )
    head, tail = sample(CATALOG).split(b"<course>", 1)[0], b"</provider></catalog>"
    spider = XcriCapSpider(feed_id=1, url="http://example.org/x")

    class Stats:
        def set_value(self, *args: object) -> None: ...
        def inc_value(self, *args: object) -> None: ...
        def get_value(self, *args: object) -> None: ...

    spider.crawler = type("C", (), {"stats": Stats()})()  # type: ignore[assignment]

    class Body:
        url = "http://example.org/x"
        body = head + many + tail

    widest = 0
    items = []
    original = spider._to_item

    def spy(course, *args):  # type: ignore[no-untyped-def]
        nonlocal widest
        widest = max(widest, len(course.getparent()))
        return original(course, *args)

    spider._to_item = spy  # type: ignore[method-assign]
    items = list(spider.parse(Body()))  # type: ignore[arg-type]
    assert len(items) == 1000
    # iterparse reads ahead by a buffer (a few dozen courses here), never the whole list.
    assert widest < 100


@pytest.mark.skipif(not SHARED_XCRI.is_dir(), reason="../shared/data (reference samples) absent")
@pytest.mark.parametrize(
    ("name", "courses"), [("ou-example.xml", 2), ("wychwolf-moodle.xml", None)]
)
def test_reference_catalogs_from_shared_data(serve: Serve, name: str, courses: int | None) -> None:
    """A local check against real XCRI-CAP files that may not be copied into the project."""
    body = (SHARED_XCRI / name).read_bytes()
    server = serve(lambda seen: xml_reply(body))
    harvest = run_harvester("xcri_cap", "--url", server.url, allow=[server.hostport])
    expected = body.count(b"<course>") + body.count(b"<course ")
    assert len(harvest.records) + len(harvest.errors) == expected
    if courses is not None:
        assert len(harvest.records) == courses
    assert harvest.summary["complete"] is True
