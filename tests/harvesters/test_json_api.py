"""The json_api spider against paginated JSON servers, and its page-reading functions."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from harvest_helpers import LocalServer, Reply, Route, Seen, run_harvester, sample

from harvesters.spiders.json_api import find_next_url, find_records, record_datestamp, record_id

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
    originals = [record for page in pages.values() for record in json.loads(page)["data"]]
    assert len(harvest.records) == len(originals) == 11
    for line, original in zip(harvest.records, originals, strict=True):
        assert line["remote_id"] == original["id"]
        assert json.loads(line["payload"]) == original  # verbatim
        assert line["datestamp"] == original["attributes"].get("modifiedAt")
        assert line["format"] == "demo_json"
        assert line["media_type"] == "application/json"
        assert line["deleted"] is False


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
        (Reply(b"oops", 500, "text/plain"), "HTTP 500"),
        (as_json({"message": "no list here"}), "no record list"),
        (as_json({"data": [{"id": "again"}], "links": {"next": "/c?page=2"}}), "already harvested"),
    ],
    ids=["malformed", "http-error", "no-list", "loop"],
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
