"""Open Education API (OOAPI) v5 course, program and offering objects onto ``Record``.

One payload is one object as the API returns it (``GET /courses/{id}``, an item of
``/courses``, ``/programs`` or ``/offerings``). Texts are *language-typed string* arrays,
``[{"language": "en-GB", "value": "..."}]``, often HTML; learning outcomes are an array of
such arrays, one per outcome.

Decisions:

- ``studyLoad``: ``ects`` gives ECTS; ``hour`` and ``sbu`` (Dutch *studiebelastinguren*, study
  hours) give hours; other units (weeks, days) nothing. ECTS are never computed from hours.
- ``level``: ``associate degree`` / ``bachelor`` / ``master`` / ``doctoral`` are QF-EHEA
  cycles; ``levelOfQualification`` (programs) is an NLQF level (OOAPI defines it on the Dutch
  framework), so it becomes ``level.nqf`` for NL. No EQF level is inferred from either.
- ``modeOfDelivery`` (a string or a list): ``online`` / ``distance-learning`` -> online,
  ``situated`` / ``on campus`` -> onsite, ``hybrid`` -> blended; a list naming both online and
  onsite delivery is blended (see :func:`ooapi_mode`).
- ``organization`` gives the provider only when expanded (an object); a bare id names
  nothing a learner can read and is dropped. Its ``otherCodes`` of type ``erasmusCode``,
  ``schacHome``, ``brinCode`` become provider identifiers. ``coordinators`` are persons and
  are not read.
- ``courseId`` / ``programId`` / ``offeringId`` is the remote id; ``primaryCode`` and
  ``otherCodes`` are identifiers. ``consumers`` (consumer-specific extensions) and ``ext`` are
  ignored.
"""

from __future__ import annotations

from typing import Any

from mappings import vocab
from mappings.base import Field, JsonMapping, LangTexts, Text, Texts, first
from mappings.normalise import (
    clean_text,
    country_code,
    http_url,
    iso_duration,
    lang_text,
    language_code,
    nqf_level,
    parse_isced,
    parse_number,
    parse_qf_ehea,
    parse_schedule,
)
from mappings.registry import register
from mappings.schema import Mode

_MODES = {
    "online": Mode.ONLINE,
    "distance-learning": Mode.ONLINE,
    "distance learning": Mode.ONLINE,
    "situated": Mode.ONSITE,
    "on campus": Mode.ONSITE,
    "on-campus": Mode.ONSITE,
    "oncampus": Mode.ONSITE,
    "hybrid": Mode.BLENDED,
    "blended": Mode.BLENDED,
}
_HOUR_UNITS = frozenset({"hour", "hours", "sbu"})
# OOAPI code types of an organisation -> Organisation.identifiers schemes.
_ORGANISATION_CODES = {"erasmuscode": "erasmus", "schachome": "schac", "brincode": "brin"}
_NO_CODE = frozenset({"", "null", "none"})


def ooapi_mode(value: Any) -> Mode | None:
    """Form of participation from ``modeOfDelivery`` (a string or a list of them).

    ``["on campus", "online"]`` is blended; values OOAPI does not define give ``None`` unless
    they are all one known mode.
    """
    values = value if isinstance(value, list) else [value]
    modes = {_MODES.get(clean_text(item).lower()) for item in values if isinstance(item, str)} - {
        None
    }
    if Mode.BLENDED in modes or {Mode.ONLINE, Mode.ONSITE} <= modes:
        return Mode.BLENDED
    return modes.pop() if len(modes) == 1 else None


def _code(value: Any) -> str | None:
    text = clean_text(value)
    return None if text.lower() in _NO_CODE else text


def _isced(value: str) -> list[str]:
    # fieldsOfStudy holds ISCED-F codes, so "103" is the code 103.
    return [value] if vocab.is_isced(value) else parse_isced(value)


