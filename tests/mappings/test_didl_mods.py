"""The DIDL + MODS mapping beyond its golden pairs: variants of real Greeni and HAN records."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.formats.didl_mods import normalise_identifier, publisher_name
from mappings.registry import MappingError, RawInput, get_mapping, map_raw

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "didl_mods"
GREENI = (SAMPLE / "greeni_out_of_the_box.xml").read_text(encoding="utf-8")
HAN = (SAMPLE / "han_webcare_article.xml").read_text(encoding="utf-8")
HUMAN_START_PAGE = "https://www.greeni.nl/iguana/www.main.cls?surl=greenisearch#RecordId=2.121587"
MODS = "http://www.loc.gov/mods/v3"


def _map(payload: str, format_name: str = "didl_mods"):
    return map_raw(RawInput(payload=payload, format=format_name))


def _greeni_mods(*elements: str, drop: str = "") -> str:
    """The Greeni record with extra children of <mods> (default MODS namespace)."""
    payload = GREENI.replace(drop, "") if drop else GREENI
    return payload.replace("</mods>", "".join(elements) + "</mods>", 1)


@pytest.mark.parametrize("name", ["didl", "nl_didl", "didl-mods", "mods"])
def test_the_oai_prefixes_name_the_same_mapping(name: str) -> None:
    assert get_mapping(name) is get_mapping("didl_mods")
    assert _map(GREENI, name).url == HUMAN_START_PAGE


def test_the_landing_page_is_the_human_start_page_not_the_full_text() -> None:
    record = _map(GREENI)
    assert record.url == HUMAN_START_PAGE
    assert all("MetaDataEditDownload" not in value for value in [record.url, *record.identifiers])


def test_without_a_start_page_a_mods_location_in_context_comes_first() -> None:
    payload = GREENI.replace("semantics/humanStartPage", "semantics/other").replace(
        "</mods>",
        '<location><url access="raw object">https://greeni.example/raw.pdf</url>'
        '<url access="object in context">https://greeni.example/item/1</url></location></mods>',
        1,
    )
    assert _map(payload).url == "https://greeni.example/item/1"


def test_without_a_start_page_the_top_items_resource_is_the_landing_page() -> None:
    payload = HAN.replace("info:eu-repo/semantics/humanStartPage", "info:eu-repo/semantics/x")
    record = _map(payload)
    # The top-level item's own resource: the handle, never the PDF of the objectFile item.
    assert record.url == "http://hdl.handle.net/20.500.12470/7"


def test_a_bare_mods_record_maps_and_takes_its_url_from_an_identifier() -> None:
    payload = (
        f'<mods xmlns="{MODS}" version="3.6"><titleInfo><title>Wound care</title>'
        "<subTitle>a course</subTitle></titleInfo>"
        '<titleInfo type="translated" lang="dut"><title>Wondzorg</title></titleInfo>'
        '<abstract xml:lang="en">Wound care, 5 ECTS.</abstract>'
        '<identifier type="doi">10.1234/wound.1</identifier>'
        '<identifier type="isbn" invalid="yes">123</identifier>'
        "<language><languageTerm>eng</languageTerm></language></mods>"
    )
    record = _map(payload, "mods")
    assert record.title == {"en": "Wound care: a course", "nl": "Wondzorg"}
    assert record.url == "https://doi.org/10.1234/wound.1"
    assert record.identifiers == []  # the DOI is the URL; the invalid ISBN is not read
    assert record.workload.ects == 5


def test_an_alternative_title_counts_only_without_a_main_title() -> None:
    only_alternative = GREENI.replace("<titleInfo>", '<titleInfo type="alternative">', 1)
    assert _map(only_alternative).title == {
        "nl": "Out of the box...! kennisinnovatie in het groene onderwijs en onderzoek"
    }
    both = _greeni_mods('<titleInfo type="alternative"><title>Anders</title></titleInfo>')
    assert _map(both).title["nl"].startswith("Out of the box")


def test_relatedItem_titles_and_identifiers_are_the_hosts_not_the_items() -> None:
    record = _map(HAN)
    assert record.title == {
        "und": "'Dat kan beter, ja...' : Webcare en het voorkomen van reputatieschade"
    }
    assert not any("ISSN" in identifier.upper() for identifier in record.identifiers)


def test_isced_classifications_give_codes_and_other_classifications_keywords() -> None:
    record = _map(
        _greeni_mods(
            '<classification authority="isced-f">0913</classification>',
            "<subject><geographic>Velp</geographic><name><namePart>VHL</namePart></name></subject>",
        )
    )
    assert record.subject.isced == ["0913"]
    assert "Urbane planning" in record.subject.keywords  # the NBC label, not its code 74.72
    assert "74.72" not in record.subject.keywords
    assert {"Velp", "VHL"} <= set(record.subject.keywords)


def test_a_degree_granting_body_other_than_the_provider_is_an_awarding_body() -> None:
    record = _map(
        _greeni_mods(
            '<name type="corporate"><namePart>Wageningen University</namePart>'
            '<role><roleTerm authority="marcrelator" type="code">dgg</roleTerm></role></name>'
        )
    )
    assert record.provider is not None
    assert record.provider.name == {"und": "Hogeschool Van Hall Larenstein"}
    assert [body.name for body in record.awarding_bodies] == [{"und": "Wageningen University"}]


def test_provider_falls_back_to_the_publisher_and_never_to_a_client_or_a_person() -> None:
    no_extension = (
        GREENI[: GREENI.index("<extension>")] + GREENI[GREENI.index("</extension>") + 12 :]
    )
    record = _map(no_extension)
    # "Hogeschool Van Hall Larenstein" is named as client (cli) only; the publisher is VHL.
    assert record.provider is not None
    assert record.provider.name == {"und": "VHL"}


@pytest.mark.parametrize(
    ("statement", "name"),
    [
        ("[S.l.] : Hogeschool van Arnhem en Nijmegen", "Hogeschool van Arnhem en Nijmegen"),
        ("Arnhem : HAN Press", "HAN Press"),
        ("VHL", "VHL"),
        ("[S.l. : s.n.]", None),
        ("Nijmegen : [S.n.]", None),
        ("- : -", None),
        ("", None),
    ],
)
def test_publisher_name(statement: str, name: str | None) -> None:
    assert publisher_name(statement) == name


@pytest.mark.parametrize(
    ("kind", "value", "identifier"),
    [
        (
            "doi",
            "10.1111/j.1365-2702.2011.03921.x",
            "https://doi.org/10.1111/j.1365-2702.2011.03921.x",
        ),
        ("uri", "https://doi.org/10.1/x", "https://doi.org/10.1/x"),
        ("hdl", "20.500.12470/7", "https://hdl.handle.net/20.500.12470/7"),
        ("uri", "http://hdl.handle.net/20.500.12470/7", "https://hdl.handle.net/20.500.12470/7"),
        ("isbn", "978-90-6824-032-0", "urn:isbn:9789068240320"),
        ("URN:NBN:NL", "urn:nbn:nl:hs:25-20.500.12470/7", "urn:nbn:nl:hs:25-20.500.12470/7"),
        ("metisid", "595013", "metisid:595013"),
        ("", " ", None),
    ],
)
def test_normalise_identifier(kind: str, value: str, identifier: str | None) -> None:
    assert normalise_identifier(kind, value) == identifier


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("", "empty payload"),
        ("<didl:DIDL xmlns:didl='urn:mpeg:mpeg21:2002:02-DIDL-NS'><didl:Item>", "not well-formed"),
        (
            "<didl:DIDL xmlns:didl='urn:mpeg:mpeg21:2002:02-DIDL-NS'><didl:Item/></didl:DIDL>",
            "no <mods> record in the <didl> payload",
        ),
        (
            "<oai_dc:dc xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/'/>",
            "no <mods> record in the <dc> payload",
        ),
    ],
)
def test_what_is_not_a_mods_record_is_a_clear_mapping_error(payload: str, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        _map(payload)


def test_a_mods_record_without_a_title_is_refused() -> None:
    untitled = GREENI[: GREENI.index("<titleInfo>")] + GREENI[GREENI.index("</titleInfo>") + 12 :]
    with pytest.raises(MappingError, match="no title"):
        _map(untitled)


def test_the_descriptive_metadata_item_is_read_not_a_mods_record_elsewhere() -> None:
    # A DIDL whose first item carries some other MODS (a related object) before the record.
    other = (
        "<didl:Item><didl:Component><didl:Resource>"
        f'<mods xmlns="{MODS}"><titleInfo><title>Not this one</title></titleInfo></mods>'
        "</didl:Resource></didl:Component></didl:Item>"
    )
    payload = GREENI.replace("<didl:Item>", "<didl:Item>" + other, 1)
    assert _map(payload).title["nl"].startswith("Out of the box")


def test_without_a_descriptive_metadata_type_the_first_mods_in_an_item_is_read() -> None:
    payload = GREENI.replace("semantics/descriptiveMetadata", "semantics/metadata")
    assert _map(payload).title["nl"].startswith("Out of the box")
