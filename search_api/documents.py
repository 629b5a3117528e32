"""The flat index document: what every search backend indexes for one canonical record.

``to_document`` turns a merged ``Record`` into one flat dict that both engines index the same
way: text fields to search, keyword fields to filter and count on, a few sort values, and the
``hit`` a result list shows, so a search never has to load the record from the store.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from mappings.schema import UNDETERMINED, LangText, QaType, Record, pick_text
from search_api.query import NOT_STATED

SNIPPET_LENGTH = 300
"""Longest ``hit.description``, ellipsis included."""

TEXT_FIELDS: tuple[str, ...] = ("title", "description", "outcomes", "provider_name", "keywords")
"""Language-neutral text fields, searched by a plain-text query."""

_SPACE = re.compile(r"\s+")


def to_document(record: Record) -> dict[str, Any]:
    """The flat index document of a (merged, canonical) record.

    Args:
        record: A record with an ``id``.

    Returns:
        A JSON-serialisable dict: ``id``; text fields (``title``, ``description``, ``outcomes``,
        ``provider_name``, ``keywords`` and ``text_by_lang``, the same text grouped by language
        for stemming); filter and facet fields (``eqf``, ``qf_ehea``, ``ects``, ``isced``,
        ``isced_broad``, ``qa``, ``country``, ``lang``, ``mode``, ``provider``,
        ``transparency``, ``microcredential``); sort values (``updated``, ``title_sort``); and
        ``hit``, the fields of ``search_api.query.Hit`` without ``score``; ``record``, the whole
        record as JSON text (``SearchBackend.get`` returns it parsed): serialised here, by
        pydantic, for about the price of ``model_dump``, where ``json.dumps`` of the dumped
        dict would double the cost of indexing it. Single-valued facet
        fields hold ``NOT_STATED`` when the record lacks the element.

    Raises:
        ValueError: the record has no id.
    """
    if not record.id:
        raise ValueError("a record needs an id to be indexed")
    provider = record.provider
    display_title = pick_text(record.title)
    display_provider = pick_text(provider.name) if provider else ""
    country = provider.country if provider and provider.country else None
    isced = _isced_codes(record.subject.isced)
    langs = _languages(record)
    ects = record.workload.ects
    eqf = record.level.eqf

    outcome_texts = [text for outcome in record.learning_outcomes for text in outcome.text.values()]
    hit = {
        "id": record.id,
        "title": display_title,
        "provider": display_provider or None,
        "country": country,
        "ects": ects,
        "eqf": eqf,
        "isced": isced,
        "mode": record.participation.mode,
        "lang": langs,
        "qa": record.quality_assurance.type,
        "transparency": record.transparency,
        "url": record.url,
        "description": snippet(pick_text(record.description)),
        "sources": len(record.sources) or 1,
    }
    qa = record.quality_assurance.type
    return {
        "id": record.id,
        "title": _join(record.title.values()),
        "description": _join(record.description.values()),
        "outcomes": _join(outcome_texts),
        "provider_name": _join(provider.name.values()) if provider else "",
        "keywords": _join(record.subject.keywords),
        "text_by_lang": _text_by_lang(record),
        "eqf": eqf if eqf is not None else NOT_STATED,
        "qf_ehea": record.level.qf_ehea or NOT_STATED,
        "ects": ects,
        "isced": _isced_prefixes(isced),
        "isced_broad": sorted({code[:2] for code in isced}),
        # "None stated" said in so many words is what a record saying nothing says: one entry.
        "qa": NOT_STATED if qa in (None, QaType.NONE_STATED) else qa,
        "country": country or NOT_STATED,
        "lang": langs,
        "mode": record.participation.mode or NOT_STATED,
        "provider": display_provider or NOT_STATED,
        "transparency": record.transparency or NOT_STATED,
        "microcredential": record.is_microcredential,
        "updated": record.updated.isoformat() if record.updated else None,
        "title_sort": sort_text(display_title),
        "hit": hit,
        "record": record.model_dump_json(),
    }


def snippet(text: str, limit: int = SNIPPET_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    # Only the start matters: no need to normalise a whole long description.
    text = _SPACE.sub(" ", text[: limit * 4]).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    # Cut at the last word boundary unless that throws away most of the snippet.
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def sort_text(text: str) -> str:
    """``text`` as a sort key: case-folded, accents dropped (``Été`` sorts beside ``ete``)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _join(texts: Any) -> str:
    return "\n".join(text for text in texts if text)


def _isced_codes(codes: list[str]) -> list[str]:
    """The record's ISCED-F codes, trimmed and without duplicates, in the order given."""
    seen: dict[str, None] = {}
    for code in codes:
        code = code.strip()
        if code:
            seen.setdefault(code, None)
    return list(seen)


def _isced_prefixes(codes: list[str]) -> list[str]:
    """Every prefix of every code (``0613`` -> ``06``, ``061``, ``0613``): a broad or narrow
    field filter is then one term lookup."""
    prefixes = {code[:end] for code in codes for end in range(min(2, len(code)), len(code) + 1)}
    return sorted(prefixes)


def _languages(record: Record) -> list[str]:
    """Languages of instruction, else the languages the title is given in."""
    langs = record.participation.languages or [
        lang for lang in record.title if lang != UNDETERMINED
    ]
    seen: dict[str, None] = {}
    for lang in langs:
        lang = lang.strip().lower()
        if lang and lang != UNDETERMINED:
            seen.setdefault(lang, None)
    return list(seen)


def _text_by_lang(record: Record) -> dict[str, str]:
    """Title, description and outcomes grouped by their (known) language."""
    grouped: dict[str, list[str]] = {}

    def add(text: LangText) -> None:
        for lang, value in text.items():
            if lang != UNDETERMINED and value:
                grouped.setdefault(lang.lower(), []).append(value)

    add(record.title)
    add(record.description)
    for outcome in record.learning_outcomes:
        add(outcome.text)
    return {lang: "\n".join(values) for lang, values in grouped.items()}
