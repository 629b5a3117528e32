"""The JSON API: the search contract, the one error envelope, records, schema."""

from __future__ import annotations

import pytest


def test_search_answers_the_documented_shape(client):
    body = client.get("/api/search?q=health").get_json()
    assert set(body) == {"total", "page", "size", "hits", "facets", "fuzzy", "suggestion"}
    assert (body["fuzzy"], body["suggestion"]) == (False, None)
    assert body["total"] == 1
    hit = body["hits"][0]
    assert {
        "id",
        "title",
        "provider",
        "country",
        "ects",
        "eqf",
        "isced",
        "mode",
        "lang",
        "qa",
        "transparency",
        "url",
    } <= set(hit)
    assert (hit["id"], hit["country"], hit["ects"], hit["eqf"]) == ("rec-data", "DE", 5, 6)
    assert {"value", "label", "count"} == set(body["facets"]["eqf"][0])


def test_filters_narrow_and_facets_are_labelled(client):
    body = client.get("/api/search?isced=06&eqf=6").get_json()
    assert [h["id"] for h in body["hits"]] == ["rec-data"]
    eqf = {v["value"]: v for v in body["facets"]["eqf"]}
    # Disjunctive: EQF 7 is still offered while EQF 6 is chosen.
    assert eqf["7"]["count"] == 1 and eqf["6"]["count"] == 1
    assert eqf["6"]["label"] != "6"
    isced = {v["value"]: v["label"] for v in body["facets"]["isced"]}
    assert "Information and Communication Technologies" in isced["06"]


def test_repeated_parameters_are_ored(client):
    body = client.get("/api/search?country=DE&country=NL").get_json()
    assert sorted(h["id"] for h in body["hits"]) == ["rec-data", "rec-nurse"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("eqf=9", "eqf"),
        ("ects_min=lots", "ects_min"),
        ("ects_min=10&ects_max=5", "ects_min"),
        ("size=1000", "size"),
        ("page=0", "page"),
        ("sort=random", "sort"),
        ("mode=telepathy", "mode"),
        ("isced=abc", "isced"),
        ("microcredential=maybe", "microcredential"),
        ("colour=blue", "colour"),
        ("page=500&size=100", "page"),
    ],
)
def test_a_bad_parameter_gets_a_400_that_names_it(client, query, parameter):
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["status"] == 400
    assert parameter in error["details"]


def test_every_api_error_uses_the_envelope(client):
    missing = client.get("/api/records/nope")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["status"] == 404
    unknown = client.get("/api/nothing-here")
    assert unknown.get_json()["error"]["status"] == 404
    wrong_method = client.post("/api/search")
    assert wrong_method.status_code == 405
    assert wrong_method.get_json()["error"]["status"] == 405


def test_a_record_comes_with_its_sources(client):
    record = client.get("/api/records/rec-data").get_json()
    assert record["title"]["de"] == "Datenanalyse für Public Health"
    assert [s["feed_name"] for s in record["sources"]] == ["Nordhafen OAI", "Catalogue"]
    assert record["transparency"] == "green"


def test_the_schema_is_published(client):
    schema = client.get("/api/schema").get_json()
    assert schema["title"] == "Microcat micro-credential record"
    assert {"title", "workload", "level", "quality_assurance"} <= set(schema["properties"])


def test_ordinal_facets_are_listed_in_their_natural_order(client):
    facets = client.get("/api/search").get_json()["facets"]
    assert [v["value"] for v in facets["eqf"]] == ["6", "7"]
    assert [v["value"] for v in facets["ects"]] == ["3-6", "10-20"]


def test_a_misspelt_search_says_it_used_similar_words_and_suggests_one(client):
    body = client.get("/api/search?q=cybersecurty").get_json()
    assert [h["id"] for h in body["hits"]] == ["rec-cyber"]
    assert body["fuzzy"] is True
    assert body["suggestion"] == "cybersécurité"


def test_narrower_subject_fields_are_counted_once_a_subject_is_chosen(client):
    assert "isced_narrow" not in client.get("/api/search").get_json()["facets"]
    facets = client.get("/api/search?isced=06").get_json()["facets"]
    narrow = {v["value"]: v for v in facets["isced_narrow"]}
    assert set(narrow) == {"061"}
    assert narrow["061"]["count"] == 2
    assert narrow["061"]["label"] not in ("", "061")
    detailed = {v["value"]: v["count"] for v in facets["isced_detailed"]}
    assert detailed == {"0613": 1, "0612": 1}


def test_facets_names_the_facets_to_count(client):
    every = client.get("/api/search?isced=06").get_json()["facets"]
    body = client.get("/api/search?isced=06&facets=country,isced_narrow").get_json()
    assert set(body["facets"]) == {"country", "isced_narrow"}
    assert body["facets"]["country"] == every["country"]
    assert body["facets"]["isced_narrow"] == every["isced_narrow"]
    repeated = client.get("/api/search?facets=mode&facets=eqf").get_json()
    assert set(repeated["facets"]) == {"mode", "eqf"}


def test_an_empty_facets_parameter_counts_none(client):
    body = client.get("/api/search?q=health&facets=").get_json()
    assert body["facets"] == {}
    assert body["total"] == 1


def test_an_unknown_facet_gets_a_400_listing_the_allowed_ones(client):
    response = client.get("/api/search?facets=eqf,colour")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert set(error["details"]) == {"facets"}
    assert "'colour'" in error["details"]["facets"]
    assert all(name in error["details"]["facets"] for name in ("eqf", "isced_detailed"))
