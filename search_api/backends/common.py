"""What the embedded and the OpenSearch backends share: index fields, filters and spelling help.

Both backends index the same keyword fields, count the same facets, read filters the same way
and correct misspelt words by the same rules; only the engine calls differ. The engine-specific
code (schemas, analyzers, queries, aggregations) stays in each backend's own module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from rapidfuzz.distance import OSA

from mappings.schema import QaType
from search_api.query import ECTS_BUCKETS, NOT_STATED, Filters, Hit

LANGUAGE_ALIASES = {"nb": "no", "nn": "no"}
"""Language codes indexed under another code's stemmed field."""

FIELD_BOOSTS: dict[str, float] = {"title": 3.0, "keywords": 2.0, "provider_name": 1.5}
"""Text field -> score boost of a match in it (other fields: 1)."""

SINGLE_VALUED = ("eqf", "qf_ehea", "qa", "country", "mode", "provider", "transparency")
"""Keyword fields holding one value per document (``NOT_STATED`` when there is none)."""

MULTI_VALUED = ("isced", "isced_broad", "lang")
"""Keyword fields holding any number of values per document."""

KEYWORD_FIELDS = (*SINGLE_VALUED, *MULTI_VALUED, "microcredential")
"""Every keyword field of the index."""

FACET_FIELDS: dict[str, str] = {
    "eqf": "eqf",
    "qf_ehea": "qf_ehea",
    "isced": "isced_broad",
    "qa": "qa",
    "country": "country",
    "lang": "lang",
    "mode": "mode",
    "transparency": "transparency",
    "provider": "provider",
    "microcredential": "microcredential",
}
"""Facet name -> keyword field counted by a terms aggregation (``ects`` is a range one)."""

FACET_SIZE = 1000
"""Most values one facet returns (tantivy's terms aggregation returns 10 by default)."""

REBUILD_SHRINK_GUARD = (100, 0.5)
"""A rebuild of an index of at least 100 documents may not leave fewer than half of them."""

SUGGEST_FIELD = "title"
"""The vocabulary spelling suggestions are taken from."""

WORD = re.compile(r"[^\W_]+")
"""A word as the text analyzer cuts it: letters and digits."""

QUERY_OPERATORS = {"AND", "OR", "NOT", "IN", "TO"}
"""Words of the query syntax, never searched for nor corrected."""


# Filters -----------------------------------------------------------------------------------


def filter_terms(filters: Filters) -> dict[str, list[str]]:
    """The terms each keyword filter picks, as indexed, by field.

    Args:
        filters: The filters of a search.

    Returns:
        Keyword field -> the terms it must hold one of; an empty list means no filter.
        ``microcredential`` is present only when that filter is set.
    """
    values: dict[str, list[str]] = {
        "eqf": [str(level) for level in filters.eqf],
        "qf_ehea": list(filters.qf_ehea),
        "isced": [code.strip() for code in filters.isced],  # every prefix is indexed
        "qa": _qa_terms(filters.qa),
        "country": [_keyword(country, str.upper) for country in filters.country],
        "lang": [_keyword(lang, str.lower) for lang in filters.lang],
        "mode": list(filters.mode),
        "provider": list(filters.provider),
        "transparency": list(filters.transparency),
    }
    if filters.microcredential is not None:
        values["microcredential"] = [flag(filters.microcredential)]
    return values


_QA_NOT_STATED = (NOT_STATED, QaType.NONE_STATED.value)
"""QA filter values that both mean "not stated": indexes built before they were indexed as
one still hold ``none-stated``."""


def _qa_terms(values: tuple[str, ...]) -> list[str]:
    terms: list[str] = []
    for value in values:
        terms.extend(_QA_NOT_STATED if value in _QA_NOT_STATED else (value,))
    return list(dict.fromkeys(terms))


def _keyword(value: str, case: Callable[[str], str]) -> str:
    """A filter value as indexed: in ``case``, but ``NOT_STATED`` as is (``NONE`` -> ``none``)."""
    value = value.strip()
    return NOT_STATED if value.lower() == NOT_STATED else case(value)


def flag(value: Any) -> str:
    """A yes/no value as indexed in a keyword field.

    Args:
        value: A truth value, ``None`` or ``NOT_STATED``.

    Returns:
        ``"true"``, ``"false"``, or ``NOT_STATED`` when the value is not stated.
    """
    if value is None or value == NOT_STATED:
        return NOT_STATED
    return "true" if value else "false"


def ects_ranges() -> list[dict[str, Any]]:
    """The ranges of a range aggregation counting the ECTS facet's buckets.

    Returns:
        One ``{"key", "from"[, "to"]}`` range per bucket of ``ECTS_BUCKETS``, in order.
    """
    ranges = []
    for bucket in ECTS_BUCKETS:
        spec: dict[str, Any] = {"key": bucket.key, "from": bucket.low}
        if bucket.high is not None:
            spec["to"] = bucket.high
        ranges.append(spec)
    return ranges


# Spelling ----------------------------------------------------------------------------------


def plain_words(text: str) -> list[str]:
    """The words of ``text`` without query syntax, as indexed: lower case, accents folded.

    Args:
        text: The text a user searched for.

    Returns:
        Its words of at most 40 characters, query operators left out, each ``fold``-ed.
    """
    return [
        fold(word) for word in WORD.findall(text) if word not in QUERY_OPERATORS and len(word) <= 40
    ]


def fold(word: str) -> str:
    """A word as indexed: lower case, accents removed.

    Args:
        word: A word.

    Returns:
        ``word`` lower-cased and without combining marks (``Données`` -> ``donnees``).
    """
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def edits(word: str) -> int:
    """Typos tolerated in a word: none up to 3 letters, one up to 7, two from 8.

    Args:
        word: A word.

    Returns:
        The most edits a correction of ``word`` may be away from it.
    """
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


def best_correction(word: str, candidates: Iterable[tuple[str, int]]) -> str | None:
    """The candidate closest to ``word``: fewest edits, then most frequent.

    Candidates more than ``edits(word)`` edits away are left out; a swap of two neighbouring
    letters counts as one edit (optimal string alignment distance). The first of equal
    candidates wins.

    Args:
        word: A word in its indexed form.
        candidates: (term, frequency) pairs, terms in their indexed form.

    Returns:
        The best term, or ``None`` when no candidate is close enough.
    """
    distance = edits(word)
    best: tuple[int, int, str] | None = None
    for term, frequency in candidates:
        if abs(len(term) - len(word)) > distance:
            continue
        found = OSA.distance(word, term, score_cutoff=distance)
        if found <= distance and (best is None or (found, -frequency) < best[:2]):
            best = (found, -frequency, term)
    return None if best is None else best[2]


def suggestion(text: str, corrections: dict[str, str], hits: list[Hit]) -> str | None:
    """``text`` with its misspelt words corrected; ``None`` when nothing is corrected.

    A correction is written as a hit's title writes it when one does (``cybersécurité`` rather
    than the indexed ``cybersecurite``).

    Args:
        text: The text a user searched for.
        corrections: Misspelt word -> correction, both in their indexed form.
        hits: The hits shown, whose titles say how a correction is written.

    Returns:
        The corrected text, or ``None`` when ``corrections`` is empty.
    """
    if not corrections:
        return None
    written: dict[str, str] = {}
    for hit in hits:
        for word in WORD.findall(hit.title):
            written.setdefault(fold(word), word.lower())

    def correct(match: re.Match[str]) -> str:
        term = corrections.get(fold(match.group()))
        return match.group() if term is None else written.get(term, term)

    return WORD.sub(correct, text)
