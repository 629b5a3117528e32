"""The normalisation functions shared by the mappings."""

from __future__ import annotations

import html
import random
import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from mappings.normalise import (
    clean_text,
    country_code,
    doi_url,
    find_ects,
    handle_url,
    http_url,
    is_iso_duration,
    isced_2011_level,
    isced_by_name,
    iso_duration,
    iso_duration_hours,
    lang_text,
    language_code,
    nqf_level,
    parse_assessment,
    parse_date,
    parse_ects,
    parse_eqf,
    parse_hours,
    parse_isced,
    parse_mode,
    parse_number,
    parse_qf_ehea,
    parse_schedule,
)
from mappings.schema import AssessmentType, Mode, QfEhea


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, 5.0),
        (7.5, 7.5),
        ("5", 5.0),
        ("5.0", 5.0),
        ("7,5", 7.5),
        (" 7.5 ", 7.5),
        ("7,5 ECTS", 7.5),
        ("7.5 ects", 7.5),
        ("5 credits", 5.0),
        ("1 credit", 1.0),
        ("6 op", 6.0),
        ("5 opintopistettä", 5.0),
        ("15 hp", 15.0),
        ("10 sp", 10.0),
        ("6 EC", 6.0),
        ("6 ECTS-Punkte", 6.0),
        ("5 LP", 5.0),
        ("6 CFU", 6.0),
        ("30 crédits ECTS", 30.0),
        ("3 créditos", 3.0),
        ("6 ECTS credits", 6.0),
        ("ECTS: 6", 6.0),
        ("ECTS credits 4", 4.0),
        ("0", 0.0),
    ],
)
def test_parse_ects_reads_credits(value: Any, expected: float) -> None:
    assert parse_ects(value) == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "abc", "40 hours", "5-10 ECTS", "5 or 10 ECTS", -5, "-5", 10_000, True, [5], {}],
)
def test_parse_ects_refuses_what_is_not_credits(value: Any) -> None:
    assert parse_ects(value) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This module is worth 5 ECTS.", 5.0),
        ("Studielast: 2,5 EC; 70 uur", 2.5),
        ("ECTS: 3", 3.0),
        ("Umfang: 6 Leistungspunkte", 6.0),
        ("Laajuus 5 opintopistettä", 5.0),
        ("17,5 ects", 17.5),
        ("first 5 ECTS, then 10 ECTS", 5.0),
        ("Omvang: 4 Studiepunten", 4.0),
        ("7,5 högskolepoäng", 7.5),
        ("Credito: 6 CFU", 6.0),
        ("10 studiepoeng", 10.0),
        ("3 ectſ", 3.0),  # the pattern ignores case as Unicode does: "ſ" is an "s"
        ("Projects and subjects: 5 aspects", None),
        ("In 2020 we taught 120 students", None),
        ("5 credits", None),  # "credits" alone may be any system in running text
        ("", None),
        (None, None),
    ],
)
def test_find_ects_in_running_text(text: str | None, expected: float | None) -> None:
    assert find_ects(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("PT2H30M", 2.5),
        ("PT40H", 40.0),
        ("PT90M", 1.5),
        ("PT3600S", 1.0),
        ("PT0.5H", 0.5),
        ("PT1,5H", 1.5),
        ("P1D", 24.0),
        ("P1DT2H", 26.0),
        ("P2W", 336.0),
        ("pt1h", 1.0),
        ("P1Y", None),
        ("P6M", None),
        ("P1Y2M", None),
        ("P", None),
        ("PT", None),
        ("2 hours", None),
        ("", None),
        (None, None),
        (40, None),
    ],
)
def test_iso_duration_hours(value: Any, expected: float | None) -> None:
    assert iso_duration_hours(value) == expected


def test_iso_duration_hours_time_only_refuses_days() -> None:
    assert iso_duration_hours("P2D", time_only=True) is None
    assert iso_duration_hours("PT48H", time_only=True) == 48.0


