"""HTML pages: the search page and the record page (server-rendered, no JavaScript needed).

Each page is built from the same query function as its JSON twin in ``search_api.api``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from mappings import vocab
from mappings.schema import Record, pick_text
from mappings.transparency import ANNEX_I_ELEMENTS
from search_api.backends.common import filter_terms
from search_api.query import (
    ECTS_BUCKETS,
    ISCED_LEVELS,
    EctsBucket,
    Filters,
    SearchPage,
    SearchQuery,
)
from search_api.service import BadSearchRequest, facet_label, parse_search_args, run_search

pages = Blueprint("pages", __name__)

FACET_TITLES = {
    "eqf": "EQF level",
    "qf_ehea": "QF-EHEA cycle",
    "ects": "Workload",
    "isced": "Subject (ISCED-F)",
    "isced_narrow": "Narrow field",
    "isced_detailed": "Detailed field",
    "qa": "Quality assurance",
    "country": "Country",
    "lang": "Language",
    "mode": "Mode",
    "transparency": "Transparency",
}
ELEMENT_TITLES = {
    "title": "Title",
    "awarding_body": "Awarding body",
    "country": "Country",
    "learning_outcomes": "Learning outcomes",
    "workload": "Workload",
    "level": "Level",
    "assessment": "Assessment",
    "participation": "Form of participation",
    "quality_assurance": "Quality assurance",
}
assert set(ELEMENT_TITLES) == set(ANNEX_I_ELEMENTS)


Params = dict[str, list[str]]
"""Search parameters by name, each value once, in the order the page's links write them."""


def search_params(query: SearchQuery, *, facets_named: bool) -> Params:
    """The parameters of ``query`` as the page's own links write them.

    Every filter value is written once, in the form its facet counts it (``eqf=6&eqf=7`` for
    ``eqf=6,7``, ``country=NL`` for ``country=nl``): regional portals link in with filters
    spelt their own way, and the page must still show them as chosen and remove them.
    Defaults and parameters the page does not know are left out.

    Args:
        query: The parsed search.
        facets_named: The search named its facets (``facets``), which links then keep.
    """
    filters = query.filters
    params: Params = {"q": [query.text] if query.text else []}
    params.update(
        (name, list(dict.fromkeys(terms))) for name, terms in filter_terms(filters).items()
    )
    # The backends also look for QA "none-stated" when "not stated" is chosen (older indexes
    # hold it); the page writes the value its facet shows.
    params["qa"] = list(filters.qa)
    params["ects_min"] = [] if filters.ects_min is None else [_decimal(filters.ects_min)]
    params["ects_max"] = [] if filters.ects_max is None else [_decimal(filters.ects_max)]
    default = SearchQuery()
    params["sort"] = [] if query.sort == default.sort else [query.sort]
    params["size"] = [] if query.size == default.size else [str(query.size)]
    params["facets"] = [",".join(query.facets)] if facets_named else []
    return params


def _decimal(number: float) -> str:
    """``number`` written briefly (``3``, not ``3.0``) but read back as the same float."""
    brief = f"{number:g}"
    return brief if float(brief) == number else repr(number)


def _pairs(params: Params) -> list[tuple[str, str]]:
    return [(name, value) for name, values in params.items() for value in values]


def _query_url(
    params: Params,
    *,
    toggle: tuple[str, str] | None = None,
    values: Params | None = None,
    page: int = 1,
) -> str:
    """The search URL with ``params`` changed: ``toggle`` adds or removes one value, ``values``
    replaces a parameter's values (``[]``: drops it), ``page`` > 1 is written."""
    changed = {name: list(written) for name, written in params.items()}
    if toggle:
        name, value = toggle
        chosen = changed.setdefault(name, [])
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
    changed.update(values or {})
    pairs = _pairs(changed)
    if page > 1:
        pairs.append(("page", str(page)))
    return "/?" + urlencode(pairs) if pairs else "/"


def _ects_range(bucket: EctsBucket) -> Params:
    """The ``ects_min`` / ``ects_max`` that choose exactly the offers ``bucket`` counts.

    A bucket's upper bound is exclusive and ``ects_max`` inclusive, so the bound is the float
    just below it (``5.999999999999999`` for 6). ECTS values are any float (5.995 as stated,
    or derived from hours), and every shorter decimal (``5.99``) leaves some of them out.
    """
    high = None if bucket.high is None else math.nextafter(bucket.high, -math.inf)
    return {
        "ects_min": [_decimal(bucket.low)],
        "ects_max": [] if high is None else [_decimal(high)],
    }


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    on: bool
    href: str
    value: str = ""
    children: tuple[FacetLink, ...] = ()
    """Finer values shown under this one (the narrow fields of a chosen broad field)."""


ISCED_FACETS = ("isced", *ISCED_LEVELS)
"""The subject facets from broad to detailed; the finer ones are shown nested in ``isced``."""


