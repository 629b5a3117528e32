"""One query model and one result model, shared by every backend and every front end."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

SortOrder = Literal["relevance", "ects", "title", "updated"]
SORTS: tuple[str, ...] = ("relevance", "ects", "title", "updated")
MAX_PAGE_SIZE = 100
MAX_RESULT_WINDOW = 10_000
"""Deepest hit a query may page to (page * size); deeper paging is refused with a 400."""

FACETS: tuple[str, ...] = (
    "eqf",
    "qf_ehea",
    "ects",
    "isced",
    "qa",
    "country",
    "lang",
    "mode",
    "transparency",
)
"""Facets every backend counts. ``isced`` counts broad fields (2 digits)."""

ISCED_LEVELS: dict[str, int] = {"isced_narrow": 3, "isced_detailed": 4}
"""The finer ISCED-F facets and the digits of the codes they count (broad → narrow →
detailed). Every backend counts them on request; the search service requests them when an
``isced`` filter is set. They are disjunctive like ``isced`` (counted without the ``isced``
filter) and, when that filter is set, count only the codes under ``isced_scope``."""

FACET_FILTERS: dict[str, str] = {"isced_narrow": "isced", "isced_detailed": "isced"}
"""Facets counted over another facet's filter (``Filters.without``); others use their own."""

FUZZY_BELOW = 3
"""An exact text query with fewer hits than this is retried with similar words (typos)."""


def isced_scope(selected: tuple[str, ...], digits: int) -> tuple[str, ...]:
    """The prefixes under which a finer ISCED-F facet counts codes of ``digits`` digits.

    Each selected code stands for its own level's siblings: the code cut to ``digits - 1``
    digits (a shorter code as it is). With ``06`` chosen, narrow fields ``06x`` and detailed
    fields ``06xx`` are counted; with ``0613`` chosen, narrow ``06x`` and detailed ``061x``.
    No selection: ``()``, every code of that length.
    """
    return tuple(dict.fromkeys(code.strip()[: digits - 1] for code in selected if code.strip()))


NOT_STATED = "none"
"""Facet value of records that do not state the element, so single-valued counts add up."""


@dataclass(frozen=True)
class EctsBucket:
    key: str
    low: float
    high: float | None  # exclusive; None = open

    @property
    def label(self) -> str:
        if self.high is None:
            return f"{self.low:g}+ ECTS"
        return f"{self.low:g}–{self.high:g} ECTS" if self.low else f"under {self.high:g} ECTS"


ECTS_BUCKETS: tuple[EctsBucket, ...] = (
    EctsBucket("0-3", 0, 3),
    EctsBucket("3-6", 3, 6),
    EctsBucket("6-10", 6, 10),
    EctsBucket("10-20", 10, 20),
    EctsBucket("20-60", 20, 60),
    EctsBucket("60-", 60, None),
)


@dataclass(frozen=True)
class Filters:
    """Every filter of ``/api/search``. Lists are OR within a filter, AND across filters."""

    eqf: tuple[int | str, ...] = ()
    """EQF levels 1 to 8, or ``NOT_STATED`` for records that give none."""
    qf_ehea: tuple[str, ...] = ()
    ects_min: float | None = None
    ects_max: float | None = None
    isced: tuple[str, ...] = ()
    qa: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    lang: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    provider: tuple[str, ...] = ()
    transparency: tuple[str, ...] = ()
    microcredential: bool | None = None

    def without(self, facet: str) -> Filters:
        """These filters less the one a facet counts over (disjunctive facets)."""
        facet = FACET_FILTERS.get(facet, facet)
        if facet == "ects":
            return replace(self, ects_min=None, ects_max=None)
        if facet == "microcredential":
            return replace(self, microcredential=None)
        cleared: dict[str, Any] = {facet: ()}
        return replace(self, **cleared)

    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: SortOrder = "relevance"
    page: int = 1
    size: int = 20
    facets: tuple[str, ...] = FACETS

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


@dataclass
class Hit:
    id: str
    title: str
    provider: str | None
    country: str | None
    ects: float | None
    eqf: int | None
    isced: list[str]
    mode: str | None
    lang: list[str]
    qa: str | None
    transparency: str | None
    url: str | None
    score: float | None = None
    description: str = ""
    sources: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "provider": self.provider,
            "country": self.country,
            "ects": self.ects,
            "eqf": self.eqf,
            "isced": self.isced,
            "mode": self.mode,
            "lang": self.lang,
            "qa": self.qa,
            "transparency": self.transparency,
            "url": self.url,
            "sources": self.sources,
        }


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""


@dataclass
class SearchPage:
    total: int
    page: int
    size: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    fuzzy: bool = False
    """The hits match words similar to the query's (its own words found fewer than
    ``FUZZY_BELOW``)."""
    suggestion: str | None = None
    """The query with misspelt words replaced by the closest indexed title words, when it
    differs from the query ("Did you mean ...?")."""

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "total": self.total,
            "page": self.page,
            "size": self.size,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in self.facets.items()
            },
        }
        body["fuzzy"] = self.fuzzy
        body["suggestion"] = self.suggestion
        return body
