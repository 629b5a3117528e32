"""The OpenSearch backend: the same index documents and results as the embedded one, on a cluster.

The live index is an alias (``index_prefix``, ``microcat`` by default) over one concrete index
``<prefix>-<time>-<hex>``. A rebuild fills a new concrete index while the old one keeps serving,
then moves the alias in one atomic ``_aliases`` request and deletes the old index.

Every request body is built by a pure function of this module (``index_body``,
``bulk_actions``, ``delete_actions``, ``search_body``, ``alias_actions``), so the tests check
each one against the OpenSearch API specification without a node.

Facets follow the usual disjunctive pattern: the query holds only the text, ``post_filter``
holds every filter (so hits and ``total`` honour them all), and each facet is a ``filter``
aggregation with every filter but its own around a ``terms`` (or, for ECTS, ``range``)
aggregation.

Features that hang on the test node of this workplace (highlighting, collapse, completion
suggesters, percolation) are not used.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
import uuid
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_errors

from search_api.backends.base import BackendUnavailable, IndexDocument, SearchBackend
from search_api.backends.common import (
    FACET_FIELDS,
    FACET_SIZE,
    FIELD_BOOSTS,
    KEYWORD_FIELDS,
    LANGUAGE_ALIASES,
    MULTI_VALUED,
    REBUILD_SHRINK_GUARD,
    SINGLE_VALUED,
    SUGGEST_FIELD,
    best_correction,
    ects_ranges,
    edits,
    filter_terms,
    flag,
    plain_words,
    suggestion,
)
from search_api.documents import TEXT_FIELDS
from search_api.query import (
    FUZZY_BELOW,
    ISCED_LEVELS,
    NOT_STATED,
    FacetValue,
    Filters,
    Hit,
    SearchPage,
    SearchQuery,
    isced_scope,
)

DEFAULT_URL = "http://127.0.0.1:9200"

TEXT_ANALYZER = "microcat_text"
"""Language-neutral analysis: letters and digits, lower-cased, ASCII-folded (données = donnees)."""

LANGUAGES: dict[str, dict[str, Any]] = {
    "bg": {"stop": "_bulgarian_", "stemmer": "bulgarian"},
    "ca": {"stop": "_catalan_", "stemmer": "catalan", "elision": "d l m n s t"},
    "cs": {"stop": "_czech_", "stemmer": "czech"},
    "da": {"stop": "_danish_", "stemmer": "danish"},
    "de": {"stop": "_german_", "stemmer": "light_german", "normalize": "german_normalization"},
    "el": {"stop": "_greek_", "stemmer": "greek", "lowercase": "greek"},
    "en": {"stop": "_english_", "stemmer": "english", "possessive": True},
    "es": {"stop": "_spanish_", "stemmer": "light_spanish"},
    "eu": {"stop": "_basque_", "stemmer": "basque"},
    "fi": {"stop": "_finnish_", "stemmer": "finnish"},
    "fr": {
        "stop": "_french_",
        "stemmer": "light_french",
        "elision": "l m t qu n s j d c jusqu quoiqu lorsqu puisqu",
    },
    "ga": {"stop": "_irish_", "stemmer": "irish", "lowercase": "irish"},
    "gl": {"stop": "_galician_", "stemmer": "galician"},
    "hu": {"stop": "_hungarian_", "stemmer": "hungarian"},
    "it": {
        "stop": "_italian_",
        "stemmer": "light_italian",
        "elision": "c l all dall dell nell sull coll pell gl agl dagl degl negl sugl un m t s v d",
    },
    "lt": {"stop": "_lithuanian_", "stemmer": "lithuanian"},
    "lv": {"stop": "_latvian_", "stemmer": "latvian"},
    "nl": {"stop": "_dutch_", "stemmer": "dutch"},
    "no": {"stop": "_norwegian_", "stemmer": "norwegian"},
    "pt": {"stop": "_portuguese_", "stemmer": "light_portuguese"},
    "ro": {"stop": "_romanian_", "stemmer": "romanian"},
    "sv": {"stop": "_swedish_", "stemmer": "swedish"},
    "tr": {"stop": "_turkish_", "stemmer": "turkish", "lowercase": "turkish"},
}
"""Languages whose text (``text_by_lang``) also goes to a stemmed field ``text_<code>``.

