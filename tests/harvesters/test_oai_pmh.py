"""The oai_pmh spider against recorded OAI-PMH responses, and the parsing in harvesters.oai."""

from __future__ import annotations

import gzip
import json
import subprocess
import threading
from collections.abc import Callable

import pytest
from harvest_helpers import (
    REPO_ROOT,
    USER_AGENT,
    LocalServer,
    Reply,
    Route,
    Seen,
    harvest_oai_dc,
    harvester_command,
    harvester_env,
    identify_xml,
    list_requests,
    parse_output,
    run_harvester,
    sample,
    with_identify,
)
from lxml import etree

from harvesters import oai

Serve = Callable[[Route], LocalServer]

SICKLE = "oai-pmh/sickle-fixtures"
EDUREP = "oai-pmh/surf-edurep-lom"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
DC = "{http://purl.org/dc/elements/1.1/}"
LOM = "{http://www.imsglobal.org/xsd/imsmd_v1p2}lom"
EDUREP_TOKEN = "c1576069959151499|u|f1970-01-01T00:00:00Z|mlom|ssurf"
SURF = "surfsharekit:oai:surfsharekit.nl:"


def xml(path: str, status: int = 200) -> Reply:
    return Reply(sample(path), status)


def sickle_chain(seen: Seen) -> Reply:
    """The sickle fixtures' chain: ListRecords -> 2 -> 3 -> 4 (no token)."""
    token = seen.query.get("resumptionToken")
    if token is None:
        return xml(f"{SICKLE}/ListRecords.xml")
    if token in {"ListRecords2.xml", "ListRecords3.xml", "ListRecords4.xml"}:
        return xml(f"{SICKLE}/{token}")
    return xml(f"{SICKLE}/badResumptionToken.xml")


def test_follows_the_token_chain_to_the_end(serve: Serve) -> None:
    day = identify_xml(granularity="YYYY-MM-DD", earliest="2000-01-01")
    server = serve(with_identify(sickle_chain, day))

    harvest = run_harvester(
        "oai_pmh",
        "--url",
        f"{server.url}/oai",
        "--format",
        "oai_dc",
        "--set",
        "physics",
        "--from",
        "2011-01-01",
        allow=[server.hostport],
    )

    assert harvest.summary == {
        "type": "summary",
        "feed_id": 7,
        "complete": True,
        "records": 7,
        "errors": 1,
        "reason": None,
        "deleted_record": "persistent",
        "earliest_datestamp": "2000-01-01",
        "granularity": "YYYY-MM-DD",
        "watermark": "2013-02-27",  # the first page's responseDate, in days
    }
    identify, first, *resumed = server.requests
    assert identify.query == {"verb": "Identify"}
    assert first.path == "/oai"
    assert first.query == {
        "verb": "ListRecords",
        "metadataPrefix": "oai_dc",
        "set": "physics",
        "from": "2011-01-01",
    }
    assert [seen.query for seen in resumed] == [
        {"verb": "ListRecords", "resumptionToken": f"ListRecords{n}.xml"} for n in (2, 3, 4)
    ]
    assert {seen.headers["user-agent"] for seen in server.requests} == {USER_AGENT}

    deleted = [r for r in harvest.records if r["deleted"]]
    assert [r["remote_id"] for r in deleted] == ["oai:test.example.com:1585310"] * 3
    assert all(r["payload"] == "" for r in deleted)

    live = [r for r in harvest.records if not r["deleted"]]
    assert len(live) == 4
    record = live[0]
    assert record["remote_id"] == "oai:test.example.com:1585322"
    assert record["datestamp"] == "2011-01-10T10:19:23Z"
    assert record["format"] == "oai_dc"
    assert record["media_type"] == "application/xml"
    assert record["url"] == (
        f"{server.url}/oai?verb=GetRecord&identifier=oai%3Atest.example.com%3A1585322"
        "&metadataPrefix=oai_dc"
    )
    payload = etree.fromstring(record["payload"].encode())
    assert payload.tag == OAI_DC
    assert payload.findtext(f"{DC}title") == "Sample Title"

    # ListRecords4.xml has a deleted header without identifier: reported, not fatal.
    (error,) = harvest.errors
    assert error["remote_id"] is None
    assert "identifier" in error["message"]
    assert error["url"].endswith("resumptionToken=ListRecords4.xml")


