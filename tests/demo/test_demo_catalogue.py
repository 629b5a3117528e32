"""The synthetic catalogue: deterministic, the right shape, realistic, with planted duplicates
and hard negatives whose ``truth`` lets benchmarks score deduplication."""

from __future__ import annotations

import collections
import difflib
import re

import pytest

from aggregator.demo.catalogue import (
    EQF_TO_QF_EHEA,
    ISCED_F,
    ProviderKind,
    SyntheticOffer,
    generate_dicts,
    generate_offers,
    generate_providers,
    generate_records,
)
from aggregator.demo.vocabulary import COUNTRIES, LANGUAGES
from mappings import vocab
from mappings.schema import Record
from mappings.transparency import finalise

N = 4000


@pytest.fixture(scope="module")
def offers() -> list[SyntheticOffer]:
    return list(generate_offers(N, seed=1))


def _website(record: dict) -> str:
    return record["provider"]["identifiers"]["website"]


def test_the_same_seed_gives_the_same_offers() -> None:
    first = [(o.record, o.source, o.truth) for o in generate_offers(400, seed=3)]
    again = [(o.record, o.source, o.truth) for o in generate_offers(400, seed=3)]
    other = [(o.record, o.source, o.truth) for o in generate_offers(400, seed=4)]
    assert first == again
    assert first != other


@pytest.mark.parametrize("n", [0, 1, 37, 500])
def test_exactly_n_offers_shaped_like_a_dumped_record(n: int) -> None:
    offers = list(generate_offers(n, seed=2))
    assert len(offers) == n
    for offer in offers:
        assert Record.model_validate(offer.record).model_dump(mode="json") == offer.record


def test_dicts_and_records_are_the_offers_records() -> None:
    records = [offer.record for offer in generate_offers(200, seed=5)]
    assert list(generate_dicts(200, seed=5)) == records
    assert [r.model_dump(mode="json") for r in generate_records(200, seed=5)] == records


def test_records_are_independent_of_each_other() -> None:
    first, second = (offer.record for offer in generate_offers(2, seed=6, providers=1))
    first["provider"]["name"]["en"] = "changed"
    first["title"]["en"] = "changed"
    assert second["provider"]["name"].get("en") != "changed"
    assert second["title"].get("en") != "changed"


def test_invalid_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        generate_offers(-1)
    with pytest.raises(ValueError):
        generate_offers(10, duplicate_rate=0.7)
    with pytest.raises(ValueError):
        generate_offers(10, providers=0)


def test_providers_span_europe_in_local_languages_and_english() -> None:
    providers = generate_providers(60, seed=0)
    assert len({p.id for p in providers}) == 60
    assert len({p.country for p in providers[: len(COUNTRIES)]}) == len(COUNTRIES)
    assert {p.kind for p in providers} == set(ProviderKind)
    assert providers[0].kind is ProviderKind.UNIVERSITY
    catalogues = [p.country for p in providers if p.kind is ProviderKind.NATIONAL_CATALOGUE]
    assert len(catalogues) == len(set(catalogues))  # one per country at most
    for provider in providers:
        assert provider.website.startswith("https://") and provider.website.endswith(".example")
        assert provider.acronym and provider.legal_form
        assert provider.english_name
        assert provider.identifiers["website"] == provider.website
        # Fictional universities never carry the form of a real ETER id (AT0001).
        eter = provider.identifiers.get("eter", "DEMO-")
        assert eter.startswith("DEMO-") and not re.fullmatch(r"[A-Z]{2}\d{4}", eter)
    eter_ids = [p.identifiers["eter"] for p in providers if "eter" in p.identifiers]
    assert len(eter_ids) == len(set(eter_ids)) > 10
    bilingual = [p for p in providers if len(p.name) == 2]
    assert len(bilingual) > 30
    assert any(p.name.get("de", "").startswith("Universität ") for p in providers)
    assert {p.external_qa for p in providers} == {True, False}
    assert all(p.qa_body for p in providers if p.external_qa)
    assert generate_providers(60, seed=0) == providers


def test_offers_are_multilingual(offers: list[SyntheticOffer]) -> None:
    title_languages = collections.Counter(
        language for offer in offers for language in offer.record["title"]
    )
    assert set(title_languages) <= set(LANGUAGES)
    assert len(title_languages) >= 8
    bilingual = [o for o in offers if len(o.record["title"]) == 2 and "en" in o.record["title"]]
    assert len(bilingual) > N / 20
    outcomes = [
        text
        for offer in offers
        for outcome in offer.record["learning_outcomes"]
        for language, text in outcome["text"].items()
        if language == "en"
    ]
    assert outcomes and all(text.startswith("On completion, learners can ") for text in outcomes)


