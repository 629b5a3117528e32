"""What every search backend must do, as a learner notices it.

``BackendConformance`` holds plain test methods over a small hand-built catalogue with known
values. A backend's test module subclasses it and provides one fixture, ``backend``: an empty
index of that engine (skip with a reason when the engine is not configured)::

    class TestEmbeddedBackend(BackendConformance):
        @pytest.fixture
        def backend(self, tmp_path):
            return EmbeddedBackend(tmp_path / "index")

A backend that lacks a feature skips that test by name in its subclass, visibly.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from mappings.schema import Record, Workload
from search_api.backends.base import SearchBackend
from search_api.documents import to_document
from search_api.query import FACETS, NOT_STATED, Filters, SearchPage, SearchQuery


def make_record(
    record_id: str,
    title: dict[str, str],
    *,
    provider: str | dict[str, str] | None = None,
    country: str | None = None,
    eqf: int | None = None,
    qf_ehea: str | None = None,
    ects: float | None = None,
    isced: list[str] | None = None,
    qa: str | None = None,
    mode: str | None = None,
    languages: list[str] | None = None,
    transparency: str | None = None,
    microcredential: bool | None = None,
    updated: str | None = None,
    description: dict[str, str] | None = None,
    sources: int = 1,
) -> Record:
    """A record with just the elements search looks at."""
    names = {"en": provider} if isinstance(provider, str) else provider
    return Record.model_validate(
        {
            "id": record_id,
            "url": f"https://example.org/courses/{record_id}",
            "title": title,
            "description": description or {},
            "provider": {"name": names, "country": country} if names or country else None,
            "workload": {"ects": ects},
            "level": {"eqf": eqf, "qf_ehea": qf_ehea},
            "subject": {"isced": isced or []},
            "quality_assurance": {"type": qa},
            "participation": {"mode": mode, "languages": languages or []},
            "transparency": transparency,
            "is_microcredential": microcredential,
            "updated": updated,
            "sources": [
                {"feed_id": n, "remote_id": f"{record_id}-{n}"} for n in range(1, sources + 1)
            ],
        }
    )


TUM = {"en": "Technical University of Munich", "de": "Technische Universität München"}

CATALOGUE: tuple[Record, ...] = (
    make_record(
        "r01",
        {"en": "Data Science Fundamentals"},
        description={"en": "Python, statistics and machine learning for beginners."},
        provider=TUM,
        country="DE",
        eqf=6,
        qf_ehea="first",
        ects=5,
        isced=["0613"],
        qa="external-institutional",
        mode="online",
        languages=["en"],
        transparency="green",
        microcredential=True,
        updated="2024-03-01T09:00:00+00:00",
        sources=2,
    ),
    make_record(
        "r02",
        {"de": "Maschinelles Lernen für Ingenieure"},
        provider=TUM,
        country="DE",
        eqf=7,
        qf_ehea="second",
        ects=6,
        isced=["0619"],
        qa="external-institutional",
        mode="online",
        languages=["de"],
        transparency="green",
        microcredential=True,
        updated="2024-05-10T09:00:00+00:00",
    ),
    make_record(
        "r03",
        {"fr": "Introduction à la science des données"},
        provider="Université de Lyon",
        country="FR",
        eqf=6,
        qf_ehea="first",
        ects=3,
        isced=["0613"],
        qa="external-programme",
        mode="onsite",
        languages=["fr"],
        transparency="amber",
        microcredential=True,
        updated="2023-11-20T09:00:00+00:00",
    ),
    make_record(
        "r04",
        {"en": "Welding Safety"},
        provider="Delft Skills Centre",
        country="NL",
        eqf=4,
        ects=2,
        isced=["0715"],
        qa="internal",
        mode="onsite",
        languages=["en", "nl"],
        transparency="red",
        microcredential=False,
        updated="2022-01-15T09:00:00+00:00",
    ),
    make_record(
        "r05",
        {"en": "Sustainable Agriculture"},
        provider="Università di Bologna",
        country="IT",
        eqf=5,
        qf_ehea="short",
        ects=10,
        isced=["0811"],
        qa="external-institutional",
        mode="blended",
        languages=["en"],
        transparency="green",
        microcredential=True,
        updated="2024-01-05T09:00:00+00:00",
    ),
    make_record(
        # States almost nothing: every single-valued facet counts it as not stated.
        "r06",
        {"und": "Pottery Workshop"},
    ),
    make_record(
        "r07",
        {"de": "Nachhaltige Landwirtschaft"},
        provider="Universität Hohenheim",
        country="DE",
        eqf=6,
        qf_ehea="first",
        ects=30,
        isced=["0811"],
        qa="external-institutional",
        mode="online",
        languages=["de"],
        transparency="amber",
        microcredential=True,
        updated="2023-06-01T09:00:00+00:00",
    ),
    make_record(
        "r08",
        {"en": "Advanced Statistics"},
        provider="University of Warsaw",
        country="PL",
        eqf=7,
        qf_ehea="second",
        ects=60,
        isced=["0542"],
        qa="external-programme",
        mode="online",
        languages=["en", "pl"],
        transparency="green",
        microcredential=False,
        updated="2024-02-01T09:00:00+00:00",
    ),
    make_record(
        "r09",
        {"es": "Gestión de proyectos"},
        provider="Universidad de Salamanca",
        country="ES",
        eqf=6,
        qf_ehea="first",
        ects=4.5,
        isced=["0413"],
        qa="external-institutional",
        mode="blended",
        languages=["es"],
        transparency="amber",
        microcredential=True,
        updated="2023-09-01T09:00:00+00:00",
    ),
    make_record(
        "r10",
        {"en": "Project Management Essentials"},
        provider="Dublin Business School",
        country="IE",
        eqf=6,
        qf_ehea="first",
        ects=4.5,
        isced=["0413"],
        qa="internal",
        mode="online",
        languages=["en"],
        transparency="red",
        microcredential=True,
    ),
    make_record(
        "r11",
        {"en": "Cybersecurity Basics", "fr": "Les bases de la cybersécurité"},
        provider="Université libre de Bruxelles",
        country="BE",
        eqf=5,
        qf_ehea="short",
        ects=1,
        isced=["0612"],
        qa="external-institutional",
        mode="online",
        languages=["fr", "en"],
        transparency="green",
        microcredential=True,
        updated="2024-04-01T09:00:00+00:00",
    ),
    make_record(
        "r12",
        {"en": "Data Visualisation"},
        provider=TUM,
        country="DE",
        eqf=7,
        qf_ehea="second",
        ects=5,
        isced=["0613", "0211"],
        qa="external-institutional",
        mode="online",
        languages=["en"],
        transparency="green",
        microcredential=True,
        updated="2023-02-01T09:00:00+00:00",
    ),
)
BY_ID = {record.id: record for record in CATALOGUE}
ALL_IDS = set(BY_ID)

ISCED_FACETS = ("isced_narrow", "isced_detailed")
SINGLE_VALUED_FACETS = ("eqf", "qf_ehea", "ects", "qa", "country", "mode", "transparency")
SORTS = ("relevance", "ects", "title", "updated")


def documents(records: tuple[Record, ...] | list[Record] = CATALOGUE) -> list[dict[str, Any]]:
    return [to_document(record) for record in records]


def many_records(count: int, prefix: str = "bulk") -> list[Record]:
    return [
        make_record(f"{prefix}{n:04d}", {"en": f"Bulk course {n}"}, ects=n % 7, eqf=n % 8 + 1)
        for n in range(count)
    ]


def search(backend: SearchBackend, text: str = "", **options: Any) -> SearchPage:
    filters = options.pop("filters", Filters())
    options.setdefault("size", 100)
    return backend.search(SearchQuery(text=text, filters=filters, **options))


def ids(page: SearchPage) -> list[str]:
    return [hit.id for hit in page.hits]


def counts(page: SearchPage, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in page.facets[facet]}


class BackendConformance:
    """The shared suite. Subclasses provide the ``backend`` fixture: an empty index."""

    @pytest.fixture
    def backend(self) -> Iterator[SearchBackend]:
        raise NotImplementedError("a backend's test class provides the backend fixture")

    @pytest.fixture
    def catalogue(self, backend: SearchBackend) -> SearchBackend:
        """The backend holding ``CATALOGUE``."""
        assert backend.index(documents()) == len(CATALOGUE)
        return backend

    # Counting and plain text ------------------------------------------------------------

    def test_empty_index_searches(self, backend: SearchBackend) -> None:
        page = search(backend)
        assert backend.count() == 0
        assert page.total == 0
        assert page.hits == []

    def test_empty_text_finds_everything(self, catalogue: SearchBackend) -> None:
        page = search(catalogue)
        assert catalogue.count() == len(CATALOGUE)
        assert page.total == len(CATALOGUE)
        assert set(ids(page)) == ALL_IDS

    def test_health_names_the_backend(self, catalogue: SearchBackend) -> None:
        health = catalogue.health()
        assert health["backend"] == catalogue.name
        assert health["documents"] == len(CATALOGUE)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("welding", {"r04"}),  # English
            ("Landwirtschaft", {"r07"}),  # German
            ("Ingenieure", {"r02"}),
            ("données", {"r03"}),  # French
            ("cybersécurité", {"r11"}),  # the French title of a bilingual record
            ("Gestión", {"r09"}),  # Spanish
            ("Pottery", {"r06"}),  # language not known
        ],
    )
    def test_text_finds_titles_in_their_language(
        self, catalogue: SearchBackend, text: str, expected: set[str]
    ) -> None:
        assert set(ids(search(catalogue, text))) == expected

    def test_text_is_case_insensitive(self, catalogue: SearchBackend) -> None:
        assert set(ids(search(catalogue, "WELDING"))) == {"r04"}

    def test_text_finds_description_and_provider(self, catalogue: SearchBackend) -> None:
        assert "r01" in ids(search(catalogue, "beginners"))
        assert set(ids(search(catalogue, "München"))) == {"r01", "r02", "r12"}

    def test_title_match_ranks_first(self, catalogue: SearchBackend) -> None:
        # "statistics" is the title of r08 and only in the description of r01.
        page = search(catalogue, "statistics")
        assert ids(page)[0] == "r08"
        assert "r01" in ids(page)
        assert page.hits[0].score is not None

    def test_more_words_narrow_the_results(self, catalogue: SearchBackend) -> None:
        assert set(ids(search(catalogue, "data"))) == {"r01", "r12"}
        assert ids(search(catalogue, "data science")) == ["r01"]

    def test_unknown_word_finds_nothing(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, "xylophone")
        assert page.total == 0
        assert page.hits == []

    @pytest.mark.parametrize(
        "text",
        [
            "title:(",
            '"unclosed',
            "(",
            ")",
            "AND",
            "data OR",
            "-",
            "+",
            "ects:[1 TO",
            "\\",
            "*",
            "nosuchfield:x",
            "^",
            "~",
            '"',
            "title:",
            "[",
            "{a TO",
            "!!!",
            "a" * 400,
            "title:*",
            "id:*",
            "stem_en:*",
        ],
    )
    def test_bad_query_syntax_does_not_fail(self, catalogue: SearchBackend, text: str) -> None:
        page = search(catalogue, text)
        assert page.total >= 0
        assert len(page.hits) <= page.total

    @pytest.mark.parametrize(
        "text", ["title:[a TO z]", "description:{0 TO z}", "title:*", "dat*", "dat~2", "data^9 xyz"]
    )
    def test_only_the_shared_syntax_is_read(self, catalogue: SearchBackend, text: str) -> None:
        """Fields, ranges, wildcards, fuzziness and boosts are not query syntax here (as in
        OpenSearch's simple_query_string): their characters separate words, and every word
        must match. A range over the text fields matched everything (and cost seconds)."""
        assert search(catalogue, text).total == 0

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("data -science", {"r12"}),
            ('"data science"', {"r01"}),
            ("data | pottery", {"r01", "r06", "r12"}),
            ("(data OR pottery) -science", {"r06", "r12"}),
            ("data AND NOT science", {"r12"}),
            ("-science", ALL_IDS - {"r01", "r03"}),
            ("NOT science", ALL_IDS - {"r01", "r03"}),
            ('"data | science"', {"r01"}),
            ("data || pottery", {"r01", "r06", "r12"}),
        ],
    )
    def test_phrases_not_and_or_are_query_syntax(
        self, catalogue: SearchBackend, text: str, expected: set[str]
    ) -> None:
        assert set(ids(search(catalogue, text))) == expected

    @pytest.mark.parametrize("text", ["हिन्दी", "Ελληνικά", "Русский", "l'université"])
    def test_words_of_any_script_are_found(self, backend: SearchBackend, text: str) -> None:
        extra = make_record("r13", {"en": f"{text} for Beginners"}, provider="Université Test")
        backend.index(documents([*CATALOGUE, extra]))
        assert ids(search(backend, text)) == ["r13"]

    @pytest.mark.parametrize("text", ['"data science', "data AND", "(data"])
    def test_stray_syntax_still_finds_the_words(self, catalogue: SearchBackend, text: str) -> None:
        assert "r01" in ids(search(catalogue, text))

    # Hits --------------------------------------------------------------------------------

    def test_hit_shows_the_result_list_fields(self, catalogue: SearchBackend) -> None:
        (hit,) = search(catalogue, "fundamentals").hits
        assert hit.id == "r01"
        assert hit.title == "Data Science Fundamentals"
        assert hit.provider == "Technical University of Munich"
        assert hit.country == "DE"
        assert hit.ects == 5
        assert hit.eqf == 6
        assert hit.isced == ["0613"]
        assert hit.mode == "online"
        assert hit.lang == ["en"]
        assert hit.qa == "external-institutional"
        assert hit.transparency == "green"
        assert hit.url == "https://example.org/courses/r01"
        assert hit.description.startswith("Python, statistics")
        assert hit.sources == 2

    def test_hit_of_a_sparse_record_has_no_invented_values(self, catalogue: SearchBackend) -> None:
        (hit,) = search(catalogue, "pottery").hits
        assert (hit.provider, hit.country, hit.ects, hit.eqf, hit.mode, hit.qa) == (None,) * 6
        assert hit.isced == []
        assert hit.lang == []
        assert hit.sources == 1

    def test_get_returns_the_whole_record(self, catalogue: SearchBackend) -> None:
        data = catalogue.get("r11")
        assert data is not None
        assert Record.model_validate(data) == BY_ID["r11"]
        assert catalogue.get("no-such-record") is None

    # Filters -----------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("filters", "expected"),
        [
            (Filters(eqf=(6,)), {"r01", "r03", "r07", "r09", "r10"}),
            (Filters(eqf=(4, 5)), {"r04", "r05", "r11"}),
            (Filters(qf_ehea=("second",)), {"r02", "r08", "r12"}),
            (Filters(qf_ehea=(NOT_STATED,)), {"r04", "r06"}),
            (Filters(eqf=(NOT_STATED,)), {"r06"}),
            (Filters(eqf=(5, NOT_STATED)), {"r05", "r06", "r11"}),
            (Filters(ects_min=5), {"r01", "r02", "r05", "r07", "r08", "r12"}),
            (Filters(ects_max=3), {"r03", "r04", "r11"}),
            (Filters(ects_min=4.5, ects_max=5), {"r01", "r09", "r10", "r12"}),
            (Filters(isced=("06",)), {"r01", "r02", "r03", "r11", "r12"}),  # broad field
            (Filters(isced=("061",)), {"r01", "r02", "r03", "r11", "r12"}),  # narrow field
            (Filters(isced=("0613",)), {"r01", "r03", "r12"}),  # detailed field
            (Filters(isced=("0811", "02")), {"r05", "r07", "r12"}),
            (Filters(qa=("internal",)), {"r04", "r10"}),
            (Filters(country=("DE",)), {"r01", "r02", "r07", "r12"}),
            (Filters(country=("FR", "BE")), {"r03", "r11"}),
            (Filters(country=(NOT_STATED,)), {"r06"}),
            (Filters(lang=("fr",)), {"r03", "r11"}),
            (Filters(lang=("pl", "nl")), {"r04", "r08"}),
            (Filters(mode=("blended",)), {"r05", "r09"}),
            (Filters(mode=(NOT_STATED,)), {"r06"}),
            (Filters(provider=("Technical University of Munich",)), {"r01", "r02", "r12"}),
            (Filters(transparency=("amber",)), {"r03", "r07", "r09"}),
            (Filters(microcredential=False), {"r04", "r08"}),
            (Filters(microcredential=True), ALL_IDS - {"r04", "r06", "r08"}),
            (Filters(eqf=(6,), country=("DE",)), {"r01", "r07"}),  # AND across filters
            (Filters(eqf=(6, 7), mode=("online",), ects_max=5), {"r01", "r10", "r12"}),
        ],
    )
    def test_each_filter_narrows(
        self, catalogue: SearchBackend, filters: Filters, expected: set[str]
    ) -> None:
        page = search(catalogue, filters=filters)
        assert set(ids(page)) == expected
        assert page.total == len(expected)

    def test_filters_apply_to_text_search(self, catalogue: SearchBackend) -> None:
        assert ids(search(catalogue, "data", filters=Filters(eqf=(7,)))) == ["r12"]

    # Facets ------------------------------------------------------------------------------

    def test_facets_count_the_whole_catalogue(self, catalogue: SearchBackend) -> None:
        page = search(catalogue)
        assert counts(page, "eqf") == {"4": 1, "5": 2, "6": 5, "7": 3, NOT_STATED: 1}
        assert counts(page, "country") == {
            "DE": 4,
            "FR": 1,
            "NL": 1,
            "IT": 1,
            "PL": 1,
            "ES": 1,
            "IE": 1,
            "BE": 1,
            NOT_STATED: 1,
        }
        assert counts(page, "mode") == {"online": 7, "onsite": 2, "blended": 2, NOT_STATED: 1}
        assert counts(page, "transparency") == {"green": 6, "amber": 3, "red": 2, NOT_STATED: 1}

    def test_facet_values_are_ordered_by_count(self, catalogue: SearchBackend) -> None:
        page = search(catalogue)
        for facet, values in page.facets.items():
            keys = [(-value.count, value.value) for value in values]
            assert keys == sorted(keys), facet
            assert all(value.count > 0 for value in values), facet

    def test_isced_facet_counts_broad_fields(self, catalogue: SearchBackend) -> None:
        assert counts(search(catalogue), "isced") == {
            "06": 5,
            "08": 2,
            "04": 2,
            "07": 1,
            "05": 1,
            "02": 1,
        }

    def test_multi_valued_facet_counts_each_value(self, catalogue: SearchBackend) -> None:
        # r11 is taught in French and English, r04 in English and Dutch.
        assert counts(search(catalogue), "lang") == {
            "en": 7,
            "de": 2,
            "fr": 2,
            "nl": 1,
            "pl": 1,
            "es": 1,
        }

    def test_ects_facet_counts_buckets(self, catalogue: SearchBackend) -> None:
        assert counts(search(catalogue), "ects") == {
            "0-3": 2,
            "3-6": 5,
            "6-10": 1,
            "10-20": 1,
            "20-60": 1,
            "60-": 1,
            NOT_STATED: 1,
        }

    @pytest.mark.parametrize(
        ("text", "filters"),
        [
            ("", Filters()),
            ("data", Filters()),
            ("", Filters(country=("DE",))),
            ("", Filters(eqf=(6,), mode=("online",), ects_min=3)),
        ],
    )
    def test_single_valued_facet_counts_add_up_to_the_total(
        self, catalogue: SearchBackend, text: str, filters: Filters
    ) -> None:
        page = search(catalogue, text, filters=filters)
        for facet in SINGLE_VALUED_FACETS:
            own_filter_set = filters.without(facet) != filters
            if not own_filter_set:
                assert sum(counts(page, facet).values()) == page.total, facet

    def test_facets_are_disjunctive(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, filters=Filters(eqf=(6,)))
        assert page.total == 5
        # The level facet ignores its own filter: the other levels stay visible.
        assert counts(page, "eqf") == {"4": 1, "5": 2, "6": 5, "7": 3, NOT_STATED: 1}
        # Every other facet counts only the EQF 6 records.
        assert counts(page, "country") == {"DE": 2, "FR": 1, "ES": 1, "IE": 1}
        assert counts(page, "mode") == {"online": 3, "onsite": 1, "blended": 1}
        assert counts(page, "ects") == {"3-6": 4, "20-60": 1}

    def test_disjunctive_facets_with_two_filters(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, filters=Filters(eqf=(6,), country=("DE",)))
        assert set(ids(page)) == {"r01", "r07"}
        # eqf counts every level in Germany; country counts every country at EQF 6.
        assert counts(page, "eqf") == {"6": 2, "7": 2}
        assert counts(page, "country") == {"DE": 2, "FR": 1, "ES": 1, "IE": 1}
        assert counts(page, "mode") == {"online": 2}

    def test_ects_facet_ignores_the_ects_range(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, filters=Filters(ects_min=10))
        assert set(ids(page)) == {"r05", "r07", "r08"}
        assert counts(page, "ects")["3-6"] == 5
        assert counts(page, "eqf") == {"5": 1, "6": 1, "7": 1}

    def test_facets_follow_the_text(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, "data")
        assert counts(page, "eqf") == {"6": 1, "7": 1}
        assert counts(page, "isced") == {"06": 2, "02": 1}

    def test_only_requested_facets_are_counted(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, facets=("country", "eqf"))
        assert set(page.facets) == {"country", "eqf"}
        assert set(search(catalogue, facets=()).facets) == set()

    @pytest.mark.parametrize(
        "facets",
        [
            ("eqf", "ects", "isced", "country", "lang", "mode"),
            ("country", "mode"),
            ("ects",),
            ("eqf",),
            ("lang", "isced_narrow"),
        ],
    )
    @pytest.mark.parametrize(
        ("text", "filters"),
        [
            ("", Filters()),
            ("data", Filters(eqf=(6, 7))),
            ("", Filters(eqf=(6, 7), ects_max=10, isced=("06",))),
            ("", Filters(eqf=(6,), ects_min=3, country=("DE", "FR"))),
        ],
    )
    def test_a_subset_of_facets_counts_as_the_whole_set_does(
        self, catalogue: SearchBackend, text: str, filters: Filters, facets: tuple[str, ...]
    ) -> None:
        every = (*FACETS, *ISCED_FACETS)
        whole = search(catalogue, text, filters=filters, facets=every)
        part = search(catalogue, text, filters=filters, facets=facets)
        assert list(part.facets) == list(facets)
        for facet in facets:
            assert counts(part, facet) == counts(whole, facet), facet
        assert (part.total, ids(part)) == (whole.total, ids(whole))

    @pytest.mark.parametrize(
        "facets",
        [
            ("mode",),
            ("eqf",),
            ("country",),
            ("ects",),
            ("microcredential",),
            ("provider", "country"),
            ("lang", "isced", "isced_narrow"),
        ],
    )
    @pytest.mark.parametrize(
        ("text", "filters", "page"),
        [
            ("", Filters(), 1),
            ("", Filters(), 4),
            ("data", Filters(eqf=(6, 7)), 1),
            ("", Filters(eqf=(6, 7), country=("de",)), 1),
            ("", Filters(eqf=(4,), country=("DE",)), 1),
            ("", Filters(eqf=(6,)), 2),
            ("", Filters(eqf=(6,)), 3),
            ("", Filters(microcredential=True, ects_max=5), 1),
            ("", Filters(ects_min=10, mode=("online", "blended")), 2),
            ("", Filters(ects_min=10), 4),
        ],
    )
    def test_hits_and_total_do_not_depend_on_the_facets(
        self,
        catalogue: SearchBackend,
        text: str,
        filters: Filters,
        page: int,
        facets: tuple[str, ...],
    ) -> None:
        """Whatever facets are counted, the page holds the same hits and the same total,
        including pages that are empty (nothing matches, or past the last hit)."""
        plain = search(catalogue, text, filters=filters, facets=(), page=page, size=4)
        faceted = search(catalogue, text, filters=filters, facets=facets, page=page, size=4)
        assert (faceted.total, ids(faceted)) == (plain.total, ids(plain))

    @pytest.mark.parametrize("value", [NOT_STATED, "none-stated"])
    def test_qa_stated_as_none_and_qa_not_given_are_one_facet_value(
        self, backend: SearchBackend, value: str
    ) -> None:
        says_none = make_record("r13", {"en": "Pottery for Beginners"}, qa="none-stated")
        backend.index(documents([*CATALOGUE, says_none]))
        page = search(backend, filters=Filters(qa=(value,)))
        assert set(ids(page)) == {"r06", "r13"}
        qa = counts(search(backend), "qa")
        assert qa[NOT_STATED] == 2 and "none-stated" not in qa

    # Subject hierarchy (ISCED-F broad -> narrow -> detailed) ----------------------------

    @pytest.fixture
    def subjects(self, backend: SearchBackend) -> SearchBackend:
        """``CATALOGUE`` plus a second narrow field under 06 (068, inter-disciplinary ICT)."""
        extra = make_record("r13", {"en": "Digital Skills for Teachers"}, isced=["0688"], eqf=6)
        backend.index(documents([*CATALOGUE, extra]))
        return backend

    def test_narrow_and_detailed_fields_under_a_broad_field(self, subjects: SearchBackend) -> None:
        page = search(subjects, filters=Filters(isced=("06",)), facets=(*ISCED_FACETS, "isced"))
        assert page.total == 6
        assert counts(page, "isced_narrow") == {"061": 5, "068": 1}
        assert counts(page, "isced_detailed") == {"0613": 3, "0612": 1, "0619": 1, "0688": 1}
        # Disjunctive like the broad field: the other broad fields stay countable.
        assert counts(page, "isced")["08"] == 2

    def test_a_chosen_narrow_field_lists_its_siblings_and_its_detailed_fields(
        self, subjects: SearchBackend
    ) -> None:
        page = search(subjects, filters=Filters(isced=("061",)), facets=ISCED_FACETS)
        assert page.total == 5
        assert counts(page, "isced_narrow") == {"061": 5, "068": 1}
        assert counts(page, "isced_detailed") == {"0613": 3, "0612": 1, "0619": 1}

    def test_a_chosen_detailed_field_lists_its_siblings(self, subjects: SearchBackend) -> None:
        page = search(subjects, filters=Filters(isced=("0613",)), facets=ISCED_FACETS)
        assert set(ids(page)) == {"r01", "r03", "r12"}
        assert counts(page, "isced_narrow") == {"061": 5, "068": 1}
        assert counts(page, "isced_detailed") == {"0613": 3, "0612": 1, "0619": 1}

    def test_finer_subject_facets_follow_the_other_filters(self, subjects: SearchBackend) -> None:
        # EQF 7: r02 (0619), r08 (0542), r12 (0613 and 0211).
        page = search(subjects, filters=Filters(isced=("06",), eqf=(7,)), facets=ISCED_FACETS)
        assert set(ids(page)) == {"r02", "r12"}
        assert counts(page, "isced_narrow") == {"061": 2}
        assert counts(page, "isced_detailed") == {"0619": 1, "0613": 1}

    def test_finer_subject_facets_under_two_broad_fields(self, subjects: SearchBackend) -> None:
        page = search(subjects, filters=Filters(isced=("06", "08")), facets=ISCED_FACETS)
        assert counts(page, "isced_narrow") == {"061": 5, "081": 2, "068": 1}
        assert counts(page, "isced_detailed") == {
            "0613": 3,
            "0811": 2,
            "0612": 1,
            "0619": 1,
            "0688": 1,
        }

    def test_finer_subject_facets_without_a_subject_count_every_field(
        self, subjects: SearchBackend
    ) -> None:
        page = search(subjects, facets=("isced_narrow",))
        assert counts(page, "isced_narrow") == {
            "061": 5,
            "081": 2,
            "041": 2,
            "068": 1,
            "071": 1,
            "054": 1,
            "021": 1,
        }

    # Typos -------------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("text", "record_id", "suggestion"),
        [
            ("cybersecurty", "r11", "cybersecurity"),  # a letter missing
            ("managment", "r10", "management"),
            ("Welidng safety", "r04", "welding safety"),  # two letters swapped
        ],
    )
    def test_a_misspelt_word_finds_the_record_and_suggests_the_word(
        self, catalogue: SearchBackend, text: str, record_id: str, suggestion: str
    ) -> None:
        # Whether a stemmer already forgave the typo ("managment" and "management" share
        # a stem) or similar words were needed, the record is found and the word suggested.
        page = search(catalogue, text)
        assert record_id in ids(page)
        assert page.suggestion is not None
        assert page.suggestion.casefold() == suggestion

    def test_similar_words_are_searched_when_the_words_find_nothing(
        self, catalogue: SearchBackend
    ) -> None:
        page = search(catalogue, "cybersecurty")
        assert ids(page) == ["r11"]
        assert page.fuzzy is True

    def test_an_exact_query_is_not_fuzzy(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, "cybersecurity")
        assert ids(page) == ["r11"]
        assert page.fuzzy is False
        assert page.suggestion is None

    def test_a_word_with_many_hits_is_taken_as_written(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, "university")
        assert page.total == 4
        assert (page.fuzzy, page.suggestion) == (False, None)

    def test_similar_words_keep_the_filters(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, "managment", filters=Filters(country=("DE",)))
        assert page.hits == []
        assert page.suggestion is not None
        assert page.suggestion.casefold() == "management"
        assert ids(search(catalogue, "managment", filters=Filters(country=("IE",)))) == ["r10"]

    def test_similar_words_are_counted_in_the_facets(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, "cybersecurty")
        assert counts(page, "country") == {"BE": 1}

    def test_nonsense_gets_no_suggestion(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, "xylophone")
        assert page.total == 0
        assert page.suggestion is None

    # Sorting and paging ------------------------------------------------------------------

    def test_sort_by_ects_ascending_ties_by_id(self, catalogue: SearchBackend) -> None:
        order = ids(search(catalogue, sort="ects"))
        assert order == [
            "r11",
            "r04",
            "r03",
            "r09",
            "r10",
            "r01",
            "r12",
            "r02",
            "r05",
            "r07",
            "r08",
            "r06",
        ]  # r06 states no ECTS: last

    def test_sort_by_title(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, sort="title")
        titles = [hit.title for hit in page.hits]
        assert titles == sorted(titles, key=str.casefold)
        assert titles[0] == "Advanced Statistics"

    def test_sort_by_updated_newest_first(self, catalogue: SearchBackend) -> None:
        order = ids(search(catalogue, sort="updated"))
        dated = [BY_ID[record_id].updated for record_id in order]
        known = [moment for moment in dated if moment is not None]
        assert known == sorted(known, reverse=True)
        assert order[0] == "r02"
        assert set(order[-2:]) == {"r06", "r10"}  # no date: last
        assert all(isinstance(moment, datetime) for moment in dated[:-2])

    def test_sort_applies_to_text_search(self, catalogue: SearchBackend) -> None:
        assert ids(search(catalogue, "data", sort="updated")) == ["r01", "r12"]
        assert ids(search(catalogue, "data", sort="title")) == ["r01", "r12"]

    @pytest.mark.parametrize("sort", SORTS)
    @pytest.mark.parametrize("text", ["", "university"])
    def test_pages_do_not_overlap(self, catalogue: SearchBackend, sort: str, text: str) -> None:
        # "university" scores three records exactly alike (same provider): ties must not
        # make a record appear on two pages or on none.
        total = search(catalogue, text, sort=sort).total
        assert total == (len(CATALOGUE) if not text else 4)
        seen: list[str] = []
        for number in range(1, total // 3 + 2):
            page = search(catalogue, text, sort=sort, page=number, size=3)
            assert page.total == total
            assert page.page == number
            seen.extend(ids(page))
        assert len(seen) == len(set(seen)) == total
        assert seen == ids(search(catalogue, text, sort=sort, size=100))

    @pytest.mark.parametrize("size", [1, 4, 7])
    def test_title_order_holds_across_pages_of_similar_titles(
        self, backend: SearchBackend, size: int
    ) -> None:
        subjects = ["Law", "Java", "Python", "Art", "Zoology", "Ethics", "Chemistry", "Data"]
        titles = [f"Introduction to {subject}" for subject in subjects] + [
            "Introduction to Java",  # the same title twice: ties break by id
            "introduction to law and ethics",
            "Introduction",
            "Intro",
            "Économie sociale",
            "Ecology",
            "Εισαγωγή στη φυσική",
            "Łódź studies",
            "Zoology",
        ]
        records = [make_record(f"t{n:02d}", {"en": title}) for n, title in enumerate(titles)]
        records.append(make_record("t99", {}))  # no title at all
        backend.index(documents(records))
        expected = [
            document["id"]
            for document in sorted(
                documents(records), key=lambda d: (d["title_sort"] or "\uffff", d["id"])
            )
        ]
        seen: list[str] = []
        for number in range(1, len(records) // size + 2):
            seen.extend(ids(search(backend, sort="title", page=number, size=size)))
        assert seen == expected
        assert expected[-1] == "t99"

    def test_page_past_the_end_is_empty(self, catalogue: SearchBackend) -> None:
        page = search(catalogue, page=5, size=10)
        assert page.hits == []
        assert page.total == len(CATALOGUE)

    # Writing -----------------------------------------------------------------------------

    def test_index_replaces_a_record_with_the_same_id(self, catalogue: SearchBackend) -> None:
        changed = BY_ID["r04"].model_copy(
            update={"title": {"en": "Underwater Welding"}, "workload": Workload(ects=8)}
        )
        assert catalogue.index([to_document(changed)]) == 1
        assert catalogue.count() == len(CATALOGUE)
        assert ids(search(catalogue, "safety")) == []
        (hit,) = search(catalogue, "underwater").hits
        assert (hit.id, hit.ects) == ("r04", 8)
        assert counts(search(catalogue), "ects")["6-10"] == 2

    def test_index_twice_in_one_batch_keeps_the_last(self, backend: SearchBackend) -> None:
        first = make_record("x1", {"en": "First draft"})
        second = make_record("x1", {"en": "Final version"})
        assert backend.index(documents([first, second])) == 2
        assert backend.count() == 1
        assert ids(search(backend, "final")) == ["x1"]

    def test_a_long_stream_keeps_every_record_and_the_last_of_a_repeated_id(
        self, backend: SearchBackend
    ) -> None:
        # Long enough to be written in several batches; the repeats come batches later.
        records = many_records(700)
        renamed = [
            make_record(record.id, {"en": f"Revised course {n}"}, ects=n % 7, eqf=n % 8 + 1)
            for n, record in enumerate(records[:50])
        ]
        assert backend.rebuild(documents([*records, *renamed])) == 700
        assert backend.count() == 700
        assert search(backend, "revised").total == 50
        assert search(backend, "bulk").total == 650
        assert backend.get("bulk0000")["title"] == {"en": "Revised course 0"}  # type: ignore[index]

    def test_delete_removes_records(self, catalogue: SearchBackend) -> None:
        catalogue.delete(["r04", "r08", "no-such-record"])
        assert catalogue.count() == len(CATALOGUE) - 2
        assert ids(search(catalogue, "welding")) == []
        assert counts(search(catalogue), "country").get("NL") is None
        assert catalogue.get("r04") is None

    def test_delete_nothing(self, catalogue: SearchBackend) -> None:
        catalogue.delete([])
        assert catalogue.count() == len(CATALOGUE)

    def test_rebuild_swaps_in_the_new_records(self, catalogue: SearchBackend) -> None:
        renamed = BY_ID["r04"].model_copy(update={"title": {"en": "Welding Inspection"}})
        fresh = [*CATALOGUE[:3], renamed, *CATALOGUE[4:], make_record("r13", {"en": "Beekeeping"})]
        seen_during: list[Any] = []

        def stream() -> Iterator[dict[str, Any]]:
            for number, document in enumerate(documents(tuple(fresh))):
                if number == 6:
                    # Mid-rebuild, searches still see the old index.
                    seen_during.append(ids(search(catalogue, "safety")))
                    seen_during.append(ids(search(catalogue, "beekeeping")))
                    seen_during.append(catalogue.count())
                yield document

        assert catalogue.rebuild(stream()) == len(fresh)
        assert seen_during == [["r04"], [], len(CATALOGUE)]
        assert catalogue.count() == len(fresh)
        assert ids(search(catalogue, "beekeeping")) == ["r13"]
        assert ids(search(catalogue, "inspection")) == ["r04"]
        assert ids(search(catalogue, "safety")) == []

    def test_rebuild_then_index_and_delete(self, catalogue: SearchBackend) -> None:
        catalogue.rebuild(documents())
        catalogue.index(documents([make_record("r13", {"en": "Beekeeping"})]))
        catalogue.delete(["r01"])
        assert catalogue.count() == len(CATALOGUE)
        assert ids(search(catalogue, "beekeeping")) == ["r13"]
        assert ids(search(catalogue, "fundamentals")) == []

    def test_rebuild_refuses_a_drastic_shrink(self, backend: SearchBackend) -> None:
        backend.index(documents(many_records(120)))
        with pytest.raises(ValueError, match="120"):
            backend.rebuild(documents(many_records(10)))
        # The old index is untouched and still searchable.
        assert backend.count() == 120
        assert search(backend, "bulk").total == 120
        assert backend.rebuild(documents(many_records(10)), force=True) == 10
        assert backend.count() == 10

    def test_rebuild_may_shrink_a_small_index(self, catalogue: SearchBackend) -> None:
        assert catalogue.rebuild(documents(CATALOGUE[:2])) == 2
        assert set(ids(search(catalogue))) == {"r01", "r02"}

    def test_rebuild_with_a_moderate_shrink(self, backend: SearchBackend) -> None:
        backend.index(documents(many_records(120)))
        assert backend.rebuild(documents(many_records(70))) == 70

    def test_single_valued_facets_add_up_after_updates(self, catalogue: SearchBackend) -> None:
        catalogue.delete(["r06"])
        catalogue.index(documents([make_record("r13", {"en": "Beekeeping"}, eqf=3)]))
        page = search(catalogue)
        for facet in SINGLE_VALUED_FACETS:
            assert sum(counts(page, facet).values()) == page.total == len(CATALOGUE), facet
        assert counts(page, "eqf")["3"] == 1
        assert NOT_STATED not in counts(page, "eqf")

    def test_multi_valued_facets_after_updates(self, catalogue: SearchBackend) -> None:
        catalogue.delete(["r03", "r11"])  # the French ones
        catalogue.index(documents([make_record("r04", {"en": "Welding"}, languages=["de"])]))
        page = search(catalogue)
        assert counts(page, "lang") == {"en": 5, "de": 3, "pl": 1, "es": 1}
        assert counts(page, "isced") == {"06": 3, "08": 2, "04": 2, "05": 1, "02": 1}
        eqf_7 = search(catalogue, filters=Filters(eqf=(7,)))
        assert counts(eqf_7, "lang") == {"en": 2, "de": 1, "pl": 1}