def test_lom_with_a_token_sent_back_exactly_as_given(serve: Serve) -> None:
    def edurep(seen: Seen) -> Reply:
        if "resumptionToken" not in seen.query:
            expected = {
                "verb": "ListRecords",
                "metadataPrefix": "lom",
                "set": "surf",
                "from": "1970-01-01",
            }
            if seen.query != expected:
                return xml(f"{SICKLE}/badArgument.xml")
            return xml(f"{EDUREP}/edurep-oaipmh.initial.0.xml")
        if seen.query["resumptionToken"] == EDUREP_TOKEN:
            return xml(f"{EDUREP}/edurep-oaipmh.initial.1.xml")
        return xml(f"{SICKLE}/badResumptionToken.xml")

    server = serve(with_identify(edurep, identify_xml(granularity="YYYY-MM-DD")))
    harvest = run_harvester(
        "oai_pmh",
        "--url",
        f"{server.url}/edurep/oai",
        "--format",
        "lom",
        "--set",
        "surf",
        "--from",
        "1970-01-01",
        allow=[server.hostport],
    )

    assert harvest.summary["complete"] is True
    # Encoded once: "|" and ":" escaped a single time, never "%257C".
    assert "resumptionToken=c1576069959151499%7Cu%7Cf1970-01-01T00%3A00%3A00Z%7Cmlom%7Cssurf" in (
        list_requests(server)[1].raw_query
    )
    records = harvest.by_id()
    assert len(harvest.records) == 12 and len(records) == 12
    assert {r["format"] for r in harvest.records} == {"lom"}
    tombstone = records[f"{SURF}3d2940a0-9573-412e-8fa2-067c55e2a72f"]
    assert tombstone["deleted"] is True
    assert tombstone["datestamp"] == "2019-11-05T00:06:37Z"
    live = records[f"{SURF}5af0e26f-c4d2-4ddd-94ab-7dd0bd531751"]
    lom = etree.fromstring(live["payload"].encode())
    assert lom.tag == LOM
    assert lom.findtext(".//{*}title/{*}langstring") == "Exercises 5"
    assert f"{SURF}wrong-copyright" in records  # the last record, on the resumed page


def test_asks_for_formats_and_prefers_lom(serve: Serve) -> None:
    formats = (
        sample(f"{SICKLE}/ListMetadataFormats.xml")
        .replace(
            b"<metadataPrefix>swepub_mods</metadataPrefix>",
            b"<metadataPrefix>nl_lom</metadataPrefix>",
        )
        .replace(b"<metadataPrefix>mods</metadataPrefix>", b"<metadataPrefix>lom</metadataPrefix>")
    )

    def repository(seen: Seen) -> Reply:
        if seen.query["verb"] == "ListMetadataFormats":
            return Reply(formats)
        if seen.query.get("metadataPrefix") == "lom":
            return xml(f"{EDUREP}/edurep-oaipmh.delta.0.xml")
        return xml(f"{SICKLE}/cannotDisseminateFormat.xml")

    server = serve(with_identify(repository))
    harvest = run_harvester("oai_pmh", "--url", server.url, allow=[server.hostport])

    assert [seen.query["verb"] for seen in server.requests] == [
        "Identify",
        "ListMetadataFormats",
        "ListRecords",
    ]
    assert harvest.summary["complete"] is True
    assert len(harvest.records) == 6
    assert {r["format"] for r in harvest.records} == {"lom"}
    deleted = sorted(r["remote_id"] for r in harvest.records if r["deleted"])
    assert deleted == [f"{SURF}5af0e26f-c4d2-4ddd-94ab-7dd0bd531751", f"{SURF}does-not-exist"]


