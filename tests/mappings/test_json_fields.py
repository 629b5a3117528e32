"""Provider JSON mapped through a field map given at registration (format json-fields)."""

from __future__ import annotations

import json

import pytest

from mappings.formats.json_fields import lookup, validate_field_map
from mappings.registry import MappingError, RawInput, map_raw

COURSE = {
    "code": "HZ-101",
    "name": {"nl": "Wondzorg", "en": "Wound care"},
    "summary": "Praktische wondzorg.",
    "load": {"value": "7,5", "unit": "ECTS"},
    "niveau": 6,
    "subjects": [{"isced": "0913"}, {"isced": "0912"}],
    "org": {"name": "Hogeschool Zeeland-Oost", "country": "NL"},
    "delivery": "hybride",
    "languages": ["nl", "en"],
    "outcomes": ["Wonden beoordelen", "Een zorgplan maken"],
    "link": "https://hzo.example/wondzorg",
}
FIELD_MAP = {
    "records": "result.courses",
    "language": "nl",
    "fields": {
        "title": "name",
        "description": "summary",
        "ects": "load.value",
        "eqf": "niveau",
        "isced": "subjects.isced",
        "provider": "org.name",
        "provider_country": "org.country",
        "mode": "delivery",
        "languages": "languages",
        "learning_outcomes": "outcomes",
        "url": "link",
    },
}


def mapped(field_map=FIELD_MAP, course=COURSE):
    return map_raw(
        RawInput(
            json.dumps(course),
            "json-fields",
            "application/json",
            course.get("code"),
            None,
            {"field_map": field_map},
        )
    )


def test_every_named_element_is_read_and_normalised():
    record = mapped()
    assert record.title == {"nl": "Wondzorg", "en": "Wound care"}
    assert record.description == {"nl": "Praktische wondzorg."}
    assert record.workload.ects == 7.5
    assert record.level.eqf == 6
    assert record.subject.isced == ["0913", "0912"]
    assert list(record.provider.name.values()) == ["Hogeschool Zeeland-Oost"]
    assert record.provider.country == "NL"
    assert record.participation.mode == "blended"
    assert record.participation.languages == ["nl", "en"]
    assert [o.text for o in record.learning_outcomes] == [
        {"nl": "Wonden beoordelen"},
        {"nl": "Een zorgplan maken"},
    ]
    assert record.url == "https://hzo.example/wondzorg"
    assert record.remote_id == "HZ-101"


def test_paths_walk_lists():
    assert lookup({"a": [{"b": 1}, {"b": [2, 3]}, {"c": 4}]}, "a.b") == [1, 2, 3]
    assert lookup({"a": None}, "a.b") == []


@pytest.mark.parametrize(
    ("field_map", "message"),
    [
        ([], "JSON object"),
        ({"fields": {}}, "'fields'"),
        ({"fields": {"name": "title"}}, "unknown elements ['name']"),
        ({"fields": {"ects": "credits"}}, "'title'"),
        ({"fields": {"title": "name..en"}}, "dotted path"),
        ({"fields": {"title": "name"}, "records": "data[0]"}, "dotted path"),
        ({"fields": {"title": "name"}, "language": "klingon"}, "language"),
        ({"fields": {"title": "name"}, "paging": "x"}, "unknown keys"),
    ],
)
def test_a_bad_field_map_says_what_is_wrong(field_map, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        validate_field_map(field_map)


def test_a_record_without_its_field_map_is_an_error():
    with pytest.raises(MappingError, match="field map"):
        map_raw(RawInput(json.dumps(COURSE), "json-fields", remote_id="x"))