def test_is_iso_duration() -> None:
    assert is_iso_duration("P4Y")
    assert is_iso_duration("PT40H")
    assert not is_iso_duration("4 years")
    assert not is_iso_duration(None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (40, 40.0),
        (12.5, 12.5),
        ("40", 40.0),
        ("40 hours", 40.0),
        ("1 hour", 1.0),
        ("40h", 40.0),
        ("40 hrs", 40.0),
        ("40 Stunden", 40.0),
        ("12 uur", 12.0),
        ("25 heures", 25.0),
        ("30 horas", 30.0),
        ("20 ore", 20.0),
        ("PT40H", 40.0),
        ("PT1H30M", 1.5),
        ("P2D", None),  # two days of calendar time, not 48 hours of study
        ("5 ECTS", None),
        ("40-60 hours", None),
        (-3, None),
        (None, None),
    ],
)
def test_parse_hours(value: Any, expected: float | None) -> None:
    assert parse_hours(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (6, 6),
        (6.0, 6),
        ("6", 6),
        ("Level 6", 6),
        ("level 4", 4),
        ("EQF 7", 7),
        ("EQF level 7", 7),
        ("EQF-Niveau 5", 5),
        ("Niveau 5", 5),
        ("European Qualifications Framework level 3", 3),
        ("http://data.europa.eu/snb/eqf/6", 6),
        ("http://data.europa.eu/snb/eqf/8/", 8),
        ("NLQF 6 / EQF 6", 6),
        ("SCQF Level 7", None),
        ("NLQF 6", None),
        ("DQR 6", None),
        ("Level 9", None),
        (0, None),
        (9, None),
        (6.5, None),
        (True, None),
        ("Bachelor", None),
        (None, None),
    ],
)
def test_parse_eqf(value: Any, expected: int | None) -> None:
    assert parse_eqf(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("short cycle", QfEhea.SHORT),
        ("Short-cycle", QfEhea.SHORT),
        ("short", QfEhea.SHORT),
        ("Associate degree", QfEhea.SHORT),
        ("first cycle", QfEhea.FIRST),
        ("1st cycle", QfEhea.FIRST),
        ("Bachelor", QfEhea.FIRST),
        ("HBO - Bachelor", QfEhea.FIRST),
        ("bachelor's degree", QfEhea.FIRST),
        ("Undergraduate", QfEhea.FIRST),
        ("second cycle", QfEhea.SECOND),
        ("WO - Master", QfEhea.SECOND),
        ("Master's", QfEhea.SECOND),
        ("laurea magistrale", QfEhea.SECOND),
        ("third cycle", QfEhea.THIRD),
        ("PhD", QfEhea.THIRD),
        ("Ph.D.", QfEhea.THIRD),
        ("doctoral", QfEhea.THIRD),
        ("HBO", None),
        ("Mastering Python", None),
        ("Bachelor and Master", None),
        ("EQF 6", None),
        (2, None),
        (None, None),
    ],
)
def test_parse_qf_ehea(value: Any, expected: QfEhea | None) -> None:
    assert parse_qf_ehea(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0613", ["0613"]),
        ("06", ["06"]),
        ("061", ["061"]),
        ("1014", ["1014"]),
        (" 0613 ", ["0613"]),
        ("http://data.europa.eu/snb/isced-f/0613", ["0613"]),
        ("http://data.europa.eu/snb/isced-f/10/", ["10"]),
        ("http://data.europa.eu/esco/isced-f/0421", ["0421"]),
        ("Informatik", ["0613"]),
        (["Rechtswissenschaften", "Introduction", "Physik"], ["0421", "0533"]),
        ("ISCED-F 0613", ["0613"]),
        ("ISCED 10", ["10"]),
        ("isced-f 2013: 101", ["101"]),
        ("0613 Software and applications development and analysis", ["0613"]),
        ("0613 - Software and applications development and analysis", ["0613"]),
        ("Software and applications development and analysis", ["0613"]),
        (613, ["0613"]),
        (6, ["06"]),
        (10, ["10"]),
        (["06", "0613", "06", "junk"], ["06", "0613"]),
        ("10", []),  # a bare "10" may be anything; "ISCED 10" is a code
        ("101", []),
        ("10 tips for better code", []),
        ("0613 Cooking", []),  # the words are not the code's label
        ("0614", []),
        ("2002", []),
        ("http://example.org/0613", []),
        ("", []),
        (None, []),
        (True, []),
    ],
)
def test_parse_isced(value: Any, expected: list[str]) -> None:
    assert parse_isced(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("online", Mode.ONLINE),
        ("Online course", Mode.ONLINE),
        ("distance learning", Mode.ONLINE),
        ("e-learning", Mode.ONLINE),
        ("E-Learning", Mode.ONLINE),
        ("MOOC", Mode.ONLINE),
        ("en ligne", Mode.ONLINE),
        ("à distance", Mode.ONLINE),
        ("a distancia", Mode.ONLINE),
        ("Fernstudium", Mode.ONLINE),
        ("afstandsonderwijs", Mode.ONLINE),
        ("verkkokurssi", Mode.ONLINE),
        ("face-to-face", Mode.ONSITE),
        ("Face to face", Mode.ONSITE),
        ("on campus", Mode.ONSITE),
        ("in person", Mode.ONSITE),
        ("Präsenz", Mode.ONSITE),
        ("Präsenzstudium", Mode.ONSITE),
        ("Prasenzveranstaltung", Mode.ONSITE),
        ("présentiel", Mode.ONSITE),
        ("presencial", Mode.ONSITE),
        ("in presenza", Mode.ONSITE),
        ("stacjonarne", Mode.ONSITE),
        ("lähiopetus", Mode.ONSITE),
        ("hybrid", Mode.BLENDED),
        ("Blended learning", Mode.BLENDED),
        ("semipresencial", Mode.BLENDED),
        ("hybride", Mode.BLENDED),
        ("monimuoto-opetus", Mode.BLENDED),
        ("online and on campus", Mode.BLENDED),
        (["MOOC", "online"], Mode.ONLINE),
        (["Posted", "distance learning"], Mode.ONLINE),
        ("http://data.europa.eu/snb/learning-assessment/9191af2ed9", Mode.ONSITE),
        ("full-time", None),
        ("Posted", None),
        ("", None),
        (None, None),
        (5, None),
    ],
)
def test_parse_mode(value: Any, expected: Mode | None) -> None:
    assert parse_mode(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("full-time", "full-time"),
        ("Full time", "full-time"),
        ("Vollzeit", "full-time"),
        ("part-time", "part-time"),
        ("Teilzeit", "part-time"),
        ("deeltijd", "part-time"),
        ("Evenings only and weekends", "part-time"),
        ("self-paced", "self-paced"),
        (["full-time", "online"], "full-time"),
        ("full-time or part-time", None),
        ("http://data.europa.eu/snb/learning-schedule/72a0ab92fa", "full-time"),
        ("online", None),
        (None, None),
    ],
)
def test_parse_schedule(value: Any, expected: str | None) -> None:
    assert parse_schedule(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Attendance certificate", AssessmentType.ATTENDANCE),
        ("Teilnahmebescheinigung", AssessmentType.ATTENDANCE),
        ("Assessment based certificate", AssessmentType.ASSESSMENT),
        ("written examination", AssessmentType.ASSESSMENT),
        ("Prüfung", AssessmentType.ASSESSMENT),
        ("No assessment and no certificate", AssessmentType.NONE),
        ("http://data.europa.eu/snb/assessment/6e6cb2cc78", AssessmentType.ASSESSMENT),
        ("http://data.europa.eu/snb/assessment/7331eb4762", AssessmentType.ATTENDANCE),
        ("coffee", None),
        (None, None),
    ],
)
def test_parse_assessment(value: Any, expected: AssessmentType | None) -> None:
    assert parse_assessment(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "plain"),
        ("  many \n\t spaces  ", "many spaces"),
        ("<p>a</p><p>b</p>", "a b"),
        ("<b>bold</b> and <i>italic</i>", "bold and italic"),
        ('<a href="x">link</a>', "link"),
        ("line<br/>break", "line break"),
        ("<!-- note -->text", "text"),
        ("Fish &amp; chips&nbsp;today", "Fish & chips today"),
        ("&lt;p&gt;escaped markup&lt;/p&gt;", "escaped markup"),
        ("x < 5 and y > 3", "x < 5 and y > 3"),
        ("control\x00char\x1b", "control char"),
        ("Cafe\u0301", "Café"),
        ("Café au lait", "Café au lait"),
        ("no\u00a0break", "no break"),
        ("ideographic\u3000space", "ideographic space"),
        (" leading", "leading"),
        ("trailing ", "trailing"),
        ("two  spaces", "two spaces"),
        ("tab\there", "tab here"),
        ("CR\r\nLF", "CR LF"),
        ("unit\x1fseparator", "unit separator"),
        (5, "5"),
        (None, ""),
    ],
)
def test_clean_text(value: Any, expected: str) -> None:
    assert clean_text(value) == expected