def test_falls_back_to_oai_dc_and_keeps_namespaces_declared_on_the_envelope(
    serve: Serve,
) -> None:
    # BnF declares dc and oai_dc on <OAI-PMH>, not on the record; an empty last page ends it.
    last_page = (
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>'
        b'<resumptionToken completeListSize="1" cursor="1"></resumptionToken>'
        b"</ListRecords></OAI-PMH>"
    )

    def repository(seen: Seen) -> Reply:
        if seen.query["verb"] == "ListMetadataFormats":
            return xml(f"{SICKLE}/ListMetadataFormats.xml")
        if seen.query.get("resumptionToken") == "1!53691!20513471!2505879!100!2402263!oai_dc":
            return Reply(last_page)
        if seen.query.get("metadataPrefix") == "oai_dc":
            return xml("oai-pmh/nsdl-and-bnf/NamespacedSample.xml")
        return xml(f"{SICKLE}/badArgument.xml")

    server = serve(with_identify(repository))
    harvest = run_harvester("oai_pmh", "--url", server.url, allow=[server.hostport])

    assert harvest.summary["complete"] is True
    (record,) = harvest.records
    assert record["remote_id"] == "oai:bnf.fr:gallica/ark:/12148/bpt6k5440618t"
    assert record["format"] == "oai_dc"
    dc = etree.fromstring(record["payload"].encode())  # parses alone: namespaces carried over
    assert dc.tag == OAI_DC
    assert dc.findtext(f"{DC}title") == "Le Poème. Publication mensuelle"


@pytest.mark.parametrize(
    ("first_page", "resumed_page", "code", "records"),
    [
        (f"{SICKLE}/badArgument.xml", None, "badArgument", 0),
        (f"{SICKLE}/cannotDisseminateFormat.xml", None, "cannotDisseminateFormat", 0),
        # The list is restarted once; the token fails again.
        (f"{SICKLE}/ListRecords.xml", f"{SICKLE}/badResumptionToken.xml", "badResumptionToken", 4),
    ],
)
def test_an_oai_error_code_leaves_the_list_incomplete(
    serve: Serve, first_page: str, resumed_page: str | None, code: str, records: int
) -> None:
    def repository(seen: Seen) -> Reply:
        if "resumptionToken" in seen.query and resumed_page:
            return xml(resumed_page)
        return xml(first_page)

    server = serve(with_identify(repository))
    harvest = harvest_oai_dc(server)

    summary = harvest.summary
    assert summary["complete"] is False
    assert code in summary["reason"]
    assert len(harvest.records) == records
    assert code in harvest.errors[-1]["message"]


def test_an_oai_error_sent_with_http_422_names_its_code(serve: Serve) -> None:
    server = serve(
        with_identify(lambda seen: xml("oai-pmh/zenodo-recorded/list_records_03_http422.xml", 422))
    )
    harvest = harvest_oai_dc(server)

    assert harvest.summary["complete"] is False
    assert "badArgument" in harvest.summary["reason"]
    assert "422" in harvest.summary["reason"]
    assert len(list_requests(server)) == 1  # a protocol error is not retried


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"{SICKLE}/noRecordsMatch.xml", 200),
        ("oai-pmh/zenodo-recorded/list_records_02_http422.xml", 422),
    ],
)
def test_no_records_match_is_an_empty_complete_harvest(
    serve: Serve, path: str, status: int
) -> None:
    server = serve(with_identify(lambda seen: xml(path, status)))
    harvest = harvest_oai_dc(server, "--from", "2099-01-01")

    assert harvest.lines == [
        {
            "type": "summary",
            "feed_id": 7,
            "complete": True,
            "records": 0,
            "errors": 0,
            "reason": None,
            "deleted_record": "persistent",
            "earliest_datestamp": "2000-01-01T00:00:00Z",
            "granularity": "YYYY-MM-DDThh:mm:ssZ",
        }
    ]
    # --from in the repository's granularity (seconds).
    assert list_requests(server)[0].query["from"] == "2099-01-01T00:00:00Z"


def test_malformed_xml_keeps_earlier_records_and_fails_the_list(serve: Serve) -> None:
    def repository(seen: Seen) -> Reply:
        if "resumptionToken" in seen.query:
            return xml(f"{SICKLE}/ListRecordsBroken.xml")
        return xml(f"{SICKLE}/ListRecords.xml")

    server = serve(with_identify(repository))
    harvest = harvest_oai_dc(server)

    assert len(harvest.records) == 2
    (error,) = harvest.errors
    assert "malformed" in error["message"]
    assert error["url"].endswith("resumptionToken=ListRecords2.xml")
    assert harvest.summary["complete"] is False
    assert "malformed" in harvest.summary["reason"]


