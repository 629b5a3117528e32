"""Deduplication: match keys, fuzzy scores with hard rules, clusters that never chain,
administrators' decisions, incremental matching, merged records with provenance."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from aggregator import dedup
from aggregator.dedup import (
    Decisions,
    Member,
    MemoryIndex,
    _vetoed,
    add_decision,
    cluster,
    deduplicate,
    identities_of,
    match_keys,
    merge,
    normalise_title,
    normalise_url,
    offer_of,
    provider_names,
    score,
)
from aggregator.demo.catalogue import EUROPEAN_CATALOGUE, generate_offers
from aggregator.pipeline import refresh_clusters
from aggregator.providers import provider_identities
from aggregator.store import Store
from mappings.schema import Record


@pytest.mark.parametrize(
    "variant",
    [
        "https://uni.example/courses/data-101",
        "http://uni.example/courses/data-101/",
        "https://www.uni.example/courses/data-101?utm_source=newsletter",
        "https://UNI.example/courses/data-101#apply",
    ],
)
def test_url_variants_of_one_page_normalise_alike(variant):
    assert normalise_url(variant) == "uni.example/courses/data-101"


def test_different_pages_stay_apart():
    assert normalise_url("https://uni.example/courses/data-101") != normalise_url(
        "https://uni.example/courses/data-102"
    )
    assert normalise_url("https://uni.example/c?id=1") != normalise_url(
        "https://uni.example/c?id=2"
    )
    assert normalise_url("javascript:alert(1)") is None


def test_short_codes_are_not_match_keys():
    assert match_keys({"identifiers": ["C101"]}) == set()
    assert match_keys({"identifiers": ["urn:uuid:1234-5678"]}) == {"id:urn:uuid:1234-5678"}


def member(record_id, feed_id, kind="provider", **data):
    data.setdefault("title", {"en": record_id})
    data.setdefault("missing", [])
    return Member(record_id, feed_id, kind, f"feed {feed_id}", data)


def test_records_sharing_a_url_or_identifier_form_one_cluster():
    members = [
        member("a", 1, url="https://uni.example/x"),
        member("b", 2, url="http://uni.example/x/", identifiers=["urn:uuid:abcdef"]),
        member("c", 3, identifiers=["urn:uuid:abcdef"]),
        member("d", 1, url="https://uni.example/y"),
    ]
    assignment = cluster(members, {})
    assert assignment["a"] == assignment["b"] == assignment["c"]
    assert assignment["d"] != assignment["a"]


def test_a_cluster_keeps_its_id_when_it_grows():
    previous = {"b": "b"}
    members = [
        member("a", 1, url="https://uni.example/x"),
        member("b", 2, url="https://uni.example/x"),
    ]
    assert cluster(members, previous) == {"a": "b", "b": "b"}


def test_merge_prefers_the_providers_own_feed_and_keeps_every_language():
    catalogue = member(
        "cat",
        2,
        "catalogue",
        url="https://uni.example/x",
        title={"en": "Data Literacy (catalogue)", "fr": "Littératie des données"},
        workload={"ects": 6.0, "ects_derived": False, "hours": None},
    )
    provider = member(
        "own",
        1,
        "provider",
        url="https://uni.example/x",
        title={"en": "Data Literacy"},
        workload={"ects": None, "ects_derived": False, "hours": None},
    )
    merged = merge("own", [catalogue, provider])
    assert merged.title == {"en": "Data Literacy", "fr": "Littératie des données"}
    assert merged.provenance["title"] == 1
    assert merged.workload.ects == 6.0 and merged.provenance["workload"] == 2
    assert [s.feed_id for s in merged.sources] == [1, 2]
    assert merged.sources[0].kind == "provider"
    assert merged.transparency is not None
    # The members' own data is not changed by merging.
    assert catalogue.data["title"]["en"] == "Data Literacy (catalogue)"


# -- fuzzy matching -------------------------------------------------------------------------

UNI = {"de": "Universität Nordhafen", "en": "University of Nordhafen"}
OTHER_UNI = {"en": "University of Südwald"}


def offer(record_id, feed_id, title, provider=UNI, kind="provider", **data):
    data.setdefault("workload", {"ects": 5.0, "ects_derived": False, "hours": None})
    data.setdefault("level", {"eqf": 6})
    return member(
        record_id, feed_id, kind, title={"en": title}, provider={"name": dict(provider)}, **data
    )


def groups(assignment):
    found = {}
    for record_id, cluster_id in assignment.items():
        found.setdefault(cluster_id, set()).add(record_id)
    return sorted(sorted(group) for group in found.values())


def test_title_normalisation_drops_case_punctuation_and_filler_but_keeps_numerals():
    assert (
        normalise_title("An Introduction to Data Science (online)")[0]
        == normalise_title("INTRODUCTION TO DATA SCIENCE.")[0]
    )
    assert normalise_title("Data Science – Level 2")[1] == frozenset({"2"})


def test_variant_listings_of_one_offer_merge_and_the_score_explains_why():
    members = [
        offer("a", 1, "Introduction to Data Science"),
        offer("b", 2, "An Introduction to Data Science.", provider={"en": "Univ. of Nordhafen"}),
        offer("c", 3, "Introduction to Data Sceince", provider={"de": "UNIVERSITÄT NORDHAFEN"}),
    ]
    result = deduplicate(members)
    assert groups(result.assignment) == [["a", "b", "c"]]
    evidence = next(iter(result.links.values()))
    assert evidence.match and evidence.veto is None
    assert {"title", "provider", "ects", "eqf"} <= evidence.features.keys()
    assert evidence.total == pytest.approx(sum(evidence.features.values()))
    assert evidence.to_json()["features"]["provider"] == 0.4


@pytest.mark.parametrize(
    ("left", "right", "veto"),
    [
        ({}, {"workload": {"ects": 10.0, "ects_derived": False, "hours": None}}, "ECTS differ"),
        ({}, {"level": {"eqf": 7}}, "EQF levels differ"),
        ({"title": "Data Science – Level 1"}, {"title": "Data Science – Level 2"}, "numerals"),
        ({}, {"provider": OTHER_UNI}, "different providers"),
    ],
)
def test_hard_rules_keep_confusable_offers_apart(left, right, veto):
    a = offer("a", 1, left.pop("title", "Data Science"), **left)
    b = offer("b", 2, right.pop("title", "Data Science"), **right)
    result = deduplicate([a, b])
    assert groups(result.assignment) == [["a"], ["b"]]
    identities = provider_identities([list(UNI.values()), list(OTHER_UNI.values())])
    assert veto in (score(offer_of(a, identities), offer_of(b, identities)).veto or "")


def test_a_catalogue_listing_another_providers_offer_by_its_url_may_join_it():
    own = offer("own", 1, "Data Science", url="https://nordhafen.example/ds")
    listed = offer(
        "cat", 2, "Data Science", provider=OTHER_UNI, kind="catalogue",
        url="https://nordhafen.example/ds",
    )  # fmt: skip
    assert groups(cluster([own, listed], {})) == [["cat", "own"]]
    stranger = offer("x", 3, "Data Science", provider=OTHER_UNI, url="https://nordhafen.example/ds")
    assert groups(cluster([own, stranger], {})) == [["own"], ["x"]]


def test_clusters_do_not_chain():
    # b is close to a and to c, but a and c differ in ECTS: never one cluster of three.
    a = offer("a", 1, "Data Science")
    b = offer("b", 2, "Data Science", workload={"ects": None, "ects_derived": False, "hours": None})
    c = offer("c", 3, "Data Science", workload={"ects": 10.0, "ects_derived": False, "hours": None})
    found = groups(cluster([a, b, c], {}))
    assert ["a", "b", "c"] not in found
    assert len(found) == 2


# -- decisions ------------------------------------------------------------------------------


def test_decisions_resolve_in_order():
    decisions = Decisions.resolve(
        [("merge", "a", "b"), ("split", "a", None), ("separate", "c", "d"), ("merge", "c", "d")]
    )
    assert not decisions.allows("a", "b") and not decisions.allows("a", "z")
    assert frozenset({"c", "d"}) in decisions.must


class RecordingBackend:
    """The search backend's two writing calls, remembered."""

    def __init__(self):
        self.indexed: dict[str, dict] = {}
        self.deleted: set[str] = set()

    def index(self, documents):
        for document in documents:
            self.indexed[document["id"]] = document
            self.deleted.discard(document["id"])
        return len(self.indexed)

    def delete(self, ids):
        self.deleted |= set(ids)


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "microcat.db")
    yield store
    store.close()


