"""A synthetic but realistic European catalogue of micro-credentials, deterministic from a seed.

Shared by the demo (a few hundred offers served by :mod:`aggregator.demo.providers`) and by
every benchmark (100k to 1M records), so the bulk path builds plain dicts shaped like
``Record.model_dump(mode="json")`` without validating each one.

What makes it realistic:

- fictional universities, universities of applied sciences, MOOC platforms and national
  catalogues in 26 European countries, named in the local language and in English;
- offers titled and described in the provider's language (en, de, fr, nl, es, it, pl, fi, sv,
  pt; English elsewhere), often with an English translation, built from subject vocabulary
  classified in real ISCED-F 2013 fields;
- ECTS mostly 1-15, some 20-60, a few above 60 (not micro-credentials); EQF 5-8, mostly 6-7,
  with consistent QF-EHEA cycles; Annex I elements missing at realistic rates, so green, amber
  and red transparency all occur;
- planted duplicates: the same offer listed again by another source (another remote id, title
  in other case, punctuation or wording, sometimes only the translation, the provider spelled
  differently, fewer elements), and hard negatives: the same title at another provider, and
  the same provider and title with other ECTS or level ("Level 1" / "Level 2").

Every offer carries ``truth``: duplicates share their original's, so benchmarks can compute the
precision and recall of deduplication.
"""

from __future__ import annotations

import bisect
import dataclasses
import heapq
import math
import random
import re
import unicodedata
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from aggregator.demo import vocabulary as vocab
from mappings.schema import Record

__all__ = [
    "EQF_TO_QF_EHEA",
    "ISCED_F",
    "Provider",
    "ProviderKind",
    "SyntheticOffer",
    "default_provider_count",
    "generate_dicts",
    "generate_offers",
    "generate_providers",
    "generate_records",
    "slugify",
]

ISCED_F = vocab.ISCED_F
"""Detailed ISCED-F 2013 codes the offers use, with their English labels."""

EQF_TO_QF_EHEA = {5: "short", 6: "first", 7: "second", 8: "third"}

EUROPEAN_CATALOGUE = "eu-microcredentials"
"""The source name of a fictional pan-European catalogue that re-lists offers."""


class ProviderKind(StrEnum):
    UNIVERSITY = "university"
    APPLIED_SCIENCES = "university-of-applied-sciences"
    MOOC_PLATFORM = "mooc-platform"
    NATIONAL_CATALOGUE = "national-catalogue"


_OFFERING = (ProviderKind.UNIVERSITY, ProviderKind.APPLIED_SCIENCES, ProviderKind.MOOC_PLATFORM)


@dataclasses.dataclass(frozen=True, slots=True)
class Provider:
    """A fictional institution, platform or catalogue."""

    id: str
    name: dict[str, str]
    """Name per language: the local one first, then English."""
    acronym: str
    legal_form: str
    website: str
    country: str
    language: str
    """The main language of the provider (ISO 639-1)."""
    kind: ProviderKind
    external_qa: bool
    """Whether the provider undergoes external institutional QA (ESG, listed in DEQAR)."""
    qa_body: str | None
    identifiers: dict[str, str]
    city: str
    """The (fictional) town, as written in English."""

    @property
    def local_name(self) -> str:
        return next(iter(self.name.values()))

    @property
    def english_name(self) -> str:
        return self.name.get("en", self.local_name)

    @property
    def domain(self) -> str:
        return self.website.split("//", 1)[1].removeprefix("www.")

    def organisation(self) -> dict[str, Any]:
        """The provider as ``Organisation.model_dump(mode="json")``."""
        return {
            "name": dict(self.name),
            "country": self.country,
            "identifiers": dict(self.identifiers),
        }


@dataclasses.dataclass(slots=True)
class SyntheticOffer:
    """One listing of an offer, as one source publishes it."""

    record: dict[str, Any]
    """Shaped like ``Record.model_dump(mode="json")``; with ``remote_id``, ``url`` and
    ``identifiers`` as this source gives them."""
    source: str
    """The listing it comes from: a provider id or ``EUROPEAN_CATALOGUE``."""
    truth: str
    """The id of the true offer; a planted duplicate shares its original's."""
    variant: str = "original"
    """``original``, ``duplicate`` (same truth) or ``hard-negative`` (confusable, not the same)."""
    related: str | None = None
    """For a hard negative, the truth of the offer it is easily confused with."""


# --- providers ------------------------------------------------------------------------------

# Per ten providers: five universities, three of applied sciences, a MOOC platform, a catalogue.
_KIND_CYCLE = (
    ProviderKind.UNIVERSITY,
    ProviderKind.APPLIED_SCIENCES,
    ProviderKind.UNIVERSITY,
    ProviderKind.MOOC_PLATFORM,
    ProviderKind.UNIVERSITY,
    ProviderKind.NATIONAL_CATALOGUE,
    ProviderKind.APPLIED_SCIENCES,
    ProviderKind.UNIVERSITY,
    ProviderKind.APPLIED_SCIENCES,
    ProviderKind.UNIVERSITY,
)

