"""The ``demo_json`` mapping: the JSON API's course objects onto ``Record``, losslessly."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aggregator.demo.catalogue import generate_offers
from aggregator.demo.providers import course_json
from mappings.normalise import clean_text
from mappings.registry import MappingError, RawInput, formats, map_raw
from mappings.schema import Record
from mappings.transparency import finalise


def mapped(course: dict[str, Any] | str) -> Record:
    payload = course if isinstance(course, str) else json.dumps(course)
    return map_raw(RawInput(payload, "demo_json", "application/json"))


def minimal(**fields: Any) -> dict[str, Any]:
    return {"id": "C-1", "title": {"en": "Applied Statistics"}, **fields}


def test_registered() -> None:
    assert "demo_json" in formats()


def test_every_element_round_trips() -> None:
    """Mapping the API's rendering of an offer gives back the offer, element for element."""
    for offer in generate_offers(1500, seed=21):
        expected = finalise(Record.model_validate(offer.record)).model_dump(mode="json")
        # Markup in harvested text is stripped by the mappings (mappings.normalise.clean_text).
        for element in ("title", "description"):
            expected[element] = {k: clean_text(v) for k, v in expected[element].items()}
        assert mapped(course_json(offer.record)).model_dump(mode="json") == expected


@pytest.mark.parametrize("payload", ["{not json", "[1, 2]", '"a string"', ""])
def test_unreadable_payloads_raise_mapping_error(payload: str) -> None:
    with pytest.raises(MappingError):
        mapped(payload)


def test_a_course_without_title_is_refused() -> None:
    with pytest.raises(MappingError):
        mapped({"id": "C-1", "title": {}})


def test_values_as_providers_write_them() -> None:
    record = mapped(
        minimal(
            title="Angewandte Statistik",
            credits={"value": "7,5", "system": "ECTS"},
            eqfLevel="EQF 6",
            qfEheaCycle="Bachelor",
            iscedF=["0542", "103", "ISCED 9999x"],
            languages=["de-DE"],
            mode="Präsenz",
            assessment={"type": "written exam"},
            qualityAssurance={"type": "External institutional", "body": "AQAS"},
            provider={"name": "Hochschule Nordhafen", "country": "Germany"},
        )
    )
    assert record.title == {"de": "Angewandte Statistik"}  # the one language of instruction
    assert record.workload.ects == 7.5
    assert record.level.eqf == 6 and record.level.qf_ehea == "first"
    assert record.subject.isced == ["0542", "103"]
    assert record.participation.mode == "onsite"
    assert record.assessment.type == "assessment"
    assert record.quality_assurance.type == "external-institutional"
    assert record.provider.country == "DE"
    assert record.provider.name == {"und": "Hochschule Nordhafen"}


def test_credits_in_another_system_are_not_taken_for_ects() -> None:
    assert mapped(minimal(credits={"value": 10, "system": "CATS"})).workload.ects is None
    assert mapped(minimal(credits=5)).workload.ects == 5


def test_stackability() -> None:
    towards = [{"title": {"en": "MSc Data Science"}, "url": "https://uni.example/msc"}]
    assert mapped(minimal(stackable=False)).stackability.option == "stand-alone"
    assert mapped(minimal(integrated=True)).stackability.option == "integrated"
    stackable = mapped(minimal(stackable=True, stackableTowards=towards)).stackability
    assert stackable.option == "stackable"
    assert stackable.towards[0].url == "https://uni.example/msc"
    assert mapped(minimal()).stackability.option is None
