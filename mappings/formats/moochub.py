"""MOOChub v3 course resources (JSON:API) onto ``Record``.

One payload is one resource, ``{"type": "courses", "id": .., "attributes": {..}}``, as the
JSON:API spider emits each item of ``data``; a whole response with a single resource under
``data`` is accepted too. The attributes follow ``moochub-schema.json`` (MOOChub/schema):
schema.org names, organisations and persons as objects, multilingual labels as
``[{"inLanguage": "en", "name": ".."}]``.

Decisions:

- Provider: ``publisher``, else the first organisation among ``creator`` and
  ``contributor``; a person is never the provider.
- ``numberOfCredits`` is ECTS (the schema says so); 0 means no credits are awarded and is
  not stated as ECTS.
- ``workload`` (``{"timeValue": 3, "timeUnit": "h/week"}``) times ``duration`` (``P2W``)
  gives notional hours when the duration is in the unit's own period (weeks for ``h/week``,
  days or weeks for ``h/day``, months for ``h/month``); ``timeRequired`` (an ISO duration or
  hours) is read too. ECTS are never computed from hours.
- ``courseMode``: ``online`` / ``onsite`` / ``blended`` give the mode (online and onsite
  together: blended); ``asynchronous`` alone says the course is self-paced.
- Subjects: ``educationalAlignment`` (and ``about``) terms of the ISCED-F framework become
  codes; terms of other frameworks (OEFOS) and ``keywords`` are keywords. Levels:
  ``educationalLevel`` terms of the EQF framework give the EQF level; DigComp and other
  frameworks' levels are not EQF levels.
- Learning outcomes: ``teaches`` skills (ESCO URIs kept); prerequisites:
  ``competencyRequired``. ``license`` has no element in ``Record`` and is not read.
- Price: the offer of category ``course`` (else the first offer), as ``"0 EUR"``.
"""

from __future__ import annotations

import re
from typing import Any

from mappings.base import Field, JsonMapping, LangTexts, Text, Texts, first
from mappings.normalise import (
    clean_text,
    http_url,
    iso_duration,
    lang_text,
    language_code,
    parse_date,
    parse_eqf,
    parse_hours,
    parse_isced,
    parse_number,
)
from mappings.registry import MappingError, RawInput, register
from mappings.schema import Mode

