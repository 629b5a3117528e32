"""How the LOM mapping reads a record: LangStrings, contributors and classifications, each in
the order and with the precedence the mapping promises however the record is laid out."""

from __future__ import annotations

from pathlib import Path

from mappings.registry import RawInput, map_raw
from mappings.schema import Record

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "lom"
IEEE = (SAMPLE / "anatomytool_duodenum.xml").read_text(encoding="utf-8")


def _map(payload: str) -> Record:
    return map_raw(RawInput(payload=payload, format="lom"))


def _contribute(role: str, card: str) -> str:
    return (
        f"<contribute><role><source>LOMv1.0</source><value>{role}</value></role>"
        f"<entity>BEGIN:VCARD\nVERSION:3.0\n{card}\nEND:VCARD</entity></contribute>"
    )


def test_langstrings_of_both_bindings_are_read_in_document_order() -> None:
    title = (
        '<title><string language="nl">Twaalfvingerige darm</string><!-- a comment -->'
        '<langstring xml:lang="en">Duodenum</langstring>'
        '<string language="de">Zwölffingerdarm</string></title>'
    )
    payload = IEEE.replace(IEEE[IEEE.index("<title>") : IEEE.index("</title>") + 8], title, 1)
    record = _map(payload)
    assert list(record.title) == ["nl", "en", "de"]
    assert record.title["en"] == "Duodenum"


def test_a_card_without_organisation_gives_way_to_the_next_card_of_its_role() -> None:
    contributors = _contribute("publisher", "N:Jansen;Jan") + _contribute(
        "publisher", "ORG:Leiden University"
    )
    record = _map(IEEE.replace("</lifecycle>", contributors + "</lifecycle>", 1))
    assert record.provider is not None
    assert record.provider.name == {"und": "Leiden University"}


def test_roles_that_never_provide_are_not_providers() -> None:
    payload = IEEE.replace(
        "</lifecycle>", _contribute("editor", "ORG:Editors Inc.") + "</lifecycle>", 1
    )
    record = _map(payload)
    assert record.provider is not None
    assert record.provider.name != {"und": "Editors Inc."}  # the authors' organisation wins


def test_one_classification_serves_every_purpose_it_names() -> None:
    classification = (
        "<classification><purpose><value>discipline</value></purpose>"
        "<purpose><value>educational level</value></purpose>"
        '<taxonPath><source><string language="x-none">local</string></source>'
        '<taxon><id>x</id><entry><string language="en">Anatomy (bachelor)</string></entry>'
        "</taxon></taxonPath></classification>"
    )
    record = _map(IEEE.replace("</lom:lom>", classification + "</lom:lom>"))
    assert "Anatomy (bachelor)" in record.subject.keywords
    assert record.level.qf_ehea == "first"