Each analyzer is OpenSearch's built-in language analyzer of that language, rebuilt as a custom
analyzer (the documented way) so that ASCII folding can follow the stemmer. ``elision``: the
articles an apostrophe joins to a word (``l'université``), space-separated."""

SEARCH_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, *(f"text_{code}" for code in sorted(LANGUAGES)))
"""Fields a text query searches."""

SORTS: dict[str, list[dict[str, Any]]] = {
    "ects": [{"ects": {"order": "asc", "missing": "_last"}}],
    "title": [{"title_sort": {"order": "asc", "missing": "_last"}}],
    "updated": [{"updated": {"order": "desc", "missing": "_last"}}],
}
"""Sort order -> sort clauses before the tie-break by ``id``."""

TITLE_SORT_LENGTH = 200
"""Characters of ``title_sort`` compared when sorting by title (as the embedded backend)."""

BULK_CHUNK = 500
"""Documents per ``_bulk`` request."""

_OPERATORS = {"AND": " + ", "OR": " | ", "NOT": " -"}
_OPERATOR_WORD = re.compile(r"\s*\b(AND|OR|NOT)\b\s*")
"""Boolean words as ``simple_query_string`` operators (``-`` must touch the word it negates)."""
_SIMPLE_QUERY_FLAGS = "AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE"
"""``simple_query_string`` syntax users may type; prefix, fuzzy and slop are left out."""


class IndexingError(RuntimeError):
    """Some documents of a bulk request were refused; ``failures`` lists (id, reason) pairs."""

    def __init__(self, index: str, failures: list[tuple[str, str]]) -> None:
        self.failures = failures
        shown = "; ".join(f"{record_id}: {reason}" for record_id, reason in failures[:5])
        more = f" (and {len(failures) - 5} more)" if len(failures) > 5 else ""
        super().__init__(f"OpenSearch refused {len(failures)} documents in {index}: {shown}{more}")


@dataclass(frozen=True)
class Connection:
    """Where the cluster is and how to log in, read from a URL and the environment."""

    url: str
    http_auth: tuple[str, str] | None

    @classmethod
    def from_url(cls, url: str | None, http_auth: tuple[str, str] | None = None) -> Connection:
        """``url`` (else ``MICROCAT_OPENSEARCH_URL``, else ``DEFAULT_URL``) without its userinfo.

        Credentials come from ``http_auth``, else the URL's userinfo, else
        ``MICROCAT_OPENSEARCH_USER`` and ``MICROCAT_OPENSEARCH_PASSWORD``.
        """
        raw = url or os.environ.get("MICROCAT_OPENSEARCH_URL") or DEFAULT_URL
        if "://" not in raw:
            raw = f"http://{raw}"
        parts = urlsplit(raw)
        host = parts.hostname or "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        clean = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
        if http_auth is None and parts.username is not None:
            http_auth = (unquote(parts.username), unquote(parts.password or ""))
        if http_auth is None and os.environ.get("MICROCAT_OPENSEARCH_USER"):
            http_auth = (
                os.environ["MICROCAT_OPENSEARCH_USER"],
                os.environ.get("MICROCAT_OPENSEARCH_PASSWORD", ""),
            )
        return cls(url=clean, http_auth=http_auth)


