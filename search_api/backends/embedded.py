"""The embedded search backend: a tantivy index in a local folder, no server.

Layout of ``path``::

    CURRENT             name of the live generation (replaced atomically by a rebuild)
    gen-<time>-<hex>/   one tantivy index per generation, plus ``microcat.json``
    REBUILD.lock        held while a rebuild runs

A rebuild fills a new generation while the old one keeps serving, then replaces ``CURRENT``
with ``os.replace``. Every reader (in this process or another) looks at ``CURRENT`` before each
search and opens the new generation when it changed. The generation before the live one is kept
until the next rebuild so that a search already running elsewhere can finish; older ones are
deleted.

Traps of the ``tantivy`` package this module works around (see DESIGN.md, "Facts measured"):
``search(limit=0)`` crashes, so a page of size 0 asks for one hit; deleting by term on an integer
field silently does nothing, so documents are keyed by the raw string field ``id``; one writer per
index, so a writer is opened per operation under a lock and released afterwards; sorting by a
string fast field costs in proportion to the offset, so sorts use numeric keys; a terms
aggregation returns 10 buckets unless told otherwise.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import itertools
import json
import math
import os
import re
import shutil
import threading
import time
import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Filter, Occur, Order, Query, TextAnalyzerBuilder, Tokenizer

from search_api.backends.base import BackendUnavailable, IndexDocument, SearchBackend
from search_api.backends.common import (
    FACET_FIELDS,
    FACET_SIZE,
    FIELD_BOOSTS,
    KEYWORD_FIELDS,
    LANGUAGE_ALIASES,
    MULTI_VALUED,
    QUERY_OPERATORS,
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
    FACET_FILTERS,
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

SCHEMA_VERSION = 1
"""Bump when the schema below changes: an index of another version must be rebuilt."""

TEXT_ANALYZER = "microcat_text"
"""Language-neutral analysis: the ``default`` tokenizer plus ASCII folding (données = donnees)."""

STEMMERS: dict[str, str] = {
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "sv": "swedish",
}
"""Languages with a tantivy stemmer: their text also goes to a stemmed field ``stem_<code>``."""

SORT_FIELDS: dict[str, str] = {
    "relevance": "rank_id",  # only without text: every document scores the same
    "ects": "rank_ects",
    "title": "rank_title",
    "updated": "rank_updated",
}
"""Sort order -> u64 fast field sorted ascending: the value's bits, then the id's first
characters (7 bits each), so ties break by id. Numbers, because tantivy sorts by a string fast
field at ~20 µs per hit skipped (1 s for page 500). ``rank_title`` holds the title's first nine
characters; ``_title_page`` orders titles that share them by the string ``sort_title``."""

_NO_TITLE = "\uffff"
"""Title sort key of a record without a title: after every title."""

SEARCH_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, *(f"stem_{code}" for code in sorted(STEMMERS)))
"""Fields a text query searches when it names none."""

_QUERY_WORD = re.compile(r"\w+")


@dataclasses.dataclass
class _Generation:
    name: str
    index: tantivy.Index
    compatible: bool


class EmbeddedBackend(SearchBackend):
    """Search over a tantivy index in a local folder.

    Args:
        path: Folder of the index; created when missing.
        commit_every: Documents per commit when indexing (uncommitted ones are lost on a crash).
        writer_heap: Memory budget of the index writer in bytes.
        writer_threads: Indexing threads; 0 lets tantivy choose.
        cache_size: Result pages kept for repeated searches (0: none). A page is kept until
            the index changes: a commit (seen in ``meta.json``) or a rebuild.
    """

    name = "embedded"

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        commit_every: int = 10_000,
        writer_heap: int = 128_000_000,
        writer_threads: int = 0,
        cache_size: int = 256,
        **_: Any,
    ) -> None:
        self.path = Path(path)
        self.cache_size = cache_size
        self._cache: OrderedDict[SearchQuery, SearchPage] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._cache_stamp: tuple[str, int, int, int] | None = None
        self.commit_every = max(1, commit_every)
        self.writer_heap = writer_heap
        self.writer_threads = writer_threads
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._generation: _Generation | None = None
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._ensure_current()
        except OSError as exc:
            raise BackendUnavailable(
                f"cannot open the embedded index at {self.path}: {exc}"
            ) from exc

    # Writing -----------------------------------------------------------------------------

    def index(self, documents: Iterable[IndexDocument]) -> int:
        with self._write_lock:
            return self._write(self._serving().index, documents)

    def delete(self, ids: Iterable[str]) -> None:
        with self._write_lock:
            index = self._serving().index
            pending = [str(record_id) for record_id in ids]
            if not pending:
                return
            with self._writer(index) as writer:
                for record_id in pending:
                    writer.delete_documents_by_term("id", record_id)
                writer.commit()
            index.reload()

    def rebuild(self, documents: Iterable[IndexDocument], *, force: bool = False) -> int:
        """Fill a fresh generation with ``documents`` and make it the live one.

        Searches keep using the old generation until the switch.

        Args:
            documents: Every document the new index holds.
            force: Switch even when the new index is far smaller than the old one.

        Returns:
            How many documents the new index holds.

        Raises:
            ValueError: the old index holds at least 100 documents and the new one fewer than
                half of them, and ``force`` is not set. The old index stays live.
            BackendUnavailable: another process is rebuilding the same index.
        """
        with self._write_lock, self._rebuild_lock():
            try:
                old: _Generation | None = self._live()
            except BackendUnavailable:
                old = None  # a broken live index is what a rebuild repairs
            name = _generation_name()
            folder = self.path / name
            try:
                index = self._create_generation(folder)
                self._write(index, documents, fresh=True)
                new_count = index.searcher().num_docs
                old_count = 0
                if old is not None:
                    old.index.reload()
                    old_count = old.index.searcher().num_docs
                minimum, ratio = REBUILD_SHRINK_GUARD
                if not force and old_count >= minimum and new_count < old_count * ratio:
                    raise ValueError(
                        f"refusing to rebuild the embedded index: the new index would hold "
                        f"{new_count} documents where the live one holds {old_count}; "
                        f"pass force=True if that is intended"
                    )
                self._point_to(name)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            with self._open_lock:
                self._generation = _Generation(name, index, compatible=True)
                self._stamp = self._current_stamp()
            self._remove_generations(keep={name, old.name if old else name})
        return new_count

    # Reading -----------------------------------------------------------------------------

    def get(self, record_id: str) -> dict[str, Any] | None:
        index = self._serving().index
        searcher = index.searcher()
        _, hits = _top(searcher, Query.term_query(index.schema, "id", record_id), 1)
        if not hits:
            return None
        stored = searcher.doc(hits[0][1]).get_first("record")
        return json.loads(stored) if stored is not None else None

    def count(self) -> int:
        return self._live().index.searcher().num_docs

    def health(self) -> dict[str, Any]:
        generation = self._live()
        return {
            "backend": self.name,
            "documents": generation.index.searcher().num_docs,
            "path": str(self.path),
            "generation": generation.name,
            "compatible": generation.compatible,
        }

    def search(self, query: SearchQuery) -> SearchPage:
        """Run ``query``.

        Hits are ordered by score (ties by index position), or by ``SORT_FIELDS`` (ties by id);
        without text, "relevance" lists by id. Facets are disjunctive (see ``_facets``). Text
        whose words find fewer than ``FUZZY_BELOW`` hits is retried with similar words (see
        ``_fuzzy_query``) and comes with a spelling suggestion (see ``_corrections``). Pages
        are kept for repeated searches until the index changes (``cache_size``).
        """
        generation = self._serving()
        if self.cache_size <= 0:
            return _search(generation.index, query)
        stamp = self._check_cache(generation)
        with self._cache_lock:
            cached = self._cache.get(query)
            if cached is not None:
                self._cache.move_to_end(query)
        if cached is not None:
            return _copy_page(cached)
        page = _search(generation.index, query)
        with self._cache_lock:
            # Not when another thread saw the index change meanwhile: the page may be older.
            if stamp is not None and stamp == self._cache_stamp:
                self._cache[query] = _copy_page(page)
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return page

    def _check_cache(self, generation: _Generation) -> tuple[str, int, int, int] | None:
        """Forget cached pages when the index changed since they were made.

        Every commit rewrites the generation's ``meta.json``. On a change the reader reloads
        at once (rather than within tantivy's ~1 s), so that no page of the old state is
        cached as one of the new. Returns the state's stamp (``None``: unknown, do not cache).
        """
        try:
            info = os.stat(self.path / generation.name / "meta.json")
        except OSError:
            return None
        stamp = (generation.name, info.st_ino, info.st_mtime_ns, info.st_size)
        if stamp != self._cache_stamp:
            with self._cache_lock:
                generation.index.reload()
                self._cache.clear()
                self._cache_stamp = stamp
        return stamp

    def close(self) -> None:
        with self._open_lock:
            self._generation = None
            self._stamp = None

    # Generations -------------------------------------------------------------------------

    @property
    def _current_file(self) -> Path:
        return self.path / "CURRENT"

    def _ensure_current(self) -> None:
        """Create the first, empty generation unless ``CURRENT`` names one."""
        if self._current_file.exists():
            return
        name = _generation_name()
        self._create_generation(self.path / name)
        staged = self.path / f"CURRENT.{name}"
        staged.write_text(name + "\n", encoding="utf-8")
        try:
            # link() fails when CURRENT appeared meanwhile: another process won the race.
            os.link(staged, self._current_file)
        except FileExistsError:
            shutil.rmtree(self.path / name, ignore_errors=True)
        finally:
            staged.unlink(missing_ok=True)

    def _current_stamp(self) -> tuple[int, int, int]:
        try:
            stat = os.stat(self._current_file)
        except OSError as error:
            raise BackendUnavailable(
                f"the embedded index at {self.path} has lost its CURRENT file ({error}); "
                "rebuild it (microcat reindex)"
            ) from error
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _live(self) -> _Generation:
        """The live generation, reopened when ``CURRENT`` changed since the last look."""
        stamp = self._current_stamp()
        generation = self._generation
        if generation is not None and stamp == self._stamp:
            return generation
        with self._open_lock:
            stamp = self._current_stamp()
            name = self._current_file.read_text(encoding="utf-8").strip()
            if self._generation is None or self._generation.name != name:
                self._generation = self._open_generation(name)
            self._stamp = stamp
            return self._generation

    def _serving(self) -> _Generation:
        """The live generation, refused when this version of the code cannot use it."""
        generation = self._live()
        if not generation.compatible:
            raise BackendUnavailable(
                f"the embedded index at {self.path} was built by another version of Microcat "
                f"(schema other than {SCHEMA_VERSION}); rebuild it"
            )
        return generation

    def _open_generation(self, name: str) -> _Generation:
        folder = self.path / name
        try:
            index = tantivy.Index.open(str(folder))
        except (OSError, ValueError) as exc:
            raise BackendUnavailable(f"cannot open the embedded index at {folder}: {exc}") from exc
        _register_analyzers(index)
        try:
            info = json.loads((folder / "microcat.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        return _Generation(name, index, compatible=info.get("schema") == SCHEMA_VERSION)

    def _create_generation(self, folder: Path) -> tantivy.Index:
        folder.mkdir(parents=True)
        index = tantivy.Index(build_schema(), path=str(folder), reuse=False)
        _register_analyzers(index)
        (folder / "microcat.json").write_text(
            json.dumps({"schema": SCHEMA_VERSION}), encoding="utf-8"
        )
        return index

    def _point_to(self, name: str) -> None:
        staged = self.path / f"CURRENT.{name}"
        with open(staged, "w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(staged, self._current_file)

    def _remove_generations(self, keep: set[str]) -> None:
        for entry in self.path.iterdir():
            if entry.name.startswith("gen-") and entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.name.startswith("CURRENT."):  # staged by a crashed switch
                entry.unlink(missing_ok=True)

    @contextlib.contextmanager
    def _rebuild_lock(self) -> Iterator[None]:
        """One rebuild at a time across processes: a rebuild deletes old generations."""
        with open(self.path / "REBUILD.lock", "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise BackendUnavailable(
                    f"another process is rebuilding the embedded index at {self.path}"
                ) from exc
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # Writer ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writer(self, index: tantivy.Index) -> Iterator[tantivy.IndexWriter]:
        try:
            writer = index.writer(heap_size=self.writer_heap, num_threads=self.writer_threads)
        except ValueError as exc:
            if "LockBusy" in str(exc):
                raise BackendUnavailable(
                    f"another writer is open on the embedded index at {self.path} "
                    f"(one writing process per index)"
                ) from exc
            raise
        try:
            yield writer
        except BaseException:
            writer.rollback()
            raise
        finally:
            # Waiting for merges releases the writer lock for the next operation or process.
            writer.wait_merging_threads()

    def _write(
        self, index: tantivy.Index, documents: Iterable[IndexDocument], *, fresh: bool = False
    ) -> int:
        """Upsert ``documents`` into ``index``, committing every ``commit_every``.

        ``fresh``: ``index`` is a new generation nobody searches yet. A failed rebuild is
        thrown away whole, so it commits once at the end (the writer still flushes a segment
        whenever its heap is full), and only an id seen earlier in the same stream has a
        document to replace, so only then is a delete queued.
        """
        iterator = iter(documents)
        first = next(iterator, None)
        if first is None:
            return 0
        written = 0
        seen: set[str] = set()
        with self._writer(index) as writer, ThreadPoolExecutor(1) as converter:
            for document, converted in _converted(_chain(first, iterator), converter):
                record_id = str(document["id"])
                if not fresh or record_id in seen:
                    writer.delete_documents_by_term("id", record_id)
                else:
                    seen.add(record_id)
                writer.add_document(converted)
                written += 1
                if not fresh and written % self.commit_every == 0:
                    writer.commit()
                    index.reload()
            writer.commit()
        index.reload()
        return written


# Schema and documents ----------------------------------------------------------------------


def build_schema() -> tantivy.Schema:
    """The schema of one generation (``SCHEMA_VERSION``)."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", tokenizer_name="raw", index_option="basic")
    for field in TEXT_FIELDS:
        builder.add_text_field(field, tokenizer_name=TEXT_ANALYZER)
    for code in sorted(STEMMERS):
        builder.add_text_field(f"stem_{code}", tokenizer_name=f"microcat_stem_{code}")
    for field in KEYWORD_FIELDS:
        builder.add_text_field(field, fast=True, tokenizer_name="raw", index_option="basic")
    for field in SORT_FIELDS.values():
        builder.add_unsigned_field(field, fast=True, indexed=field == "rank_title")
    builder.add_text_field(
        "sort_title", stored=True, fast=True, tokenizer_name="raw", index_option="basic"
    )
    builder.add_float_field("ects", indexed=True, fast=True)
    builder.add_bytes_field("hit", stored=True)
    builder.add_bytes_field("record", stored=True)
    return builder.build()


