"""XCRI-CAP 1.2 courses (``http://xcri.org/profiles/1.2/catalog``) onto ``Record``.

One payload is one ``<course>`` element with its ``<presentation>`` elements inside, as the
XCRI-CAP spider emits it. Elements are matched by local name, so ``dc:``, ``dcterms:``,
``mlo:`` and ``credit:`` children and the catalogue's default namespace read alike.

What the mapping assumes and decides:

- Provider: a ``<course>`` payload does not hold its provider. The mapping reads, in order, an
  enclosing ``<provider>`` (the spider may emit ``<provider>`` with its ``dc:title``,
  ``mlo:url``, ``dc:identifier`` and ``mlo:location`` around the course, or the whole
  ``<catalog>``), a ``<provider>`` / ``mlo:provider`` child of the course, else a
  ``dc:publisher`` name. Its ``dc:identifier``s with an ``xsi:type`` (``...:ukprn``) become
  identifiers under that scheme; an http(s) identifier or ``mlo:url`` its website. A country
  comes only from a ``country`` element of its ``mlo:location``, else of the venue's.
- ``dc:description`` by ``xsi:type``: none -> description (else ``abstract``);
  ``learningOutcome`` -> learning outcomes, one per XHTML list item (an ``aim``, else an
  XCRI 1.1 ``mlo:objective``, only when no outcome is given); ``assessmentStrategy`` and
  ``mlo:assessment`` -> assessment text, read for the DEQAR type; ``entryProfile``,
  ``prerequisites`` and ``mlo:prerequisite`` -> prerequisites; ``metadataKeywords`` ->
  keywords. Other types are not mapped.
- ``dc:subject``: ISCED-F codes when the subject says it is ISCED (``xsi:type`` or identifier
  scheme) or is a known code; other subjects are keywords, except bare codes (a subject whose
  text is its own identifier, ``KC.3``).
- ``mlo:credit``: scheme ``ECTS`` gives ECTS; ``CATS`` gives half its value in ECTS, marked
  derived; a stated ECTS value wins. Other schemes (SCQF, a university's own) are not ECTS.
  Credit levels are the scheme's own (FHEQ, SCQF), not EQF levels, and are not mapped.
- ``mlo:qualification``: ``dcterms:educationLevel`` / ``level`` give the EQF level when they
  name the EQF and the QF-EHEA cycle when they name one (``Undergraduate`` is first cycle);
  ``awardedBy`` is an awarding body when it is not the provider.
- Presentations: dates, duration, price and the application URL come from the presentation
  that starts first (``dtf`` attribute or ISO text), else the first listed. Mode and schedule
  are taken when every presentation that states one agrees; XCRI codes are read by their
  ``identifier`` (attendanceMode ``CM``/``NC``/``WB`` onsite, ``DS`` online, ``DA``/``MM``
  blended; studyMode ``FT``/``PF`` full-time, ``PT`` part-time), else the words.
  Languages of instruction are gathered from every presentation.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from mappings import vocab
from mappings.base import (
    XML_LANG,
    Field,
    LangTexts,
    Text,
    XmlMapping,
    child_text,
    children,
    local_name,
)
from mappings.normalise import (
    clean_text,
    country_code,
    http_url,
    iso_duration,
    lang_text,
    language_code,
    parse_assessment,
    parse_date,
    parse_ects,
    parse_eqf,
    parse_isced,
    parse_mode,
    parse_number,
    parse_qf_ehea,
    parse_schedule,
)
from mappings.registry import register
from mappings.schema import Mode

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

# XCRI-CAP 1.2 attendanceMode and studyMode vocabularies, by term identifier.
ATTENDANCE_MODES = {
    "CM": Mode.ONSITE,  # Campus
    "NC": Mode.ONSITE,  # Face-to-face non-campus
    "WB": Mode.ONSITE,  # Work-based
    "DS": Mode.ONLINE,  # Distance without attendance
    "DA": Mode.BLENDED,  # Distance with attendance
    "MM": Mode.BLENDED,  # Mixed mode
}
STUDY_MODES = {"FT": "full-time", "PF": "full-time", "PT": "part-time"}

_CATS = re.compile(r"\bcats\b|credit accumulation and transfer", re.I)
_ECTS = re.compile(r"\bects\b|european credit transfer", re.I)
_EQF = re.compile(r"\beqf\b|european qualifications", re.I)
_ISCED = re.compile(r"isced", re.I)

_DESCRIPTION = ""
_OUTCOME_TYPES = ("learningoutcome",)
_AIM_TYPES = ("aim",)
# XCRI-CAP 1.1 wrote objectives as mlo:objective; read like an aim.
_OBJECTIVE = "objective"
_ASSESSMENT_TYPES = ("assessmentstrategy",)
_PREREQUISITE_TYPES = ("entryprofile", "prerequisites")
_KEYWORD_TYPES = ("metadatakeywords",)


def xsi_type(element: etree._Element) -> str:
    """The local part of an element's ``xsi:type``, lower-cased (``"learningoutcome"``)."""
    value = element.get(XSI_TYPE) or ""
    return value.rsplit(":", 1)[-1].strip().lower()


