"""The demo providers over real HTTP: an OAI-PMH repository, a JSON API and an HTML site."""

from __future__ import annotations

import collections
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from lxml import etree, html

from aggregator.demo.providers import (
    HTML_FEED,
    JSON_FEED,
    OAI_FEED,
    DemoFeed,
    DemoProviders,
)
from mappings.registry import RawInput, map_raw

OAI = "{http://www.openarchives.org/OAI/2.0/}"
LOM = "{http://ltsc.ieee.org/xsd/LOM}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PLANTED = ("<script>alert(1)</script>", "<b>New:</b>")


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoProviders]:
    with DemoProviders(offers=300, seed=7) as providers:
        yield providers


@pytest.fixture(scope="module")
def feeds(demo: DemoProviders) -> dict[str, DemoFeed]:
    return {feed.name: feed for feed in demo.feeds}


def fetch(url: str, data: bytes | None = None) -> bytes:
    with urllib.request.urlopen(url, data=data, timeout=10) as response:
        return response.read()


def oai(feeds: dict[str, DemoFeed], **arguments: str) -> etree._Element:
    return etree.fromstring(fetch(f"{feeds[OAI_FEED].url}?{urlencode(arguments)}"))


def oai_error(root: etree._Element) -> str | None:
    error = root.find(f"{OAI}error")
    return None if error is None else error.get("code")


def list_all(feeds: dict[str, DemoFeed], verb: str, **arguments: str):
    """Every header or record of a list, following resumption tokens; and the tokens."""
    items, tokens = [], []
    root = oai(feeds, verb=verb, **arguments)
    while True:
        assert oai_error(root) is None, etree.tostring(root)
        listing = root.find(f"{OAI}{verb}")
        items += listing.findall(f"{OAI}record" if verb == "ListRecords" else f"{OAI}header")
        token = listing.find(f"{OAI}resumptionToken")
        if token is None:
            return items, tokens
        tokens.append(token)
        if not token.text:
            return items, tokens
        root = oai(feeds, verb=verb, resumptionToken=token.text)


# --- the feeds ------------------------------------------------------------------------------


def test_three_feeds_on_the_loopback_interface(
    demo: DemoProviders, feeds: dict[str, DemoFeed]
) -> None:
    assert {(f.name, f.protocol, f.format) for f in feeds.values()} == {
        (OAI_FEED, "oai-pmh", "lom"),
        (JSON_FEED, "json", "demo_json"),
        (HTML_FEED, "html", "schema.org"),
    }
    assert all(feed.url.startswith("http://127.0.0.1:") for feed in feeds.values())
    hosts = {feed.url.split("/")[2] for feed in feeds.values()}
    assert len(hosts) == 3
    assert set(demo.fetch_allowlist.split(",")) == hosts


def test_every_offer_is_published_and_some_twice_under_one_url(demo: DemoProviders) -> None:
    assert len(demo.offers) == 300
    assert all(1 <= len(offer.feeds) <= 2 for offer in demo.offers)
    shared = [offer for offer in demo.offers if len(offer.feeds) == 2]
    assert 15 <= len(shared) <= 50
    assert all(offer.record["identifiers"] for offer in shared)
    assert sum(len(demo.published(name)) for name in (OAI_FEED, JSON_FEED, HTML_FEED)) == 300 + len(
        shared
    )
    providers = {offer.record["provider"]["identifiers"]["website"] for offer in demo.offers}
    countries = {offer.record["provider"]["country"] for offer in demo.offers} - {None}
    languages = {language for offer in demo.offers for language in offer.record["title"]}
    assert len(providers) >= 5 and len(countries) >= 5 and len(languages) >= 4


def test_stop_releases_the_ports() -> None:
    providers = DemoProviders(offers=5, seed=1)
    feeds = providers.start()
    assert fetch(feeds[1].url)
    providers.stop()
    with pytest.raises(urllib.error.URLError):
        fetch(feeds[1].url)


# --- OAI-PMH --------------------------------------------------------------------------------


def test_identify(feeds: dict[str, DemoFeed]) -> None:
    identify = oai(feeds, verb="Identify").find(f"{OAI}Identify")
    assert identify.findtext(f"{OAI}baseURL") == feeds[OAI_FEED].url
    assert identify.findtext(f"{OAI}protocolVersion") == "2.0"
    assert identify.findtext(f"{OAI}deletedRecord") == "persistent"
    assert identify.findtext(f"{OAI}granularity") == "YYYY-MM-DDThh:mm:ssZ"


