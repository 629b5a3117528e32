"""The json_api spider against paginated JSON servers, and its page-reading functions."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from harvest_helpers import (
    LocalServer,
    Reply,
    Route,
    Seen,
    page_response,
    run_harvester,
    sample,
    spider_in_process,
    summary_of,
)

from harvesters.items import RawRecord
from harvesters.spiders.json_api import (
    JsonApiSpider,
    find_next_url,
    find_records,
    record_datestamp,
    record_deleted,
    record_id,
)

Serve = Callable[[Route], LocalServer]

SHAREKIT = "/api/jsonapi/channel/v1/edusources/repoItems"


def as_json(document: Any, status: int = 200) -> Reply:
    return Reply(json.dumps(document).encode(), status, "application/json")


def test_json_api_pages_follow_relative_next_links(serve: Serve) -> None:
    # Real Sharekit JSON:API pages: "links": {"next": "/api/...page[number]=2"}.
    pages = {
        "1": sample("oai-pmh/surf-edurep-lom/sharekit-api.initial.0.json"),
        "2": sample("oai-pmh/surf-edurep-lom/sharekit-api.initial.1.json"),
    }

    def sharekit(seen: Seen) -> Reply:
        if seen.path != SHAREKIT or seen.query.get("page[size]") != "25":
            return Reply(b"{}", 404, "application/json")
        return Reply(pages[seen.query["page[number]"]], 200, "application/vnd.api+json")

    server = serve(sharekit)
    harvest = run_harvester(
        "json_api",
        "--url",
        f"{server.url}{SHAREKIT}?page[size]=25&page[number]=1",
        allow=[server.hostport],
    )

    assert [seen.query["page[number]"] for seen in server.requests] == ["1", "2"]
    assert harvest.summary["complete"] is True
    assert harvest.summary["profile"] == "sharekit"
    originals = [record for page in pages.values() for record in json.loads(page)["data"]]
    assert len(harvest.records) == len(originals) == 11
    for line, original in zip(harvest.records, originals, strict=True):
        assert line["remote_id"] == original["id"]
        assert line["format"] == "sharekit"  # recognised without --format
        assert line["media_type"] == "application/json"
        if original.get("meta", {}).get("status") == "deleted":  # one item of page 1
            assert line["deleted"] is True
            continue
        assert json.loads(line["payload"]) == original  # verbatim
        assert line["datestamp"] == original["attributes"].get("modifiedAt")
        assert line["deleted"] is False
    assert sum(line["deleted"] for line in harvest.records) == 1


def test_sharekit_delta_lists_deletions_as_tombstones(serve: Serve) -> None:
    # The real Sharekit delta page lists a removed item as {"meta": {"status": "deleted",
    # "deletedAt": ...}} without attributes: a tombstone, not a record that fails to map.
    page = sample("oai-pmh/surf-edurep-lom/sharekit-api.delta.0.json")
    server = serve(lambda seen: Reply(page, 200, "application/vnd.api+json"))
    harvest = run_harvester("json_api", "--url", f"{server.url}{SHAREKIT}", allow=[server.hostport])

    originals = {record["id"]: record for record in json.loads(page)["data"]}
    gone = {key for key, record in originals.items() if record.get("meta", {}).get("status")}
    assert gone  # the recording holds at least one deletion
    assert {line["remote_id"] for line in harvest.records} == set(originals)
    for line in harvest.records:
        original = originals[line["remote_id"]]
        assert line["deleted"] is (line["remote_id"] in gone)
        if line["deleted"]:
            assert line["payload"] == ""
            assert line["datestamp"] == original["meta"]["deletedAt"]
        else:
            assert json.loads(line["payload"]) == original


def test_record_deleted_reads_json_api_meta() -> None:
    assert record_deleted({"id": "a", "meta": {"status": "deleted"}})
    assert record_deleted({"id": "a", "meta": {"deleted": True}})
    assert record_deleted({"id": "a", "deleted": True})
    assert not record_deleted({"id": "a", "meta": {"status": "active"}})
    assert not record_deleted({"id": "a", "deleted": "no"})
    assert not record_deleted({"id": "a", "meta": "deleted"})


def test_items_with_a_next_url_and_records_that_cannot_be_used(serve: Serve) -> None:
    def api(seen: Seen) -> Reply:
        if seen.query.get("cursor") == "b":
            return as_json({"items": [{"id": "c3", "title": "Último"}], "next": None})
        return as_json(
            {
                "items": [
                    {"identifier": "c1", "title": "Sécurité des réseaux", "ects": 3},
                    {"code": 42, "title": "Numbered"},
                    {"title": "no identifier"},
                    "not an object",
                ],
                "next": f"{server.url}/courses?cursor=b",
            }
        )

    server = serve(api)
    harvest = run_harvester(
        "json_api",
        "--url",
        f"{server.url}/courses",
        "--format",
        "ooapi",
        allow=[server.hostport],
    )

    records = harvest.by_id()
    assert list(records) == ["c1", "42", "c3"]
    assert {r["format"] for r in harvest.records} == {"ooapi"}
    # The payload is the record as json.dumps(ensure_ascii=False) wrote it.
    assert records["c1"]["payload"] == (
        '{"identifier": "c1", "title": "Sécurité des réseaux", "ects": 3}'
    )
    assert records["c3"]["url"] == f"{server.url}/courses?cursor=b"
    messages = [error["message"] for error in harvest.errors]
    assert len(messages) == 2
    assert "record 3" in messages[0] and "identifier" in messages[0]
    assert "record 4" in messages[1] and "str" in messages[1]
    assert harvest.summary["complete"] is True


def test_page_numbers_under_meta(serve: Serve) -> None:
    def api(seen: Seen) -> Reply:
        page = int(seen.query.get("page", "1"))
        return as_json(
            {
                "results": [{"id": f"p{page}-{n}"} for n in range(2)],
                "meta": {"page": page, "pages": 3},
            }
        )

    server = serve(api)
    harvest = run_harvester(
        "json_api", "--url", f"{server.url}/programmes?lang=en", allow=[server.hostport]
    )

    assert [seen.query for seen in server.requests] == [
        {"lang": "en"},
        {"lang": "en", "page": "2"},
        {"lang": "en", "page": "3"},
    ]
    assert [r["remote_id"] for r in harvest.records] == [
        "p1-0",
        "p1-1",
        "p2-0",
        "p2-1",
        "p3-0",
        "p3-1",
    ]
    assert harvest.summary["complete"] is True


def test_a_top_level_list_is_one_page(serve: Serve) -> None:
    server = serve(lambda seen: as_json([{"id": "a"}, {"id": "b"}]))
    harvest = run_harvester("json_api", "--url", f"{server.url}/all", allow=[server.hostport])

    assert [r["remote_id"] for r in harvest.records] == ["a", "b"]
    assert harvest.summary["complete"] is True
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("second_page", "reason"),
    [
        (Reply(b'{"data": [', 200, "application/json"), "malformed JSON"),
        (Reply(b"[" * 100_000 + b"]" * 100_000, 200, "application/json"), "malformed JSON"),
        (Reply(b"oops", 500, "text/plain"), "HTTP 500"),
        (as_json({"message": "no list here"}), "no record list"),
        (as_json({"data": [{"id": "again"}], "links": {"next": "/c?page=2"}}), "already harvested"),
    ],
    ids=["malformed", "nested-too-deeply", "http-error", "no-list", "loop"],
)
def test_a_bad_page_leaves_the_list_incomplete(
    serve: Serve, second_page: Reply, reason: str
) -> None:
    def api(seen: Seen) -> Reply:
        if seen.query.get("page") == "2":
            return second_page
        return as_json({"data": [{"id": "first"}], "links": {"next": "/c?page=2"}})

    server = serve(api)
    harvest = run_harvester("json_api", "--url", f"{server.url}/c", allow=[server.hostport])

    assert harvest.records[0]["remote_id"] == "first"
    assert harvest.summary["complete"] is False
    assert reason in harvest.summary["reason"]
    assert reason in harvest.errors[-1]["message"]


# -- reading one page ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "records"),
    [
        ([{"id": 1}], [{"id": 1}]),
        ({"data": [{"id": 1}]}, [{"id": 1}]),
        ({"meta": {}, "items": []}, []),
        ({"results": [{"id": 2}], "data": {"id": "single"}}, [{"id": 2}]),
        ({"records": [{"id": 3}]}, [{"id": 3}]),
        ({"data": {"id": "single"}}, None),
        ("text", None),
    ],
)
def test_find_records(document: Any, records: list[Any] | None) -> None:
    assert find_records(document) == records


@pytest.mark.parametrize(
    ("document", "next_url"),
    [
        ({"links": {"next": "/x?page=2"}}, "https://api.example.org/x?page=2"),
        ({"links": {"next": {"href": "https://b.org/2"}}}, "https://b.org/2"),
        ({"links": {"next": None}, "next": "/ignored"}, None),
        ({"next": "?cursor=zz"}, "https://api.example.org/x?cursor=zz"),
        ({"next": ""}, None),
        ({"page": 1, "pages": 2}, "https://api.example.org/x?page=2"),
        ({"meta": {"page": 2, "pages": 2}}, None),
        ({"page": True, "pages": 2}, None),
        ([{"id": 1}], None),
    ],
)
def test_find_next_url(document: Any, next_url: str | None) -> None:
    assert find_next_url(document, "https://api.example.org/x?page=1") == next_url


@pytest.mark.parametrize(
    ("record", "remote_id"),
    [
        ({"id": "a", "identifier": "b"}, "a"),
        ({"identifier": " b "}, "b"),
        ({"code": 7}, "7"),
        ({"id": True, "code": "c"}, "c"),
        ({"id": "", "name": "x"}, None),
    ],
)
def test_record_id(record: dict[str, Any], remote_id: str | None) -> None:
    assert record_id(record) == remote_id


def test_record_datestamp_looks_under_attributes() -> None:
    assert record_datestamp({"attributes": {"modifiedAt": "2020-01-01"}}) == "2020-01-01"
    assert record_datestamp({"updated_at": "2021-02-02", "attributes": {}}) == "2021-02-02"
    assert record_datestamp({"id": 1}) is None


# -- profiles recognised without configuration --------------------------------------------

HARVEST = "harvest"


def sample_json(path: str) -> Any:
    return json.loads(sample(f"{HARVEST}/{path}"))


def test_ooapi_v5_pages(serve: Serve) -> None:
    # Real OOAPI course and programme objects in v5 list pages (pageNumber / hasNextPage).
    course, program = sample_json("ooapi/3-Course.json"), sample_json("ooapi/2-Program.json")

    def api(seen: Seen) -> Reply:
        number = int(seen.query.get("pageNumber", "1"))
        items = [course] if number == 1 else [program]
        return as_json(
            {
                "pageSize": 1,
                "pageNumber": number,
                "hasPreviousPage": number > 1,
                "hasNextPage": number < 2,
                "items": items,
            }
        )

    server = serve(api)
    harvest = run_harvester(
        "json_api", "--url", f"{server.url}/courses?pageSize=1", allow=[server.hostport]
    )

    assert [seen.query for seen in server.requests] == [
        {"pageSize": "1"},
        {"pageSize": "1", "pageNumber": "2"},
    ]
    assert [r["remote_id"] for r in harvest.records] == [course["courseId"], program["programId"]]
    assert {r["format"] for r in harvest.records} == {"ooapi"}
    assert harvest.summary["profile"] == "ooapi" and harvest.summary["complete"] is True


def test_moochub_json_api_collection(serve: Serve) -> None:
    example = sample_json("moochub/DERIVED_moochub-v3-api-example-response.json")
    course = example["data"]
    other = {**course, "id": "second-course"}

    def api(seen: Seen) -> Reply:
        if seen.query.get("page") == "2":
            return as_json({"links": {"self": "/courses?page=2", "next": None}, "data": [other]})
        return as_json({"links": {"self": "/courses", "next": "/courses?page=2"}, "data": [course]})

    server = serve(api)
    harvest = run_harvester("json_api", "--url", f"{server.url}/courses", allow=[server.hostport])

    assert [r["remote_id"] for r in harvest.records] == [course["id"], "second-course"]
    assert {r["format"] for r in harvest.records} == {"moochub"}
    assert json.loads(harvest.records[0]["payload"]) == course
    assert harvest.summary["complete"] is True


def test_ctdl_graph_one_record_per_offer_node(serve: Serve) -> None:
    document = sample_json("ctdl-registry/seeds_ce_registry_credential.json")
    (degree,) = document["@graph"]
    # The organisation the degree names as its owner (by CTID): the degree's record carries
    # it, as what it refers to.
    owner = "ce-8DDBF031-BAD6-4B19-B726-066D5F71AD01"
    organisation = {
        "@id": f"https://credentialengineregistry.org/resources/{owner}",
        "@type": "ceterms:CredentialOrganization",
        "ceterms:ctid": owner,
        "ceterms:name": {"en-US": "Derived test organisation"},
    }
    course = {"@id": "_:c1", "@type": "ceterms:Course", "ceterms:ctid": "ce-course-1"}
    graph = {**document, "@graph": [degree, organisation, course]}
    server = serve(lambda seen: Reply(json.dumps(graph).encode(), 200, "application/ld+json"))
    harvest = run_harvester("json_api", "--url", f"{server.url}/graph", allow=[server.hostport])

    assert [r["remote_id"] for r in harvest.records] == [degree["ceterms:ctid"], "ce-course-1"]
    first = json.loads(harvest.records[0]["payload"])
    assert first["@context"] == document["@context"]
    assert first["@graph"] == [degree, organisation]  # the record first, then what it refers to
    assert {r["format"] for r in harvest.records} == {"ctdl"}
    assert {r["media_type"] for r in harvest.records} == {"application/ld+json"}
    assert harvest.summary["skipped_nodes"] == 1
    assert harvest.summary["complete"] is True


def test_ctdl_list_of_split_resources() -> None:
    nodes = sample_json("ctdl-registry/seeds_ce_registry_learning_opportunity_profile.json")
    url = "https://registry.example.org/lops"
    spider = spider_in_process(JsonApiSpider, url=url)
    items = list(spider.parse(page_response(url, json.dumps(nodes).encode(), "application/json")))

    assert [r.remote_id for r in items] == [n["ceterms:ctid"] for n in nodes]
    assert [json.loads(r.payload) for r in items] == nodes
    assert {r.format for r in items} == {"ctdl"}
    assert summary_of(spider)["complete"] is True


def test_an_elm_credential_is_one_record(serve: Serve) -> None:
    body = sample(f"{HARVEST}/elm/Sample-MC-Annex1-unsigned.jsonld")
    server = serve(lambda seen: Reply(body, 200, "application/ld+json"))
    harvest = run_harvester("json_api", "--url", f"{server.url}/mc", allow=[server.hostport])

    (record,) = harvest.records
    assert record["remote_id"] == json.loads(body)["id"]
    assert record["format"] == "elm"
    assert json.loads(record["payload"]) == json.loads(body)
    assert harvest.summary["complete"] is True


def test_format_given_wins_over_the_profile() -> None:
    body = sample(f"{HARVEST}/elm/Sample-MC-Annex1-unsigned.jsonld")
    url = "https://issuer.example.org/mc"
    spider = spider_in_process(JsonApiSpider, url=url, record_format="elm-custom")
    (record,) = spider.parse(page_response(url, body, "application/ld+json"))
    assert isinstance(record, RawRecord) and record.format == "elm-custom"


# -- paging styles ------------------------------------------------------------------------


def test_offset_paging_of_real_pure_pages(serve: Serve) -> None:
    # Real Pure API pages (count, pageInformation.offset/size, items with uuid); the count
    # is cut to the two pages the fixture has.
    pages = {}
    for n in (0, 1):
        page = sample_json(f"pure/fixture.hanze.initial.{n}.json")
        pages[str(page["pageInformation"]["offset"])] = {**page, "count": 20}

    server = serve(lambda seen: as_json(pages[seen.query.get("offset", "0")]))
    harvest = run_harvester(
        "json_api", "--url", f"{server.url}/research-outputs?size=10", allow=[server.hostport]
    )

    assert [seen.query.get("offset") for seen in server.requests] == [None, "10"]
    expected = [item["uuid"] for page in pages.values() for item in page["items"]]
    assert [r["remote_id"] for r in harvest.records] == expected and len(expected) == 20
    assert harvest.summary["complete"] is True


def test_cursor_in_the_body(serve: Serve) -> None:
    cursors = {None: ("c2", [1, 2]), "c2": ("c3", [3]), "c3": (None, [4])}

    def api(seen: Seen) -> Reply:
        following, ids = cursors[seen.query.get("after")]
        meta = {"next_cursor": following} if following else {}
        return as_json({"results": [{"id": n} for n in ids], "meta": meta})

    server = serve(api)
    harvest = run_harvester(
        "json_api",
        "--url",
        f"{server.url}/r?size=2",
        "--setting",
        "JSON_CURSOR_PARAM=after",
        allow=[server.hostport],
    )
    assert [seen.query.get("after") for seen in server.requests] == [None, "c2", "c3"]
    assert [r["remote_id"] for r in harvest.records] == ["1", "2", "3", "4"]
    assert harvest.summary["complete"] is True


def test_records_path() -> None:
    url = "https://api.example.org/search"
    good = {"response": {"numFound": 2, "docs": [{"id": "x"}, {"id": "y"}]}}
    spider = spider_in_process(JsonApiSpider, url=url, records_path="response.docs")
    items = list(spider.parse(page_response(url, json.dumps(good).encode())))
    assert [r.remote_id for r in items] == ["x", "y"]
    assert summary_of(spider)["complete"] is True

    bad = {"response": {"docs": {"id": 1}}}
    spider = spider_in_process(JsonApiSpider, url=url, records_path="response.docs")
    (error,) = spider.parse(page_response(url, json.dumps(bad).encode()))
    assert "response.docs" in error.message
    assert summary_of(spider)["complete"] is False


# -- conditional requests -----------------------------------------------------------------


def test_an_unchanged_page_costs_nothing_on_the_next_run(serve: Serve, tmp_path: Any) -> None:
    versions = {"1": 1, "2": 1}

    def api(seen: Seen) -> Reply:
        number = seen.query.get("page", "1")
        etag = f'"p{number}-v{versions[number]}"'
        last_modified = f"Mon, 0{versions[number]} Jun 2026 10:00:00 GMT"
        if number == "1" and seen.headers.get("if-none-match") == etag:
            return Reply(b"", 304, "application/json", {"ETag": etag})
        if number == "2" and seen.headers.get("if-modified-since") == last_modified:
            return Reply(b"", 304, "application/json", {"Last-Modified": last_modified})
        document = {
            "data": [{"id": f"{number}-{versions[number]}"}],
            "links": {"next": "/c?page=2" if number == "1" else None},
        }
        headers = {"ETag": etag} if number == "1" else {"Last-Modified": last_modified}
        return Reply(json.dumps(document).encode(), 200, "application/json", headers)

    server = serve(api)
    cache = str(tmp_path / "cache")

    def harvest_once() -> Any:
        return run_harvester(
            "json_api", "--url", f"{server.url}/c", "--cache-dir", cache, allow=[server.hostport]
        )

    first = harvest_once()
    assert [r["remote_id"] for r in first.records] == ["1-1", "2-1"]
    assert "not_modified_pages" not in first.summary

    versions["2"] = 2  # page 2 changes, page 1 does not
    second = harvest_once()
    assert [r["remote_id"] for r in second.records] == ["2-2"]
    assert second.summary["not_modified_pages"] == 1
    assert second.summary["complete"] is True
    assert server.requests[2].headers.get("if-none-match") == '"p1-v1"'
    assert server.requests[3].headers.get("if-modified-since") == "Mon, 01 Jun 2026 10:00:00 GMT"

    third = harvest_once()
    assert third.records == [] and third.summary["not_modified_pages"] == 2
    assert third.summary["complete"] is True


def test_a_failing_page_is_not_served_from_the_cache(serve: Serve, tmp_path: Any) -> None:
    broken = {"now": False}

    def api(seen: Seen) -> Reply:
        if broken["now"]:
            return Reply(b"down", 500, "text/plain")
        return Reply(b'{"data": [{"id": "a"}]}', 200, "application/json", {"ETag": '"a"'})

    server = serve(api)
    cache = str(tmp_path / "cache")
    args = ("json_api", "--url", f"{server.url}/c", "--cache-dir", cache)
    assert run_harvester(*args, allow=[server.hostport]).summary["complete"] is True
    broken["now"] = True
    harvest = run_harvester(*args, allow=[server.hostport])
    assert harvest.summary["complete"] is False
    assert "HTTP 500" in harvest.summary["reason"]
    assert "not_modified_pages" not in harvest.summary


def _cached_pages(cache: Path) -> list[str]:
    """The query strings of the pages the HTTP cache under ``cache`` holds."""
    meta = [ast.literal_eval(path.read_text()) for path in cache.rglob("meta")]
    return sorted(urlsplit(entry["url"]).query for entry in meta)


def test_a_complete_run_leaves_only_its_own_pages_in_the_cache(serve: Serve, tmp_path: Any) -> None:
    # A cursor API hands out new cursor URLs each run: without pruning, every run's pages
    # would stay in the cache for ever.
    state = {"run": 1, "fail_page_2": False}

    def api(seen: Seen) -> Reply:
        cursor = seen.query.get("cursor")
        if cursor is None:
            document = {"data": [{"id": "a"}], "links": {"next": f"/c?cursor=r{state['run']}"}}
        elif state["fail_page_2"]:
            return Reply(b"down", 500, "text/plain")
        else:
            document = {"data": [{"id": f"b{cursor}"}], "links": {"next": None}}
        etag = f'"{cursor}-{state["run"]}"'
        return Reply(json.dumps(document).encode(), 200, "application/json", {"ETag": etag})

    server = serve(api)
    cache = tmp_path / "cache"
    args = ("json_api", "--url", f"{server.url}/c", "--cache-dir", str(cache))
    assert run_harvester(*args, allow=[server.hostport]).summary["complete"] is True
    assert _cached_pages(cache) == ["", "cursor=r1"]
    for run in (2, 3):
        state["run"] = run
        assert run_harvester(*args, allow=[server.hostport]).summary["complete"] is True
        assert _cached_pages(cache) == ["", f"cursor=r{run}"]  # the last run's pages only

    # An incomplete run cannot tell which pages left the list: it removes nothing.
    state.update(run=4, fail_page_2=True)
    assert run_harvester(*args, allow=[server.hostport]).summary["complete"] is False
    assert _cached_pages(cache) == ["", "cursor=r3"]


# -- reading one page: profiles and paging ------------------------------------------------


@pytest.mark.parametrize(
    ("document", "profile"),
    [
        ({"items": [], "pageNumber": 1, "hasNextPage": False}, "ooapi"),
        ({"data": [{"type": "repoItem", "id": "x"}]}, "sharekit"),
        ({"data": [{"type": "Course", "id": "x", "attributes": {}}]}, "moochub"),
        ({"@context": "http://credreg.net/ctdl/schema/context/json", "@graph": []}, "ctdl"),
        ([{"@type": "ceterms:Course", "ceterms:ctid": "ce-1"}], "ctdl"),
        ({"@context": ["http://data.europa.eu/snb/model/context/edc-ap"], "id": "x"}, "elm"),
        ({"credential": {"type": ["VerifiableCredential", "EuropeanDigitalCredential"]}}, "elm"),
        ({"data": [{"type": "Course", "id": "x"}]}, None),  # no attributes: not MOOChub
        ({"items": [{"id": 1}]}, None),
        ([{"id": 1}], None),
    ],
)
def test_detect_profile(document: Any, profile: str | None) -> None:
    from harvesters.spiders.json_api import detect_profile

    assert detect_profile(document) == profile


@pytest.mark.parametrize(
    ("document", "on_page", "next_url"),
    [
        ({"meta": {"nextCursor": "abc"}}, 1, "https://api.example.org/x?page=1&cursor=abc"),
        ({"next_cursor": "abc", "has_more": False}, 1, None),
        (
            {"hasNextPage": True, "pageNumber": 3},
            1,
            "https://api.example.org/x?page=1&pageNumber=4",
        ),
        ({"hasNextPage": False, "pageNumber": 3}, 1, None),
        ({"pagination": {"page": 1, "totalPages": 2}}, 1, "https://api.example.org/x?page=2"),
        ({"page": 1, "size": 10, "total": 10}, 10, None),
        ({"offset": 0, "limit": 10, "total": 11}, 10, "https://api.example.org/x?page=1&offset=10"),
        ({"offset": 0, "limit": 10}, 9, None),  # no total: a short page is the last
        ({"offset": 0, "limit": 10}, 10, "https://api.example.org/x?page=1&offset=10"),
        ({"meta": {"page": 1, "size": 2, "total": 5}}, 2, "https://api.example.org/x?page=2"),
        ({"meta": {"page": 3, "size": 2, "total": 5}}, 1, None),
        ({"pageInformation": {"offset": 10, "size": 10}, "count": 20}, 10, None),
    ],
)
def test_find_next_url_paging_styles(document: Any, on_page: int, next_url: str | None) -> None:
    assert find_next_url(document, "https://api.example.org/x?page=1", on_page) == next_url