def cats_to_ects(value: float) -> float:
    """ECTS for UK CATS credits: two CATS credits are one ECTS credit."""
    return value / 2


# XHTML elements that end a line of text: their text must not run into the next one.
_BLOCKS = frozenset({"p", "div", "li", "br", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4"})


def _flat(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            gap = " " if local_name(child) in _BLOCKS else ""
            parts += [gap, _flat(child), gap]
        parts.append(child.tail or "")
    return "".join(parts)


def _text(element: etree._Element) -> str:
    """The cleaned text of an element, XHTML paragraphs and list items kept apart."""
    return clean_text(_flat(element))


def _date(element: etree._Element) -> str | None:
    """An ISO date: the ``dtf`` attribute, else the text when it is one."""
    for value in (element.get("dtf"), _text(element)):
        if value and parse_date(value.strip()):
            return value.strip()
    return None


@register
class XcriCapMapping(XmlMapping):
    """XCRI-CAP 1.2 ``<course>`` elements."""

    format = "xcri-cap"
    record_element = ("course",)

    remote_id = Field()
    identifiers = Field()
    url = Text("url", using=http_url)
    title = LangTexts("title", join=None)
    description = Field()
    provider = Field()
    awarding_bodies = Field()
    learning_outcomes = Field()
    workload = Field()
    eqf = Field(to="level.eqf")
    qf_ehea = Field(to="level.qf_ehea")
    isced = Field(to="subject.isced")
    keywords = Field(to="subject.keywords")
    assessment = Field()
    prerequisites = Field()
    mode = Field(to="participation.mode")
    schedule = Field(to="participation.schedule")
    languages = Field(to="participation.languages")
    start_date = Field()
    end_date = Field()
    duration = Field()
    price = Field()
    enrolment_url = Field()

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        if isinstance(node, str):
            return [(None, node)]
        text = _text(node)
        return [(node.get(XML_LANG), text)] if text else []

    # --- texts of the course -----------------------------------------------------------

    def _descriptions(self, course: etree._Element, *types: str) -> list[etree._Element]:
        return [node for node in children(course, "description") if xsi_type(node) in types]

    def _pairs(self, nodes: list[etree._Element]) -> list[tuple[str | None, str]]:
        return [pair for node in nodes for pair in self.texts(node)]

    def prepare_description(self, course: etree._Element) -> dict[str, str]:
        untyped = self._descriptions(course, _DESCRIPTION)
        return lang_text(self._pairs(untyped)) or lang_text(
            self._pairs(children(course, "abstract"))
        )

    def prepare_learning_outcomes(self, course: etree._Element) -> list[dict[str, Any]]:
        nodes = (
            self._descriptions(course, *_OUTCOME_TYPES)
            or self._descriptions(course, *_AIM_TYPES)
            or children(course, _OBJECTIVE)
        )
        outcomes: list[dict[str, Any]] = []
        for node in nodes:
            items = [item for item in node.iter() if local_name(item) == "li"] or [node]
            for item in items:
                text = lang_text([(node.get(XML_LANG), _text(item))])
                if text and {"text": text} not in outcomes:
                    outcomes.append({"text": text})
        return outcomes

    def prepare_assessment(self, course: etree._Element) -> dict[str, Any]:
        nodes = self._descriptions(course, *_ASSESSMENT_TYPES) + children(course, "assessment")
        text = lang_text(self._pairs(nodes))
        found = next((kind for value in text.values() if (kind := parse_assessment(value))), None)
        return {"type": found, "text": text}

    def prepare_prerequisites(self, course: etree._Element) -> dict[str, str]:
        nodes = self._descriptions(course, *_PREREQUISITE_TYPES) + children(course, "prerequisite")
        return lang_text(self._pairs(nodes))

    # --- identifiers and subjects ------------------------------------------------------

    def _identifiers(self, course: etree._Element) -> list[str]:
        found: list[str] = []
        for node in children(course, "identifier"):
            text = _text(node)
            if text and text not in found:
                found.append(text)
        return found

    def prepare_remote_id(self, course: etree._Element) -> str | None:
        return next(iter(self._identifiers(course)), None)

    def prepare_identifiers(self, course: etree._Element) -> list[str]:
        url = self.extract("url", course)
        return [value for value in self._identifiers(course)[1:] if value != url]

    def _subjects(self, course: etree._Element) -> list[tuple[list[str], str]]:
        """``(ISCED-F codes, keyword)`` of every ``dc:subject``; one of the two is empty."""
        subjects = []
        for node in children(course, "subject"):
            text = _text(node)
            code = clean_text(node.get("identifier"))
            scheme = f"{node.get(XSI_TYPE) or ''} {node.get('scheme') or ''}"
            if _ISCED.search(scheme):
                codes = parse_isced(f"ISCED {code}") or parse_isced(f"ISCED {text}")
            else:
                codes = parse_isced(code) if vocab.is_isced(code) else []
                codes = codes or (parse_isced(text) if "isced" in text.lower() else [])
            keyword = "" if codes or not text or text == code else text
            subjects.append((codes, keyword))
        return subjects

    def prepare_isced(self, course: etree._Element) -> list[str]:
        found: list[str] = []
        for codes, _ in self._subjects(course):
            found += [code for code in codes if code not in found]
        return found

    def prepare_keywords(self, course: etree._Element) -> list[str]:
        keywords = [keyword for _, keyword in self._subjects(course) if keyword]
        for node in self._descriptions(course, *_KEYWORD_TYPES):
            keywords += [clean_text(part) for part in _text(node).split(",")]
        unique: dict[str, str] = {}
        for keyword in keywords:
            if keyword:
                unique.setdefault(keyword.casefold(), keyword)
        return list(unique.values())

    # --- credits and qualification -----------------------------------------------------

    def prepare_workload(self, course: etree._Element) -> dict[str, Any]:
        """A stated ECTS value, else CATS halved and marked derived."""
        cats: float | None = None
        for credit in children(course, "credit"):
            scheme = child_text(credit, "scheme")
            value = child_text(credit, "value")
            if _ECTS.search(scheme):
                ects = parse_ects(value)
                if ects is not None:
                    return {"ects": ects}
            elif _CATS.search(scheme) and cats is None:
                number = parse_number(value)
                cats = number if number is not None and number >= 0 else None
        return {"ects": cats_to_ects(cats), "ects_derived": True} if cats is not None else {}

    def _level_texts(self, course: etree._Element) -> list[str]:
        return [
            _text(node)
            for qualification in children(course, "qualification")
            for node in children(qualification, "educationlevel", "level")
            if _text(node)
        ]

    def prepare_eqf(self, course: etree._Element) -> int | None:
        for qualification in children(course, "qualification"):
            for node in children(qualification, "educationlevel", "level"):
                scheme = f"{node.get(XSI_TYPE) or ''} {_text(node)}"
                if _EQF.search(scheme) and (level := parse_eqf(_text(node))):
                    return level
        return None

    def prepare_qf_ehea(self, course: etree._Element) -> str | None:
        return next(
            (cycle for text in self._level_texts(course) if (cycle := parse_qf_ehea(text))), None
        )

    def prepare_awarding_bodies(self, course: etree._Element) -> list[dict[str, Any]]:
        provider = self.prepare_provider(course) or {}
        provider_names = set((provider.get("name") or {}).values())
        bodies: list[dict[str, Any]] = []
        for qualification in children(course, "qualification"):
            for node in children(qualification, "awardedby"):
                name = _text(node)
                body = {"name": lang_text([(node.get(XML_LANG), name)])}
                if name and name not in provider_names and body not in bodies:
                    bodies.append(body)
        return bodies

    # --- provider ----------------------------------------------------------------------

    def prepare_provider(self, course: etree._Element) -> dict[str, Any] | None:
        holders = [
            ancestor for ancestor in course.iterancestors() if local_name(ancestor) == "provider"
        ]
        holders += children(course, "provider")
        for holder in holders:
            organisation = self._organisation(holder)
            if organisation:
                organisation["country"] = organisation["country"] or self._venue_country(course)
                return organisation
        publisher = [(node.get(XML_LANG), _text(node)) for node in children(course, "publisher")]
        name = lang_text(publisher, join=None)
        if name:
            return {"name": name, "country": self._venue_country(course)}
        return None

    def _organisation(self, holder: etree._Element) -> dict[str, Any] | None:
        name = lang_text(self._pairs(children(holder, "title")), join=None)
        if not name:
            return None
        identifiers: dict[str, str] = {}
        for node in children(holder, "identifier"):
            scheme = xsi_type(node)
            if scheme:
                identifiers.setdefault(scheme, _text(node))
        website = next(
            (
                url
                for node in children(holder, "url") + children(holder, "identifier")
                if not xsi_type(node) and (url := http_url(_text(node)))
            ),
            None,
        )
        if website:
            identifiers["website"] = website
        return {
            "name": name,
            "country": _location_country(holder),
            "identifiers": identifiers,
        }

    def _venue_country(self, course: etree._Element) -> str | None:
        for venue in self.select(course, "presentation/venue/provider"):
            if country := _location_country(venue):
                return country
        return None

    # --- presentations -----------------------------------------------------------------

    def _presentations(self, course: etree._Element) -> list[etree._Element]:
        return children(course, "presentation")

    def _primary(self, course: etree._Element) -> etree._Element | None:
        """The presentation that starts first, else the first listed."""
        presentations = self._presentations(course)
        dated = [
            (start, position)
            for position, presentation in enumerate(presentations)
            for node in children(presentation, "start")[:1]
            if (start := _date(node))
        ]
        if dated:
            return presentations[min(dated)[1]]
        return presentations[0] if presentations else None

    def _primary_child(self, course: etree._Element, *names: str) -> etree._Element | None:
        primary = self._primary(course)
        found = children(primary, *names) if primary is not None else []
        return found[0] if found else None

    def prepare_start_date(self, course: etree._Element) -> str | None:
        node = self._primary_child(course, "start")
        return _date(node) if node is not None else None

    def prepare_end_date(self, course: etree._Element) -> str | None:
        node = self._primary_child(course, "end")
        return _date(node) if node is not None else None

    def prepare_duration(self, course: etree._Element) -> str | None:
        node = self._primary_child(course, "duration")
        if node is None:
            return None
        return iso_duration(node.get("interval")) or iso_duration(_text(node))

    def prepare_price(self, course: etree._Element) -> str | None:
        node = self._primary_child(course, "cost")
        return (_text(node) or None) if node is not None else None

    def prepare_enrolment_url(self, course: etree._Element) -> str | None:
        node = self._primary_child(course, "applyto")
        return http_url(_text(node)) if node is not None else None

    def prepare_languages(self, course: etree._Element) -> list[str]:
        found: list[str] = []
        for presentation in self._presentations(course):
            for node in children(presentation, "languageofinstruction"):
                code = language_code(_text(node))
                if code and code not in found:
                    found.append(code)
        return found

    def _agreed(self, values: list[Any]) -> Any:
        found = {value for value in values if value}
        return found.pop() if len(found) == 1 else None

    def prepare_mode(self, course: etree._Element) -> Mode | None:
        return self._agreed([_mode(p) for p in self._presentations(course)])

    def prepare_schedule(self, course: etree._Element) -> str | None:
        return self._agreed([_schedule(p) for p in self._presentations(course)])


def _mode(presentation: etree._Element) -> Mode | None:
    """attendanceMode by code, else its words, else the attendance pattern's words."""
    for node in children(presentation, "attendancemode"):
        code = (node.get("identifier") or "").strip().upper()
        if code in ATTENDANCE_MODES:
            return ATTENDANCE_MODES[code]
        if mode := parse_mode(_text(node)):
            return mode
    for node in children(presentation, "attendancepattern"):
        if mode := parse_mode(_text(node)):
            return mode
    return None


def _schedule(presentation: etree._Element) -> str | None:
    """studyMode by code, else its words, else the attendance pattern's words."""
    for node in children(presentation, "studymode"):
        code = (node.get("identifier") or "").strip().upper()
        if code in STUDY_MODES:
            return STUDY_MODES[code]
        if schedule := parse_schedule(_text(node)):
            return schedule
    for node in children(presentation, "attendancepattern"):
        if schedule := parse_schedule(_text(node)):
            return schedule
    return None


def _location_country(holder: etree._Element) -> str | None:
    """A ``country`` of the holder's ``mlo:location``, or an address line typed as the country.

    XCRI-CAP 1.2 locations have no country element (the standard is UK-only); feeds that
    state one write a ``country`` element or an ``mlo:address`` typed ``country``.
    """
    for location in children(holder, "location"):
        for node in children(location, "country", "address"):
            kind = f"{node.get('type') or ''} {node.get(XSI_TYPE) or ''}"
            if local_name(node) == "address" and "country" not in kind.lower():
                continue
            if country := country_code(node.get("identifier") or _text(node)):
                return country
    return None