def test_a_repeated_token_stops_as_incomplete(serve: Serve) -> None:
    # Every page answers with the same token.
    server = serve(with_identify(lambda seen: xml(f"{SICKLE}/ListRecords.xml")))
    harvest = harvest_oai_dc(server)

    assert len(list_requests(server)) == 2
    assert len(harvest.records) == 4
    assert harvest.summary["complete"] is False
    assert "ListRecords2.xml" in harvest.summary["reason"]
    assert "twice" in harvest.summary["reason"]


def test_a_failing_page_is_retried_then_fails_the_list(serve: Serve) -> None:
    def repository(seen: Seen) -> Reply:
        if "resumptionToken" in seen.query:
            return Reply(b"busy", 503, "text/plain")
        return xml(f"{SICKLE}/ListRecords.xml")

    server = serve(with_identify(repository))
    harvest = harvest_oai_dc(server)

    # The first page, then the second tried 1 + 3 times.
    assert len(list_requests(server)) == 1 + 4
    assert len(harvest.records) == 2
    assert harvest.summary["complete"] is False
    assert "HTTP 503" in harvest.summary["reason"]


def test_lines_stream_while_the_crawl_runs(serve: Serve) -> None:
    """The first page's records reach the reader before the second page is answered."""
    read_first_record = threading.Event()
    second_page_answered = threading.Event()

    def repository(seen: Seen) -> Reply:
        if "resumptionToken" in seen.query:
            read_first_record.wait(timeout=10)
            second_page_answered.set()
            return xml(f"{SICKLE}/ListRecords4.xml")
        # A two-page list of the fixture's four records: the advertised size says so.
        first_page = sample(f"{SICKLE}/ListRecords.xml")
        return Reply(first_page.replace(b'completeListSize="8"', b'completeListSize="4"'))

    server = serve(with_identify(repository))
    command = harvester_command(
        "oai_pmh", "--feed-id", "7", "--url", server.url, "--format", "oai_dc"
    )
    env = harvester_env([server.hostport])
    with subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            answered_before_reading = second_page_answered.is_set()
            read_first_record.set()
            rest = process.stdout.read()
            assert process.wait(timeout=30) == 0
        finally:
            read_first_record.set()
            if process.poll() is None:
                process.kill()
    assert not answered_before_reading
    assert json.loads(first)["type"] == "record", first
    lines = parse_output(first + rest, feed_id=7)
    assert lines[-1]["complete"] is True


# -- harvesters.oai on its own ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "error"),
    [
        (f"{SICKLE}/badArgument.xml", oai.BadArgument),
        (f"{SICKLE}/badResumptionToken.xml", oai.BadResumptionToken),
        (f"{SICKLE}/cannotDisseminateFormat.xml", oai.CannotDisseminateFormat),
        (f"{SICKLE}/idDoesNotExist.xml", oai.IdDoesNotExist),
        (f"{SICKLE}/noRecordsMatch.xml", oai.NoRecordsMatch),
        (f"{SICKLE}/noSetHierarchy.xml", oai.NoSetHierarchy),
        (f"{SICKLE}/undefinedError.xml", oai.UndefinedError),
        ("oai-pmh/nsdl-and-bnf/BadResponseNonExistentVerb.xml", oai.BadVerb),
    ],
)
def test_each_error_code_raises_its_own_exception(path: str, error: type) -> None:
    with pytest.raises(error) as raised:
        oai.parse_list_records(sample(path))
    assert type(raised.value) is error
    assert raised.value.code in str(raised.value)


def test_an_unknown_error_code_keeps_its_name() -> None:
    body = (
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        b'<error code="tooBusy">come back later</error></OAI-PMH>'
    )
    with pytest.raises(oai.UndefinedError, match="tooBusy: come back later"):
        oai.parse_list_records(body)


@pytest.mark.parametrize(
    ("token_xml", "token"),
    [
        (b"<resumptionToken>abc|1</resumptionToken>", "abc|1"),
        (b'<resumptionToken cursor="5" completeListSize="5"/>', None),
        (b"<resumptionToken>  </resumptionToken>", None),
        (b"", None),
    ],
)
def test_an_empty_or_absent_token_ends_the_list(token_xml: bytes, token: str | None) -> None:
    body = (
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>'
        + token_xml
        + b"</ListRecords></OAI-PMH>"
    )
    assert oai.parse_list_records(body).resumption_token == token


