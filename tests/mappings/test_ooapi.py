"""The OOAPI mapping beyond its golden pairs: variants derived from the quickstart objects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mappings.formats.ooapi import ooapi_mode
from mappings.registry import MappingError, RawInput, map_raw
from mappings.schema import Mode

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "ooapi"
COURSE = json.loads((SAMPLES / "quickstart_course.json").read_text(encoding="utf-8"))


def _map(doc: dict[str, Any]):
    return map_raw(RawInput(payload=json.dumps(doc), format="ooapi"))


def _course(**changes: Any) -> dict[str, Any]:
    return {**COURSE, **changes}


def test_golden_pairs_cover_the_format() -> None:
    assert len(list(SAMPLES.glob("*.expected.json"))) >= 3


@pytest.mark.parametrize(
    ("value", "mode"),
    [
        ("online", Mode.ONLINE),
        (["distance-learning"], Mode.ONLINE),
        (["situated"], Mode.ONSITE),
        ("on campus", Mode.ONSITE),
        ("hybrid", Mode.BLENDED),
        (["on campus", "online"], Mode.BLENDED),
        (["situated", "situated"], Mode.ONSITE),
        (["coaching"], None),
        ([], None),
        (None, None),
    ],
)
def test_mode_of_delivery(value: Any, mode: Mode | None) -> None:
    assert ooapi_mode(value) == mode


def test_language_typed_strings_keep_every_language() -> None:
    record = _map(
        _course(
            name=[
                {"language": "nl-NL", "value": "Cursus"},
                {"language": "en-GB", "value": "Course"},
                {"language": "de-DE", "value": ""},
            ],
            description=[{"language": "en-GB", "value": "<p>One</p>"}],
        )
    )
    assert record.title == {"nl": "Cursus", "en": "Course"}
    assert record.description == {"en": "One"}


def test_a_plain_string_name_takes_the_teaching_language() -> None:
    assert _map(_course(name="Curso", teachingLanguage="spa")).title == {"es": "Curso"}


def test_each_inner_array_is_one_learning_outcome() -> None:
    outcomes = [
        [{"language": "en-GB", "value": "Solve"}, {"language": "es-ES", "value": "Resolver"}],
        [{"language": "en-GB", "value": "Prove"}],
    ]
    record = _map(_course(learningOutcomes=outcomes))
    assert [outcome.text for outcome in record.learning_outcomes] == [
        {"en": "Solve", "es": "Resolver"},
        {"en": "Prove"},
    ]


@pytest.mark.parametrize(
    ("study_load", "ects", "hours"),
    [
        ({"studyLoadUnit": "ects", "value": 6}, 6, None),
        ({"studyLoadUnit": "hour", "value": 84}, None, 84),
        ({"studyLoadUnit": "sbu", "value": 28}, None, 28),
        ({"studyLoadUnit": "weeks", "value": 10}, None, None),
        ({"studyLoadUnit": "ects", "value": "7,5"}, 7.5, None),
    ],
)
def test_study_load_units(study_load: dict[str, Any], ects: float | None, hours: float | None):
    workload = _map(_course(studyLoad=study_load)).workload
    assert (workload.ects, workload.hours, workload.ects_derived) == (ects, hours, False)


@pytest.mark.parametrize(
    ("level", "cycle"),
    [("associate degree", "short"), ("bachelor", "first"), ("master", "second"),
     ("doctoral", "third"), ("secondary vocational education 3", None)],
)  # fmt: skip
def test_levels_are_qf_ehea_cycles(level: str, cycle: str | None) -> None:
    record = _map(_course(level=level))
    assert record.level.qf_ehea == cycle
    assert record.level.eqf is None  # never inferred


def test_an_expanded_organization_is_the_provider_and_a_bare_id_is_not() -> None:
    assert _map(COURSE).provider is None  # "organization": "333e4567-..."
    organisation = COURSE["organization"]
    assert isinstance(organisation, str)
    expanded = {
        "organizationId": organisation,
        "primaryCode": {"codeType": "identifier", "code": "OEAPI Test Organization"},
        "name": [{"language": "en-GB", "value": "OEAPI Test Organization"}],
        "addresses": [{"addressType": "postal", "city": "Amsterdam", "countryCode": "NL"}],
        "link": "https://openonderwijsapi.nl/#/",
        "otherCodes": [
            {"codeType": "erasmusCode", "code": "NL AMSTERD99"},
            {"codeType": "schacHome", "code": "oeapi.example.nl"},
        ],
    }
    provider = _map(_course(organization=expanded)).provider
    assert provider is not None
    assert provider.name == {"en": "OEAPI Test Organization"}
    assert provider.country == "NL"
    assert provider.identifiers == {
        "erasmus": "NL AMSTERD99",
        "schac": "oeapi.example.nl",
        "website": "https://openonderwijsapi.nl/#/",
    }


def test_consumers_and_ext_are_ignored() -> None:
    plain = {key: value for key, value in COURSE.items() if key != "consumers"}
    noisy = _course(
        consumers=[{"consumerKey": "rio", "modeOfDelivery": "coaching", "level": "master"}],
        ext={"title": "not a title"},
    )
    assert _map(noisy) == _map(plain)


def test_the_primary_code_and_other_codes_are_identifiers() -> None:
    record = _map(COURSE)
    assert record.remote_id == "1668dd09-660f-4303-a2bf-14bea154b39d"
    assert record.identifiers == ["221110", "2024-501-C-EXAMPLE", "2024-COURSE-EXAMPLE"]


def test_admission_and_qualification_requirements_are_prerequisites() -> None:
    record = _map(COURSE)
    # Both requirements say the same in English: kept once; the Spanish ones differ.
    assert (
        record.prerequisites["en"] == "Check the general access and admission criteria on this page"
    )
    assert record.prerequisites["es"].count("\n\n") == 1


def test_offering_price_information() -> None:
    price = [{"costType": "total costs", "amount": 1200, "currency": "EUR"}]
    assert _map(_course(priceInformation=price)).price == "1200 EUR"


def test_a_payload_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(MappingError, match="expected a JSON object"):
        map_raw(RawInput(payload="[]", format="ooapi"))