class OpenSearchBackend(SearchBackend):
    """Search over an OpenSearch cluster.

    Args:
        url: The cluster, e.g. ``https://user:secret@search.example.org:9200``; defaults to
            ``MICROCAT_OPENSEARCH_URL``, then ``http://127.0.0.1:9200``.
        index_prefix: Name of the alias searched; concrete indexes are ``<prefix>-<time>-<hex>``.
        timeout: Seconds per request.
        max_retries: Retries of a request on a timeout or a 502/503/504, and of documents a
            bulk request refused with 429 (too many requests).
        verify_certs: Check the server's TLS certificate.
        ca_certs: CA bundle to check it with.
        http_auth: ``(user, password)``; else from the URL or ``MICROCAT_OPENSEARCH_USER`` and
            ``MICROCAT_OPENSEARCH_PASSWORD``.
        replicas: ``auto_expand_replicas`` of new indexes (none on one node, one on more).
    """

    name = "opensearch"

    def __init__(
        self,
        url: str | None = None,
        *,
        index_prefix: str = "microcat",
        timeout: float = 10,
        max_retries: int = 3,
        verify_certs: bool = True,
        ca_certs: str | None = None,
        http_auth: tuple[str, str] | None = None,
        replicas: str = "0-1",
        **_: Any,
    ) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", index_prefix):
            raise ValueError(f"invalid index prefix {index_prefix!r}: use a-z, 0-9, -, _ and .")
        self.connection = Connection.from_url(url, http_auth)
        self.alias = index_prefix
        self.max_retries = max_retries
        self.replicas = replicas
        options: dict[str, Any] = {
            "timeout": timeout,
            "max_retries": max_retries,
            "retry_on_timeout": True,
            "verify_certs": verify_certs,
        }
        if ca_certs:
            options["ca_certs"] = ca_certs
        if self.connection.http_auth:
            options["http_auth"] = self.connection.http_auth
        self.client = OpenSearch([self.connection.url], **options)
        # Writes wait for a rebuild of this process: they would land in the index it replaces.
        self._write_lock = threading.Lock()

    # Writing -----------------------------------------------------------------------------

    def index(self, documents: Iterable[IndexDocument]) -> int:
        with self._write_lock, self._calls():
            self._ensure_alias()
            return self._write(self.alias, documents)

    def delete(self, ids: Iterable[str]) -> None:
        pending = [str(record_id) for record_id in ids]
        if not pending:
            return
        with self._write_lock, self._calls():
            if not self._targets():
                return
            for start in range(0, len(pending), BULK_CHUNK):
                actions = delete_actions(pending[start : start + BULK_CHUNK], self.alias)
                self._bulk(self.alias, actions, allowed={404})
            self.client.indices.refresh(index=self.alias)

    def rebuild(self, documents: Iterable[IndexDocument], *, force: bool = False) -> int:
        """Fill a new concrete index with ``documents`` and move the alias to it atomically.

        Searches keep using the old index until the alias moves; the old index is then deleted.
        Writes of this process wait for the rebuild; another process's writes meanwhile go to
        the old index and are lost with it (the store stays the truth: index them again).

        Args:
            documents: Every document the new index holds.
            force: Switch even when the new index is far smaller than the old one.

        Returns:
            How many documents the new index holds.

        Raises:
            ValueError: the old index holds at least 100 documents and the new one fewer than
                half of them, and ``force`` is not set. The old index stays live.
            IndexingError: OpenSearch refused documents; the old index stays live.
        """
        with self._write_lock, self._calls():
            new = self._concrete_name()
            self.client.indices.create(index=new, body=index_body(replicas=self.replicas))
            try:
                self._write(new, documents)
                new_count = self.client.count(index=new)["count"]
                old = self._targets()
                old_count = self.client.count(index=self.alias)["count"] if old else 0
                minimum, ratio = REBUILD_SHRINK_GUARD
                if not force and old_count >= minimum and new_count < old_count * ratio:
                    raise ValueError(
                        f"refusing to rebuild the OpenSearch index {self.alias}: the new index "
                        f"would hold {new_count} documents where the live one holds "
                        f"{old_count}; pass force=True if that is intended"
                    )
                self.client.indices.update_aliases(body=alias_actions(self.alias, old, new))
            except BaseException:
                with contextlib.suppress(os_errors.OpenSearchException):
                    self.client.indices.delete(index=new)
                raise
            for index in old:
                with contextlib.suppress(os_errors.NotFoundError):
                    self.client.indices.delete(index=index)
        return new_count

    # Reading -----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchPage:
        """Run ``query``: hits by score, or by ``SORTS``; ties by id. Facets are disjunctive.

        Text whose words find fewer than ``FUZZY_BELOW`` hits, and holds a word no text field
        knows, is retried with similar words when they find more, and comes with a spelling
        suggestion, as in the embedded backend (see ``probe_body``).
        """
        body = search_body(query)
        with self._calls():
            try:
                response = self.client.search(index=self.alias, body=body)
            except os_errors.NotFoundError:
                response = None  # nothing indexed yet
            if response is None:
                return SearchPage(
                    total=0,
                    page=query.page,
                    size=query.size,
                    hits=[],
                    facets={name: [] for name in query.facets},
                )
            page = read_page(query, response)
            words = plain_words(query.text)
            if not words or text_query(query.text) is None or page.total >= FUZZY_BELOW:
                return page
            probe = self.client.search(index=self.alias, body=probe_body(query))
            known = probe["aggregations"]["known"]["buckets"]
            if all(not edits(word) or known[word]["doc_count"] for word in words):
                return page  # few hits, but no typo: similar words would only add noise
            if probe["aggregations"]["similar"]["doc_count"] > page.total:
                fuzzy = self.client.search(index=self.alias, body=search_body(query, fuzzy=True))
                page = read_page(query, fuzzy)
                page.fuzzy = True
        unknown = [word for word in words if edits(word) and not known[word]["doc_count"]]
        corrections = read_corrections(probe, unknown)
        page.suggestion = suggestion(query.text, corrections, page.hits)
        return page

    def get(self, record_id: str) -> dict[str, Any] | None:
        with self._calls():
            try:
                found = self.client.get(
                    index=self.alias, id=record_id, params={"_source_includes": "record"}
                )
            except os_errors.NotFoundError:
                return None
        record = found.get("_source", {}).get("record")
        return record if isinstance(record, dict) else None

    def count(self) -> int:
        with self._calls():
            try:
                return int(self.client.count(index=self.alias)["count"])
            except os_errors.NotFoundError:
                return 0

    def health(self) -> dict[str, Any]:
        with self._calls():
            cluster = self.client.cluster.health()
            targets = self._targets()
        return {
            "backend": self.name,
            "documents": self.count() if targets else 0,
            "url": self.connection.url,
            "cluster": cluster.get("cluster_name"),
            "status": cluster.get("status"),
            "alias": self.alias,
            "index": targets[0] if len(targets) == 1 else targets,
        }

    def close(self) -> None:
        self.client.close()

    # Internals ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _calls(self) -> Iterator[None]:
        """Connection failures become ``BackendUnavailable`` naming the cluster."""
        try:
            yield
        except (os_errors.ConnectionError, os_errors.ConnectionTimeout) as exc:
            raise BackendUnavailable(
                f"cannot reach OpenSearch at {self.connection.url}: {exc}"
            ) from exc
        except os_errors.AuthenticationException as exc:
            raise BackendUnavailable(
                f"OpenSearch at {self.connection.url} refused the credentials: {exc}"
            ) from exc

    def _concrete_name(self) -> str:
        stamp = time.strftime("%Y%m%dt%H%M%S", time.gmtime())
        return f"{self.alias}-{stamp}-{uuid.uuid4().hex[:8]}"

    def _targets(self) -> list[str]:
        """The concrete indexes behind the alias (none before the first write)."""
        try:
            found = self.client.indices.get_alias(name=self.alias)
        except os_errors.NotFoundError:
            return []
        return sorted(found)

    def _ensure_alias(self) -> None:
        """Create the first concrete index, already behind the alias, unless one exists."""
        if self._targets():
            return
        body = index_body(replicas=self.replicas)
        body["aliases"] = {self.alias: {}}
        # A fixed name: two processes starting at once cannot both create a first index.
        with contextlib.suppress(os_errors.RequestError):
            self.client.indices.create(index=f"{self.alias}-initial", body=body)
        if not self._targets():
            raise BackendUnavailable(
                f"cannot create the OpenSearch index {self.alias}-initial behind {self.alias}"
            )

    def _write(self, index: str, documents: Iterable[IndexDocument]) -> int:
        """Upsert ``documents`` in chunks, then refresh: they are searchable on return."""
        written = 0
        failures: list[tuple[str, str]] = []
        chunk: list[IndexDocument] = []
        for document in documents:
            chunk.append(document)
            if len(chunk) >= BULK_CHUNK:
                failures += self._bulk(index, bulk_actions(chunk, index))
                written += len(chunk)
                chunk = []
        if chunk:
            failures += self._bulk(index, bulk_actions(chunk, index))
            written += len(chunk)
        self.client.indices.refresh(index=index)
        if failures:
            raise IndexingError(index, failures)
        return written

    def _bulk(
        self, index: str, actions: list[dict[str, Any]], allowed: Collection[int] = ()
    ) -> list[tuple[str, str]]:
        """Send one ``_bulk`` request to ``index``; retry items refused with 429 (too many
        requests); return the (id, reason) of the items refused otherwise."""
        failures: list[tuple[str, str]] = []
        pending = actions
        for attempt in range(self.max_retries + 1):
            response = self.client.bulk(body=pending, index=index)
            if not response.get("errors"):
                return failures
            retry: list[dict[str, Any]] = []
            grouped = _split_actions(pending)
            for lines, (status, record_id, error) in zip(
                grouped, _bulk_items(response), strict=True
            ):
                if error is None or status in allowed:
                    continue
                if status == 429 and attempt < self.max_retries:
                    retry.extend(lines)
                else:
                    failures.append((record_id, error))
            if not retry:
                return failures
            pending = retry
            time.sleep(0.5 * 2**attempt)
        return failures


