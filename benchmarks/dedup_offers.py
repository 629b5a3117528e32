"""Offer deduplication: full and incremental time, precision / recall against planted truth.

For each size, a synthetic catalogue (``aggregator.demo.catalogue.generate_offers``) is
generated; all but the last ``--changed`` listings are clustered from scratch (timed: "full"),
then the changed listings (half new, half edits of earlier ones) are matched incrementally
(timed: "incremental"). Pairwise precision, recall and F1 are measured on the final clusters
against the planted ``truth``; a false merge is a predicted pair of two different truths, and
those involving a hard negative are counted apart. ``--verify`` also clusters everything from
scratch and reports how far the incremental result agrees.

``--store`` measures the same through the SQLite store (``refresh_clusters``: matching,
merging and writing the touched clusters; search indexing is left out), in a scratch folder
(``--store-dir``); with ``--verify`` the store is then recomputed from scratch and compared.

Then the SURF labelled pairs (items that Edurep's OAI-PMH LOM feed and Sharekit's JSON:API
both list, ``tests/sample_data/oai-pmh/surf-edurep-lom/DERIVED_same_uuid_pairs.csv``): both
recordings are stored, mapped and clustered as a harvest does, and the pairs are checked
(pairwise precision, recall and F1 over the records still live at the end).

    python benchmarks/dedup_offers.py --sizes 100000 300000 1000000
    python benchmarks/dedup_offers.py --sizes 50000 --store --no-memory --verify
    python benchmarks/dedup_offers.py --surf-only
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pairwise import pairs_of, pairwise

from aggregator.dedup import Member, MemoryIndex, deduplicate
from aggregator.demo.catalogue import EUROPEAN_CATALOGUE, ProviderKind, generate_offers

SURF = Path(__file__).resolve().parents[1] / "tests" / "sample_data" / "oai-pmh" / "surf-edurep-lom"


def feed_kinds(offers, seed: int, n: int) -> dict[str, str]:
    from aggregator.demo.catalogue import default_provider_count, generate_providers

    kinds = {EUROPEAN_CATALOGUE: "catalogue"}
    for provider in generate_providers(default_provider_count(n), seed):
        if provider.kind is ProviderKind.NATIONAL_CATALOGUE:
            kinds[provider.id] = "catalogue"
        elif provider.kind is ProviderKind.MOOC_PLATFORM:
            kinds[provider.id] = "platform"
    return kinds


def measure(n: int, seed: int, changed: int, verify: bool) -> None:
    started = time.perf_counter()
    offers = list(generate_offers(n, seed=seed))
    kinds = feed_kinds(offers, seed, n)
    feeds: dict[str, int] = {}
    members = []
    for index, item in enumerate(offers):
        feed_id = feeds.setdefault(item.source, len(feeds) + 1)
        kind = kinds.get(item.source, "provider")
        members.append(Member(f"r{index:07d}", feed_id, kind, item.source, item.record))
    print(
        f"\n{n:,} listings ({len(feeds)} feeds) generated in {time.perf_counter() - started:.1f} s"
    )
    first, rest = members[: n - changed], members[n - changed :]
    new, edits = rest[: changed // 2], []
    for old in first[: changed - len(new)]:
        # An edit: the same listing with its title re-cased and a longer description.
        data = dict(old.data)
        data["title"] = {lang: text.upper() for lang, text in data["title"].items()}
        edits.append(Member(old.record_id, old.feed_id, old.feed_kind, old.feed_name, data))
    gc.collect()
    started = time.perf_counter()
    index = MemoryIndex(first)
    full_time = time.perf_counter() - started
    started = time.perf_counter()
    update = index.update(new + edits)
    incremental_time = time.perf_counter() - started
    # Records not re-listed in this run: the last half of ``rest`` stays out (never added).
    final = {m.record_id: m for m in [*first, *new, *edits]}
    truth = {m.record_id: offers[int(m.record_id[1:])].truth for m in final.values()}
    variant = {m.record_id: offers[int(m.record_id[1:])].variant for m in final.values()}
    predicted = pairs_of(index.assignment)
    gold = pairs_of(truth)
    precision, recall, f1 = pairwise(predicted, gold)
    false_merges = predicted - gold
    negatives = sum(1 for a, b in false_merges if "hard-negative" in (variant[a], variant[b]))
    hard_negative_count = sum(1 for v in variant.values() if v == "hard-negative")
    print(
        f"full dedup of {len(first):,}: {full_time:.1f} s ({len(first) / full_time:,.0f} records/s)"
    )
    print(
        f"incremental {len(new)} new + {len(edits)} edited: {incremental_time:.2f} s"
        f" ({update.compared:,} pairs scored)"
    )
    print(
        f"pairwise precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}"
        f"  ({len(predicted):,} predicted, {len(gold):,} gold pairs)"
    )
    print(
        f"false merges: {len(false_merges):,} pairs, {negatives:,} of them with one of the"
        f" {hard_negative_count:,} hard negatives"
    )
    if verify:
        started = time.perf_counter()
        full = deduplicate(final.values()).assignment
        elapsed = time.perf_counter() - started
        again = pairs_of(full)
        agree = len(again & predicted) / max(1, len(again | predicted))
        print(
            f"full recomputation of {len(final):,}: {elapsed:.1f} s; pairs agreeing with the"
            f" incremental result: {agree:.4f} (Jaccard)"
        )


class _NullBackend:
    """Search indexing is not what is measured here (the search benchmarks time it)."""

    def index(self, documents) -> int:
        return sum(1 for _ in documents)

    def delete(self, ids) -> None:
        pass


def measure_store(n: int, seed: int, changed: int, verify: bool, folder: Path | None) -> None:
    """The same catalogue through the SQLite store, as a harvest refreshes it: a full
    refresh first, then ``changed`` records (half new, half edited) refreshed incrementally
    (matching, merging and writing the touched clusters, one transaction)."""
    import tempfile

    from aggregator.pipeline import refresh_clusters
    from aggregator.store import Store

    offers = list(generate_offers(n, seed=seed))
    kinds = feed_kinds(offers, seed, n)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        store = Store(Path(scratch) / "store.sqlite3")
        feeds: dict[str, int] = {}
        ids = []
        with store.transaction():
            for index, item in enumerate(offers):
                if item.source not in feeds:
                    kind = kinds.get(item.source, "provider")
                    feed = store.add_feed(
                        f"https://{len(feeds)}.example/oai", "oai-pmh", name=item.source, kind=kind
                    )
                    feeds[item.source] = feed.id
                feed_id = feeds[item.source]
                record_id = store.put_raw(
                    {"feed_id": feed_id, "remote_id": f"r{index:07d}", "payload": "x"}
                )[1]
                ids.append((record_id, feed_id, item.record))
        first, rest = ids[: n - changed], ids[n - changed :]
        with store.transaction():
            for record_id, feed_id, data in first:
                store.put_record(record_id, feed_id, data)
        backend = _NullBackend()
        started = time.perf_counter()
        refresh_clusters(store, backend, full=True)
        full_time = time.perf_counter() - started
        new = rest[: changed // 2]
        edits = []
        for record_id, feed_id, data in first[: changed - len(new)]:
            data = dict(data)
            data["title"] = {lang: text.upper() for lang, text in data["title"].items()}
            edits.append((record_id, feed_id, data))
        with store.transaction():
            for record_id, feed_id, data in new + edits:
                store.put_record(record_id, feed_id, data)
        gc.collect()
        load = os.getloadavg()[0]
        started, cpu = time.perf_counter(), time.process_time()
        written, removed = refresh_clusters(store, backend, [r for r, _, _ in new + edits])
        incremental_time = time.perf_counter() - started
        cpu = time.process_time() - cpu
        print(
            f"through the store: full refresh of {len(first):,}: {full_time:.1f} s;"
            f" incremental {len(new)} new + {len(edits)} edited: {incremental_time:.2f} s"
            f" ({cpu:.2f} s CPU; load average {load:.1f} before;"
            f" {written} clusters written, {removed} removed)"
        )
        if verify:
            incremental = pairs_of(store.cluster_assignments())
            started = time.perf_counter()
            refresh_clusters(store, backend, full=True)
            elapsed = time.perf_counter() - started
            again = pairs_of(store.cluster_assignments())
            agree = len(again & incremental) / max(1, len(again | incremental))
            print(
                f"through the store: full recomputation {elapsed:.1f} s; pairs agreeing with"
                f" the incremental result: {agree:.4f} (Jaccard)"
            )
        store.close()


def surf_raw_records(folder: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(source, file, RawRecord) of the SURF recordings, as the harvesters emit them: the
    Edurep OAI-PMH (LOM) pages and the Sharekit JSON:API pages, first the initial harvest,
    then the delta; a Sharekit item is a tombstone as the JSON spider decides
    (``record_deleted``: ``meta.status`` is ``deleted``)."""
    from harvesters.oai import parse_list_records
    from harvesters.spiders.json_api import record_deleted

    for stage in ("initial", "delta"):
        for path in sorted(folder.glob(f"edurep-oaipmh.{stage}.*.xml")):
            for record in parse_list_records(path.read_bytes()).records:
                if record.identifier is None:
                    continue
                yield "edurep_oaipmh_lom", path.name, {
                    "remote_id": record.identifier, "deleted": record.deleted,
                    "format": "lom", "payload": record.metadata or "",
                    "media_type": "application/xml",
                }  # fmt: skip
        for path in sorted(folder.glob(f"sharekit-api.{stage}.*.json")):
            for item in json.loads(path.read_text(encoding="utf-8"))["data"]:
                deleted = record_deleted(item)
                yield "sharekit_jsonapi", path.name, {
                    "remote_id": item["id"], "deleted": deleted, "format": "sharekit",
                    "payload": json.dumps(item, ensure_ascii=False),
                    "media_type": "application/json",
                }  # fmt: skip