def _register_analyzers(index: tantivy.Index) -> None:
    """Analyzers are not stored with the index: every opener registers them."""
    index.register_tokenizer(
        TEXT_ANALYZER,
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(40))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
        .build(),
    )
    for code, language in STEMMERS.items():
        index.register_tokenizer(
            f"microcat_stem_{code}",
            TextAnalyzerBuilder(Tokenizer.simple())
            .filter(Filter.remove_long(40))
            .filter(Filter.lowercase())
            .filter(Filter.stemmer(language))
            .filter(Filter.ascii_fold())
            .build(),
        )


def to_tantivy(document: IndexDocument) -> tantivy.Document:
    """A tantivy document from a flat index document (``search_api.documents.to_document``)."""
    record_id = str(document["id"])
    doc = tantivy.Document()
    doc.add_text("id", record_id)
    for field in TEXT_FIELDS:
        if document.get(field):
            doc.add_text(field, document[field])
    for lang, text in (document.get("text_by_lang") or {}).items():
        code = LANGUAGE_ALIASES.get(lang, lang)
        if code in STEMMERS and text:
            doc.add_text(f"stem_{code}", text)
    for field in SINGLE_VALUED:
        value = document.get(field)
        doc.add_text(field, NOT_STATED if value is None or value == "" else str(value))
    for field in MULTI_VALUED:
        for value in document.get(field) or ():
            doc.add_text(field, str(value))
    doc.add_text("microcredential", flag(document.get("microcredential")))
    ects = document.get("ects")
    if ects is not None:
        doc.add_float("ects", float(ects))
    for field, key in _sort_keys(document).items():
        if isinstance(key, int):
            doc.add_unsigned(field, key)
        else:
            doc.add_text(field, key)
    doc.add_bytes("hit", json.dumps(document.get("hit") or {"id": record_id}).encode())
    if document.get("record") is not None:
        doc.add_bytes("record", document["record"].encode())
    return doc


