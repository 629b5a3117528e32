"""Search latency and indexing throughput of the embedded backend on a generated catalogue.

For each size: index the synthetic catalogue (end-to-end records/s printed), then run a mix
of text queries with three filters (EQF, ECTS range, ISCED-F) and facets counted
disjunctively: the six a result page shows first (``--facets page``, issue 6's workload), or
every facet the API counts by default (``--facets all``: nine, plus the two finer ISCED-F
levels since a subject is chosen). Print the median and 95th percentile latency. Indexes
are cached under ``benchmarks/.data`` so that a second run measures search only.

``--indexing`` also measures indexing alone: documents are generated and mapped first (at
most ``--pool`` of them, reused with fresh ids up to the size), then only ``rebuild`` is
timed, into a scratch folder that is deleted afterwards.

    python benchmarks/search_latency.py --sizes 100000 1000000
    python benchmarks/search_latency.py --sizes 1000000 --indexing
    python benchmarks/search_latency.py --sizes 1000000 --facets page all

``--opensearch URL`` (default: ``OPENSEARCH_URL`` when set, as ``.ci/opensearch`` exports it)
also indexes the same documents into that OpenSearch node (index prefix
``microcat-bench-SIZE-SEED``, reused when it holds the right count) and runs the same query mix
there, printing its figures under the embedded ones. ``--opensearch ''`` skips it.

    eval "$(.ci/opensearch start 9200)"
    python benchmarks/search_latency.py --sizes 100000
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import random
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from aggregator.demo.catalogue import generate_offers
from mappings.schema import Record
from mappings.transparency import finalise
from search_api.backends.base import SearchBackend
from search_api.backends.embedded import EmbeddedBackend
from search_api.backends.opensearch import OpenSearchBackend
from search_api.documents import to_document
from search_api.query import Filters, SearchQuery
from search_api.service import default_facets

DATA = Path(__file__).parent / ".data"
WORDS = [
    "data",
    "health",
    "management",
    "cyber",
    "sustainable",
    "teaching",
    "energy",
    "digital",
    "nursing",
    "finance",
    "Grundlagen",
    "données",
    "gestión",
    "analisi",
]


def documents(size: int, seed: int) -> Iterator[dict]:
    for number, offer in enumerate(generate_offers(size, seed=seed)):
        record = finalise(Record.model_validate(offer.record))
        record.id = f"bench{number}"
        yield to_document(record)


def indexing(size: int, seed: int, pool: int) -> None:
    """Print the throughput of ``rebuild`` alone, over documents built beforehand."""
    started = time.perf_counter()
    built = list(documents(min(size, pool), seed))
    elapsed = time.perf_counter() - started
    print(f"  generated + mapped {len(built):,} documents in {elapsed:.1f} s (not timed below)")

    def stream() -> Iterator[dict]:
        for number, document in zip(range(size), itertools.cycle(built), strict=False):
            record_id = f"idx{number}"
            yield {**document, "id": record_id, "hit": {**document["hit"], "id": record_id}}

    path = DATA / f"indexing-{size}-{seed}"
    shutil.rmtree(path, ignore_errors=True)
    try:
        backend = EmbeddedBackend(path)
        load = os.getloadavg()
        started = time.perf_counter()
        cpu = _cpu_seconds()
        count = backend.rebuild(stream(), force=True)
        cpu = _cpu_seconds() - cpu
        elapsed = time.perf_counter() - started
        backend.close()
    finally:
        shutil.rmtree(path, ignore_errors=True)
    print(f"  indexed {count:,} documents in {elapsed:.1f} s ({count / elapsed:,.0f} records/s)")
    print(
        f"  CPU {cpu / count * 1e6:.0f} µs per record, all threads (at most "
        f"{os.cpu_count() or 1} cores / that = {(os.cpu_count() or 1) * count / cpu:,.0f} "
        f"records/s on an idle machine); machine load before: "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def build(size: int, seed: int, fresh: bool) -> EmbeddedBackend:
    path = DATA / f"index-{size}-{seed}"
    if fresh and path.exists():
        shutil.rmtree(path)
    # No result cache: every query of the mix is measured, not a repeat of the warm-up.
    backend = EmbeddedBackend(path, cache_size=0)
    # The cache is keyed by size and seed; an index of another schema version is rebuilt.
    # A change to the stored documents that keeps the schema needs --fresh.
    if backend.count() != size or not backend.health()["compatible"]:
        fill(backend, size, seed, "")
    return backend


def fill(backend: SearchBackend, size: int, seed: int, label: str) -> None:
    """Rebuild ``backend`` from the generated catalogue; print the end-to-end records/s."""
    started = time.perf_counter()
    count = backend.rebuild(documents(size, seed), force=True)
    elapsed = time.perf_counter() - started
    print(
        f"  {label}generated + mapped + indexed {count:,} records in {elapsed:.1f} s "
        f"({count / elapsed:,.0f} records/s end to end)"
    )


def queries(count: int, seed: int) -> list[SearchQuery]:
    rng = random.Random(seed)
    mix = []
    for _ in range(count):
        filters = Filters(
            eqf=(rng.choice([5, 6, 7, 8]),),
            ects_min=rng.choice([None, 1, 3]),
            ects_max=rng.choice([10, 30, 60]),
            isced=(rng.choice(["04", "06", "09", "0613", "041"]),),
        )
        mix.append(SearchQuery(text=rng.choice(WORDS), filters=filters, size=20))
    return mix


PAGE_FACETS = ("eqf", "ects", "isced", "country", "lang", "mode")
"""The six facets a learner sees first: level, workload, subject, where, language, how."""


def facet_set(name: str, query: SearchQuery) -> tuple[str, ...]:
    """The facets of ``--facets name``: ``page`` (``PAGE_FACETS``) or ``all`` (the API's
    default for ``query``'s filters)."""
    return PAGE_FACETS if name == "page" else default_facets(query.filters)


def opensearch(url: str, size: int, seed: int) -> OpenSearchBackend:
    """An OpenSearch index of the same documents as the embedded one (built when missing)."""
    backend = OpenSearchBackend(url, index_prefix=f"microcat-bench-{size}-{seed}", timeout=120)
    if backend.count() != size:
        fill(backend, size, seed, f"OpenSearch at {url}: ")
    return backend


def report(label: str, backend: SearchBackend, mix: list[SearchQuery], names: list[str]) -> None:
    """Median and p95 of ``mix`` on ``backend``, once per facet set of ``names``."""
    for name in names:
        facets = facet_set(name, mix[0])
        timings = measure(backend, [dataclasses.replace(q, facets=facets) for q in mix])
        p95 = statistics.quantiles(timings, n=20)[18]
        print(
            f"  {label}text + 3 filters + {len(facets)} disjunctive facets ({', '.join(facets)}),"
            f" {len(timings)} queries: median {statistics.median(timings):.1f} ms,"
            f" p95 {p95:.1f} ms"
        )


def measure(backend: SearchBackend, mix: list[SearchQuery]) -> list[float]:
    for query in mix[:20]:  # warm caches
        backend.search(query)
    timings = []
    for query in mix:
        started = time.perf_counter()
        backend.search(query)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="rebuild cached indexes")
    parser.add_argument("--indexing", action="store_true", help="also time indexing alone")
    parser.add_argument("--pool", type=int, default=100_000, help="documents built for it")
    parser.add_argument(
        "--facets",
        nargs="+",
        choices=("page", "all"),
        default=["page"],
        help="the six facets a page shows first, or every facet the API counts by default",
    )
    parser.add_argument(
        "--opensearch",
        default=os.environ.get("OPENSEARCH_URL", ""),
        help="also run the same queries on this OpenSearch node (default: $OPENSEARCH_URL)",
    )
    args = parser.parse_args(argv)
    for size in args.sizes:
        load = os.getloadavg()
        print(f"{size:,} records (machine load: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
        if args.indexing:
            indexing(size, args.seed, args.pool)
        backend = build(size, args.seed, args.fresh)
        mix = queries(args.queries, args.seed)
        report("", backend, mix, args.facets)
        if args.opensearch:
            remote = opensearch(args.opensearch, size, args.seed)
            report("OpenSearch: ", remote, mix, args.facets)
            remote.close()
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