def put(store, feed, remote_id, title, provider=UNI, **fields):
    record_id = store.put_raw({"feed_id": feed.id, "remote_id": remote_id, "payload": title})[1]
    fields.setdefault("workload", {"ects": 5.0})
    fields.setdefault("level", {"eqf": 6})
    record = Record(
        remote_id=remote_id, title={"en": title}, provider={"name": dict(provider)}, **fields
    )
    store.put_record(record_id, feed.id, record.model_dump(mode="json"))
    return record_id


def partition(store):
    found = {}
    for record_id, cluster_id in store.cluster_assignments().items():
        found.setdefault(cluster_id, set()).add(record_id)
    return sorted(sorted(group) for group in found.values())


def test_a_split_survives_recomputation(store):
    own = store.add_feed("https://nordhafen.example/oai", "oai-pmh", name="Nordhafen")
    catalogue = store.add_feed("https://mc.example/oai", "oai-pmh", kind="catalogue")
    a = put(store, own, "a", "Introduction to Data Science")
    b = put(store, catalogue, "b", "An Introduction to Data Science")
    backend = RecordingBackend()
    refresh_clusters(store, backend)
    assert partition(store) == [sorted([a, b])]
    link = store.links_among([a, b])[0]
    assert link["evidence"]["features"]["title"] > 0

    add_decision(store, "split", b, note="two sessions, not one offer")
    refresh_clusters(store, backend, [b])  # incremental
    assert partition(store) == sorted([[a], [b]])
    refresh_clusters(store, backend, full=True)  # and from scratch
    assert partition(store) == sorted([[a], [b]])
    assert len(store.clusters().__next__()["sources"]) == 1

    add_decision(store, "merge", a, b)
    refresh_clusters(store, backend)  # finds the records the new decision names
    assert partition(store) == [sorted([a, b])]
    refresh_clusters(store, backend, full=True)
    assert partition(store) == [sorted([a, b])]


