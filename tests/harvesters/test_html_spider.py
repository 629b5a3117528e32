"""The html spider against a local site (sitemaps, an index page, robots.txt), and the
schema.org extraction in harvesters.spiders.html."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from harvest_helpers import REPO_ROOT, LocalServer, Reply, Route, Seen, run_harvester, sample

from harvesters.spiders.html import (
    extract_items,
    find_items,
    item_remote_id,
    parse_w3c_datetime,
)

Serve = Callable[[Route], LocalServer]

EXAMPLES = "html/schemaorg-examples"
BROKEN_JSON_LD = b'<script type="application/ld+json">{"@type": "Course", "name": </script>\n'
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def html(body: bytes, status: int = 200) -> Reply:
    return Reply(body, status, "text/html; charset=utf-8")


def example(name: str) -> bytes:
    return sample(f"{EXAMPLES}/{name}")


PAGES = {
    # @id "./" resolves to the page itself.
    "/courses/hnc-accounting/": example("eg-0333.jsonld.html"),
    "/credentials/facilities": example("eg-0259.microdata.html"),
    "/courses/data-science": example("eg-0332.rdfa.html"),
    "/programmes/basketweaving": example("eg-0294.jsonld.html"),
    # No record: a credential only as an occupation's qualification; an organisation.
    "/occupations/scientist": example("eg-0261.jsonld.html"),
    "/about": example("eg-0025.jsonld.html"),
    # Two items without identifiers: a JSON-LD programme and an RDFa course.
    "/mixed": example("eg-0294.jsonld.html") + example("eg-0335.rdfa.html"),
    # Broken JSON-LD does not hide the microdata beside it.
    "/broken": BROKEN_JSON_LD + example("eg-0259.microdata.html"),
    "/private/secret": example("eg-0294.jsonld.html"),
}


def urlset(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


def site(extra: dict[str, Reply]) -> Route:
    def route(seen: Seen) -> Reply:
        if seen.path == "/robots.txt":
            return Reply(ROBOTS, 200, "text/plain")
        if seen.path in extra:
            return extra[seen.path]
        if seen.path in PAGES:
            return html(PAGES[seen.path])
        return html(b"<p>not found</p>", 404)

    return route


def test_sitemap_index_to_records(serve: Serve) -> None:
    extra: dict[str, Reply] = {}
    server = serve(site(extra))
    base = server.url
    extra["/sitemap_index.xml"] = Reply(
        (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}/sitemap-courses.xml.gz</loc></sitemap>"
            "<sitemap><loc>/sitemap-more.xml</loc></sitemap>"
            "</sitemapindex>"
        ).encode(),
        200,
        "application/xml",
    )
    extra["/sitemap-courses.xml.gz"] = Reply(
        gzip.compress(urlset(base, ["/courses/hnc-accounting/", "/courses/data-science"])),
        200,
        "application/gzip",
    )
    extra["/sitemap-more.xml"] = Reply(
        urlset(base, [p for p in PAGES if not p.startswith("/courses/")]), 200, "text/xml"
    )

    harvest = run_harvester("html", "--url", f"{base}/sitemap_index.xml", allow=[server.hostport])

    records = harvest.by_id()
    assert sorted(records) == sorted(
        [
            f"{base}/courses/hnc-accounting/",
            f"{base}/courses/data-science",
            f"{base}/credentials/facilities",
            f"{base}/programmes/basketweaving",
            f"{base}/mixed#1",
            f"{base}/mixed#2",
            f"{base}/broken",
        ]
    )
    assert {r["format"] for r in harvest.records} == {"schema.org"}
    assert {r["media_type"] for r in harvest.records} == {"application/ld+json"}

    course = json.loads(records[f"{base}/courses/hnc-accounting/"]["payload"])
    assert course["@type"] == "Course"
    assert course["name"] == "HNC Accounting"
    assert len(course["hasCourseInstance"]) == 3  # instances stay inside their course

    credential = json.loads(records[f"{base}/credentials/facilities"]["payload"])
    assert credential["@type"] == "EducationalOccupationalCredential"
    assert credential["credentialCategory"]["termCode"] == "HNC"

    rdfa = records[f"{base}/courses/data-science"]
    assert "_:" not in rdfa["payload"]
    data_science = json.loads(rdfa["payload"])
    assert data_science["https://schema.org/name"] == [{"@value": "The Data Scientist's Toolbox"}]
    (instance,) = data_science["https://schema.org/hasCourseInstance"]
    assert instance["https://schema.org/startDate"] == [{"@value": "2019-02-15"}]

    mixed = [json.loads(records[f"{base}/mixed#{n}"]["payload"]) for n in (1, 2)]
    assert mixed[0]["@type"] == "EducationalOccupationalProgram"
    assert mixed[1]["@type"] == ["https://schema.org/Course"]

    paths = server.paths()
    assert "/private/secret" not in paths  # robots.txt obeyed
    assert paths.count("/courses/hnc-accounting/") == 1
    errors = {error["url"]: error["message"] for error in harvest.errors}
    assert "robots.txt" in errors[f"{base}/private/secret"]
    assert "json-ld" in errors[f"{base}/broken"]
    # A page forbidden by robots.txt is not a failure of the list.
    assert harvest.summary["complete"] is True


def test_index_page_follows_same_host_links_and_fails_on_a_missing_page(serve: Serve) -> None:
    other = serve(site({}))
    extra: dict[str, Reply] = {}
    server = serve(site(extra))
    extra["/catalogue.html"] = html(
        (
            "<html><head>"
            '<script type="application/ld+json">{"@context": "https://schema.org",'
            ' "@type": "Course", "name": "Catalogue course", "url": "/courses/featured"}'
            "</script></head><body>"
            '<a href="/courses/hnc-accounting/">HNC</a>'
            '<a href="/programmes/basketweaving#apply">Basketweaving</a>'
            '<a href="/catalogue.html">this page</a>'
            '<a href="/gone">gone</a>'
            f'<a href="{other.url}/credentials/facilities">elsewhere</a>'
            "</body></html>"
        ).encode()
    )

    harvest = run_harvester(
        "html",
        "--url",
        f"{server.url}/catalogue.html",
        allow=[server.hostport, other.hostport],
    )

    assert sorted(harvest.by_id()) == [
        f"{server.url}/courses/featured",
        f"{server.url}/courses/hnc-accounting/",
        f"{server.url}/programmes/basketweaving",
    ]
    assert other.requests == []  # links to other hosts are not followed
    assert server.paths().count("/catalogue.html") == 1
    assert harvest.summary["complete"] is False
    assert "HTTP 404" in harvest.summary["reason"]
    assert f"{server.url}/gone" in harvest.summary["reason"]


def test_a_start_page_forbidden_by_robots_txt_fails_the_list(serve: Serve) -> None:
    server = serve(site({}))
    harvest = run_harvester(
        "html", "--url", f"{server.url}/private/secret", allow=[server.hostport]
    )

    assert harvest.records == []
    assert harvest.summary["complete"] is False
    assert "robots.txt" in harvest.summary["reason"]
    assert server.paths() == ["/robots.txt"]


# -- extraction on its own ----------------------------------------------------------------


def items_of(document: Any) -> list[dict[str, Any]]:
    return list(find_items([document]))


def test_items_inside_graphs_lists_and_main_entities_are_found() -> None:
    course = {"@type": "Course", "name": "A"}
    program = {"@type": ["Thing", "schema:EducationalOccupationalProgram"], "name": "B"}
    document = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "mainEntity": course},
            {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": program}]},
            {
                "@type": "Occupation",
                "qualifications": {"@type": "EducationalOccupationalCredential"},
            },
        ],
    }
    assert items_of(document) == [
        {"@context": "https://schema.org", **course},
        {"@context": "https://schema.org", **program},
    ]


@pytest.mark.parametrize(
    ("item", "position", "count", "remote_id"),
    [
        ({"@id": "https://x.org/c/1", "url": "https://x.org/other"}, 1, 1, "https://x.org/c/1"),
        ({"@id": "./"}, 1, 1, "https://x.org/courses/"),
        ({"url": "/c/2"}, 2, 2, "https://x.org/c/2"),
        ({"https://schema.org/url": [{"@id": "https://x.org/c/3"}]}, 1, 1, "https://x.org/c/3"),
        ({"@id": "_:b0"}, 1, 1, "https://x.org/courses/page"),
        ({"name": "no id"}, 2, 3, "https://x.org/courses/page#2"),
    ],
)
def test_item_remote_id(item: dict[str, Any], position: int, count: int, remote_id: str) -> None:
    assert item_remote_id(item, "https://x.org/courses/page", position, count) == remote_id


def test_rdfa_payloads_do_not_change_between_runs() -> None:
    """rdflib names blank nodes anew and orders values by hash: payloads must not show it."""
    code = (
        "import json, sys\n"
        "from harvesters.spiders.html import extract_items\n"
        "body = open(sys.argv[1], 'rb').read()\n"
        "print(json.dumps(extract_items(body, 'utf-8', 'https://x.org/')))\n"
    )
    path = str(REPO_ROOT / "tests" / "sample_data" / EXAMPLES / "eg-0332.rdfa.html")
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, path],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    items, errors = json.loads(outputs.pop())
    assert len(items) == 1 and errors == []


def test_a_page_that_is_not_html_gives_no_items() -> None:
    assert extract_items(b"", "utf-8", "https://x.org/")[0] == []


# -- incremental runs and sitemaps from robots.txt ----------------------------------------


def dated_urlset(base: str, entries: list[tuple[str, str | None]]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}{path}</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + "</url>"
        for path, lastmod in entries
    )
    return (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + "</urlset>"
    ).encode()


def test_from_skips_sitemap_entries_not_modified_since(serve: Serve) -> None:
    extra: dict[str, Reply] = {}
    plain_site = site({})
    server = serve(lambda seen: extra[seen.path] if seen.path in extra else plain_site(seen))
    base = server.url
    robots = ROBOTS + f"Sitemap: {base}/sitemap_index.xml\n".encode()
    extra["/robots.txt"] = Reply(robots, 200, "text/plain")
    extra["/sitemap_index.xml"] = Reply(
        (
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}/old.xml</loc><lastmod>2023-01-01</lastmod></sitemap>"
            f"<sitemap><loc>{base}/new.xml</loc><lastmod>2026-05-02T08:00:00+02:00</lastmod>"
            "</sitemap></sitemapindex>"
        ).encode(),
        200,
        "application/xml",
    )
    extra["/old.xml"] = Reply(urlset(base, ["/about"]), 200, "application/xml")
    extra["/new.xml"] = Reply(
        dated_urlset(
            base,
            [
                ("/courses/hnc-accounting/", "2026-05-01T23:30:00-01:00"),  # 2 May, 00:30 UTC
                ("/credentials/facilities", "2026-04-30"),  # older: skipped
                ("/programmes/basketweaving", None),  # no lastmod: fetched
            ],
        ),
        200,
        "application/xml",
    )

    harvest = run_harvester(
        "html", "--url", f"{base}/robots.txt", "--from", "2026-05-02", allow=[server.hostport]
    )

    assert sorted(r["remote_id"] for r in harvest.records) == [
        f"{base}/courses/hnc-accounting/",
        f"{base}/programmes/basketweaving",
    ]
    paths = server.paths()
    assert "/old.xml" not in paths and "/credentials/facilities" not in paths
    assert harvest.summary["skipped_unchanged"] == 2
    assert harvest.summary["complete"] is True

    everything = run_harvester("html", "--url", f"{base}/robots.txt", allow=[server.hostport])
    assert len(everything.records) == 3  # hnc, facilities, basketweaving; /about has none
    assert "skipped_unchanged" not in everything.summary


def test_a_robots_txt_without_sitemaps_fails_the_list(serve: Serve) -> None:
    server = serve(site({}))
    harvest = run_harvester("html", "--url", f"{server.url}/robots.txt", allow=[server.hostport])
    assert harvest.summary["complete"] is False
    assert "names no Sitemap" in harvest.summary["reason"]


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2026-05-02", "2026-05-02T00:00:00+00:00"),
        ("2026-05-01T23:30:00-01:00", "2026-05-02T00:30:00+00:00"),
        ("2026-05-02T10:00:00Z", "2026-05-02T10:00:00+00:00"),
        ("2026-05", "2026-05-01T00:00:00+00:00"),
        ("yesterday", None),
        (None, None),
    ],
)
def test_parse_w3c_datetime(value: str | None, iso: str | None) -> None:
    parsed = parse_w3c_datetime(value)
    assert (parsed.isoformat() if parsed else None) == iso


def test_an_unchanged_page_writes_nothing_with_a_cache_dir(serve: Serve, tmp_path: Any) -> None:
    extra: dict[str, Reply] = {}
    server = serve(site(extra))
    base = server.url
    extra["/sitemap.xml"] = Reply(urlset(base, ["/page"]), 200, "application/xml")
    page = example("eg-0294.jsonld.html")

    def page_reply(seen_etag: str | None) -> Reply:
        if seen_etag == '"v1"':
            return Reply(b"", 304, "text/html", {"ETag": '"v1"'})
        return Reply(page, 200, "text/html; charset=utf-8", {"ETag": '"v1"'})

    plain = site(extra)
    server.route = lambda seen: (
        page_reply(seen.headers.get("if-none-match")) if seen.path == "/page" else plain(seen)
    )
    args = ("html", "--url", f"{base}/sitemap.xml", "--cache-dir", str(tmp_path / "c"))
    first = run_harvester(*args, allow=[server.hostport])
    second = run_harvester(*args, allow=[server.hostport])

    assert len(first.records) == 1 and "not_modified_pages" not in first.summary
    assert second.records == [] and second.summary["not_modified_pages"] == 1
    assert second.summary["complete"] is True
