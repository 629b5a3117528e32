"""The CSV template mapping (format ``csv``) beyond its golden pairs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mappings.formats.csv_template import COLUMNS, split_cell
from mappings.registry import MappingError, RawInput, map_raw

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "csv"
ROW = json.loads((SAMPLES / "complete_row_green.json").read_text(encoding="utf-8"))
TEMPLATE_DOC = Path(__file__).resolve().parents[2] / "harvesters" / "csv_template.md"


def _map(**cells: Any):
    return map_raw(RawInput(payload=json.dumps({**ROW, **cells}), format="csv"))


def test_golden_pairs_cover_the_format() -> None:
    assert len(list(SAMPLES.glob("*.expected.json"))) >= 3


def test_the_samples_use_exactly_the_template_columns() -> None:
    for path in SAMPLES.glob("*.json"):
        if not path.name.endswith(".expected.json"):
            assert tuple(json.loads(path.read_text(encoding="utf-8"))) == COLUMNS, path.name


@pytest.mark.skipif(not TEMPLATE_DOC.exists(), reason=f"{TEMPLATE_DOC} not written yet")
def test_the_harvester_documents_the_same_columns() -> None:
    documented = TEMPLATE_DOC.read_text(encoding="utf-8")
    missing = [column for column in COLUMNS if not re.search(rf"\b{column}\b", documented)]
    assert not missing, f"columns of the mapping not in {TEMPLATE_DOC.name}: {missing}"


@pytest.mark.parametrize(
    ("cell", "values"),
    [("0613|0611", ["0613", "0611"]), (" a | | b ", ["a", "b"]), ("", []), (None, [])],
)
def test_split_cell(cell: Any, values: list[str]) -> None:
    assert split_cell(cell) == values


def test_title_lang_tags_every_text_of_the_row() -> None:
    record = _map(title_lang="de-AT", languages="de|en")
    assert set(record.title) == set(record.description) == set(record.prerequisites) == {"de"}
    assert all(set(outcome.text) == {"de"} for outcome in record.learning_outcomes)
    assert set(record.assessment.text) == {"de"}


def test_without_title_lang_texts_are_undetermined_unless_one_language_is_taught() -> None:
    assert set(_map(title_lang="", languages="en|fr").title) == {"und"}
    assert set(_map(title_lang="", languages="fr").title) == {"fr"}


def test_hours_never_become_ects() -> None:
    workload = _map(ects="", hours="125").workload
    assert (workload.ects, workload.hours, workload.ects_derived) == (None, 125, False)


@pytest.mark.parametrize(
    ("cell", "kind", "text"),
    [
        ("attendance", "attendance", {}),
        ("Written exam", "assessment", {"en": "Written exam"}),
        ("Peer-reviewed essay", None, {"en": "Peer-reviewed essay"}),
        ("", None, {}),
    ],
)
def test_assessment_type_or_text(cell: str, kind: str | None, text: dict[str, str]) -> None:
    assessment = _map(assessment=cell).assessment
    assert (assessment.type, assessment.text) == (kind, text)


@pytest.mark.parametrize(
    ("cell", "qa_type"),
    [
        ("external-institutional", "external-institutional"),
        ("External programme", "external-programme"),
        ("accredited", None),
    ],
)
def test_qa_type_only_from_its_codes(cell: str, qa_type: str | None) -> None:
    assert _map(qa_type=cell).quality_assurance.type == qa_type


def test_missing_columns_are_empty_elements() -> None:
    record = map_raw(RawInput(payload=json.dumps({"title": "Only a title"}), format="csv"))
    assert record.title == {"und": "Only a title"}
    assert record.provider is None
    assert record.workload.ects is None


def test_a_row_without_title_is_refused() -> None:
    with pytest.raises(MappingError, match="no title"):
        _map(title="")
