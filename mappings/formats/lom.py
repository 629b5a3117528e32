"""IEEE LOM and NL-LOM (IEEE namespace ``http://ltsc.ieee.org/xsd/LOM`` and the IMS Metadata
1.2 binding ``imsmd_v1p2``) onto ``Record``.

The two bindings differ in case and in names (``lifeCycle`` / ``lifecycle``, ``identifier`` /
``catalogentry``, ``string`` / ``langstring``, ``entity`` / ``centity/vcard``), and real
feeds put LOM children in whatever default namespace the envelope declares, so elements are
matched by local name, without namespace and case.

LOM's layout is fixed, and its records are harvested by the million: a record is read in one
look at each element it maps, section by section (``_Reading``), and every element's hook
reads from that reading, where path declarations would index each element's children and pass
each text through the engine's generic steps (9% more instructions per record). The tests in
``tests/mappings/test_lom_one_look.py`` hold the reading to the paths it stands for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from typing import Any, NamedTuple

from lxml import etree

from mappings.base import (
    EMPTY,
    XML_LANG,
    Field,
    XmlMapping,
    inner_text,
    known_local_name,
    local_name,
    memoised,
)
from mappings.normalise import (
    clean_text,
    country_code,
    find_ects,
    http_url,
    isced_2011_level,
    iso_duration,
    lang_text,
    language_code,
    nqf_level,
    parse_date,
    parse_eqf,
    parse_hours,
    parse_isced,
    parse_qf_ehea,
)
from mappings.registry import register
from mappings.schema import LangText
from mappings.vocab import remembered

# Contributor roles whose entity is the organisation offering the resource, best first. NL-LOM
# (Edurep, Sharekit) names the kind of institution as the role ("hogeschool", "university").
_PROVIDER_ROLES = ("publisher", "content provider", "university", "hogeschool", "mbo", "author")
_ORGANISATION_ROLES = frozenset(_PROVIDER_ROLES) - {"author"}

_VCARD_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)((?:;[^:]*)?):(.*)$")
_VCARD_SEPARATOR = re.compile(r"(?<!\\);")  # between the components of a value
_EQF_HINT = re.compile(r"\beqf\b|/eqf/|european qualifications", re.I)
# ISCED, but neither its fields (ISCED-F) nor ISCED 1997.
_ISCED_2011_HINT = re.compile(r"\bisced(?![- ]?f\b)(?![- ]?(?:19)?97\b)|/isced-2011/", re.I)


# Remembered: taxonomy sources and level terms are a small vocabulary that a feed's records
# repeat, and the patterns are tried at every position of a text.
@remembered(maxsize=4096)
def _names_eqf(text: str) -> bool:
    return bool(_EQF_HINT.search(text))


@remembered(maxsize=4096)
def _names_isced_2011(text: str) -> bool:
    return bool(_ISCED_2011_HINT.search(text))


class _Levels(NamedTuple):
    """Levels named by a level term, or by a record's educational-level classifications."""

    eqf: int | None
    nqf: dict[str, str] | None
    """Shared where remembered: not to be changed."""
    isced_2011: int | None
    qf_ehea: str | None


@remembered(maxsize=4096)
def _term_levels(source: str, text: str) -> _Levels:
    """The levels a level term (a taxon's id or entry) names under its taxonomy's ``source``:
    an EQF level or ISCED 2011 level only under that framework's taxonomy or where the term
    names it (a bare "6" could be any framework's level), an NQF level under a framework's
    taxonomy (source ``NLQF``, term ``6``) or named (``"DQR 6"``), a QF-EHEA cycle by name."""
    eqf = parse_eqf(text) if _names_eqf(source) or _names_eqf(text) else None
    isced_2011 = None
    if _names_isced_2011(source) or _names_isced_2011(text):
        isced_2011 = isced_2011_level(text)
    nqf = nqf_level(f"{source} {text}") or nqf_level(text)
    cycle = parse_qf_ehea(text)
    return _Levels(eqf, nqf.model_dump() if nqf else None, isced_2011, cycle)


_ESCO = re.compile(r"^https?://data\.europa\.eu/esco/")