def _isced_link(params: Params, code: str, label: str, count: int) -> FacetLink:
    """A subject link: choosing a code replaces its chosen ancestors (``06`` -> ``061``, or
    the finer code would be ORed with its own broad field and narrow nothing); clearing it
    also clears its descendants and falls back to its parent field."""
    chosen = params.get("isced", [])
    on = any(value.startswith(code) for value in chosen)
    if on:
        kept = [value for value in chosen if not value.startswith(code)]
        parent = code[:-1] if len(code) > 2 else ""
        if parent and not any(value.startswith(parent) for value in kept):
            kept.append(parent)
    else:
        kept = [value for value in chosen if not code.startswith(value)] + [code]
    return FacetLink(label, count, on, _query_url(params, values={"isced": kept}), value=code)


def _nest_subjects(links: dict[str, list[FacetLink]]) -> list[FacetLink]:
    """The broad subject links, each chosen one holding its narrow fields, and so on."""

    def under(link: FacetLink, level: int) -> FacetLink:
        if not link.on or level >= len(ISCED_FACETS):
            return link
        finer = [
            under(child, level + 1)
            for child in links.get(ISCED_FACETS[level], [])
            if child.value.startswith(link.value)
        ]
        return FacetLink(link.label, link.count, link.on, link.href, link.value, tuple(finer))

    return [under(link, 1) for link in links.get("isced", [])]


def facet_links(result: SearchPage, params: Params) -> list[tuple[str, list[FacetLink]]]:
    """Each facet's values as links that toggle the value in the search ``params`` write."""
    groups: list[tuple[str, list[FacetLink]]] = []
    subjects: dict[str, list[FacetLink]] = {}
    for facet, values in result.facets.items():
        if facet in ISCED_FACETS:
            subjects[facet] = [
                _isced_link(params, value.value, value.label or value.value, value.count)
                for value in values
            ]
            if facet == "isced":  # nested below, once every level is known
                groups.append((facet, subjects[facet]))
            continue
        links = []
        for value in values:
            if facet == "ects":
                bucket = next((b for b in ECTS_BUCKETS if b.key == value.value), None)
                if bucket is None:  # "not stated" cannot be chosen as a range
                    continue
                chosen = _ects_range(bucket)
                on = all(params.get(name, []) == written for name, written in chosen.items())
                href = _query_url(params, values={"ects_min": [], "ects_max": []} if on else chosen)
            else:
                on = value.value in params.get(facet, [])
                href = _query_url(params, toggle=(facet, value.value))
            links.append(FacetLink(value.label or value.value, value.count, on, href, value.value))
        if facet != "ects":
            # A chosen value the other filters leave no offer for is not counted, but must
            # still show as chosen, and be removable.
            counted = {value.value for value in values}
            links += [
                FacetLink(
                    facet_label(facet, chosen),
                    0,
                    True,
                    _query_url(params, toggle=(facet, chosen)),
                    chosen,
                )
                for chosen in params.get(facet, [])
                if chosen not in counted
            ]
        if links:
            groups.append((facet, links))
    nested = _nest_subjects(subjects)
    return [(facet, nested if facet == "isced" else links) for facet, links in groups if links]


@pages.get("/")
def search_page() -> Any:
    q = request.args.get("q", "")
    try:
        query = parse_search_args(request.args, strict=False)
        result = run_search(current_app.extensions["microcat.search"], query)
    except BadSearchRequest as bad:
        sent = [(k, v) for k, v in request.args.items(multi=True) if v != ""]
        return render_template("search.html", error=str(bad), result=None, args=sent, q=q), 400
    facets_named = "facets" in request.args
    params = search_params(query, facets_named=facets_named)
    unfiltered = search_params(replace(query, filters=Filters()), facets_named=facets_named)
    last_page = max(1, math.ceil(result.total / query.size))
    return render_template(
        "search.html",
        query=query,
        result=result,
        args=_pairs(params),
        facets=facet_links(result, params),
        facet_titles=FACET_TITLES,
        clear_url=None if query.filters.is_empty() else _query_url(unfiltered),
        last_page=last_page,
        past_end=result.total > 0 and query.page > last_page,
        query_url=lambda **change: _query_url(params, **change),
        q=q,
    )


@pages.get("/records/<record_id>")
def record_page(record_id: str) -> Any:
    data = current_app.extensions["microcat.search"].get(record_id)
    if data is None:
        abort(404, description=f"There is no record with id {record_id}.")
    record = Record.model_validate(data)
    return render_template(
        "record.html",
        record=record,
        pick=pick_text,
        label=vocab.label,
        element_titles=ELEMENT_TITLES,
    )


def error_page(error: HTTPException) -> Any:
    return (
        render_template("error.html", code=error.code, message=error.description),
        error.code or 500,
    )