# Request bodies ----------------------------------------------------------------------------


def index_body(*, replicas: str = "0-1") -> dict[str, Any]:
    """Settings and mappings of a concrete index (the ``PUT /<index>`` body)."""
    filters: dict[str, Any] = {}
    analyzers: dict[str, Any] = {
        TEXT_ANALYZER: {
            "type": "custom",
            "tokenizer": "microcat_words",
            "filter": ["lowercase", "asciifolding", "microcat_long"],
        }
    }
    for code, language in sorted(LANGUAGES.items()):
        chain = []
        if language.get("possessive"):
            filters[f"microcat_{code}_possessive"] = {
                "type": "stemmer",
                "language": "possessive_english",
            }
            chain.append(f"microcat_{code}_possessive")
        if "elision" in language:
            filters[f"microcat_{code}_elision"] = {
                "type": "elision",
                "articles": language["elision"].split(),
                "articles_case": True,
            }
            chain.append(f"microcat_{code}_elision")
        if "lowercase" in language:
            filters[f"microcat_{code}_lowercase"] = {
                "type": "lowercase",
                "language": language["lowercase"],
            }
            chain.append(f"microcat_{code}_lowercase")
        else:
            chain.append("lowercase")
        filters[f"microcat_{code}_stop"] = {"type": "stop", "stopwords": language["stop"]}
        chain.append(f"microcat_{code}_stop")
        if "normalize" in language:
            chain.append(language["normalize"])
        filters[f"microcat_{code}_stemmer"] = {"type": "stemmer", "language": language["stemmer"]}
        chain += [f"microcat_{code}_stemmer", "asciifolding"]
        analyzers[f"microcat_{code}"] = {
            "type": "custom",
            "tokenizer": "standard",
            "filter": chain,
        }
    filters["microcat_long"] = {"type": "length", "max": 40}
    text: dict[str, Any] = {"type": "text", "analyzer": TEXT_ANALYZER}
    keyword: dict[str, Any] = {"type": "keyword"}
    properties: dict[str, Any] = {
        "id": keyword,
        **{field: text for field in TEXT_FIELDS},
        **{f"text_{code}": {"type": "text", "analyzer": f"microcat_{code}"} for code in LANGUAGES},
        **{field: keyword for field in KEYWORD_FIELDS},
        "ects": {"type": "double"},
        "updated": {"type": "date"},
        "title_sort": {"type": "keyword", "index": False, "doc_values": True},
        # Returned with hits and by get(), never searched.
        "hit": {"type": "object", "enabled": False},
        "record": {"type": "object", "enabled": False},
    }
    return {
        "settings": {
            # One shard: term statistics (BM25) over the whole catalogue, so that scores do not
            # depend on where a record landed; millions of records fit one shard.
            "index": {"number_of_shards": 1, "auto_expand_replicas": replicas},
            "analysis": {
                "tokenizer": {
                    # Letters, digits and marks, as the embedded backend's tokenizer.
                    "microcat_words": {"type": "pattern", "pattern": r"[^\p{L}\p{N}\p{M}]+"}
                },
                "filter": filters,
                "analyzer": analyzers,
            },
        },
        "mappings": {"dynamic": "strict", "properties": properties},
    }


