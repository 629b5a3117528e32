"""The LOM mapping reads a record section by section in one look at each element (its
``_Reading``), where the generic path engine (declarations with paths, ``select``,
``children``, ``child_text``) would index every element's children first. Both readings must
agree: here the mapping is compared with a reference that reads the same elements through the
engine, declared as the elements were before the one-look reading, on the golden inputs and on
hand-written records (missing elements, several languages, mixed content, namespace and prefix
variants, upper-case element names, repeated sections).
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
    LangTexts,
    Text,
    Texts,
    XmlMapping,
    _RecordMemo,
    child_text,
    children,
    inner_text,
    local_name,
)
from mappings.formats.lom import (
    _READ_PURPOSES,
    LomMapping,
    _children_read_once,
    _Classification,
    _Contribution,
    _cost_price,
    _names_eqf,
    _names_isced_2011,
    _read_organisation,
    _Reading,
    _Taxon,
)
from mappings.normalise import (
    _may_state_ects,
    clean_text,
    http_url,
    isced_2011_level,
    iso_duration,
    language_code,
    nqf_level,
    parse_eqf,
    parse_hours,
    parse_qf_ehea,
)
from mappings.registry import RawInput
from mappings.vocab import _SPECIAL, fold

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "lom"
GOLDEN = sorted(SAMPLES.glob("*.xml"))


_LEARNING_TIME = "educational/typicallearningtime/duration|datetime"


class EngineLomMapping(LomMapping):
    """LOM read through the generic engine only: the reference for the one-look reading."""

    # The elements as they were declared before the one-look reading (their hooks off).
    title = LangTexts("general/title", join=None)
    description = LangTexts("general/description")
    keywords = Texts("general/keyword", to="subject.keywords", using=clean_text)
    languages = Texts("general/language", to="participation.languages", using=language_code)
    url = Text("technical/location", using=http_url)
    context_qf_ehea = Text("educational/context/value", to="level.qf_ehea", using=parse_qf_ehea)
    hours = Text(_LEARNING_TIME, to="workload.hours", using=parse_hours)
    duration = Text(_LEARNING_TIME, using=iso_duration)
    price = Text("rights/cost/value", using=_cost_price)
    # (``None``: "no hook", as ``DeclarativeMapping`` reads it.)
    prepare_title = prepare_description = None  # type: ignore[assignment]
    prepare_keywords = prepare_languages = None  # type: ignore[assignment]
    prepare_url = prepare_context_qf_ehea = None  # type: ignore[assignment]
    prepare_hours = prepare_duration = prepare_price = None  # type: ignore[assignment]

    def _read(self, doc: etree._Element) -> _Reading:
        reading = _Reading()
        reading.titles = self._pairs(doc, "general/title")
        reading.descriptions = self._pairs(doc, "general/description")
        reading.keywords = self._pairs(doc, "general/keyword")
        reading.languages = self._pairs(doc, "general/language")
        reading.identifiers = self.select(doc, "general/identifier|catalogentry")
        reading.contributions = [
            self._read_contribution(contribute)
            for contribute in self.select(doc, "lifecycle/contribute")
        ]
        reading.metadata_dates = self.select(doc, "metametadata/contribute/date")
        reading.locations = self._pairs(doc, "technical/location")
        reading.url = self.extract("url", doc)
        reading.contexts = self._pairs(doc, "educational/context/value")
        reading.learning_times = self._pairs(doc, _LEARNING_TIME)
        reading.educational_descriptions = self.select(doc, "educational/description")
        reading.costs = self._pairs(doc, "rights/cost/value")
        reading.classifications = [
            self._read_classification(element) for element in self.select(doc, "classification")
        ]
        return reading

    def _pairs(self, doc: etree._Element, path: str) -> list[tuple[str | None, str]]:
        return [pair for node in self.select(doc, path) for pair in self.texts(node)]

    def prepare_identifiers(self, doc: etree._Element) -> list[str]:
        url = self.extract("url", doc)
        found = []
        for identifier in self.select(doc, "general/identifier|catalogentry"):
            for entry in children(identifier, "entry"):
                value = self._text(entry)
                if value and value != url and value not in found:
                    found.append(value)
        return found

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
        # Taxa are read under the purposes an element reads only.
        paths = children(classification, "taxonpath") if purposes & _READ_PURPOSES else []
        for path in paths:
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


# Sections repeated, and alternatives mixed, in an order the reading must keep.
REPEATED_RECORD = """<lom xmlns="http://ltsc.ieee.org/xsd/LOM">
 <educational><description><string language="en">Ten hours of study.</string></description>
  <context><value>self-study</value><value>HBO - Master</value></context>
  <typicalLearningTime><dateTime>not a duration</dateTime><duration>P2D</duration>
   <duration>PT30H</duration></typicalLearningTime></educational>
 <general><title><string language="en">First title</string></title>
  <catalogEntry><entry>urn:first</entry></catalogEntry>
  <identifier><entry>urn:second</entry><entry>https://example.org/offer</entry></identifier>
  <language>xx-unknown</language><language>de</language>
  <keyword><string language="en">no credits here</string></keyword></general>
 <technical><location>not a url</location><location>ftp://example.org/</location></technical>
 <general><title><string language="en">Second title</string>
   <string language="nl">Tweede titel</string></title>
  <description><string language="en">The second part.</string></description>
  <description><string language="en">Worth 3 ECTS.</string></description>
  <identifier><entry>urn:first</entry></identifier>
  <keyword><string language="en">second part</string><string language="en">no credits here</string>
  </keyword></general>
 <educational><context><value>WO</value></context>
  <description><string language="en">Worth 9 ECTS.</string></description></educational>
 <technical><location>https://example.org/offer</location></technical>
 <rights><cost><value>yes</value></cost></rights><rights><cost><value>no</value></cost></rights>
 <metaMetadata><contribute><date><dateTime>2023-04-05</dateTime></date></contribute>
 </metaMetadata>
 <lifeCycle><contribute><role><value>publisher</value></role>
  <entity>BEGIN:VCARD
