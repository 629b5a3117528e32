"""The csv spider: Microcat's CSV template (harvesters/csv_template.md), one record per row."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from harvest_helpers import (
    REPO_ROOT,
    LocalServer,
    Reply,
    Route,
    page_response,
    run_harvester,
    sample,
    spider_in_process,
    summary_of,
)

from harvesters.items import HarvestError
from harvesters.spiders.csv_feed import COLUMNS, CsvSpider

Serve = Callable[[Route], LocalServer]


def csv_reply(body: bytes) -> Reply:
    return Reply(body, 200, "text/csv; charset=utf-8")


def test_rows_become_records_and_bad_rows_error_lines(serve: Serve) -> None:
    server = serve(lambda seen: csv_reply(b"\xef\xbb\xbf" + sample("harvest/csv/offers.csv")))
    harvest = run_harvester("csv", "--url", f"{server.url}/offers.csv", allow=[server.hostport])

    assert [r["remote_id"] for r in harvest.records] == ["DS-101", "CE-7", "AI-3"]
    assert harvest.summary["complete"] is True
    first = harvest.records[0]
    assert first["format"] == "csv" and first["media_type"] == "application/json"
    assert first["url"] == "https://example.org/ds"
    row = json.loads(harvest.records[1]["payload"])
    assert list(row)[:3] == ["id", "title", "title_lang"]  # the header's order, BOM gone
    assert row["title"] == "Économie circulaire, en pratique"
    assert row["description"] == "Deux lignes\ndans une cellule"
    assert row["notes"] == "internal note"  # unknown columns are kept
    assert harvest.records[2]["url"] == f"{server.url}/offers.csv"

    messages = [error["message"] for error in harvest.errors]
    assert messages[0] == "columns not in the template, kept but not mapped: notes"
    assert "line 6 has no title" in messages[1]
    assert "line 7 has 3 cells, the header 13" in messages[2]
    assert "line 8 repeats id 'DS-101'" in messages[3]
    assert "line 9 has no id" in messages[4]
    assert len(messages) == 5


def test_the_payload_maps_with_the_csv_mapping(serve: Serve) -> None:
    mappings = pytest.importorskip("mappings.registry")
    server = serve(lambda seen: csv_reply(sample("harvest/csv/offers.csv")))
    harvest = run_harvester("csv", "--url", server.url, allow=[server.hostport])
    record = harvest.records[0]
    mapped = mappings.map_raw(mappings.RawInput(record["payload"], "csv", record["media_type"]))
    assert mapped.workload.ects == 5


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"name,ects\nx,5\n", "no id or title column"),
        (b"id,title,id\n1,a,2\n", "names id more than once"),
        ("id,title\n1,Sécurité\n".encode("latin-1"), "is not UTF-8"),
        (b"", "no header row"),
        (b'id,title\n1,ok\n2,"unclosed\n', "unreadable CSV"),
    ],
    ids=["no-id", "repeated-column", "latin-1", "empty", "unclosed-quote"],
)
def test_a_file_that_cannot_be_read_fails_the_list(body: bytes, reason: str) -> None:
    url = "https://example.org/offers.csv"
    spider = spider_in_process(CsvSpider, url=url)
    items = list(spider.parse(page_response(url, body, "text/csv")))
    assert isinstance(items[-1], HarvestError) and reason in items[-1].message
    summary = summary_of(spider)
    assert summary["complete"] is False
    assert reason in summary["reason"]


def test_the_template_documents_every_column() -> None:
    doc = (REPO_ROOT / "harvesters" / "csv_template.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"`{column}`" in doc, column
    from mappings.formats.csv_template import COLUMNS as MAPPED

    assert tuple(MAPPED) == COLUMNS  # the spider and the mapping agree
