"""Deduplication: records of the same offer grouped into clusters, each merged into one record.

1. Blocking, never all pairs: records sharing a normalised identifier or landing URL (http/
   https, ``www.``, trailing slashes, fragments and tracking parameters do not count), and
   sorted neighbourhoods of the normalised titles (forwards and reversed, across all
   records and within one provider identity, see :mod:`aggregator.providers`), kept when a
   cheap rapidfuzz ratio says the titles are alike.
2. Scoring (:func:`score`): an explainable sum of feature contributions (title in a shared
   language, provider identity, ECTS, EQF, hours, mode, languages, session details, landing
   host, same feed). Hard rules veto a pair whatever its score: ECTS or EQF differ, "Level 1"
   against "Level 2", two provider identities unless a catalogue or platform lists the
   other's offer under its URL or identifier (most candidate pairs: told apart in bulk
   before any is scored). A shared identifier is strong evidence.
3. Clustering: matching pairs are joined best first, and a join must suit *every* member of
   both sides (complete link), so clusters never chain. Administrators' decisions
   (:func:`add_decision`: merge, separate, split) override scores in every recomputation.
4. Incremental matching (:func:`update_clusters`): changed records are matched against the
   existing clusters through the same blocking keys, kept in the store (``dedup_keys``) or in
   a :class:`MemoryIndex`; provider names are grouped again over every name known (distinct
   names: cheap), and records whose provider identity that changes are matched again too, so
   a full recomputation gives the same clusters.
5. Merging (:func:`merge`): one canonical record per cluster with field-level provenance.
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import gc
import itertools
import json
import multiprocessing as mp
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from rapidfuzz import fuzz, process

from aggregator.providers import (
    ProviderIdentities,
    identity_of,
    names_of,
    provider_identities,
)
from mappings.schema import Record, Source
from mappings.transparency import finalise
from mappings.vocab import fold, remembered

if TYPE_CHECKING:
    from aggregator.store import Store


def _words(text: str) -> list[str]:
    """Words of a vocabulary written as one string (easier to read and extend)."""
    return text.split()


_TRACKING_PREFIXES = ("utm_", "mc_", "pk_")
_TRACKING_PARAMS = {"fbclid", "gclid", "ref", "source", "yclid", "_hsenc", "_hsmi"}
_KIND_RANK = {"provider": 0, "catalogue": 1, "platform": 2}
_DERIVED = {"id", "sources", "provenance", "transparency", "missing", "is_microcredential"}


_SIMPLE_URL = re.compile(r"https?://(?:www\.)?([a-z0-9][a-z0-9.-]*)(/[^?#%\s]*)?")


def normalise_url(url: str | None) -> str | None:
    """A landing URL reduced to what identifies the page; None if it is not an http(s) URL."""
    if not url:
        return None
    simple = _SIMPLE_URL.fullmatch(url)
    if simple:  # the common case, without urlsplit's cost: lower-case host, no port or query
        return simple.group(1) + (simple.group(2) or "").rstrip("/")
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/") or ""
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_PARAMS
    ]
    query_text = f"?{urlencode(sorted(query))}" if query else ""
    return f"{host}{port}{path}{query_text}"


def match_keys(record: Mapping[str, Any]) -> set[str]:
    """Keys under which two records are taken to be the same offer."""
    keys = set()
    url_key = normalise_url(record.get("url"))
    if url_key:
        keys.add(f"url:{url_key}")
    for identifier in record.get("identifiers") or []:
        text = str(identifier).strip()
        as_url = normalise_url(text)
        if as_url:
            keys.add(f"url:{as_url}")
        elif len(text) >= 6:  # short codes ("C101") are not unique across providers
            keys.add(f"id:{text.casefold()}")
    return keys


@dataclass(frozen=True)
class Member:
    """One mapped record as deduplication sees it."""

    record_id: str
    feed_id: int
    feed_kind: str
    feed_name: str | None
    data: dict[str, Any]


# -- features ------------------------------------------------------------------------------

MATCH = 0.95
"""The least score for a candidate pair to be merged."""
FLOOR = 0.5
"""The least score of every pair of members of one cluster (complete link): a record joins a
cluster only when it is close enough to *all* its members, so clusters never chain."""
WINDOW = 5
"""Sorted-neighbourhood window: each title is compared with the next ``WINDOW - 1`` titles."""
PREFILTER = 85.0
"""Sorted neighbours whose titles are less alike than this (0-100) are not scored."""
MAX_KEY_GROUP = 50
"""A match key shared by more records than this links them in a star, not all pairs."""

_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "een",
        "het",
        "el",
        "los",
        "las",
        "il",
        "lo",
        "gli",
        "course",
        "courses",
        "kurs",
        "cours",
        "curso",
        "corso",
        "cursus",
        "kurssi",
        "kursus",
        "micro",
        "credential",
        "credentials",
        "microcredential",
        "microcredentials",
        "online",
        "and",
        "und",
        "et",
        "y",
        "e",
        "en",
        "och",
        "og",
        "ja",
        "for",
        "of",
        "in",
        "to",
        "at",
        "with",
        "on",
        "de",
        "du",
        "des",
        "d",
        "di",
        "del",
        "della",
        "van",
        "voor",
        "fur",
        "im",
        "zu",
        "working",
    ]
)
_SYNONYMS = {
    "foundations": "fundamentals",
    "foundation": "fundamentals",
    "basics": "fundamentals",
    "intro": "introduction",
    "initiation": "introduction",
    "practical": "practice",
    "practices": "practice",
}
_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix"})
_WORD = re.compile(r"[a-z0-9]+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_MARKUP = re.compile(r"<[^>]{0,200}>")
_NEIGHBOUR_KINDS = ("t", "r", "pt", "pr")
"""Sorted-neighbourhood passes: title, reversed title, and both within one provider."""


@remembered(maxsize=1 << 18)
def normalise_title(text: str) -> tuple[str, frozenset[str]]:
    """(comparable title, numerals it carries): ASCII, case-folded, punctuation and filler
    words ("An", "Course", "online", "&") removed; numerals ("Level 2", "Part II") kept apart,
    because they tell offers apart that are otherwise alike."""
    words = _WORD.findall(fold(_MARKUP.sub(" ", text)))
    numerals = frozenset(w for w in words if w.isdigit() or w in _ROMAN)
    kept = [_SYNONYMS.get(w, w) for w in words if w not in _FILLER]
    return " ".join(kept or words), numerals


@dataclass(frozen=True, slots=True)
class Offer:
    """What deduplication compares of one record."""

    record_id: str
    feed_id: int
    feed_kind: str
    provider: str | None
    provider_ids: dict[str, str]
    titles: dict[str, str]
    numerals: frozenset[str]
    ects: float | None
    eqf: int | None
    hours: float | None
    mode: str | None
    languages: frozenset[str]
    host: str | None
    keys: frozenset[str]
    session: dict[str, str]
    """What tells two sessions or variants apart: start date, duration, price, schedule,
    assessment type (each present only when given)."""


def offer_of(member: Member, identities: ProviderIdentities) -> Offer:
    data = member.data
    titles: dict[str, str] = {}
    numerals: frozenset[str] = frozenset()
    for language, text in (data.get("title") or {}).items():
        if text:
            titles[language], found = normalise_title(str(text))
            numerals |= found
    workload = data.get("workload") or {}
    level = data.get("level") or {}
    participation = data.get("participation") or {}
    url = normalise_url(data.get("url"))
    provider_ids = {}
    for scheme, value in ((data.get("provider") or {}).get("identifiers") or {}).items():
        if value:
            text = str(value).strip()
            provider_ids[scheme] = _provider_identifier(text)
    return Offer(
        record_id=member.record_id,
        feed_id=member.feed_id,
        feed_kind=member.feed_kind,
        provider=identity_of(data, identities),
        provider_ids=provider_ids,
        titles=titles,
        numerals=numerals,
        ects=workload.get("ects"),
        eqf=level.get("eqf"),
        hours=workload.get("hours"),
        mode=participation.get("mode"),
        languages=frozenset(participation.get("languages") or ()),
        host=url.split("/", 1)[0] if url else None,
        keys=frozenset(match_keys(data)),
        session={
            name: str(value).strip().casefold()
            for name, value in (
                ("start_date", data.get("start_date")),
                ("duration", data.get("duration")),
                ("price", data.get("price")),
                ("schedule", participation.get("schedule")),
                ("assessment", (data.get("assessment") or {}).get("type")),
            )
            if value
        },
    )


@remembered(maxsize=1 << 16)
def _provider_identifier(text: str) -> str:
    return normalise_url(text) or text.casefold()


def provider_names(members: Iterable[Member]) -> Iterator[list[str]]:
    """The names each member gives its provider (input of :func:`provider_identities`)."""
    for member in members:
        names = names_of(member.data)
        if names:
            yield names


def identities_of(name_groups: Iterable[Sequence[str]]) -> ProviderIdentities:
    """:func:`provider_identities` of the distinct name groups, taken in one order whatever
    order the records come in: a full and an incremental refresh group names alike."""
    return provider_identities(sorted({tuple(names) for names in name_groups}))


def neighbour_keys(offer: Offer) -> Iterator[tuple[str, str]]:
    """(pass, key) under which the offer is sorted for the sorted-neighbourhood passes."""
    for title in dict.fromkeys(offer.titles.values()):
        if not title:
            continue
        backwards = title[::-1]
        yield "t", title
        yield "r", backwards
        if offer.provider:
            yield "pt", f"{offer.provider}\x1f{title}"
            yield "pr", f"{offer.provider}\x1f{backwards}"


def _title_part(key: str) -> str:
    """The title a neighbour key compares (``pr`` and ``r`` keys are reversed)."""
    return key.rsplit("\x1f", 1)[-1]


# -- scoring -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Score:
    """An explainable match score: each feature's contribution, and a veto if a rule forbids."""

    total: float
    features: dict[str, float]
    veto: str | None = None
    exact: bool = False

    @property
    def match(self) -> bool:
        return self.veto is None and (self.exact or self.total >= MATCH)

    @property
    def compatible(self) -> bool:
        """May the two records be in one cluster (complete-link check)?"""
        return self.veto is None and (self.exact or self.total >= FLOOR)

    def to_json(self) -> dict[str, Any]:
        return {
            "total": round(self.total, 4),
            "features": {name: round(value, 4) for name, value in self.features.items()},
            "veto": self.veto,
            "exact": self.exact,
        }