ORG:Second Life Cycle University
END:VCARD</entity></contribute></lifeCycle>
</lom>"""


# Level terms of every kind, in several taxa, some overriding others (the last one wins).
LEVELS_RECORD = """<lom xmlns="http://ltsc.ieee.org/xsd/LOM">
 <general><title><string language="en">Levels</string></title></general>
 <classification><purpose><value>educational level</value></purpose>
  <taxonPath><source>ISCED 2011</source>
   <taxon><id>6</id><entry><string language="en">Bachelor or equivalent</string></entry></taxon>
   <taxon><id/><entry>7</entry></taxon></taxonPath>
  <taxonPath><source>http://data.europa.eu/snb/eqf</source>
   <taxon><id>http://data.europa.eu/snb/eqf/7</id><entry>EQF 6</entry><entry>master</entry></taxon>
  </taxonPath>
  <taxonPath><source>NLQF</source><taxon><id>6</id><entry>DQR 5</entry></taxon>
   <taxon><id>bachelor</id><entry>HBO - Associate degree</entry></taxon></taxonPath>
  <taxonPath><source>local levels</source><taxon><id>ISCED level 5</id><entry>4</entry></taxon>
   <taxon><id>master</id></taxon></taxonPath>
 </classification>
 <classification><purpose><value>discipline</value></purpose>
  <taxonPath><source>EQF</source><taxon><id>8</id><entry>doctorate</entry></taxon></taxonPath>
 </classification>