def test_a_full_refresh_writes_and_indexes_only_the_clusters_that_changed(store, monkeypatch):
    monkeypatch.setattr(dedup, "MERGE_BATCH", 2)  # several batches of stored clusters
    own = store.add_feed("https://nordhafen.example/oai", "oai-pmh")
    titles = ["Data Science", "Wound Care", "Marine Ecology", "Tax Law", "Robotics"]
    ids = [put(store, own, f"r{n}", title) for n, title in enumerate(titles)]
    assert refresh_clusters(store, RecordingBackend(), full=True) == (5, 0)
    again = RecordingBackend()
    assert refresh_clusters(store, again, full=True) == (0, 0)
    assert again.indexed == {}

    put(store, own, "r3", "Tax Law for Start-ups")
    store.delete_record(ids[4])
    edited = RecordingBackend()
    assert refresh_clusters(store, edited, full=True) == (1, 1)
    assert [doc["title"] for doc in edited.indexed.values()] == ["Tax Law for Start-ups"]
    assert len(list(store.clusters())) == 4


def test_a_merge_decision_overrides_the_hard_rules(store):
    own = store.add_feed("https://nordhafen.example/oai", "oai-pmh")
    other = store.add_feed("https://suedwald.example/oai", "oai-pmh")
    a = put(store, own, "a", "Data Science")
    b = put(store, other, "b", "Statistics", provider=OTHER_UNI, workload={"ects": 3.0})
    add_decision(store, "merge", a, b)
    refresh_clusters(store, RecordingBackend())
    assert partition(store) == [sorted([a, b])]
    with pytest.raises(ValueError):
        add_decision(store, "split", a, b)