def title_similarity(a: Offer, b: Offer) -> tuple[float, bool]:
    """(0-1 similarity, whether the titles compared share a language).

    Titles are compared in a language both records have; only when they share none is every
    pair of titles tried (a translation is then weak evidence either way).
    """
    shared = a.titles.keys() & b.titles.keys()
    if "und" in a.titles or "und" in b.titles:
        shared = set()
    pairs = (
        [(a.titles[lang], b.titles[lang]) for lang in shared]
        if shared
        else [(x, y) for x in a.titles.values() for y in b.titles.values()]
    )
    best = 0.0
    for x, y in pairs:
        best = max(best, fuzz.ratio(x, y), fuzz.token_sort_ratio(x, y))
    return best / 100.0, bool(shared)


_SESSION_WEIGHTS = {
    "start_date": (0.1, -0.3),
    "duration": (0.05, -0.2),
    "price": (0.05, -0.2),
    "schedule": (0.0, -0.1),
    "assessment": (0.0, -0.1),
}


def _differs(x: float, y: float, tolerance: float = 0.05) -> bool:
    return abs(x - y) > tolerance * max(abs(x), abs(y), 1e-9)


def _hard_rule(a: Offer, b: Offer, exact: bool) -> tuple[str | None, str | None]:
    """(veto, provider verdict): the rules no score can outweigh, checked first (cheap).

    :func:`_vetoed` applies the same rules to many pairs at once: a change here goes there too.
    """
    if a.numerals and b.numerals and a.numerals != b.numerals:
        return "numerals differ", None  # "Level 1" / "Level 2", "Part 2" / "Part 3"
    if a.ects is not None and b.ects is not None and _differs(a.ects, b.ects):
        return "ECTS differ", None
    if a.eqf is not None and b.eqf is not None and a.eqf != b.eqf:
        return "EQF levels differ", None
    shared = a.provider_ids.keys() & b.provider_ids.keys()
    if any(a.provider_ids[scheme] != b.provider_ids[scheme] for scheme in shared):
        provider = "different"  # two providers of one name: their identifiers tell
    elif shared:
        provider = "same"
    elif a.provider and b.provider:
        provider = "same" if a.provider == b.provider else "different"
    else:
        return None, None
    if provider == "different":
        # Only a catalogue or platform listing another provider's offer (and pointing at
        # it by URL or identifier) may bring two provider identities together.
        listed = a.feed_kind != "provider" or b.feed_kind != "provider"
        if not (listed and exact):
            return "different providers", provider
    return None, provider


def score(a: Offer, b: Offer) -> Score:
    """How likely ``a`` and ``b`` list the same offer; every contribution is kept.

    A pair a hard rule forbids is not scored further: its score carries the veto only.
    """
    exact = not a.keys.isdisjoint(b.keys)
    veto, provider = _hard_rule(a, b, exact)
    if veto:
        return Score(0.0, {}, veto, exact)
    features: dict[str, float] = {}
    if exact:
        features["exact_key"] = 1.0
    similarity, same_language = title_similarity(a, b)
    title = 3.0 * (similarity - 0.8)
    # Across languages a low similarity says little: no evidence against.
    features["title"] = title if same_language else max(title, 0.0)
    if a.numerals != b.numerals:
        features["numerals"] = -0.6  # "X – Part 2" against "X"
    if provider:
        features["provider"] = 0.4 if provider == "same" else -1.0
    if a.ects is not None and b.ects is not None:
        features["ects"] = 0.2
    if a.eqf is not None and b.eqf is not None:
        features["eqf"] = 0.1
    if a.hours is not None and b.hours is not None:
        features["hours"] = -0.4 if _differs(a.hours, b.hours, 0.1) else 0.1
    if a.mode and b.mode:
        features["mode"] = 0.05 if a.mode == b.mode else -0.2
    if a.languages and b.languages:
        features["languages"] = 0.05 if a.languages & b.languages else -0.2
    for name in a.session.keys() & b.session.keys():
        agree, disagree = _SESSION_WEIGHTS[name]
        features[name] = agree if a.session[name] == b.session[name] else disagree
    if a.host and a.host == b.host:
        features["host"] = 0.1
    if a.feed_id == b.feed_id:
        features["same_feed"] = -0.3  # a source rarely lists one offer twice
    return Score(sum(features.values()), features, None, exact)