def _clean_by_the_rule(text: str) -> str:
    """Text without markup or entities: every C0 control character and DEL a space,
    whitespace runs one space, trimmed, NFC (the rule ``clean_text`` keeps, written plainly)."""
    for _ in range(2):
        text = re.sub(r"<!--.*?-->|<!\[CDATA\[|\]\]>|</?[A-Za-z][^<>]*>", " ", text, flags=re.S)
        text = html.unescape(text)
    text = "".join(" " if char < " " or char == "\x7f" else char for char in text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def test_clean_text_agrees_with_the_rule_whatever_the_mix_of_controls_and_spaces() -> None:
    # Control characters that ``split`` splits on and those it does not, line breaks,
    # other spaces and markup, in every order: seeded, so a failure repeats.
    pieces = [chr(code) for code in range(0x21)] + ["\x7f", "\x85", "\xa0", "\u2028", "\u200b"]
    pieces += ["a", "b", "e\u0301", "<p>", "&amp;", "&#1;", "&#x0b;", "\ufeff", " ", "x < 5"]
    generator = random.Random(4)
    for _ in range(20_000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 10)))
        assert clean_text(text) == _clean_by_the_rule(text), repr(text)


def test_lang_text_normalises_tags_and_keeps_every_language() -> None:
    text = lang_text(
        [
            ("en-GB", "Hello"),
            ("x-none", "Hoi"),
            (None, "Hoi"),
            ("fre", " Bonjour "),
            ("en", "World"),
            ("en", "Hello"),
            ("de", ""),
        ]
    )
    assert text == {"en": "Hello\n\nWorld", "und": "Hoi", "fr": "Bonjour"}