def surf(folder: Path = SURF) -> None:
    """The SURF items two protocols list (same UUID): harvested into a store as the pipeline
    does (store, map, refresh the clusters after each stage), then the labelled pairs are
    checked against the clusters: pairwise precision, recall and F1 over the live records."""
    import tempfile

    from aggregator.config import Settings
    from aggregator.pipeline import map_payload, provider_reference, refresh_clusters
    from aggregator.store import Outcome, Store

    # As a harvest maps: with the reference lists of MICROCAT_REFERENCE_DIR when it is set.
    reference = provider_reference(Settings.from_env())

    pairs_file = folder / "DERIVED_same_uuid_pairs.csv"
    if not pairs_file.exists():
        print("\nSURF: data not found")
        return
    with open(pairs_file, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with tempfile.TemporaryDirectory() as scratch:
        store = Store(Path(scratch) / "store.sqlite3")
        feeds = {
            "edurep_oaipmh_lom": store.add_feed(
                "https://oai.edurep.example/oai", "oai-pmh", format="lom", name="Edurep",
                kind="catalogue",
            ).id,
            "sharekit_jsonapi": store.add_feed(
                "https://api.sharekit.example/repoItems", "json", format="sharekit",
                name="Sharekit",
            ).id,
        }  # fmt: skip
        record_of: dict[tuple[str, str], str] = {}
        stage = None
        unmapped = 0
        for source, file, raw in surf_raw_records(folder):
            if stage != file.split(".")[1]:
                if stage is not None:
                    refresh_clusters(store, _NullBackend())
                stage = file.split(".")[1]
            raw["feed_id"] = feeds[source]
            with store.transaction():
                outcome, record_id = store.put_raw(raw)
                record_of[(source, raw["remote_id"])] = record_id
                if outcome is Outcome.DELETED:
                    store.delete_record(record_id)
                elif outcome in (Outcome.NEW, Outcome.CHANGED):
                    try:
                        store.put_record(
                            record_id, feeds[source], map_payload(raw, reference=reference)
                        )
                    except ValueError as error:  # MappingError too
                        unmapped += 1
                        print(f"  {file} {raw['remote_id']}: not mapped ({error})")
        refresh_clusters(store, _NullBackend())
        assignment = {r: c for r, c in store.cluster_assignments().items() if c}
        store.close()
    gold: set[tuple[str, str]] = set()
    skipped: Counter[str] = Counter()
    for row in rows:
        a = record_of.get((row["source_a"], row["id_a"]))
        b = record_of.get((row["source_b"], row["id_b"]))
        if a is None or b is None:
            skipped["a side was never harvested"] += 1
        elif a == b:
            skipped["one record (initial and delta of one source)"] += 1
        elif a not in assignment or b not in assignment:
            skipped["a side is deleted by the end"] += 1
        else:
            gold.add((min(a, b), max(a, b)))
    predicted = pairs_of(assignment)
    precision, recall, f1 = pairwise(predicted, gold)
    true = len(predicted & gold)
    print(
        f"\nSURF same-UUID pairs ({len(rows)} labelled): {len(assignment)} live records"
        f" ({unmapped} not mapped) in {len(set(assignment.values()))} clusters;"
        f" {len(gold)} labelled pairs of two live records"
    )
    for label, count in skipped.most_common():
        print(f"  {count:3d}  not counted: {label}")
    print(
        f"  pairwise precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}"
        f"  ({len(predicted)} predicted, {true} of them labelled)"
    )
    for a, b in sorted(gold - predicted):
        print(f"  missed: {a} ~ {b}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--changed", type=int, default=1000)
    parser.add_argument("--verify", action="store_true", help="also recompute from scratch")
    parser.add_argument("--no-surf", action="store_true")
    parser.add_argument("--surf-only", action="store_true", help="only the SURF pairs")
    parser.add_argument(
        "--store", action="store_true", help="also measure through the SQLite store"
    )
    parser.add_argument("--store-dir", type=Path, help="where the scratch store is made")
    parser.add_argument("--no-memory", action="store_true", help="skip the in-memory run")
    args = parser.parse_args()
    for n in [] if args.surf_only else args.sizes:
        if not args.no_memory:
            measure(n, args.seed, args.changed, args.verify)
        if args.store:
            measure_store(n, args.seed, args.changed, args.verify, args.store_dir)
    if not args.no_surf:
        surf()


if __name__ == "__main__":
    main()
