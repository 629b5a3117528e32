"""A DIDL + MODS repository harvested through the real pipeline: HAN's recorded ListRecords
chain (metadataPrefix ``nl_didl``) replayed on 127.0.0.1, mapped, stored and searched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from local_http import serving

from aggregator.config import Settings
from aggregator.pipeline import harvest
from aggregator.store import RunState, Store
from search_api.backends.embedded import EmbeddedBackend
from search_api.query import SearchQuery

RECORDING = Path(__file__).resolve().parents[1] / "sample_data" / "oai-pmh" / "surf-edurep-lom"
TOKEN = "MToxMDB8Mjp8Mzp8NDp8NTpubF9kaWRs"  # the token of the first recorded page
IDENTIFY = b"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2022-03-10T10:49:30Z</responseDate>
  <request verb="Identify">https://repository.han.nl/hanoai/request</request>
  <Identify><repositoryName>HAN</repositoryName>
    <baseURL>https://repository.han.nl/hanoai/request</baseURL><protocolVersion>2.0</protocolVersion>
    <adminEmail>admin@example.org</adminEmail><earliestDatestamp>2018-01-01T00:00:00Z</earliestDatestamp>
    <deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity>
  </Identify>
</OAI-PMH>"""
BAD_ARGUMENT = b"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2022-03-10T10:49:30Z</responseDate><request>x</request>
  <error code="badArgument">not what the recording answers</error>
</OAI-PMH>"""


def _answer(query: dict[str, list[str]]) -> bytes:
    verb = query.get("verb", [""])[0]
    if verb == "Identify":
        return IDENTIFY
    if verb == "ListRecords" and query.get("resumptionToken") == [TOKEN]:
        return (RECORDING / "fixture.han.initial.1.xml").read_bytes()
    if verb == "ListRecords" and query.get("metadataPrefix") == ["nl_didl"]:
        return (RECORDING / "fixture.han.initial.0.xml").read_bytes()
    return BAD_ARGUMENT


@pytest.fixture
def han() -> Iterator[str]:
    """``host:port`` of the replayed repository."""

    def answer(path: str) -> tuple[int, str, bytes]:
        return 200, "text/xml; charset=utf-8", _answer(parse_qs(urlsplit(path).query))

    with serving(answer) as host:
        yield host


def test_a_didl_mods_repository_is_harvested_mapped_and_found(tmp_path, han) -> None:
    settings = Settings(data_dir=tmp_path, fetch_allowlist=(han,), harvest_timeout=60)
    store = Store(settings.db_path)
    backend = EmbeddedBackend(settings.index_path)
    try:
        feed = store.add_feed(f"http://{han}/hanoai/request", "oai-pmh", format="nl_didl")
        result = harvest(store, backend, feed, settings)

        # The recording stops after two pages of the 2,485 records HAN announced: partial,
        # and said so, but every record of those pages is stored.
        assert result.run.state == RunState.PARTIAL
        assert "2485" in (result.run.message or "")
        # The one error is the list's; no record failed to map.
        assert [error["remote_id"] for error in result.errors] == [None]
        assert "completeListSize 2485" in result.errors[0]["message"]
        # 200 headers: 165 records and 35 tombstones of records this store never had.
        assert store.raw_count(feed.id) == 165
        assert result.run.new == 165

        # HAN lists two articles twice under one DOI (one title with a typo): merged.
        assert backend.search(SearchQuery(size=1)).total == 163
        (hit,) = backend.search(SearchQuery(text="webcare reputatieschade", size=1)).hits
        assert hit.title == "'Dat kan beter, ja...' : Webcare en het voorkomen van reputatieschade"
        assert hit.url == "http://hdl.handle.net/20.500.12470/7"
        assert hit.provider == "Publications Hogeschool Arnhem Nijmegen"
    finally:
        backend.close()
        store.close()