def _prefilter(x: str, y: str) -> bool:
    return fuzz.ratio(x, y) >= PREFILTER


# -- decisions -----------------------------------------------------------------------------

DECISION_KINDS = ("merge", "separate", "split")


@dataclass
class Decisions:
    """Administrators' decisions, resolved in order: later ones override earlier ones.

    ``merge(a, b)`` puts two records in one cluster whatever their scores; ``separate(a, b)``
    keeps them apart; ``split(a)`` takes a record out of its cluster and keeps it alone.
    """

    must: set[frozenset[str]] = field(default_factory=set)
    cannot: set[frozenset[str]] = field(default_factory=set)
    alone: set[str] = field(default_factory=set)

    @classmethod
    def resolve(cls, rows: Iterable[tuple[str, str, str | None]]) -> Decisions:
        decisions = cls()
        for kind, record_a, record_b in rows:
            if kind == "split":
                decisions.alone.add(record_a)
                decisions.must = {pair for pair in decisions.must if record_a not in pair}
                continue
            if record_b is None or record_a == record_b:
                continue
            pair = frozenset((record_a, record_b))
            if kind == "merge":
                decisions.must.add(pair)
                decisions.cannot.discard(pair)
            elif kind == "separate":
                decisions.cannot.add(pair)
                decisions.must.discard(pair)
        for pair in decisions.must:
            # A merge made after a split brings the record back into company.
            decisions.alone -= pair
        return decisions

    def allows(self, a: str, b: str) -> bool:
        if frozenset((a, b)) in self.must:
            return True
        return a not in self.alone and b not in self.alone and frozenset((a, b)) not in self.cannot

    def involves(self, record_id: str) -> bool:
        return record_id in self.alone or any(record_id in pair for pair in self.must)


def add_decision(
    store: Store,
    kind: str,
    record_a: str,
    record_b: str | None = None,
    *,
    author: str | None = None,
    note: str | None = None,
) -> int:
    """Record an administrator's decision; every later clustering honours it.

    Args:
        kind: ``merge`` (a and b are one offer), ``separate`` (a and b are not) or
            ``split`` (a is an offer of its own; no b).

    Returns:
        The decision's id. Call :func:`aggregator.pipeline.refresh_clusters` to apply it.
    """
    if kind not in DECISION_KINDS:
        raise ValueError(f"kind must be one of {', '.join(DECISION_KINDS)}, not {kind!r}")
    if (kind == "split") != (record_b is None):
        raise ValueError("split takes one record; merge and separate take two")
    return store.add_cluster_decision(kind, record_a, record_b, author=author, note=note)


# -- clustering ----------------------------------------------------------------------------


@dataclass
class DedupResult:
    assignment: dict[str, str]
    """Record id -> cluster id."""
    links: dict[tuple[str, str], Score]
    """The pairs whose match joined two groups (the evidence kept with each cluster)."""
    compared: int = 0
    """Candidate pairs scored."""
    offers: dict[str, Offer] = field(default_factory=dict)
    sorted_keys: SortedKeys = field(default_factory=dict)
    """Per sorted-neighbourhood pass, its keys in order with their record ids."""


class _Clusters:
    """Greedy complete-link agglomeration over scored pairs, honouring decisions."""

    def __init__(self, offers: dict[str, Offer], decisions: Decisions) -> None:
        self.offers = offers
        self.decisions = decisions
        self.parent: dict[str, str] = {rid: rid for rid in offers}
        self.members: dict[str, list[str]] = {rid: [rid] for rid in offers}
        self.scores: dict[tuple[str, str], Score] = {}
        self.links: dict[tuple[str, str], Score] = {}

    def find(self, node: str) -> str:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def pair_score(self, a: str, b: str) -> Score:
        key = (a, b) if a < b else (b, a)
        found = self.scores.get(key)
        if found is None:
            found = self.scores[key] = score(self.offers[key[0]], self.offers[key[1]])
        return found

    def compatible(self, root_a: str, root_b: str, exact: bool = False) -> bool:
        """May two groups become one? Every cross pair must be allowed by the decisions and
        close enough (complete link); for a shared identifier, only free of any veto."""
        allows = self.decisions.allows
        for x in self.members[root_a]:
            for y in self.members[root_b]:
                if not allows(x, y):
                    return False
                result = self.pair_score(x, y)
                if result.veto or not (exact or result.compatible):
                    return False
        return True

    def join(self, a: str, b: str, forced: bool = False, exact: bool = False) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        if not forced and not self.compatible(root_a, root_b, exact):
            return False
        keep, gone = min(root_a, root_b), max(root_a, root_b)
        self.parent[gone] = keep
        self.members[keep] += self.members.pop(gone)
        self.links[(a, b) if a < b else (b, a)] = self.pair_score(a, b)
        return True

    def apply_must_links(self) -> None:
        for pair in sorted(tuple(sorted(p)) for p in self.decisions.must):
            if pair[0] in self.parent and pair[1] in self.parent:
                self.join(pair[0], pair[1], forced=True)

    def agglomerate(self, pairs: list[tuple[str, str]], workers: int = 0) -> int:
        """Join matching pairs: shared identifiers first (an identifier names one offer, so
        they link transitively unless a hard rule forbids), then the rest, best first."""
        scored = []
        for a, b, result in _matches(self.offers, pairs, workers):
            self.scores[(a, b)] = result
            scored.append((not result.exact, -result.total, a, b))
        scored.sort()
        for not_exact, _, a, b in scored:
            self.join(a, b, exact=not not_exact)
        return len(scored)


PARALLEL_PAIRS = 200_000
"""Score candidate pairs in worker processes from this many on (where ``fork`` exists)."""

_SHARED: tuple[dict[str, Offer], list[tuple[str, str]]] | None = None
"""The offers and pairs forked workers read (inherited, never pickled)."""


def _score_range(span: tuple[int, int]) -> list[tuple[str, str, Score]]:
    assert _SHARED is not None
    offers, pairs = _SHARED
    found = []
    for a, b in pairs[span[0] : span[1]]:
        result = score(offers[a], offers[b])
        if result.match:
            found.append((a, b, result))
    return found


