"""What every element of ``Record`` means, for the JSON schema, the API docs and mapping authors.

``mappings/schema.py`` describes some fields in ``Field(description=...)``; this module
describes the rest, by dotted path, so that each element is documented in one of the two
places (``tests/mappings/test_elements.py`` keeps it so). :func:`documented_json_schema`
merges both into the schema published at ``/api/schema``.
"""

from __future__ import annotations

import copy
import types
import typing
from typing import Any

from pydantic import BaseModel

from mappings.schema import Record, record_json_schema

ELEMENT_DOCS: dict[str, str] = {
    "title": "Title of the offer per language (Annex I: title).",
    "description": "Description of the offer per language.",
    "provider": "The organisation that offers the learning opportunity.",
    "awarding_bodies": "Awarding bodies, when other than the provider (Annex I: awarding body).",
    "learning_outcomes": "Learning outcomes (Annex I), each a text per language.",
    "learning_outcomes.text": "The outcome per language.",
    "workload": "Notional workload (Annex I): ECTS credits and/or learning hours.",
    "level": "Level (Annex I): EQF, QF-EHEA cycle, national framework, ISCED 2011.",
    "level.eqf": "European Qualifications Framework level, 1-8.",
    "level.qf_ehea": "QF-EHEA cycle: short, first, second or third.",
    "level.nqf": (
        "Level in a national qualifications framework: from an ELM NQF vocabulary URI or label,"
        " a framework's name and level ('DQR 6', 'SCQF level 9') or a level with the country."
        " No EQF level is derived from it (the vocabulary does not say which it is)."
    ),
    "level.nqf.country": (
        "ISO 3166-1 alpha-2 code of the framework's country (GB for the SCQF, CQFW and RQF)."
    ),
    "level.nqf.level": "The level as the national framework writes it ('6', '4+', '5 A', 'IV').",
    "level.isced_2011": (
        "ISCED 2011 level of education, 0-8, where the source states an ISCED level ('ISCED 6',"
        " an ISCED-P programme code, a level URI); never inferred from the EQF level."
    ),
    "subject": (
        "Subject: ISCED-F 2013 codes (from codes, ELM / ESCO URIs and names of fields in the major"
        " European languages, matched exactly or closely) and free keywords (what matches no"
        " field)."
    ),
    "assessment": "Type of assessment (Annex I) and its description.",
    "assessment.type": "DEQAR assessment type: attendance, assessment or none.",
    "assessment.text": "How learners are assessed, per language.",
    "participation": "Form of participation (Annex I): mode, schedule, languages.",
    "participation.mode": "online, onsite or blended.",
    "quality_assurance": "Type of quality assurance (Annex I), the body and its report.",
    "quality_assurance.type": (
        "external-institutional, external-programme, internal or none-stated."
    ),
    "quality_assurance.report_url": "Link to the QA report (e.g. in DEQAR).",
    "stackability": "Whether the offer stands alone, is part of, or stacks towards more.",
    "stackability.option": "stand-alone, integrated or stackable.",
    "stackability.towards": "What the offer stacks towards.",
    "stackability.towards.title": "Title per language.",
    "stackability.towards.url": "Link to it.",
    "prerequisites": "Entry requirements per language.",
    "identity_verification": "How the learner's identity is verified during assessment.",
    "start_date": "Start of the (next) run, ISO 8601 date as given.",
    "end_date": "End of that run, ISO 8601 date as given.",
    "price": "Fee as given, with its currency (e.g. '395 GBP'); '0' when free.",
    "enrolment_url": "Where to enrol.",
    "updated": "When the source last changed the description of the offer.",
    "is_microcredential": "Derived: 1-59 ECTS (DEQAR); unknown without ECTS.",
    "transparency": "Derived traffic light of Annex I completeness: green, amber or red.",
    "sources": "The places that list the offer.",
    "sources.feed_id": "Microcat's id of the feed.",
    "sources.feed_name": "Name of the feed.",
    "sources.remote_id": "Identifier of the offer in that feed.",
    "sources.url": "Landing page of the offer in that source.",
}
"""Descriptions of the ``Record`` elements that ``schema.py`` leaves undescribed."""


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside an annotation (``Organisation | None``, ``list[Link]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        return [model for arg in typing.get_args(annotation) for model in _models(arg)]
    return []


def element_paths(model: type[BaseModel] = Record, prefix: str = "") -> dict[str, str | None]:
    """Every element of ``model`` by dotted path, with its description in ``schema.py``."""
    paths: dict[str, str | None] = {}
    for name, field in model.model_fields.items():
        path = prefix + name
        paths[path] = field.description
        for nested in _models(field.annotation):
            paths.update(element_paths(nested, path + "."))
    return paths


def element_descriptions() -> dict[str, str]:
    """Every element's description: from ``schema.py``, else from :data:`ELEMENT_DOCS`."""
    return {
        path: description or ELEMENT_DOCS.get(path, "")
        for path, description in element_paths().items()
    }


def documented_json_schema() -> dict[str, Any]:
    """``record_json_schema()`` with a description on every property."""
    schema = copy.deepcopy(record_json_schema())
    definitions = schema.get("$defs", {})

    def describe(node: dict[str, Any], prefix: str) -> None:
        for name, prop in node.get("properties", {}).items():
            path = prefix + name
            if not prop.get("description") and path in ELEMENT_DOCS:
                prop["description"] = ELEMENT_DOCS[path]
            for ref in _refs(prop):
                describe(definitions[ref], path + ".")

    describe(schema, "")
    return schema


def _refs(prop: dict[str, Any]) -> list[str]:
    found = [prop["$ref"].rsplit("/", 1)[-1]] if "$ref" in prop else []
    for key in ("anyOf", "allOf", "oneOf"):
        for option in prop.get(key, []):
            found += _refs(option)
    if isinstance(prop.get("items"), dict):
        found += _refs(prop["items"])
    return found