def parse_vcard(text: str) -> dict[str, list[str]]:
    """Properties of a vCard by upper-case name (``FN``, ``ORG``, ``ADR``, ``URL``).

    Lines are taken one by one after stripping, because LOM feeds indent vCards with the XML
    around them, which would read as folded lines if unfolded by the letter of RFC 6350.
    """
    properties: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = _VCARD_LINE.match(line.strip())
        if match:
            properties.setdefault(match.group(1).upper(), []).append(match.group(3).strip())
    return properties


def _vcard_value(value: str) -> list[str]:
    """Components of a structured vCard value, unescaped."""
    parts = _VCARD_SEPARATOR.split(value)
    return [part.replace("\\,", ",").replace("\\;", ";").strip() for part in parts]


def _read_organisation(vcard: str, name_is_organisation: bool) -> dict[str, Any] | None:
    """The organisation a contributor's vCard names (see ``LomMapping.prepare_provider``)."""
    properties = parse_vcard(vcard)
    names = [_vcard_value(value)[0] for value in properties.get("ORG", [])]
    if name_is_organisation:
        names += [value.replace("\\,", ",") for value in properties.get("FN", [])]
    name = next((clean_text(name).strip(" ,") for name in names if clean_text(name)), "")
    if not name:
        return None
    organisation: dict[str, Any] = {"name": lang_text(name)}
    for address in properties.get("ADR", []):
        components = _vcard_value(address)
        if len(components) >= 7 and (country := country_code(components[6])):
            organisation["country"] = country
            break
    urls = [url for url in map(http_url, properties.get("URL", [])) if url]
    if urls:
        organisation["identifiers"] = {"website": urls[0]}
    return organisation


# Remembered: a feed's records repeat the vCards of a few hundred institutions word for word.
_remembered_organisation = remembered(maxsize=2048, longest=2_000)(_read_organisation)


# Keys in the mapping's memo.
_READING = "\0reading"
_DISCIPLINE = "\0discipline"
_LANGSTRINGS = "\0langstrings"
_LEVEL_TERMS = "\0level terms"
_LEVELS = "\0levels"


# Classification purposes (lower case) whose taxa an element reads. Only theirs are read: a
# classification for any other purpose keeps its purposes and keywords only.
_FOR_DISCIPLINE = ("discipline",)
_FOR_IDEA = ("idea",)
_FOR_LEVEL = ("educational level",)
_FOR_OUTCOMES = ("educational objective", "competency")
_FOR_PREREQUISITES = ("prerequisite",)
_READ_PURPOSES = frozenset(
    _FOR_DISCIPLINE + _FOR_IDEA + _FOR_LEVEL + _FOR_OUTCOMES + _FOR_PREREQUISITES
)


class _Taxon(NamedTuple):
    """A taxon of a classification: its taxon path's source, its id, its entries' texts with
    their languages, and the texts alone (asked for by six elements: made once, as they are
    read, not at each asking)."""

    source: str
    id: str
    pairs: tuple[tuple[str | None, str], ...]
    entries: tuple[str, ...]


class _Contribution(NamedTuple):
    """A contribution of the life cycle: its role (lower case), its vCards' elements (IEEE
    ``entity``, then IMS ``centity/vcard``) and its ``date`` elements."""

    role: str
    cards: list[etree._Element]
    dates: list[etree._Element]


class _Classification(NamedTuple):
    """A classification: its purposes (lower case), its taxa, broad to narrow (none where no
    purpose is one an element reads, ``_READ_PURPOSES``), and its ``keyword`` elements."""

    purposes: frozenset[str]
    taxa: tuple[_Taxon, ...]
    keywords: tuple[etree._Element, ...]


Pairs = list[tuple[str | None, str]]
"""Texts with their language tags (``None`` where not given), in document order."""


class _Reading:
    """What the mapping reads of a LOM record, read in one look at each element on the way
    (``LomMapping._read``): texts as pairs, and the elements that hooks read further.

    Each list holds what its path finds in every section of that name, in document order
    (a record may repeat ``general`` or ``educational``), as the path engine would find it.
    """

    __slots__ = (
        "titles",
        "descriptions",
        "keywords",
        "languages",
        "identifiers",
        "contributions",
        "metadata_dates",
        "locations",
        "url",
        "contexts",
        "learning_times",
        "educational_descriptions",
        "costs",
        "classifications",
    )

    def __init__(self) -> None:
        self.titles: Pairs = []  # general/title
        self.descriptions: Pairs = []  # general/description
        self.keywords: Pairs = []  # general/keyword
        self.languages: Pairs = []  # general/language
        self.identifiers: list[etree._Element] = []  # general/identifier|catalogentry
        self.contributions: list[_Contribution] = []  # lifecycle/contribute
        self.metadata_dates: list[etree._Element] = []  # metametadata/contribute/date
        self.locations: Pairs = []  # technical/location
        self.url: str | None = None  # the first http(s) URL of the locations
        self.contexts: Pairs = []  # educational/context/value
        self.learning_times: Pairs = []  # educational/typicallearningtime/duration|datetime
        self.educational_descriptions: list[etree._Element] = []  # educational/description
        self.costs: Pairs = []  # rights/cost/value
        self.classifications: list[_Classification] = []  # classification