def test_entities_are_never_expanded() -> None:
    body = b"""<?xml version="1.0"?>
<!DOCTYPE OAI-PMH [
  <!ENTITY secret SYSTEM "file:///etc/hostname">
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record>
<header><identifier>x</identifier><datestamp>2020-01-01</datestamp></header>
<metadata><dc xmlns="http://purl.org/dc/elements/1.1/"><title>&secret;&lol2;</title></dc></metadata>
</record></ListRecords></OAI-PMH>"""
    (record,) = oai.parse_list_records(body).records
    assert record.metadata is not None
    assert "&secret;&lol2;" in record.metadata
    assert "lollol" not in record.metadata


def test_a_record_without_metadata_has_none() -> None:
    body = (
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record><header>'
        b"<identifier>x</identifier></header><metadata>  </metadata></record></ListRecords>"
        b"</OAI-PMH>"
    )
    (record,) = oai.parse_list_records(body).records
    assert record == oai.OaiRecord("x", None, False, None)


@pytest.mark.parametrize("body", [b"broken xml", b"<html><body>Not found</body></html>", b""])
def test_what_is_not_an_oai_pmh_response_is_malformed(body: bytes) -> None:
    with pytest.raises(oai.MalformedResponse):
        oai.parse_list_records(body)


@pytest.mark.parametrize(
    ("offered", "chosen"),
    [
        (["oai_dc", "lom", "nl_lom"], "lom"),
        (["oai_dc", "nl_lom", "lomv1.0"], "nl_lom"),
        (["oai_dc", "lom_ieee"], "lom_ieee"),
        (["oai_dc", "lom", "nl_didl"], "lom"),
        (["oai_dc", "nl_didl", "didl"], "nl_didl"),  # MODS in DIDL says more than DC
        (["mods", "didl"], "didl"),
        (["mods", "oai_dc"], "oai_dc"),
        (["oai_dc", "datacite"], "oai_dc"),
        (["datacite", "marc21"], None),
    ],
)
def test_choose_metadata_prefix(offered: list[str], chosen: str | None) -> None:
    assert oai.choose_metadata_prefix(offered) == chosen


@pytest.mark.parametrize(
    ("prefix", "name"),
    [
        ("lom", "lom"),
        ("nl_lom", "lom"),
        ("lomv1.0", "lom"),
        ("oai_dc", "oai_dc"),
        ("nsdl_dc", "nsdl_dc"),
        ("didl", "didl_mods"),
        ("nl_didl", "didl_mods"),
    ],
)
def test_canonical_format(prefix: str, name: str) -> None:
    assert oai.canonical_format(prefix) == name


def test_request_url_encodes_values_once() -> None:
    assert oai.request_url("https://x.org/oai", verb="ListRecords", resumptionToken="a|b/c d%") == (
        "https://x.org/oai?verb=ListRecords&resumptionToken=a%7Cb%2Fc+d%25"
    )
    assert oai.request_url("https://x.org/oai?repo=1", verb="Identify") == (
        "https://x.org/oai?repo=1&verb=Identify"
    )


# -- Identify, modes, restarts, advertised sizes, broken pages ----------------------------


def oai_list(verb: str, items: str, token: str | None = None, size: int | None = None) -> Reply:
    """A hand-written list page; `items` is the XML of its records or headers."""
    attrs = f' completeListSize="{size}"' if size is not None else ""
    token_xml = f"<resumptionToken{attrs}>{token or ''}</resumptionToken>"
    if token is None and size is None:
        token_xml = ""
    return Reply(
        (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
            "<responseDate>2026-03-04T05:06:07Z</responseDate>"
            f'<request verb="{verb}">http://127.0.0.1/oai</request>'
            f"<{verb}>{items}{token_xml}</{verb}>"
            "</OAI-PMH>"
        ).encode()
    )


