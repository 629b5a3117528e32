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

from harvesters.spiders.html import extract_items, find_items, item_remote_id

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
