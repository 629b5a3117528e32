"""One SURF item listed by two protocols is one offer: Edurep's OAI-PMH (LOM) recording and
Sharekit's JSON:API recording replayed on 127.0.0.1, harvested by the real spiders into one
store (initial runs, then the delta), mapped and clustered; the labelled same-UUID pairs
(``DERIVED_same_uuid_pairs.csv``) must each end in one cluster, and nothing else may merge."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from local_http import serving

from aggregator.config import Settings
from aggregator.pipeline import harvest, refresh_clusters
from aggregator.store import RunState, Store
from search_api.backends.embedded import EmbeddedBackend
from search_api.query import SearchQuery

RECORDING = Path(__file__).resolve().parents[1] / "sample_data" / "oai-pmh" / "surf-edurep-lom"
EDUREP_TOKEN = "c1576069959151499|u|f1970-01-01T00:00:00Z|mlom|ssurf"
SHAREKIT = "/api/jsonapi/channel/v1/edusources/repoItems"
IDENTIFY = b"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2020-02-06T18:16:01Z</responseDate>
  <request verb="Identify">http://oai.edurep.example/oai</request>
  <Identify><repositoryName>Edurep</repositoryName>
    <baseURL>http://oai.edurep.example/oai</baseURL><protocolVersion>2.0</protocolVersion>
    <adminEmail>admin@example.org</adminEmail><earliestDatestamp>1970-01-01T00:00:00Z</earliestDatestamp>
    <deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity>
  </Identify>
</OAI-PMH>"""
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Recordings:
    """Which recorded pages the two servers answer: ``initial`` or ``delta``."""

    stage = "initial"

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[bytes, str]:
        if path == SHAREKIT:
            page = query.get("page[number]", ["1"])[0]
            name = f"sharekit-api.{self.stage}.{int(page) - 1}.json"
            return (RECORDING / name).read_bytes(), "application/vnd.api+json"
        verb = query.get("verb", [""])[0]
        if verb == "Identify":
            return IDENTIFY, "text/xml"
        if query.get("resumptionToken") == [EDUREP_TOKEN]:
            return (RECORDING / "edurep-oaipmh.initial.1.xml").read_bytes(), "text/xml"
        return (RECORDING / f"edurep-oaipmh.{self.stage}.0.xml").read_bytes(), "text/xml"


@pytest.fixture
def surf() -> Iterator[tuple[Recordings, str]]:
    recordings = Recordings()

    def answer(path: str) -> tuple[int, str, bytes]:
        parts = urlsplit(path)
        body, media_type = recordings.answer(parts.path, parse_qs(parts.query))
        return 200, f"{media_type}; charset=utf-8", body

    with serving(answer) as host:
        yield recordings, host


def item_of(remote_id: str) -> str:
    """The SURF item a record lists: the UUID its identifier ends with."""
    found = UUID.search(remote_id)
    return found.group(0) if found else remote_id


def test_items_listed_by_edurep_and_sharekit_become_one_record_each(tmp_path, surf) -> None:
    recordings, host = surf
    settings = Settings(data_dir=tmp_path, fetch_allowlist=(host,), harvest_timeout=60)
    store = Store(settings.db_path)
    backend = EmbeddedBackend(settings.index_path)
    try:
        # Edurep aggregates Sharekit (and other repositories): a catalogue.
        edurep = store.add_feed(
            f"http://{host}/oai", "oai-pmh", format="lom", name="Edurep", kind="catalogue"
        )
        sharekit = store.add_feed(
            f"http://{host}{SHAREKIT}?page[size]=25&page[number]=1", "json", name="Sharekit"
        )
        for stage in ("initial", "delta"):
            recordings.stage = stage
            for feed in (edurep, sharekit):
                run = harvest(store, backend, store.feed(feed.id), settings).run
                assert run.state == RunState.OK, run.message
        refresh_clusters(store, backend, full=True)  # from scratch: the same clusters

        feed_source = {edurep.id: "edurep_oaipmh_lom", sharekit.id: "sharekit_jsonapi"}
        record_of: dict[tuple[str, str], str] = {}
        item: dict[str, str] = {}
        for record_id, feed_id, data in store.records():
            record_of[(feed_source[feed_id], data["remote_id"])] = record_id
            item[record_id] = item_of(data["remote_id"])
        # A Sharekit tombstone ("meta": {"status": "deleted"}) removes the item; it is no
        # record that failed to map.
        gone = {
            entry["id"]
            for name in ("sharekit-api.initial.0.json", "sharekit-api.delta.0.json")
            for entry in json.loads((RECORDING / name).read_bytes())["data"]
            if (entry.get("meta") or {}).get("status") == "deleted"
        }
        assert gone
        assert not gone & {remote for source, remote in record_of if source == "sharekit_jsonapi"}
        cluster_of = store.cluster_assignments()
        with open(RECORDING / "DERIVED_same_uuid_pairs.csv", encoding="utf-8") as handle:
            labelled = list(csv.DictReader(handle))
        joined = 0
        for row in labelled:
            a = record_of.get((row["source_a"], row["id_a"]))
            b = record_of.get((row["source_b"], row["id_b"]))
            if a is None or b is None or a == b:
                continue  # deleted by the delta, or one record harvested twice
            assert cluster_of[a] == cluster_of[b], (row["uuid"], row["title_a"])
            joined += 1
        assert joined >= 10

        # Nothing else merges: every cluster lists one SURF item, every item is one cluster.
        items_of: dict[str, set[str]] = defaultdict(set)
        clusters_of: dict[str, set[str]] = defaultdict(set)
        for record_id, cluster_id in cluster_of.items():
            items_of[cluster_id].add(item[record_id])
            clusters_of[item[record_id]].add(cluster_id)
        assert all(len(items) == 1 for items in items_of.values()), items_of
        assert all(len(clusters) == 1 for clusters in clusters_of.values())
        both = {i for i in clusters_of if sum(1 for x in item.values() if x == i) > 1}
        assert len(both) >= 9

        # What a learner sees: one hit per item, listing both sources.
        assert backend.search(SearchQuery(size=1)).total == len(clusters_of)
        (hit,) = backend.search(SearchQuery(text="laryngologie", size=5)).hits
        merged = store.cluster(hit.id)
        assert merged is not None
        assert {source["feed_id"] for source in merged["sources"]} == {edurep.id, sharekit.id}
    finally:
        backend.close()
        store.close()
