"""IEEE LOM and NL-LOM (IEEE namespace ``http://ltsc.ieee.org/xsd/LOM`` and the IMS Metadata
1.2 binding ``imsmd_v1p2``) onto ``Record``.

The two bindings differ in case and in names (``lifeCycle`` / ``lifecycle``, ``identifier`` /
``catalogentry``, ``string`` / ``langstring``, ``entity`` / ``centity/vcard``), and real
feeds put LOM children in whatever default namespace the envelope declares, so elements are
matched by local name, without namespace and case.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, NamedTuple

from lxml import etree

from mappings.base import (
    XML_LANG,
    Field,
    LangTexts,
    Text,
    Texts,
    XmlMapping,
    child_text,
    children,
    inner_text,
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

# Contributor roles whose entity is the organisation offering the resource, best first. NL-LOM
# (Edurep, Sharekit) names the kind of institution as the role ("hogeschool", "university").
_PROVIDER_ROLES = ("publisher", "content provider", "university", "hogeschool", "mbo", "author")
_ORGANISATION_ROLES = frozenset(_PROVIDER_ROLES) - {"author"}

_VCARD_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)((?:;[^:]*)?):(.*)$")
_VCARD_SEPARATOR = re.compile(r"(?<!\\);")  # between the components of a value
_EQF_HINT = re.compile(r"\beqf\b|/eqf/|european qualifications", re.I)
# ISCED, but neither its fields (ISCED-F) nor ISCED 1997.
_ISCED_2011_HINT = re.compile(r"\bisced(?![- ]?f\b)(?![- ]?(?:19)?97\b)|/isced-2011/", re.I)
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


# Keys in the mapping's memo.
_CLASSIFIED = "\0classified"
_TAXA = "\0taxa"
_DISCIPLINE = "\0discipline"


class _Taxon(NamedTuple):
    """A taxon of a classification: its taxon path's source, its id and its entries' texts."""

    source: str
    id: str
    pairs: tuple[tuple[str | None, str], ...]

    @property
    def entries(self) -> list[str]:
        return [text for _, text in self.pairs]


class _Classification(NamedTuple):
    """A classification element and its purposes (lower case)."""

    purposes: frozenset[str]
    element: etree._Element


_LANG_STRINGS = frozenset({"string", "langstring"})


def _cost_price(text: str) -> str | None:
    # LOM rights.cost is yes/no; "no" is a price we can state.
    return "0" if text.strip().lower() == "no" else None


@register
class LomMapping(XmlMapping):
    """IEEE LOM / NL-LOM records (``<lom>``)."""

    format = "lom"
    record_element = ("lom",)

    title = LangTexts("general/title", join=None)
    description = LangTexts("general/description")
    keywords = Texts("general/keyword", to="subject.keywords", using=clean_text)
    languages = Texts("general/language", to="participation.languages", using=language_code)
    url = Text("technical/location", using=http_url)
    identifiers = Field()
    provider = Field()
    isced = Field(to="subject.isced")
    classification_keywords = Field(to="subject.keywords")
    eqf = Field(to="level.eqf")
    qf_ehea = Field(to="level.qf_ehea")
    nqf = Field(to="level.nqf")
    isced_2011 = Field(to="level.isced_2011")
    context_qf_ehea = Text("educational/context/value", to="level.qf_ehea", using=parse_qf_ehea)
    learning_outcomes = Field()
    prerequisites = Field()
    ects = Field(to="workload.ects")
    hours = Text(
        "educational/typicallearningtime/duration|datetime", to="workload.hours", using=parse_hours
    )
    duration = Text("educational/typicallearningtime/duration|datetime", using=iso_duration)
    price = Text("rights/cost/value", using=_cost_price)
    updated = Field()

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        """LangStrings: IEEE ``<string language="..">`` or IMS ``<langstring xml:lang="..">``."""
        if isinstance(node, str):
            return [(None, node)]
        if not len(node):  # no LangStrings: the node's own text (``language``, ``location``)
            return super().texts(node)
        # (Not by ``children``: most nodes are read once, and indexing their children costs
        # more than looking at them.)
        strings = [child for child in node[:] if local_name(child) in _LANG_STRINGS]
        if not strings:
            return super().texts(node)
        pairs = []
        for string in strings:
            text = clean_text(inner_text(string))
            if text and text != "x-none":  # a placeholder some feeds write for "no text"
                pairs.append((string.get("language") or string.get(XML_LANG), text))
        return pairs

    def _text(self, node: etree._Element) -> str:
        return next((text for _, text in self.texts(node)), "")

    def prepare_identifiers(self, doc: etree._Element) -> list[str]:
        """``general.identifier`` (IEEE) or ``general.catalogentry`` (IMS) entries but the URL."""
        url = self.extract("url", doc)
        found = []
        for identifier in self.select(doc, "general/identifier|catalogentry"):
            for entry in children(identifier, "entry"):
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
        for contribute in self.select(doc, "lifecycle/contribute"):
            role = next(
                (self._text(value).lower() for value in self.select(contribute, "role/value")), ""
            )
            if role in _PROVIDER_ROLES:
                cards.setdefault(role, []).extend(
                    self.select(contribute, "entity") + self.select(contribute, "centity/vcard")
                )
        # vCards are read best role first, up to the first that names an organisation.
        for role in _PROVIDER_ROLES:
            for card in cards.get(role, ()):
                # The vCard's line breaks matter: read its raw text, not the cleaned one.
                organisation = self._organisation(inner_text(card), role in _ORGANISATION_ROLES)
                if organisation:
                    return organisation
        return None

    @staticmethod
    def _organisation(vcard: str, name_is_organisation: bool) -> dict[str, Any] | None:
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

    # --- classification ----------------------------------------------------------------
    #
    # Eight elements read the classifications (by purpose, taxon by taxon). The purposes are
    # read once per record, and the taxa of a classification once, when a hook asks for them
    # (no hook reads, say, access rights).

    def _classified(self, doc: etree._Element) -> list[_Classification]:
        """Every classification of the record, in document order, read once per record."""
        return memoised(doc, _CLASSIFIED, self._read_classifications)

    def _read_classifications(self, doc: etree._Element) -> list[_Classification]:
        return [
            _Classification(
                frozenset(
                    self._text(value).lower()
                    for value in self.select(classification, "purpose/value")
                ),
                classification,
            )
            for classification in self.select(doc, "classification")
        ]

    def _taxa(self, doc: etree._Element, *purposes: str) -> list[_Taxon]:
        """The taxa of the classifications with one of ``purposes``, in document order."""
        return [
            taxon
            for classification in self._classified(doc)
            if not classification.purposes.isdisjoint(purposes)
            for taxon in memoised(classification.element, _TAXA, self._read_taxa)
        ]

    def _read_taxa(self, classification: etree._Element) -> list[_Taxon]:
        """Every taxon, broad to narrow, with the source of its taxon path."""
        taxa = []
        for path in children(classification, "taxonpath"):
            source = " ".join(self._text(node) for node in children(path, "source"))
            for taxon in children(path, "taxon"):
                entries = children(taxon, "entry")
                pairs = tuple(pair for entry in entries for pair in self.texts(entry))
                taxa.append(_Taxon(source, child_text(taxon, "id"), pairs))
        return taxa

    def _discipline(self, doc: etree._Element) -> tuple[list[str], list[str]]:
        """ISCED-F codes and other terms of the discipline classifications."""
        return memoised(doc, _DISCIPLINE, self._read_discipline)

    def _read_discipline(self, doc: etree._Element) -> tuple[list[str], list[str]]:
        codes: list[str] = []
        terms: list[str] = []
        for taxon in self._taxa(doc, "discipline"):
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
        for taxon in self._taxa(doc, "idea"):
            terms += [entry for entry in taxon.entries if entry not in terms]
        for keyword in self.select(doc, "classification/keyword"):
            terms += [text for _, text in self.texts(keyword) if text not in terms]
        return terms

    def _level_terms(self, doc: etree._Element) -> list[_Taxon]:
        return self._taxa(doc, "educational level")

    def prepare_eqf(self, doc: etree._Element) -> int | None:
        """The most specific EQF level of the educational-level classifications.

        Only terms under an EQF taxonomy or naming EQF count: a bare "6" could be any
        framework's level.
        """
        level = None
        for taxon in self._level_terms(doc):
            under_eqf = bool(_EQF_HINT.search(taxon.source))
            for text in [taxon.id, *taxon.entries]:
                if text and (under_eqf or _EQF_HINT.search(text)):
                    level = parse_eqf(text) or level
        return level

    def prepare_nqf(self, doc: etree._Element) -> dict[str, str] | None:
        """The most specific NQF level of the educational-level classifications: a term under
        a framework's taxonomy (source ``NLQF``, term ``6``) or naming one (``"DQR 6"``)."""
        level = None
        for taxon in self._level_terms(doc):
            for text in [taxon.id, *taxon.entries]:
                if text and (found := nqf_level(f"{taxon.source} {text}") or nqf_level(text)):
                    level = found
        return level.model_dump() if level else None

    def prepare_isced_2011(self, doc: etree._Element) -> int | None:
        """The most specific ISCED 2011 level of the educational-level classifications: a term
        under an ISCED taxonomy (a bare digit counts there) or naming ISCED."""
        level = None
        for taxon in self._level_terms(doc):
            under_isced = bool(_ISCED_2011_HINT.search(taxon.source))
            for text in [taxon.id, *taxon.entries]:
                if text and (under_isced or _ISCED_2011_HINT.search(text)):
                    found = isced_2011_level(text)
                    level = found if found is not None else level
        return level

    def prepare_qf_ehea(self, doc: etree._Element) -> str | None:
        """The most specific QF-EHEA cycle named in the educational-level classifications."""
        cycle = None
        for taxon in self._level_terms(doc):
            for entry in taxon.entries:
                cycle = parse_qf_ehea(entry) or cycle
        return cycle

    def _outcomes(self, doc: etree._Element, *purposes: str) -> list[dict[str, Any]]:
        outcomes: list[dict[str, Any]] = []
        for taxon in self._taxa(doc, *purposes):
            text = lang_text(list(taxon.pairs))
            outcome: dict[str, Any] = {"text": text}
            if _ESCO.match(taxon.id):
                outcome["esco"] = [taxon.id]
            if text and outcome not in outcomes:
                outcomes.append(outcome)
        return outcomes

    def prepare_learning_outcomes(self, doc: etree._Element) -> list[dict[str, Any]]:
        """Taxa classified as educational objective or competency."""
        return self._outcomes(doc, "educational objective", "competency")

    def prepare_prerequisites(self, doc: etree._Element) -> dict[str, str]:
        """Taxa classified as prerequisite, joined per language."""
        pairs = [pair for taxon in self._taxa(doc, "prerequisite") for pair in taxon.pairs]
        return lang_text(pairs, join="; ")

    # --- workload, dates ---------------------------------------------------------------

    def prepare_ects(self, doc: etree._Element) -> float | None:
        """ECTS stated in a keyword or description ("5 ECTS"); LOM has no element for it."""
        for path in ("general/keyword", "general/description", "educational/description"):
            for node in self.select(doc, path):
                for _, text in self.texts(node):
                    if (ects := find_ects(text)) is not None:
                        return ects
        return None

    def prepare_updated(self, doc: etree._Element) -> datetime | None:
        """The latest contribution date of the life cycle or the metadata."""
        dates = [
            parsed
            for path in ("lifecycle/contribute/date", "metametadata/contribute/date")
            for node in self.select(doc, path)
            for value in children(node, "datetime")
            if (parsed := parse_date(clean_text(value.text))) is not None
        ]
        return max(dates) if dates else None
