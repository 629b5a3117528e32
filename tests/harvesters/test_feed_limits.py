"""Limits that keep one stranger's feed from filling the database or the harvester's memory.

Each harvest runs the real spider against a local server, with the caps lowered through
`--setting` so the fixtures stay small: payload amplification (XCRI-CAP provider fields,
CTDL graph nodes, JSON-LD contexts), the per-record and per-run output caps of
`harvesters.pipelines`, sitemaps and index pages over their caps, the memory limit, and a
CSV cell over the csv module's default limit.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from harvest_helpers import LocalServer, Reply, Route, Seen, run_harvester
from lxml import etree

from aggregator.pipeline import _verdict
from aggregator.store import RunState
from harvesters import settings as harvester_settings
from harvesters.spiders.csv_feed import MAX_CELL_CHARS
from harvesters.spiders.html import find_items
from harvesters.spiders.json_api import page_records

Serve = Callable[[Route], LocalServer]

XCRI = "{http://xcri.org/profiles/1.2/catalog}"
DC = "{http://purl.org/dc/elements/1.1/}"


def output_bytes(lines: list[dict[str, Any]]) -> int:
    """What the harvester wrote: the lines as the pipeline writes them (ASCII JSON + LF)."""
    return sum(len(json.dumps(line)) + 1 for line in lines)


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


# -- payload amplification ----------------------------------------------------------------


def amplifying_catalog(courses: int, repeats: int = 20) -> bytes:
    """An XCRI-CAP catalogue whose provider repeats 5 KB descriptions and its title."""
    filler = "x" * 5000
    provider_fields = "".join(
        f"<dc:description>{filler}</dc:description><dc:title>Example College</dc:title>"
        for _ in range(repeats)
    )
    body = "".join(
        f"<course><dc:identifier>C{n}</dc:identifier><dc:title>Course {n}</dc:title></course>"
        for n in range(courses)
    )
    return (
        '<catalog xmlns="http://xcri.org/profiles/1.2/catalog"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:mlo="http://purl.org/net/mlo">'
        "<provider><dc:identifier>https://college.example/</dc:identifier>"
        f"{provider_fields}<mlo:url>https://college.example/</mlo:url>{body}</provider>"
        "</catalog>"
    ).encode()


def harvest_at(server: LocalServer, spider: str, path: str, *settings: str) -> Any:
    """Run ``spider`` on ``path`` of ``server`` with Scrapy ``settings`` (``NAME=value``)."""
    options = [part for setting in settings for part in ("--setting", setting)]
    return run_harvester(spider, "--url", f"{server.url}{path}", *options, allow=[server.hostport])


def test_xcri_provider_fields_travel_once_so_output_grows_linearly(serve: Serve) -> None:
    courses = 40
    body = amplifying_catalog(courses)
    server = serve(lambda seen: Reply(body, 200, "application/xml"))
    harvest = run_harvester("xcri_cap", "--url", server.url, allow=[server.hostport])

    assert len(harvest.records) == courses and harvest.summary["complete"] is True
    # Each course carries its own text and a few hundred bytes of its provider; copying
    # the provider's 100 KB of repeated fields into each made this 4 MB.
    assert output_bytes(harvest.lines) < len(body) + courses * 1024
    provider = etree.fromstring(harvest.records[0]["payload"].encode())
    assert [local(child) for child in provider] == ["identifier", "title", "url", "course"]
    assert provider.findtext(f"{DC}title") == "Example College"


def test_xcri_provider_context_is_bounded_and_the_cut_reported(serve: Serve) -> None:
    titles = "".join(
        f'<dc:title xml:lang="l{n}">{"t" * 1000}</dc:title>' for n in range(20)
    )  # 20 KB of distinct titles: each kept once, but not all of them
    body = amplifying_catalog(3, repeats=0).replace(b"<mlo:url>", titles.encode() + b"<mlo:url>")
    server = serve(lambda seen: Reply(body, 200, "application/xml"))
    harvest = run_harvester("xcri_cap", "--url", server.url, allow=[server.hostport])

    assert len(harvest.records) == 3
    assert all(len(record["payload"]) < 9 * 1024 for record in harvest.records)
    (error,) = harvest.errors
    assert "are not copied into its courses" in error["message"]


def test_a_ctdl_record_carries_only_the_nodes_it_refers_to() -> None:
    filler = "y" * 2000
    organisations = [
        {"@id": f"_:o{n}", "@type": "ceterms:CredentialOrganization", "ceterms:name": filler}
        for n in range(30)
    ]
    duration = {"@id": "_:d1", "@type": "ceterms:DurationProfile", "ceterms:exactDuration": "P1W"}
    owner = {
        "@id": "https://credentialengineregistry.org/resources/ce-00000000-0000-4000-8000-000000000001",
        "@type": "ceterms:CredentialOrganization",
        "ceterms:ctid": "ce-00000000-0000-4000-8000-000000000001",
        "ceterms:hasPart": ["_:d1"],  # reached through the owner: transitively
    }
    courses = [
        {
            "@type": "ceterms:Course",
            "ceterms:ctid": f"ce-course-{n}",
            # The registry refers to a node by its /graph/ URI, the node says /resources/.
            "ceterms:ownedBy": [
                "https://credentialengineregistry.org/graph/ce-00000000-0000-4000-8000-000000000001"
            ],
        }
        for n in range(30)
    ]
    big_context = {f"t{n}": f"http://example.org/{'z' * 200}" for n in range(100)}
    document = {"@context": big_context, "@graph": [*organisations, owner, duration, *courses]}

    page = page_records(document, "ctdl")

    assert page is not None and len(page.records) == 30 and page.skipped == 32
    for record, course in zip(page.records, courses, strict=True):
        assert record["@graph"] == [course, owner, duration]
        assert "@context" not in record  # 25 KB: not copied onto each of 30 records
    small = page_records(
        {**document, "@context": "https://credreg.net/ctdl/schema/context/json"}, "ctdl"
    )
    assert small is not None
    assert small.records[0]["@context"] == "https://credreg.net/ctdl/schema/context/json"


def test_a_large_json_ld_context_is_not_copied_onto_each_item() -> None:
    big_context = {f"t{n}": f"http://example.org/{'z' * 200}" for n in range(100)}
    items = [{"@type": "Course", "name": f"Course {n}"} for n in range(10)]

    found = list(find_items([{"@context": big_context, "@graph": items}]))
    assert found == items  # as published, without the 25 KB context

    small = {"@vocab": "https://schema.org/"}
    assert [item["@context"] for item in find_items([{"@context": small, "@graph": items}])] == [
        small
    ] * 10
    url = "https://schema.org"
    assert {item["@context"] for item in find_items([{"@context": url, "@graph": items}])} == {url}


# -- output caps ----------------------------------------------------------------------------


def json_pages(pages: int, per_page: int, big: frozenset[str] = frozenset()) -> Route:
    """A paginated JSON API (`links.next`); records named in `big` carry 20 KB."""

    def answer(seen: Seen) -> Reply:
        number = int(seen.query.get("page", "1"))
        records = [
            {
                "id": f"r{number}-{n}",
                "title": "A course",
                "description": "d" * (20_000 if f"r{number}-{n}" in big else 500),
            }
            for n in range(per_page)
        ]
        document: dict[str, Any] = {"data": records}
        if number < pages:
            document["links"] = {"next": f"/courses?page={number + 1}"}
        return Reply(json.dumps(document).encode(), 200, "application/json")

    return answer


def test_a_record_over_the_record_cap_is_an_error_line_and_the_rest_are_written(
    serve: Serve,
) -> None:
    server = serve(json_pages(1, 3, big=frozenset({"r1-1"})))
    harvest = harvest_at(server, "json_api", "/courses", "HARVEST_MAX_RECORD_BYTES=10000")

    assert [record["remote_id"] for record in harvest.records] == ["r1-0", "r1-2"]
    (error,) = harvest.errors
    assert error["remote_id"] == "r1-1"
    assert "over HARVEST_MAX_RECORD_BYTES (10000 bytes)" in error["message"]
    assert max(len(json.dumps(line)) + 1 for line in harvest.lines) <= 10000
    # One record's error: the list itself was walked.
    assert harvest.summary["complete"] is True


def test_the_run_output_cap_stops_the_harvest_incomplete(serve: Serve) -> None:
    server = serve(json_pages(5, 10))
    harvest = harvest_at(server, "json_api", "/courses", "HARVEST_MAX_OUTPUT_BYTES=15000")

    assert 0 < len(harvest.records) < 50
    assert output_bytes(harvest.lines[:-1]) <= 15000
    summary = harvest.summary
    assert summary["complete"] is False
    assert "HARVEST_MAX_OUTPUT_BYTES" in summary["reason"]
    # The aggregator keeps what was stored and calls the run partial, never ok.
    counts = Counter(new=len(harvest.records))
    assert _verdict(summary, counts, None) == (RunState.PARTIAL, summary["reason"])


@pytest.mark.parametrize(("ratio", "complete"), [("0.5", False), ("8", True)])
def test_output_far_beyond_what_was_read_stops_the_harvest(
    serve: Serve, ratio: str, complete: bool
) -> None:
    """The default guard is relative: a feed may write a few times what it read (JSON escapes,
    the record's context), not more; half of it stands for a feed that multiplies itself."""
    server = serve(json_pages(5, 10))
    harvest = harvest_at(
        server,
        "json_api",
        "/courses",
        f"HARVEST_MAX_OUTPUT_RATIO={ratio}",
        "HARVEST_OUTPUT_ALLOWANCE_BYTES=1000",
    )
    assert harvest.summary["complete"] is complete
    if complete:
        assert len(harvest.records) == 50
    else:
        assert 0 < len(harvest.records) < 50
        assert "more than a feed of this size writes" in harvest.summary["reason"]


# -- memory: sitemaps, index pages, the memusage limit --------------------------------------


COURSE_PAGE = (
    b'<html><body><script type="application/ld+json">'
    b'{"@context": "https://schema.org", "@type": "Course", "name": "A course"}'
    b"</script></body></html>"
)


def site(sitemap_urls: int, index_links: int) -> Route:
    def answer(seen: Seen) -> Reply:
        if seen.path == "/robots.txt":
            return Reply(b"", 404, "text/plain")
        if seen.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>/c/{n}</loc></url>" for n in range(sitemap_urls))
            body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            return Reply(body.encode(), 200, "application/xml")
        if seen.path == "/index.html":
            links = "".join(f'<a href="/c/{n}">{n}</a>' for n in range(index_links))
            return Reply(f"<html><body>{links}</body></html>".encode(), 200, "text/html")
        return Reply(COURSE_PAGE, 200, "text/html; charset=utf-8")

    return answer


def test_a_sitemap_over_the_url_cap_fetches_pages_and_reports_the_skip(serve: Serve) -> None:
    server = serve(site(sitemap_urls=30, index_links=0))
    harvest = harvest_at(server, "html", "/sitemap.xml", "HTML_SITEMAP_MAX_URLS=10")

    assert len(harvest.records) == 10
    assert sorted(path for path in server.paths() if path.startswith("/c/")) == sorted(
        f"/c/{n}" for n in range(10)
    )
    (error,) = harvest.errors
    assert "lists 30 entries, more than HTML_SITEMAP_MAX_URLS (10)" in error["message"]
    assert "the 20 after them were skipped" in error["message"]
    assert harvest.summary["complete"] is False


def test_an_index_page_over_the_link_cap_follows_some_and_reports_the_rest(
    serve: Serve,
) -> None:
    server = serve(site(sitemap_urls=0, index_links=12))
    harvest = harvest_at(server, "html", "/index.html", "HTML_MAX_LINKS_PER_PAGE=4")

    assert len(harvest.records) == 4
    (error,) = harvest.errors
    assert "more than HTML_MAX_LINKS_PER_PAGE (4)" in error["message"]
    assert harvest.summary["complete"] is False


def test_the_memory_limit_is_set_and_stops_the_spider_with_a_reason(serve: Serve) -> None:
    assert harvester_settings.MEMUSAGE_ENABLED is True
    assert 0 < harvester_settings.MEMUSAGE_LIMIT_MB <= 4096
    server = serve(site(sitemap_urls=3, index_links=0))
    # Any Python process is over 1 MiB: the first check (at engine start) stops the crawl.
    harvest = harvest_at(server, "html", "/sitemap.xml", "MEMUSAGE_LIMIT_MB=1")

    assert harvest.summary["complete"] is False
    assert "MEMUSAGE_LIMIT_MB (1 MiB)" in harvest.summary["reason"]


# -- CSV --------------------------------------------------------------------------------------


def test_a_long_csv_cell_is_reported_and_later_rows_arrive(serve: Serve) -> None:
    long_but_allowed = "a" * 200_000  # over the csv module's default limit (128 KiB)
    too_long = "b" * (MAX_CELL_CHARS + 1)
    body = (
        "id,title,description\n"
        "1,First,short\n"
        f'2,Second,"{long_but_allowed}"\n'
        f'3,Third,"{too_long}"\n'
        "4,Fourth,short\n"
    ).encode()
    server = serve(lambda seen: Reply(body, 200, "text/csv; charset=utf-8"))
    harvest = run_harvester("csv", "--url", server.url, allow=[server.hostport])

    assert [record["remote_id"] for record in harvest.records] == ["1", "2", "4"]
    assert json.loads(harvest.records[1]["payload"])["description"] == long_but_allowed
    (error,) = harvest.errors
    assert error["remote_id"] == "3"
    assert f"description longer than {MAX_CELL_CHARS} characters" in error["message"]
    assert harvest.summary["complete"] is True


def test_every_distinct_provider_field_travels_only_exact_repeats_are_dropped() -> None:
    from lxml import etree

    from harvesters.spiders.xcri_cap import ProviderContext

    context = ProviderContext()
    for xml in (
        '<location xmlns="http://purl.org/net/mlo"><town>Kelburg</town></location>',
        '<location xmlns="http://purl.org/net/mlo"><country>IE</country></location>',
        '<location xmlns="http://purl.org/net/mlo"><town>Kelburg</town></location>',
        '<url xmlns="http://purl.org/net/mlo">http:/broken</url>',
        '<url xmlns="http://purl.org/net/mlo">https://kelburg.example/</url>',
    ):
        context.add(etree.fromstring(xml))
    kept = [etree.tostring(field, encoding="unicode") for field in context.fields]
    # The mapping looks for a country in every location and takes the first usable website.
    assert len(kept) == 4 and "IE" in kept[1] and "https://kelburg.example/" in kept[3]
