"""Deduplication: records of the same offer grouped into clusters, each merged into one record.

This first stage merges exact matches only: two records are the same offer when they share a
normalised identifier or a normalised landing URL (http/https, ``www.``, trailing slashes,
fragments and tracking parameters do not count). Fuzzy matching comes with the deduplication
issue; the cluster/merge machinery here is what it plugs into.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from mappings.schema import Record, Source
from mappings.transparency import finalise

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_")
_TRACKING_PARAMS = {"fbclid", "gclid", "ref", "source", "yclid", "_hsenc", "_hsmi"}
_KIND_RANK = {"provider": 0, "catalogue": 1, "platform": 2}
_DERIVED = {"id", "sources", "provenance", "transparency", "missing", "is_microcredential"}


def normalise_url(url: str | None) -> str | None:
    """A landing URL reduced to what identifies the page; None if it is not an http(s) URL."""
    if not url:
        return None
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


def cluster(members: Iterable[Member], previous: Mapping[str, str | None]) -> dict[str, str]:
    """Group members sharing a match key; return record id -> cluster id.

    A cluster keeps an id it already had (the smallest one among its members' previous
    cluster ids), so detail-page links stay valid as clusters grow.
    """
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    owner_of_key: dict[str, str] = {}
    for member in members:
        parent.setdefault(member.record_id, member.record_id)
        for key in match_keys(member.data):
            other = owner_of_key.setdefault(key, member.record_id)
            if other != member.record_id:
                root_a, root_b = find(other), find(member.record_id)
                if root_a != root_b:
                    parent[max(root_a, root_b)] = min(root_a, root_b)
    components: dict[str, list[str]] = defaultdict(list)
    for record_id in parent:
        components[find(record_id)].append(record_id)
    assignment: dict[str, str] = {}
    taken: set[str] = set()
    for record_ids in components.values():
        kept = sorted(
            cid for cid in {previous.get(r) for r in record_ids} if cid and cid not in taken
        )
        cluster_id = kept[0] if kept else min(record_ids)
        taken.add(cluster_id)
        for record_id in record_ids:
            assignment[record_id] = cluster_id
    return assignment


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
                merged[name] = list(dict.fromkeys([*merged[name], *value]))
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