# -- incremental ----------------------------------------------------------------------------


def test_incremental_refresh_gives_the_clusters_of_a_full_one(store):
    own = store.add_feed("https://nordhafen.example/oai", "oai-pmh")
    catalogue = store.add_feed("https://mc.example/oai", "oai-pmh", kind="catalogue")
    backend = RecordingBackend()
    a = put(store, own, "a", "Introduction to Data Science")
    put(store, own, "b", "Wound Care", workload={"ects": 3.0})
    c = put(store, own, "c", "Data Science – Level 2")
    refresh_clusters(store, backend)
    # A catalogue lists two of them; one of the provider's records is deleted.
    d = put(store, catalogue, "d", "INTRODUCTION TO DATA SCIENCE")
    e = put(store, catalogue, "e", "Data Science - Level 2.", provider={"en": "Univ. Nordhafen"})
    store.delete_record(c)
    written, removed = refresh_clusters(store, backend, [d, e, c])
    incremental = partition(store)
    assert sorted([a, d]) in incremental and [e] in incremental
    assert all(c not in group for group in incremental)
    assert written >= 2
    refresh_clusters(store, backend, full=True)
    assert partition(store) == incremental
    # The merged record lists both sources; the index got it.
    merged = store.cluster(store.cluster_assignments()[a])
    assert {s["remote_id"] for s in merged["sources"]} == {"a", "d"}
    assert store.cluster_assignments()[a] in backend.indexed


def test_refresh_without_ids_finds_what_changed(store):
    own = store.add_feed("https://nordhafen.example/oai", "oai-pmh")
    catalogue = store.add_feed("https://mc.example/oai", "oai-pmh", kind="catalogue")
    backend = RecordingBackend()
    a = put(store, own, "a", "Introduction to Data Science")
    refresh_clusters(store, backend)
    b = put(store, catalogue, "b", "Introduction to Data Science.")
    refresh_clusters(store, backend)
    assert partition(store) == [sorted([a, b])]


NORVALE = "University of Norvale"
NORVALE_EAST = "University of Norvale, East Harbor"


def test_names_arriving_later_are_grouped_as_in_a_full_refresh(store):
    own = store.add_feed("https://norvale.example/oai", "oai-pmh")
    catalogue = store.add_feed("https://mc.example/oai", "oai-pmh", kind="catalogue")
    backend = RecordingBackend()
    a = put(store, own, "a", "Marine Ecology", provider={"en": NORVALE_EAST})
    b = put(store, catalogue, "b", "Marine Ecology", provider={"en": NORVALE})
    # Enough other records for three changed ones to be matched incrementally.
    others = [put(store, own, f"x{n}", f"Seminar {n}", provider=OTHER_UNI) for n in range(20)]
    refresh_clusters(store, backend)
    # The bare name stands for the one campus named.
    assert partition(store) == sorted([sorted([a, b]), *([x] for x in others)])
    # An acronym only the full grouping spells out ("UNEH": University of Norvale, East
    # Harbor) arrives, as do a second campus and a second mention of the first: the bare
    # name no longer stands for one campus.
    c = put(store, catalogue, "c", "Marine Ecology.", provider={"en": "UNEH"})
    d = put(store, own, "d", "Coastal Law", provider={"en": f"{NORVALE_EAST}, NL"})
    west = {"en": "University of Norvale, West Harbor"}
    e = put(store, own, "e", "Harbour Engineering", provider=west)
    refresh_clusters(store, backend, [c, d, e])
    incremental = partition(store)
    names = store.provider_names()
    assert sorted([a, c]) in incremental and [b] in incremental
    assert names[NORVALE] != names[NORVALE_EAST]  # an identity that moved
    refresh_clusters(store, backend, full=True)
    assert partition(store) == incremental
    assert store.provider_names() == names