def to_source(document: IndexDocument) -> dict[str, Any]:
    """The ``_source`` of a flat index document (``search_api.documents.to_document``)."""
    record_id = str(document["id"])
    source: dict[str, Any] = {"id": record_id}
    for field in TEXT_FIELDS:
        if document.get(field):
            source[field] = document[field]
    by_lang: dict[str, list[str]] = {}
    for lang, text in (document.get("text_by_lang") or {}).items():
        code = lang.split("-")[0]
        code = LANGUAGE_ALIASES.get(code, code)
        if code in LANGUAGES and text:
            by_lang.setdefault(code, []).append(text)
    for code, texts in by_lang.items():
        source[f"text_{code}"] = "\n".join(texts)
    for field in SINGLE_VALUED:
        value = document.get(field)
        source[field] = NOT_STATED if value is None or value == "" else str(value)
    for field in MULTI_VALUED:
        source[field] = [str(value) for value in document.get(field) or ()]
    source["microcredential"] = flag(document.get("microcredential"))
    if document.get("ects") is not None:
        source["ects"] = document["ects"]
    if document.get("updated"):
        source["updated"] = document["updated"]
    title = (document.get("title_sort") or "")[:TITLE_SORT_LENGTH]
    if title:
        source["title_sort"] = title
    source["hit"] = document.get("hit") or {"id": record_id}
    if document.get("record") is not None:
        source["record"] = json.loads(document["record"])
    return source