@register
class OoapiMapping(JsonMapping):
    """OOAPI v5 ``course``, ``program`` and ``offering`` objects."""

    format = "ooapi"

    remote_id = Text(("courseId", "programId", "offeringId"), using=_code)
    identifiers = Texts(("primaryCode.code", "otherCodes.code"), using=_code)
    url = Text("link", using=http_url)
    title = LangTexts("name", join=None)
    description = LangTexts("description")
    provider = Field()
    learning_outcomes = Field()
    ects = Field(to="workload.ects")
    hours = Field(to="workload.hours")
    qf_ehea = Text("level", to="level.qf_ehea", using=parse_qf_ehea)
    nqf = Field(to="level.nqf")
    isced = Texts("fieldsOfStudy", to="subject.isced", using=_isced)
    mode = Field(to="participation.mode")
    schedule = Text("modeOfStudy", to="participation.schedule", using=parse_schedule)
    languages = Texts("teachingLanguage", to="participation.languages", using=language_code)
    assessment_text = LangTexts("assessment", to="assessment.text")
    prerequisites = LangTexts(("admissionRequirements", "qualificationRequirements"))
    start_date = Text(("startDate", "firstStartDate"))
    end_date = Text("endDate")
    duration = Text("duration", using=iso_duration)
    price = Field()

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        """Language-typed strings (``{"language": .., "value": ..}``) and plain values."""
        if isinstance(node, dict):
            if "value" not in node:
                return []
            text = clean_text(node["value"]) if node["value"] is not None else ""
            return [(node.get("language"), text)] if text else []
        return super().texts(node)

    def prepare_identifiers(self, doc: dict[str, Any]) -> list[str]:
        remote_id = self.extract("remote_id", doc)
        return [code for code in self.extract("identifiers", doc) if code != remote_id]

    def prepare_mode(self, doc: dict[str, Any]) -> Mode | None:
        return ooapi_mode(doc.get("modeOfDelivery"))

    def _study_load(self, doc: dict[str, Any], units: frozenset[str]) -> float | None:
        load = doc.get("studyLoad")
        if not isinstance(load, dict):
            return None
        unit = clean_text(load.get("studyLoadUnit")).lower()
        number = parse_number(load.get("value"))
        return number if unit in units and number is not None and number >= 0 else None

    def prepare_ects(self, doc: dict[str, Any]) -> float | None:
        return self._study_load(doc, frozenset({"ects"}))

    def prepare_hours(self, doc: dict[str, Any]) -> float | None:
        return self._study_load(doc, _HOUR_UNITS)

    def prepare_nqf(self, doc: dict[str, Any]) -> dict[str, str] | None:
        """``levelOfQualification`` as an NLQF level (``"4+"``, ``"6"``); others are dropped."""
        level = nqf_level(_code(doc.get("levelOfQualification")), "NL")
        return level.model_dump() if level else None

    def prepare_learning_outcomes(self, doc: dict[str, Any]) -> list[dict[str, Any]]:
        """One outcome per inner array (a bare language-typed string counts as one too)."""
        outcomes: list[dict[str, Any]] = []
        for outcome in doc.get("learningOutcomes") or []:
            strings = outcome if isinstance(outcome, list) else [outcome]
            text = lang_text([pair for string in strings for pair in self.texts(string)])
            if text and {"text": text} not in outcomes:
                outcomes.append({"text": text})
        return outcomes

    def prepare_provider(self, doc: dict[str, Any]) -> dict[str, Any] | None:
        """The expanded ``organization``; a bare organisation id is not a provider."""
        organisation = doc.get("organization")
        if not isinstance(organisation, dict):
            return None
        name = lang_text(
            [pair for item in self.get(organisation, "name") for pair in self.texts(item)],
            join=None,
        )
        if not name:
            return None
        countries = self.select(organisation, "addresses.countryCode")
        identifiers: dict[str, str] = {}
        codes = self.get(organisation, "primaryCode") + self.get(organisation, "otherCodes")
        for code in codes:
            if not isinstance(code, dict):
                continue
            scheme = _ORGANISATION_CODES.get(clean_text(code.get("codeType")).lower())
            value = _code(code.get("code"))
            if scheme and value:
                identifiers.setdefault(scheme, value)
        website = http_url(organisation.get("link"))
        if website:
            identifiers["website"] = website
        return {
            "name": name,
            "country": first(country_code(clean_text(text)) for text in countries),
            "identifiers": identifiers,
        }

    def prepare_price(self, doc: dict[str, Any]) -> str | None:
        """An offering's first ``priceInformation`` entry (``"1200 EUR"``)."""
        for price in self.get(doc, "priceInformation"):
            if not isinstance(price, dict):
                continue
            amount = parse_number(price.get("amount"))
            if amount is None:
                continue
            text = str(int(amount)) if amount == int(amount) else str(amount)
            currency = clean_text(price.get("currency"))
            return f"{text} {currency}" if currency else text
        return None