def test_metadata_formats_and_no_sets(feeds: dict[str, DemoFeed]) -> None:
    formats = oai(feeds, verb="ListMetadataFormats")
    prefixes = {element.text for element in formats.iter(f"{OAI}metadataPrefix")}
    assert prefixes == {"lom", "oai_dc"}
    assert oai_error(oai(feeds, verb="ListSets")) == "noSetHierarchy"


@pytest.mark.parametrize("prefix", ["lom", "oai_dc"])
def test_list_records_reaches_every_record_once(
    demo: DemoProviders, feeds: dict[str, DemoFeed], prefix: str
) -> None:
    records, tokens = list_all(feeds, "ListRecords", metadataPrefix=prefix)
    published = demo.published(OAI_FEED)
    identifiers = [record.findtext(f"{OAI}header/{OAI}identifier") for record in records]
    assert len(identifiers) == len(set(identifiers)) == len(published) + len(demo.deleted)
    assert {int(token.get("completeListSize")) for token in tokens} == {len(identifiers)}
    assert [int(token.get("cursor")) for token in tokens] == [50 * i for i in range(len(tokens))]
    assert not tokens[-1].text  # an empty token ends the list
    deleted = [r for r in records if r.find(f"{OAI}header").get("status") == "deleted"]
    assert {r.findtext(f"{OAI}header/{OAI}identifier") for r in deleted} == {
        identifier for identifier, _ in demo.deleted
    }
    assert all(record.find(f"{OAI}metadata") is None for record in deleted)
    urls = {
        element.text
        for record in records
        for element in record.iter(f"{LOM}location", f"{DC}identifier")
    }
    assert {offer.record["url"] for offer in published} <= urls


def test_lom_carries_the_offer(demo: DemoProviders, feeds: dict[str, DemoFeed]) -> None:
    records, _ = list_all(feeds, "ListRecords", metadataPrefix="lom")
    by_id = {offer.remote_id: offer.record for offer in demo.published(OAI_FEED)}
    for record in records:
        lom = record.find(f"{OAI}metadata/{LOM}lom")
        if lom is None:
            continue
        remote_id = record.findtext(f"{OAI}header/{OAI}identifier").split(":", 2)[2]
        expected = by_id[remote_id]
        titles = {
            string.get("language"): string.text
            for string in lom.iterfind(f"{LOM}general/{LOM}title/{LOM}string")
        }
        assert titles == expected["title"]
        entity = lom.findtext(f"{LOM}lifeCycle/{LOM}contribute/{LOM}entity")
        assert entity.startswith("BEGIN:VCARD\nVERSION:3.0\nFN:")
        assert f"\nADR:;;;;;;{expected['provider']['country'] or ''}\n" in entity
        taxa = [taxon.text for taxon in lom.iter(f"{LOM}id")]
        assert set(expected["subject"]["isced"]) <= set(taxa)
        if expected["level"]["eqf"] is not None:
            assert f"EQF {expected['level']['eqf']}" in taxa
        duration = lom.findtext(f"{LOM}educational/{LOM}typicalLearningTime/{LOM}duration")
        if expected["workload"]["ects"] is not None:
            assert duration and re.fullmatch(r"PT\d+(\.\d+)?H", duration)
            summary = lom.findtext(f"{LOM}educational/{LOM}description/{LOM}string")
            assert summary.startswith(f"Workload: {expected['workload']['ects']:g} ECTS.")