def test_lang_text_first_wins_without_join() -> None:
    assert lang_text([("en", "A"), ("en", "B")], join=None) == {"en": "A"}


def test_lang_text_accepts_a_string_or_a_mapping() -> None:
    assert lang_text("<p>Hi</p>") == {"und": "Hi"}
    assert lang_text({"nl": "Hallo", "en_US": "Hello", None: "?"}) == {
        "nl": "Hallo",
        "en": "Hello",
        "und": "?",
    }
    assert lang_text(None) == {}
    assert lang_text("") == {}


def test_parse_number() -> None:
    assert parse_number("7,5") == 7.5
    assert parse_number(3) == 3.0
    assert parse_number("3 ECTS") is None
    assert parse_number(True) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2009-06-18T02:49:30Z", datetime(2009, 6, 18, 2, 49, 30, tzinfo=UTC)),
        ("2010-06-09", datetime(2010, 6, 9, tzinfo=UTC)),
        ("1889-04", datetime(1889, 4, 1, tzinfo=UTC)),
        ("2019", datetime(2019, 1, 1, tzinfo=UTC)),
        (
            "2016-06-05T23:30:00+02:00",
            datetime(2016, 6, 5, 23, 30, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2019-02-28 11:43:05", datetime(2019, 2, 28, 11, 43, 5, tzinfo=UTC)),
        ("2019-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: Any, expected: datetime | None) -> None:
    assert parse_date(value) == expected


def test_language_and_country_are_the_vocabulary_lookups() -> None:
    assert language_code("nl_BE") == "nl"
    assert country_code("http://publications.europa.eu/resource/authority/country/BEL") == "BE"


def test_http_url_and_iso_duration_keep_valid_values_as_given() -> None:
    assert http_url(" https://example.org/a?b=c ") == "https://example.org/a?b=c"
    assert http_url("ftp://example.org") is None
    assert http_url("/relative/path") is None
    assert http_url("https://exa mple.org") is None
    assert http_url(None) is None
    assert iso_duration(" P4Y ") == "P4Y"
    assert iso_duration("four years") is None


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        # ELM NQF vocabulary: URIs and labels carry their framework, hence the country.
        ("http://data.europa.eu/snb/qdr/c_c392e7a2", None, ("GB", "6")),  # RQF Level 6
        ("http://data.europa.eu/snb/qdr/c_40020d69", "DE", ("FR", "IV")),  # NQF RNCP Level IV
        ("MECU Level 7", None, ("ES", "7")),
        ("NLQF Level 4+", None, ("NL", "4+")),
        ("NNMQF Level 5 A", None, ("MK", "5 A")),
        ("CROQF Level 7.1", None, ("HR", "7.1")),
        # A framework's name and a level, in either order, in several languages.
        ("DQR 6", None, ("DE", "6")),
        ("Stufe 6 DQR", None, ("DE", "6")),
        ("DQR-Niveau 5", None, ("DE", "5")),
        ("NLQF 6", None, ("NL", "6")),
        ("nlqf niveau 4+", None, ("NL", "4+")),
        ("SCQF level 9", None, ("GB", "9")),  # Scotland's framework: the United Kingdom
        ("SCQF Level 11", None, ("GB", "11")),
        ("NFQ Level 8", None, ("IE", "8")),  # alias of the Irish NQF
        ("PRK 6", None, ("PL", "6")),
        # A level alone needs the country.
        ("NQF 6", "DE", ("DE", "6")),
        ("niveau 6", "FR", ("FR", "6")),
        ("Level 7", "Germany", ("DE", "7")),
        (6, "NL", ("NL", "6")),
        ("4+", "NL", ("NL", "4+")),
        ("10", "IE", ("IE", "10")),
        ("4.2", "HR", ("HR", "4.2")),
    ],
)
def test_nqf_level(value: Any, country: str | None, expected: tuple[str, str]) -> None:
    level = nqf_level(value, country)
    assert level is not None
    assert (level.country, level.level) == expected


@pytest.mark.parametrize(
    ("value", "country"),
    [
        ("NQF 6", None),  # which country's?
        ("6", None),
        ("DQR 9", None),  # the DQR has eight levels
        ("SCQF Level 13", None),
        ("9", "DE"),  # above every German level
        ("EQF 6", "DE"),  # the European framework is not a national one
        ("EQF level 6", None),
        ("http://data.europa.eu/snb/qdr/c_027221dd", None),  # the SCQF itself, no level
        ("http://data.europa.eu/snb/qdr/c_00000000", None),
        ("urn:epass:nqfLevel:1", None),
        ("Bachelor", "DE"),
        ("6", "Atlantis"),
        ("", "DE"),
        (None, "DE"),
        (True, "DE"),
        (6.5, "DE"),
    ],
)
def test_nqf_level_refuses(value: Any, country: str | None) -> None:
    assert nqf_level(value, country) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (6, 6),
        (0, 0),
        ("7", 7),
        ("ISCED 6", 6),
        ("isced level 5", 5),
        ("ISCED 2011 level 7", 7),
        ("ISCED 2011, Level 8", 8),  # as the KIM educational level vocabulary writes it
        ("ISCED-P 655", 6),  # programme code: the level is its first digit
        ("ISCED-A 764", 7),
        ("ISCED 2011: 344", 3),
        ("Bachelor's or equivalent level", 6),
        ("short-cycle tertiary education", 5),
        ("https://w3id.org/kim/isced-2011/level3", 3),
        ("https://w3id.org/kim/educationalLevel/level_6", 6),
        # Not ISCED 2011 levels.
        (9, None),
        ("9", None),  # "not elsewhere classified"
        ("ISCED 061", None),  # an ISCED-F narrow field
        ("ISCED 06", None),
        ("ISCED 0613", None),
        ("ISCED 5A", None),  # ISCED 1997
        ("ISCED 97 level 5", None),
        ("EQF 6", None),
        ("Level 6", None),  # of which classification?
        ("Bachelor", None),
        (True, None),
        (None, None),
        ("", None),
    ],
)
def test_isced_2011_level(value: Any, expected: int | None) -> None:
    assert isced_2011_level(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English labels and names in the major European languages.
        ("Law", "0421"),  # 042 and 0421 share the label: the most specific code
        ("Droit", "0421"),
        ("Rechtswissenschaft", "0421"),
        ("Giurisprudenza", "0421"),
        ("Informatik", "0613"),
        ("informatique", "0613"),
        ("Informática", "0613"),
        ("computer science", "0613"),
        ("Betriebswirtschaftslehre", "0413"),
        ("Psychologie", "0313"),
        ("Sciences de l'éducation", "0111"),
        ("Geneeskunde", "0912"),
        ("Wiskunde", "0541"),
        ("Natuurkunde", "0533"),
        ("Maschinenbau", "0715"),
        ("Soziale Arbeit", "0923"),
        ("Travel, tourism and leisure", "1015"),
        # Case, accents and punctuation do not matter.
        ("  MATHEMATIQUES ", "0541"),
        ("sciences de l education", "0111"),
        # Close variants match by similarity.
        ("computer sciences", "0613"),
        ("Rechtswissenschaften", "0421"),
        ("Betriebswirtschaft", "0413"),
        ("Mathematic", "0541"),
        ("Sociologies", "0314"),
        ("Physiotherapie", "0915"),
        ("Informatique.", "0613"),
    ],
)
def test_isced_by_name(text: str, expected: str) -> None:
    assert isced_by_name(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Introduction",
        "Summer school",
        "Lawn care",  # not "Law"
        "Introduction to law",  # a title, not the name of a field
        "Laws of motion",
        "Environmental",  # not quite "Environment"
        "Educational",
        "Geography",  # physical (0532) or human (0314): left a keyword
        "Design",
        "English",  # a language of instruction as often as a subject
        "Data science",
        "Wirtschaftsinformatik",  # inter-disciplinary, not 0613
        "Biology of ageing",
        "Physics for poets",
        "Chemist",
        "Pharmacology",
        "MOOC",
        "0613",  # a code is for parse_isced, not a name
        "",
        "   ",
    ],
)
def test_isced_by_name_refuses_what_names_no_field(text: str) -> None:
    assert isced_by_name(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.5281/zenodo.123", "https://doi.org/10.5281/zenodo.123"),
        ("doi: 10.5281/zenodo.123", "https://doi.org/10.5281/zenodo.123"),
        ("https://dx.doi.org/10.5281/zenodo.123", "https://doi.org/10.5281/zenodo.123"),
        ("https://example.org/10.5281/zenodo.123", None),
        ("zenodo.123", None),
    ],
)
def test_a_doi_in_any_usual_writing_gets_its_resolvable_form(text, expected):
    assert doi_url(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20.500.12345/678", "https://hdl.handle.net/20.500.12345/678"),
        ("hdl: 20.500.12345/678", "https://hdl.handle.net/20.500.12345/678"),
        ("http://hdl.handle.net/20.500.12345/678", "https://hdl.handle.net/20.500.12345/678"),
        ("https://repository.example/20.500.12345/678", None),
    ],
)
def test_a_handle_in_any_usual_writing_gets_its_resolvable_form(text, expected):
    assert handle_url(text) == expected