_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "đ": "d",
                        "ħ": "h", "Ħ": "H", "ı": "i"})  # fmt: skip


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slugify(text: str) -> str:
    """``"Données & IA"`` -> ``"donnees-ia"``: lower-case ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")


def _place(rnd: random.Random, language: str) -> tuple[str, str]:
    """A fictional town: (local spelling, English spelling)."""
    if language == "el":
        return rnd.choice(vocab.GREEK_PLACES)
    prefixes, suffixes = vocab.PLACE_PARTS[language]
    prefix, suffix = rnd.choice(prefixes), rnd.choice(suffixes)
    if language == "fi" and suffix == "la" and not set("aou") & set(prefix.lower()):
        suffix = "lä"  # vowel harmony
    name = prefix + suffix
    return name, name


_WRITTEN = frozenset(vocab.LANGUAGES) - {"en"}


def default_provider_count(n: int) -> int:
    """The number of providers :func:`generate_offers` invents for ``n`` offers by default."""
    return min(5000, max(12, n // 200))


def generate_providers(n: int, seed: int = 0) -> list[Provider]:
    """``n`` fictional providers across Europe; the first 26 are in 26 different countries.

    Every tenth provider or so is a MOOC platform and a national catalogue (one per country at
    most); the rest are universities and universities of applied sciences. Provider 0 is
    always a university.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    rnd = random.Random(f"providers:{seed}")
    shuffled = list(vocab.COUNTRIES)
    rnd.shuffle(shuffled)
    # Two countries whose language the offers are written in, then one taught in English, so
    # that even a small catalogue is multilingual.
    written = [c for c in shuffled if any(lang in _WRITTEN for lang in c.languages)]
    others = [c for c in shuffled if c not in written]
    countries = []
    while written or others:
        countries += written[:2] + others[:1]
        del written[:2], others[:1]
    catalogues: set[str] = set()
    used: set[str] = set()
    erasmus_serial: dict[str, int] = {}
    providers: list[Provider] = []
    for index in range(n):
        country = countries[index % len(countries)]
        kind = _KIND_CYCLE[index % len(_KIND_CYCLE)]
        if kind is ProviderKind.NATIONAL_CATALOGUE:
            if country.code in catalogues:
                kind = ProviderKind.UNIVERSITY
            else:
                catalogues.add(country.code)
        language = rnd.choice(country.languages)
        forms = vocab.NAME_FORMS[language]
        identifiers: dict[str, str] = {}
        city_en = ""
        if kind is ProviderKind.MOOC_PLATFORM:
            brand = rnd.choice(vocab.PLATFORM_PARTS[0]) + rnd.choice(vocab.PLATFORM_PARTS[1])
            name = {"en": brand}
            acronym = brand.upper()[:6]
            stem = brand.lower()
            legal_form = country.private_form
        elif kind is ProviderKind.NATIONAL_CATALOGUE:
            local = forms.catalogue.format(k=country.local_names[language])
            english = f"{country.name} Micro-credentials Catalogue"
            name = {language: local, "en": english} if local != english else {"en": english}
            acronym = f"{country.code}-MCC"
            stem = f"microcredentials-{country.code.lower()}"
            legal_form = country.public_form
        else:
            for _ in range(20):  # avoid two same-named institutions in a country
                city_local, city_en = _place(rnd, language)
                key = f"{country.code}:{kind}:{city_en}"
                if key not in used:
                    break
            used.add(key)
            applied = kind is ProviderKind.APPLIED_SCIENCES
            local = (forms.applied if applied else forms.university).format(c=city_local)
            english = f"University of {city_en}"
            if applied:
                english = f"{city_en} University of Applied Sciences"
            name = {language: local, "en": english} if local != english else {"en": english}
            abbreviation = forms.applied_abbr if applied else forms.uni_abbr
            acronym = abbreviation + _ascii(city_en).replace(" ", "").upper()[:3]
            stem = f"{'uas' if applied else 'uni'}-{slugify(city_en)}"
            legal_form = country.public_form if rnd.random() < 0.85 else country.private_form
            serial = erasmus_serial[country.code] = erasmus_serial.get(country.code, 0) + 1
            city_code = _ascii(city_en).replace(" ", "").upper()[:7]
            identifiers["erasmus"] = f"{country.erasmus:<3}{city_code}{serial:02d}"
            identifiers["schac"] = f"{stem}.example"
            # Not ETER's form (country + 4 digits): a fictional university must never carry
            # the id of a real one, which the reference lists would then vouch for.
            identifiers["eter"] = f"DEMO-{country.code}{index + 1:04d}"
        domain, suffix = stem, 1
        while domain in used:
            suffix += 1
            domain = f"{stem}-{suffix}"
        used.add(domain)
        website = f"https://www.{domain}.example"
        identifiers = {"website": website, **identifiers}
        qa_rate = {
            ProviderKind.UNIVERSITY: 0.92,
            ProviderKind.APPLIED_SCIENCES: 0.85,
            ProviderKind.MOOC_PLATFORM: 0.1,
        }.get(kind, 0.0)
        external_qa = rnd.random() < qa_rate
        qa_body = None
        if external_qa:
            qa_body = rnd.choice(country.qa_bodies)
            if country.code == "BE":
                qa_body = "NVAO" if language == "nl" else "AEQES"
            identifiers["deqar"] = f"DEQARINST{index + 1:04d}"
        providers.append(
            Provider(
                id=f"{country.code.lower()}-{domain}",
                name=name,
                acronym=acronym,
                legal_form=legal_form,
                website=website,
                country=country.code,
                language=language,
                kind=kind,
                external_qa=external_qa,
                qa_body=qa_body,
                identifiers=identifiers,
                city=city_en,
            )
        )
    return providers


# --- phrasing -------------------------------------------------------------------------------

_TEXT_LANGUAGES = frozenset(vocab.LANGUAGES)
_COUNTRY = {country.code: country for country in vocab.COUNTRIES}
_N_PATTERNS = len(vocab.PATTERNS["en"])
_N_DOMAINS = len(vocab.DOMAINS["en"]) + 1  # 0: no domain
_PROFESSIONALS = 4  # the pattern "{T} for Professionals"
_TOPIC_SLUGS = tuple(slugify(topic.names["en"]) for topic in vocab.TOPICS)
_TOPIC_CODES = tuple(slug.replace("-", "")[:8].upper() for slug in _TOPIC_SLUGS)


def _pattern_parts(pattern: str) -> tuple[str, int, str]:
    """``"Introduction to {t}"`` -> ``("Introduction to ", 1, "")``: 0 for ``{T}``, 1 ``{t}``."""
    marker = "{T}" if "{T}" in pattern else "{t}"
    before, after = pattern.split(marker)
    return before, int(marker == "{t}"), after


_PATTERN_PARTS = {
    language: tuple(_pattern_parts(pattern) for pattern in patterns)
    for language, patterns in vocab.PATTERNS.items()
}
_PROFESSIONAL_PARTS = {
    language: _pattern_parts(pattern) for language, pattern in vocab.PROFESSIONAL_COURSE.items()
}
_DESCRIPTION_PLANS = ((0, 1, 3), (0, 2, 3, 5), (0, 1, 2), (0, 3, 5), (0, 2, 4), (0, 1, 4, 5))