</lom>"""


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
    "repeated_sections": REPEATED_RECORD,
    "levels": LEVELS_RECORD,
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
        fast_reading, engine_reading = fast._read(doc), engine._read(doc)
        for part in _Reading.__slots__:
            assert getattr(fast_reading, part) == getattr(engine_reading, part), part
        for element in fast.select(doc, "classification"):
            assert fast._read_classification(element) == engine._read_classification(element)
        for element in fast.select(doc, "lifecycle/contribute"):
            assert fast._read_contribution(element) == engine._read_contribution(element)
        keywords = [keyword for found in fast._classified(doc) for keyword in found.keywords]
        assert keywords == engine.select(doc, "classification/keyword")
    finally:
        _MEMO.reset(token)


def _levels_term_by_term(taxa: list[_Taxon]) -> tuple[Any, ...]:
    """The four levels of the level terms, each read in a look of its own at every term."""
    eqf = nqf = isced_2011 = cycle = None
    for taxon in taxa:
        for text in [taxon.id, *taxon.entries]:
            if text and (_names_eqf(taxon.source) or _names_eqf(text)):
                eqf = parse_eqf(text) or eqf
            if text and (found := nqf_level(f"{taxon.source} {text}") or nqf_level(text)):
                nqf = found.model_dump()
            if text and (_names_isced_2011(taxon.source) or _names_isced_2011(text)):
                level = isced_2011_level(text)
                isced_2011 = level if level is not None else isced_2011
        for entry in taxon.entries:
            cycle = parse_qf_ehea(entry) or cycle
    return eqf, nqf, isced_2011, cycle


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_the_levels_read_at_once_are_those_read_level_by_level(name: str) -> None:
    mapping = LomMapping()
    token = _MEMO.set(_RecordMemo())
    try:
        doc = mapping.load(RawInput(payload=PAYLOADS[name], format="lom"))
        expected = _levels_term_by_term(mapping._level_terms(doc))
        assert tuple(mapping._levels(doc)) == expected
    finally:
        _MEMO.reset(token)


def test_the_level_terms_are_read_at_all() -> None:
    record = LomMapping().map(RawInput(payload=LEVELS_RECORD, format="lom"))
    assert record.level.eqf == 6  # the entry after the id: the last term that names one
    assert record.level.isced_2011 == 5
    assert record.level.nqf is not None and record.level.nqf.country == "DE"
    assert record.level.qf_ehea == "short"  # an entry; the id "bachelor" is not read as one


def test_repeated_sections_are_read_in_document_order() -> None:
    # (What the comparisons above rest on: the record's parts are read at all.)
    record = LomMapping().map(RawInput(payload=REPEATED_RECORD, format="lom"))
    assert record.title == {"en": "First title", "nl": "Tweede titel"}
    assert record.description == {"en": "The second part.\n\nWorth 3 ECTS."}
    assert record.identifiers == ["urn:first", "urn:second"]
    assert record.url == "https://example.org/offer"
    assert record.participation.languages == ["de"]
    assert record.subject.keywords == ["no credits here", "second part"]
    assert record.workload.ects == 3
    assert record.workload.hours == 30  # (a duration in days states no hours)
    assert record.duration == "P2D"
    assert record.level.qf_ehea == "second"
    assert record.price == "0"
    assert record.provider is not None
    assert record.provider.name == {"und": "Second Life Cycle University"}
    assert record.updated is not None and record.updated.year == 2023


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


def test_taxa_are_read_under_a_purpose_an_element_reads_however_many_purposes_there_are() -> None:
    payload = LEVELS_RECORD.replace(
        "<classification><purpose><value>discipline</value></purpose>",
        "<classification><purpose><value>access rights</value></purpose>"
        "<purpose><value>Discipline</value></purpose>"
        "<taxonPath><source>ISCED-F</source><taxon><id>0612</id></taxon></taxonPath>",
    )
    record = LomMapping().map(RawInput(payload=payload, format="lom"))
    assert record.subject.isced == ["0612"]
    access_only = payload.replace("<purpose><value>Discipline</value></purpose>", "")
    assert LomMapping().map(RawInput(payload=access_only, format="lom")).subject.isced == []


def test_asking_for_the_taxa_of_a_purpose_that_is_not_read_is_an_error_not_nothing() -> None:
    mapping = LomMapping()
    doc = mapping.load(RawInput(payload=LEVELS_RECORD, format="lom"))
    with pytest.raises(ValueError, match="not read"):
        mapping._taxa(doc, "access rights")
