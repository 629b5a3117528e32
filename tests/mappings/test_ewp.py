"""The EWP Courses mapping beyond its golden pairs: both bindings, the institution, credits."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.formats.ewp import schac_country
from mappings.registry import MappingError, RawInput, map_raw

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "ewp"
V1 = (SAMPLES / "introductory_calculus_v1.xml").read_text(encoding="utf-8")
DRAFT = (SAMPLES / "introductory_calculus_draft.xml").read_text(encoding="utf-8")
NAMESPACE = "https://github.com/erasmus-without-paper/ewp-specs-api-courses/tree/stable-v1"


def _map(payload: str):
    return map_raw(RawInput(payload=payload, format="ewp"))


def _los(*elements: str, attributes: str = "") -> str:
    return (
        f'<learningOpportunitySpecification xmlns="{NAMESPACE}" {attributes}>'
        f'<los-id>CR/1</los-id><title xml:lang="en">Course</title>{"".join(elements)}'
        "</learningOpportunitySpecification>"
    )


def test_golden_pairs_cover_the_format() -> None:
    assert len(list(SAMPLES.glob("*.expected.json"))) >= 3


def test_both_bindings_give_the_same_course() -> None:
    v1, draft = _map(V1), _map(DRAFT)
    assert v1.title == draft.title
    assert v1.description == draft.description
    assert v1.subject.isced == draft.subject.isced == ["0541"]
    assert v1.workload.ects == draft.workload.ects == 15
    assert (v1.start_date, v1.end_date) == (draft.start_date, draft.end_date)
    assert draft.identifiers == [] and draft.remote_id == "MA100"


def test_hei_id_on_the_wrapper_names_the_provider() -> None:
    wrapped = f'<courses-response hei-id="uio.no">{V1}</courses-response>'
    provider = _map(wrapped).provider
    assert provider is not None
    assert provider.identifiers == {"schac": "uio.no"}
    assert provider.country == "NO"
    assert provider.name == {}


def test_an_organisation_element_gives_name_and_erasmus_code() -> None:
    organisation = (
        "<organisation><hei-id>UW.EDU.PL</hei-id><erasmus-code>PL WARSZAW01</erasmus-code>"
        '<name xml:lang="pl">Uniwersytet Warszawski</name>'
        '<name xml:lang="en">University of Warsaw</name></organisation>'
    )
    provider = _map(_los(organisation)).provider
    assert provider is not None
    assert provider.name == {"pl": "Uniwersytet Warszawski", "en": "University of Warsaw"}
    assert provider.identifiers == {"schac": "uw.edu.pl", "erasmus": "PL WARSZAW01"}
    assert provider.country == "PL"


def test_without_a_hei_id_there_is_no_provider() -> None:
    assert _map(V1).provider is None


@pytest.mark.parametrize(
    ("hei_id", "country"),
    [("uio.no", "NO"), ("ucl.ac.uk", "GB"), ("unibo.it", "IT"), ("ewp.example.eu", None),
     ("university.edu", None)],
)  # fmt: skip
def test_schac_country(hei_id: str, country: str | None) -> None:
    assert schac_country(hei_id) == country


def test_subject_area_is_isced_only_when_it_is_an_isced_code() -> None:
    assert _map(_los("<subjectArea>12345</subjectArea>")).subject.isced == []
    assert _map(_los("<subjectArea>10</subjectArea>")).subject.isced == []  # could be anything
    assert _map(_los("<subjectArea>0314</subjectArea>")).subject.isced == ["0314"]


def test_only_ects_credits_count_and_their_level_is_the_cycle() -> None:
    instance = (
        "<specifies><learningOpportunityInstance><loi-id>1</loi-id>"
        "<credit><scheme>no-vt</scheme><value>5</value></credit>"
        "<credit><scheme>ECTS</scheme><level>Master</level><value>7.5</value></credit>"
        "</learningOpportunityInstance></specifies>"
    )
    record = _map(_los(instance))
    assert record.workload.ects == 7.5
    assert record.level.qf_ehea == "second"
    no_ects = instance.replace("<scheme>ECTS</scheme>", "<scheme>local</scheme>")
    assert _map(_los(no_ects)).workload.ects is None


def test_eqf_level_provided() -> None:
    assert _map(_los("<eqf-level-provided>6</eqf-level-provided>")).level.eqf == 6
    assert _map(_los("<eqfLevelProvided>9</eqfLevelProvided>")).level.eqf is None


def test_a_payload_without_a_los_is_refused() -> None:
    with pytest.raises(MappingError, match="learningopportunityspecification"):
        _map(f'<courses-response xmlns="{NAMESPACE}"/>')