def bulk_actions(documents: Iterable[IndexDocument], index: str) -> list[dict[str, Any]]:
    """The lines of a ``_bulk`` request upserting ``documents`` into ``index``."""
    lines: list[dict[str, Any]] = []
    for document in documents:
        lines.append({"index": {"_index": index, "_id": str(document["id"])}})
        lines.append(to_source(document))
    return lines


def delete_actions(ids: Iterable[str], index: str) -> list[dict[str, Any]]:
    """The lines of a ``_bulk`` request deleting ``ids`` from ``index``."""
    return [{"delete": {"_index": index, "_id": str(record_id)}} for record_id in ids]


def alias_actions(alias: str, old: Iterable[str], new: str) -> dict[str, Any]:
    """The ``_aliases`` body moving ``alias`` from the ``old`` indexes to ``new`` at once."""
    actions: list[dict[str, Any]] = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": new, "alias": alias}})
    return {"actions": actions}


def search_body(query: SearchQuery, *, fuzzy: bool = False) -> dict[str, Any]:
    """The ``_search`` body of ``query``; with ``fuzzy``, its words match similar words.

    Raises:
        ValueError: a requested facet is unknown.
    """
    text = fuzzy_query(plain_words(query.text)) if fuzzy else text_query(query.text)
    body: dict[str, Any] = {
        "query": text if text is not None else {"match_all": {}},
        "from": max(query.offset, 0),
        "size": max(query.size, 0),
        "track_total_hits": True,
        "_source": ["hit"],
    }
    if query.sort == "relevance":
        body["sort"] = ([{"_score": {"order": "desc"}}] if text is not None else []) + [
            {"id": {"order": "asc"}}
        ]
    else:
        body["sort"] = [*SORTS[query.sort], {"id": {"order": "asc"}}]
    filters = filter_clauses(query.filters)
    if filters:
        body["post_filter"] = {"bool": {"filter": filters}}
    aggregations: dict[str, Any] = {}
    for facet in query.facets:
        if facet == "ects":
            counted: dict[str, Any] = {"range": {"field": "ects", "ranges": ects_ranges()}}
        elif facet in FACET_FIELDS:
            counted = {"terms": {"field": FACET_FIELDS[facet], "size": FACET_SIZE}}
        elif facet in ISCED_LEVELS:
            counted = {
                "terms": {
                    "field": "isced",  # holds every prefix of every code
                    "size": FACET_SIZE,
                    "include": _isced_pattern(query.filters.isced, ISCED_LEVELS[facet]),
                }
            }
        else:
            raise ValueError(f"the opensearch backend cannot count the facet {facet!r}")
        scope = filter_clauses(query.filters.without(facet))
        aggregations[facet] = {
            "filter": {"bool": {"filter": scope}} if scope else {"match_all": {}},
            "aggs": {"values": counted},
        }
    if aggregations:
        body["aggs"] = aggregations
    return body


