"""The LOM mapping reads LangStrings, contributions and classifications in one look at each
element, where the generic path engine (``select``, ``children``, ``child_text``) would index
every element's children first. Both readings must agree: here the mapping is compared with a
reference that reads the same elements through the engine, on the golden inputs and on
hand-written records (missing elements, several languages, mixed content, namespace and prefix
variants, upper-case element names).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from mappings.base import (
    _MEMO,
    XML_LANG,
    XmlMapping,
    _RecordMemo,
    child_text,
    children,
    inner_text,
    local_name,
)
from mappings.formats.lom import (
    LomMapping,
    _children_read_once,
    _Classification,
    _Contribution,
    _read_organisation,
    _Taxon,
)
from mappings.normalise import _may_state_ects, clean_text
from mappings.registry import RawInput
from mappings.vocab import _SPECIAL, fold

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "lom"
GOLDEN = sorted(SAMPLES.glob("*.xml"))


class EngineLomMapping(LomMapping):
    """LOM read through the generic engine only: the reference for the one-look reading."""

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        if isinstance(node, str):
            return [(None, node)]
        strings = [child for child in node if local_name(child) in {"string", "langstring"}]
        if not strings:
            return XmlMapping.texts(self, node)
        pairs = []
        for string in strings:
            text = clean_text(inner_text(string))
            if text and text != "x-none":
                pairs.append((string.get("language") or string.get(XML_LANG), text))
        return pairs

    def _read_classification(self, classification: etree._Element) -> _Classification:
        purposes = frozenset(
            self._text(value).lower() for value in self.select(classification, "purpose/value")
        )
        taxa = []
        for path in children(classification, "taxonpath"):
            source = " ".join(self._text(node) for node in children(path, "source"))
            for taxon in children(path, "taxon"):
                pairs = tuple(
                    pair for entry in children(taxon, "entry") for pair in self.texts(entry)
                )
                entries = tuple(text for _, text in pairs)
                taxa.append(_Taxon(source, child_text(taxon, "id"), pairs, entries))
        return _Classification(purposes, tuple(taxa), tuple(self.select(classification, "keyword")))

    def _read_contribution(self, contribute: etree._Element) -> _Contribution:
        role = next(
            (self._text(value).lower() for value in self.select(contribute, "role/value")), ""
        )
        cards = self.select(contribute, "entity") + self.select(contribute, "centity/vcard")
        return _Contribution(role, cards, self.select(contribute, "date"))

    _organisation = staticmethod(_read_organisation)  # type: ignore[assignment]


IEEE_RECORD = """<?xml version="1.0" encoding="UTF-8"?>
<record xmlns="http://www.openarchives.org/OAI/2.0/">
 <lom xmlns="http://ltsc.ieee.org/xsd/LOM">
  <general>
   <title><string language="nl">Twaalfvingerige darm</string>
     <string language="en">Duodenum</string><string language="x-none">x-none</string></title>
   <identifier><catalog>URI</catalog><entry>https://example.org/duodenum</entry></identifier>
   <identifier><entry>urn:isbn:123</entry></identifier>
   <language>nl</language><language>en-GB</language>
   <description><string language="en">An <b>annotated</b> <i>photo</i> of the organ.</string>
     <string>Worth 5 ECTS, or so.</string></description>
   <keyword><string language="en">anatomy</string><string language="nl">anatomie</string></keyword>
   <keyword>plain keyword</keyword>
  </general>
  <lifeCycle>
   <contribute><role><source>LOMv1.0</source><value>author</value></role>
    <role><value>publisher</value></role>
    <entity>BEGIN:VCARD
     VERSION:3.0
     FN:Jan Jansen
     ORG:Leiden University;Anatomy
     ADR;TYPE=work:;;Albinusdreef 2;Leiden;;2333 ZA;Netherlands
     URL:https://www.universiteitleiden.nl/
     END:VCARD</entity>
    <date><dateTime>2019-03-01T10:00:00Z</dateTime></date></contribute>
   <contribute><role><value/><value>publisher</value></role>
    <entity>BEGIN:VCARD
FN:Nobody
END:VCARD</entity></contribute>
   <contribute><date><dateTime>2021-01-01</dateTime></date>
    <role><value>Publisher</value></role>
    <centity><vcard>BEGIN:VCARD
ORG:Card in a centity
END:VCARD</vcard></centity>
    <entity>BEGIN:VCARD
