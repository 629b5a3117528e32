"""The schema.org mapping beyond its golden pairs: the shapes JSON-LD and extruct produce."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mappings.registry import MappingError, RawInput, get_mapping, map_raw
from mappings.schema import Mode, QfEhea

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "schema.org"
ESCO = "http://data.europa.eu/esco/skill/b0096dc5-2e2d-4bc1-8172-05bf486c3968"

# eg-0338 (a real schema.org example) grown into a course that states every element.
FULL_COURSE: dict[str, Any] = {
    **json.loads((SAMPLE / "eg-0338.json").read_text(encoding="utf-8")),
    "url": "https://www.bristol.ac.uk/physics/courses/f300",
    "name": [{"@value": "Physics", "@language": "en"}, {"@value": "Physik", "@language": "de"}],
    "description": "Quantum mechanics, <b>relativity</b> and more.",
    "inLanguage": "en-GB",
    "numberOfCredits": {"@type": "StructuredValue", "value": 30, "unitText": "ECTS"},
    "timeRequired": "PT750H",
    "educationalLevel": {
        "@type": "DefinedTerm",
        "name": "Level 6",
        "inDefinedTermSet": "http://data.europa.eu/snb/eqf/25831c2",
    },
    "about": [
        {
            "@type": "DefinedTerm",
            "termCode": "0533",
            "name": "Physics",
            "inDefinedTermSet": {"@id": "http://data.europa.eu/snb/isced-f/25831c2"},
        },
        {"@type": "Thing", "name": "Astronomy"},
    ],
    "keywords": "quantum, relativity",
    "teaches": [
        {"@type": "DefinedTerm", "@id": ESCO, "name": "apply scientific methods"},
        "solve problems in mechanics",
    ],
    "coursePrerequisites": [
        "A-level Physics",
        {"@type": "AlignmentObject", "targetName": "A-level Maths"},
    ],
    "educationalCredentialAwarded": {
        "@type": "EducationalOccupationalCredential",
        "name": "Physics micro-credential (Open Badge)",
    },
    "hasCourseInstance": [
        {
            "@type": "CourseInstance",
            "courseMode": "blended",
            "startDate": "2025-09-22",
            "endDate": "2026-01-30",
            "offers": {
                "@type": "Offer",
                "price": 1250.0,
                "priceCurrency": "EUR",
                "url": "https://www.bristol.ac.uk/apply",
            },
        },
        {"@type": "CourseInstance", "courseMode": "Blended learning", "startDate": "2026-02-01"},
    ],
    "dateModified": "2025-01-15T10:00:00+01:00",
}
FULL_COURSE["provider"] = {
    **FULL_COURSE["provider"],
    "address": {"@type": "PostalAddress", "addressCountry": "GB"},
    "identifier": {"@type": "PropertyValue", "propertyID": "ERASMUS", "value": "UK BRISTOL01"},
    "url": "https://www.bristol.ac.uk",
}


def _map(payload: Any):
    return map_raw(RawInput(payload=json.dumps(payload), format="schema.org"))


def test_a_course_that_states_every_element() -> None:
    record = _map(FULL_COURSE)
    assert record.title == {"en": "Physics", "de": "Physik"}
    assert record.description == {"en": "Quantum mechanics, relativity and more."}
    assert record.url == "https://www.bristol.ac.uk/physics/courses/f300"
    assert record.identifiers == ["F300"]
    assert record.provider is not None
    assert record.provider.model_dump() == {
        "name": {"und": "University of Bristol"},
        "country": "GB",
        "identifiers": {"erasmus": "UK BRISTOL01", "website": "https://www.bristol.ac.uk"},
    }
    assert record.participation.languages == ["en"]
    assert record.participation.mode == Mode.BLENDED
    assert record.workload.ects == 30.0
    assert record.workload.hours == 750.0
    assert record.duration == "PT750H"
    assert record.level.eqf == 6
    assert record.subject.isced == ["0533"]
    assert record.subject.keywords == ["quantum", "relativity", "Astronomy"]
    assert [outcome.model_dump() for outcome in record.learning_outcomes] == [
        {"text": {"en": "apply scientific methods"}, "esco": [ESCO]},
        {"text": {"en": "solve problems in mechanics"}, "esco": []},
    ]
    assert record.prerequisites == {"en": "A-level Physics; A-level Maths"}
    assert record.credential_format == "Open Badges"
    assert record.price == "1250 EUR"
    assert record.enrolment_url == "https://www.bristol.ac.uk/apply"
    assert (record.start_date, record.end_date) == ("2025-09-22", "2026-01-30")
    assert record.updated is not None
    assert record.updated.isoformat() == "2025-01-15T10:00:00+01:00"
    assert record.is_microcredential is True


def _expanded(node: Any, vocabulary: str = "http://schema.org/") -> Any:
    """``node`` with full-IRI property names and ``@value`` objects, as extruct may give it."""
    if isinstance(node, list):
        return [_expanded(item, vocabulary) for item in node]
    if not isinstance(node, dict):
        return [{"@value": node}]
    expanded: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@type":
            expanded[key] = [vocabulary + value]
        elif key.startswith("@"):
            expanded[key] = value
        else:
            expanded[vocabulary + key] = _expanded(value, vocabulary)
    return expanded


@pytest.mark.parametrize("vocabulary", ["http://schema.org/", "https://schema.org/", "schema:"])
def test_full_iris_and_value_objects_read_like_plain_names(vocabulary: str) -> None:
    plain = _map(FULL_COURSE).model_dump()
    assert _map(_expanded(FULL_COURSE, vocabulary)).model_dump() == plain


def test_a_flattened_graph_with_references_reads_like_the_nested_node() -> None:
    course = {key: value for key, value in FULL_COURSE.items() if key != "provider"}
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@id": "#bristol", **FULL_COURSE["provider"]},
            {**course, "provider": {"@id": "#bristol"}},
        ],
    }
    assert _map(graph).model_dump() == _map(FULL_COURSE).model_dump()
    assert _map(graph["@graph"]).model_dump() == _map(FULL_COURSE).model_dump()


def test_extruct_microdata_items_are_read() -> None:
    item = {
        "type": "http://schema.org/Course",
        "properties": {
            "name": "Basic Proofreading",
            "hasCourseInstance": {
                "type": "http://schema.org/CourseInstance",
                "properties": {"courseMode": ["distance learning", "Online"]},
            },
        },
    }
    record = _map(item)
    assert record.title == {"und": "Basic Proofreading"}
    assert record.participation.mode == Mode.ONLINE


def test_the_course_is_preferred_over_other_nodes() -> None:
    organisation = {"@type": "CollegeOrUniversity", "name": "University of Bristol"}
    record = _map([organisation, {"@type": "Course", "name": "Physics"}])
    assert record.title == {"und": "Physics"}


def test_credits_in_another_unit_are_not_ects() -> None:
    course = {"@type": "Course", "name": "x", "numberOfCredits": {"value": 20, "unitText": "CATS"}}
    assert _map(course).workload.ects is None
    assert _map({**course, "numberOfCredits": "7,5"}).workload.ects == 7.5


def test_levels_of_other_frameworks_are_not_eqf() -> None:
    scqf = json.loads((SAMPLE / "eg-0259.json").read_text(encoding="utf-8"))
    assert _map(scqf).level.eqf is None
    alignment = {
        "@type": "AlignmentObject",
        "alignmentType": "educationalLevel",
        "educationalFramework": "EQF",
        "targetName": "Level 5",
    }
    assert _map({**scqf, "educationalAlignment": alignment}).level.eqf == 5
    assert _map({**scqf, "educationalLevel": "Master"}).level.qf_ehea == QfEhea.SECOND


def test_instances_that_disagree_give_no_mode_or_schedule() -> None:
    course = json.loads((SAMPLE / "eg-0333.json").read_text(encoding="utf-8"))
    record = _map(course)
    assert record.participation.schedule is None  # part-time at one campus, full-time at two
    only_full_time = {**course, "hasCourseInstance": course["hasCourseInstance"][1:]}
    assert _map(only_full_time).participation.schedule == "full-time"


def test_a_node_without_a_name_has_no_title() -> None:
    with pytest.raises(MappingError, match="no title"):
        _map({"@type": "Course", "description": "An unnamed course"})


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("", "not valid JSON"),
        ("{", "not valid JSON"),
        ("[]", "no schema.org node"),
        ('{"@type": "Person", "birthDate": "1937-05-05"}', "no schema.org node"),
        ('"Course"', "no schema.org node"),
    ],
)
def test_unreadable_payloads(payload: str, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        get_mapping("schema.org").map(RawInput(payload=payload, format="schema.org"))