_ESCO = re.compile(r"^https?://data\.europa\.eu/esco/")
_ISCED_FRAMEWORK = re.compile(r"isced", re.I)
_EQF_FRAMEWORK = re.compile(r"\beqf\b|european qualifications", re.I)
_DURATION_PARTS = re.compile(r"^P(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_MODES = {"online": Mode.ONLINE, "onsite": Mode.ONSITE, "blended": Mode.BLENDED}


def workload_hours(workload: Any, duration: Any) -> float | None:
    """Notional hours from a MOOChub ``workload`` and an ISO 8601 ``duration``.

    ``{"timeValue": 3, "timeUnit": "h/week"}`` over ``"P2W"`` is 6 hours; ``h/day`` counts
    days (a week is 7 of them), ``h/month`` months. A duration in another period (``P2W`` with
    ``h/month``) gives ``None``: converting calendar periods would be a guess.
    """
    if not isinstance(workload, dict) or not isinstance(duration, str):
        return None
    value = parse_number(workload.get("timeValue"))
    unit = clean_text(workload.get("timeUnit")).lower()
    match = _DURATION_PARTS.match(duration.strip().upper())
    if value is None or not match or not any(match.groups()):
        return None
    months, weeks, days = (int(part) if part else 0 for part in match.groups())
    if unit == "h/week" and weeks and not (months or days):
        return value * weeks
    if unit == "h/day" and (weeks or days) and not months:
        return value * (weeks * 7 + days)
    if unit == "h/month" and months and not (weeks or days):
        return value * months
    return None


def moochub_mode(values: Any) -> tuple[Mode | None, str | None]:
    """``(mode, schedule)`` from ``courseMode``."""
    items = values if isinstance(values, list) else [values]
    words = {clean_text(item).lower() for item in items if isinstance(item, str)}
    modes = {_MODES[word] for word in words if word in _MODES}
    mode = None
    if Mode.BLENDED in modes or {Mode.ONLINE, Mode.ONSITE} <= modes:
        mode = Mode.BLENDED
    elif len(modes) == 1:
        mode = modes.pop()
    schedule = "self-paced" if words & {"asynchronous", "synchronous"} == {"asynchronous"} else None
    return mode, schedule


def _first_text(value: Any) -> str | None:
    return clean_text(value) or None


@register
class MoocHubMapping(JsonMapping):
    """MOOChub v3 ``courses`` resources."""

    format = "moochub"

    remote_id = Text("id", using=_first_text)
    identifiers = Texts("attributes.courseCode", using=_first_text)
    url = Text("attributes.url", using=http_url)
    title = LangTexts("attributes.name", join=None)
    description = LangTexts("attributes.description")
    languages = Texts("attributes.inLanguage", to="participation.languages", using=language_code)
    mode = Field(to="participation.mode")
    schedule = Field(to="participation.schedule")
    provider = Field()
    ects = Field(to="workload.ects")
    hours = Field(to="workload.hours")
    duration = Text("attributes.duration", using=iso_duration)
    eqf = Field(to="level.eqf")
    isced = Field(to="subject.isced")
    keywords = Texts("attributes.keywords", to="subject.keywords", using=_first_text)
    alignment_keywords = Field(to="subject.keywords")
    learning_outcomes = Field()
    prerequisites = Field()
    price = Field()
    start_date = Text("attributes.startDate", using=_first_text)
    end_date = Text("attributes.endDate", using=_first_text)
    updated = Text("attributes.dateModified", using=parse_date)

    def load(self, raw: RawInput) -> dict[str, Any]:
        doc = super().load(raw)
        data = doc.get("data")
        if isinstance(data, list) and len(data) == 1:
            data = data[0]
        if isinstance(data, dict):
            doc = data
        if not isinstance(doc.get("attributes"), dict):
            raise MappingError(f"{self.format}: no JSON:API resource with attributes")
        return doc

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        """Multilingual labels (``{"inLanguage": .., "name": ..}``), names of objects, values."""
        if isinstance(node, dict):
            if "name" in node:
                name = node["name"]
                if isinstance(name, list):
                    return [pair for item in name for pair in self.texts(item)]
                text = clean_text(name) if name is not None else ""
                return [(node.get("inLanguage"), text)] if text else []
            return []
        return super().texts(node)

    def _attributes(self, doc: dict[str, Any]) -> dict[str, Any]:
        return doc["attributes"]

    def prepare_mode(self, doc: dict[str, Any]) -> Mode | None:
        return moochub_mode(self._attributes(doc).get("courseMode"))[0]

    def prepare_schedule(self, doc: dict[str, Any]) -> str | None:
        return moochub_mode(self._attributes(doc).get("courseMode"))[1]

    # --- provider ----------------------------------------------------------------------

    def prepare_provider(self, doc: dict[str, Any]) -> dict[str, Any] | None:
        attributes = self._attributes(doc)
        candidates = self.get(attributes, "publisher")
        candidates += self.get(attributes, "creator") + self.get(attributes, "contributor")
        for candidate in candidates:
            if isinstance(candidate, dict) and candidate.get("type") == "Organization":
                name = lang_text(self.texts(candidate), join=None)
                if not name:
                    continue
                website = first(http_url(candidate.get(key)) for key in ("url", "identifier"))
                return {"name": name, "identifiers": {"website": website} if website else {}}
        return None

    # --- workload, level, subject ------------------------------------------------------

    def prepare_ects(self, doc: dict[str, Any]) -> float | None:
        credits = parse_number(self._attributes(doc).get("numberOfCredits"))
        return credits if credits is not None and credits > 0 else None

    def prepare_hours(self, doc: dict[str, Any]) -> float | None:
        attributes = self._attributes(doc)
        hours = workload_hours(attributes.get("workload"), attributes.get("duration"))
        if hours is None:
            hours = parse_hours(attributes.get("timeRequired"))
        return hours

    def _terms(self, doc: dict[str, Any], *keys: str) -> list[dict[str, Any]]:
        attributes = self._attributes(doc)
        return [
            term for key in keys for term in self.get(attributes, key) if isinstance(term, dict)
        ]

    def prepare_eqf(self, doc: dict[str, Any]) -> int | None:
        for term in self._terms(doc, "educationalLevel"):
            if _EQF_FRAMEWORK.search(clean_text(term.get("educationalFramework"))):
                level = first(parse_eqf(term.get(key)) for key in ("shortCode", "targetUrl", "url"))
                if level:
                    return level
        return None

    def prepare_isced(self, doc: dict[str, Any]) -> list[str]:
        codes: list[str] = []
        for term in self._terms(doc, "educationalAlignment", "about"):
            framework = clean_text(term.get("educationalFramework"))
            found: list[str] = []
            if _ISCED_FRAMEWORK.search(framework):
                found = parse_isced(f"ISCED {clean_text(term.get('shortCode'))}")
            for key in ("targetUrl", "url", "identifier"):
                found = found or parse_isced(clean_text(term.get(key)))
            codes += [code for code in found if code not in codes]
        return codes

    def prepare_alignment_keywords(self, doc: dict[str, Any]) -> list[str]:
        """Names of subjects in other frameworks (OEFOS, BIRD): keywords, not codes."""
        keywords: list[str] = []
        for term in self._terms(doc, "educationalAlignment", "about"):
            if _ISCED_FRAMEWORK.search(clean_text(term.get("educationalFramework"))):
                continue
            name = first(text for _, text in self.texts(term))
            if name and name not in keywords:
                keywords.append(name)
        return keywords

    # --- outcomes, prerequisites, offers -----------------------------------------------

    def prepare_learning_outcomes(self, doc: dict[str, Any]) -> list[dict[str, Any]]:
        outcomes: list[dict[str, Any]] = []
        for skill in self._terms(doc, "teaches"):
            outcome: dict[str, Any] = {"text": lang_text(self.texts(skill), join=None)}
            esco = [
                uri
                for key in ("targetUrl", "url", "identifier")
                if isinstance(uri := skill.get(key), str) and _ESCO.match(uri)
            ]
            if esco:
                outcome["esco"] = esco[:1]
            if outcome["text"] and outcome not in outcomes:
                outcomes.append(outcome)
        return outcomes

    def prepare_prerequisites(self, doc: dict[str, Any]) -> dict[str, str]:
        pairs = [
            pair for term in self._terms(doc, "competencyRequired") for pair in self.texts(term)
        ]
        return lang_text(pairs, join="; ")

    def prepare_price(self, doc: dict[str, Any]) -> str | None:
        offers = self._terms(doc, "offer", "offers")
        offers.sort(key=lambda offer: offer.get("category") != "course")
        for offer in offers:
            amount = parse_number(offer.get("price"))
            if amount is None:
                continue
            text = str(int(amount)) if amount == int(amount) else str(amount)
            currency = clean_text(offer.get("priceCurrency"))
            return f"{text} {currency}" if currency else text
        return None
