"""The flat index document built from a record."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from conformance import BY_ID, make_record

from mappings.schema import Record
from search_api.documents import SNIPPET_LENGTH, snippet, to_document
from search_api.query import NOT_STATED, Hit


def test_text_fields_join_every_language() -> None:
    document = to_document(BY_ID["r11"])
    assert document["title"] == "Cybersecurity Basics\nLes bases de la cybersécurité"
    assert document["provider_name"] == "Université libre de Bruxelles"
    assert document["text_by_lang"] == {
        "en": "Cybersecurity Basics",
        "fr": "Les bases de la cybersécurité",
    }


def test_outcomes_and_keywords_are_searchable_text() -> None:
    record = Record.model_validate(
        {
            "id": "x",
            "title": {"en": "Course"},
            "learning_outcomes": [{"text": {"en": "Write SQL", "de": "SQL schreiben"}}],
            "subject": {"keywords": ["databases", "SQL"]},
        }
    )
    document = to_document(record)
    assert document["outcomes"] == "Write SQL\nSQL schreiben"
    assert document["keywords"] == "databases\nSQL"
    assert document["text_by_lang"]["de"] == "SQL schreiben"


def test_isced_holds_every_prefix_and_the_broad_field() -> None:
    document = to_document(BY_ID["r12"])
    assert document["isced"] == ["02", "021", "0211", "06", "061", "0613"]
    assert document["isced_broad"] == ["02", "06"]
    assert document["hit"]["isced"] == ["0613", "0211"]


def test_missing_single_values_are_not_stated() -> None:
    document = to_document(BY_ID["r06"])
    for field in ("eqf", "qf_ehea", "qa", "country", "mode", "provider", "transparency"):
        assert document[field] == NOT_STATED, field
    assert document["ects"] is None
    assert document["microcredential"] is None
    assert document["updated"] is None
    assert document["isced"] == document["isced_broad"] == document["lang"] == []


def test_filter_values() -> None:
    document = to_document(BY_ID["r01"])
    assert document["eqf"] == 6
    assert document["qf_ehea"] == "first"
    assert document["ects"] == 5
    assert document["qa"] == "external-institutional"
    assert document["country"] == "DE"
    assert document["mode"] == "online"
    assert document["provider"] == "Technical University of Munich"
    assert document["transparency"] == "green"
    assert document["microcredential"] is True
    assert document["updated"] == "2024-03-01T09:00:00+00:00"


def test_languages_fall_back_to_the_title_languages() -> None:
    record = make_record("x", {"de": "Kurs", "en": "Course", "und": "Kurs?"})
    assert to_document(record)["lang"] == ["de", "en"]
    taught = make_record("y", {"de": "Kurs"}, languages=["EN", "en", "fr"])
    assert to_document(taught)["lang"] == ["en", "fr"]


def test_provider_display_name_prefers_english() -> None:
    record = make_record("x", {"en": "Course"}, provider={"de": "TU Wien", "en": "TU Vienna"})
    assert to_document(record)["provider"] == "TU Vienna"
    only_german = make_record("y", {"en": "Course"}, provider={"de": "TU Wien"})
    assert to_document(only_german)["provider"] == "TU Wien"


def test_title_sort_is_case_and_accent_free() -> None:
    record = make_record("x", {"fr": "Économie Sociale"})
    assert to_document(record)["title_sort"] == "economie sociale"


def test_hit_builds_a_result_list_entry() -> None:
    document = to_document(BY_ID["r01"])
    hit = Hit(**document["hit"])
    assert hit.title == "Data Science Fundamentals"
    assert hit.sources == 2
    assert hit.score is None
    json.dumps(document)  # the whole document is JSON


def test_record_round_trips() -> None:
    record = BY_ID["r11"]
    assert Record.model_validate_json(to_document(record)["record"]) == record


def test_sources_count_at_least_one() -> None:
    record = make_record("x", {"en": "Course"}).model_copy(update={"sources": []})
    assert to_document(record)["hit"]["sources"] == 1


def test_naive_updated_is_kept_as_given() -> None:
    record = make_record("x", {"en": "Course"}).model_copy(
        update={"updated": datetime(2024, 1, 2, 3, 4, 5)}
    )
    assert to_document(record)["updated"] == "2024-01-02T03:04:05"
    aware = record.model_copy(update={"updated": datetime(2024, 1, 2, tzinfo=UTC)})
    assert to_document(aware)["updated"] == "2024-01-02T00:00:00+00:00"


def test_record_without_id_is_refused() -> None:
    with pytest.raises(ValueError, match="id"):
        to_document(Record(title={"en": "Course"}))


def test_snippet_is_short_and_on_one_line() -> None:
    text = "Learn   the basics.\n" + "word " * 200
    short = snippet(text)
    assert len(short) <= SNIPPET_LENGTH
    assert short.endswith("…")
    assert "\n" not in short
    assert short.startswith("Learn the basics. word")
    assert snippet("Short text.") == "Short text."
    assert len(snippet("x" * 1000)) == SNIPPET_LENGTH
