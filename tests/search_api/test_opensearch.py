"""The OpenSearch backend: the shared conformance suite on a real node, and every request body
it builds checked against the OpenSearch API specification (no node needed for those).

The node tests run when ``OPENSEARCH_URL`` names a reachable node (``.ci/opensearch`` starts
one) and are skipped with the reason otherwise.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, get_args

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

from search_api.backends import get_backend
from search_api.backends.base import BackendUnavailable
from search_api.backends.opensearch import (
    Connection,
    IndexingError,
    OpenSearchBackend,
    alias_actions,
    bulk_actions,
    delete_actions,
    index_body,
    probe_body,
    search_body,
)
from search_api.query import FACETS, ISCED_LEVELS, Filters, SearchQuery, SortOrder

if TYPE_CHECKING:
    from opensearch_spec import ApiSpec


@pytest.fixture(scope="module")
def node_url() -> str:
    """The node's URL, or skip with the reason."""
    url = os.environ.get("OPENSEARCH_URL")
    if not url:
        pytest.skip("OPENSEARCH_URL is not set (.ci/opensearch starts a node)")
    probe = OpenSearchBackend(url, timeout=5, max_retries=0)
    try:
        probe.client.info()
    except Exception as exc:  # any failure means: no usable node
        pytest.skip(f"OpenSearch at {url} is unreachable: {exc}")
    finally:
        probe.close()
    return url


def _drop(backend: OpenSearchBackend) -> None:
    """Delete every index of the backend's prefix (by name: wildcard deletes may be refused)."""
    found = backend.client.indices.get(
        index=f"{backend.alias}-*", params={"expand_wildcards": "all"}
    )
    for name in found:
        backend.client.indices.delete(index=name)


@pytest.fixture
def fresh_backend(node_url: str) -> Iterator[OpenSearchBackend]:
    backend = OpenSearchBackend(node_url, index_prefix=f"microcat-test-{uuid.uuid4().hex[:10]}")
    yield backend
    _drop(backend)
    backend.close()


@pytest.mark.opensearch
class TestOpenSearchConformance(BackendConformance):
    @pytest.fixture
    def backend(self, fresh_backend: OpenSearchBackend) -> OpenSearchBackend:
        return fresh_backend

    # Beyond the shared suite: what only the OpenSearch backend does.

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("donnees", {"r03"}),  # accents folded
            ("Munchen", {"r01", "r02", "r12"}),
            ("fundamental", {"r01"}),  # English stemming
            ("Ingenieur", {"r02"}),  # German stemming
            ("donnée", {"r03"}),  # French stemming
            ('"science des données"', {"r03"}),  # a phrase
            ("data -visualisation", {"r01"}),
            ("data NOT visualisation", {"r01"}),
            ("welding | pottery", {"r04", "r06"}),
            ("welding OR pottery", {"r04", "r06"}),
        ],
    )
    def test_accents_stemming_and_syntax(
        self, catalogue: OpenSearchBackend, text: str, expected: set[str]
    ) -> None:
        assert set(ids(search(catalogue, text))) == expected

    def test_page_of_size_zero_counts_without_hits(self, catalogue: OpenSearchBackend) -> None:
        page = search(catalogue, size=0)
        assert page.total == len(CATALOGUE)
        assert page.hits == []

    def test_rebuild_moves_the_alias_and_drops_the_old_index(
        self, catalogue: OpenSearchBackend
    ) -> None:
        before = catalogue.health()["index"]
        catalogue.rebuild(documents())
        after = catalogue.health()
        assert after["index"] != before
        assert after["index"].startswith(catalogue.alias + "-")
        assert after["status"] in ("green", "yellow")
        assert not catalogue.client.indices.exists(index=before)

    def test_refused_rebuild_leaves_no_index_behind(self, backend: OpenSearchBackend) -> None:
        backend.index(documents(many_records(120)))
        before = sorted(backend.client.indices.get(index=f"{backend.alias}-*"))
        with pytest.raises(ValueError, match="120"):
            backend.rebuild(documents(many_records(3)))
        assert sorted(backend.client.indices.get(index=f"{backend.alias}-*")) == before

    def test_failed_rebuild_keeps_the_old_index(self, catalogue: OpenSearchBackend) -> None:
        def broken() -> Iterator[dict[str, Any]]:
            yield from documents(CATALOGUE[:3])
            raise RuntimeError("store went away")

        with pytest.raises(RuntimeError):
            catalogue.rebuild(broken())
        assert catalogue.count() == len(CATALOGUE)
        assert len(catalogue.client.indices.get(index=f"{catalogue.alias}-*")) == 1

    def test_refused_documents_are_reported_by_id(self, backend: OpenSearchBackend) -> None:
        good, bad = documents(
            [make_record("ok1", {"en": "Fine"}), make_record("bad1", {"en": "x"})]
        )
        bad["ects"] = "lots"  # not a number: OpenSearch refuses this document only
        with pytest.raises(IndexingError, match="bad1") as caught:
            backend.index([good, bad])
        assert [record_id for record_id, _ in caught.value.failures] == ["bad1"]
        assert ids(search(backend, "fine")) == ["ok1"]

    def test_every_request_body_follows_the_specification(
        self, backend: OpenSearchBackend, spec: ApiSpec
    ) -> None:
        sent = _record_requests(backend)
        backend.index(documents())
        backend.delete(["r01"])
        for query in sample_queries():
            backend.search(query)
        backend.rebuild(documents(), force=True)
        kinds = {kind for kind, _ in sent}
        assert kinds >= {"indices.create", "bulk", "search", "indices.update_aliases"}
        for kind, body in sent:
            assert spec.errors(kind, body) == [], (kind, body)