def _sort_keys(document: IndexDocument) -> dict[str, int | str]:
    """The ``SORT_FIELDS`` of a document (ascending = the wanted order) and ``sort_title``."""
    record_id = str(document["id"])
    title = (document.get("title_sort") or "")[:200] or _NO_TITLE
    ects = document.get("ects")
    # ECTS in tenths, 14 bits (up to 1638.2); missing ones last.
    ects_bits = _MAX14 if ects is None else min(max(round(float(ects) * 10), 0), _MAX14 - 1)
    updated = _parse_datetime(document.get("updated"))
    # Hours since 1970, 21 bits (to 2209), counted backwards: newest first; missing ones last.
    if updated is None:
        updated_bits = _MAX21
    else:
        hours = int((updated - _EPOCH).total_seconds() // 3600)
        updated_bits = _MAX21 - 1 - min(max(hours, 0), _MAX21 - 1)
    return {
        "rank_id": _packed(record_id, 9),
        "rank_ects": ects_bits << 49 | _packed(record_id, 7),
        "rank_updated": updated_bits << 42 | _packed(record_id, 6),
        "rank_title": _packed(title, 9),
        "sort_title": f"{title}\0{record_id}",
    }


_MAX14 = (1 << 14) - 1
_MAX21 = (1 << 21) - 1
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _packed(text: str, chars: int) -> int:
    """The first ``chars`` characters of ``text``, 7 bits each, as a number in the text's order.

    A character beyond ASCII packs as 127 and ends the packing: the number then ties with its
    neighbours but never contradicts the order of the full strings.
    """
    packed = 0
    taken = 0
    for char in text[:chars]:
        code = ord(char)
        taken += 1
        if code >= 127:
            packed = packed << 7 | 127
            break
        packed = packed << 7 | code
    return packed << 7 * (chars - taken)


def _parse_datetime(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _search(index: tantivy.Index, query: SearchQuery) -> SearchPage:
    """``query`` over ``index`` (see ``EmbeddedBackend.search``)."""
    searcher = index.searcher()
    schema = index.schema
    text = _text_query(index, query.text)
    page = _page(searcher, schema, text, query)
    if text is None or page.total >= FUZZY_BELOW:
        return page
    words = plain_words(query.text)
    if all(_known(searcher, word) for word in words):
        return page  # few hits, but no typo: similar words would only add noise
    corrections = _corrections(searcher, words)
    similar = _fuzzy_query(schema, words)
    if similar is not None and _count(searcher, _combine(schema, similar, query.filters)) > (
        page.total
    ):
        page = _page(searcher, schema, similar, query)
        page.fuzzy = True
    page.suggestion = suggestion(query.text, corrections, page.hits)
    return page


def _copy_page(page: SearchPage) -> SearchPage:
    """A copy whose hits and facet values can be changed (labels, order) independently."""
    return dataclasses.replace(
        page,
        hits=[
            dataclasses.replace(hit, isced=list(hit.isced), lang=list(hit.lang))
            for hit in page.hits
        ],
        facets={
            name: [dataclasses.replace(value) for value in values]
            for name, values in page.facets.items()
        },
    )


def _page(
    searcher: tantivy.Searcher, schema: tantivy.Schema, text: Query | None, query: SearchQuery
) -> SearchPage:
    """The hits of the requested page and the facet counts, for ``text`` and the filters."""
    matching = _combine(schema, text, query.filters)
    offset = max(query.offset, 0)
    facets = _facets(searcher, schema, text, query, matching)
    total = _total_from_facets(query, facets)
    if total is not None and total <= offset:
        # The counts prove the page empty (no hits at all, or a page past the last): the
        # search for hits would cost as much as a facet group and find nothing.
        return SearchPage(total=total, page=query.page, size=query.size, hits=[], facets=facets)
    scores: list[float | None]
    if query.sort == "title":
        total, addresses = _title_page(searcher, schema, matching, offset, query.size)
        scores = [None] * len(addresses)
    elif query.sort == "relevance" and text is not None:
        total, ranked = _top(searcher, matching, query.size, offset=offset)
        scores, addresses = [score for score, _ in ranked], [a for _, a in ranked]
    else:
        total, ranked = _top(
            searcher, matching, query.size, offset=offset, order_by=SORT_FIELDS[query.sort]
        )
        scores, addresses = [None] * len(ranked), [a for _, a in ranked]
    hits = [
        _hit(searcher.doc(address), score) for score, address in zip(scores, addresses, strict=True)
    ][: max(query.size, 0)]
    return SearchPage(total=total, page=query.page, size=query.size, hits=hits, facets=facets)


_HIT_FIELDS = frozenset(field.name for field in dataclasses.fields(Hit))


def _hit(doc: tantivy.Document, score: float | None) -> Hit:
    stored = json.loads(doc.get_first("hit") or b"{}")
    return Hit(**{key: value for key, value in stored.items() if key in _HIT_FIELDS}, score=score)


# Queries -----------------------------------------------------------------------------------


def _text_query(index: tantivy.Index, text: str) -> Query | None:
    """The user's text as a query; ``None`` when there is nothing to search for.

    The syntax users may type is the OpenSearch backend's (``simple_query_string``):
    ``"phrases"``, ``+must``, ``-not``, ``a | b``, ``AND`` / ``OR`` / ``NOT`` and brackets. The
    rest of tantivy's syntax is read as spaces (``_user_syntax``). Text it still cannot parse
    is searched as its plain words, so a stray quote or bracket never fails.
    """
    text = _user_syntax(text).strip()
    if not text:
        return None
    fields = list(SEARCH_FIELDS)
    options: dict[str, Any] = {"field_boosts": FIELD_BOOSTS, "conjunction_by_default": True}
    try:
        return index.parse_query(text, fields, **options)
    except ValueError as error:
        if "only excluding" in str(error).lower():
            # "-science" alone: everything but what it excludes, as in OpenSearch.
            with contextlib.suppress(ValueError):
                return index.parse_query(f"* {text}", fields, **options)
    words = [word for word in _QUERY_WORD.findall(text) if word not in QUERY_OPERATORS]
    if not words:
        return None
    try:
        return index.parse_query(" ".join(words), fields, **options)
    except ValueError:
        query, _errors = index.parse_query_lenient(" ".join(words), fields, **options)
        return query


_TANTIVY_ONLY_SYNTAX = re.compile(r"[:\[\]{}^~*\\`<>='|]")
"""Characters of tantivy's query syntax no user query needs: field names (``title:``),
ranges (``[a TO z]``, ``{``, ``<``, ``>``, ``=``), wildcards (``*``), boosts (``^``), slop
and fuzziness (``~``), escapes, single quotes (``l'université`` is two words anyway). A range
over the text fields made one search cost seconds of CPU, and ``title:*`` failed. (``|`` is
read as ``OR`` first, outside phrases.)"""

_OPERATOR_WORDS = re.compile(r"\s*\b(AND|NOT)\b\s*")
_OPERATORS = {"AND": " ", "NOT": " -"}
"""As the OpenSearch backend reads them: words are ANDed anyway, and ``NOT x`` is ``-x``
(tantivy's own ``AND NOT`` nests a clause that matches nothing)."""

_ORS = re.compile(r"\|+")
_PHRASES = re.compile(r'("[^"]*")')


def _user_syntax(text: str) -> str:
    """``text`` with only the query syntax both backends offer (see ``_text_query``)."""
    parts = _PHRASES.split(unicodedata.normalize("NFC", text))
    for number in range(0, len(parts), 2):  # outside phrases
        part = _ORS.sub(" OR ", parts[number])
        part = _OPERATOR_WORDS.sub(lambda match: _OPERATORS[match.group(1)], part)
        parts[number] = _TANTIVY_ONLY_SYNTAX.sub(" ", part)
    for number in range(1, len(parts), 2):  # inside: words, as the analyzer cuts them
        parts[number] = '"' + _TANTIVY_ONLY_SYNTAX.sub(" ", parts[number][1:-1]) + '"'
    return "".join(parts)


def _known(searcher: tantivy.Searcher, word: str) -> bool:
    """Whether some unstemmed text field holds ``word`` (or it is too short to correct)."""
    return not edits(word) or any(searcher.doc_freq(field, word) > 0 for field in TEXT_FIELDS)


def _fuzzy_query(schema: tantivy.Schema, words: list[str]) -> Query | None:
    """Every word, or a word within ``edits`` typos of it, in some text field.

    Only the unstemmed text fields: a typo rarely survives a stemmer the same way.
    """
    clauses = []
    for word in words:
        distance = edits(word)
        alternatives = [
            Query.boost_query(
                Query.fuzzy_term_query(schema, field, word, distance=distance)
                if distance
                else Query.term_query(schema, field, word),
                FIELD_BOOSTS.get(field, 1.0),
            )
            for field in TEXT_FIELDS
        ]
        clauses.append((Occur.Must, Query.boolean_query([(Occur.Should, q) for q in alternatives])))
    return Query.boolean_query(clauses) if clauses else None


def _corrections(searcher: tantivy.Searcher, words: list[str]) -> dict[str, str]:
    """Each of ``words`` unknown to ``SUGGEST_FIELD`` -> the closest word it knows.

    Candidates share the word's first letter (as Lucene's spell checker assumes) and lie within
    ``edits`` typos (a swap of two letters counts as one); the nearest wins, then the most
    frequent. Words and candidates are in their indexed form (lower case, no accents).
    """
    corrections: dict[str, str] = {}
    for word in dict.fromkeys(words):
        if _known(searcher, word):
            continue
        best = best_correction(word, searcher.terms_with_prefix(SUGGEST_FIELD, word[0]))
        if best is not None:
            corrections[word] = best
    return corrections


def _combine(schema: tantivy.Schema, text: Query | None, filters: Filters) -> Query:
    """``text`` AND every filter; filters do not change the score."""
    clauses = [
        (Occur.Must, Query.const_score_query(q, 0.0)) for q in _filter_queries(schema, filters)
    ]
    if text is not None:
        clauses.insert(0, (Occur.Must, text))
    if not clauses:
        return Query.all_query()
    return Query.boolean_query(clauses)


def _filter_queries(schema: tantivy.Schema, filters: Filters) -> list[Query]:
    values = filter_terms(filters)
    queries = [_any_term(schema, field, terms) for field, terms in values.items() if terms]
    if filters.ects_min is not None or filters.ects_max is not None:
        queries.append(
            Query.range_query(
                schema,
                "ects",
                tantivy.FieldType.Float,
                lower_bound=filters.ects_min,
                upper_bound=filters.ects_max,
            )
        )
    return queries


_TERM_SET_FROM = 16
"""From this many values on, a filter is one term-set query rather than a union of terms."""


def _any_term(schema: tantivy.Schema, field: str, terms: list[str]) -> Query:
    """Documents holding any of ``terms`` in ``field``.

    A term-set query first collects every matching document of the whole index in a bit set
    (~1 ms per filter at 1M records, even when the text matches few); term queries are skipped
    through instead, so a few values are cheaper as a union.
    """
    unique = list(dict.fromkeys(terms))
    if len(unique) == 1:
        return Query.term_query(schema, field, unique[0])
    if len(unique) < _TERM_SET_FROM:
        return Query.boolean_query(
            [(Occur.Should, Query.term_query(schema, field, term)) for term in unique]
        )
    return Query.term_set_query(schema, field, unique)


def _title_page(
    searcher: tantivy.Searcher, schema: tantivy.Schema, matching: Query, offset: int, limit: int
) -> tuple[int, list[tantivy.DocAddress]]:
    """One page in exact title order, for the price of a numeric sort.

    The page is found by ``rank_title`` (the title's first nine characters as a number); only
    the titles sharing that number with the page's first or last hit are then ordered as
    strings, which costs in proportion to those few titles instead of the offset.
    """
    total, ranked = _top(searcher, matching, limit, offset=offset, order_by="rank_title")
    keys = [key for key, _ in ranked]
    if not keys:
        return total, []
    first, last = keys[0], keys[-1]

    def group(key: int, size: int, skip: int, order: Order) -> list[tantivy.DocAddress]:
        same = Query.term_query(schema, "rank_title", key)
        _, hits = _top(
            searcher, _both(matching, same), size, offset=skip, order_by="sort_title", order=order
        )
        return [address for _, address in hits]

    if first == last:
        # The whole page lies inside one group: skip the group's titles before the page.
        before = 0
        if first > 0:
            lower = Query.range_query(
                schema,
                "rank_title",
                tantivy.FieldType.Unsigned,
                upper_bound=first,
                include_upper=False,
            )
            before = _count(searcher, _both(matching, lower))
        return total, group(first, len(keys), offset - before, Order.Asc)
    # The page holds the end of the first group, whole groups, and the start of the last one.
    head = group(first, keys.count(first), 0, Order.Desc)[::-1]
    tail = group(last, keys.count(last), 0, Order.Asc)
    middle = [address for key, address in ranked if first < key < last]
    middle.sort(key=lambda address: searcher.doc(address).get_first("sort_title") or "")
    return total, head + middle + tail


def _both(one: Query, other: Query) -> Query:
    return Query.boolean_query([(Occur.Must, one), (Occur.Must, other)])


def _facets(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    text: Query | None,
    query: SearchQuery,
    matching: Query,
) -> dict[str, list[FacetValue]]:
    """Disjunctive facet counts: each facet counted with every filter but its own.

    Facets are grouped by the filters they are counted with, and each group costs one
    aggregation, whose price is mostly that of running its query. The group of facets whose own
    filter is not set (counted over the main query) rides along in the aggregation of a facet
    whose filter picks values of a single-valued field, as sub-aggregations of the buckets of
    the picked values, summed: every document lies in one bucket, so the sums are exact. When
    ECTS is filtered too, that facet, ECTS and the rest share one aggregation (``_cube``).
    """
    groups: dict[Filters, list[str]] = {}
    for facet in query.facets:
        if facet != "ects" and facet not in FACET_FIELDS and facet not in ISCED_LEVELS:
            raise ValueError(f"the embedded backend cannot count the facet {facet!r}")
        groups.setdefault(query.filters.without(facet), []).append(facet)

    rest = groups.pop(query.filters, None)
    host: Filters | None = None
    picked = filter_terms(query.filters)
    if rest is not None:
        for filters, names in groups.items():
            own = FACET_FILTERS.get(names[0], names[0])
            if own in SINGLE_VALUED and FACET_FIELDS.get(own) == own and picked.get(own):
                host = filters
                break
        else:
            groups[query.filters] = rest  # no host: its own aggregation

    counted: dict[str, dict[str, int]] = {}
    if (
        host is not None
        and rest is not None
        and _cube(searcher, schema, text, query, groups, host, rest, counted)
    ):
        groups = {f: n for f, n in groups.items() if f not in (host, query.filters.without("ects"))}
        host = None
    for filters, names in groups.items():
        scope = matching if filters == query.filters else _combine(schema, text, filters)
        browsing = text is None and filters.is_empty()
        aggregations = _aggregations(searcher, query, names, scope if browsing else None, counted)
        if filters == host and rest is not None:
            own = FACET_FILTERS.get(names[0], names[0])
            nested = _aggregations(searcher, query, rest, None, counted)
            if nested:
                terms = picked[own]
                aggregations[_PICKED] = {
                    "terms": {"field": own, "include": terms, "size": len(terms) + 1},
                    "aggs": nested,
                }
        if not aggregations:
            continue
        result = searcher.aggregate(scope, aggregations)
        counted.update(_read(result, aggregations))
        for bucket in result.get(_PICKED, {}).get("buckets", []):
            for name, counts in _read(bucket, aggregations[_PICKED]["aggs"]).items():
                summed = counted.setdefault(name, {})
                for value, count in counts.items():
                    summed[value] = summed.get(value, 0) + count
    return {
        name: sorted(
            (FacetValue(str(value), count) for value, count in counted[name].items() if count > 0),
            key=lambda facet_value: (-facet_value.count, facet_value.value),
        )
        for name in query.facets
    }


def _total_from_facets(query: SearchQuery, facets: dict[str, list[FacetValue]]) -> int | None:
    """How many documents match the whole query, read from its facet counts when they tell.

    A facet of a single-valued field holds every document once (``NOT_STATED`` included): its
    counts add up to the size of the set it was counted over. That set is the query's own when
    the facet's filter is not set; when it is, the picked values' counts add up to it. ECTS
    counts every document of its scope too (its ``NOT_STATED`` is the rest). ``None`` when no
    requested facet tells, or when one was cut at ``FACET_SIZE`` values.
    """
    picked = filter_terms(query.filters)
    for name in query.facets:
        values = facets.get(name)
        if values is None or len(values) >= FACET_SIZE:
            continue
        own = FACET_FILTERS.get(name, name)
        unfiltered = query.filters.without(name) == query.filters
        if name == "ects" and unfiltered:
            return sum(value.count for value in values)
        if FACET_FIELDS.get(name) != own or own not in (*SINGLE_VALUED, "microcredential"):
            continue
        if unfiltered:
            return sum(value.count for value in values)
        chosen = set(picked.get(own, ()))
        return sum(value.count for value in values if value.value in chosen)
    return None


_CUBE_FIELDS = ("eqf", "qf_ehea", "qa", "mode", "transparency", "country")
"""Single-valued facet fields with few values (all fit in one terms aggregation)."""


def _cube(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    text: Query | None,
    query: SearchQuery,
    groups: dict[Filters, list[str]],
    host: Filters,
    rest: list[str],
    counted: dict[str, dict[str, int]],
) -> bool:
    """Count the host facet, ECTS and the rest in one aggregation, when all three are due.

    The host facet ``h`` picks values of a single-valued field and ECTS a range: over the
    query without both filters, a terms aggregation on ``h`` holds per value a range bucket for
    the ECTS filter (whose count is the ``h`` facet, and whose sub-aggregations are the rest)
    and the ECTS buckets (summed over the picked values, the ECTS facet). One aggregation
    instead of two; ``False`` (nothing counted) when the facets are not grouped that way.
    """
    without_ects = query.filters.without("ects")
    own = FACET_FILTERS.get(groups[host][0], groups[host][0])
    if (
        groups[host] != [own]
        or own not in _CUBE_FIELDS
        or groups.get(without_ects) != ["ects"]
        or without_ects == query.filters
    ):
        return False
    in_range: dict[str, Any] = {"key": "in"}
    if query.filters.ects_min is not None:
        in_range["from"] = query.filters.ects_min
    if query.filters.ects_max is not None:
        in_range["to"] = math.nextafter(query.filters.ects_max, math.inf)  # "to" is exclusive
    nested = _aggregations(searcher, query, rest, None, counted)
    aggregations = {
        _CUBE: {
            "terms": {"field": own, "size": FACET_SIZE},
            "aggs": {
                _IN_RANGE: {"range": {"field": "ects", "ranges": [in_range]}, "aggs": nested},
                "ects": {"range": {"field": "ects", "ranges": ects_ranges()}},
            },
        }
    }
    scope = _combine(schema, text, host.without("ects"))
    result = searcher.aggregate(scope, aggregations)
    picked = set(filter_terms(query.filters)[own])
    counted[own] = {}
    counted["ects"] = {}
    for bucket in result[_CUBE]["buckets"]:
        value = str(bucket["key"])
        inside = next(b for b in bucket[_IN_RANGE]["buckets"] if b["key"] == "in")
        counted[own][value] = inside["doc_count"]
        if value not in picked:
            continue
        ects = {b["key"]: b["doc_count"] for b in bucket["ects"]["buckets"]}
        ects[NOT_STATED] = bucket["doc_count"] - sum(ects.values())
        for part in (_read(inside, nested), {"ects": ects}):
            for name, counts in part.items():
                summed = counted.setdefault(name, {})
                for key, count in counts.items():
                    summed[key] = summed.get(key, 0) + count
    return True


_CUBE = "_cube"
_IN_RANGE = "_in_range"


def _aggregations(
    searcher: tantivy.Searcher,
    query: SearchQuery,
    names: list[str],
    browsing: Query | None,
    counted: dict[str, dict[str, int]],
) -> dict[str, Any]:
    """The aggregations counting the facets ``names``; facets that need none go to ``counted``.

    ``browsing``: the query of a search without text or filters, where a multi-valued facet
    is read from the term dictionary instead.
    """
    aggregations: dict[str, Any] = {}
    for name in names:
        field = FACET_FIELDS.get(name, "")
        counted[name] = {}
        if name == "ects":
            aggregations[name] = {"range": {"field": "ects", "ranges": ects_ranges()}}
            # Records without ECTS are in no range: the scope's size gives their number.
            aggregations[_SCOPE_SIZE] = _SCOPE_SIZE_AGGREGATION
        elif name in ISCED_LEVELS:
            codes = _isced_codes_under(searcher, query.filters.isced, ISCED_LEVELS[name])
            if codes:
                # "isced" holds every prefix of every code. A list to include, because a
                # regex is matched per document (~8x slower than the whole facet).
                aggregations[name] = {
                    "terms": {"field": "isced", "size": FACET_SIZE, "include": codes}
                }
        elif browsing is not None and field in MULTI_VALUED:
            # Over the whole index, reading the term dictionary is ~7x faster than a terms
            # aggregation over a multi-valued column (the filter query skips deleted docs).
            counted[name] = dict(searcher.terms_with_prefix(field, "", filter_query=browsing))
        else:
            aggregations[name] = {"terms": {"field": field, "size": FACET_SIZE}}
    return aggregations


def _read(result: dict[str, Any], aggregations: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Facet counts from an aggregation ``result`` (or one bucket of it)."""
    values = {
        name: {bucket["key"]: bucket["doc_count"] for bucket in result[name]["buckets"]}
        for name in aggregations
        if name not in (_SCOPE_SIZE, _PICKED)
    }
    if "ects" in values:
        values["ects"][NOT_STATED] = _scope_size(result) - sum(values["ects"].values())
    return values


_PICKED = "_picked"
"""Aggregation of the documents holding the values a filter picks (not a facet name)."""

_SCOPE_SIZE = "_scope_size"
"""Aggregation counting the documents of a facet group's scope (not a facet name)."""

_SCOPE_SIZE_AGGREGATION = {"terms": {"field": "microcredential", "size": 10}}
"""Every document holds one of three values here: their counts add up to the scope's size,
for about half the price of a ``value_count`` over a numeric column."""


def _scope_size(result: dict[str, Any]) -> int:
    return sum(bucket["doc_count"] for bucket in result[_SCOPE_SIZE]["buckets"])


def _isced_codes_under(
    searcher: tantivy.Searcher, selected: tuple[str, ...], digits: int
) -> list[str]:
    """The indexed ISCED-F codes of ``digits`` digits a finer subject facet counts."""
    codes: set[str] = set()
    for prefix in isced_scope(selected, digits) or ("",):
        codes.update(
            term
            for term, _ in searcher.terms_with_prefix("isced", prefix)
            if len(term) == digits and term.isdigit()
        )
    return sorted(codes)


def _top(
    searcher: tantivy.Searcher,
    query: Query,
    limit: int,
    *,
    offset: int = 0,
    order_by: str | None = None,
    order: Order = Order.Asc,
) -> tuple[int, list[tuple[Any, tantivy.DocAddress]]]:
    """How many documents match, and the ranked (score or sort value, address) pairs.

    At least one hit is asked for: ``search(limit=0)`` crashes tantivy.
    """
    options: dict[str, Any] = {}
    if order_by is not None:
        options = {"order_by_field": order_by, "order": order}
    found: Any = searcher.search(query, limit=max(limit, 1), offset=offset, count=True, **options)
    return found.count, found.hits


def _count(searcher: tantivy.Searcher, query: Query) -> int:
    """How many documents match ``query``; unscored, so cheaper than ``_top``."""
    return _scope_size(searcher.aggregate(query, {_SCOPE_SIZE: _SCOPE_SIZE_AGGREGATION}))


# Helpers -----------------------------------------------------------------------------------


def _generation_name() -> str:
    return f"gen-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:8]}"


def _chain(first: IndexDocument, rest: Iterator[IndexDocument]) -> Iterator[IndexDocument]:
    yield first
    yield from rest


_CONVERT_BATCH = 256
"""Documents converted to tantivy's form in one go by the converting thread."""


def _converted(
    documents: Iterable[IndexDocument], converter: ThreadPoolExecutor
) -> Iterator[tuple[IndexDocument, tantivy.Document]]:
    """Each document with its tantivy document, converted one batch ahead by ``converter``.

    ``IndexWriter.add_document`` lets go of the GIL while it copies a document in, so the
    next batch is converted meanwhile (measured: ~15 % more documents/s on 2 cores). The
    documents are still read in the calling thread: a source may be tied to it (SQLite).
    """
    iterator = iter(documents)
    pending: tuple[list[IndexDocument], Future[list[tantivy.Document]]] | None = None
    while batch := list(itertools.islice(iterator, _CONVERT_BATCH)):
        future = converter.submit(_to_tantivy_all, batch)
        if pending is not None:
            yield from zip(pending[0], pending[1].result(), strict=True)
        pending = (batch, future)
    if pending is not None:
        yield from zip(pending[0], pending[1].result(), strict=True)


def _to_tantivy_all(documents: list[IndexDocument]) -> list[tantivy.Document]:
    return [to_tantivy(document) for document in documents]