ORG:Open Anatomy Foundation
END:VCARD</entity></contribute>
  </lifeCycle>
  <metaMetadata><contribute><date><dateTime>2022-05-06</dateTime></date></contribute>
  </metaMetadata>
  <technical><location> https://example.org/duodenum </location></technical>
  <educational><typicalLearningTime><duration>PT40H</duration></typicalLearningTime>
   <context><value>WO</value></context></educational>
  <rights><cost><value>no</value></cost></rights>
  <classification>
   <purpose><value>discipline</value></purpose><purpose><value>Idea</value></purpose>
   <taxonPath>
    <taxon><id>0912</id><entry><string language="en">Medicine</string></entry></taxon>
    <taxon><id/><id>second id</id><entry><string language="en">Anatomy</string>
      <string language="de">Anatomie</string></entry><entry>loose entry text</entry></taxon>
    <source><string language="x-none">ISCED-F 2013</string></source>
   </taxonPath>
   <taxonPath><source>local</source><source>terms</source>
    <taxon><entry><string language="en">Human <em>body</em></string></entry></taxon>
   </taxonPath>
   <keyword><string language="en">dissection</string></keyword>
  </classification>
  <classification>
   <taxonPath><taxon><id>no purpose</id></taxon></taxonPath>
  </classification>
  <classification>
   <purpose><value><string language="en">educational level</string></value></purpose>
   <taxonPath><source>http://data.europa.eu/snb/eqf</source>
    <taxon><id>http://data.europa.eu/snb/eqf/6</id><entry>EQF 6</entry></taxon></taxonPath>
   <taxonPath><source>NLQF</source><taxon><id>6</id></taxon></taxonPath>
  </classification>
  <classification>
   <purpose><value>competency</value></purpose>
   <taxonPath><taxon><id>http://data.europa.eu/esco/skill/abc</id>
    <entry><string language="en">Name the parts of the duodenum</string></entry></taxon>
   </taxonPath>
  </classification>
 </lom>
</record>"""

IMS_RECORD = """<czp:lom xmlns:czp="http://www.imsglobal.org/xsd/imsmd_v1p2">
 <czp:general>
  <czp:title><czp:langstring xml:lang="en">Exercises</czp:langstring></czp:title>
  <czp:catalogentry><czp:catalog>UUID</czp:catalog>
   <czp:entry><czp:langstring xml:lang="x-none">urn:uuid:5af0e26f</czp:langstring></czp:entry>
  </czp:catalogentry>
  <czp:language>en</czp:language>
 </czp:general>
 <czp:lifecycle>
  <czp:contribute>
   <czp:role><czp:value><czp:langstring xml:lang="x-none">hogeschool</czp:langstring></czp:value>
   </czp:role>
   <czp:centity><czp:vcard>BEGIN:VCARD
      FN:Codarts Rotterdam
      END:VCARD</czp:vcard></czp:centity>
   <czp:centity><czp:vcard>BEGIN:VCARD
      ORG:Second card
      END:VCARD</czp:vcard></czp:centity>
   <czp:date><czp:datetime>2020-02-02</czp:datetime></czp:date>
  </czp:contribute>
 </czp:lifecycle>
 <czp:classification>
  <czp:purpose><czp:value><czp:langstring xml:lang="x-none">educational level</czp:langstring>
  </czp:value></czp:purpose>
  <czp:taxonpath><czp:source><czp:langstring xml:lang="x-none">begrippenkader</czp:langstring>
  </czp:source>
   <czp:taxon><czp:id>be140797</czp:id>
    <czp:entry><czp:langstring xml:lang="nl">HBO - Bachelor</czp:langstring></czp:entry>
   </czp:taxon>
  </czp:taxonpath>
 </czp:classification>
 <czp:classification>
  <czp:purpose><czp:value><czp:langstring>prerequisite</czp:langstring></czp:value>
  </czp:purpose>
  <czp:taxonpath><czp:taxon><czp:entry><czp:langstring xml:lang="nl">Anatomie</czp:langstring>
  </czp:entry></czp:taxon><czp:taxon><czp:entry><czp:langstring xml:lang="nl">Fysiologie
  </czp:langstring></czp:entry></czp:taxon></czp:taxonpath>
 </czp:classification>
