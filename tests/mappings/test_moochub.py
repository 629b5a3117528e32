"""The MOOChub mapping beyond its golden pairs: variants of the openHPI example resource."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mappings.formats.moochub import moochub_mode, workload_hours
from mappings.registry import MappingError, RawInput, map_raw
from mappings.schema import Mode

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "moochub"
RESOURCE = json.loads((SAMPLES / "openhpi_complete_example.json").read_text(encoding="utf-8"))


def _map(doc: Any):
    return map_raw(RawInput(payload=json.dumps(doc), format="moochub"))


def _with(**attributes: Any) -> dict[str, Any]:
    return {**RESOURCE, "attributes": {**RESOURCE["attributes"], **attributes}}


def test_golden_pairs_cover_the_format() -> None:
    assert len(list(SAMPLES.glob("*.expected.json"))) >= 3


@pytest.mark.parametrize(
    ("workload", "duration", "hours"),
    [
        ({"timeValue": 3, "timeUnit": "h/week"}, "P2W", 6),
        ({"timeValue": 2, "timeUnit": "h/day"}, "P1W3D", 20),
        ({"timeValue": 10, "timeUnit": "h/month"}, "P3M", 30),
        ({"timeValue": 3, "timeUnit": "h/week"}, "P1M", None),  # a month is not whole weeks
        ({"timeValue": 3, "timeUnit": "h/week"}, "PT20H", None),
        ({"timeValue": 3, "timeUnit": "h/week"}, None, None),
        (None, "P2W", None),
    ],
)
def test_workload_times_duration(workload: Any, duration: Any, hours: float | None) -> None:
    assert workload_hours(workload, duration) == hours


@pytest.mark.parametrize(
    ("course_mode", "mode", "schedule"),
    [
        (["online"], Mode.ONLINE, None),
        (["onsite"], Mode.ONSITE, None),
        (["online", "onsite"], Mode.BLENDED, None),
        (["blended", "synchronous"], Mode.BLENDED, None),
        (["online", "asynchronous"], Mode.ONLINE, "self-paced"),
        (["synchronous", "asynchronous"], None, None),
        (None, None, None),
    ],
)
def test_course_mode(course_mode: Any, mode: Mode | None, schedule: str | None) -> None:
    assert moochub_mode(course_mode) == (mode, schedule)


@pytest.mark.parametrize(("credits", "ects"), [(5, 5), (2.5, 2.5), (0, None), (None, None)])
def test_number_of_credits_is_ects_when_positive(credits: Any, ects: float | None) -> None:
    workload = _map(_with(numberOfCredits=credits)).workload
    assert (workload.ects, workload.ects_derived) == (ects, False)


def test_time_required_when_no_weekly_workload() -> None:
    assert _map(_with(workload=None, timeRequired="PT12H")).workload.hours == 12


def test_a_whole_response_with_one_resource_is_accepted() -> None:
    response = {"links": {"self": "https://example.org/courses"}, "data": [RESOURCE]}
    assert _map(response) == _map(RESOURCE)


def test_a_resource_without_attributes_is_refused() -> None:
    with pytest.raises(MappingError, match="no JSON:API resource"):
        _map({"id": "1", "type": "Course"})


def test_provider_is_the_publisher_else_the_first_organisation_never_a_person() -> None:
    person = {"type": "Person", "name": "Christoph Meinel"}
    university = {"type": "Organization", "name": "HPI", "url": "https://hpi.de/"}
    record = _map(_with(publisher=person, creator=[person, university], contributor=[]))
    assert record.provider is not None
    assert record.provider.name == {"und": "HPI"}
    assert record.provider.identifiers == {"website": "https://hpi.de/"}
    assert _map(_with(publisher=person, creator=[person], contributor=[])).provider is None


def test_isced_alignments_are_codes_other_frameworks_keywords() -> None:
    oefos = {
        "educationalFramework": "OEFOS",
        "shortCode": "102001",
        "name": [{"inLanguage": "de", "name": "Informatik"}],
    }
    uri_only = {
        "educationalFramework": "ISCED-F",
        "targetUrl": "http://data.europa.eu/esco/isced-f/0613",
    }
    record = _map(
        _with(
            educationalAlignment=[*RESOURCE["attributes"]["educationalAlignment"], oefos, uri_only]
        )
    )
    assert record.subject.isced == ["0611", "0613"]
    assert "Informatik" in record.subject.keywords


def test_digcomp_levels_are_not_eqf_levels() -> None:
    assert _map(RESOURCE).level.eqf is None  # DigComp "INTERMEDIATE", shortCode 4


def test_teaches_are_outcomes_and_competencies_required_prerequisites() -> None:
    record = _map(RESOURCE)
    assert [outcome.text for outcome in record.learning_outcomes] == [
        {"en": "PROTECTING PERSONAL DATA AND PRIVACY"}
    ]
    assert set(record.prerequisites) == {"en", "de"}


def test_the_course_offer_is_the_price() -> None:
    offers = [
        {"price": 49.5, "priceCurrency": "EUR", "category": "certificate"},
        {"price": 120, "priceCurrency": "EUR", "category": "course"},
    ]
    assert _map(_with(offer=offers)).price == "120 EUR"
