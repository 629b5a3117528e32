"""Provider identities: one institution's many spellings grouped, different ones kept apart."""

from __future__ import annotations

import pytest

from aggregator.providers import normalise_provider_name, provider_identities


@pytest.mark.parametrize(
    "name",
    [
        "Universität Musterstadt",
        "The University of Musterstadt",
        "Université de Musterstadt",
        "UNIVERSITÄT MUSTERSTADT",
        "Uni Musterstadt",
        "Univ. of Musterstadt",
        "Universitaet Musterstadt gGmbH",
        "Universität Musterstadt – Campus Nord",
        "Universität Musterstadt, Körperschaft des öffentlichen Rechts",
        "Musterstadtin yliopisto".replace("Musterstadtin", "Musterstadt"),
    ],
)
def test_spellings_of_one_university_share_a_core(name):
    # Words sorted: word order differs between languages.
    assert normalise_provider_name(name).core == "musterstadt univ"


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Hochschule Beispielstadt", "beispielstadt uas"),
        ("Beispielstadt University of Applied Sciences", "beispielstadt uas"),
        ("Lernwerk GmbH", "lernwerk"),
        ("Lernwerk e.V.", "lernwerk"),
        ("Opiskelu Oy", "opiskelu"),
        ("Kunskap AB", "kunskap"),
        ("Leerhuis B.V.", "leerhuis"),
        ("Πανεπιστήμιο Δοκιμής", "univ δοκιμησ"),
        ("Studio Sapere S.p.A.", "sapere studio"),
    ],
)
def test_legal_forms_and_kinds_of_institution_are_normalised(name, core):
    assert normalise_provider_name(name).core == core


def test_a_bracketed_acronym_is_kept_apart_from_the_core():
    name = normalise_provider_name("Karlsburg Institute of Technology (KIT)")
    assert name.core == "institute karlsburg technology"
    assert name.acronym == "kit"


def test_identities_group_spellings_and_keep_different_providers_apart():
    identities = provider_identities(
        [
            ["Universität Musterstadt", "University of Musterstadt"],
            ["UNIV. OF MUSTERSTADT"],
            ["Universität Musterstad"],  # a typo
            ["Universität Beispielstadt"],
            ["Hochschule Musterstadt"],  # another institution in the same town
            ["Karlsburg Institute of Technology (KIT)"],
            ["KIT"],
        ]
    )
    same = identities.of_name
    assert same["Universität Musterstadt"] == same["University of Musterstadt"]
    assert same["UNIV. OF MUSTERSTADT"] == same["Universität Musterstadt"]
    assert same["Universität Musterstad"] == same["Universität Musterstadt"]
    assert same["Universität Beispielstadt"] != same["Universität Musterstadt"]
    assert same["Hochschule Musterstadt"] != same["Universität Musterstadt"]
    assert same["KIT"] == same["Karlsburg Institute of Technology (KIT)"]


def test_identities_do_not_chain_through_a_longer_name():
    # "univ nordstadt" ~ "univ nordstadt sudstadt" ~ "univ sudstadt" must not make one.
    identities = provider_identities(
        [
            ["University of Nordstadt"],
            ["University of Nordstadt-Südstadt"],
            ["University of Südstadt"],
        ]
    )
    same = identities.of_name
    assert same["University of Nordstadt"] != same["University of Südstadt"]


def test_new_names_are_assigned_to_known_identities():
    identities = provider_identities([["Universität Musterstadt", "University of Musterstadt"]])
    known = identities.of_name["Universität Musterstadt"]
    assert identities.assign(["Univ. Musterstadt"]) == known
    assert identities.assign(["Universität Musterstdat"]) == known  # a typo
    assert identities.assign(["Universität Beispielstadt"]) != known


def test_campuses_acronyms_and_company_units():
    names = [
        "University of Nordland, Eastfield",
        "University of Nordland, Eastfield, NL",
        "Dept. of Physics, University of Nordland, Westfield",
        "University of Nordland, Westfield",
        "University of Nordland",
        "UN Eastfield",  # the initials of "University of Nordland"
        "Karlsburg Institute of Technology",
        "KIT",
        "Lernwerk Research Labs, 12 Harbour Street, Kleinstadt",
        "Lernwerk Inc.",
        "University of Suedland, Ostdorf",
        "Univ. of Suedland, Ostdorf, Germany",
        "Department of Chemistry, University of Suedland",
    ]
    same = provider_identities([name] for name in names).of_name
    east = same["University of Nordland, Eastfield"]
    assert same["University of Nordland, Eastfield, NL"] == east
    assert same["UN Eastfield"] == east
    west = same["University of Nordland, Westfield"]
    assert same["Dept. of Physics, University of Nordland, Westfield"] == west != east
    # Two campuses, each named as often: the bare name could be either.
    assert same["University of Nordland"] not in (east, west)
    # One campus only: the bare name is that university.
    assert (
        same["Department of Chemistry, University of Suedland"]
        == same["University of Suedland, Ostdorf"]
    )
    assert same["KIT"] == same["Karlsburg Institute of Technology"]
    assert same["Lernwerk Inc."] == same["Lernwerk Research Labs, 12 Harbour Street, Kleinstadt"]
