"""The embedded (tantivy) backend: the shared conformance suite plus what only it does."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conformance import (
    CATALOGUE,
    BackendConformance,
    documents,
    ids,
    make_record,
    many_records,
    search,
)

from search_api.backends import embedded, get_backend
from search_api.backends.base import BackendUnavailable
from search_api.backends.embedded import EmbeddedBackend
from search_api.query import Filters


def generations(backend: EmbeddedBackend) -> list[str]:
    return sorted(p.name for p in backend.path.iterdir() if p.name.startswith("gen-"))


class TestEmbeddedBackend(BackendConformance):
    @pytest.fixture
    def backend(self, tmp_path: Path) -> Iterator[EmbeddedBackend]:
        backend = EmbeddedBackend(tmp_path / "index", writer_heap=30_000_000, writer_threads=1)
        yield backend
        backend.close()

    # Beyond the shared suite: what only the embedded backend does.

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("donnees", {"r03"}),  # accents folded
            ("Munchen", {"r01", "r02", "r12"}),
            ("fundamental", {"r01"}),  # English stemming
            ("Ingenieur", {"r02"}),  # German stemming
            ("donnée", {"r03"}),  # French stemming
        ],
    )
    def test_accents_and_stemming(
        self, catalogue: EmbeddedBackend, text: str, expected: set[str]
    ) -> None:
        assert set(ids(search(catalogue, text))) == expected

    def test_page_of_size_zero_counts_without_hits(self, catalogue: EmbeddedBackend) -> None:
        # tantivy crashes on search(limit=0); the backend must not pass it on.
        page = search(catalogue, size=0)
        assert page.total == len(CATALOGUE)
        assert page.hits == []

    @pytest.mark.parametrize(
        ("filters", "page", "facets", "searched"),
        [
            (Filters(eqf=(4,), country=("DE",)), 1, ("mode",), False),  # nothing matches
            (Filters(eqf=(6,)), 3, ("eqf", "lang"), False),  # past the last hit
            (Filters(eqf=(6,)), 2, ("eqf",), True),  # one hit left
            (Filters(eqf=(4,), country=("DE",)), 1, ("lang",), True),  # lang cannot tell
            (Filters(eqf=(4,), country=("DE",)), 1, (), True),
        ],
    )
    def test_no_hit_search_when_the_facet_counts_prove_the_page_empty(
        self,
        catalogue: EmbeddedBackend,
        monkeypatch: pytest.MonkeyPatch,
        filters: Filters,
        page: int,
        facets: tuple[str, ...],
        searched: bool,
    ) -> None:
        calls: list[Any] = []
        real_top = embedded._top

        def counted_top(*args: Any, **kwargs: Any) -> Any:
            calls.append(args)
            return real_top(*args, **kwargs)

        monkeypatch.setattr(embedded, "_top", counted_top)
        search(catalogue, filters=filters, facets=facets, page=page, size=4)
        assert bool(calls) is searched

    def test_unknown_facet_is_refused_by_name(self, catalogue: EmbeddedBackend) -> None:
        with pytest.raises(ValueError, match="colour"):
            search(catalogue, facets=("colour",))

    def test_rebuild_keeps_only_the_live_and_previous_generation(
        self, catalogue: EmbeddedBackend
    ) -> None:
        for _ in range(3):
            catalogue.rebuild(documents())
        kept = generations(catalogue)
        assert len(kept) == 2
        assert (catalogue.path / "CURRENT").read_text().strip() in kept
        assert catalogue.count() == len(CATALOGUE)

    def test_refused_rebuild_leaves_no_folder_behind(self, backend: EmbeddedBackend) -> None:
        backend.index(documents(many_records(120)))
        before = generations(backend)
        with pytest.raises(ValueError):
            backend.rebuild(documents(many_records(3)))
        assert generations(backend) == before

    def test_failed_rebuild_keeps_the_old_index(self, catalogue: EmbeddedBackend) -> None:
        def broken() -> Iterator[dict[str, Any]]:
            yield from documents(CATALOGUE[:3])
            raise RuntimeError("store went away")

        with pytest.raises(RuntimeError):
            catalogue.rebuild(broken())
        assert catalogue.count() == len(CATALOGUE)
        assert len(generations(catalogue)) == 1

    def test_another_reader_sees_commits_and_rebuilds(
        self, catalogue: EmbeddedBackend, tmp_path: Path
    ) -> None:
        # A second instance on the same folder stands in for a web worker process.
        reader = EmbeddedBackend(tmp_path / "index")
        assert reader.count() == len(CATALOGUE)
        catalogue.index(documents([make_record("r13", {"en": "Beekeeping"})]))
        reader._live().index.reload()  # another process reloads on its own within ~1 s
        assert ids(search(reader, "beekeeping")) == ["r13"]
        catalogue.rebuild(documents(CATALOGUE[:5]))
        assert reader.count() == 5
        assert ids(search(reader, "beekeeping")) == []

    def test_second_writer_is_refused_clearly(
        self, catalogue: EmbeddedBackend, tmp_path: Path
    ) -> None:
        other = EmbeddedBackend(tmp_path / "index")
        errors: list[BaseException] = []

        def stream() -> Iterator[dict[str, Any]]:
            first, *rest = documents(CATALOGUE[:2])
            yield first
            try:  # the first writer now holds the index
                other.index(documents([make_record("x1", {"en": "Clash"})]))
            except BackendUnavailable as exc:
                errors.append(exc)
            yield from rest

        catalogue.index(stream())
        assert len(errors) == 1
        assert "one writing process" in str(errors[0])
        # Once the first writer is done, the other may write.
        assert other.index(documents([make_record("x1", {"en": "Clash"})])) == 1

    def test_concurrent_rebuild_is_refused(
        self, catalogue: EmbeddedBackend, tmp_path: Path
    ) -> None:
        other = EmbeddedBackend(tmp_path / "index")
        errors: list[BaseException] = []

        def stream() -> Iterator[dict[str, Any]]:
            try:
                other.rebuild(documents())
            except BackendUnavailable as exc:
                errors.append(exc)
            yield from documents()

        catalogue.rebuild(stream())
        assert len(errors) == 1
        assert "rebuilding" in str(errors[0])

    def test_readers_search_while_a_writer_indexes(self, backend: EmbeddedBackend) -> None:
        backend.commit_every = 50
        stop = threading.Event()
        failures: list[BaseException] = []
        totals: list[list[int]] = [[], []]

        def read(seen: list[int]) -> None:
            while not stop.is_set():
                try:
                    seen.append(search(backend, "bulk", size=5).total)
                except BaseException as exc:  # reported below
                    failures.append(exc)
                    return

        readers = [threading.Thread(target=read, args=(seen,)) for seen in totals]
        for thread in readers:
            thread.start()
        try:
            assert backend.index(documents(many_records(600))) == 600
        finally:
            stop.set()
            for thread in readers:
                thread.join()
        assert failures == []
        for seen in totals:
            assert seen == sorted(seen)  # each reader sees commits only ever adding here
            assert seen
        assert search(backend, "bulk").total == 600

    def test_index_of_another_schema_version_asks_for_a_rebuild(
        self, catalogue: EmbeddedBackend, tmp_path: Path
    ) -> None:
        live = (catalogue.path / "CURRENT").read_text().strip()
        (catalogue.path / live / "microcat.json").write_text(json.dumps({"schema": 0}))
        stale = EmbeddedBackend(tmp_path / "index")
        assert stale.health()["compatible"] is False
        with pytest.raises(BackendUnavailable, match="rebuild"):
            search(stale)
        stale.rebuild(documents())
        assert search(stale).total == len(CATALOGUE)

    def test_rebuild_repairs_a_missing_generation(
        self, catalogue: EmbeddedBackend, tmp_path: Path
    ) -> None:
        (catalogue.path / "CURRENT").write_text("gen-gone\n")
        broken = EmbeddedBackend(tmp_path / "index")
        with pytest.raises(BackendUnavailable, match="gen-gone"):
            search(broken)
        assert broken.rebuild(documents()) == len(CATALOGUE)
        assert search(broken).total == len(CATALOGUE)


def test_get_backend_selects_embedded(tmp_path: Path) -> None:
    backend = get_backend("embedded", path=tmp_path / "index")
    assert isinstance(backend, EmbeddedBackend)
    assert backend.name == "embedded"
    assert backend.count() == 0


def test_unwritable_folder_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BackendUnavailable, match="cannot open"):
        EmbeddedBackend(blocker / "index")


class TestResultCache:
    """Repeated searches are answered from a cache that the index's changes empty."""

    @pytest.fixture
    def catalogue(self, tmp_path: Path) -> Iterator[EmbeddedBackend]:
        backend = EmbeddedBackend(tmp_path / "index", writer_heap=30_000_000, writer_threads=1)
        backend.index(documents())
        yield backend
        backend.close()

    def test_a_cached_page_is_a_copy(self, catalogue: EmbeddedBackend) -> None:
        first = search(catalogue, "data")
        first.hits.clear()
        first.facets["eqf"][0].label = "changed by a caller"
        second = search(catalogue, "data")
        assert set(ids(second)) == {"r01", "r12"}
        assert second.facets["eqf"][0].label == ""

    def test_another_reader_sees_a_commit_without_waiting(
        self, catalogue: EmbeddedBackend, tmp_path: Path
    ) -> None:
        reader = EmbeddedBackend(tmp_path / "index")
        assert search(reader, "beekeeping").total == 0
        catalogue.index(documents([make_record("r13", {"en": "Beekeeping"})]))
        assert ids(search(reader, "beekeeping")) == ["r13"]
        catalogue.delete(["r13"])
        assert search(reader, "beekeeping").total == 0

    def test_no_cache(self, tmp_path: Path) -> None:
        backend = EmbeddedBackend(tmp_path / "index", cache_size=0)
        backend.index(documents())
        assert ids(search(backend, "welding")) == ["r04"]
        assert ids(search(backend, "welding")) == ["r04"]
        assert backend._cache == {}
