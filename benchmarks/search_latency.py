"""Search latency and indexing throughput of the embedded backend on a generated catalogue.

For each size: index the synthetic catalogue (end-to-end records/s printed), then run a mix
of text queries with three filters and the facets counted (disjunctively): every facet, and
the six a result page typically shows. Print the median and 95th percentile latency. Indexes
are cached under ``benchmarks/.data`` so that a second run measures search only.

``--indexing`` also measures indexing alone: documents are generated and mapped first (at
most ``--pool`` of them, reused with fresh ids up to the size), then only ``rebuild`` is
timed, into a scratch folder that is deleted afterwards.

    python benchmarks/search_latency.py --sizes 100000 1000000
    python benchmarks/search_latency.py --sizes 1000000 --indexing
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import random
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from aggregator.demo.catalogue import generate_offers
from mappings.schema import Record
from mappings.transparency import finalise
from search_api.backends.embedded import EmbeddedBackend
from search_api.documents import to_document
from search_api.query import Filters, SearchQuery

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
        started = time.perf_counter()
        count = backend.rebuild(stream(), force=True)
        elapsed = time.perf_counter() - started
        backend.close()
    finally:
        shutil.rmtree(path, ignore_errors=True)
    print(f"  indexed {count:,} documents in {elapsed:.1f} s ({count / elapsed:,.0f} records/s)")


def build(size: int, seed: int, fresh: bool) -> EmbeddedBackend:
    path = DATA / f"index-{size}-{seed}"
    if fresh and path.exists():
        shutil.rmtree(path)
    # No result cache: every query of the mix is measured, not a repeat of the warm-up.
    backend = EmbeddedBackend(path, cache_size=0)
    if backend.count() != size:
        started = time.perf_counter()
        count = backend.rebuild(documents(size, seed), force=True)
        elapsed = time.perf_counter() - started
        print(
            f"  generated + mapped + indexed {count:,} records in {elapsed:.1f} s "
            f"({count / elapsed:,.0f} records/s end to end)"
        )
    return backend


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
"""Six facets a result page shows first."""


def measure(backend: EmbeddedBackend, mix: list[SearchQuery]) -> list[float]:
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
    args = parser.parse_args(argv)
    for size in args.sizes:
        print(f"{size:,} records")
        if args.indexing:
            indexing(size, args.seed, args.pool)
        backend = build(size, args.seed, args.fresh)
        mix = queries(args.queries, args.seed)
        for facets in (SearchQuery().facets, PAGE_FACETS):
            timings = measure(backend, [dataclasses.replace(q, facets=facets) for q in mix])
            p95 = statistics.quantiles(timings, n=20)[18]
            print(
                f"  text + 3 filters + {len(facets)} disjunctive facets, "
                f"{len(timings)} queries: median {statistics.median(timings):.1f} ms, "
                f"p95 {p95:.1f} ms"
            )
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
