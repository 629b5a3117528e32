"""The Dublin Core mapping beyond its golden pairs: variants derived from a real BnF record."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.registry import MappingError, RawInput, get_mapping, map_raw
from mappings.schema import Mode, QfEhea

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "oai_dc"
BNF = (SAMPLE / "bnf_gallica_le_poeme.xml").read_text(encoding="utf-8")
CLOSE = "</oai_dc:dc>"
DCTERMS = 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:lrmi="http://purl.org/dcx/lrmi-terms/"'


def _with(*elements: str, drop: tuple[str, ...] = ()) -> str:
    """The BnF record with extra elements (and some lines removed)."""
    payload = BNF.replace("<oai_dc:dc ", f"<oai_dc:dc {DCTERMS} ", 1)
    lines = [line for line in payload.splitlines() if not any(text in line for text in drop)]
    return "\n".join(lines).replace(CLOSE, "\n".join(elements) + CLOSE)


def _map(payload: str):
    return map_raw(RawInput(payload=payload, format="oai_dc"))


def test_educational_terms_fill_level_mode_and_workload() -> None:
    record = _map(
        _with(
            "<dcterms:educationLevel>EQF level 6</dcterms:educationLevel>",
            "<dcterms:educationLevel>Bachelor</dcterms:educationLevel>",
            "<dcterms:instructionalMethod>Blended learning</dcterms:instructionalMethod>",
            "<dcterms:extent>5 ECTS</dcterms:extent>",
            "<lrmi:typicalLearningTime>PT140H</lrmi:typicalLearningTime>",
        )
    )
    assert record.level.eqf == 6
    assert record.level.qf_ehea == QfEhea.FIRST
    assert record.participation.mode == Mode.BLENDED
    assert record.workload.ects == 5.0
    assert record.workload.hours == 140.0
    assert record.duration == "PT140H"
    assert record.is_microcredential is True


def test_isced_subjects_are_codes_not_keywords() -> None:
    record = _map(
        _with(
            "<dc:subject>0613</dc:subject>",
            "<dc:subject>http://data.europa.eu/snb/isced-f/0611</dc:subject>",
            "<dc:subject>Poetry</dc:subject>",
            "<dc:subject>10 poems</dc:subject>",
        )
    )
    assert record.subject.isced == ["0613", "0611"]
    assert record.subject.keywords == ["Poetry", "10 poems"]


def test_titles_and_descriptions_keep_every_language() -> None:
    record = _map(
        _with(
            '<dc:title xml:lang="en">The Poem. Monthly publication</dc:title>',
            '<dc:description xml:lang="en-GB">Issue 1889/04.</dc:description>',
            drop=("<dc:language>",),
        )
    )
    assert record.title == {
        "und": "Le Poème. Publication mensuelle",
        "en": "The Poem. Monthly publication",
    }
    assert record.description == {"und": "1889/04 (FASC1).", "en": "Issue 1889/04."}


def test_provider_is_the_publisher_else_the_first_creator() -> None:
    with_creator = _with("<dc:creator>Mallarmé, Stéphane</dc:creator>")
    assert _map(with_creator).provider.name == {"und": "Mallarmé, Stéphane"}  # [s.n.] is no name
    publisher = _with(
        "<dc:creator>Mallarmé, Stéphane</dc:creator>", "<dc:publisher>Vanier</dc:publisher>"
    )
    assert _map(publisher).provider.name == {"und": "Vanier"}


def test_modified_wins_over_the_dates() -> None:
    record = _map(_with("<dcterms:modified>2015-07-29T19:56:59Z</dcterms:modified>"))
    assert record.updated is not None
    assert record.updated.isoformat() == "2015-07-29T19:56:59+00:00"


def test_every_identifier_but_the_landing_page_is_kept() -> None:
    record = _map(
        _with(
            "<dc:identifier>https://gallica.bnf.fr/ark:/12148/bpt6k5440618t.texteImage</dc:identifier>",
            "<dc:identifier>ark:/12148/bpt6k5440618t</dc:identifier>",
        )
    )
    assert record.url == "http://gallica.bnf.fr/ark:/12148/bpt6k5440618t"
    assert record.identifiers == [
        "https://gallica.bnf.fr/ark:/12148/bpt6k5440618t.texteImage",
        "ark:/12148/bpt6k5440618t",
    ]


def test_a_whole_oai_record_is_accepted() -> None:
    wrapped = (
        f'<record xmlns="http://www.openarchives.org/OAI/2.0/"><metadata>{BNF}</metadata></record>'
    )
    assert _map(wrapped).title == {"fr": "Le Poème. Publication mensuelle"}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("", "empty payload"),
        ("<oai_dc:dc>", "not well-formed"),
        ('<lom xmlns="http://ltsc.ieee.org/xsd/LOM"/>', "no <dc> or <nsdl_dc>"),
    ],
)
def test_unreadable_payloads(payload: str, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        get_mapping("oai_dc").map(RawInput(payload=payload, format="oai_dc"))


def test_a_record_without_title_is_refused() -> None:
    with pytest.raises(MappingError, match="no title"):
        _map(_with(drop=("<dc:title>",)))


def test_dublin_core_prefixes_share_the_mapping():
    from mappings.registry import formats, get_mapping

    assert {"nsdl_dc", "qdc"} <= set(formats())
    assert get_mapping("nsdl_dc") is get_mapping("oai_dc")