def _record_requests(backend: OpenSearchBackend) -> list[tuple[str, Any]]:
    """Record the (kind, body) of every request ``backend`` sends with a body."""
    from opensearch_spec import request_kind

    sent: list[tuple[str, Any]] = []
    transport = backend.client.transport
    perform = transport.perform_request

    def recording(method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        body = kwargs.get("body")
        if body is not None:
            sent.append((request_kind(method, url), body))
        return perform(method, url, *args, **kwargs)

    transport.perform_request = recording  # type: ignore[method-assign]
    return sent


def _error(status: int) -> dict[str, str]:
    return {"type": f"e{status}", "reason": "refused"}


class _StubBulkClient:
    """Answers ``_bulk`` requests from a script of per-item statuses (no node needed)."""

    def __init__(self, *rounds: list[int]) -> None:
        self.rounds = list(rounds)
        self.sent: list[list[str]] = []
        self.indices = self

    def bulk(self, *, body: list[dict[str, Any]], index: str) -> dict[str, Any]:
        ids = [line["index"]["_id"] for line in body if "index" in line]
        self.sent.append(ids)
        statuses = self.rounds.pop(0)
        items = [
            {"index": {"_id": record_id, "status": status}}
            if status < 300
            else {"index": {"_id": record_id, "status": status, "error": _error(status)}}
            for record_id, status in zip(ids, statuses, strict=True)
        ]
        return {"errors": any(status >= 300 for status in statuses), "items": items}

    def refresh(self, *, index: str) -> None:
        pass

    def get_alias(self, *, name: str) -> dict[str, Any]:
        return {f"{name}-1": {}}


def test_bulk_retries_refused_items_and_reports_failures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("search_api.backends.opensearch.time.sleep", lambda seconds: None)
    backend = OpenSearchBackend("http://127.0.0.1:9", max_retries=2)
    stub = _StubBulkClient([201, 429, 400, 429], [201, 429], [201])
    backend.client = stub  # type: ignore[assignment]
    records = [make_record(f"b{n}", {"en": f"Course {n}"}) for n in range(4)]
    with pytest.raises(IndexingError, match="b2: e400") as caught:
        backend.index(documents(records))
    # 429 (too many requests) is retried, only for the refused items; 400 is not.
    assert stub.sent == [["b0", "b1", "b2", "b3"], ["b1", "b3"], ["b3"]]
    assert caught.value.failures == [("b2", "e400: refused")]


def test_unreachable_node_is_reported() -> None:
    backend = OpenSearchBackend("http://127.0.0.1:9", timeout=1, max_retries=0)
    with pytest.raises(BackendUnavailable, match="127.0.0.1:9"):
        backend.count()


def test_get_backend_selects_opensearch() -> None:
    backend = get_backend("opensearch", url="http://127.0.0.1:9", index_prefix="cat")
    assert isinstance(backend, OpenSearchBackend)
    assert (backend.name, backend.alias) == ("opensearch", "cat")


def test_credentials_come_from_the_url_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MICROCAT_OPENSEARCH_URL", raising=False)
    given = Connection.from_url("https://ann:s%40cret@search.example.org:9243/os/")
    assert given == Connection("https://search.example.org:9243/os", ("ann", "s@cret"))
    monkeypatch.setenv("MICROCAT_OPENSEARCH_URL", "search.example.org")
    monkeypatch.setenv("MICROCAT_OPENSEARCH_USER", "bob")
    monkeypatch.setenv("MICROCAT_OPENSEARCH_PASSWORD", "pw")
    assert Connection.from_url(None) == Connection("http://search.example.org", ("bob", "pw"))


def test_index_prefix_must_be_a_valid_index_name() -> None:
    with pytest.raises(ValueError, match="Microcat"):
        OpenSearchBackend("http://127.0.0.1:9", index_prefix="Microcat")


# Request bodies against the API specification (no node needed) ---------------------------


@pytest.fixture(scope="module")
def spec() -> ApiSpec:
    checker = pytest.importorskip(
        "opensearch_spec", reason="jsonschema, referencing and PyYAML check the request bodies"
    )
    return checker.ApiSpec.load()


def sample_queries() -> list[SearchQuery]:
    """Queries that use every part of ``search_body``."""
    every_filter = Filters(
        eqf=(6, 7),
        qf_ehea=("first",),
        ects_min=3,
        ects_max=10,
        isced=("06", "0613"),
        qa=("internal",),
        country=("de",),
        lang=("EN",),
        mode=("online",),
        provider=("Technical University of Munich",),
        transparency=("green",),
        microcredential=True,
    )
    queries = [SearchQuery(text=text) for text in ("", "data science", '"unclosed (', "a OR b")]
    queries += [
        SearchQuery(text=text, sort=sort) for sort in get_args(SortOrder) for text in ("", "data")
    ]
    queries += [
        SearchQuery(filters=every_filter, page=3, size=7),
        SearchQuery(text="data", filters=Filters(ects_min=1), facets=()),
        SearchQuery(filters=Filters(ects_max=60), facets=(*FACETS, "provider", "microcredential")),
        SearchQuery(filters=Filters(isced=("06", "0613")), facets=(*ISCED_LEVELS, "isced")),
        SearchQuery(facets=tuple(ISCED_LEVELS)),
        SearchQuery(size=0),
        SearchQuery(text="managment", filters=Filters(country=("IE",))),  # typo: retried
        SearchQuery(text="xylophone"),
    ]
    return queries


@pytest.mark.parametrize("query", sample_queries(), ids=repr)
def test_search_body_follows_the_specification(spec: ApiSpec, query: SearchQuery) -> None:
    assert spec.errors("search", search_body(query)) == []


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(text="Welidng safety"),
        SearchQuery(text="cybersecurty", filters=Filters(eqf=(5,))),
    ],
    ids=repr,
)
def test_typo_bodies_follow_the_specification(spec: ApiSpec, query: SearchQuery) -> None:
    assert spec.errors("search", probe_body(query)) == []
    assert spec.errors("search", search_body(query, fuzzy=True)) == []