def test_credits_and_levels_are_distributed_like_real_offers(offers: list[SyntheticOffer]) -> None:
    originals = [o.record for o in offers if o.variant == "original"]
    ects = [r["workload"]["ects"] for r in originals if r["workload"]["ects"] is not None]
    assert sum(1 <= value <= 15 for value in ects) / len(ects) > 0.7
    assert sum(20 <= value <= 60 for value in ects) / len(ects) > 0.05
    assert 0 < sum(value > 60 for value in ects) / len(ects) < 0.1
    levels = [r["level"] for r in originals if r["level"]["eqf"] is not None]
    assert {level["eqf"] for level in levels} == {5, 6, 7, 8}
    assert sum(level["eqf"] in (6, 7) for level in levels) / len(levels) > 0.6
    for level in levels:
        assert level["qf_ehea"] in (None, EQF_TO_QF_EHEA[level["eqf"]])
    assert any(level["qf_ehea"] for level in levels)


def test_subjects_are_real_isced_f_codes(offers: list[SyntheticOffer]) -> None:
    assert len(ISCED_F) >= 60
    assert all(vocab.is_isced(code) for code in ISCED_F)
    used = {code for offer in offers for code in offer.record["subject"]["isced"]}
    assert all(vocab.is_isced(code) for code in used)
    assert len(used & set(ISCED_F)) > 50
    assert any(len(code) == 3 for code in used)  # some sources stop at the narrow field


def test_transparency_is_green_amber_and_red(offers: list[SyntheticOffer]) -> None:
    colours = collections.Counter(
        finalise(Record.model_validate(offer.record)).transparency for offer in offers
    )
    assert set(colours) == {"green", "amber", "red"}
    assert all(count > N * 0.05 for count in colours.values())


def test_remote_ids_are_unique_per_source(offers: list[SyntheticOffer]) -> None:
    keys = [(offer.source, offer.record["remote_id"]) for offer in offers]
    assert len(keys) == len(set(keys))
    assert len({offer.source for offer in offers}) > 5


def test_planted_duplicates_share_the_truth_of_an_earlier_listing(
    offers: list[SyntheticOffer],
) -> None:
    first_seen: dict[str, SyntheticOffer] = {}
    duplicates = []
    for offer in offers:
        if offer.variant == "duplicate":
            assert offer.truth in first_seen, "a duplicate follows its original"
            duplicates.append((first_seen[offer.truth], offer))
        else:
            assert offer.truth not in first_seen, "only duplicates repeat a truth"
            first_seen[offer.truth] = offer
    assert 0.03 * N < len(duplicates) < 0.07 * N
    retitled = renamed = 0
    for original, duplicate in duplicates:
        assert duplicate.source != original.source
        assert duplicate.record["remote_id"] != original.record["remote_id"]
        assert _website(duplicate.record) == _website(original.record)
        common = set(original.record["title"]) & set(duplicate.record["title"])
        language = next(iter(common), None)
        if language:
            a = original.record["title"][language].casefold()
            b = duplicate.record["title"][language].casefold()
            assert difflib.SequenceMatcher(None, a, b).ratio() > 0.6
        retitled += original.record["title"] != duplicate.record["title"]
        renamed += original.record["provider"]["name"] != duplicate.record["provider"]["name"]
    assert retitled > 0.8 * len(duplicates)
    assert renamed > 0.2 * len(duplicates)


def test_hard_negatives_look_alike_but_are_other_offers(offers: list[SyntheticOffer]) -> None:
    by_truth = {offer.truth: offer for offer in offers if offer.variant != "duplicate"}
    kinds = collections.Counter()
    for offer in offers:
        if offer.variant != "hard-negative":
            continue
        assert offer.truth != offer.related
        twin, record = by_truth[offer.related].record, offer.record
        if any("<" in text for text in twin["title"].values()):
            continue  # the planted markup is the original's own
        same_provider = _website(twin) == _website(record)
        same_title = bool(
            {(lang, text) for lang, text in twin["title"].items()}
            & {(lang, text) for lang, text in record["title"].items()}
        )
        size = (record["workload"]["ects"], record["level"]["eqf"])
        if same_title and not same_provider:
            kinds["same title, other provider"] += 1
        elif same_title:
            assert size != (twin["workload"]["ects"], twin["level"]["eqf"])
            kinds["same provider and title, other size"] += 1
        else:
            assert same_provider
            assert all(text.endswith(" 1") for text in twin["title"].values())
            assert all(text.endswith(" 2") for text in record["title"].values())
            stems = [re.sub(r"\d+$", "", text) for text in record["title"].values()]
            assert stems == [re.sub(r"\d+$", "", text) for text in twin["title"].values()]
            kinds["level 1 / level 2"] += 1
    assert len(kinds) == 3, kinds


def test_no_duplicates_when_the_rate_is_zero() -> None:
    offers = list(generate_offers(500, seed=8, duplicate_rate=0.0))
    assert {offer.variant for offer in offers} == {"original"}
    assert len({offer.truth for offer in offers}) == 500


def test_markup_looking_text_is_planted_as_text() -> None:
    records = [offer.record for offer in generate_offers(50, seed=9)]
    titles = [text for record in records for text in record["title"].values()]
    descriptions = [text for record in records for text in record["description"].values()]
    assert any("<b>" in text for text in titles)
    assert any("<script>alert(1)</script>" in text for text in descriptions)
