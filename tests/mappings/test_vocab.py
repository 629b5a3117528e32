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
        ("isced_2011", "6", "Bachelor's or equivalent level"),
        ("isced_2011", "0", "Early childhood education"),
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


def test_nqf_levels_know_their_framework_and_country() -> None:
    levels = vocab.nqf_levels()
    assert len(levels) == 381  # the ELM vocabulary's 424 entries less its 43 frameworks
    countries = vocab.countries()
    assert all(row["country"] in countries and row["level"] for row in levels.values())
    rqf6 = levels["http://data.europa.eu/snb/qdr/c_c392e7a2"]
    assert (rqf6["framework"], rqf6["country"], rqf6["level"]) == ("RQF", "GB", "6")
    assert {row["country"] for row in levels.values() if row["framework"] == "SCQF"} == {"GB"}
    # Every framework of the vocabulary has levels and a country.
    assert len({row["framework"] for row in levels.values()}) == len(build.NQF_FRAMEWORKS)
    assert vocab.nqf_by_label("nlqf level 4+") == levels["http://data.europa.eu/snb/qdr/c_c2700f4e"]
    assert vocab.nqf_frameworks()["nfq"] == "IE NQF"
    assert set(vocab.nqf_framework_levels("DQR")) == {str(level) for level in range(1, 9)}


def test_isced_terms_hold_every_label_and_other_languages() -> None:
    terms = vocab.isced_terms()
    for code, label in vocab.isced_codes().items():
        # Shared labels (042 / 0421 "Law") go to the most specific code.
        assert terms[vocab.term_key(label)].startswith(code) or code.startswith(
            terms[vocab.term_key(label)]
        )
    assert terms["law"] == "0421"
    assert terms["rechtswissenschaft"] == "0421"
    assert terms["informatique"] == "0613"
    assert terms[vocab.term_key("Sciences de l'éducation")] == "0111"
    assert all(vocab.is_isced(code) for code in terms.values())


def test_written_isced_names_are_unambiguous() -> None:
    seen: dict[str, str] = {}
    for code, languages in build.ISCED_F_TERMS.items():
        assert vocab.is_isced(code), code
        for names in languages.values():
            for name in names:
                assert seen.setdefault(name.casefold(), code) == code, name


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


def test_remembered_functions_keep_short_texts_only():
    calls: list[str] = []

    @vocab.remembered(maxsize=8, longest=5)
    def measured(text: str, extra: int = 0) -> int:
        calls.append(text)
        return len(text) + extra

    assert measured("abc") == measured("abc") == 3
    assert calls == ["abc"]  # computed once
    assert measured("abc", 1) == 4  # further arguments are part of the key
    long = "x" * 6  # a payload's text too long to keep: computed each time, never held
    assert measured(long) == measured(long) == 6
    assert calls == ["abc", "abc", long, long]
    assert measured.__name__ == "measured"