def _in_sentence(phrase: str, language: str) -> str:
    """The phrase as it reads inside a sentence: "Data Analytics" -> "data analytics"."""
    if language == "de":
        return phrase
    words = phrase.split(" ")
    if language == "en":
        # Title case off, but acronyms ("SMEs") and proper nouns ("Python") stay.
        return " ".join(
            word
            if word in vocab.ALWAYS_CAPITALISED or word[1:] != word[1:].lower()
            else word.lower()
            for word in words
        )
    first = words[0]
    if first in vocab.ALWAYS_CAPITALISED or first[1:2].isupper():
        return phrase
    return first[:1].lower() + phrase[1:]


class _Phrases:
    """Texts of offers in one language, built once per combination and then reused (the bulk
    path's speed); a few tens of thousands of strings at most."""

    def __init__(self) -> None:
        self.forms: dict[tuple[int, int, str], tuple[str, str]] = {}
        self.sentences: dict[tuple[int, int, str], tuple[str, ...]] = {}
        self.outcome_texts: dict[tuple[int, tuple[str, ...]], tuple[dict[str, str], ...]] = {}
        self.prerequisite_texts: dict[tuple[int, tuple[str, ...], int], dict[str, str]] = {}
        self.assessment_texts: dict[tuple[tuple[str, ...], int], dict[str, str]] = {}
        self.programmes: dict[tuple[int, str], str] = {}
        self.keywords: dict[tuple[int, str], tuple[str, ...]] = {}

    @staticmethod
    def topic(topic: int, domain: int, language: str) -> str:
        name = vocab.TOPICS[topic].names[language]
        return f"{name} {vocab.DOMAINS[language][domain - 1]}" if domain else name

    def title(self, topic: int, pattern: int, domain: int, language: str) -> str:
        key = (topic, domain, language)
        forms = self.forms.get(key)
        if forms is None:
            phrase = self.topic(topic, domain, language)
            forms = (phrase, phrase if language == "en" else _in_sentence(phrase, language))
            self.forms[key] = forms
        if domain and pattern == _PROFESSIONALS:
            # Not "X for Public Health for Professionals".
            before, inner, after = _PROFESSIONAL_PARTS[language]
        else:
            before, inner, after = _PATTERN_PARTS[language][pattern]
        return before + forms[inner] + after

    def description(self, topic: int, domain: int, language: str, plan: int) -> str:
        key = (topic, domain, language)
        sentences = self.sentences.get(key)
        if sentences is None:
            phrase = _in_sentence(self.topic(topic, domain, language), language)
            sentences = tuple(sentence.format(t=phrase) for sentence in vocab.SENTENCES[language])
            self.sentences[key] = sentences
        return " ".join([sentences[index] for index in _DESCRIPTION_PLANS[plan]])

    def outcomes(self, topic: int, languages: tuple[str, ...]) -> tuple[dict[str, str], ...]:
        """The topic's learning outcomes, each in ``languages``, twice over (to wrap around)."""
        key = (topic, languages)
        found = self.outcome_texts.get(key)
        if found is None:
            texts = {}
            for language in languages:
                phrase = _in_sentence(vocab.TOPICS[topic].names[language], language)
                prefix = vocab.OUTCOME_PREFIX[language]
                texts[language] = [
                    prefix.format(outcome.format(t=phrase)) for outcome in vocab.OUTCOMES[language]
                ]
            found = tuple(
                {language: texts[language][index] for language in languages}
                for index in range(len(vocab.OUTCOMES["en"]))
            )
            found += found
            self.outcome_texts[key] = found
        return found

    def prerequisites(self, topic: int, languages: tuple[str, ...], which: int) -> dict[str, str]:
        key = (topic, languages, which)
        found = self.prerequisite_texts.get(key)
        if found is None:
            found = {}
            for language in languages:
                phrase = _in_sentence(vocab.TOPICS[topic].names[language], language)
                found[language] = vocab.PREREQUISITES[language][which].format(t=phrase)
            self.prerequisite_texts[key] = found
        return found

    def assessments(self, languages: tuple[str, ...], which: int) -> dict[str, str]:
        key = (languages, which)
        found = self.assessment_texts.get(key)
        if found is None:
            found = {language: vocab.ASSESSMENTS[language][which] for language in languages}
            self.assessment_texts[key] = found
        return found

    def programme(self, topic: int, language: str) -> str:
        key = (topic, language)
        text = self.programmes.get(key)
        if text is None:
            name = vocab.TOPICS[topic].names[language]
            text = vocab.MASTER_PROGRAMME[language].format(T=name, t=_in_sentence(name, language))
            self.programmes[key] = text
        return text

    def topic_keywords(self, topic: int, language: str) -> tuple[str, ...]:
        key = (topic, language)
        words = self.keywords.get(key)
        if words is None:
            names = vocab.TOPICS[topic].names
            words = tuple(dict.fromkeys((names[language].lower(), names["en"].lower())))
            self.keywords[key] = words
        return words


_PHRASES = _Phrases()


# --- the offers -----------------------------------------------------------------------------


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    cumulative = []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


_ECTS_VALUES = (1, 2, 2.5, 3, 4, 5, 6, 7.5, 10, 12, 15, 20, 25, 30, 40, 45, 60, 90, 120)
_ECTS_CUMULATIVE = _cumulative([4, 6, 3, 10, 6, 16, 8, 5, 8, 4, 6, 3, 2.5, 2, 1, 0.5, 1.5, 1.5, 1])
_EQF_VALUES = (5, 6, 7, 8)
_EQF_CUMULATIVE = _cumulative([12, 42, 38, 8])
_MOOC_EQF_CUMULATIVE = _cumulative([45, 45, 10, 0])
_IRISH_NFQ = {5: "6", 6: "8", 7: "9", 8: "10"}

# How often each Annex I element an offer may lack is missing (the core -- title, provider,
# country -- is dropped separately and rarely): most listings lack one or two elements, a
# sparse minority most of them. In order: learning outcomes, workload, level, assessment,
# form of participation, QA type.
_MISSING = (0.1, 0.04, 0.08, 0.15, 0.05, 0.2)
_MISSING_IN_SPARSE = (0.7, 0.4, 0.5, 0.7, 0.4, 0.8)

_MODES = ("online", "blended", "onsite")
_SCHEDULES = ("part-time", "self-paced", "full-time")
_CREDENTIAL_FORMATS = ("EDC", "EDC", "Open Badges", None, None, None)
_VERIFICATIONS = ("onsite", "online proctoring", "identity check at enrolment", None, None, None)
_PRICES = ("EUR 150", "EUR 290", "EUR 450", "EUR 690", "EUR 1200", "free")
_EPOCH_DAYS = 700  # offers were last updated between 2024-01-01 and end of 2025


