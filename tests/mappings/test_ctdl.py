"""The CTDL (Credential Engine) mapping: graph resolution, language maps, credit units, modes
and levels — the parts the golden pairs do not pin down. The documents here are written for
the tests in the shape the registry publishes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mappings.registry import MappingError, RawInput, map_raw
from mappings.schema import Record

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "ctdl"

ORG_CTID = "ce-11111111-2222-3333-4444-555555555555"
COURSE_CTID = "ce-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
REGISTRY = "https://credentialengineregistry.org"


def _map(doc: Any) -> Record:
    return map_raw(RawInput(payload=json.dumps(doc), format="ctdl"))


def _alignment(target: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:targetNode": target,
        "ceterms:targetNodeName": {"en-US": name},
        **extra,
    }


def _course(**extra: Any) -> dict[str, Any]:
    return {
        "@id": f"{REGISTRY}/resources/{COURSE_CTID}",
        "@type": "ceterms:Course",
        "ceterms:ctid": COURSE_CTID,
        "ceterms:name": {"en-US": "Applied statistics", "es": "Estadística aplicada"},
        "ceterms:description": {"en-US": "<p>Regression and <b>inference</b>.</p>"},
        "ceterms:subjectWebpage": "https://college.example/stats",
        "ceterms:offeredBy": [f"{REGISTRY}/graph/{ORG_CTID}"],
        "ceterms:inLanguage": ["en", "es"],
        "ceterms:deliveryType": [
            _alignment("deliveryType:BlendedDelivery", "Blended Delivery"),
        ],
        "ceterms:estimatedDuration": ["_:duration"],
        "ceterms:creditValue": ["_:credit"],
        **extra,
    }


def _graph(*nodes: dict[str, Any]) -> dict[str, Any]:
    organisation = {
        "@id": f"{REGISTRY}/resources/{ORG_CTID}",
        "@type": "ceterms:CredentialOrganization",
        "ceterms:ctid": ORG_CTID,
        "ceterms:name": {"en-US": "Example College"},
        "ceterms:subjectWebpage": "https://college.example",
        "ceterms:address": [
            {
                "@type": "ceterms:Place",
                "ceterms:addressCountry": {"en-US": "Ireland"},
            }
        ],
    }
    duration = {
        "@id": "_:duration",
        "@type": "ceterms:DurationProfile",
        "ceterms:exactDuration": "PT40H",
    }
    credit = {
        "@id": "_:credit",
        "@type": "qdata:ValueProfile",
        "qdata:value": 5,
        "ceterms:creditUnitType": [_alignment("creditUnit:ECTSCredit", "ECTS Credit")],
    }
    return {
        "@context": "https://credreg.net/ctdl/schema/context/json",
        "@id": f"{REGISTRY}/graph/{COURSE_CTID}",
        # The organisation first: the main resource is the first offer, not the first node.
        "@graph": [organisation, *nodes, duration, credit],
    }


def test_graph_references_are_resolved() -> None:
    record = _map(_graph(_course()))

    assert record.title == {"en": "Applied statistics", "es": "Estadística aplicada"}
    assert record.description == {"en": "Regression and inference ."}
    assert record.url == "https://college.example/stats"
    assert record.identifiers == [COURSE_CTID, f"{REGISTRY}/resources/{COURSE_CTID}"]
    assert record.provider is not None
    assert record.provider.model_dump() == {
        "name": {"en": "Example College"},
        "country": "IE",
        "identifiers": {"ctid": ORG_CTID, "website": "https://college.example"},
    }
    # Blank nodes: the duration profile and the value profile.
    assert record.workload.hours == 40
    assert record.duration == "PT40H"
    assert record.workload.ects == 5
    assert record.participation.mode == "blended"
    assert record.participation.languages == ["en", "es"]


@pytest.mark.parametrize(
    ("unit", "ects"),
    [
        ("creditUnit:ECTSCredit", 5),
        ("creditUnit:SemesterHour", None),
        ("creditUnit:QuarterHour", None),
        ("creditUnit:DegreeCredit", None),
    ],
)
def test_only_ects_credits_are_ects(unit: str, ects: float | None) -> None:
    course = _course(
        **{
            "ceterms:creditValue": [
                {
                    "@type": "qdata:ValueProfile",
                    "qdata:value": 5,
                    "ceterms:creditUnitType": [_alignment(unit, unit)],
                }
            ]
        }
    )
    record = _map(course)
    assert record.workload.ects == ects
    assert record.subject.keywords == []  # other credits are not subjects either


def test_split_document_with_unresolved_organisation() -> None:
    record = _map(_course())
    assert record.provider is not None
    assert record.provider.model_dump() == {
        "name": {},
        "country": None,
        "identifiers": {"ctid": ORG_CTID},
    }
    assert record.workload.hours is None  # "_:duration" is not in the payload
    assert "awarding_body" in record.missing


def test_owner_different_from_provider_is_awarding_body() -> None:
    owner = {
        "@type": "ceterms:CredentialOrganization",
        "ceterms:name": "Awarding Board",
        "ceterms:address": {"@type": "ceterms:Place", "ceterms:addressCountry": "Canada"},
    }
    record = _map(_graph(_course(**{"ceterms:ownedBy": [owner]})))
    assert record.provider is not None and record.provider.name == {"en": "Example College"}
    assert [(body.name, body.country) for body in record.awarding_bodies] == [
        ({"und": "Awarding Board"}, "CA")
    ]


@pytest.mark.parametrize(
    ("targets", "mode"),
    [
        (["deliveryType:OnlineOnly"], "online"),
        (["deliveryType:InPerson"], "onsite"),
        (["deliveryType:BlendedDelivery"], "blended"),
        (["deliveryType:InPerson", "deliveryType:OnlineOnly"], None),
    ],
)
def test_delivery_type(targets: list[str], mode: str | None) -> None:
    course = _course(**{"ceterms:deliveryType": [_alignment(t, t) for t in targets]})
    assert _map(course).participation.mode == mode


def test_available_online_alone_means_online() -> None:
    course = _course(**{"ceterms:availableOnlineAt": ["https://college.example/online"]})
    del course["ceterms:deliveryType"]
    assert _map(course).participation.mode == "online"


def test_levels_subjects_and_occupations() -> None:
    course = _course(
        **{
            "ceterms:audienceLevelType": [
                _alignment("audLevel:BachelorsDegreeLevel", "Bachelors Degree Level")
            ],
            "ceterms:instructionalProgramType": [
                _alignment(
                    "https://nces.ed.gov/ipeds/cipcode/cipdetail.aspx?y=56&cipid=88937",
                    "Statistics, General",
                    **{"ceterms:codedNotation": "27.0501", "ceterms:frameworkName": "CIP2020"},
                ),
                _alignment(
                    "http://data.europa.eu/snb/isced-f/0542",
                    "Statistics",
                    **{"ceterms:frameworkName": {"en-US": "ISCED-F 2013"}},
                ),
            ],
            "ceterms:occupationType": [
                _alignment("https://www.onetonline.org/link/summary/15-2041.00", "Statisticians")
            ],
            "ceterms:keyword": {"en-US": ["regression", "R"]},
        }
    )
    record = _map(course)
    assert record.level.qf_ehea == "first"
    assert record.level.eqf is None
    # CIP 27.0501 is not ISCED-F: only the ISCED-F alignment gives a code.
    assert record.subject.isced == ["0542"]
    assert record.subject.keywords == ["Statistics, General", "Statisticians", "regression", "R"]


def test_degree_type_gives_cycle() -> None:
    degree = {
        "@type": "ceterms:MasterDegree",
        "ceterms:name": "MSc Statistics",
    }
    assert _map(degree).level.qf_ehea == "second"


def test_competencies_and_conditions() -> None:
    course = _course(
        **{
            "ceterms:teaches": [
                _alignment("http://data.europa.eu/esco/skill/xyz", "perform statistical analysis"),
                {"@type": "ceterms:CredentialAlignmentObject", "ceterms:targetNodeName": "Use R"},
            ],
            "ceterms:entryCondition": [
                {
                    "@type": "ceterms:ConditionProfile",
                    "ceterms:description": {"en-US": "Calculus I"},
                    "ceterms:condition": {"en-US": ["High-school algebra"]},
                }
            ],
            "ceterms:requires": [
                {
                    "@type": "ceterms:ConditionProfile",
                    "ceterms:targetCompetency": [
                        {
                            "@type": "ceterms:CredentialAlignmentObject",
                            "ceterms:targetNodeName": "Basic probability",
                        }
                    ],
                }
            ],
            "ceterms:assessmentMethodType": [_alignment("assessMethod:Exam", "Exam")],
            "ceterms:assessmentMethodDescription": {"en-US": "A final written exam."},
        }
    )
    record = _map(course)
    assert [outcome.model_dump() for outcome in record.learning_outcomes] == [
        {
            "text": {"en": "perform statistical analysis"},
            "esco": ["http://data.europa.eu/esco/skill/xyz"],
        },
        {"text": {"und": "Use R"}, "esco": []},  # two languages of instruction: not inferred
    ]
    # Untagged texts take the language of instruction only when there is exactly one.
    assert record.prerequisites == {
        "en": "Calculus I; High-school algebra",
        "und": "Basic probability",
    }
    assert record.assessment.model_dump() == {
        "type": "assessment",
        "text": {"en": "A final written exam."},
    }


def test_part_of_a_program_is_stackable() -> None:
    program = {
        "@id": f"{REGISTRY}/resources/ce-99999999-8888-7777-6666-555555555555",
        "@type": "ceterms:LearningProgram",
        "ceterms:ctid": "ce-99999999-8888-7777-6666-555555555555",
        "ceterms:name": {"en-US": "Data analyst program"},
        "ceterms:subjectWebpage": "https://college.example/program",
        # A cycle: the program has the course as part, which is part of the program.
        "ceterms:hasPart": [f"{REGISTRY}/graph/{COURSE_CTID}"],
    }
    course = _course(**{"ceterms:isPartOf": [f"{REGISTRY}/graph/{program['ceterms:ctid']}"]})
    # The course is listed first in its own graph, so it is the main resource.
    record = _map(_graph(course, program))
    assert record.title["en"] == "Applied statistics"
    assert record.stackability.model_dump() == {
        "option": "stackable",
        "towards": [
            {"title": {"en": "Data analyst program"}, "url": "https://college.example/program"}
        ],
    }


def test_list_payload_and_non_offer_nodes() -> None:
    organisation_only = {"@type": "ceterms:CredentialOrganization", "ceterms:name": "X"}
    with pytest.raises(MappingError, match="no learning opportunity or credential"):
        _map(organisation_only)
    assert _map([organisation_only, _course()]).title["en"] == "Applied statistics"


def test_radiographic_seminar_sample() -> None:
    payload = (SAMPLES / "registry_lop_radiographic_interpreter_seminars.json").read_text()
    record = map_raw(RawInput(payload=payload, format="ctdl"))
    assert record.participation.mode == "onsite"
    assert record.duration == "P5D" and record.workload.hours is None
    assert record.quality_assurance.body == "Indiana Commission for Higher Education"


def test_every_format_has_three_real_samples() -> None:
    assert len(list(SAMPLES.glob("*.expected.json"))) >= 3


def test_organisation_outside_the_payload_without_ctid_keeps_its_uri() -> None:
    course = _course(**{"ceterms:offeredBy": ["https://example.org/organisations/7.json"]})
    record = _map(course)
    assert record.provider is not None
    assert record.provider.identifiers == {"uri": "https://example.org/organisations/7.json"}


def test_learning_opportunity_requirements_are_prerequisites_credential_ones_are_not() -> None:
    requires = [
        {
            "@type": "ceterms:ConditionProfile",
            "ceterms:name": {"en-US": "Admission Requirements"},
            "ceterms:description": {"en-US": "A high school diploma."},
        }
    ]
    assert _map(_course(**{"ceterms:requires": requires})).prerequisites == {
        "en": "A high school diploma."
    }
    certificate = {
        "@type": "ceterms:Certificate",
        "ceterms:name": {"en-US": "Certificate in Statistics"},
        "ceterms:requires": requires,
    }
    assert _map(certificate).prerequisites == {}