def test_index_body_follows_the_specification(spec: ApiSpec) -> None:
    assert spec.errors("indices.create", index_body()) == []


def test_bulk_lines_follow_the_specification(spec: ApiSpec) -> None:
    lines = bulk_actions(documents(), "microcat-1") + delete_actions(["r01"], "microcat-1")
    actions = [line for line in lines if {"index", "delete"} & set(line)]
    assert len(actions) == len(CATALOGUE) + 1
    assert spec.errors("bulk", lines) == []
    # Each document line is plain JSON for the ``_source``.
    assert all(json.loads(json.dumps(line)) == line for line in lines)


def test_alias_swap_follows_the_specification(spec: ApiSpec) -> None:
    body = alias_actions("microcat", ["microcat-old"], "microcat-new")
    assert spec.errors("indices.update_aliases", body) == []
    assert [next(iter(action)) for action in body["actions"]] == ["remove", "add"]


@pytest.mark.parametrize(
    ("kind", "body", "complaint"),
    [
        ("search", {"query": {"multimatch": {"query": "x"}}}, "multimatch"),
        ("search", {"query": {"range": {"ects": {"gtee": 3}}}}, "gtee"),
        ("search", {"aggs": {"x": {"terms": {"field": "a", "sise": 3}}}}, "sise"),
        (
            "search",
            {"aggs": {"x": {"filter": {"match_all": {}}, "aggs": {"y": {"range": {"fild": "e"}}}}}},
            "fild",
        ),
        ("indices.create", {"mappings": {"properties": {"a": {"type": "txt"}}}}, "txt"),
        ("indices.update_aliases", {"actions": [{"move": {"index": "a"}}]}, "move"),
        ("bulk", [{"indx": {"_index": "a"}}], "indx"),
    ],
)
def test_the_checker_catches_misspelled_keys(
    spec: ApiSpec, kind: str, body: Any, complaint: str
) -> None:
    assert complaint in " ".join(spec.errors(kind, body))