def _days() -> list[str]:
    import datetime as dt

    start = dt.date(2024, 1, 1)
    return [(start + dt.timedelta(days=day)).isoformat() for day in range(_EPOCH_DAYS)]


_DAYS = _days()
_EPOCH_SECONDS = _EPOCH_DAYS * 86400
_TIMES = [f"T{minute // 60:02d}:{minute % 60:02d}:" for minute in range(1440)]
_SECONDS = [f"{second:02d}Z" for second in range(60)]


def _scramble(number: int) -> int:
    """A bijection on 32-bit integers, to turn serial numbers into random-looking ids."""
    return (number * 2654435761 + 0x9E3779B9) & 0xFFFFFFFF


@dataclasses.dataclass(slots=True)
class _Traits:
    """What an offer is like besides its title, provider and languages.

    Drawn into a pool per generator and shared by many offers: drawing them afresh for every
    offer was most of the bulk path's time. Copy before changing one.
    """

    plan: int
    outcomes_from: int
    outcomes: int
    credits: float
    """The workload in ECTS, stated or not (hours are derived from it)."""
    ects: bool
    hours: bool
    eqf: int | None
    qf_ehea: bool
    nqf: bool
    isced_2011: bool
    narrow_isced: bool
    mode: str | None
    schedule: str | None
    assessment: int | None
    assessment_type: str | None
    qa: float | None
    """Decides the QA type of a provider without external QA; ``None``: QA not stated."""
    stackability: str | None
    prerequisite: int | None
    credential_format: str | None
    verification: str | None
    price: str | None
    start: str | None
    weeks: int
    country: bool


def _draw_traits(rnd: random.Random, mooc: bool) -> _Traits:
    random_ = rnd.random
    credits = float(
        _ECTS_VALUES[bisect.bisect_left(_ECTS_CUMULATIVE, random_() * _ECTS_CUMULATIVE[-1])]
    )
    ects = random_() >= (0.4 if mooc else 0.06)  # MOOCs often state hours only
    hours = not ects or random_() < 0.6
    eqf_cumulative = _MOOC_EQF_CUMULATIVE if mooc else _EQF_CUMULATIVE
    eqf: int | None = _EQF_VALUES[
        bisect.bisect_left(eqf_cumulative, random_() * eqf_cumulative[-1])
    ]
    missing = _MISSING_IN_SPARSE if random_() < (0.4 if mooc else 0.12) else _MISSING
    no_outcomes, no_workload, no_level, no_assessment, no_mode, no_qa = (
        random_() < chance for chance in missing
    )
    r = random_()
    mode: str | None = "online" if mooc or r < 0.45 else "blended" if r < 0.75 else "onsite"
    r = random_()
    schedule: str | None = "part-time" if r < 0.6 else "self-paced" if r < 0.75 else "full-time"
    if mooc:
        schedule = "self-paced"
    elif random_() < 0.3:
        schedule = None
    r = random_()
    assessment: int | None
    assessment_type: str | None
    if r < 0.75:
        assessment, assessment_type = int(random_() * vocab.ASSESSMENT_GRADED), "assessment"
    elif r < 0.9:
        assessment, assessment_type = vocab.ASSESSMENT_ATTENDANCE, "attendance"
    else:
        assessment, assessment_type = vocab.ASSESSMENT_NONE, "none"
    if random_() < 0.2:
        assessment = None  # the type alone
    qa: float | None = random_()
    r = random_()
    stackability: str | None = (
        "stand-alone" if r < 0.4 else "stackable" if r < 0.7 else "integrated"
    )
    if r > 0.9:
        stackability = None
    outcomes = 0 if no_outcomes else 2 + int(random_() * 3)
    if no_workload:
        ects = hours = False
    if no_level:
        eqf = None
    if no_assessment:
        assessment = assessment_type = None
    if no_mode:
        mode = None
    if no_qa:
        qa = None
    start = None
    if mode not in ("online", None) and random_() < 0.6:
        start = f"2026-{1 + int(random_() * 12):02d}-{1 + int(random_() * 28):02d}"
    price = None
    if random_() < 0.6:
        price = "free" if mooc and random_() < 0.6 else _PRICES[int(random_() * 5)]
    return _Traits(
        plan=int(random_() * len(_DESCRIPTION_PLANS)),
        outcomes_from=int(random_() * len(vocab.OUTCOMES["en"])),
        outcomes=outcomes,
        credits=credits,
        ects=ects,
        hours=hours,
        eqf=eqf,
        qf_ehea=random_() < 0.5,
        nqf=random_() < 0.25,
        isced_2011=random_() < 0.15,
        narrow_isced=random_() < 0.08,
        mode=mode,
        schedule=schedule,
        assessment=assessment,
        assessment_type=assessment_type,
        qa=qa,
        stackability=stackability,
        prerequisite=int(random_() * 3) if random_() < 0.7 else None,
        credential_format=_CREDENTIAL_FORMATS[int(random_() * 6)],
        verification=_VERIFICATIONS[int(random_() * 6)],
        price=price,
        start=start,
        weeks=4 + int(random_() * 12),
        country=random_() >= 0.02,
    )


def _language_options(
    language: str,
) -> tuple[tuple[float, tuple[str, ...], tuple[str, ...]], ...]:
    """(cumulative probability, title languages, languages of instruction) for a provider
    whose language is ``language``: the local language, often with English; English where the
    vocabulary does not speak the local language."""
    local, english = (language,), ("en",)
    both = (language, "en")
    if language == "en":
        return ((1.0, english, english),)
    if language not in _TEXT_LANGUAGES:
        return ((0.6, english, english), (1.0, english, both))
    return (
        (0.275, both, both),
        (0.55, both, local),
        (0.85, local, local),
        (0.94, english, english),
        (1.0, english, both),
    )


@dataclasses.dataclass(slots=True)
class _Spec:
    """What an offer is, before it is written out as one source lists it."""

    truth: str
    provider: int
    topic: int
    pattern: int
    domain: int
    part: int
    languages: tuple[str, ...]
    teaching: tuple[str, ...]
    description_languages: tuple[str, ...]
    traits: _Traits
    serial: int
    awarding: int | None = None
    level_tag: int = 0
    markup: str | None = None


