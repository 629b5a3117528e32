"""The vocabulary data files and their loader."""

from __future__ import annotations

import json
from enum import StrEnum
from importlib import resources
from pathlib import Path

import pytest

from mappings import vocab
from mappings.schema import AssessmentType, Mode, QaType, QfEhea, Transparency
from mappings.vocab import build


def test_isced_has_every_code_at_its_level() -> None:
    codes = vocab.isced_codes()
    assert len(codes) == 220
    assert codes["0613"] == "Software and applications development and analysis"
    assert vocab.isced_level("06") == "broad"
    assert vocab.isced_level("061") == "narrow"
    assert vocab.isced_level("0613") == "detailed"
    lengths = {"broad": 2, "narrow": 3, "detailed": 4}
    assert all(len(code) == lengths[str(vocab.isced_level(code))] for code in codes)


def test_is_isced_is_exact() -> None:
    assert vocab.is_isced("0613")
    assert vocab.is_isced("10")
    assert not vocab.is_isced("613")
    assert not vocab.is_isced("0614")
    assert not vocab.is_isced("")


def test_isced_narrower_expands_a_broad_field() -> None:
    narrower = vocab.isced_narrower("06")
    assert narrower[0] == "06"
    assert {"061", "0613", "068", "0688"} <= set(narrower)
    assert all(code.startswith("06") for code in narrower)
    assert vocab.isced_narrower("0699") == []


def test_isced_by_label_prefers_the_most_specific_code() -> None:
    assert vocab.isced_by_label("software and applications DEVELOPMENT and analysis") == "0613"
    assert vocab.isced_by_label("Transport services") == "1041"  # also the narrow field 104
    assert vocab.isced_by_label("Underwater basket weaving") is None


@pytest.mark.parametrize(
    ("kind", "code", "expected"),
    [
        ("isced", "0613", "Software and applications development and analysis"),
        ("eqf", "6", "EQF 6"),
        ("eqf", 8, "EQF 8"),
        ("qf_ehea", "first", "First cycle (bachelor)"),
        ("country", "GB", "United Kingdom"),
        ("country", "NL", "Netherlands"),
        ("lang", "nl", "Dutch"),
        ("lang", "el", "Greek"),
        ("lang", "nb", "Norwegian Bokmål"),
        ("mode", "blended", "Blended"),
        ("schedule", "part-time", "Part time"),
        ("qa", "external-programme", "External accreditation or evaluation of the programme"),
        ("assessment", "attendance", "Attendance certificate"),
        ("transparency", "amber", "Amber"),
        ("isced", "9876", "9876"),
        ("country", "ZZ", "ZZ"),
    ],
)
def test_label(kind: str, code: str, expected: str) -> None:
    assert vocab.label(kind, code) == expected


def test_label_of_unknown_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown vocabulary"):
        vocab.label("colour", "red")


@pytest.mark.parametrize(
    ("kind", "enum"),
    [
        ("mode", Mode),
        ("qf_ehea", QfEhea),
        ("qa", QaType),
        ("assessment", AssessmentType),
        ("transparency", Transparency),
    ],
)
def test_vocabularies_cover_the_schema_enums(kind: str, enum: type[StrEnum]) -> None:
    assert sorted(vocab.codes(kind)) == sorted(member.value for member in enum)
    assert all(vocab.label(kind, member.value) != member.value for member in enum)


def test_eqf_and_qf_ehea_levels() -> None:
    assert vocab.codes("eqf") == [str(level) for level in range(1, 9)]
    assert [vocab.qf_ehea_eqf(cycle) for cycle in ("short", "first", "second", "third")] == [
        5,
        6,
        7,
        8,
    ]
    assert vocab.qf_ehea_eqf("fourth") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FR", "FR"),
        ("fr", "FR"),
        ("FRA", "FR"),
        ("France", "FR"),
        ("http://publications.europa.eu/resource/authority/country/FRA", "FR"),
        ("http://publications.europa.eu/resource/authority/country/DEU/", "DE"),
        ("Deutschland", "DE"),
        ("  germany ", "DE"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("EL", "GR"),
        ("The Netherlands", "NL"),
        ("Netherlands, Kingdom of the", "NL"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d’Ivoire", "CI"),
        ("Kosovo", "XK"),
        ("http://publications.europa.eu/resource/authority/country/1A0", "XK"),
        ("Atlantis", None),
        ("", None),
        (None, None),
    ],
)
def test_country_code(text: str | None, expected: str | None) -> None:
    assert vocab.country_code(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("eng", "en"),
        ("en-GB", "en"),
        ("nl_NL", "nl"),
        ("zh-Hans-CN", "zh"),
        ("fre", "fr"),
        ("fra", "fr"),
        ("ger", "de"),
        ("deu", "de"),
        ("English", "en"),
        ("French", "fr"),
        ("Flemish", "nl"),
        ("Deutsch", "de"),
        ("français", "fr"),
        ("no", "no"),
        ("nob", "nb"),
        ("http://publications.europa.eu/resource/authority/language/ITA", "it"),
        ("x-none", None),
        ("und", None),
        ("Klingon", None),
        ("", None),
        (None, None),
    ],
)
def test_language_code(text: str | None, expected: str | None) -> None:
    assert vocab.language_code(text) == expected


def test_languages_and_countries_are_complete() -> None:
    languages = vocab.languages()
    assert len(languages) >= 180
    assert all(len(code) == 2 for code in languages)
    assert len(vocab.countries()) == 250  # 249 ISO 3166-1 entries and Kosovo


def test_word_vocabularies_have_words_and_uris() -> None:
    for kind in ("mode", "schedule", "assessment"):
        words = vocab.words(kind)
        assert words and all(words.values()), kind
    assert vocab.uris("mode")["http://data.europa.eu/snb/learning-assessment/920fbb3cbe"] == (
        "online"
    )
    assert vocab.uris("assessment")["http://data.europa.eu/snb/assessment/7331eb4762"] == (
        "attendance"
    )


def test_every_data_file_is_listed_with_source_and_licence() -> None:
    folder = resources.files("mappings.vocab")
    sources = json.loads(folder.joinpath("sources.json").read_text(encoding="utf-8"))
    listed = {entry["file"] for entry in sources}
    data_files = {
        item.name
        for item in folder.iterdir()
        if item.name.endswith((".csv", ".json")) and item.name != "sources.json"
    }
    assert listed == data_files
    assert all(entry["source"] and entry["licence"] for entry in sources)
    assert folder.joinpath("LICENSE.iso-3166-countries.md").is_file()


def test_vocabularies_are_loaded_once() -> None:
    vocab.isced_codes()
    before = vocab._isced.cache_info().hits
    vocab.is_isced("0613")
    vocab.label("isced", "0613")
    assert vocab._isced.cache_info().misses == 1
    assert vocab._isced.cache_info().hits > before


REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "data" / "reference"


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared reference data not present")
def test_committed_data_files_are_what_the_build_writes(tmp_path: Path) -> None:
    build.build(REFERENCE, tmp_path)
    folder = Path(build.__file__).parent
    for generated in sorted(tmp_path.iterdir()):
        committed = folder / generated.name
        assert committed.read_bytes() == generated.read_bytes(), generated.name