def header(identifier: str, deleted: bool = False) -> str:
    status = ' status="deleted"' if deleted else ""
    return (
        f"<header{status}><identifier>{identifier}</identifier>"
        "<datestamp>2026-01-01</datestamp></header>"
    )


def dc_record(identifier: str, title: str = "A course") -> str:
    return (
        f"<record>{header(identifier)}<metadata>"
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
        f' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></oai_dc:dc>'
        "</metadata></record>"
    )


def test_from_is_sent_in_day_granularity_and_identify_is_reported(serve: Serve) -> None:
    day = identify_xml(granularity="YYYY-MM-DD", deleted_record="no", earliest="1999-01-01")
    server = serve(with_identify(lambda seen: oai_list("ListRecords", dc_record("a")), day))
    harvest = harvest_oai_dc(server, "--from", "2024-05-01T10:11:12Z")

    assert list_requests(server)[0].query["from"] == "2024-05-01"
    summary = harvest.summary
    assert summary["complete"] is True
    assert summary["granularity"] == "YYYY-MM-DD"
    assert summary["deleted_record"] == "no"
    assert summary["earliest_datestamp"] == "1999-01-01"
    assert summary["watermark"] == "2026-03-04"


def test_a_failing_identify_is_noted_and_the_harvest_goes_on(serve: Serve) -> None:
    def repository(seen: Seen) -> Reply:
        if seen.query["verb"] == "Identify":
            return xml("oai-pmh/nsdl-and-bnf/BadResponseNonExistentVerb.xml")
        return oai_list("ListRecords", dc_record("a"))

    server = serve(repository)
    harvest = harvest_oai_dc(server, "--from", "2024-05-01")

    assert list_requests(server)[0].query["from"] == "2024-05-01"  # sent as given
    assert harvest.summary["complete"] is True
    assert "granularity" not in harvest.summary
    assert harvest.errors == []  # no record is in error
    assert "badVerb" in harvest.summary["identify_error"]
    assert [r["remote_id"] for r in harvest.records] == ["a"]


def test_list_sets_follows_tokens(serve: Serve) -> None:
    def repository(seen: Seen) -> Reply:
        assert seen.query["verb"] == "ListSets"
        if seen.query.get("resumptionToken") == "more":
            return oai_list("ListSets", "<set><setSpec>math</setSpec></set>")
        return oai_list(
            "ListSets",
            "<set><setSpec>physics</setSpec><setName>Physics</setName></set>"
            "<set><setSpec>physics:quantum</setSpec><setName>Quantum</setName></set>",
            token="more",
        )

    server = serve(with_identify(repository))
    harvest = run_harvester("oai_pmh", "--url", server.url, "--list-sets", allow=[server.hostport])

    assert [(line["set_spec"], line["set_name"]) for line in harvest.lines[:-1]] == [
        ("physics", "Physics"),
        ("physics:quantum", "Quantum"),
        ("math", None),
    ]
    assert harvest.summary["complete"] is True
    assert harvest.summary["sets"] == 3