class _Generator:
    def __init__(
        self,
        n: int,
        seed: int,
        provider_count: int,
        duplicate_rate: float,
        hard_negative_rate: float,
    ) -> None:
        self.n = n
        self.rnd = random.Random(f"offers:{seed}")
        self.providers = generate_providers(provider_count, seed)
        self.offering = [i for i, p in enumerate(self.providers) if p.kind in _OFFERING]
        universities = [
            i for i in self.offering if self.providers[i].kind is not ProviderKind.MOOC_PLATFORM
        ]
        self.universities = universities or self.offering
        self.platforms = [
            i for i, p in enumerate(self.providers) if p.kind is ProviderKind.MOOC_PLATFORM
        ]
        self.catalogue_of = {
            p.country: i
            for i, p in enumerate(self.providers)
            if p.kind is ProviderKind.NATIONAL_CATALOGUE
        }
        self.index_of = {provider.id: index for index, provider in enumerate(self.providers)}
        self.by_country: dict[str, list[int]] = {}
        self.by_language: dict[str, list[int]] = {}
        for index in self.offering:
            self.by_country.setdefault(self.providers[index].country, []).append(index)
            self.by_language.setdefault(self.providers[index].language, []).append(index)
        self.is_mooc = [p.kind is ProviderKind.MOOC_PLATFORM for p in self.providers]
        self.language_options = [_language_options(p.language) for p in self.providers]
        self.hours_per_ects = [_COUNTRY[p.country].hours_per_ects for p in self.providers]
        # A few big providers, a long tail of small ones.
        order = list(self.offering)
        self.rnd.shuffle(order)
        self.provider_order = order
        self.provider_cumulative = _cumulative([1 / rank**0.7 for rank in range(1, len(order) + 1)])
        self.profiles: dict[int, tuple[list[int], list[int], int, int, int]] = {}
        self.counters: dict[int, int] = {}
        pool = min(4096, max(64, n))
        self.traits = [_draw_traits(self.rnd, mooc=False) for _ in range(pool)]
        self.mooc_traits = [_draw_traits(self.rnd, mooc=True) for _ in range(pool // 4)]
        # Expected duplicates and hard negatives per original offer.
        rest = 1 - duplicate_rate - hard_negative_rate
        self.duplicates_per_original = duplicate_rate / rest
        self.negatives_per_original = hard_negative_rate / rest
        self.truths = 0
        self.serial = 0
        self.sequence = 0
        self.horizon = max(20, min(5000, n // 10))

    # --- choosing ---------------------------------------------------------------------

    def pick_provider(self) -> int:
        position = bisect.bisect_left(
            self.provider_cumulative, self.rnd.random() * self.provider_cumulative[-1]
        )
        return self.provider_order[min(position, len(self.provider_order) - 1)]

    def profile(self, provider: int) -> tuple[list[int], list[int], int, int, int]:
        """The provider's subjects and a scrambled walk through its (topic, pattern, domain)s,
        so one provider never lists two different offers under one title by accident."""
        found = self.profiles.get(provider)
        if found is None:
            rnd = random.Random(f"profile:{self.providers[provider].id}")
            topics = rnd.sample(range(len(vocab.TOPICS)), min(25, len(vocab.TOPICS)))
            sizes = [
                _N_PATTERNS * (_N_DOMAINS if vocab.TOPICS[topic].generic else 1) for topic in topics
            ]
            cumulative = [int(total) for total in _cumulative([float(size) for size in sizes])]
            combinations = cumulative[-1]
            step = rnd.randrange(1, combinations)
            while math.gcd(step, combinations) != 1:
                step += 1
            found = (topics, cumulative, combinations, step, rnd.randrange(combinations))
            self.profiles[provider] = found
        return found

    def next_title(self, provider: int) -> tuple[int, int, int, int]:
        """(topic, pattern, domain, part) of the provider's next offer."""
        topics, cumulative, combinations, step, offset = self.profile(provider)
        count = self.counters.get(provider, 0)
        self.counters[provider] = count + 1
        combination = (step * count + offset) % combinations
        position = bisect.bisect_right(cumulative, combination)
        within = combination - (cumulative[position - 1] if position else 0)
        return topics[position], within % _N_PATTERNS, within // _N_PATTERNS, count // combinations

    def spec(self, provider: int | None = None) -> _Spec:
        """A new offer (a new truth) of ``provider`` or of a provider picked at random."""
        random_ = self.rnd.random
        if provider is None:
            provider = self.pick_provider()
        topic, pattern, domain, part = self.next_title(provider)
        r = random_()
        for option in self.language_options[provider]:
            if r < option[0]:
                break
        _, languages, teaching = option
        description_languages = languages if random_() < 0.7 else languages[:1]
        mooc = self.is_mooc[provider]
        pool = self.mooc_traits if mooc else self.traits
        traits = pool[int(random_() * len(pool))]
        awarding = None
        if mooc and random_() < 0.5:
            awarding = self.universities[int(random_() * len(self.universities))]
        self.serial += 1
        self.truths += 1
        return _Spec(
            f"offer-{self.truths:07d}",
            provider,
            topic,
            pattern,
            domain,
            part,
            languages,
            teaching,
            description_languages,
            traits,
            self.serial,
            awarding,
        )

    # --- writing out ------------------------------------------------------------------

    def listing(self, spec: _Spec, source: str) -> tuple[str, str, list[str]]:
        """(remote id, landing URL, identifiers) of ``spec`` as ``source`` lists it."""
        self.sequence += 1
        number = self.sequence
        org = self.providers[spec.provider]
        if source == EUROPEAN_CATALOGUE:
            a, b = _scramble(number), _scramble(number ^ 0x5BD1E995)
            uuid = f"{a:08x}-{b >> 16:04x}-4{b & 0xFFF:03x}-a{a >> 20:03x}-{(a * b) & 0xFFFFFFFFFFFF:012x}"  # noqa: E501
            return f"urn:uuid:{uuid}", f"https://microcredentials.europe.example/offer/{uuid}", []
        lister = self.providers[self.index_of[source]]
        if lister.kind is ProviderKind.NATIONAL_CATALOGUE:
            remote_id = f"{lister.country}-MC-{_scramble(number):08X}"
            return remote_id, f"{lister.website}/offers/{remote_id}", []
        if lister.kind is ProviderKind.MOOC_PLATFORM:
            remote_id = f"course-v1:{lister.acronym}+{_TOPIC_CODES[spec.topic]}{number}+2025"
            return remote_id, f"{lister.website}/courses/{remote_id}/about", []
        slug = _TOPIC_SLUGS[spec.topic]
        remote_id = f"{org.acronym}-{spec.serial:07d}"
        identifiers = [f"{org.website}/id/course/{spec.serial}"] if spec.serial % 5 < 3 else []
        return remote_id, f"{org.website}/courses/{slug}-{spec.serial}", identifiers

    def render(self, spec: _Spec, remote_id: str, url: str, identifiers: list[str]) -> dict:
        """The record of ``spec``: a dict shaped like ``Record.model_dump(mode="json")``."""
        random_ = self.rnd.random
        phrases = _PHRASES
        traits = spec.traits
        provider = spec.provider
        org = self.providers[provider]
        topic = spec.topic
        languages = spec.languages
        pattern, domain = spec.pattern, spec.domain
        # Loops, not comprehensions: a comprehension is a function call in Python 3.11.
        title = {}
        for language in languages:
            title[language] = phrases.title(topic, pattern, domain, language)
        if spec.level_tag or spec.part:
            for language in title:
                if spec.level_tag:
                    title[language] += f" – {vocab.LEVEL_WORD[language]} {spec.level_tag}"
                if spec.part:
                    title[language] += f" – {vocab.PART_WORD[language]} {spec.part + 1}"
        plan = traits.plan
        description = {}
        for language in spec.description_languages:
            description[language] = phrases.description(topic, domain, language, plan)
        if spec.markup == "title":
            title = {language: f"<b>New:</b> {text}" for language, text in title.items()}
        elif spec.markup == "description":
            description = {
                lang: f"{text} <script>alert(1)</script>" for lang, text in description.items()
            }
        outcomes = []
        if traits.outcomes:
            first = traits.outcomes_from
            for texts in phrases.outcomes(topic, languages)[first : first + traits.outcomes]:
                outcomes.append({"text": texts.copy(), "esco": []})
        eqf = traits.eqf
        country = org.country
        level: dict[str, Any] = {"eqf": eqf, "qf_ehea": None, "nqf": None, "isced_2011": None}
        if eqf is not None:
            if traits.qf_ehea:
                level["qf_ehea"] = EQF_TO_QF_EHEA.get(eqf)
            if traits.nqf:
                level["nqf"] = {
                    "country": country,
                    "level": _IRISH_NFQ[eqf] if country == "IE" else str(eqf),
                }
            if traits.isced_2011:
                level["isced_2011"] = eqf
        qa = traits.qa
        qa_body = None
        if qa is None:
            qa_type = None
        elif org.external_qa:
            qa_type, qa_body = "external-institutional", org.qa_body
        elif qa < 0.3:
            bodies = _COUNTRY[country].qa_bodies
            qa_type, qa_body = "external-programme", bodies[int(qa / 0.3 * len(bodies))]
        else:
            qa_type = "internal" if qa < 0.7 else "none-stated"
        option = traits.stackability
        towards = []
        if option == "stackable":
            towards.append(
                {
                    "title": {lang: phrases.programme(topic, lang) for lang in languages},
                    "url": f"{org.website}/programmes/{_TOPIC_SLUGS[topic]}",
                }
            )
        isced = vocab.TOPICS[topic].isced
        moment = int(random_() * _EPOCH_SECONDS)
        updated = _DAYS[moment // 86400] + _TIMES[moment % 86400 // 60] + _SECONDS[moment % 60]
        start = traits.start
        end = None
        if start is not None:
            end = f"{start[:5]}{int(start[5:7]) % 12 + 1:02d}{start[7:]}"
        which = traits.assessment
        prerequisite = traits.prerequisite
        mode = traits.mode
        return {
            "id": None,
            "remote_id": remote_id,
            "url": url,
            "identifiers": identifiers,
            "title": title,
            "description": description,
            "provider": {
                "name": org.name.copy(),
                "country": country if traits.country else None,
                "identifiers": org.identifiers.copy(),
            },
            "awarding_bodies": []
            if spec.awarding is None
            else [self.providers[spec.awarding].organisation()],
            "learning_outcomes": outcomes,
            "workload": {
                "ects": traits.credits if traits.ects else None,
                "ects_derived": False,
                "hours": float(round(traits.credits * self.hours_per_ects[provider]))
                if traits.hours
                else None,
            },
            "level": level,
            "subject": {
                "isced": [isced[:3] if traits.narrow_isced else isced],
                "keywords": list(phrases.topic_keywords(topic, languages[0])),
            },
            "assessment": {
                "type": traits.assessment_type,
                "text": {} if which is None else phrases.assessments(languages, which).copy(),
            },
            "participation": {
                "mode": mode,
                "schedule": traits.schedule,
                "languages": list(spec.teaching),
            },
            "quality_assurance": {"type": qa_type, "body": qa_body, "report_url": None},
            "stackability": {"option": option, "towards": towards},
            "prerequisites": {}
            if prerequisite is None
            else phrases.prerequisites(topic, languages, prerequisite).copy(),
            "credential_format": traits.credential_format,
            "identity_verification": traits.verification,
            "start_date": start,
            "end_date": end,
            "duration": None if mode is None else f"P{traits.weeks}W",
            "price": traits.price,
            "enrolment_url": f"{url}/enrol" if spec.serial % 2 else None,
            "updated": updated,
            "is_microcredential": None,
            "transparency": None,
            "missing": [],
            "sources": [],
            "provenance": {},
        }

    # --- planted duplicates and hard negatives ----------------------------------------

    def own_source(self, spec: _Spec) -> str:
        org = self.providers[spec.provider]
        catalogue = self.catalogue_of.get(org.country)
        listed_elsewhere = self.rnd.random() < 0.2  # only in the national catalogue
        if (
            listed_elsewhere
            and catalogue is not None
            and org.kind is not ProviderKind.MOOC_PLATFORM
        ):
            return self.providers[catalogue].id
        return org.id

    def other_source(self, spec: _Spec, taken: set[str]) -> str:
        org = self.providers[spec.provider]
        candidates = [org.id, EUROPEAN_CATALOGUE]
        if (catalogue := self.catalogue_of.get(org.country)) is not None:
            candidates += [self.providers[catalogue].id] * 2
        if spec.traits.mode == "online" and self.platforms:
            candidates.append(self.providers[self.rnd.choice(self.platforms)].id)
        candidates = [candidate for candidate in candidates if candidate not in taken]
        return self.rnd.choice(candidates) if candidates else EUROPEAN_CATALOGUE

    def duplicate(self, spec: _Spec, original: dict, source: str) -> SyntheticOffer:
        """The same offer as another source lists it: other id, other spelling, fewer details."""
        rnd = self.rnd
        random_ = rnd.random
        org = self.providers[spec.provider]
        remote_id, url, identifiers = self.listing(spec, source)
        if random_() < 0.5:
            url = original["url"]  # catalogues often link to the provider's own page
        if original["identifiers"] and random_() < 0.4:
            identifiers = list(original["identifiers"])
        languages = spec.languages
        traits = dataclasses.replace(spec.traits)
        variant = dataclasses.replace(spec, traits=traits)
        r = random_()
        if len(languages) > 1 and r < 0.25:
            variant.languages = (languages[int(random_() * len(languages))],)  # one language only
        elif languages != ("en",) and r < 0.35:
            variant.languages = ("en",)  # only the English translation
        variant.description_languages = (
            tuple(
                language
                for language in variant.description_languages
                if language in variant.languages
            )
            or variant.languages[:1]
        )
        if random_() < 0.3:
            traits.outcomes = 0
        if random_() < 0.3:
            traits.hours = False
        if random_() < 0.15:
            traits.eqf = None
        traits.nqf = traits.nqf and random_() < 0.5
        traits.narrow_isced = traits.narrow_isced or random_() < 0.2
        if random_() < 0.15:
            traits.mode = None
        record = self.render(variant, remote_id, url, identifiers)
        record["title"] = _vary_title(rnd, record["title"])
        if random_() < 0.4:
            record["provider"]["name"] = _vary_provider_name(rnd, org)
        if random_() < 0.3:
            record["description"] = {}
        elif random_() < 0.3:
            record["subject"]["keywords"] = []
        return SyntheticOffer(record, source, spec.truth, "duplicate")


def _vary_case(rnd: random.Random, text: str) -> str:
    r = rnd.random()
    if r < 0.4:
        return text.lower()
    if r < 0.6:
        return text.upper()
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


_WORDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("Introduction to ", "An Introduction to "),
        ("Fundamentals of ", "Foundations of "),
        (" in Practice", ": A Practical Course"),
        (" for Professionals", " for Working Professionals"),
        ("Advanced ", "Advanced Course in "),
        ("Certificate in ", "Certificate Course in "),
        (" and ", " & "),
        (": Methods and Tools", " - Methods & Tools"),
    ),
    "de": (
        ("Einführung in ", "Einführungskurs "),
        ("Grundkurs ", "Grundlagen "),
        (" in der Praxis", " – praxisorientiert"),
        ("Zertifikatskurs ", "Zertifikat "),
        (" und ", " & "),
    ),
    "fr": (
        (" : introduction", " – initiation"),
        (" en pratique", " : mise en pratique"),
        ("Certificat en ", "Certificat d'université en "),
        (" et ", " & "),
    ),
}


_COLON = re.compile(r" ?: ")  # French writes " : "


def _vary_wording(rnd: random.Random, text: str, language: str) -> str:
    options = [pair for pair in _WORDINGS.get(language, ()) if pair[0] in text]
    if options:
        old, new = rnd.choice(options)
        return text.replace(old, new, 1)
    if ": " in text:
        return _COLON.sub(" – ", text, count=1)
    if " – " in text:
        return text.replace(" – ", ": ", 1)
    return f"Micro-credential: {text}" if rnd.random() < 0.5 else f"{text} (online)"


def _typo(rnd: random.Random, text: str) -> str:
    words = text.split(" ")
    long_words = [index for index, word in enumerate(words) if len(word) >= 5 and word.isalpha()]
    if not long_words:
        return text + "."
    index = rnd.choice(long_words)
    word = words[index]
    at = rnd.randrange(1, len(word) - 2)
    words[index] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return " ".join(words)


def _vary_title(rnd: random.Random, title: dict[str, str]) -> dict[str, str]:
    """The title as another listing writes it."""
    varied = dict(title)
    for _ in range(1 if rnd.random() < 0.75 else 2):
        language = rnd.choice(list(varied))
        text = varied[language]
        r = rnd.random()
        if r < 0.3:
            text = _vary_case(rnd, text)
        elif r < 0.5:
            if ": " in text or " – " in text:
                text = _COLON.sub(" - ", text).replace(" – ", " - ")
            else:
                text = text.rstrip(".") + "."
        elif r < 0.85:
            text = _vary_wording(rnd, text, language)
        else:
            text = _typo(rnd, text)
        varied[language] = text
    return varied


_SHORT_FORMS = (
    ("Universität ", "Uni "),
    ("University of ", "Univ. of "),
    ("Université ", "Univ. "),
    ("Universiteit ", "Univ. "),
    ("Universidad ", "Univ. "),
    ("Università degli Studi di ", "Università di "),
    ("Universidade ", "Univ. "),
    ("Uniwersytet ", "Uniw. "),
    ("Hochschule ", "HS "),
    ("University of Applied Sciences", "UAS"),
    (" universitet", " univ."),
)


def _vary_provider_name(rnd: random.Random, org: Provider) -> dict[str, str]:
    """The provider's name as another listing spells it."""
    local, english = org.local_name, org.english_name
    language = next(iter(org.name))
    r = rnd.random()
    if r < 0.25 and len(org.name) > 1:
        return {"en": english}
    if r < 0.4:
        return {language: _ascii(local)}
    if r < 0.6:
        for old, new in _SHORT_FORMS:
            if old in local:
                return {language: local.replace(old, new, 1)}
        return {language: local.upper()}
    if r < 0.75:
        return {"en": f"{english} ({org.acronym})"}
    if r < 0.9:
        return {language: f"{local}, {org.legal_form}"}
    return {language: local.upper()}


# --- the public API -------------------------------------------------------------------------


def generate_offers(
    n: int,
    seed: int = 0,
    providers: int | None = None,
    duplicate_rate: float = 0.05,
    *,
    hard_negative_rate: float | None = None,
) -> Iterator[SyntheticOffer]:
    """``n`` listings of micro-credential offers, with planted duplicates and hard negatives.

    Args:
        n: how many listings to yield.
        seed: the same seed gives the same listings.
        providers: how many providers to invent (:func:`default_provider_count` by default).
        duplicate_rate: the share of listings that re-list an offer listed before (same
            ``truth``); each follows its original within a few thousand listings.
        hard_negative_rate: the share of listings that are easily confused with another offer
            but are not the same (half of ``duplicate_rate`` by default).
    """
    if n < 0:
        raise ValueError("n must not be negative")
    if hard_negative_rate is None:
        hard_negative_rate = duplicate_rate / 2
    if duplicate_rate < 0 or hard_negative_rate < 0 or duplicate_rate + hard_negative_rate > 0.6:
        raise ValueError("duplicate_rate and hard_negative_rate must be >= 0 and sum to <= 0.6")
    provider_count = default_provider_count(n) if providers is None else providers
    if provider_count < 1:
        raise ValueError("providers must be at least 1")
    generator = _Generator(n, seed, provider_count, duplicate_rate, hard_negative_rate)
    return _offers(generator)


def _offers(gen: _Generator) -> Iterator[SyntheticOffer]:
    random_ = gen.rnd.random
    n = gen.n
    negative_chance = gen.negatives_per_original
    duplicate_chance = gen.duplicates_per_original / 1.2  # a fifth of them twice
    horizon = gen.horizon
    pending: list[tuple[int, int, SyntheticOffer]] = []
    emitted = order = originals = 0
    while emitted < n:
        if pending and (pending[0][0] <= emitted or emitted + len(pending) >= n):
            yield heapq.heappop(pending)[2]
            emitted += 1
            continue
        spec = gen.spec()
        originals += 1
        if originals in (3, 6):  # planted markup, to prove that every output escapes it
            spec.markup = "description" if originals == 3 else "title"
        room = n - emitted - len(pending) - 1
        negative_kind = None
        if room > 0 and random_() < negative_chance:
            r = random_()
            negative_kind = "other-provider" if r < 0.4 else "other-size" if r < 0.75 else "levels"
            if negative_kind == "levels":
                spec.level_tag = 1
        source = gen.own_source(spec)
        remote_id, url, identifiers = gen.listing(spec, source)
        record = gen.render(spec, remote_id, url, identifiers)
        yield SyntheticOffer(record, source, spec.truth)
        emitted += 1
        duplicated = room > 0 and random_() < duplicate_chance
        if negative_kind is None and not duplicated:
            continue
        extras = []
        if negative_kind is not None:
            extras.append(_hard_negative(gen, spec, negative_kind))
            room -= 1
        if duplicated and room > 0:
            taken = {source}
            for _ in range(min(2 if random_() < 0.2 else 1, room)):
                other = gen.other_source(spec, taken)
                taken.add(other)
                extras.append(gen.duplicate(spec, record, other))
        for extra in extras:
            order += 1
            heapq.heappush(pending, (emitted + 1 + int(random_() * horizon), order, extra))


def _hard_negative(gen: _Generator, spec: _Spec, kind: str) -> SyntheticOffer:
    """An offer easily confused with ``spec``'s but not the same one."""
    random_ = gen.rnd.random
    if kind == "other-provider":
        org = gen.providers[spec.provider]
        if "en" not in spec.languages:  # a provider writing in the title's language
            pools = [gen.by_language.get(spec.languages[0], [])]
        elif random_() < 0.5:  # an English title: a provider nearby, or anywhere
            pools = [gen.by_country[org.country]]
        else:
            pools = []
        provider = spec.provider
        for pool in [*pools, gen.offering]:
            if len(pool) > 1:
                while provider == spec.provider:
                    provider = pool[int(random_() * len(pool))]
                break
        twin = gen.spec(provider)
        gen.counters[provider] -= 1  # the twin takes spec's title, not one of its provider's
        # The same title: same subject and wording, in the languages both write in.
        twin.topic, twin.pattern, twin.domain, twin.part = (
            spec.topic,
            spec.pattern,
            spec.domain,
            spec.part,
        )
        other_language = gen.providers[provider].language
        twin.languages = (
            tuple(
                language
                for language in spec.languages
                if language == "en" or language == other_language
            )
            or spec.languages
        )
        twin.description_languages = twin.languages
    else:
        twin = gen.spec(spec.provider)
        gen.counters[spec.provider] -= 1  # the twin reuses spec's title, not a new one
        for name in ("topic", "pattern", "domain", "part", "languages", "teaching"):
            setattr(twin, name, getattr(spec, name))
        twin.description_languages = spec.description_languages
        traits = twin.traits = dataclasses.replace(twin.traits)
        original = spec.traits
        traits.mode, traits.country = original.mode, original.country
        traits.ects, traits.credits, traits.eqf = original.ects, original.credits, original.eqf
        if kind == "levels":
            twin.level_tag = 2
            if original.eqf is not None and original.eqf < 8 and random_() < 0.5:
                traits.eqf = original.eqf + 1
        elif original.ects and (original.eqf is None or random_() < 0.6):
            traits.credits = original.credits * 2 if original.credits < 30 else original.credits / 2
        elif original.eqf is not None:
            traits.eqf = original.eqf + 1 if original.eqf < 8 else original.eqf - 1
        else:
            traits.ects, traits.credits = True, original.credits + 5
    source = gen.own_source(twin)
    remote_id, url, identifiers = gen.listing(twin, source)
    record = gen.render(twin, remote_id, url, identifiers)
    return SyntheticOffer(record, source, twin.truth, "hard-negative", spec.truth)


def generate_dicts(n: int, seed: int = 0, **options: Any) -> Iterator[dict[str, Any]]:
    """The records of :func:`generate_offers` (same arguments), as plain dicts."""
    for offer in generate_offers(n, seed, **options):
        yield offer.record


def generate_records(n: int, seed: int = 0, **options: Any) -> Iterator[Record]:
    """The records of :func:`generate_offers` (same arguments), validated as ``Record``."""
    validate = Record.model_validate
    for offer in generate_offers(n, seed, **options):
        yield validate(offer.record)
