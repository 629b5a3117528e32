"""The XCRI-CAP mapping beyond its golden pairs: credits, presentations, provider, and the
published (reference-only) XCRI-CAP feeds mapped in place.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from mappings.formats.xcri_cap import cats_to_ects
from mappings.registry import MappingError, RawInput, map_raw
from mappings.schema import AssessmentType

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "xcri-cap"
# Reference only (no licence): read in place, never copied into the project.
SHARED_XCRI = Path(__file__).resolve().parents[3] / "shared" / "data" / "formats" / "xcri-cap"
XCRI = "http://xcri.org/profiles/1.2/catalog"
NAMESPACES = (
    f'xmlns="{XCRI}" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:mlo="http://purl.org/net/mlo" '
    'xmlns:credit="http://purl.org/net/cm" xmlns:xhtml="http://www.w3.org/1999/xhtml" '
    'xmlns:xcriTerms="http://xcri.org/profiles/1.2/catalog/terms" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def _course(*elements: str) -> str:
    return f"<course {NAMESPACES}><dc:title>Course</dc:title>{''.join(elements)}</course>"


def _map(payload: str):
    return map_raw(RawInput(payload=payload, format="xcri-cap"))


def _credit(scheme: str, value: str, level: str = "") -> str:
    return (
        f"<mlo:credit><credit:scheme>{scheme}</credit:scheme><credit:level>{level}</credit:level>"
        f"<credit:value>{value}</credit:value></mlo:credit>"
    )


def _presentation(*elements: str) -> str:
    return f"<presentation>{''.join(elements)}</presentation>"


def test_golden_pairs_cover_the_format() -> None:
    assert len(list(SAMPLES.glob("*.expected.json"))) >= 3


# --- credits ------------------------------------------------------------------------------


def test_cats_credits_are_halved_and_marked_derived() -> None:
    assert cats_to_ects(15) == 7.5
    workload = _map(_course(_credit("CATS", "15", "7"))).workload
    assert (workload.ects, workload.ects_derived) == (7.5, True)


def test_a_stated_ects_value_wins_over_cats() -> None:
    workload = _map(_course(_credit("UK CATS", "20"), _credit("ECTS", "10"))).workload
    assert (workload.ects, workload.ects_derived) == (10, False)


@pytest.mark.parametrize("scheme", ["SCQF", "The Open University", ""])
def test_other_credit_schemes_are_not_ects(scheme: str) -> None:
    workload = _map(_course(_credit(scheme, "10"))).workload
    assert workload.ects is None


def test_credit_levels_are_not_eqf_levels_but_named_eqf_qualification_levels_are() -> None:
    record = _map(
        _course(
            _credit("CATS", "30", "6"),
            "<mlo:qualification><dcterms:educationLevel>Level 6</dcterms:educationLevel>"
            "</mlo:qualification>",
        )
    )
    assert record.level.eqf is None
    record = _map(
        _course(
            "<mlo:qualification><dcterms:educationLevel xsi:type='xcriTerms:EQF'>6"
            "</dcterms:educationLevel></mlo:qualification>"
        )
    )
    assert record.level.eqf == 6


# --- typed descriptions -------------------------------------------------------------------


def test_typed_descriptions_go_to_their_elements() -> None:
    record = _map(
        _course(
            "<dc:description>What the course is.</dc:description>",
            "<dc:description xsi:type='xcriTerms:learningOutcome'><xhtml:ul>"
            "<xhtml:li>Do one thing.</xhtml:li><xhtml:li>Do another.</xhtml:li>"
            "</xhtml:ul></dc:description>",
            "<dc:description xsi:type='xcriTerms:aim'>An aim.</dc:description>",
            "<dc:description xsi:type='xcriTerms:assessmentStrategy'>A written exam."
            "</dc:description>",
            "<dc:description xsi:type='xcriTerms:entryProfile'>A degree.</dc:description>",
            "<mlo:prerequisite>Some maths.</mlo:prerequisite>",
            _presentation("<mlo:languageOfInstruction>en</mlo:languageOfInstruction>"),
        )
    )
    assert record.description == {"en": "What the course is."}
    assert [outcome.text for outcome in record.learning_outcomes] == [
        {"en": "Do one thing."},
        {"en": "Do another."},
    ]
    assert record.assessment.text == {"en": "A written exam."}
    assert record.assessment.type == AssessmentType.ASSESSMENT
    assert record.prerequisites == {"en": "A degree.\n\nSome maths."}


def test_an_aim_is_an_outcome_only_without_outcomes_and_abstract_is_the_fallback() -> None:
    record = _map(
        _course(
            "<abstract>Short.</abstract>",
            "<dc:description xsi:type='xcriTerms:aim'>An aim.</dc:description>",
        )
    )
    assert record.description == {"und": "Short."}
    assert [outcome.text for outcome in record.learning_outcomes] == [{"und": "An aim."}]


def test_isced_subjects_are_codes_and_bare_codes_are_not_keywords() -> None:
    record = _map(
        _course(
            "<dc:subject xsi:type='x:ISCED-F' identifier='0613'>Software</dc:subject>",
            "<dc:subject identifier='KC.3'>KC.3</dc:subject>",
            "<dc:subject>History</dc:subject>",
        )
    )
    assert record.subject.isced == ["0613"]
    assert record.subject.keywords == ["History"]


# --- presentations ------------------------------------------------------------------------


def test_the_presentation_that_starts_first_gives_dates_price_and_application() -> None:
    late = _presentation(
        "<mlo:start dtf='2027-01-10'>January</mlo:start><mlo:cost>200</mlo:cost>",
        "<applyTo>https://example.ac.uk/late</applyTo>",
    )
    early = _presentation(
        "<mlo:start>2026-09-01</mlo:start><end dtf='2026-12-01'>December</end>",
        "<mlo:cost>100</mlo:cost><applyTo>https://example.ac.uk/early</applyTo>",
        "<mlo:duration interval='P3M'>three months</mlo:duration>",
    )
    record = _map(_course(late, early))
    assert (record.start_date, record.end_date) == ("2026-09-01", "2026-12-01")
    assert (record.price, record.enrolment_url) == ("100", "https://example.ac.uk/early")
    assert record.duration == "P3M"


@pytest.mark.parametrize(
    ("attendance", "mode"),
    [
        ("<attendanceMode identifier='CM'>Campus</attendanceMode>", "onsite"),
        ("<attendanceMode identifier='DS'>Distance without attendance</attendanceMode>", "online"),
        ("<attendanceMode identifier='DA'>Distance with attendance</attendanceMode>", "blended"),
        ("<attendanceMode identifier='MM'>Mixed mode</attendanceMode>", "blended"),
        ("<attendanceMode>Face to face</attendanceMode>", "onsite"),
        ("<attendancePattern>Part time distance education course</attendancePattern>", "online"),
    ],
)
def test_attendance_mode_codes_then_words(attendance: str, mode: str) -> None:
    assert _map(_course(_presentation(attendance))).participation.mode == mode


def test_mode_and_schedule_only_when_the_presentations_agree() -> None:
    campus = _presentation(
        "<studyMode identifier='PT'>Part time</studyMode>",
        "<attendanceMode identifier='CM'>Campus</attendanceMode>",
    )
    distance = _presentation(
        "<studyMode identifier='PT'>Part time</studyMode>",
        "<attendanceMode identifier='DS'>Distance</attendanceMode>",
    )
    participation = _map(_course(campus, distance)).participation
    assert participation.mode is None
    assert participation.schedule == "part-time"


def test_languages_of_every_presentation() -> None:
    record = _map(
        _course(
            _presentation("<mlo:languageOfInstruction>EN</mlo:languageOfInstruction>"),
            _presentation("<mlo:languageOfInstruction>cy</mlo:languageOfInstruction>"),
        )
    )
    assert record.participation.languages == ["en", "cy"]


# --- provider -----------------------------------------------------------------------------


def test_provider_from_an_enclosing_provider_and_awarded_by_itself_is_not_a_second_body() -> None:
    payload = (
        f"<provider {NAMESPACES}><dc:title>Uni</dc:title><mlo:url>https://uni.example/</mlo:url>"
        "<mlo:location><mlo:country>IE</mlo:country></mlo:location>"
        "<course><dc:title>Course</dc:title><mlo:qualification><awardedBy>Uni</awardedBy>"
        "<awardedBy>Exam Board</awardedBy></mlo:qualification></course></provider>"
    )
    record = _map(payload)
    assert record.provider is not None
    assert record.provider.name == {"und": "Uni"}
    assert record.provider.country == "IE"
    assert record.provider.identifiers == {"website": "https://uni.example/"}
    assert [body.name for body in record.awarding_bodies] == [{"und": "Exam Board"}]


def test_provider_from_a_publisher_with_the_venue_country() -> None:
    venue = (
        "<venue><provider><dc:title>Campus</dc:title><mlo:location>"
        "<mlo:address>Main Street</mlo:address>"
        "<mlo:address type='country'>Ireland</mlo:address></mlo:location></provider></venue>"
    )
    record = _map(_course("<dc:publisher>College</dc:publisher>", _presentation(venue)))
    assert record.provider is not None
    assert record.provider.name == {"und": "College"}
    assert record.provider.country == "IE"  # the address line typed as the country


def test_a_course_without_provider_has_none() -> None:
    assert _map(_course()).provider is None


def test_a_payload_without_course_is_refused() -> None:
    with pytest.raises(MappingError, match="no <course>"):
        _map(f"<catalog {NAMESPACES}><provider><dc:title>P</dc:title></provider></catalog>")


# --- the published feeds (reference only) --------------------------------------------------


def _shared_courses() -> list[tuple[str, str]]:
    """``(file name, payload)`` per ``<course>`` as the spider emits it: inside its provider."""
    payloads = []
    for path in sorted(SHARED_XCRI.glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        for provider in root.iter(f"{{{XCRI}}}provider"):
            courses = provider.findall(f"{{{XCRI}}}course")
            for course in courses:
                # The provider with this one course: drop its other courses.
                wrapper = etree.fromstring(etree.tostring(provider))
                for other in wrapper.findall(f"{{{XCRI}}}course"):
                    if other.findtext("{http://purl.org/dc/elements/1.1/}identifier") != (
                        course.findtext("{http://purl.org/dc/elements/1.1/}identifier")
                    ):
                        wrapper.remove(other)
                payloads.append((path.name, etree.tostring(wrapper, encoding="unicode")))
    return payloads


@pytest.mark.skipif(
    not SHARED_XCRI.is_dir(), reason=f"reference-only XCRI-CAP samples not found at {SHARED_XCRI}"
)
def test_the_published_xcri_cap_feeds_map() -> None:
    records = {}
    for name, payload in _shared_courses():
        record = _map(payload)
        records[record.best_text("title")] = (name, record)
    assert set(records) == {"Start writing fiction", "BA (Honours) History", "Creating a webcomic"}

    fiction = records["Start writing fiction"][1]
    assert fiction.provider is not None and fiction.provider.name == {"und": "The Open University"}
    assert fiction.awarding_bodies == []  # awarded by the provider itself
    assert fiction.participation.mode == "online"  # "Part time distance education course"
    assert fiction.participation.schedule == "part-time"
    assert fiction.participation.languages == ["en"]
    assert fiction.start_date == "2011-05-07"
    assert fiction.workload.ects is None  # OU and SCQF credits are not ECTS
    assert fiction.assessment.type == AssessmentType.ASSESSMENT

    history = records["BA (Honours) History"][1]
    assert history.level.qf_ehea == "first"  # educationLevel "Undergraduate"

    webcomic = records["Creating a webcomic"][1]
    assert webcomic.assessment.type == AssessmentType.NONE  # "No assessment"
    assert webcomic.duration == "P4M"
    assert webcomic.start_date == "2012-08-01"  # the dtf attribute, not "1 Aug 2012"
    assert "Short course" in webcomic.subject.keywords  # metadataKeywords
