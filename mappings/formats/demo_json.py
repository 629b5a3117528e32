"""The course objects of the demo provider's JSON API (``aggregator.demo.providers``) onto
``Record``.

One payload is one course object as the API lists it under ``data``::

    {"id": "UNOR-0000012", "title": {"de": "...", "en": "..."}, "summary": {...},
     "provider": {"name": {...}, "country": "DE", "website": "https://...", "identifiers": {}},
     "credits": {"value": 5, "system": "ECTS"}, "workloadHours": 150, "eqfLevel": 6,
     "qfEheaCycle": "first", "iscedF": ["0613"], "learningOutcomes": [{"en": "..."}],
     "mode": "online", "languages": ["de", "en"], "assessment": {"type": ..., "description": {}},
     "qualityAssurance": {"type": ..., "body": ...}, "prerequisites": {...},
     "stackable": true, "stackableTowards": [{"title": {...}, "url": ...}], "url": ...,
     "updatedAt": "2025-03-01T10:00:00Z", ...}

Texts are objects keyed by language (a plain string is accepted too) and hold HTML fragments,
cleaned like every other source's. It is the richest of the demo's sources: every element of
``Record`` a catalogue entry can carry has a field here.
"""

from __future__ import annotations

from typing import Any

from mappings import vocab
from mappings.base import Field, JsonMapping, LangTexts, Text, Texts
from mappings.normalise import (
    clean_text,
    country_code,
    http_url,
    isced_2011_level,
    iso_duration,
    lang_text,
    language_code,
    nqf_level,
    parse_assessment,
    parse_date,
    parse_ects,
    parse_eqf,
    parse_hours,
    parse_isced,
    parse_mode,
    parse_qf_ehea,
    parse_schedule,
)
from mappings.registry import register
from mappings.schema import AssessmentType, QaType, Stackability

_CREDIT_SYSTEMS = frozenset({"ects", "ec", "european credit transfer system"})


def _assessment_type(value: str) -> str | None:
    if value in AssessmentType.__members__.values():
        return value
    found = parse_assessment(value)
    return found.value if found else None


def _qa_type(value: str) -> str | None:
    code = value.strip().lower().replace(" ", "-").replace("_", "-")
    return code if code in QaType.__members__.values() else None


def _isced(value: str) -> list[str]:
    # The field holds codes only, so "103" is the code 103, not a number that might be one.
    return [value] if vocab.is_isced(value) else parse_isced(value)


def _text(value: Any) -> str | None:
    return clean_text(value) or None


@register
class DemoJsonMapping(JsonMapping):
    format = "demo_json"

    remote_id = Text("id", using=_text)
    url = Text("url", using=http_url)
    identifiers = Texts("identifiers", using=_text)
    title = LangTexts("title", join=None)
    description = LangTexts("summary")
    provider = Field()
    awarding_bodies = Field()
    learning_outcomes = Field()
    ects = Field(to="workload.ects")
    hours = Text("workloadHours", to="workload.hours", using=parse_hours)
    eqf = Text("eqfLevel", to="level.eqf", using=parse_eqf)
    qf_ehea = Text("qfEheaCycle", to="level.qf_ehea", using=parse_qf_ehea)
    nqf = Field(to="level.nqf")
    isced_2011 = Text("isced2011Level", to="level.isced_2011", using=isced_2011_level)
    isced = Texts("iscedF", to="subject.isced", using=_isced)
    keywords = Texts("keywords", to="subject.keywords", using=_text)
    assessment_type = Text("assessment.type", to="assessment.type", using=_assessment_type)
    assessment_text = LangTexts("assessment.description", to="assessment.text")
    mode = Text("mode", to="participation.mode", using=parse_mode)
    schedule = Text("schedule", to="participation.schedule", using=parse_schedule)
    languages = Texts("languages", to="participation.languages", using=language_code)
    qa_type = Text("qualityAssurance.type", to="quality_assurance.type", using=_qa_type)
    qa_body = Text("qualityAssurance.body", to="quality_assurance.body", using=_text)
    qa_report = Text(
        "qualityAssurance.reportUrl", to="quality_assurance.report_url", using=http_url
    )
    stackability = Field()
    prerequisites = LangTexts("prerequisites")
    credential_format = Text("credentialFormat", using=_text)
    identity_verification = Text("identityVerification", using=_text)
    start_date = Text("startDate")
    end_date = Text("endDate")
    duration = Text("duration", using=iso_duration)
    price = Text("price", using=_text)
    enrolment_url = Text("enrolmentUrl", using=http_url)
    updated = Text("updatedAt", using=parse_date)

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        # Texts per language are objects: {"de": "...", "en": "..."}.
        if isinstance(node, dict):
            return [
                (language, text)
                for language, text in node.items()
                if isinstance(text, str) and text.strip()
            ]
        return super().texts(node)

    def _organisation(self, node: Any) -> dict[str, Any] | None:
        if not isinstance(node, dict):
            return None
        name = lang_text(self.texts(node.get("name")))
        # Identifiers as given: Erasmus codes pad with spaces ("D  BERLIN01").
        identifiers = {
            str(scheme): str(value).strip()
            for scheme, value in (node.get("identifiers") or {}).items()
            if isinstance(value, str | int) and str(value).strip()
        }
        if isinstance(website := node.get("website"), str) and website.strip():
            identifiers = {"website": website.strip(), **identifiers}
        country = node.get("country")
        organisation = {
            "name": name,
            "country": country_code(country) if isinstance(country, str) else None,
            "identifiers": identifiers,
        }
        return organisation if name or identifiers else None

    def prepare_provider(self, doc: dict[str, Any]) -> dict[str, Any] | None:
        return self._organisation(doc.get("provider"))

    def prepare_awarding_bodies(self, doc: dict[str, Any]) -> list[dict[str, Any]]:
        bodies = [self._organisation(node) for node in self.get(doc, "awardingBodies")]
        return [body for body in bodies if body]

    def prepare_learning_outcomes(self, doc: dict[str, Any]) -> list[dict[str, Any]]:
        outcomes = []
        for node in self.get(doc, "learningOutcomes"):
            text = lang_text(self.texts(node))
            if text:
                outcomes.append({"text": text})
        return outcomes

    def prepare_ects(self, doc: dict[str, Any]) -> float | None:
        credits = doc.get("credits")
        if isinstance(credits, dict):
            system = str(credits.get("system") or "ECTS").strip().lower()
            return parse_ects(credits.get("value")) if system in _CREDIT_SYSTEMS else None
        return parse_ects(credits)  # a bare number: the API documents credits as ECTS

    def prepare_nqf(self, doc: dict[str, Any]) -> dict[str, str] | None:
        """``{"country": .., "level": ..}``, read by :func:`mappings.normalise.nqf_level`."""
        nqf = doc.get("nqf")
        if not isinstance(nqf, dict):
            return None
        country = nqf.get("country")
        level = nqf_level(nqf.get("level"), country if isinstance(country, str) else None)
        return level.model_dump() if level else None

    def prepare_stackability(self, doc: dict[str, Any]) -> dict[str, Any]:
        towards = [
            {"title": lang_text(self.texts(link.get("title"))), "url": http_url(link.get("url"))}
            for link in self.get(doc, "stackableTowards")
            if isinstance(link, dict)
        ]
        option = None
        if doc.get("integrated") is True:
            option = Stackability.INTEGRATED
        elif doc.get("stackable") is True or towards:
            option = Stackability.STACKABLE
        elif doc.get("stackable") is False:
            option = Stackability.STAND_ALONE
        return {"option": option, "towards": towards}