_CURRENT_READING: ContextVar[tuple[etree._Element, _Reading] | None] = ContextVar(
    "lom_reading", default=None
)
"""The record being mapped, and its reading, while ``LomMapping.values`` runs."""


def _first(pairs: Pairs, processor: Callable[[str], Any]) -> Any:
    """The first text that ``processor`` makes a value of (what a ``Text`` declaration
    gives), or ``None``."""
    for _, text in pairs:
        value = processor(text)
        if value not in EMPTY:
            return value
    return None


def _each_once(pairs: Pairs, processor: Callable[[str], Any] | None = None) -> list[Any]:
    """Every value ``processor`` makes of the texts (without one, every text), each once
    (what a ``Texts`` declaration gives)."""
    values: list[Any] = []
    for _, text in pairs:
        value = processor(text) if processor is not None else text
        if value not in EMPTY and value not in values:
            values.append(value)
    return values


def _children_read_once(element: etree._Element, name: str) -> list[etree._Element]:
    """``children(element, name)`` for an element read once: in one look at each child, as
    indexing them (what ``children`` does, for elements walked again and again) costs more.
    (Here and in the other one-look loops, ``local_name`` is called only for a tag not met
    before: a call per child costs more than the look-up. And loops, not comprehensions, which
    cost a function call each, where most lists hold one element.)"""
    found = []
    for child in element[:]:
        if (known_local_name(child.tag) or local_name(child)) == name:
            found.append(child)
    return found


def _cost_price(text: str) -> str | None:
    # LOM rights.cost is yes/no; "no" is a price we can state.
    return "0" if text.strip().lower() == "no" else None


