"""Where an OAI-PMH list ends: `noRecordsMatch` and server errors, and odd completeListSizes.

A list the spider calls complete lets the weekly reconcile delete every record missing from
it, so only what the protocol defines as an end may end a list as complete: an empty or
absent resumptionToken, or `noRecordsMatch` answering the list's first request (its
arguments match nothing). Answering a resumptionToken, `noRecordsMatch` cuts the list short;
a server error ends nothing, whatever its body says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from harvest_helpers import (
    LocalServer,
    Reply,
    Route,
    Seen,
    harvest_oai_dc,
    list_requests,
    sample,
    with_identify,
)
from test_oai_pmh import SICKLE, dc_record, header, oai_list

from harvesters import oai

Serve = Callable[[Route], LocalServer]

# The list verb and one page item of each mode (`--identifiers` is what reconcile runs).
MODES = {
    "records": ("ListRecords", dc_record, ()),
    "identifiers": ("ListIdentifiers", header, ("--identifiers",)),
}


def no_records_match(status: int = 200) -> Reply:
    return Reply(sample(f"{SICKLE}/noRecordsMatch.xml"), status)


def harvest_mode(server: LocalServer, mode: str, *args: str) -> Any:
    _, _, flags = MODES[mode]
    return harvest_oai_dc(server, *flags, *args)


def listed(harvest: Any) -> list[str]:
    """The remote ids of the record or identifier lines, in order."""
    return [line["remote_id"] for line in harvest.lines if line["type"] in {"record", "identifier"}]


def two_pages(mode: str, second_page: Reply) -> Route:
    """A first page of two items with a token; the resumed request gets `second_page`."""
    verb, item, _ = MODES[mode]

    def repository(seen: Seen) -> Reply:
        if "resumptionToken" in seen.query:
            return second_page
        return oai_list(verb, item("a") + item("b"), token="t2")

    return repository


@pytest.mark.parametrize("mode", MODES)
def test_no_records_match_answering_a_token_leaves_the_list_incomplete(
    serve: Serve, mode: str
) -> None:
    server = serve(with_identify(two_pages(mode, no_records_match())))
    harvest = harvest_mode(server, mode)

    assert [seen.query.get("resumptionToken") for seen in list_requests(server)] == [None, "t2"]
    assert listed(harvest) == ["a", "b"]
    summary = harvest.summary
    assert summary["complete"] is False
    assert "noRecordsMatch" in summary["reason"]
    assert "resumptionToken" in summary["reason"]
    assert harvest.errors[-1]["url"].endswith("resumptionToken=t2")


@pytest.mark.parametrize("mode", MODES)
def test_no_records_match_answering_the_first_request_is_an_empty_complete_list(
    serve: Serve, mode: str
) -> None:
    server = serve(with_identify(lambda seen: no_records_match()))
    harvest = harvest_mode(server, mode, "--set", "empty")

    assert len(list_requests(server)) == 1
    assert listed(harvest) == []
    assert harvest.errors == []
    assert harvest.summary["complete"] is True


@pytest.mark.parametrize("status", [503, 429])
@pytest.mark.parametrize("resumed", [False, True], ids=["first-page", "resumed-page"])
@pytest.mark.parametrize("mode", MODES)
def test_no_records_match_with_a_retried_error_status_ends_nothing(
    serve: Serve, mode: str, resumed: bool, status: int
) -> None:
    reply = no_records_match(status)
    server = serve(with_identify(two_pages(mode, reply) if resumed else lambda seen: reply))
    harvest = harvest_mode(server, mode)

    # The failing page is asked 1 + 3 times, as every retried status is.
    assert len(list_requests(server)) == (1 if resumed else 0) + 4
    assert listed(harvest) == (["a", "b"] if resumed else [])
    summary = harvest.summary
    assert summary["complete"] is False
    assert "noRecordsMatch" in summary["reason"]
    assert f"HTTP {status}" in summary["reason"]


@pytest.mark.parametrize(
    "size",
    ["\u00b2", pytest.param("1" * 5000, id="5000-digits"), "-3", "3.0", "0x3", "١٢"],
)
def test_an_unreadable_complete_list_size_keeps_the_page(serve: Serve, size: str) -> None:
    items = dc_record("a") + dc_record("b") + dc_record("c")
    page = oai_list("ListRecords", items).body.replace(
        b"</ListRecords>", f'<resumptionToken completeListSize="{size}"/></ListRecords>'.encode()
    )
    server = serve(with_identify(lambda seen: Reply(page)))
    harvest = harvest_mode(server, "records")

    assert listed(harvest) == ["a", "b", "c"]
    assert harvest.errors == []
    assert harvest.summary["complete"] is True


@pytest.mark.parametrize(
    ("size", "read"),
    [
        ("5", 5),
        (" 12 ", 12),
        ("0", 0),
        ("9" * 18, 10**18 - 1),
        pytest.param("9" * 19, None, id="19-digits"),
        pytest.param("1" * 5000, None, id="5000-digits"),
        ("\u00b2", None),
        ("١٢", None),  # Arabic-Indic digits: str.isdigit() says yes
        ("+5", None),
        ("", None),
    ],
)
def test_complete_list_size_is_read_from_ascii_digits_only(size: str, read: int | None) -> None:
    body = (
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>'
        f'<resumptionToken completeListSize="{size}">t</resumptionToken>'
        "</ListRecords></OAI-PMH>"
    ).encode()
    assert oai.parse_list_records(body).complete_list_size == read


@pytest.mark.parametrize("mode", MODES)
def test_no_records_match_after_every_advertised_item_ends_the_list(
    serve: Serve, mode: str
) -> None:
    verb, item, _ = MODES[mode]

    def repository(seen: Seen) -> Reply:
        if "resumptionToken" in seen.query:
            return no_records_match()  # a stray last token, answered so
        return oai_list(verb, item("a") + item("b"), token="t2", size=2)

    harvest = harvest_mode(serve(with_identify(repository)), mode)
    assert listed(harvest) == ["a", "b"]
    assert harvest.summary["complete"] is True
