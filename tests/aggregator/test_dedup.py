"""Exact deduplication: match keys, stable clusters, merged records with provenance."""

from __future__ import annotations

import pytest

from aggregator.dedup import Member, cluster, match_keys, merge, normalise_url


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