</czp:lom>"""


def _upper_case(payload: str, prefix: str | None = "X") -> str:
    """``payload`` with every element name upper-cased, under another prefix."""
    root = etree.fromstring(payload.encode())
    for element in root.iter():
        if isinstance(element.tag, str):
            namespace, _, name = element.tag.rpartition("}")
            element.tag = f"{namespace}}}{name.upper()}" if namespace else name.upper()
    text = etree.tostring(root, encoding="unicode")
    if prefix is not None:
        text = text.replace("czp:", f"{prefix}:").replace("xmlns:czp=", f"xmlns:{prefix}=")
    return text


PAYLOADS = {
    **{path.name: path.read_text(encoding="utf-8") for path in GOLDEN},
    "ieee_hand_written": IEEE_RECORD,
    "ims_hand_written": IMS_RECORD,
}
PAYLOADS |= {f"{name}, upper case": _upper_case(text) for name, text in list(PAYLOADS.items())}


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_one_look_reading_maps_as_the_engine_does(name: str) -> None:
    raw = RawInput(payload=PAYLOADS[name], format="lom")
    expected = EngineLomMapping().map(raw).model_dump(mode="json")
    assert LomMapping().map(raw).model_dump(mode="json") == expected


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_one_look_reading_reads_every_part_as_the_engine_does(name: str) -> None:
    fast, engine = LomMapping(), EngineLomMapping()
    token = _MEMO.set(_RecordMemo())
    try:
        doc = fast.load(RawInput(payload=PAYLOADS[name], format="lom"))
        for element in doc.iter():
            assert fast.texts(element) == engine.texts(element)
            # The reading for elements read once, which is not remembered, agrees too.
            assert fast._read_texts(element) == engine.texts(element)
            for name in ("entry", "datetime", "value", "vcard"):
                assert _children_read_once(element, name) == children(element, name)
        for element in fast.select(doc, "classification"):
            assert fast._read_classification(element) == engine._read_classification(element)
        for element in fast.select(doc, "lifecycle/contribute"):
            assert fast._read_contribution(element) == engine._read_contribution(element)
        keywords = [keyword for found in fast._classified(doc) for keyword in found.keywords]
        assert keywords == engine.select(doc, "classification/keyword")
    finally:
        _MEMO.reset(token)


def test_the_upper_case_variants_are_read_at_all() -> None:
    # (The comparisons above mean little if an upper-case record read as nothing.)
    record = LomMapping().map(
        RawInput(payload=PAYLOADS["ieee_hand_written, upper case"], format="lom")
    )
    assert record.title == {"nl": "Twaalfvingerige darm", "en": "Duodenum"}
    assert record.level.eqf == 6
    assert record.provider is not None and record.provider.name == {
        "und": "Open Anatomy Foundation"
    }


def test_a_remembered_organisation_is_handed_out_as_a_copy() -> None:
    card = "BEGIN:VCARD\nORG:Leiden University\nURL:https://www.universiteitleiden.nl/\nEND:VCARD"
    first = LomMapping._organisation(card, True)
    assert first == _read_organisation(card, True)
    assert first is not None
    first["name"]["en"] = "changed"
    first["identifiers"]["website"] = "changed"
    assert LomMapping._organisation(card, True) == _read_organisation(card, True)


def _fold_by_character(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.replace("’", "'").split())


@pytest.mark.parametrize(
    "text",
    [
        "Präsenz",
        "Łódź",
        "plain ascii  words",
        "Cæsar’s",
        "ﬁne",
        "Straße",
        "e\u0301",
        "",
        "İstanbul",
    ],
)
def test_fold_without_marks_to_strip_agrees_with_the_look_at_each_character(text: str) -> None:
    assert fold(text) == _fold_by_character(text)


@pytest.mark.parametrize(
    "text",
    ["5 EC", "6 ects", "CFU 3", "ſtudiepunten", "7 Studiepoeng", "HÖGSKOLEPOÄNG", "no unit", "ec"],
)
def test_the_ects_unit_tests_agree_with_the_unit_lists(text: str) -> None:
    cased = ("EC", "CFU", "\u017f")
    words = (
        "ects",
        "studiepunten",
        "opintopiste",
        "leistungspunkte",
        "studiepoeng",
        "högskolepoäng",
    )
    expected = any(word in text for word in cased) or any(word in text.lower() for word in words)
    assert _may_state_ects(text) == expected