def text_query(text: str) -> dict[str, Any] | None:
    """The user's text as a query; ``None`` when there is nothing to search for.

    Every word must match in some field, as in the embedded backend. Users may write
    ``"phrases"``, ``-not``, ``+must``, ``a | b`` and the words ``AND`` / ``OR`` / ``NOT``;
    ``simple_query_string`` never fails on stray syntax.
    """
    text = _OPERATOR_WORD.sub(lambda match: _OPERATORS[match.group(1)], text.strip())
    if not re.search(r"[^\W_]", text):
        return None
    return {
        "simple_query_string": {
            "query": text,
            "fields": [_boosted(field) for field in SEARCH_FIELDS],
            "default_operator": "and",
            "flags": _SIMPLE_QUERY_FLAGS,
        }
    }


def probe_body(query: SearchQuery) -> dict[str, Any]:
    """The ``_search`` body that decides whether ``query``'s text holds typos, in one request.

    Aggregations: ``known``, per word of the text, the documents holding it in a text field
    (unstemmed); ``similar``, the documents the filters and similar words (``fuzzy_query``)
    find. Suggestion ``spelling``: the title words closest to each word (``read_corrections``
    picks one).
    """
    words = plain_words(query.text)
    filters = filter_clauses(query.filters)
    similar = fuzzy_query(words)
    scope: dict[str, Any] = {"bool": {"must": [similar] if similar else [], "filter": filters}}
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"match_all": {}},
        "aggs": {
            "known": {
                "filters": {
                    "filters": {
                        word: {
                            "bool": {
                                "should": [{"term": {field: word}} for field in TEXT_FIELDS],
                                "minimum_should_match": 1,
                            }
                        }
                        for word in dict.fromkeys(words)
                    }
                }
            },
            "similar": {"filter": scope},
        },
        "suggest": {
            # The global text: the specification refuses ``text`` beside ``term`` (it counts
            # it against FieldSuggester's maxProperties: 1), although OpenSearch accepts both.
            "text": " ".join(dict.fromkeys(words)),
            "spelling": {
                "term": {
                    "field": SUGGEST_FIELD,
                    "suggest_mode": "always",
                    "max_edits": 2,
                    "prefix_length": 1,
                    "min_word_length": 4,
                    "string_distance": "damerau_levenshtein",
                    "size": 10,
                },
            },
        },
    }


def fuzzy_query(words: list[str]) -> dict[str, Any] | None:
    """Every word, or a word within ``edits`` typos of it, in some unstemmed text field.

    Only the unstemmed fields, as in the embedded backend: a typo rarely survives a stemmer
    the same way.
    """
    clauses = []
    for word in words:
        distance = edits(word)
        alternatives = [
            {
                "fuzzy": {
                    field: {
                        "value": word,
                        "fuzziness": distance,
                        "transpositions": True,
                        "boost": FIELD_BOOSTS.get(field, 1.0),
                    }
                }
            }
            if distance
            else {"term": {field: {"value": word, "boost": FIELD_BOOSTS.get(field, 1.0)}}}
            for field in TEXT_FIELDS
        ]
        clauses.append({"bool": {"should": alternatives, "minimum_should_match": 1}})
    return {"bool": {"must": clauses}} if clauses else None