def test_from_and_until_select_by_datestamp(feeds: dict[str, DemoFeed]) -> None:
    headers, _ = list_all(feeds, "ListIdentifiers", metadataPrefix="oai_dc")
    stamps = sorted(header.findtext(f"{OAI}datestamp") for header in headers)
    middle = stamps[len(stamps) // 2]
    later, _ = list_all(feeds, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": middle})
    assert sorted(h.findtext(f"{OAI}datestamp") for h in later) == [
        s for s in stamps if s >= middle
    ]
    day = middle[:10]
    until, _ = list_all(feeds, "ListIdentifiers", metadataPrefix="oai_dc", until=day)
    assert len(until) == sum(stamp[:10] <= day for stamp in stamps)


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "ListEverything"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "lom", "colour": "red"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "lom", "resumptionToken": "x"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "lom", "from": "yesterday"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "lom",
                "from": "2024-01-01",
                "until": "2025-01-01T00:00:00Z",
            },
            "badArgument",
        ),  # fmt: skip
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "lom", "from": "2099-01-01"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "lom", "set": "x"}, "noSetHierarchy"),
        ({"verb": "GetRecord", "metadataPrefix": "lom", "identifier": "oai:x:y"}, "idDoesNotExist"),
    ],
)
def test_protocol_errors(feeds: dict[str, DemoFeed], arguments: dict[str, str], code: str) -> None:
    root = oai(feeds, **arguments)
    assert oai_error(root) == code
    request = root.find(f"{OAI}request")
    if code in ("badVerb", "badArgument"):
        assert not request.attrib