@register
class LomMapping(XmlMapping):
    """IEEE LOM / NL-LOM records (``<lom>``)."""

    format = "lom"
    record_element = ("lom",)
    # LOM's texts are LangStrings and vCards: text only, never elements (markup in a
    # description arrives escaped), so the indentation between elements can go.
    keep_blank_text = False

    # Every element is read from the record's one-look reading (``_reading``), where the
    # path engine would index each element's children and pass each text through the
    # declarations' generic steps: LOM's layout is fixed, so the record is read section by
    # section, each element once, in document order. The hooks say which elements they read.
    title = Field()
    description = Field()
    keywords = Field(to="subject.keywords")
    languages = Field(to="participation.languages")
    url = Field()
    identifiers = Field()
    provider = Field()
    isced = Field(to="subject.isced")
    classification_keywords = Field(to="subject.keywords")
    eqf = Field(to="level.eqf")
    qf_ehea = Field(to="level.qf_ehea")
    nqf = Field(to="level.nqf")
    isced_2011 = Field(to="level.isced_2011")
    context_qf_ehea = Field(to="level.qf_ehea")
    learning_outcomes = Field()
    prerequisites = Field()
    ects = Field(to="workload.ects")
    hours = Field(to="workload.hours")
    duration = Field()
    price = Field()
    updated = Field()

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        """LangStrings: IEEE ``<string language="..">`` or IMS ``<langstring xml:lang="..">``.

        Read once per element while a record is mapped: keywords and descriptions are read by
        their own elements and again by ``prepare_ects``. (What is handed out is shared: not
        to be changed.)
        """
        if isinstance(node, str):
            return [(None, node)]
        if len(node):
            return memoised(node, _LANGSTRINGS, self._read_texts)
        return self._read_texts(node)

    def _read_texts(self, node: etree._Element) -> list[tuple[str | None, str]]:
        """``texts``, read anew: for the one-look readings below, which read each element
        once, so that remembering it would cost more than it saves."""
        if not len(node):  # no LangStrings: the node's own text (``language``, ``location``)
            text = clean_text(node.text)
            return [(node.get(XML_LANG), text)] if text else []
        # One look at each child (not by ``children``: most nodes are read once, and indexing
        # their children costs more than looking at them).
        pairs = []
        strings = False
        for child in node[:]:
            name = known_local_name(child.tag) or local_name(child)
            if name != "string" and name != "langstring":
                continue
            strings = True
            text = clean_text(child.text if not len(child) else "".join(child.itertext()))
            if text and text != "x-none":  # a placeholder some feeds write for "no text"
                pairs.append((child.get("language") or child.get(XML_LANG), text))
        if not strings:
            return super().texts(node)
        return pairs

    def _text(self, node: etree._Element) -> str:
        """The first text of an element read once (see ``_read_texts``)."""
        if not len(node):  # (its own text: no language to look up)
            return clean_text(node.text)
        pairs = self._read_texts(node)
        return pairs[0][1] if pairs else ""

    # --- the reading -------------------------------------------------------------------

    def values(self, doc: etree._Element) -> dict[str, Any]:
        # The record is read before the hooks run, and handed to them without a look-up in
        # the record's memo: twenty hooks ask for it.
        token = _CURRENT_READING.set((doc, self._read(doc)))
        try:
            return super().values(doc)
        finally:
            _CURRENT_READING.reset(token)

    def _reading(self, doc: etree._Element) -> _Reading:
        """The record read in one look, once per record: every hook reads from it."""
        current = _CURRENT_READING.get()
        if current is not None and current[0] is doc:
            return current[1]
        return memoised(doc, _READING, self._read)  # (a hook called on its own)

    def _read(self, doc: etree._Element) -> _Reading:
        reading = _Reading()
        for section in doc[:]:
            name = known_local_name(section.tag) or local_name(section)
            if name == "general":
                self._read_general(section, reading)
            elif name == "lifecycle":
                for contribute in _children_read_once(section, "contribute"):
                    reading.contributions.append(self._read_contribution(contribute))
            elif name == "metametadata":
                for contribute in _children_read_once(section, "contribute"):
                    reading.metadata_dates += _children_read_once(contribute, "date")
            elif name == "technical":
                for location in _children_read_once(section, "location"):
                    reading.locations += self._read_texts(location)
            elif name == "educational":
                self._read_educational(section, reading)
            elif name == "rights":
                for cost in _children_read_once(section, "cost"):
                    for value in _children_read_once(cost, "value"):
                        reading.costs += self._read_texts(value)
            elif name == "classification":
                reading.classifications.append(self._read_classification(section))
        reading.url = _first(reading.locations, http_url)  # (for two elements)
        return reading

    def _read_general(self, general: etree._Element, reading: _Reading) -> None:
        for child in general[:]:
            name = known_local_name(child.tag) or local_name(child)
            if name == "title":
                reading.titles += self._read_texts(child)
            elif name == "description":
                reading.descriptions += self._read_texts(child)
            elif name == "keyword":
                reading.keywords += self._read_texts(child)
            elif name == "language":
                reading.languages += self._read_texts(child)
            elif name == "identifier" or name == "catalogentry":
                reading.identifiers.append(child)

    def _read_educational(self, educational: etree._Element, reading: _Reading) -> None:
        for child in educational[:]:
            name = known_local_name(child.tag) or local_name(child)
            if name == "context":
                for value in _children_read_once(child, "value"):
                    reading.contexts += self._read_texts(value)
            elif name == "typicallearningtime":
                for time in child[:]:
                    name = known_local_name(time.tag) or local_name(time)
                    if name == "duration" or name == "datetime":
                        reading.learning_times += self._read_texts(time)
            elif name == "description":
                reading.educational_descriptions.append(child)

    # --- general, technical, educational, rights ------------------------------------------

    def prepare_title(self, doc: etree._Element) -> LangText:
        """``general/title``: the first text in each language."""
        return lang_text(self._reading(doc).titles, join=None, clean=False)

    def prepare_description(self, doc: etree._Element) -> LangText:
        """``general/description``, joined per language."""
        return lang_text(self._reading(doc).descriptions, clean=False)

    def prepare_keywords(self, doc: etree._Element) -> list[str]:
        """``general/keyword``, each text once."""
        return _each_once(self._reading(doc).keywords)

    def prepare_languages(self, doc: etree._Element) -> list[str]:
        """``general/language`` as ISO 639-1 codes."""
        return _each_once(self._reading(doc).languages, language_code)

    def prepare_url(self, doc: etree._Element) -> str | None:
        """``technical/location``: the first http(s) URL."""
        return self._reading(doc).url

    def prepare_context_qf_ehea(self, doc: etree._Element) -> str | None:
        """``educational/context/value`` naming a cycle ("WO", "HBO - Bachelor"): the cycle,
        where the educational-level classifications name none."""
        return _first(self._reading(doc).contexts, parse_qf_ehea)

    def prepare_hours(self, doc: etree._Element) -> float | None:
        """``educational/typicalLearningTime`` (``duration``, IMS ``datetime``) in hours."""
        return _first(self._reading(doc).learning_times, parse_hours)

    def prepare_duration(self, doc: etree._Element) -> str | None:
        """``educational/typicalLearningTime`` as an ISO 8601 duration."""
        return _first(self._reading(doc).learning_times, iso_duration)

    def prepare_price(self, doc: etree._Element) -> str | None:
        """``rights/cost/value``: "no" is a price of 0."""
        return _first(self._reading(doc).costs, _cost_price)

    def prepare_identifiers(self, doc: etree._Element) -> list[str]:
        """``general.identifier`` (IEEE) or ``general.catalogentry`` (IMS) entries but the URL."""
        url = self.prepare_url(doc)
        found = []
        for identifier in self._reading(doc).identifiers:
            for entry in _children_read_once(identifier, "entry"):
                value = self._text(entry)
                if value and value != url and value not in found:
                    found.append(value)
        return found

    def prepare_provider(self, doc: etree._Element) -> dict[str, Any] | None:
        """The first contributor in role order publisher, content provider, institution, author.

        The organisation (vCard ``ORG``) is taken, or for organisational roles the formatted
        name (``FN``); an author's own name is a person, not a provider.
        """
        cards: dict[str, list[etree._Element]] = {}
        for contribution in self._reading(doc).contributions:
            if contribution.role in _PROVIDER_ROLES:
                cards.setdefault(contribution.role, []).extend(contribution.cards)
        # vCards are read best role first, up to the first that names an organisation.
        for role in _PROVIDER_ROLES:
            for card in cards.get(role, ()):
                # The vCard's line breaks matter: read its raw text, not the cleaned one.
                organisation = self._organisation(inner_text(card), role in _ORGANISATION_ROLES)
                if organisation:
                    return organisation
        return None

    def _read_contribution(self, contribute: etree._Element) -> _Contribution:
        """A contribution in one look at each of its elements (see ``_read_classification``)."""
        values: list[etree._Element] = []  # role/value
        entities: list[etree._Element] = []  # entity (IEEE)
        vcards: list[etree._Element] = []  # centity/vcard (IMS)
        dates: list[etree._Element] = []
        for child in contribute[:]:
            name = known_local_name(child.tag) or local_name(child)
            if name == "role":
                values += _children_read_once(child, "value")
            elif name == "entity":
                entities.append(child)
            elif name == "centity":
                vcards += _children_read_once(child, "vcard")
            elif name == "date":
                dates.append(child)
        role = self._text(values[0]).lower() if values else ""
        return _Contribution(role, entities + vcards, dates)

    @staticmethod
    def _organisation(vcard: str, name_is_organisation: bool) -> dict[str, Any] | None:
        found = _remembered_organisation(vcard, name_is_organisation)
        if found is None:
            return None
        # A copy: what is remembered must not change with the record it goes into.
        organisation = dict(found)
        organisation["name"] = dict(found["name"])
        if "identifiers" in found:
            organisation["identifiers"] = dict(found["identifiers"])
        return organisation

    # --- classification ----------------------------------------------------------------
    #
    # Eight elements read the classifications (by purpose, taxon by taxon): they are read
    # once per record, purposes and taxa in one look at each classification.

    def _classified(self, doc: etree._Element) -> list[_Classification]:
        """Every classification of the record, in document order."""
        return self._reading(doc).classifications

    def _read_classification(self, classification: etree._Element) -> _Classification:
        """Purposes, taxa and keywords of a classification, in one look at each of its elements
        (each is read once: indexing their children would cost more than looking at them)."""
        purposes = []
        paths = []
        keywords = []
        for child in classification[:]:
            name = known_local_name(child.tag) or local_name(child)
            if name == "purpose":
                for value in _children_read_once(child, "value"):
                    purposes.append(self._text(value).lower())
            elif name == "taxonpath":
                paths.append(child)
            elif name == "keyword":
                keywords.append(child)
        read_for = frozenset(purposes)
        taxa: list[_Taxon] = []
        if not read_for.isdisjoint(_READ_PURPOSES):  # (NL-LOM's access rights, for one, are not)
            for path in paths:
                taxa += self._read_taxon_path(path)
        return _Classification(read_for, tuple(taxa), tuple(keywords))

    def _read_taxon_path(self, path: etree._Element) -> list[_Taxon]:
        """The taxa of a taxon path, with the path's source."""
        sources = []
        taxa = []
        for child in path[:]:
            name = known_local_name(child.tag) or local_name(child)
            if name == "source":
                sources.append(child)
            elif name == "taxon":
                taxa.append(child)
        if len(sources) == 1:  # (the usual one, without a list to join)
            source = self._text(sources[0])
        else:
            source = " ".join([self._text(node) for node in sources])
        found = []
        for taxon in taxa:
            taxon_id: str | None = None
            pairs: list[tuple[str | None, str]] = []
            for child in taxon[:]:
                name = known_local_name(child.tag) or local_name(child)
                if name == "entry":
                    pairs += self._read_texts(child)
                elif name == "id" and taxon_id is None:  # the first ``id``, as ``child_text``
                    taxon_id = clean_text(inner_text(child))
            if len(pairs) == 1:  # (the usual one, without a comprehension)
                entries: tuple[str, ...] = (pairs[0][1],)
            else:
                entries = tuple([text for _, text in pairs])
            found.append(_Taxon(source, taxon_id or "", tuple(pairs), entries))
        return found

    def _taxa(self, doc: etree._Element, *purposes: str) -> list[_Taxon]:
        """The taxa of the classifications with one of ``purposes``, in document order."""
        if not _READ_PURPOSES.issuperset(purposes):
            raise ValueError(f"the taxa of {purposes} are not read: add them to _READ_PURPOSES")
        found: list[_Taxon] = []
        for classification in self._classified(doc):
            if not classification.purposes.isdisjoint(purposes):
                found += classification.taxa
        return found

    def _discipline(self, doc: etree._Element) -> tuple[list[str], list[str]]:
        """ISCED-F codes and other terms of the discipline classifications."""
        return memoised(doc, _DISCIPLINE, self._read_discipline)

    def _read_discipline(self, doc: etree._Element) -> tuple[list[str], list[str]]:
        codes: list[str] = []
        terms: list[str] = []
        for taxon in self._taxa(doc, *_FOR_DISCIPLINE):
            # Under an ISCED taxonomy a bare id ("10") is a code too.
            prefix = "ISCED " if "isced" in taxon.source.lower() else ""
            found = parse_isced(prefix + taxon.id) if taxon.id else []
            found = found or [code for entry in taxon.entries for code in parse_isced(entry)]
            if found:
                codes += [code for code in found if code not in codes]
            else:
                terms += [entry for entry in taxon.entries if entry not in terms]
        return codes, terms

    def prepare_isced(self, doc: etree._Element) -> list[str]:
        return list(self._discipline(doc)[0])

    def prepare_classification_keywords(self, doc: etree._Element) -> list[str]:
        """Discipline terms that are not ISCED-F, ideas, and classification keywords."""
        terms = list(self._discipline(doc)[1])
        for taxon in self._taxa(doc, *_FOR_IDEA):
            terms += [entry for entry in taxon.entries if entry not in terms]
        for classification in self._classified(doc):  # (``classification/keyword``)
            for keyword in classification.keywords:
                terms += [text for _, text in self._read_texts(keyword) if text not in terms]
        return terms

    def _level_terms(self, doc: etree._Element) -> list[_Taxon]:
        """The taxa of the educational-level classifications, read once per record for the
        four levels (EQF, NQF, ISCED 2011, QF-EHEA)."""
        return memoised(doc, _LEVEL_TERMS, self._read_level_terms)

    def _read_level_terms(self, doc: etree._Element) -> list[_Taxon]:
        return self._taxa(doc, *_FOR_LEVEL)

    # The four levels are read in one look at the level terms: a term is read for all four at
    # once (and remembered: a feed's records repeat a few terms).

    def _levels(self, doc: etree._Element) -> _Levels:
        return memoised(doc, _LEVELS, self._read_levels)

    def _read_levels(self, doc: etree._Element) -> _Levels:
        """The most specific level of each kind in the educational-level classifications: the
        last term, in document order, that names one."""
        eqf = nqf = isced_2011 = qf_ehea = None
        for taxon in self._level_terms(doc):
            for index, text in enumerate([taxon.id, *taxon.entries]):
                if not text:
                    continue
                found = _term_levels(taxon.source, text)
                eqf = found.eqf or eqf
                nqf = found.nqf or nqf
                isced_2011 = found.isced_2011 if found.isced_2011 is not None else isced_2011
                if index:  # an entry: the id is a code, never a cycle's name
                    qf_ehea = found.qf_ehea or qf_ehea
        return _Levels(eqf, nqf, isced_2011, qf_ehea)

    def prepare_eqf(self, doc: etree._Element) -> int | None:
        """The most specific EQF level of the educational-level classifications.

        Only terms under an EQF taxonomy or naming EQF count: a bare "6" could be any
        framework's level.
        """
        return self._levels(doc).eqf

    def prepare_nqf(self, doc: etree._Element) -> dict[str, str] | None:
        """The most specific NQF level of the educational-level classifications: a term under
        a framework's taxonomy (source ``NLQF``, term ``6``) or naming one (``"DQR 6"``)."""
        level = self._levels(doc).nqf
        return dict(level) if level else None  # (a copy: what is remembered is shared)

    def prepare_isced_2011(self, doc: etree._Element) -> int | None:
        """The most specific ISCED 2011 level of the educational-level classifications: a term
        under an ISCED taxonomy (a bare digit counts there) or naming ISCED."""
        return self._levels(doc).isced_2011

    def prepare_qf_ehea(self, doc: etree._Element) -> str | None:
        """The most specific QF-EHEA cycle named in the entries of the educational-level
        classifications."""
        return self._levels(doc).qf_ehea

    def _outcomes(self, doc: etree._Element, *purposes: str) -> list[dict[str, Any]]:
        outcomes: list[dict[str, Any]] = []
        for taxon in self._taxa(doc, *purposes):
            text = lang_text(taxon.pairs, clean=False)
            outcome: dict[str, Any] = {"text": text}
            if _ESCO.match(taxon.id):
                outcome["esco"] = [taxon.id]
            if text and outcome not in outcomes:
                outcomes.append(outcome)
        return outcomes

    def prepare_learning_outcomes(self, doc: etree._Element) -> list[dict[str, Any]]:
        """Taxa classified as educational objective or competency."""
        return self._outcomes(doc, *_FOR_OUTCOMES)

    def prepare_prerequisites(self, doc: etree._Element) -> dict[str, str]:
        """Taxa classified as prerequisite, joined per language."""
        pairs = [pair for taxon in self._taxa(doc, *_FOR_PREREQUISITES) for pair in taxon.pairs]
        return lang_text(pairs, join="; ", clean=False)

    # --- workload, dates ---------------------------------------------------------------

    def prepare_ects(self, doc: etree._Element) -> float | None:
        """ECTS stated in a keyword or description ("5 ECTS"); LOM has no element for it.
        Read in ``general/keyword``, ``general/description``, then ``educational/description``."""
        reading = self._reading(doc)
        for pairs in (reading.keywords, reading.descriptions):
            for _, text in pairs:
                if (ects := find_ects(text)) is not None:
                    return ects
        for description in reading.educational_descriptions:
            for _, text in self._read_texts(description):
                if (ects := find_ects(text)) is not None:
                    return ects
        return None

    def prepare_updated(self, doc: etree._Element) -> datetime | None:
        """The latest contribution date of the life cycle or the metadata."""
        reading = self._reading(doc)
        nodes: list[etree._Element] = []
        for contribution in reading.contributions:
            nodes += contribution.dates
        nodes += reading.metadata_dates
        dates = []
        for node in nodes:
            for value in _children_read_once(node, "datetime"):
                if (parsed := parse_date(clean_text(value.text))) is not None:
                    dates.append(parsed)
        return max(dates) if dates else None
