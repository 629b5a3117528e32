"""The oai_pmh spider against a peer OAI-PMH implementation not written here: pyoai's server.

pyoai (`pip install pyoai`, package `oaipmh`) renders every verb, resumption tokens, deleted
headers, errors and the envelope itself; only the HTTP wrapping (the test server) is ours.
Needs the test extra `pyoai>=2.5`; skipped, visibly, without it.

pyoai 2.5.0 decodes its own resumption tokens with `cgi.parse_qs`, which Python removed in
3.8 (and the `cgi` module in 3.13): the `pyoai_route` fixture puts `urllib.parse.parse_qs`
back in its place; nothing else of pyoai is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

import pytest
from harvest_helpers import LocalServer, Reply, Route, Seen, run_harvester
from lxml import etree

oaipmh_common = pytest.importorskip("oaipmh.common", reason="pyoai (test extra) not installed")
oaipmh_error = pytest.importorskip("oaipmh.error")
oaipmh_metadata = pytest.importorskip("oaipmh.metadata")
oaipmh_server = pytest.importorskip("oaipmh.server")

Serve = Callable[[Route], LocalServer]

DC = "{http://purl.org/dc/elements/1.1/}"
COURSES = [
    ("oai:peer:1", datetime(2024, 1, 10, 8, 0, 0), False, "Introduction to Data Ethics", "nl"),
    ("oai:peer:2", datetime(2024, 2, 11, 9, 30, 0), False, "Sécurité des réseaux", "fr"),
    ("oai:peer:3", datetime(2024, 3, 12, 10, 0, 0), True, "", ""),
    ("oai:peer:4", datetime(2024, 4, 13, 11, 15, 0), False, "Kreislaufwirtschaft", "de"),
    ("oai:peer:5", datetime(2024, 5, 14, 12, 45, 0), False, "Green chemistry", "en"),
]


class CourseRepository:
    """The repository side of pyoai's IOAI interface, over `COURSES`."""

    def identify(self) -> Any:
        return oaipmh_common.Identify(
            repositoryName="Peer course repository",
            baseURL="http://127.0.0.1/oai",
            protocolVersion="2.0",
            adminEmails=["admin@example.org"],
            earliestDatestamp=datetime(2024, 1, 1),
            deletedRecord="persistent",
            granularity="YYYY-MM-DDThh:mm:ssZ",
            compression=["identity"],
        )

    def listMetadataFormats(self, identifier: str | None = None) -> list[tuple[str, str, str]]:  # noqa: N802
        return [
            (
                "oai_dc",
                "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
                "http://www.openarchives.org/OAI/2.0/oai_dc/",
            )
        ]

    def listSets(self) -> list[tuple[str, str, None]]:  # noqa: N802
        return [("courses", "Short courses", None), ("courses:green", "Green skills", None)]

    def _records(self, from_: datetime | None, until: datetime | None) -> list[tuple]:
        records = []
        for identifier, stamp, deleted, title, language in COURSES:
            if (from_ and stamp < from_) or (until and stamp > until):
                continue
            head = oaipmh_common.Header(None, identifier, stamp, ["courses"], deleted)
            fields = {"title": [title], "language": [language], "type": ["course"]}
            meta = None if deleted else oaipmh_common.Metadata(None, fields)
            records.append((head, meta, None))
        return records

    def listRecords(
        self, metadataPrefix: str, set: str | None = None, from_: Any = None, until: Any = None
    ) -> list[tuple]:  # noqa: N802, N803, A002, E501
        if metadataPrefix != "oai_dc":
            raise oaipmh_error.CannotDisseminateFormatError(metadataPrefix)
        records = self._records(from_, until)
        if not records:
            raise oaipmh_error.NoRecordsMatchError("nothing in this range")
        return records

    def listIdentifiers(
        self, metadataPrefix: str, set: str | None = None, from_: Any = None, until: Any = None
    ) -> list[Any]:  # noqa: N802, N803, A002, E501
        return [head for head, _, _ in self.listRecords(metadataPrefix, set, from_, until)]

    def getRecord(self, metadataPrefix: str, identifier: str) -> tuple:  # noqa: N802, N803
        for record in self._records(None, None):
            if record[0].identifier() == identifier:
                return record
        raise oaipmh_error.IdDoesNotExistError(identifier)


@pytest.fixture
def pyoai_route(monkeypatch: pytest.MonkeyPatch) -> Route:
    monkeypatch.setattr(oaipmh_server.cgi, "parse_qs", parse_qs, raising=False)
    registry = oaipmh_metadata.MetadataRegistry()
    registry.registerWriter("oai_dc", oaipmh_server.oai_dc_writer)
    server = oaipmh_server.Server(CourseRepository(), registry, resumption_batch_size=2)

    def route(seen: Seen) -> Reply:
        return Reply(server.handleRequest(dict(seen.query)))

    return route


def test_harvests_a_pyoai_repository_through_its_tokens(serve: Serve, pyoai_route: Route) -> None:
    server = serve(pyoai_route)
    harvest = run_harvester("oai_pmh", "--url", f"{server.url}/oai", allow=[server.hostport])

    verbs = [seen.query["verb"] for seen in server.requests]
    assert verbs == ["Identify", "ListMetadataFormats"] + ["ListRecords"] * 3  # 2 + 2 + 1
    assert harvest.summary["complete"] is True
    assert harvest.summary["granularity"] == "YYYY-MM-DDThh:mm:ssZ"
    assert harvest.summary["deleted_record"] == "persistent"
    records = harvest.by_id()
    assert list(records) == [identifier for identifier, *_ in COURSES]
    assert records["oai:peer:3"]["deleted"] is True
    dc = etree.fromstring(records["oai:peer:2"]["payload"].encode())
    assert dc.findtext(f"{DC}title") == "Sécurité des réseaux"
    assert records["oai:peer:2"]["datestamp"] == "2024-02-11T09:30:00Z"
    assert {r["format"] for r in harvest.records} == {"oai_dc"}


def test_incremental_identifiers_and_sets_against_pyoai(serve: Serve, pyoai_route: Route) -> None:
    server = serve(pyoai_route)
    url = f"{server.url}/oai"

    incremental = run_harvester(
        "oai_pmh",
        "--url",
        url,
        "--format",
        "oai_dc",
        "--from",
        "2024-03-01",
        allow=[server.hostport],
    )
    # pyoai accepts the seconds form it declared; records since 1 March only.
    assert server.requests[1].query["from"] == "2024-03-01T00:00:00Z"
    assert [r["remote_id"] for r in incremental.records] == [
        "oai:peer:3",
        "oai:peer:4",
        "oai:peer:5",
    ]
    assert incremental.summary["complete"] is True

    empty = run_harvester(
        "oai_pmh",
        "--url",
        url,
        "--format",
        "oai_dc",
        "--from",
        "2030-01-01",
        allow=[server.hostport],
    )
    assert empty.summary["complete"] is True and empty.records == []  # noRecordsMatch

    identifiers = run_harvester(
        "oai_pmh", "--url", url, "--format", "oai_dc", "--identifiers", allow=[server.hostport]
    )
    assert [(i["remote_id"], i["deleted"]) for i in identifiers.lines[:-1]] == [
        (identifier, deleted) for identifier, _, deleted, *_ in COURSES
    ]
    assert identifiers.summary["complete"] is True

    sets = run_harvester("oai_pmh", "--url", url, "--list-sets", allow=[server.hostport])
    assert [s["set_spec"] for s in sets.lines[:-1]] == ["courses", "courses:green"]