def test_identifiers_mode_lists_the_whole_list(serve: Serve) -> None:
    def repository(seen: Seen) -> Reply:
        if seen.query.get("resumptionToken") == "t2":
            return oai_list("ListIdentifiers", header("c"), token="", size=3)
        assert seen.query == {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
        return oai_list("ListIdentifiers", header("a") + header("b", deleted=True), "t2", 3)

    server = serve(with_identify(repository))
    harvest = harvest_oai_dc(
        server,
        "--identifiers",
        "--from",
        "2026-01-01",  # ignored: a reconcile needs the full list
    )

    assert harvest.lines[:-1] == [
        {"type": "identifier", "feed_id": 7, "remote_id": "a", "deleted": False},
        {"type": "identifier", "feed_id": 7, "remote_id": "b", "deleted": True},
        {"type": "identifier", "feed_id": 7, "remote_id": "c", "deleted": False},
    ]
    assert harvest.summary["complete"] is True
    assert harvest.summary["identifiers"] == 3 and harvest.summary["records"] == 0
    assert "watermark" not in harvest.summary


def test_identifiers_mode_is_incomplete_when_a_page_fails(serve: Serve) -> None:
    def repository(seen: Seen) -> Reply:
        if "resumptionToken" in seen.query:
            return Reply(b"gone", 404, "text/plain")
        return oai_list("ListIdentifiers", header("a"), "t2")

    server = serve(with_identify(repository))
    harvest = harvest_oai_dc(server, "--identifiers")

    assert harvest.summary["identifiers"] == 1
    assert harvest.summary["complete"] is False
    assert "HTTP 404" in harvest.summary["reason"]


def test_a_bad_resumption_token_restarts_the_list_once(serve: Serve) -> None:
    expired = {"t2": True}

    def repository(seen: Seen) -> Reply:
        token = seen.query.get("resumptionToken")
        if token == "t2" and expired.pop("t2", False):
            return xml(f"{SICKLE}/badResumptionToken.xml")
        if token == "t2":
            return oai_list("ListRecords", dc_record("b"), token="")
        return oai_list("ListRecords", dc_record("a"), token="t2")

    server = serve(with_identify(repository))
    harvest = harvest_oai_dc(server)

    assert [seen.query.get("resumptionToken") for seen in list_requests(server)] == [
        None,
        "t2",
        None,
        "t2",
    ]
    assert [r["remote_id"] for r in harvest.records] == ["a", "a", "b"]
    (error,) = harvest.errors
    assert "badResumptionToken" in error["message"] and "restarting" in error["message"]
    assert harvest.summary["complete"] is True


def test_fewer_items_than_the_advertised_list_size_is_incomplete(serve: Serve) -> None:
    def repository(seen: Seen) -> Reply:
        if "resumptionToken" in seen.query:
            return oai_list("ListRecords", dc_record("b"), token="", size=5)
        return oai_list("ListRecords", dc_record("a"), token="t2", size=5)

    server = serve(with_identify(repository))
    harvest = harvest_oai_dc(server)

    assert len(harvest.records) == 2
    assert harvest.summary["complete"] is False
    assert "completeListSize 5" in harvest.summary["reason"]
    assert "after 2 items" in harvest.summary["reason"]


def _control_character_page() -> Reply:
    return oai_list("ListRecords", dc_record("b", "Bad \x0b title"))


def _latin1_declared_utf8_page() -> Reply:
    page = oai_list("ListRecords", dc_record("b", "Sécurité")).body
    return Reply(page.decode("utf-8").encode("latin-1"))


def _unadvertised_gzip_page() -> Reply:
    return Reply(gzip.compress(oai_list("ListRecords", dc_record("b")).body))


def test_a_page_a_recovering_parser_would_repair_is_an_error(serve: Serve) -> None:
    def repository(seen: Seen) -> Reply:
        if "resumptionToken" in seen.query:
            return _control_character_page()
        return oai_list("ListRecords", dc_record("a"), token="t2")

    server = serve(with_identify(repository))
    harvest = harvest_oai_dc(server)

    assert [r["remote_id"] for r in harvest.records] == ["a"]  # nothing of page 2
    (error,) = harvest.errors
    assert "malformed OAI-PMH response" in error["message"]
    assert harvest.summary["complete"] is False


@pytest.mark.parametrize(
    "page",
    [_control_character_page, _latin1_declared_utf8_page, _unadvertised_gzip_page],
    ids=["control-character", "wrong-encoding", "unadvertised-gzip"],
)
def test_what_a_recovering_parser_would_repair_is_malformed(page: Callable[[], Reply]) -> None:
    with pytest.raises(oai.MalformedResponse):
        oai.parse_list_records(page().body)


def test_parse_identify_and_granularity() -> None:
    identify = oai.parse_identify(identify_xml(granularity="YYYY-MM-DD", deleted_record="no"))
    assert identify == oai.Identify(
        "YYYY-MM-DD", "no", "2000-01-01T00:00:00Z", identify.response_date
    )
    assert oai.parse_identify(identify_xml(granularity="weekly")).granularity is None
    assert oai.datestamp_in_granularity("2024-05-01T10:00:00Z", "YYYY-MM-DD") == "2024-05-01"
    assert oai.datestamp_in_granularity("2024-05-01", "YYYY-MM-DDThh:mm:ssZ") == (
        "2024-05-01T00:00:00Z"
    )
    assert oai.datestamp_in_granularity("2024-05-01", None) == "2024-05-01"
