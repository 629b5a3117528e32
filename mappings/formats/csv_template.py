"""Rows of Microcat's CSV template onto ``Record`` (format ``csv``).

The CSV spider emits each row as one JSON object of column -> text (every value a string; an
empty cell is ``""`` or absent). ``harvesters/csv_template.md`` did not exist when this mapping
was written, so the columns are defined here; keep the two in step::

    id, title, title_lang, description, provider, provider_country, url, ects, hours, eqf,
    qf_ehea, isced, mode, languages, assessment, qa_type, qa_body, prerequisites,
    learning_outcomes, start_date, end_date, price, enrolment_url

- ``title_lang``: the language of every text of the row (title, description, prerequisites,
  learning outcomes); a locale (``en-GB``) or ISO 639-1/-2 code. When it is empty the texts
  are ``und``, or the language of instruction when exactly one is given.
- ``isced``, ``languages``, ``learning_outcomes``: several values separated by ``|``.
- ``ects`` / ``hours``: numbers (``7,5`` or ``7.5``); ``"5 ECTS"`` and ``"40 h"`` are read
  too. ECTS are never computed from hours.
- ``eqf``: 1-8; ``qf_ehea``: short / first / second / third (or words naming a cycle).
- ``mode``: online / onsite / blended (or words meaning one); ``assessment``: a DEQAR type
  (attendance / assessment / none) or a free text, kept as the assessment text and read for
  its type; ``qa_type``: one of ``QaType`` (``external-institutional`` ...).
- ``provider_country``: ISO 3166 code or English name.
"""

from __future__ import annotations

from typing import Any

from mappings import vocab
from mappings.base import Field, JsonMapping, Text
from mappings.normalise import (
    clean_text,
    country_code,
    http_url,
    lang_text,
    language_code,
    parse_assessment,
    parse_ects,
    parse_eqf,
    parse_hours,
    parse_isced,
    parse_mode,
    parse_qf_ehea,
)
from mappings.registry import register
from mappings.schema import AssessmentType, QaType

SEPARATOR = "|"
"""Separates several values in one cell."""

COLUMNS = (
    "id",
    "title",
    "title_lang",
    "description",
    "provider",
    "provider_country",
    "url",
    "ects",
    "hours",
    "eqf",
    "qf_ehea",
    "isced",
    "mode",
    "languages",
    "assessment",
    "qa_type",
    "qa_body",
    "prerequisites",
    "learning_outcomes",
    "start_date",
    "end_date",
    "price",
    "enrolment_url",
)
"""The template's columns, in their documented order."""


def split_cell(value: Any) -> list[str]:
    """The values of a multi-value cell (``"0613|0611"``), cleaned, empty ones dropped."""
    if value is None:
        return []
    return [text for part in str(value).split(SEPARATOR) if (text := clean_text(part))]


def _text(value: Any) -> str | None:
    return clean_text(value) or None


def _isced(value: str) -> list[str]:
    # The column holds codes, so "103" is the code 103 and not a number that might be one.
    return [value] if vocab.is_isced(value) else parse_isced(value)


def _qa_type(value: str) -> str | None:
    code = value.strip().lower().replace(" ", "-").replace("_", "-")
    return code if code in QaType.__members__.values() else None


def _date(value: str) -> str | None:
    return clean_text(value) or None


@register
class CsvTemplateMapping(JsonMapping):
    """One row of the CSV template, as the CSV spider emits it."""

    format = "csv"

    remote_id = Text("id", using=_text)
    url = Text("url", using=http_url)
    title = Field()
    description = Field()
    prerequisites = Field()
    learning_outcomes = Field()
    provider = Field()
    ects = Text("ects", to="workload.ects", using=parse_ects)
    hours = Text("hours", to="workload.hours", using=parse_hours)
    eqf = Text("eqf", to="level.eqf", using=parse_eqf)
    qf_ehea = Text("qf_ehea", to="level.qf_ehea", using=parse_qf_ehea)
    isced = Field(to="subject.isced")
    mode = Text("mode", to="participation.mode", using=parse_mode)
    languages = Field(to="participation.languages")
    assessment = Field()
    qa_type = Text("qa_type", to="quality_assurance.type", using=_qa_type)
    qa_body = Text("qa_body", to="quality_assurance.body", using=_text)
    start_date = Text("start_date", using=_date)
    end_date = Text("end_date", using=_date)
    price = Text("price", using=_text)
    enrolment_url = Text("enrolment_url", using=http_url)

    def _lang_text(self, row: dict[str, Any], column: str) -> dict[str, str]:
        return lang_text([(_cell(row, "title_lang"), _cell(row, column))])

    def prepare_title(self, row: dict[str, Any]) -> dict[str, str]:
        return self._lang_text(row, "title")

    def prepare_description(self, row: dict[str, Any]) -> dict[str, str]:
        return self._lang_text(row, "description")

    def prepare_prerequisites(self, row: dict[str, Any]) -> dict[str, str]:
        return self._lang_text(row, "prerequisites")

    def prepare_learning_outcomes(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        language = _cell(row, "title_lang")
        return [
            {"text": lang_text([(language, outcome)])}
            for outcome in split_cell(row.get("learning_outcomes"))
        ]

    def prepare_isced(self, row: dict[str, Any]) -> list[str]:
        codes: list[str] = []
        for value in split_cell(row.get("isced")):
            codes += [code for code in _isced(value) if code not in codes]
        return codes

    def prepare_languages(self, row: dict[str, Any]) -> list[str]:
        found: list[str] = []
        for value in split_cell(row.get("languages")):
            code = language_code(value)
            if code and code not in found:
                found.append(code)
        return found

    def prepare_provider(self, row: dict[str, Any]) -> dict[str, Any] | None:
        name = _cell(row, "provider")
        country = country_code(_cell(row, "provider_country"))
        if not name and not country:
            return None
        return {"name": lang_text(name), "country": country}

    def prepare_assessment(self, row: dict[str, Any]) -> dict[str, Any]:
        """A DEQAR type as written, else free text kept as text and read for its type."""
        value = _cell(row, "assessment")
        if not value:
            return {}
        code = value.strip().lower()
        if code in AssessmentType.__members__.values():
            return {"type": code}
        found = parse_assessment(value)
        text = lang_text([(_cell(row, "title_lang"), value)])
        return {"type": found.value if found else None, "text": text}


def _cell(row: dict[str, Any], column: str) -> str:
    return clean_text(row.get(column))
