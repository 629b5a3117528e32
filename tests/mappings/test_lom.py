"""The LOM mapping beyond its golden pairs: variants derived from real IEEE and NL-LOM records."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.formats.lom import parse_vcard
from mappings.registry import MappingError, RawInput, get_mapping, map_raw
from mappings.schema import QfEhea

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "lom"
IEEE = (SAMPLE / "anatomytool_duodenum.xml").read_text(encoding="utf-8")
IMS = (SAMPLE / "edurep_big_history_mooc.xml").read_text(encoding="utf-8")


def _ieee(*elements: str, general: str = "", educational: str = "") -> str:
    """The AnatomyTOOL record with extra children of <lom>, <general>, <educational>."""
    payload = IEEE.replace("</general>", general + "</general>", 1)
    payload = payload.replace("</educational>", educational + "</educational>", 1)
    return payload.replace("</lom:lom>", "".join(elements) + "</lom:lom>")


def _map(payload: str):
    return map_raw(RawInput(payload=payload, format="lom"))


def _classification(purpose: str, source: str, *taxa: tuple[str, str]) -> str:
    taxon = "".join(
        f'<taxon><id>{taxon_id}</id><entry><string language="en">{entry}</string></entry></taxon>'
        for taxon_id, entry in taxa
    )
    return (
        f"<classification><purpose><source>LOMv1.0</source><value>{purpose}</value></purpose>"
        f'<taxonPath><source><string language="x-none">{source}</string></source>{taxon}'
        "</taxonPath></classification>"
    )


def test_isced_disciplines_become_codes_and_other_disciplines_keywords() -> None:
    record = _map(
        _ieee(
            _classification("discipline", "ISCED-F 2013", ("0912", "Medicine")),
            _classification("discipline", "local", ("x1", "Anatomy"), ("x2", "Dental studies")),
            _classification("discipline", "local", ("10", "Not a code outside ISCED")),
        )
    )
    assert record.subject.isced == ["0912", "0911"]  # by id under ISCED, by label elsewhere
    assert "Anatomy" in record.subject.keywords
    assert "Not a code outside ISCED" in record.subject.keywords
    # The record's own discipline "Geneeskunde" is Dutch for medicine: a code, no keyword.
    assert "Geneeskunde" not in record.subject.keywords


def test_educational_level_gives_eqf_and_cycle() -> None:
    record = _map(
        _ieee(
            _classification(
                "educational level", "http://data.europa.eu/snb/eqf/25831c2", ("6", "Level 6")
            ),
            _classification(
                "educational level", "begrippenkader", ("a", "WO"), ("b", "WO - Bachelor")
            ),
        )
    )
    assert record.level.eqf == 6
    assert record.level.qf_ehea == QfEhea.FIRST


def test_a_bare_level_outside_the_eqf_is_not_an_eqf_level() -> None:
    record = _map(_ieee(_classification("educational level", "NLQF", ("6", "Niveau 6"))))
    assert record.level.eqf is None


def test_educational_level_under_a_national_framework_gives_the_nqf_level() -> None:
    record = _map(_ieee(_classification("educational level", "NLQF", ("6", "Niveau 6"))))
    assert record.level.nqf is not None
    assert (record.level.nqf.country, record.level.nqf.level) == ("NL", "6")
    record = _map(_ieee(_classification("educational level", "local", ("x", "DQR Stufe 5"))))
    assert record.level.nqf is not None
    assert (record.level.nqf.country, record.level.nqf.level) == ("DE", "5")


def test_educational_level_under_isced_gives_the_isced_2011_level() -> None:
    record = _map(_ieee(_classification("educational level", "ISCED 2011", ("6", "Bachelor"))))
    assert record.level.isced_2011 == 6
    record = _map(_ieee(_classification("educational level", "local", ("x", "ISCED level 7"))))
    assert record.level.isced_2011 == 7
    # Neither ISCED-F fields nor ISCED 1997 nor a bare level of another framework.
    for source, taxon in [
        ("ISCED-F", ("06", "ICT")),
        ("ISCED 1997", ("5", "5A")),
        ("x", ("6", "6")),
    ]:
        assert (
            _map(_ieee(_classification("educational level", source, taxon))).level.isced_2011
            is None
        )


def test_objectives_and_prerequisites() -> None:
    esco = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
    record = _map(
        _ieee(
            _classification(
                "educational objective", "ESCO", (esco, "identify anatomical structures")
            ),
            _classification("prerequisite", "local", ("p", "Basic biology")),
        )
    )
    assert [outcome.model_dump() for outcome in record.learning_outcomes] == [
        {"text": {"en": "identify anatomical structures"}, "esco": [esco]}
    ]
    assert record.prerequisites == {"en": "Basic biology"}


def test_typical_learning_time_and_ects_in_text() -> None:
    record = _map(
        _ieee(
            educational="<typicalLearningTime><duration>PT2H30M</duration></typicalLearningTime>",
            general='<keyword><string language="en">5 ECTS</string></keyword>',
        )
    )
    assert record.workload.hours == 2.5
    assert record.duration == "PT2H30M"
    assert record.workload.ects == 5.0
    assert record.is_microcredential is True


def test_ims_binding_reads_learning_time_from_datetime() -> None:
    payload = IMS.replace(
        "</czp:educational>",
        "<czp:typicallearningtime><czp:datetime>PT40H</czp:datetime></czp:typicallearningtime>"
        "</czp:educational>",
    )
    assert _map(payload).workload.hours == 40.0


def test_days_of_learning_time_are_a_duration_not_hours() -> None:
    record = _map(
        _ieee(educational="<typicalLearningTime><duration>P3D</duration></typicalLearningTime>")
    )
    assert record.workload.hours is None
    assert record.duration == "P3D"


PUBLISHER = """<contribute><role><source>LOMv1.0</source><value>publisher</value></role>
<entity>BEGIN:VCARD
VERSION:3.0
FN:Leiden University Medical Center
ORG:LUMC;Anatomy
ADR;TYPE=work:;;Albinusdreef 2;Leiden;;2333 ZA;Netherlands
URL:https://www.lumc.nl
END:VCARD</entity></contribute>"""


def test_the_publisher_wins_over_authors_with_country_and_website() -> None:
    record = _map(IEEE.replace("</lifecycle>", PUBLISHER + "</lifecycle>", 1))
    assert record.provider is not None
    assert record.provider.model_dump() == {
        "name": {"und": "LUMC"},
        "country": "NL",
        "identifiers": {"website": "https://www.lumc.nl"},
    }


def test_an_author_without_organisation_is_no_provider() -> None:
    payload = IEEE.replace(
        "ORG:Netherlands, Leiden – Leiden University Medical Center, Leiden University", ""
    ).replace("ORG:Netherlands, Leiden - Leiden University Medical Center, Leiden University", "")
    assert _map(payload).provider is None


def test_parse_vcard_reads_indented_cards() -> None:
    card = """BEGIN:VCARD
                                    VERSION:3.0
                                    FN:Codarts Rotterdam
                                    ORG:Codarts Rotterdam;Muziek
                                    END:VCARD"""
    assert parse_vcard(card)["ORG"] == ["Codarts Rotterdam;Muziek"]
    assert parse_vcard(card)["FN"] == ["Codarts Rotterdam"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("", "empty payload"),
        ("<lom><general>", "not well-formed"),
        ('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/>', "no <lom>"),
    ],
)
def test_unreadable_payloads(payload: str, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        get_mapping("lom").map(RawInput(payload=payload, format="lom"))


def test_the_indentation_between_elements_changes_nothing() -> None:
    # LOM is parsed without the whitespace between elements (cheaper to parse and walk): a
    # record reads the same indented and written on one line, and a text's own spaces stay.
    compact = IMS
    for _ in range(3):
        compact = compact.replace("\n ", "\n").replace(" <", "<").replace(">\n<", "><")
    assert _map(compact).model_dump() == _map(IMS).model_dump()
    padded = _ieee(general='<keyword><string language="en">  padded   words </string></keyword>')
    assert "padded words" in _map(padded).subject.keywords
