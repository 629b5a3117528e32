"""The one query function behind the search page, the JSON API, the widget and the CLI.

``parse_search_args`` turns request parameters into a ``SearchQuery`` and says exactly which
parameter is wrong; ``run_search`` asks the backend and labels the facet values.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from mappings import vocab
from mappings.schema import Mode, QaType, QfEhea, Transparency
from search_api.backends.base import SearchBackend
from search_api.backends.common import QUERY_OPERATORS, WORD
from search_api.query import (
    ECTS_BUCKETS,
    FACETS,
    ISCED_LEVELS,
    MAX_PAGE_SIZE,
    MAX_RESULT_WINDOW,
    NOT_STATED,
    SORTS,
    FacetValue,
    Filters,
    SearchPage,
    SearchQuery,
)

MAX_TEXT_LENGTH = 500
LIST_PARAMS = (
    "eqf",
    "qf_ehea",
    "isced",
    "qa",
    "country",
    "lang",
    "mode",
    "provider",
    "transparency",
)
KNOWN_PARAMS = {
    "q",
    "ects_min",
    "ects_max",
    "microcredential",
    "sort",
    "page",
    "size",
    "facets",
    *LIST_PARAMS,
}
SEARCH_FACETS: tuple[str, ...] = (*FACETS, *ISCED_LEVELS)
"""Facets the ``facets`` parameter may name."""

_ISCED = re.compile(r"^[0-9]{2,4}$")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
"""ASCII digits only (``str.isdigit`` also takes "²", which ``int`` refuses), and few of them
(``int`` refuses more than 4,300)."""
MAX_WORDS = 32
"""Most words a search may have: each is looked up in every text field, and misspelt ones
against the vocabulary, so the cost of one search grows with them."""
_ALLOWED: dict[str, set[str]] = {
    "qf_ehea": {c.value for c in QfEhea},
    "qa": {c.value for c in QaType},
    "mode": {c.value for c in Mode},
    "transparency": {c.value for c in Transparency},
}
_FACET_VOCAB = {
    "eqf": "eqf",
    "qf_ehea": "qf_ehea",
    "isced": "isced",
    "isced_narrow": "isced",
    "isced_detailed": "isced",
    "qa": "qa",
    "country": "country",
    "lang": "lang",
    "mode": "mode",
    "transparency": "transparency",
}


class Args(Protocol):
    """Request parameters: a werkzeug MultiDict or anything with ``getlist``."""

    def getlist(self, key: str) -> list[str]: ...

    def __iter__(self) -> Any: ...


class BadSearchRequest(ValueError):
    """Parameters that cannot be searched with; ``details`` names each bad parameter."""

    def __init__(self, details: dict[str, str]) -> None:
        self.details = details
        super().__init__("; ".join(f"{name}: {why}" for name, why in details.items()))


def _values(args: Args, name: str) -> list[str]:
    """Values of a repeatable parameter; comma-separated values count as several."""
    values: list[str] = []
    for raw in args.getlist(name):
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return values


def _single(args: Args, name: str, errors: dict[str, str]) -> str | None:
    values = [v for v in args.getlist(name) if v.strip() != ""]
    if len(values) > 1:
        errors[name] = "give this parameter once"
        return None
    return values[0].strip() if values else None


def _number(args: Args, name: str, errors: dict[str, str], low: float, high: float) -> float | None:
    text = _single(args, name, errors)
    if text is None:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        errors[name] = f"must be a number, not {text!r}"
        return None
    if not low <= value <= high:
        errors[name] = f"must be between {low:g} and {high:g}"
        return None
    return value


def _integer(
    args: Args, name: str, errors: dict[str, str], default: int, low: int, high: int
) -> int:
    text = _single(args, name, errors)
    if text is None:
        return default
    if not _WHOLE_NUMBER.fullmatch(text) or not low <= int(text) <= high:
        errors[name] = f"must be a whole number from {low} to {high}"
        return default
    return int(text)


def parse_search_args(args: Args, *, strict: bool = True) -> SearchQuery:
    """A ``SearchQuery`` from request parameters.

    Args:
        args: the parameters (``q``, ``eqf``, ``ects_min``, ... as documented for /api/search).
        strict: refuse parameters this API does not know (the JSON API); the HTML page
            ignores them.

    Raises:
        BadSearchRequest: a parameter is malformed; ``details`` says which and why.
    """
    errors: dict[str, str] = {}
    if strict:
        for name in set(args):
            if name not in KNOWN_PARAMS:
                errors[name] = "unknown parameter"
    text = _single(args, "q", errors) or ""
    if len(text) > MAX_TEXT_LENGTH:
        errors["q"] = f"at most {MAX_TEXT_LENGTH} characters"
    elif len([w for w in WORD.findall(text) if w not in QUERY_OPERATORS]) > MAX_WORDS:
        errors["q"] = f"at most {MAX_WORDS} words"
    eqf: list[int | str] = []
    for value in _values(args, "eqf"):
        if value.lower() == NOT_STATED:
            eqf.append(NOT_STATED)  # the facet's "not stated" entry
        elif _WHOLE_NUMBER.fullmatch(value) and 1 <= int(value) <= 8:
            eqf.append(int(value))
        else:
            errors["eqf"] = f"levels are 1 to 8 or {NOT_STATED!r}, not {value!r}"
    isced = _values(args, "isced")
    for code in isced:
        if not _ISCED.match(code):
            errors["isced"] = f"ISCED-F codes have 2 to 4 digits, not {code!r}"
    lists: dict[str, tuple[str, ...]] = {}
    for name in ("qf_ehea", "qa", "mode", "transparency"):
        values = _values(args, name)
        allowed = _ALLOWED[name] | {NOT_STATED}
        wrong = [v for v in values if v not in allowed]
        if wrong:
            errors[name] = f"{wrong[0]!r} is not one of {', '.join(sorted(allowed))}"
        if name == "qa":  # "none stated", said so, is "not stated": one facet value
            values = [NOT_STATED if v == QaType.NONE_STATED else v for v in values]
        lists[name] = tuple(dict.fromkeys(values))
    country = tuple(v.upper() for v in _values(args, "country"))
    for code in country:
        if not (len(code) == 2 and code.isascii() and code.isalpha()) and (
            code != NOT_STATED.upper()
        ):
            errors["country"] = f"use ISO 3166-1 alpha-2 codes, not {code!r}"
    lang = tuple(v.lower() for v in _values(args, "lang"))
    for code in lang:
        if not (len(code) == 2 and code.isascii() and code.isalpha()):
            errors["lang"] = f"use ISO 639-1 codes, not {code!r}"
    ects_min = _number(args, "ects_min", errors, 0, 1000)
    ects_max = _number(args, "ects_max", errors, 0, 1000)
    if ects_min is not None and ects_max is not None and ects_min > ects_max:
        errors["ects_min"] = "must not be greater than ects_max"
    micro_text = _single(args, "microcredential", errors)
    microcredential: bool | None = None
    if micro_text is not None:
        if micro_text.lower() in ("true", "1", "yes"):
            microcredential = True
        elif micro_text.lower() in ("false", "0", "no"):
            microcredential = False
        else:
            errors["microcredential"] = "must be true or false"
    sort = _single(args, "sort", errors) or "relevance"
    if sort not in SORTS:
        errors["sort"] = f"must be one of {', '.join(SORTS)}"
    size = _integer(args, "size", errors, 20, 1, MAX_PAGE_SIZE)
    page = _integer(args, "page", errors, 1, 1, MAX_RESULT_WINDOW)
    if "page" not in errors and page * size > MAX_RESULT_WINDOW:
        errors["page"] = f"page * size may not exceed {MAX_RESULT_WINDOW}; narrow the search"
    facets = _facets(args, errors)
    if errors:
        raise BadSearchRequest(errors)
    filters = Filters(
        eqf=tuple(eqf),
        qf_ehea=lists["qf_ehea"],
        ects_min=ects_min,
        ects_max=ects_max,
        isced=tuple(isced),
        qa=lists["qa"],
        country=country,
        lang=lang,
        mode=lists["mode"],
        provider=tuple(_values_keep_commas(args, "provider")),
        transparency=lists["transparency"],
        microcredential=microcredential,
    )
    return SearchQuery(
        text=text.strip(),
        filters=filters,
        sort=sort,  # type: ignore[arg-type]
        page=page,
        size=size,
        facets=facets if facets is not None else default_facets(filters),
    )


def default_facets(filters: Filters) -> tuple[str, ...]:
    """The facets counted when a search does not name them: every one, and the finer
    subject fields once a subject is chosen."""
    return SEARCH_FACETS if filters.isced else FACETS


def _facets(args: Args, errors: dict[str, str]) -> tuple[str, ...] | None:
    """The facets the ``facets`` parameter names (``facets=``: none); ``None`` if absent."""
    raw = args.getlist("facets")
    if not raw:
        return None
    names = tuple(dict.fromkeys(_values(args, "facets")))
    wrong = [name for name in names if name not in SEARCH_FACETS]
    if wrong:
        errors["facets"] = f"{wrong[0]!r} is not one of {', '.join(SEARCH_FACETS)}"
    return names


def _values_keep_commas(args: Args, name: str) -> list[str]:
    # Provider names contain commas ("University of X, Campus Y"): no splitting here.
    return [value.strip() for value in args.getlist(name) if value.strip()]


def facet_label(facet: str, value: str) -> str:
    if value == NOT_STATED:
        return "Not stated"
    if facet == "ects":
        for bucket in ECTS_BUCKETS:
            if bucket.key == value:
                return bucket.label
        return value
    kind = _FACET_VOCAB.get(facet)
    return vocab.label(kind, value) if kind else value


_ORDINAL = {
    "eqf": [str(level) for level in range(1, 9)],
    "qf_ehea": [cycle.value for cycle in QfEhea],
    "ects": [bucket.key for bucket in ECTS_BUCKETS],
}
"""Facets whose values have a natural order, shown in that order rather than by count."""


def run_search(backend: SearchBackend, query: SearchQuery) -> SearchPage:
    """Search and label every facet value for display."""
    page = backend.search(query)
    for facet, values in page.facets.items():
        for value in values:
            value.label = facet_label(facet, value.value)
        order = _ORDINAL.get(facet)
        if order:
            values.sort(key=functools.partial(_ordinal, order))
    return page


def _ordinal(order: Sequence[str], value: FacetValue) -> int:
    """Where ``value`` goes in a facet with a natural order (unknown values last)."""
    return order.index(value.value) if value.value in order else len(order)


class MultiDictLike:
    """A minimal ``getlist`` mapping over plain pairs, for the CLI and the tests."""

    def __init__(self, pairs: Iterable[tuple[str, str]] | Mapping[str, Any]) -> None:
        items = pairs.items() if isinstance(pairs, Mapping) else pairs
        self._pairs: list[tuple[str, str]] = []
        for key, value in items:
            if isinstance(value, list | tuple):
                self._pairs.extend((key, str(v)) for v in value)
            else:
                self._pairs.append((key, str(value)))

    def getlist(self, key: str) -> list[str]:
        return [value for name, value in self._pairs if name == key]

    def __iter__(self) -> Any:
        return iter(dict.fromkeys(name for name, _ in self._pairs))