def test_get_record_by_post(demo: DemoProviders, feeds: dict[str, DemoFeed]) -> None:
    offer = demo.published(OAI_FEED)[0]
    identifier = f"oai:repository.microcat-demo.example:{offer.remote_id}"
    body = urlencode({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": identifier})
    root = etree.fromstring(fetch(feeds[OAI_FEED].url, data=body.encode()))
    titles = {
        element.get("{http://www.w3.org/XML/1998/namespace}lang"): element.text
        for element in root.iter(f"{DC}title")
    }
    assert titles == offer.record["title"]


# --- JSON API -------------------------------------------------------------------------------


def json_pages(feeds: dict[str, DemoFeed]) -> list[dict]:
    pages, url = [], feeds[JSON_FEED].url
    while url:
        pages.append(json.loads(fetch(url)))
        url = pages[-1]["links"]["next"]
    return pages


def test_json_pages_chain_through_every_course(
    demo: DemoProviders, feeds: dict[str, DemoFeed]
) -> None:
    pages = json_pages(feeds)
    published = demo.published(JSON_FEED)
    assert [len(page["data"]) for page in pages[:-1]] == [40] * (len(pages) - 1)
    assert {page["meta"]["total"] for page in pages} == {len(published)}
    assert [page["meta"]["page"] for page in pages] == list(range(1, len(pages) + 1))
    ids = [course["id"] for page in pages for course in page["data"]]
    assert ids == [offer.remote_id for offer in published]


def test_json_api_errors_and_single_course(demo: DemoProviders, feeds: dict[str, DemoFeed]) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(f"{feeds[JSON_FEED].url}?page=zero")
    assert error.value.code == 400
    assert json.loads(error.value.read())["errors"][0]["status"] == "400"
    error.value.close()
    beyond = json.loads(fetch(f"{feeds[JSON_FEED].url}?page=99"))
    assert beyond["data"] == [] and beyond["links"]["next"] is None
    offer = demo.published(JSON_FEED)[0]
    course = json.loads(fetch(f"{feeds[JSON_FEED].url}/{offer.remote_id}"))["data"]
    assert course["url"] == offer.record["url"]


def test_json_courses_map_back_onto_their_offers(
    demo: DemoProviders, feeds: dict[str, DemoFeed]
) -> None:
    by_id = {offer.remote_id: offer.record for offer in demo.published(JSON_FEED)}
    for page in json_pages(feeds):
        for course in page["data"]:
            record = map_raw(
                RawInput(json.dumps(course), "demo_json", "application/json", course["id"])
            )
            expected = by_id[course["id"]]
            if not any("<" in text for text in expected["title"].values()):
                assert record.title == expected["title"]
            assert record.workload.ects == expected["workload"]["ects"]
            assert record.level.eqf == expected["level"]["eqf"]
            assert record.subject.isced == expected["subject"]["isced"]
            assert record.provider.country == expected["provider"]["country"]
            assert record.url == expected["url"]


# --- HTML site ------------------------------------------------------------------------------


def test_robots_allow_everything(feeds: dict[str, DemoFeed]) -> None:
    base = feeds[HTML_FEED].url.removesuffix("/sitemap.xml")
    robots = fetch(f"{base}/robots.txt").decode()
    assert "User-agent: *" in robots and "Allow: /" in robots
    assert f"Sitemap: {base}/sitemap.xml" in robots


def test_sitemap_and_index_list_every_course_page(
    demo: DemoProviders, feeds: dict[str, DemoFeed]
) -> None:
    sitemap = etree.fromstring(fetch(feeds[HTML_FEED].url))
    pages = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    published = demo.published(HTML_FEED)
    assert len(pages) == len(set(pages)) == len(published)
    assert all(re.fullmatch(r"http://127\.0\.0\.1:\d+/courses/[a-z0-9-]+\.html", p) for p in pages)
    base = feeds[HTML_FEED].url.removesuffix("/sitemap.xml")
    index = html.fromstring(fetch(f"{base}/index.html"))
    links = {base + href for href in index.xpath("//a/@href")}
    assert set(pages) <= links


def test_course_pages_carry_schema_org_courses(
    demo: DemoProviders, feeds: dict[str, DemoFeed]
) -> None:
    sitemap = etree.fromstring(fetch(feeds[HTML_FEED].url))
    by_slug = {offer.slug: offer.record for offer in demo.published(HTML_FEED)}
    kinds = collections.Counter()
    for loc in sitemap.iter(f"{SITEMAP}loc"):
        raw = fetch(loc.text).decode()
        record = by_slug[loc.text.rsplit("/", 1)[1].removesuffix(".html")]
        page = html.fromstring(raw)
        scripts = page.xpath('//script[@type="application/ld+json"]/text()')
        if scripts:
            kinds["json-ld"] += 1
            course = json.loads(scripts[0])
            assert course["@type"] == "Course"
            assert course["url"] == record["url"]
            if record["identifiers"]:  # as in the JSON API, for offers listed by both
                assert course["identifier"] == record["identifiers"][0]
            name = course["name"]
            names = {n["@language"]: n["@value"] for n in name} if isinstance(name, list) else name
            assert names in (record["title"], next(iter(record["title"].values())))
            assert [term["termCode"] for term in course["about"]] == record["subject"]["isced"]
            assert course["about"][0]["inDefinedTermSet"] == "ISCED-F 2013"
            if record["provider"]["country"]:
                assert (
                    course["provider"]["address"]["addressCountry"]
                    == (record["provider"]["country"])
                )
        else:
            kinds["microdata"] += 1
            (course,) = page.xpath('//*[@itemtype="https://schema.org/Course"]')
            assert course.xpath('string(.//*[@itemprop="name"])') == next(
                iter(record["title"].values())
            )
        for planted in PLANTED:
            assert planted not in raw, "harvested text must never reach a page unescaped"
    assert kinds["json-ld"] > kinds["microdata"] > 0


# --- untrusted text -------------------------------------------------------------------------


def test_markup_looking_text_survives_as_text_in_every_feed(
    demo: DemoProviders, feeds: dict[str, DemoFeed]
) -> None:
    planted = [
        offer
        for offer in demo.offers
        if any(p in text for p in PLANTED for text in offer.record["title"].values())
        or any(p in text for p in PLANTED for text in offer.record["description"].values())
    ]
    assert len(planted) == 2
    for offer in planted:
        texts = {*offer.record["title"].values(), *offer.record["description"].values()}
        if OAI_FEED in offer.feeds:
            identifier = f"oai:repository.microcat-demo.example:{offer.remote_id}"
            root = oai(feeds, verb="GetRecord", metadataPrefix="lom", identifier=identifier)
            assert texts <= {string.text for string in root.iter(f"{LOM}string")}
        if JSON_FEED in offer.feeds:
            course = json.loads(fetch(f"{feeds[JSON_FEED].url}/{offer.remote_id}"))["data"]
            assert texts <= {*course["title"].values(), *course["summary"].values()}
        if HTML_FEED in offer.feeds:
            base = feeds[HTML_FEED].url.removesuffix("/sitemap.xml")
            raw = fetch(f"{base}/courses/{offer.slug}.html").decode()
            page = html.fromstring(raw)
            title = next(iter(offer.record["title"].values()))
            assert page.xpath("string(//h1)") == title
            scripts = page.xpath('//script[@type="application/ld+json"]/text()')
            if scripts:
                assert "</script>" not in scripts[0] and "<b>" not in scripts[0]
                assert json.dumps(json.loads(scripts[0]), ensure_ascii=False).count("<") >= 1
