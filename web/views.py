"""HTML pages: the search page and the record page (server-rendered, no JavaScript needed).

Each page is built from the same query function as its JSON twin in ``search_api.api``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from mappings import vocab
from mappings.schema import Record, pick_text
from mappings.transparency import ANNEX_I_ELEMENTS
from search_api.query import ECTS_BUCKETS, ISCED_LEVELS, SearchPage
from search_api.service import BadSearchRequest, parse_search_args, run_search

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


def _query_url(args: list[tuple[str, str]], **change: Any) -> str:
    """The search URL with ``args`` changed: ``toggle=(name, value)``, ``page=n``, ``set``."""
    pairs = [(k, v) for k, v in args if k != "page"]
    toggle = change.get("toggle")
    if toggle:
        if toggle in pairs:
            pairs.remove(toggle)
        else:
            pairs.append(toggle)
    for name, value in change.get("set", {}).items():
        pairs = [(k, v) for k, v in pairs if k != name]
        if value is not None:
            pairs.append((name, str(value)))
    if change.get("page", 1) > 1:
        pairs.append(("page", str(change["page"])))
    return "/?" + urlencode(pairs) if pairs else "/"


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


def _isced_link(args: list[tuple[str, str]], code: str, label: str, count: int) -> FacetLink:
    """A subject link: choosing a code replaces its chosen ancestors (``06`` -> ``061``, or
    the finer code would be ORed with its own broad field and narrow nothing); clearing it
    also clears its descendants and falls back to its parent field."""
    chosen = [v for k, v in args if k == "isced"]
    on = any(value.startswith(code) for value in chosen)
    if on:
        kept = [value for value in chosen if not value.startswith(code)]
        parent = code[:-1] if len(code) > 2 else ""
        if parent and not any(value.startswith(parent) for value in kept):
            kept.append(parent)
    else:
        kept = [value for value in chosen if not code.startswith(value)] + [code]
    pairs = [(k, v) for k, v in args if k != "isced"] + [("isced", value) for value in kept]
    return FacetLink(label, count, on, _query_url(pairs), value=code)


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


def facet_links(
    result: SearchPage, args: list[tuple[str, str]]
) -> list[tuple[str, list[FacetLink]]]:
    """Each facet's values as links that toggle the value in the current search."""
    selected = set(args)
    groups: list[tuple[str, list[FacetLink]]] = []
    subjects: dict[str, list[FacetLink]] = {}
    for facet, values in result.facets.items():
        if facet in ISCED_FACETS:
            subjects[facet] = [
                _isced_link(args, value.value, value.label or value.value, value.count)
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
                low = f"{bucket.low:g}"
                # ects_max is inclusive; a bucket's upper bound is not.
                high = f"{bucket.high - 0.01:g}" if bucket.high is not None else None
                on = ("ects_min", low) in selected and dict(args).get("ects_max") == high
                change = (
                    {"ects_min": None, "ects_max": None}
                    if on
                    else {"ects_min": low, "ects_max": high}
                )
                href = _query_url(args, set=change)
            else:
                on = (facet, value.value) in selected
                href = _query_url(args, toggle=(facet, value.value))
            links.append(FacetLink(value.label or value.value, value.count, on, href, value.value))
        if links:
            groups.append((facet, links))
    nested = _nest_subjects(subjects)
    return [(facet, nested if facet == "isced" else links) for facet, links in groups if links]


@pages.get("/")
def search_page() -> Any:
    args = [(k, v) for k, v in request.args.items(multi=True) if v != ""]
    error: str | None = None
    result: SearchPage | None = None
    try:
        query = parse_search_args(request.args, strict=False)
        result = run_search(current_app.extensions["microcat.search"], query)
    except BadSearchRequest as bad:
        error = str(bad)
        query = None
    status = 400 if error else 200
    return (
        render_template(
            "search.html",
            query=query,
            result=result,
            error=error,
            args=args,
            facets=facet_links(result, args) if result else [],
            facet_titles=FACET_TITLES,
            filtered=any(k not in ("q", "page", "sort") for k, _ in args),
            query_url=lambda **change: _query_url(args, **change),
            q=request.args.get("q", ""),
        ),
        status,
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
