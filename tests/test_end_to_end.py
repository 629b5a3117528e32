"""The whole pipeline as a newcomer runs it: ``microcat demo``, then search over HTTP.

The demo starts three example providers on 127.0.0.1 (OAI-PMH, JSON API, HTML with
schema.org), harvests them with the real harvester subprocesses, maps, merges and indexes,
and serves the UI. This test runs the real command and talks to it only over HTTP.
"""

from __future__ import annotations

import json
import os
import selectors
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from aggregator.dedup import normalise_url
from aggregator.demo.providers import DemoProviders

OFFERS = 120
SINGLE_VALUED_FACETS = ("eqf", "qf_ehea", "qa", "country", "mode", "transparency")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[dict[str, Any]]:
    data_dir = tmp_path_factory.mktemp("demo")
    port = _free_port()
    env = {**os.environ, "MICROCAT_DATA_DIR": str(data_dir), "MICROCAT_FETCH_ALLOWLIST": ""}
    command = [
        sys.executable,
        "-m",
        "aggregator",
        "demo",
        "--port",
        str(port),
        "--offers",
        str(OFFERS),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True
    )
    output: list[str] = []
    selector = selectors.DefaultSelector()
    assert process.stdout is not None
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            if not selector.select(timeout=1):
                if process.poll() is not None:
                    break
                continue
            line = process.stdout.readline()
            if not line:
                break
            output.append(line)
            if line.startswith("Open http://"):
                break
        else:
            pytest.fail("the demo did not start serving in time:\n" + "".join(output))
        if not output or not output[-1].startswith("Open http://"):
            pytest.fail("the demo stopped before serving:\n" + "".join(output))
        yield {"base": f"http://127.0.0.1:{port}", "output": "".join(output), "data_dir": data_dir}
    finally:
        selector.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


def get(demo: dict[str, Any], path: str) -> Any:
    with urllib.request.urlopen(demo["base"] + path, timeout=30) as response:
        return json.load(response)


def all_records(demo: dict[str, Any]) -> list[dict[str, Any]]:
    records = []
    page = 1
    while True:
        result = get(demo, f"/api/search?size=100&page={page}&sort=title")
        records += [get(demo, f"/api/records/{hit['id']}") for hit in result["hits"]]
        if page * 100 >= result["total"]:
            return records
        page += 1


@pytest.fixture(scope="module")
def records(demo) -> list[dict[str, Any]]:
    return all_records(demo)


def test_the_demo_reports_each_harvest(demo):
    output = demo["output"]
    for protocol_feed in ("OAI-PMH", "JSON", "HTML"):
        assert protocol_feed.lower() in output.lower()
    assert output.count(": ok —") == 3, output


def _by_source_url(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each source's landing URL -> the merged record that lists it."""
    return {
        normalise_url(source["url"]) or "": record
        for record in records
        for source in record["sources"]
    }


def test_offers_from_all_three_sources_are_searchable(records):
    expected = DemoProviders(offers=OFFERS)
    feed_names = {name for offer in expected.offers for name in offer.feeds}
    assert len(feed_names) == 3
    seen = {source["feed_name"] for record in records for source in record["sources"]}
    assert seen == feed_names
    # Every live offer of the example catalogue is findable.
    listed = _by_source_url(records)
    missing = [
        o.record["url"] for o in expected.offers if normalise_url(o.record["url"]) not in listed
    ]
    assert missing == []


def test_cross_source_duplicates_show_as_one_record_with_their_sources(records):
    expected = DemoProviders(offers=OFFERS)
    shared = [offer for offer in expected.offers if len(offer.feeds) == 2]
    assert shared, "the demo plants offers listed by two sources"
    listed = _by_source_url(records)
    for offer in shared:
        record = listed[normalise_url(offer.record["url"]) or ""]
        feeds = {s["feed_name"] for s in record["sources"]}
        assert set(offer.feeds) <= feeds, offer.record["url"]
    # No record merges two different offers.
    truth = {normalise_url(o.record["url"]): o.truth for o in expected.offers}
    for record in records:
        truths = {truth[normalise_url(s["url"])] for s in record["sources"]}
        assert len(truths) == 1, record["sources"]


def test_facet_counts_add_up_to_the_total(demo):
    for query in ("", "?q=data", "?eqf=6", "?country=DE&mode=online"):
        result = get(demo, "/api/search" + query)
        for facet in SINGLE_VALUED_FACETS:
            if facet in query:
                continue  # disjunctive: a facet's own filter does not narrow its counts
            counts = sum(value["count"] for value in result["facets"][facet])
            assert counts == result["total"], (query, facet, result["facets"][facet])


def test_filters_find_what_the_facets_promise(demo):
    browse = get(demo, "/api/search")
    for facet in ("eqf", "country", "mode", "qa"):
        value = next(v for v in browse["facets"][facet] if v["value"] != "none")
        narrowed = get(demo, f"/api/search?{facet}={value['value']}")
        assert narrowed["total"] == value["count"], (facet, value)


def test_the_search_page_serves_html(demo):
    with urllib.request.urlopen(demo["base"] + "/?q=data", timeout=30) as response:
        page = response.read().decode()
    assert response.status == 200
    assert 'class="hit"' in page