def _matches(
    offers: dict[str, Offer], pairs: list[tuple[str, str]], workers: int = 0
) -> list[tuple[str, str, Score]]:
    """The pairs that match, with their scores; in ``workers`` forked processes when many
    (0: one per core). Only matches travel back, so the cost of pickling stays small."""
    global _SHARED
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(pairs) < PARALLEL_PAIRS or "fork" not in mp.get_all_start_methods():
        _SHARED = (offers, pairs)
        try:
            return _score_range((0, len(pairs)))
        finally:
            _SHARED = None
    step = -(-len(pairs) // (workers * 4))
    spans = [(start, min(start + step, len(pairs))) for start in range(0, len(pairs), step)]
    _SHARED = (offers, pairs)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return [match for part in pool.map(_score_range, spans) for match in part]
    finally:
        _SHARED = None


SortedKeys = dict[str, tuple[list[str], list[str]]]
"""Per sorted-neighbourhood pass: its keys in order, and the record id of each."""


def candidate_pairs(
    offers: list[Offer], sorted_keys: SortedKeys | None = None
) -> set[tuple[str, str]]:
    """Pairs worth scoring: shared match keys, and sorted neighbours (title, reversed title,
    each globally and within a provider identity) whose titles pass a cheap prefilter; less
    the pairs a hard rule vetoes whatever else they share (:func:`_vetoed`).

    Never all pairs: at most ``len(offers) * titles * 4 * (WINDOW - 1)`` neighbours, compared
    in bulk (rapidfuzz ``cpdist``). The sorted keys are left in ``sorted_keys`` when given
    (for :class:`MemoryIndex`).
    """
    ids = [offer.record_id for offer in offers]
    size = len(offers)
    codes: list[np.ndarray] = []  # pairs of positions low < high as ``low * size + high``
    owners: dict[str, list[int]] = defaultdict(list)
    for position, offer in enumerate(offers):
        for key in offer.keys:
            owners[key].append(position)
    sharing: list[tuple[int, int]] = []
    for group in owners.values():
        if len(group) < 2:
            continue
        if len(group) > MAX_KEY_GROUP:
            group = sorted(group, key=ids.__getitem__)
            sharing.extend((group[0], other) for other in group[1:])
            continue
        for i, one in enumerate(group):
            sharing.extend((one, other) for other in group[i + 1 :])
    if sharing:
        ends = np.asarray(sharing, dtype=np.int64)
        codes.append(ends.min(axis=1) * size + ends.max(axis=1))
    passes: dict[str, tuple[list[str], list[int]]] = {kind: ([], []) for kind in _NEIGHBOUR_KINDS}
    for position, offer in enumerate(offers):
        for kind, key in neighbour_keys(offer):
            keys, owner = passes[kind]
            keys.append(key)
            owner.append(position)
    for kind, (keys, owner) in passes.items():
        if len(keys) < 2:
            continue
        order = sorted(range(len(keys)), key=keys.__getitem__)
        keys = [keys[i] for i in order]
        owners_sorted = np.asarray(owner, dtype=np.int64)[np.asarray(order, dtype=np.int64)]
        # An object array: the titles of many positions are taken at once.
        titles = np.array(
            keys if kind in ("t", "r") else [_title_part(key) for key in keys], dtype=object
        )
        if sorted_keys is not None:
            sorted_keys[kind] = (keys, [ids[i] for i in owners_sorted.tolist()])
        for distance in range(1, WINDOW):
            a, b = owners_sorted[:-distance], owners_sorted[distance:]
            at = np.flatnonzero(a != b)
            if not len(at):
                continue
            left, right = titles[at], titles[at + distance]
            similar = process.cpdist(left, right, scorer=fuzz.ratio, workers=-1, dtype="float32")
            keep = at[similar >= PREFILTER]
            low, high = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
            codes.append(low * size + high)
    pairs: set[tuple[str, str]] = set()
    if codes:
        found = np.sort(np.concatenate(codes))  # np.unique's hashing is slower on these
        low, high = np.divmod(found[np.flatnonzero(np.diff(found, prepend=-1))], size)
        allowed = ~_vetoed(offers, low, high)
        for x, y in zip(low[allowed].tolist(), high[allowed].tolist(), strict=True):
            id_x, id_y = ids[x], ids[y]
            pairs.add((id_x, id_y) if id_x < id_y else (id_y, id_x))
    return pairs


def _codes(values: list[Any]) -> np.ndarray:
    """One integer per value, the same for equal values; -1 for None."""
    known: dict[Any, int] = {None: -1}
    for value in values:
        if value not in known:
            known[value] = len(known) - 1
    return np.array([known[value] for value in values], dtype=np.int64)


def _vetoed(offers: list[Offer], low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Which pairs of positions ``low``, ``high`` in ``offers`` a hard rule vetoes, told for
    all at once (most candidate pairs are: other ECTS, EQF, numerals or provider).

    Exactly :func:`_hard_rule`'s rules, where they need no more than each side alone: a pair
    this passes may still be vetoed by :func:`score` (another provider and a listing feed:
    whether the two share a key decides).
    """
    numerals: list[frozenset[str] | None] = []
    eqf: list[int | None] = []
    ects: list[float] = []
    provider: list[str | None] = []
    own: list[bool] = []
    given: dict[str, list[str | None]] = {}
    for position, offer in enumerate(offers):
        numerals.append(offer.numerals or None)
        eqf.append(offer.eqf)
        # ECTS as floats where that is exact (not ints beyond 2**53); the rest is left to score.
        value = offer.ects
        if type(value) is float or (type(value) is int and abs(value) <= 2**53):
            ects.append(float(value))
        else:
            ects.append(np.nan)
        provider.append(offer.provider or None)
        own.append(offer.feed_kind == "provider")
        for scheme, identifier in offer.provider_ids.items():
            if scheme not in given:
                given[scheme] = [None] * len(offers)
            given[scheme][position] = identifier
    vetoed = np.zeros(len(low), dtype=bool)
    for values in (numerals, eqf):
        codes = _codes(values)
        a, b = codes[low], codes[high]
        vetoed |= (a >= 0) & (b >= 0) & (a != b)
    credits = np.array(ects)
    x, y = credits[low], credits[high]
    # NaN (no ECTS) compares false: no veto, as _differs is not asked then.
    vetoed |= np.abs(x - y) > 0.05 * np.maximum(np.maximum(np.abs(x), np.abs(y)), 1e-9)
    shared = np.zeros(len(low), dtype=bool)
    differ = np.zeros(len(low), dtype=bool)
    for identifiers in given.values():
        codes = _codes(identifiers)
        a, b = codes[low], codes[high]
        both = (a >= 0) & (b >= 0)
        shared |= both
        differ |= both & (a != b)
    codes = _codes(provider)
    a, b = codes[low], codes[high]
    differ |= ~shared & (a >= 0) & (b >= 0) & (a != b)
    # Two provider identities may meet only where a catalogue or platform lists one.
    own_feed = np.array(own)
    return vetoed | (differ & own_feed[low] & own_feed[high])


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while records are clustered: millions of small
    objects and no cycles, so it would walk them over and over (a third of the time at a
    million records) and find nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def deduplicate(
    members: Iterable[Member],
    previous: Mapping[str, str | None] | None = None,
    decisions: Decisions | None = None,
    identities: ProviderIdentities | None = None,
    workers: int = 0,
) -> DedupResult:
    """Cluster every member from scratch (blocking, scoring, complete-link agglomeration).

    Args:
        workers: processes that score candidate pairs (0: one per core).
    """
    with _no_cycle_collection():
        members = list(members)
        if identities is None:
            identities = identities_of(provider_names(members))
        offers = {member.record_id: offer_of(member, identities) for member in members}
        clusters = _Clusters(offers, decisions or Decisions())
        clusters.apply_must_links()
        rows: SortedKeys = {}
        pairs = candidate_pairs(list(offers.values()), rows)
        clusters.agglomerate(list(pairs), workers)
        groups: dict[str, list[str]] = defaultdict(list)
        for record_id in offers:
            groups[clusters.find(record_id)].append(record_id)
        assignment = name_clusters(groups.values(), previous or {})
    return DedupResult(assignment, clusters.links, len(pairs), offers, rows)


def name_clusters(
    groups: Iterable[list[str]], previous: Mapping[str, str | None]
) -> dict[str, str]:
    """Record id -> cluster id. A cluster keeps an id it already had (the smallest among its
    members' previous cluster ids, not taken by a larger share), so links stay valid."""
    assignment: dict[str, str] = {}
    taken: set[str] = set()
    ordered = sorted((sorted(group) for group in groups), key=lambda g: (-len(g), g[0]))
    for record_ids in ordered:
        kept = sorted(
            cid for cid in {previous.get(r) for r in record_ids} if cid and cid not in taken
        )
        cluster_id = kept[0] if kept else _fresh_id(record_ids, taken)
        taken.add(cluster_id)
        for record_id in record_ids:
            assignment[record_id] = cluster_id
    return assignment


def _fresh_id(record_ids: list[str], taken: set[str]) -> str:
    """The smallest member id no other cluster carries (a record that left a cluster named
    after it cannot take that name with it)."""
    for record_id in record_ids:
        if record_id not in taken:
            return record_id
    serial = 2
    while f"{record_ids[0]}~{serial}" in taken:
        serial += 1
    return f"{record_ids[0]}~{serial}"


def cluster(
    members: Iterable[Member],
    previous: Mapping[str, str | None],
    decisions: Decisions | None = None,
) -> dict[str, str]:
    """Group members that list one offer; return record id -> cluster id."""
    return deduplicate(members, previous, decisions).assignment


# -- incremental ---------------------------------------------------------------------------


class Neighbourhood(Protocol):
    """Where incremental matching finds the existing records near a changed one."""

    def sharing(self, key: str) -> Iterable[str]:
        """Record ids carrying the match key."""

    def neighbours(self, kind: str, key: str, width: int) -> Iterable[tuple[str, str]]:
        """Up to ``width`` (key, record id) on each side of ``key`` in the ``kind`` order."""


class ClusterState(Protocol):
    """The clusters as they stand, read where incremental matching needs them."""

    def offers(self, record_ids: Iterable[str]) -> dict[str, Offer]: ...

    def cluster_of(self, record_ids: Iterable[str]) -> dict[str, str | None]: ...

    def members(self, cluster_ids: Iterable[str]) -> dict[str, list[str]]: ...

    def cluster_exists(self, cluster_id: str) -> bool: ...


@dataclass
class Update:
    """What an incremental update changed."""

    assignment: dict[str, str | None]
    """Record id -> its new cluster id (None: the record is gone)."""
    touched: set[str]
    """Cluster ids whose members changed (to merge and index again, or to delete if empty)."""
    links: dict[tuple[str, str], Score]
    compared: int = 0


class _Overlay:
    """The sorted keys of the records matched in this update, so they find each other."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[str, str]]] = {kind: [] for kind in _NEIGHBOUR_KINDS}
        self.keys: dict[str, list[str]] = defaultdict(list)

    def add(self, offer: Offer) -> None:
        for kind, key in neighbour_keys(offer):
            bisect.insort(self.rows[kind], (key, offer.record_id))
        for key in offer.keys:
            self.keys[key].append(offer.record_id)

    def neighbours(self, kind: str, key: str, width: int) -> list[tuple[str, str]]:
        rows = self.rows[kind]
        at = bisect.bisect_left(rows, (key, ""))
        return rows[max(0, at - width) : at + width]


class _Nowhere:
    """A neighbourhood with nothing in it (the overlay alone is asked)."""

    def sharing(self, key: str) -> Iterable[str]:
        return ()

    def neighbours(self, kind: str, key: str, width: int) -> Iterable[tuple[str, str]]:
        return ()


def candidates(
    offer: Offer, neighbourhood: Neighbourhood, overlay: _Overlay, skip: set[str]
) -> set[str]:
    """The record ids worth scoring against ``offer``: the same rules as
    :func:`candidate_pairs`, asked of an index instead of a full sort."""
    found: set[str] = set()
    for key in offer.keys:
        found.update(neighbourhood.sharing(key))
        found.update(overlay.keys.get(key, ()))
    width = WINDOW - 1
    for kind, key in neighbour_keys(offer):
        title = _title_part(key)
        rows = [*neighbourhood.neighbours(kind, key, width), *overlay.neighbours(kind, key, width)]
        for other_key, record_id in rows:
            if record_id not in found and _prefilter(title, _title_part(other_key)):
                found.add(record_id)
    found.discard(offer.record_id)
    return found - skip


def update_clusters(
    changed: Iterable[Offer],
    removed: Iterable[str],
    neighbourhood: Neighbourhood,
    state: ClusterState,
    decisions: Decisions | None = None,
) -> Update:
    """Match new and changed records against the existing clusters, without recomputing.

    A changed record leaves its cluster (the others stay together: they were all close to
    each other) and joins the cluster of its best compatible match, checked against every
    member of that cluster, as the full recomputation does.
    """
    decisions = decisions or Decisions()
    changed = sorted(changed, key=lambda offer: offer.record_id)
    changed_ids = {offer.record_id for offer in changed}
    removed_ids = set(removed)
    pending = set(changed_ids)
    gone = removed_ids | changed_ids
    old = state.cluster_of(gone)
    groups = state.members({cid for cid in old.values() if cid})
    touched = set(groups)
    for record_id, cluster_id in old.items():
        if cluster_id and record_id in groups.get(cluster_id, ()):
            groups[cluster_id].remove(record_id)
    where: dict[str, str] = {rid: cid for cid, rids in groups.items() for rid in rids}
    offers: dict[str, Offer] = {offer.record_id: offer for offer in changed}
    scores: dict[tuple[str, str], Score] = {}
    links: dict[tuple[str, str], Score] = {}
    overlay = _Overlay()
    compared = 0

    def pair_score(a: str, b: str) -> Score:
        key = (a, b) if a < b else (b, a)
        found = scores.get(key)
        if found is None:
            found = scores[key] = score(offers[key[0]], offers[key[1]])
        return found

    def cluster_members(cluster_id: str) -> list[str]:
        if cluster_id not in groups:
            groups.update(state.members([cluster_id]))
            for rid in groups[cluster_id]:
                where.setdefault(rid, cluster_id)
        return groups[cluster_id]

    absent: set[str] = set()  # asked for and not found: not asked again
    clusterless: set[str] = set()

    def load(record_ids: Iterable[str]) -> None:
        missing = [rid for rid in record_ids if rid not in offers and rid not in absent]
        if missing:
            found = state.offers(missing)
            offers.update(found)
            absent.update(rid for rid in missing if rid not in found)

    def locate(record_ids: Iterable[str]) -> None:
        unknown = [rid for rid in record_ids if rid not in where and rid not in clusterless]
        if unknown:
            for rid, cluster_id in state.cluster_of(unknown).items():
                if cluster_id:
                    where[rid] = cluster_id
            clusterless.update(rid for rid in unknown if rid not in where)

    taken_new: set[str] = set()

    def fresh_id(record_id: str) -> str:
        candidate, serial = record_id, 1
        while candidate in taken_new or groups.get(candidate) or state.cluster_exists(candidate):
            serial += 1
            candidate = f"{record_id}~{serial}"
        taken_new.add(candidate)
        return candidate

    # The stored part of every changed record's neighbourhood is read up front, in a few
    # batched queries (records, clusters, their members); the records matched in this update
    # find each other through the overlay as the loop goes.
    stored_near = {
        offer.record_id: candidates(offer, neighbourhood, _Overlay(), set()) for offer in changed
    }
    nearby = set().union(*stored_near.values()) - gone
    load(nearby)
    locate(other for other in nearby if other in offers)
    around = {where[other] for other in nearby if other in where} - set(groups)
    for cluster_id, record_ids in state.members(around).items():
        groups[cluster_id] = record_ids
        for other in record_ids:
            where.setdefault(other, cluster_id)
    load(other for cluster_id in around for other in groups[cluster_id])
    nowhere = _Nowhere()

    for offer in changed:
        rid = offer.record_id
        skip = pending | removed_ids
        near = (stored_near[rid] | candidates(offer, nowhere, overlay, skip)) - skip
        pending.discard(rid)
        load(near)
        near = {other for other in near if other in offers}
        locate(near)
        best: dict[str, tuple[float, str]] = {}
        for other in near:
            compared += 1
            result = pair_score(rid, other)
            cluster_id = where.get(other)
            if result.match and cluster_id:
                rank = result.total + (1.0 if result.exact else 0.0)
                if cluster_id not in best or rank > best[cluster_id][0]:
                    best[cluster_id] = (rank, other)
        target = None
        for cluster_id, (_, other) in sorted(best.items(), key=lambda item: (-item[1][0], item[0])):
            members = cluster_members(cluster_id)
            load(members)
            if all(
                decisions.allows(rid, member) and pair_score(rid, member).compatible
                for member in members
            ):
                target = cluster_id
                links[(rid, other) if rid < other else (other, rid)] = pair_score(rid, other)
                break
        if target is None:
            # Alone: it keeps the id of the cluster it left if nobody else kept that one.
            previous = old.get(rid)
            if previous and not groups.get(previous) and previous not in taken_new:
                taken_new.add(previous)
                target = previous
            else:
                target = fresh_id(rid)
            groups[target] = []
        groups[target].append(rid)
        where[rid] = target
        touched.add(target)
        overlay.add(offer)
    # Administrators' merges bring clusters together whatever the scores.
    for pair in sorted(tuple(sorted(p)) for p in decisions.must):
        if not any(rid in changed_ids for rid in pair):
            continue
        known = {**state.cluster_of([r for r in pair if r not in where]), **where}
        a, b = (known.get(r) for r in pair)
        if a and b and a != b:
            keep, drop = min(a, b), max(a, b)
            cluster_members(keep).extend(cluster_members(drop))
            for rid in groups[drop]:
                where[rid] = keep
            groups[drop] = []
            touched |= {keep, drop}
    assignment: dict[str, str | None] = {rid: None for rid in removed_ids}
    for cluster_id in touched:
        for rid in groups.get(cluster_id, ()):
            assignment[rid] = cluster_id
    return Update(assignment, touched, links, compared)


class MemoryIndex:
    """Clusters held in memory, with the sorted keys incremental matching needs.

    Built by a full :func:`deduplicate`; :meth:`update` then matches changed records only.
    New keys go to small sorted lists beside the big ones (inserting into a list of a
    million rows costs a shift each); a record's old keys are skipped once they are not its
    current ones. The store-backed twin of this index is ``dedup_keys`` in the store.
    """

    def __init__(self, members: Iterable[Member], decisions: Decisions | None = None) -> None:
        with _no_cycle_collection():
            members = list(members)
            self.decisions = decisions or Decisions()
            self._names = {
                m.record_id: tuple(names) for m in members if (names := names_of(m.data))
            }
            """Record id -> the provider names it gives (what provider identities are made of)."""
            self.identities = identities_of(self._names.values())
            result = deduplicate(members, None, self.decisions, self.identities)
            self.links = result.links
            self.assignment: dict[str, str] = result.assignment
            self.groups: dict[str, list[str]] = defaultdict(list)
            for rid, cid in self.assignment.items():
                self.groups[cid].append(rid)
            self._offers = result.offers
            self._current: dict[str, frozenset[tuple[str, str]]] = {}
            """The sorted keys of each record indexed or removed since: its other rows are
            stale (a record not in it still has exactly its rows in ``_base``)."""
            self._base = result.sorted_keys
            self._delta: SortedKeys = {kind: ([], []) for kind in _NEIGHBOUR_KINDS}
            self._keys: dict[str, set[str]] = defaultdict(set)
            for offer in self._offers.values():
                for key in offer.keys:
                    self._keys[key].add(offer.record_id)
        # The collector's pass over the millions of objects just made is due at some point:
        # paid here, by the build, not by the first update (which must stay quick).
        gc.collect()

    def _index(self, offer: Offer) -> None:
        current = frozenset(neighbour_keys(offer))
        self._current[offer.record_id] = current
        for kind, key in current:
            keys, rids = self._delta[kind]
            at = bisect.bisect_right(keys, key)
            keys.insert(at, key)
            rids.insert(at, offer.record_id)
        for key in offer.keys:
            self._keys[key].add(offer.record_id)

    # Neighbourhood
    def sharing(self, key: str) -> Iterable[str]:
        return self._keys.get(key, ())

    def neighbours(self, kind: str, key: str, width: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for keys, rids in (self._base.get(kind, ([], [])), self._delta[kind]):
            at = bisect.bisect_left(keys, key)
            for step, position, stop in ((-1, at - 1, -1), (1, at, len(keys))):
                found = 0
                while position != stop and found < width:
                    row_key, rid = keys[position], rids[position]
                    current = self._current.get(rid)
                    if current is None or (kind, row_key) in current:
                        out.append((row_key, rid))
                        found += 1
                    position += step
        return out

    # ClusterState
    def offers(self, record_ids: Iterable[str]) -> dict[str, Offer]:
        return {rid: self._offers[rid] for rid in record_ids if rid in self._offers}

    def cluster_of(self, record_ids: Iterable[str]) -> dict[str, str | None]:
        return {rid: self.assignment.get(rid) for rid in record_ids}

    def members(self, cluster_ids: Iterable[str]) -> dict[str, list[str]]:
        return {cid: list(self.groups.get(cid, ())) for cid in cluster_ids}

    def cluster_exists(self, cluster_id: str) -> bool:
        return bool(self.groups.get(cluster_id))

    def update(self, changed: Iterable[Member], removed: Iterable[str] = ()) -> Update:
        """Match changed records (new or edited) and drop removed ones.

        Provider identities are grouped again over every name now given; the records whose
        identity that changes are matched again too, as a full recomputation would.
        """
        changed = list(changed)
        removed = set(removed)
        for rid in removed | {member.record_id for member in changed}:
            self._names.pop(rid, None)
        for member in changed:
            names = names_of(member.data)
            if names:
                self._names[member.record_id] = tuple(names)
        identities = identities_of(self._names.values())
        offers = [offer_of(member, identities) for member in changed]
        moved = moved_names(self.identities, identities)
        if moved:
            matched = {offer.record_id for offer in offers}
            for rid, given in self._names.items():
                if rid not in matched and not moved.isdisjoint(given):
                    provider = identities.identity(given)
                    offers.append(dataclasses.replace(self._offers[rid], provider=provider))
        self.identities = identities
        result = update_clusters(offers, removed, self, self, self.decisions)
        for rid in removed | {offer.record_id for offer in offers}:
            old = self._offers.pop(rid, None)
            self._current[rid] = frozenset()
            for key in old.keys if old else ():
                self._keys[key].discard(rid)
        for offer in offers:
            self._offers[offer.record_id] = offer
            self._index(offer)
        for rid, cid in result.assignment.items():
            old_cid = self.assignment.pop(rid, None)
            if old_cid is not None and rid in self.groups.get(old_cid, ()):
                self.groups[old_cid].remove(rid)
            if cid is not None:
                self.assignment[rid] = cid
                if rid not in self.groups[cid]:
                    self.groups[cid].append(rid)
        for cid in result.touched:
            if not self.groups.get(cid):
                self.groups.pop(cid, None)
        self.links.update(result.links)
        return result


# -- persistence ---------------------------------------------------------------------------

FULL_SHARE = 0.2
"""When more than this share of the records changed, every cluster is recomputed instead."""


def blocking_rows(offers: Iterable[Offer]) -> Iterator[tuple[str, str]]:
    """(key, record id) rows of the store's ``dedup_keys``: what :class:`StoreIndex` reads."""
    for offer in offers:
        for key in offer.keys:
            yield key, offer.record_id
        for kind, key in dict.fromkeys(neighbour_keys(offer)):
            yield f"sn:{kind}:{key}", offer.record_id


NAME_KEY = "pn:"
"""Prefix of the ``dedup_keys`` rows holding the provider names one record gives (as JSON):
an incremental refresh groups every name known again from them."""
NAME_KEYS_STATE = "provider_name_keys"
"""``dedup_state`` entry saying the store holds the :data:`NAME_KEY` rows."""


def _name_key(names: Sequence[str]) -> str:
    return json.dumps(list(names), ensure_ascii=False)


def name_rows(members: Iterable[Member]) -> Iterator[tuple[str, str]]:
    """(key, record id) rows of ``dedup_keys`` naming each member's provider names."""
    for member in members:
        names = names_of(member.data)
        if names:
            yield NAME_KEY + _name_key(names), member.record_id


def moved_names(old: ProviderIdentities, new: ProviderIdentities) -> set[str]:
    """The names whose identity is new or another one."""
    return {name for name, identity in new.of_name.items() if old.of_name.get(name) != identity}


def can_update(store: Store) -> bool:
    """Whether the store holds what an incremental refresh needs (written by a full one)."""
    return store.has_dedup_keys() and store.dedup_state(NAME_KEYS_STATE) is not None


def link_rows(
    links: Mapping[tuple[str, str], Score], assignment: Mapping[str, str]
) -> Iterator[tuple[str, str, str, float, str]]:
    for (a, b), result in links.items():
        cluster_id = assignment.get(a)
        if cluster_id and cluster_id == assignment.get(b):
            yield a, b, cluster_id, result.total, json.dumps(result.to_json())


class StoreIndex:
    """:class:`Neighbourhood` and :class:`ClusterState` read from the store."""

    def __init__(self, store: Store, feeds: Mapping[int, Any], identities: ProviderIdentities):
        self.store = store
        self.feeds = feeds
        self.identities = identities
        self.loaded: dict[str, Member] = {}
        """The members read so far (merging the touched clusters needs most of them again)."""

    def sharing(self, key: str) -> Iterable[str]:
        return self.store.dedup_sharing(key)

    def neighbours(self, kind: str, key: str, width: int) -> Iterable[tuple[str, str]]:
        return self.store.dedup_neighbours(f"sn:{kind}:", key, width)

    def offers(self, record_ids: Iterable[str]) -> dict[str, Offer]:
        found = {}
        for member in self.members_of(record_ids):
            found[member.record_id] = offer_of(member, self.identities)
        return found

    def members_of(self, record_ids: Iterable[str]) -> list[Member]:
        """The stored records as members, read once."""
        found, missing = [], []
        for record_id in record_ids:
            member = self.loaded.get(record_id)
            if member is None:
                missing.append(record_id)
            else:
                found.append(member)
        for member in stored_members(self.store, missing, self.feeds):
            self.loaded[member.record_id] = member
            found.append(member)
        return found

    def cluster_of(self, record_ids: Iterable[str]) -> dict[str, str | None]:
        return self.store.record_clusters(record_ids)

    def members(self, cluster_ids: Iterable[str]) -> dict[str, list[str]]:
        return self.store.cluster_members(cluster_ids)

    def cluster_exists(self, cluster_id: str) -> bool:
        return self.store.cluster_in_use(cluster_id)


def recluster_all(
    store: Store, members: list[Member], decisions: Decisions
) -> tuple[list[dict[str, Any]], set[str]]:
    """Cluster every record from scratch and store the result.

    Returns:
        (merged records of the clusters written, ids of the clusters removed).
    """
    identities = identities_of(provider_names(members))
    result = deduplicate(members, store.cluster_assignments(), decisions, identities)
    assignment = result.assignment
    grouped: dict[str, list[Member]] = {}
    for member in members:
        grouped.setdefault(assignment[member.record_id], []).append(member)
    with store.transaction():
        store.unset_clusters(store.orphaned_assignments())
        store.set_clusters(assignment)
        written = store_merged(store, grouped.items())
        removed = store.cluster_ids() - set(grouped)
        store.delete_clusters(removed)
        store.set_dedup_keys(
            itertools.chain(blocking_rows(result.offers.values()), name_rows(members))
        )
        store.set_dedup_state(NAME_KEYS_STATE, "1")
        store.put_provider_names(identities.of_name, replace=True)
        store.delete_cluster_links()
        store.put_cluster_links(link_rows(result.links, assignment))
    return written, removed


def recluster_changed(
    store: Store, changed: set[str], decisions: Decisions
) -> tuple[list[dict[str, Any]], set[str]]:
    """Match the changed records (new, edited or deleted) against the stored clusters.

    Only the clusters the change touched are merged again, and only those whose merged
    record differs are written; everything is written in one transaction, in batches.

    Returns:
        (merged records of the clusters written, ids of the clusters removed).
    """
    with _no_cycle_collection():
        return _recluster_changed(store, changed, decisions)


def _recluster_changed(
    store: Store, changed: set[str], decisions: Decisions
) -> tuple[list[dict[str, Any]], set[str]]:
    feeds = {feed.id: feed for feed in store.feeds()}
    index = StoreIndex(store, feeds, ProviderIdentities())
    present = index.members_of(changed)
    # Provider names are grouped again over every name the records now give (distinct
    # names: cheap), so names that only the full grouping's rules join ("UCLA" after
    # "University of California, Los Angeles") get the identity a full refresh gives.
    holders: dict[str, set[str]] = defaultdict(set)
    for key, record_id in store.dedup_keys_under(NAME_KEY):
        if record_id not in changed:
            holders[key].add(record_id)
    for member in present:
        names = names_of(member.data)
        if names:
            holders[_name_key(names)].add(member.record_id)
    groups = {key: json.loads(key) for key in holders}
    identities = index.identities = identities_of(groups.values())
    # Records whose provider identity that changed are matched again too.
    stored_names = store.provider_names()
    moved = moved_names(ProviderIdentities(stored_names), identities)
    rematched = {
        record_id
        for key, names in groups.items()
        if not moved.isdisjoint(names)
        for record_id in holders[key]
    } - changed
    present += index.members_of(sorted(rematched))
    matched = changed | rematched
    offers = [offer_of(member, identities) for member in present]
    gone = changed - {member.record_id for member in present}
    update = update_clusters(offers, gone, index, index, decisions)
    assignment = {rid: cid for rid, cid in update.assignment.items() if cid}
    with store.transaction():
        current = store.record_clusters(assignment)
        store.unset_clusters(gone)
        store.set_clusters({rid: cid for rid, cid in assignment.items() if current.get(rid) != cid})
        store.set_dedup_keys(itertools.chain(blocking_rows(offers), name_rows(present)), matched)
        store.put_provider_names(
            {name: identities.of_name[name] for name in moved},
            gone=stored_names.keys() - identities.of_name.keys(),
        )
        store.delete_cluster_links(matched)
        store.put_cluster_links(link_rows(update.links, assignment))
        members_of = store.cluster_members(update.touched)
        stored = store.cluster_texts(members_of)
        removed = {cid for cid, rids in members_of.items() if not rids and cid in stored}
        store.delete_clusters(removed)
        written = store_merged(
            store,
            (
                (cluster_id, index.members_of(record_ids))
                for cluster_id, record_ids in sorted(members_of.items())
                if record_ids
            ),
            stored,
        )
    return written, removed


MERGE_BATCH = 1000
"""Clusters whose stored merged records are read, compared and written in one go."""


def store_merged(
    store: Store,
    clusters: Iterable[tuple[str, list[Member]]],
    stored: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Merge each cluster's members and store the merged records that changed.

    Merged records are compared with the stored ones as JSON text, read and written
    ``MERGE_BATCH`` clusters at a time (``stored``: the texts, when read already).

    Returns:
        The merged records written.
    """
    written: list[dict[str, Any]] = []
    iterator = iter(clusters)
    while batch := list(itertools.islice(iterator, MERGE_BATCH)):
        before = stored if stored is not None else store.cluster_texts(cid for cid, _ in batch)
        changed = []
        for cluster_id, members in batch:
            data = merge(cluster_id, members).model_dump(mode="json")
            text = json.dumps(data, ensure_ascii=False)
            if before.get(cluster_id) != text:
                changed.append((cluster_id, text))
                written.append(data)
        store.put_cluster_texts(changed)
    return written


def stored_members(
    store: Store, record_ids: Iterable[str] | None = None, feeds: Mapping[int, Any] | None = None
) -> list[Member]:
    """The mapped records of ``store`` (``record_ids``, or all) as members, each with its
    feed's kind and name (``feeds``: the store's feeds by id, when already read)."""
    if feeds is None:
        feeds = {feed.id: feed for feed in store.feeds()}
    return [
        Member(record_id, feed_id, feeds[feed_id].kind, feeds[feed_id].name, data)
        for record_id, feed_id, data in store.records(record_ids)
    ]


def cluster_report(store: Store, record_id: str) -> dict[str, Any] | None:
    """What an administrator needs to judge a cluster: its members (feed, remote id, title,
    URL), the links that joined them with their explained scores, and the decisions that name
    a member. ``record_id`` is a member's record id or the cluster's id; None if neither."""
    cluster_id = store.record_clusters([record_id]).get(record_id)
    if cluster_id is None and store.cluster_in_use(record_id):
        cluster_id = record_id
    if cluster_id is None:
        return None
    record_ids = sorted(store.cluster_members([cluster_id])[cluster_id])
    members = [
        {
            "record_id": member.record_id,
            "feed_id": member.feed_id,
            "feed_name": member.feed_name,
            "feed_kind": member.feed_kind,
            "remote_id": member.data.get("remote_id"),
            "title": member.data.get("title") or {},
            "url": member.data.get("url"),
        }
        for member in stored_members(store, record_ids)
    ]
    named = {*record_ids, record_id}
    rows = store.cluster_decisions()
    must = Decisions.resolve((r["kind"], r["record_a"], r["record_b"]) for r in rows).must
    links = store.links_among(record_ids)
    for link in links:
        link["by_decision"] = frozenset((link["record_a"], link["record_b"])) in must
    return {
        "cluster_id": cluster_id,
        "members": sorted(members, key=lambda m: m["record_id"]),
        "links": links,
        "decisions": [r for r in rows if r["record_a"] in named or r["record_b"] in named],
    }


def _present(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_present(item) for item in value.values())
    if isinstance(value, list):
        return bool(value)
    # False carries no content of its own (``ects_derived: false`` of an empty workload).
    return value is not None and value != "" and value is not False


def merge(cluster_id: str, members: list[Member]) -> Record:
    """One canonical record from a cluster's members, with field-level provenance.

    Precedence: the provider's own feed over catalogues and platforms; among equals, the more
    complete record. A present value beats a missing one; text is merged per language.
    """
    ranked = sorted(
        members,
        key=lambda m: (
            _KIND_RANK.get(m.feed_kind, 3),
            len(m.data.get("missing") or []),
            m.feed_id,
            m.record_id,
        ),
    )
    merged: dict[str, Any] = {}
    provenance: dict[str, int] = {}
    for name in Record.model_fields:
        if name in _DERIVED:
            continue
        for member in ranked:
            value = member.data.get(name)
            if not _present(value):
                continue
            if name not in merged:
                merged[name] = copy.deepcopy(value)
                provenance[name] = member.feed_id
            elif name in ("title", "description", "prerequisites") and isinstance(value, dict):
                # Never drop a language: another source may carry the translation.
                for lang, text in value.items():
                    merged[name].setdefault(lang, text)
            elif name == "identifiers":
                merged[name] = list(dict.fromkeys([*merged[name], *(value or ())]))
    merged["id"] = cluster_id
    merged["provenance"] = provenance
    merged["sources"] = [
        Source(
            feed_id=m.feed_id,
            feed_name=m.feed_name,
            remote_id=m.data.get("remote_id") or m.record_id,
            url=m.data.get("url"),
            kind=m.feed_kind,
        ).model_dump(mode="json")
        for m in ranked
    ]
    return finalise(Record.model_validate(merged))