def filter_clauses(filters: Filters) -> list[dict[str, Any]]:
    """One clause per filter that is set; values within one filter are OR-ed."""
    values = filter_terms(filters)
    clauses: list[dict[str, Any]] = [
        {"terms": {field: terms}} for field, terms in values.items() if terms
    ]
    if filters.ects_min is not None or filters.ects_max is not None:
        bounds: dict[str, float] = {}
        if filters.ects_min is not None:
            bounds["gte"] = filters.ects_min
        if filters.ects_max is not None:
            bounds["lte"] = filters.ects_max
        clauses.append({"range": {"ects": bounds}})
    return clauses


# Responses ---------------------------------------------------------------------------------


def read_page(query: SearchQuery, response: dict[str, Any]) -> SearchPage:
    """The ``SearchPage`` of a ``_search`` response to ``search_body(query)``."""
    known = {field.name for field in fields(Hit)}
    hits = []
    for found in response["hits"]["hits"]:
        stored = found.get("_source", {}).get("hit") or {"id": found["_id"]}
        score = found.get("_score") if query.sort == "relevance" and query.text.strip() else None
        hits.append(Hit(**{k: v for k, v in stored.items() if k in known}, score=score))
    aggregations = response.get("aggregations", {})
    facets: dict[str, list[FacetValue]] = {}
    for facet in query.facets:
        counted = aggregations[facet]
        counts = {str(b["key"]): b["doc_count"] for b in counted["values"]["buckets"]}
        if facet == "ects":
            counts[NOT_STATED] = counted["doc_count"] - sum(counts.values())
        facets[facet] = sorted(
            (FacetValue(value, count) for value, count in counts.items() if count > 0),
            key=lambda facet_value: (-facet_value.count, facet_value.value),
        )
    return SearchPage(
        total=response["hits"]["total"]["value"],
        page=query.page,
        size=query.size,
        hits=hits,
        facets=facets,
    )


def read_corrections(response: dict[str, Any], words: list[str]) -> dict[str, str]:
    """Each of ``words`` -> the closest title word of a ``probe_body`` response's suggestion.

    Candidates lie within ``edits`` typos (a swap of two letters counts as one); the nearest
    wins, then the most frequent, as in the embedded backend.
    """
    corrections: dict[str, str] = {}
    for entry in response.get("suggest", {}).get("spelling", []):
        word = entry["text"]
        if word not in words or word in corrections:
            continue
        candidates = ((option["text"], option.get("freq", 0)) for option in entry["options"])
        best = best_correction(word, candidates)
        if best is not None:
            corrections[word] = best
    return corrections


# Helpers -----------------------------------------------------------------------------------


def _isced_pattern(selected: tuple[str, ...], digits: int) -> str:
    """The ISCED-F codes of ``digits`` digits a finer subject facet counts, as a Lucene regexp."""
    prefixes = isced_scope(selected, digits) or ("",)
    return "|".join(
        re.sub(r"([^0-9A-Za-z])", r"\\\1", prefix) + "[0-9]" * (digits - len(prefix))
        for prefix in prefixes
    )


def _boosted(field: str) -> str:
    boost = FIELD_BOOSTS.get(field)
    return f"{field}^{boost:g}" if boost else field


def _split_actions(actions: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The lines of a ``_bulk`` body per action: an index action has two, a delete one."""
    grouped: list[list[dict[str, Any]]] = []
    lines = iter(actions)
    for line in lines:
        grouped.append([line, next(lines)] if "index" in line else [line])
    return grouped


def _bulk_items(response: dict[str, Any]) -> Iterator[tuple[int, str, str | None]]:
    """(status, id, error or None) per action of a ``_bulk`` response."""
    for item in response["items"]:
        (result,) = item.values()
        error = result.get("error")
        if isinstance(error, dict):
            error = f"{error.get('type')}: {error.get('reason')}"
        yield int(result.get("status", 0)), str(result.get("_id")), error
