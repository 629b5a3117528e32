"""Erasmus Without Paper (EWP) Courses API learning opportunity specifications onto ``Record``.

One payload is one ``<learningOpportunitySpecification>`` of a ``<courses-response>``, as the
harvester emits each (the response's wrapper may be kept). Elements are matched by local name
without namespace and case, and both bindings are read: the stable-v1 names
(``los-id``, ``title``, ``iscedCode``, ``subjectArea``, ``specifies/learningOpportunityInstance``
with ``credit/scheme|level|value``, ``languageOfInstruction``, ``engagementHours``) and the
older draft's (``los-code``, ``name``, ``isced-code``, ``eqf-level``,
``learning-opportunity-instance`` with ``<credits scheme="ects">``, ``lang-of-instruction``).

Decisions:

- ``los-id`` is the remote id (else ``los-code``); ``los-code`` is an identifier.
- Dates, credits, language and hours come from the first instance (``LOI``) listed that states
  them; EWP lists a LOS's current instance first. Only credits in the ``ects`` scheme count;
  a credit's ``level`` (``Bachelor``) names the QF-EHEA cycle.
- ``iscedCode`` / ``subjectArea`` give ISCED-F codes only when they are ISCED-F codes
  (``subjectArea`` is often a local code, ``12345``). ``type`` is not mapped.
- The provider is not in the LOS: the Courses API is asked per institution (``hei_id``). A
  ``hei-id`` given as an attribute or child of the LOS, of an ``<organisation>`` inside it or of
  any enclosing element (a harvester may write it on the wrapper) becomes the provider's
  ``schac`` identifier; an ``erasmus-code`` and ``name`` beside it are read too. The country is
  taken from the SCHAC code's country-code top-level domain (``uio.no`` -> NO).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from mappings import vocab
from mappings.base import (
    XML_LANG,
    Field,
    LangTexts,
    Text,
    Texts,
    XmlMapping,
    child_text,
    children,
    local_name,
)
from mappings.normalise import (
    clean_text,
    country_code,
    http_url,
    lang_text,
    language_code,
    parse_ects,
    parse_eqf,
    parse_hours,
    parse_isced,
    parse_qf_ehea,
)
from mappings.registry import register

# stable-v1 nests instances in <specifies>; the draft binding lists them in the LOS.
_INSTANCES = ("specifies/learningopportunityinstance", "learning-opportunity-instance")
_HEI_ID = ("hei-id", "heiid", "hei_id")


def _isced(value: str) -> list[str]:
    return [value] if vocab.is_isced(value) else parse_isced(value)


def _subject_area(value: str) -> list[str]:
    # Only a value that can be nothing but an ISCED-F code: subject areas are often local codes.
    return [value] if vocab.is_isced(value) and (len(value) == 4 or value[0] == "0") else []


def schac_country(hei_id: str) -> str | None:
    """The country of a SCHAC home organisation (``uio.no`` -> ``NO``) by its ccTLD."""
    tld = hei_id.rstrip(".").rsplit(".", 1)[-1]
    return country_code(tld) if len(tld) == 2 and tld.isalpha() else None


@register
class EwpCoursesMapping(XmlMapping):
    """EWP Courses API ``learningOpportunitySpecification`` elements."""

    format = "ewp"
    record_element = ("learningopportunityspecification", "learning-opportunity-specification")

    remote_id = Text(("los-id", "los-code"))
    identifiers = Texts("los-code")
    title = LangTexts("title|name", join=None)
    description = LangTexts("description")
    url = Text("url", using=http_url)
    isced = Texts("iscedcode|isced-code|iscedf", to="subject.isced", using=_isced)
    subject_area = Texts("subjectarea|subject-area", to="subject.isced", using=_subject_area)
    eqf = Text(
        "eqflevelprovided|eqf-level-provided|eqf-level|eqflevel", to="level.eqf", using=parse_eqf
    )
    qf_ehea = Field(to="level.qf_ehea")
    ects = Field(to="workload.ects")
    hours = Field(to="workload.hours")
    languages = Field(to="participation.languages")
    start_date = Field()
    end_date = Field()
    provider = Field()

    def prepare_identifiers(self, los: etree._Element) -> list[str]:
        remote_id = self.extract("remote_id", los)
        return [code for code in self.extract("identifiers", los) if code != remote_id]

    # --- instances ---------------------------------------------------------------------

    def _instances(self, los: etree._Element) -> list[etree._Element]:
        return [instance for path in _INSTANCES for instance in self.select(los, path)]

    def _first(self, los: etree._Element, *paths: str) -> str | None:
        for instance in self._instances(los):
            for path in paths:
                for node in self.select(instance, path):
                    text = next((text for _, text in self.texts(node)), "")
                    if text:
                        return text
        return None

    def _ects_credits(self, instance: etree._Element) -> list[etree._Element]:
        return [
            credit
            for credit in self.select(instance, "credit|credits")
            if (credit.get("scheme") or child_text(credit, "scheme")).strip().lower() == "ects"
        ]

    def prepare_ects(self, los: etree._Element) -> float | None:
        for instance in self._instances(los):
            for credit in self._ects_credits(instance):
                value = child_text(credit, "value") if children(credit, "value") else None
                value = value if value is not None else clean_text(credit.text)
                ects = parse_ects(value)
                if ects is not None:
                    return ects
        return None

    def prepare_qf_ehea(self, los: etree._Element) -> str | None:
        for instance in self._instances(los):
            for credit in self._ects_credits(instance):
                cycle = parse_qf_ehea(child_text(credit, "level"))
                if cycle:
                    return cycle
        return None

    def prepare_hours(self, los: etree._Element) -> float | None:
        return parse_hours(self._first(los, "engagementhours|engagement-hours"))

    def prepare_languages(self, los: etree._Element) -> list[str]:
        found: list[str] = []
        for instance in self._instances(los):
            path = "languageofinstruction|lang-of-instruction|language-of-instruction"
            for node in self.select(instance, path):
                code = language_code(clean_text(node.text))
                if code and code not in found:
                    found.append(code)
        return found

    def prepare_start_date(self, los: etree._Element) -> str | None:
        return self._first(
            los, "start", "academic-term/start-date", "academic-year/academic-term/start-date"
        )

    def prepare_end_date(self, los: etree._Element) -> str | None:
        return self._first(
            los, "end", "academic-term/end-date", "academic-year/academic-term/end-date"
        )

    # --- provider ----------------------------------------------------------------------

    def prepare_provider(self, los: etree._Element) -> dict[str, Any] | None:
        """The institution named by a ``hei-id`` on the LOS, its organisation or a wrapper."""
        holders = [
            *children(los, "organisation", "organization"),
            los,
            *los.iterancestors(),
        ]
        for holder in holders:
            hei_id = _hei_id(holder)
            if not hei_id:
                continue
            is_organisation = local_name(holder) in ("organisation", "organization")
            # A LOS's own <name> is the course's title, not the institution's.
            names = children(holder, "name") if is_organisation else []
            name = lang_text([(node.get(XML_LANG), node.text) for node in names], join=None)
            identifiers = {"schac": hei_id}
            erasmus = child_text(holder, "erasmus-code", "erasmuscode")
            if erasmus:
                identifiers["erasmus"] = erasmus
            return {"name": name, "country": schac_country(hei_id), "identifiers": identifiers}
        return None


def _hei_id(element: etree._Element) -> str:
    for name in _HEI_ID:
        if element.get(name):
            return clean_text(element.get(name)).lower()
    return child_text(element, *_HEI_ID).lower()
