"""Search latency of the embedded backend on a generated catalogue.

For each size: index the synthetic catalogue (records/s printed), then run a mix of text
queries with three filters and every facet counted (disjunctively), and print the median and
95th percentile latency. Indexes are cached under ``benchmarks/.data`` so that a second run
measures search only.

    python benchmarks/search_latency.py --sizes 100000 1000000
"""

from __future__ import annotations

import argparse
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


def build(size: int, seed: int, fresh: bool) -> EmbeddedBackend:
    path = DATA / f"index-{size}-{seed}"
    if fresh and path.exists():
        shutil.rmtree(path)
    backend = EmbeddedBackend(path)
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
    args = parser.parse_args(argv)
    for size in args.sizes:
        print(f"{size:,} records")
        backend = build(size, args.seed, args.fresh)
        timings = measure(backend, queries(args.queries, args.seed))
        p95 = statistics.quantiles(timings, n=20)[18]
        print(
            f"  text + 3 filters + {len(SearchQuery().facets)} disjunctive facets, "
            f"{len(timings)} queries: median {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms"
        )
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