def test_deleted_records_do_not_crowd_live_names_out_of_an_incremental_refresh(store):
    # Until a refresh, a deleted record keeps its provider-name key: there are then more keys
    # than records, and every live name must still be grouped.
    own = store.add_feed("https://aldor.example/oai", "oai-pmh")
    backend = RecordingBackend()
    doomed = [
        put(store, own, f"x{n}", f"Seminar {n}", provider={"en": f"Aldor Institute {n}"})
        for n in range(30)
    ]
    put(store, own, "z", "Marine Ecology", provider={"en": "Zenvale University"})
    refresh_clusters(store, backend)
    for record_id in doomed[:2]:
        store.delete_record(record_id)
    refresh_clusters(store, backend, doomed[:2])
    incremental = store.provider_names()
    refresh_clusters(store, backend, full=True)
    assert incremental == store.provider_names()
    assert "Zenvale University" in incremental
    assert "Aldor Institute 0" not in incremental  # only a deleted record gave it


def test_memory_index_groups_names_arriving_later_as_a_full_recomputation():
    west = "University of Norvale, West Harbor"
    first = [
        offer("a", 1, "Marine Ecology", {"en": NORVALE_EAST}),
        offer("b", 2, "Marine Ecology", {"en": NORVALE}, "catalogue"),
    ]
    later = [
        offer("c", 2, "Marine Ecology.", {"en": "UNEH"}, "catalogue"),
        offer("d", 1, "Coastal Law", {"en": f"{NORVALE_EAST}, NL"}),
        offer("e", 1, "Harbour Engineering", {"en": west}),
    ]
    index = MemoryIndex(first)
    assert groups(index.assignment) == groups(deduplicate(first).assignment)
    index.update(later)
    full = deduplicate(first + later).assignment
    assert groups(index.assignment) == groups(full)
    assert ["a", "c"] in groups(full) and ["b"] in groups(full)


def _catalogue_members(n, seed):
    feeds: dict[str, int] = {}
    members = []
    for index, item in enumerate(generate_offers(n, seed=seed, duplicate_rate=0.2)):
        feed_id = feeds.setdefault(item.source, len(feeds) + 1)
        kind = (
            "catalogue"
            if item.source == EUROPEAN_CATALOGUE or "-microcredentials-" in (item.source)
            else "provider"
        )
        members.append(Member(f"r{index:05d}", feed_id, kind, item.source, item.record))
    return members


def test_memory_index_updates_agree_with_a_full_recomputation():
    members = _catalogue_members(1500, seed=7)
    first, rest = members[:1300], members[1300:]
    index = MemoryIndex(first)
    # Some of the first records are edited, one is withdrawn.
    edited = []
    for old in first[:30]:
        data = dict(old.data, title={k: v + " " for k, v in old.data["title"].items()})
        edited.append(Member(old.record_id, old.feed_id, old.feed_kind, old.feed_name, data))
    index.update(rest + edited, removed=[first[40].record_id])
    current = {
        m.record_id: m for m in [*first, *rest, *edited] if m.record_id != first[40].record_id
    }
    full = deduplicate(current.values()).assignment
    assert groups(index.assignment) == groups(full)
    # A generated catalogue with planted duplicates does get merged.
    assert sum(len(g) > 1 for g in groups(full)) > 50


