"""The JSON API: the search contract, the one error envelope, records, schema."""

from __future__ import annotations

import pytest

from mappings.schema import Record
from mappings.transparency import finalise
from search_api.backends.embedded import EmbeddedBackend
from search_api.documents import to_document
from web import create_app


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
        ("page=%C2%B2", "page"),  # a digit to str.isdigit, not to int
        ("size=%C2%B2", "size"),
        ("eqf=%C2%B2", "eqf"),
        pytest.param("page=1" + "0" * 5000, "page", id="page-of-5001-digits"),  # int refuses
        ("country=%C3%84%C3%96", "country"),  # letters, but no ISO code
        ("lang=%C3%9F%C3%9F", "lang"),
        pytest.param("q=" + "+".join(["word"] * 33), "q", id="q-of-33-words"),
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


FACET_PARAMETERS = {"isced_narrow": "isced", "isced_detailed": "isced"}


def test_every_facet_value_offered_can_be_chosen(client, backend):
    """A facet value is a link on the page and a filter in the API: choosing it finds the
    offers it counts, "not stated" included (``eqf=none`` was refused)."""
    sparse = Record.model_validate({"id": "rec-sparse", "title": {"en": "Pottery"}})
    backend.index([to_document(finalise(sparse))])
    facets = client.get("/api/search").get_json()["facets"]
    chosen = 0
    for facet, values in facets.items():
        if facet == "ects":
            continue  # buckets, chosen as ects_min / ects_max
        for value in values:
            parameter = FACET_PARAMETERS.get(facet, facet)
            response = client.get("/api/search", query_string={parameter: value["value"]})
            assert response.status_code == 200, (facet, value, response.get_json())
            assert response.get_json()["total"] == value["count"], (facet, value)
            chosen += 1
    assert chosen > 20 and any(v["value"] == "none" for v in facets["eqf"])


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/search?q=health", 200),
        ("GET", "/api/search?eqf=9", 400),
        ("GET", "/api/records/nope", 404),
        ("GET", "/api/nothing-here", 404),
        ("POST", "/api/search", 405),
        ("GET", "/api/health", 200),
        ("GET", "/api/schema", 200),
    ],
)
def test_a_portal_on_another_origin_can_read_every_api_answer(client, method, path, status):
    """Errors too: a portal's page can only show why a search failed if it may read it."""
    response = client.open(path, method=method, headers={"Origin": "https://portal.example"})
    assert response.status_code == status
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_for_a_portal_header_is_allowed(client):
    response = client.options(
        "/api/search",
        headers={
            "Origin": "https://portal.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "X-Portal-Region",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"] == "X-Portal-Region"


def test_health_says_whether_search_answers_and_nothing_about_the_server(client, tmp_path):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "backend": "embedded", "documents": 3}
    assert str(tmp_path) not in response.get_data(as_text=True)


def test_an_unusable_index_gets_a_503_that_names_no_path(backend, tmp_path):
    # An index written by another version of Microcat: searching it is refused.
    live = (backend.path / "CURRENT").read_text().strip()
    (backend.path / live / "microcat.json").write_text('{"schema": 0}')
    stale = EmbeddedBackend(backend.path)
    client = create_app({"DATA_DIR": str(tmp_path), "SEARCH": stale, "TESTING": True}).test_client()
    for path in ("/api/search?q=data", "/api/health"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert str(tmp_path) not in response.get_data(as_text=True)
    page = client.get("/?q=data")
    assert page.status_code == 503
    assert "unavailable" in page.get_data(as_text=True)
    assert str(tmp_path) not in page.get_data(as_text=True)
    stale.close()


def test_search_and_health_are_503_when_the_index_is_lost(client, backend):
    (backend.path / "CURRENT").unlink()  # the pointer to the live index, deleted by hand
    response = client.get("/api/health")
    assert (response.status_code, response.get_json()) == (503, {"status": "unavailable"})
    assert client.get("/api/search?q=data").status_code == 503
    assert client.get("/?q=data").status_code == 503
    backend.rebuild([])  # what `microcat reindex` does: the index serves again
    assert client.get("/api/health").status_code == 200


def test_the_query_word_limit_counts_words_not_operators(client):
    ored = " OR ".join(f"w{number}" for number in range(30))  # 30 words, 29 operators
    assert client.get("/api/search", query_string={"q": ored}).status_code == 200
    assert client.get("/api/search?eqf=NONE").status_code == 200


def test_qa_none_stated_is_read_as_not_stated(client):
    said = client.get("/api/search?qa=none-stated").get_json()
    unsaid = client.get("/api/search?qa=none").get_json()
    assert said["total"] == unsaid["total"] > 0
    assert {v["value"] for v in said["facets"]["qa"]} == {
        v["value"] for v in unsaid["facets"]["qa"]
    }
