"""Provider reference lists: matching providers to institutions and QA bodies to agencies.

Runs on the hand-written lists in ``tests/sample_data/reference`` (same column layout as the
DEQAR/ETER exports); one test reads the real lists in ``../shared`` when they are there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mappings.reference import (
    ProviderReference,
    ReferenceListError,
    enrich,
    name_key,
    near_exact,
    registrable_host,
    web_host,
    web_site,
)
from mappings.schema import Organisation, Record
from mappings.transparency import finalise

FIXTURE = Path(__file__).resolve().parents[1] / "sample_data" / "reference"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "reference" / "deqar-eter"


@pytest.fixture(scope="module")
def reference() -> ProviderReference:
    return ProviderReference.from_folder(FIXTURE)


def eter(reference: ProviderReference, **provider: Any) -> str | None:
    found = reference.match(Organisation(**provider))
    return found.eter_id if found else None


def test_the_folder_is_read_with_its_codes_and_missing_values(reference):
    assert len(reference.institutions) == 18
    greek = next(i for i in reference.institutions if i.eter_id == "EL0001")
    assert greek.country == "GR"  # ETER's EL is ISO's GR
    leiden = next(i for i in reference.institutions if i.eter_id == "NL0007")
    assert leiden.acronym is None  # ETER's "m"
    assert {a.acronym: a.country for a in reference.agencies} == {
        "AQ Austria": "AT",
        "NVAO": "NL",
        "AEQES": "BE",
    }


# --- institutions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("website", "expected"),
    [
        ("https://univie.ac.at/en/studium/", "AT0001"),  # no www.
        ("http://WWW.UNIVIE.AC.AT", "AT0001"),
        ("www.bristol.ac.uk", "UK0016"),  # no scheme, country second level kept
        ("https://moodle.uni.lodz.pl/course/1", "PL0014"),  # a subdomain of the website
        ("https://elearning.lodz.pl", None),  # lodz.pl is shared by two institutions
        ("https://univie.example.org", None),
        ("https://www.univ-orleans.fr/fr/formation", "FR0170"),
        ("https://www.univ-orleans.fr/espe/formation", "FR0295"),  # a school's part of the site
        ("https://sites.google.com/site/testmark/home", "XK0001"),
        ("https://sites.google.com/view/another-school", None),  # a shared host
        ("https://www.google.com", None),
    ],
)
def test_a_provider_matches_by_its_website_host(reference, website, expected):
    assert eter(reference, name={"und": "E-Learning Centre"}, identifiers={"website": website}) == (
        expected
    )


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ({"de": "Universität Hamburg"}, "DE0042"),
        ({"en": "University of Vienna"}, "AT0001"),  # English name
        ({"el": "Αριστοτέλειο Πανεπιστήμιο Θεσσαλονίκης"}, "EL0001"),
        ({"fr": "Université de Lorraine", "en": "University of Bologna"}, "IT0009"),
        ({"it": "Università di Bologna"}, "IT0009"),  # without "degli Studi"
        ({"pl": "Uniwersytet Lodzki"}, "PL0014"),  # without diacritics
        ({"und": "UNIVERSITÄT WIEN e.V."}, "AT0001"),  # capitals, legal form
        ({"und": "Uni Wien"}, "AT0001"),  # the usual short form
        ({"en": "Bristol University"}, "UK0016"),  # word order, no "The"
        ({"de": "Universitaet Hamburgg"}, "DE0042"),  # transliterated, one typo
        ({"en": "Technische Universität Wien"}, "AT0005"),
        ({"und": "TU Wien"}, "AT0005"),
    ],
)
def test_a_provider_matches_by_name_in_any_language(reference, names, expected):
    assert eter(reference, name=names) == expected


@pytest.mark.parametrize(
    "names",
    [
        {"de": "Hochschule Hamburg"},  # not HAW Hamburg, not Hochschule Augsburg
        {"de": "Universität Wiem"},  # a typo in a short word may be another place
        {"de": "Medizinische Universität Graz"},
        {"en": "Leiden University Medical Center"},  # a part is not the whole
        {"nl": "Erasmus Medisch Centrum"},
        {"en": "Open University"},  # in NL and in GB: which one?
        {"und": "UNIBO"},  # an acronym alone, without a country
        {"und": "OU"},
    ],
)
def test_near_misses_and_ambiguous_names_match_nothing(reference, names):
    assert eter(reference, name=names) is None


def test_an_acronym_matches_within_the_providers_country(reference):
    assert eter(reference, name={"und": "UNIBO"}, country="IT") == "IT0009"
    assert eter(reference, name={"und": "OU"}, country="NL") == "NL0015"
    assert eter(reference, name={"und": "UNIBO"}, country="FR") is None


def test_the_country_settles_an_ambiguous_name(reference):
    assert eter(reference, name={"en": "Open University"}, country="GB") == "UK0001"
    assert eter(reference, name={"en": "Open University"}, country="NL") == "NL0015"


def test_a_different_country_never_matches(reference):
    assert eter(reference, name={"de": "Universität Wien"}, country="DE") is None
    website = {"website": "https://www.univie.ac.at"}
    assert eter(reference, name={}, identifiers=website, country="CH") is None
    assert eter(reference, name={"de": "Universität Wien"}, country="AT") == "AT0001"


def test_website_and_name_pointing_at_different_institutions_match_nothing(reference):
    provider = {"name": {"de": "Universität Hamburg"}, "identifiers": {"website": "univie.ac.at"}}
    assert eter(reference, **provider) is None
    provider["name"] = {"de": "Universität Wien"}
    assert reference.find(Organisation(**provider)).by == "website"


def test_name_keys_and_hosts():
    assert name_key("Università degli Studi di BOLOGNA") == name_key("Universita di Bologna")
    assert name_key("Technische Universität Wien") == name_key("TU Wien") == "tu wien"
    assert name_key("Hochschule Hamburg") != name_key("Hochschule Augsburg")
    assert near_exact("hamburg univ", "hamburgg univ")
    assert not near_exact("augsburg hochschule", "hamburg hochschule")
    assert not near_exact("brandenburg applied sciences", "neubrandenburg applied sciences")
    assert not near_exact("gedik universitesi", "gediz universitesi")  # a short word
    assert web_host("m") is None  # ETER's "missing"
    assert web_host("https://www2.example.ac.uk:8443/x") == "example.ac.uk"
    assert web_host("www.hakkari.edu.tr / www.hu.edu.tr") == "hakkari.edu.tr"
    assert web_site("http://www.uio.no/english/") == "uio.no"
    assert web_site("http://www.uibk.ac.at/index.html.de") == "uibk.ac.at"
    assert web_site("http://www.univ-orleans.fr/espe") == "univ-orleans.fr/espe"
    assert registrable_host("moodle.uni-graz.at") == "uni-graz.at"
    assert registrable_host("www.ucl.ac.uk") == "ucl.ac.uk"


# --- agencies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("AQ Austria", "57"),
        ("aq austria", "57"),
        ("Accreditation Organisation of the Netherlands and Flanders (NVAO)", "16"),
        ("Agence pour l'évaluation de la qualité de l'enseignement supérieur", "46"),
        ("QAA", None),
        ("Austrian Accreditation Council", None),
        ("", None),
    ],
)
def test_a_qa_body_matches_an_eqar_agency(reference, body, expected):
    agency = reference.match_agency(body)
    assert (agency.deqar_id if agency else None) == expected


# --- enrichment -------------------------------------------------------------------------


def record(**data: Any) -> Record:
    base = {"title": {"en": "Data Literacy"}, "workload": {"ects": 5}}
    return finalise(Record.model_validate({**base, **data}))


def test_enrichment_fills_country_identifiers_and_the_qa_type(reference):
    mapped = record(provider={"name": {"de": "Universität Wien"}})
    assert {"country", "quality_assurance"} <= set(mapped.missing)
    enriched = enrich(mapped, reference)
    assert enriched.provider.country == "AT"
    assert enriched.provider.identifiers == {
        "eter": "AT0001",
        "website": "https://www.univie.ac.at/",
    }
    assert enriched.provider.derived == ["country", "identifiers.eter", "identifiers.website"]
    assert enriched.quality_assurance.type == "external-institutional"
    assert enriched.quality_assurance.type_derived is True
    # The derived elements are computed again.
    assert not {"country", "quality_assurance"} & set(enriched.missing)


def test_enrichment_never_replaces_what_the_record_says(reference):
    stated = record(
        provider={
            "name": {"de": "Universität Wien"},
            "country": "AT",
            "identifiers": {"website": "https://univie.ac.at/weiterbildung"},
        },
        quality_assurance={"type": "internal"},
    )
    enriched = enrich(stated, reference)
    assert enriched.quality_assurance.type == "internal"
    assert enriched.quality_assurance.type_derived is False
    assert enriched.provider.identifiers["website"] == "https://univie.ac.at/weiterbildung"
    assert enriched.provider.derived == ["identifiers.eter"]


def test_none_stated_is_no_statement_of_qa(reference):
    enriched = enrich(
        record(
            provider={"name": {"en": "University of Bologna"}},
            quality_assurance={"type": "none-stated"},
        ),
        reference,
    )
    assert enriched.quality_assurance.type == "external-institutional"


def test_a_stated_eter_id_of_another_institution_keeps_the_record_as_it_is(reference):
    provider = {"name": {"de": "Universität Wien"}, "identifiers": {"eter": "AT0005"}}
    enriched = enrich(record(provider=provider), reference)
    assert enriched.provider.country is None
    assert enriched.quality_assurance.type is None


def test_an_institution_outside_the_ehea_gets_identifiers_but_no_qa_type(reference):
    enriched = enrich(record(provider={"name": {"en": "University of Testmark"}}), reference)
    assert enriched.provider.identifiers["eter"] == "XK0001"
    assert enriched.quality_assurance.type is None


def test_awarding_bodies_and_the_qa_body_are_matched_too(reference):
    enriched = enrich(
        record(
            provider={"name": {"en": "Coursera"}},
            awarding_bodies=[{"name": {"nl": "Universiteit Leiden"}}],
            quality_assurance={"body": "NVAO"},
        ),
        reference,
    )
    assert enriched.awarding_bodies[0].identifiers["eter"] == "NL0007"
    assert enriched.awarding_bodies[0].country == "NL"
    assert enriched.quality_assurance.body_deqar_id == "16"
    # The provider itself is not an institution of the lists: no QA type is inferred.
    assert enriched.quality_assurance.type is None


def test_an_untouched_record_dumps_as_before(reference):
    plain = record(provider={"name": {"en": "Coursera"}})
    before = plain.model_dump(mode="json")
    after = enrich(plain, reference).model_dump(mode="json")
    assert after == before
    assert "derived" not in after["provider"]
    assert {"type_derived", "body_deqar_id"}.isdisjoint(after["quality_assurance"])


def test_enrichment_is_idempotent_and_round_trips(reference):
    once = enrich(record(provider={"name": {"de": "Universität Hamburg"}}), reference)
    dumped = once.model_dump(mode="json")
    twice = enrich(Record.model_validate(dumped), reference)
    assert twice.model_dump(mode="json") == dumped
    assert dumped["quality_assurance"]["type_derived"] is True


# --- the folder -------------------------------------------------------------------------


def test_a_missing_folder_or_column_is_reported(tmp_path):
    with pytest.raises(ReferenceListError, match="does not exist"):
        ProviderReference.from_folder(tmp_path / "nowhere")
    with pytest.raises(ReferenceListError, match="no file matches"):
        ProviderReference.from_folder(tmp_path)
    (tmp_path / "eter_institutions.csv").write_text("eter_id,name\nAT0001,Universität Wien\n")
    with pytest.raises(ReferenceListError, match="missing column"):
        ProviderReference.from_folder(tmp_path)


def test_without_agencies_and_countries_every_institution_counts(tmp_path):
    (tmp_path / "eter_institutions.csv").write_text(
        "eter_id,name,country,deqar_id\nAT0001,Universität Wien,AT,DEQARINST0001\n"
        "AT0005,Technische Universität Wien,AT,\n",
        encoding="utf-8",
    )
    reference = ProviderReference.from_folder(tmp_path)
    assert reference.agencies == []
    vienna = enrich(record(provider={"name": {"de": "Uni Wien"}}), reference)
    assert vienna.provider.identifiers == {"eter": "AT0001", "deqar": "DEQARINST0001"}
    assert vienna.quality_assurance.type == "external-institutional"
    # With a deqar_id column, only institutions with a DEQAR id count as in DEQAR.
    tu = enrich(record(provider={"name": {"de": "TU Wien"}}), reference)
    assert tu.provider.identifiers == {"eter": "AT0005"}
    assert tu.quality_assurance.type is None


def test_eter_country_codes_are_iso_without_the_countries_list(tmp_path):
    # ETER writes Greece EL and the United Kingdom UK; records say GR and GB.
    (tmp_path / "eter_institutions.csv").write_text(
        "eter_id,name,country\nEL0001,Aristoteleio Panepistimio Thessalonikis,EL\n",
        encoding="utf-8",
    )
    reference = ProviderReference.from_folder(tmp_path)
    named = {"name": {"el": "Aristoteleio Panepistimio Thessalonikis"}}
    assert enrich(record(provider=named), reference).provider.country == "GR"
    stated = enrich(record(provider={**named, "country": "GR"}), reference)
    assert stated.provider.identifiers == {"eter": "EL0001"}


def test_the_real_deqar_eter_lists_when_present():
    if not SHARED.is_dir():
        pytest.skip(f"the DEQAR/ETER lists are not at {SHARED} (../shared is not checked out)")
    reference = ProviderReference.from_folder(SHARED)
    assert len(reference.institutions) > 2000
    assert len(reference.agencies) > 40
    # Facts about well-known institutions, by each kind of evidence.
    hamburg = Organisation(
        name={"und": "Universität Hamburg"}, identifiers={"website": "https://www.uni-hamburg.de/"}
    )
    assert reference.find(hamburg).institution.eter_id == "DE0042"
    bologna = Organisation(name={"it": "Università di Bologna"}, country="IT")
    assert reference.match(bologna).eter_id == "IT0009"
    assert reference.match(Organisation(name={"und": "TU Wien"}, country="AT")).eter_id == "AT0005"
    assert reference.match(Organisation(name={"de": "Hochschule Hamburg"})) is None
    assert reference.match_agency("AQ Austria").acronym == "AQ Austria"