def test_the_bulk_veto_screen_vetoes_exactly_as_scoring_does():
    url = "https://nordhafen.example/ds"
    members = [
        *_catalogue_members(400, seed=3),
        offer("own", 1, "Data Science", url=url),
        offer("cat", 2, "Data Science", provider=OTHER_UNI, kind="catalogue", url=url),
        offer("x", 3, "Data Science", provider=OTHER_UNI, url=url),
    ]
    identities = identities_of(provider_names(members))
    offers = [offer_of(m, identities) for m in members]
    low, high = np.triu_indices(len(offers), k=1)  # every pair
    screened = _vetoed(offers, low, high)
    for x, y, vetoed in zip(low.tolist(), high.tolist(), screened.tolist(), strict=True):
        veto = score(offers[x], offers[y]).veto
        if offers[x].feed_kind == offers[y].feed_kind == "provider":
            assert vetoed == (veto is not None), (x, y, veto)
        else:  # a listing feed: whether the two share a key is left to scoring
            assert not vetoed or veto is not None, (x, y)
    assert screened.sum() > len(screened) // 2


def test_planted_duplicates_are_found_and_hard_negatives_kept_apart():
    offers = list(generate_offers(3000, seed=11, duplicate_rate=0.1))
    members = [
        Member(f"r{i:05d}", i % 7 + 1, "provider", None, item.record)
        for i, item in enumerate(offers)
    ]
    truth = {m.record_id: item.truth for m, item in zip(members, offers, strict=True)}
    assignment = cluster(members, {})
    found = {pair for group in groups(assignment) for pair in itertools.combinations(group, 2)}
    gold = {pair for group in groups(truth) for pair in itertools.combinations(group, 2)}
    precision = len(found & gold) / len(found)
    recall = len(found & gold) / len(gold)
    assert precision > 0.95 and recall > 0.85


def test_a_record_committed_while_a_refresh_starts_is_clustered(store):
    # Two harvests of one instance: one's batch is still open (its records mapped, not yet
    # committed) when the other's refresh starts. Times have whole seconds, hence the waits.
    import threading
    import time

    own = store.add_feed("https://nordhafen.example/oai", "oai-pmh")
    other = store.add_feed("https://mc.example/oai", "oai-pmh", kind="catalogue")
    backend = RecordingBackend()
    put(store, own, "a", "Introduction to Data Science")
    refresh_clusters(store, backend)
    time.sleep(1.1)
    second = Store(store.path)  # the other harvest's connection
    put(second, other, "b", "Marine Ecology")
    store.db.execute("BEGIN IMMEDIATE")  # a batch in progress
    late = put(store, own, "late", "Wound Care")
    time.sleep(1.1)
    refresher = threading.Thread(target=refresh_clusters, args=(second, backend))
    refresher.start()
    time.sleep(0.5)
    store.db.execute("COMMIT")
    refresher.join(timeout=30)
    refresh_clusters(store, backend)  # the late record's own harvest ends
    assert store.record_clusters([late])[late] is not None
    assert any(doc["title"] == "Wound Care" for doc in backend.indexed.values())
    second.close()


def test_clusters_stored_while_indexing_failed_are_indexed_by_the_next_refresh(
    store, tmp_path, monkeypatch
):
    from search_api.backends.base import BackendUnavailable
    from search_api.backends.embedded import EmbeddedBackend
    from search_api.query import SearchQuery

    own = store.add_feed("https://nordhafen.example/oai", "oai-pmh")
    backend = EmbeddedBackend(tmp_path / "index")
    put(store, own, "a", "Introduction to Data Science")
    refresh_clusters(store, backend)

    def busy(documents):
        raise BackendUnavailable("another writer is open on the embedded index")

    put(store, own, "b", "Wound Care")
    monkeypatch.setattr(backend, "index", busy)
    with pytest.raises(BackendUnavailable):
        refresh_clusters(store, backend)
    monkeypatch.undo()
    refresh_clusters(store, backend)  # nothing new to cluster: the index catches up
    titles = {hit.title for hit in backend.search(SearchQuery(size=10)).hits}
    assert titles == {"Introduction to Data Science", "Wound Care"}
    backend.close()
