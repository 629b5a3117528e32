"""Offer deduplication: full and incremental time, precision / recall against planted truth.

For each size, a synthetic catalogue (``aggregator.demo.catalogue.generate_offers``) is
generated; all but the last ``--changed`` listings are clustered from scratch (timed: "full"),
then the changed listings (half new, half edits of earlier ones) are matched incrementally
(timed: "incremental"). Pairwise precision, recall and F1 are measured on the final clusters
against the planted ``truth``; a false merge is a predicted pair of two different truths, and
those involving a hard negative are counted apart. ``--verify`` also clusters everything from
scratch and reports how far the incremental result agrees.

Then the SURF labelled pairs (items that Edurep's OAI-PMH LOM feed and Sharekit's JSON:API
both list, ``../shared/data/oai-pmh/surf-edurep-lom/DERIVED_same_uuid_pairs.csv``) are mapped
where a mapping exists and checked.

    python benchmarks/dedup_offers.py --sizes 100000 300000 1000000
"""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import time
from collections import Counter, defaultdict
from pathlib import Path

from aggregator.dedup import Member, MemoryIndex, deduplicate
from aggregator.demo.catalogue import EUROPEAN_CATALOGUE, ProviderKind, generate_offers

SURF = Path(__file__).resolve().parents[2] / "shared" / "data" / "oai-pmh" / "surf-edurep-lom"


def feed_kinds(offers, seed: int, n: int) -> dict[str, str]:
    from aggregator.demo.catalogue import default_provider_count, generate_providers

    kinds = {EUROPEAN_CATALOGUE: "catalogue"}
    for provider in generate_providers(default_provider_count(n), seed):
        if provider.kind is ProviderKind.NATIONAL_CATALOGUE:
            kinds[provider.id] = "catalogue"
        elif provider.kind is ProviderKind.MOOC_PLATFORM:
            kinds[provider.id] = "platform"
    return kinds


def pairs_of(groups) -> set[tuple[str, str]]:
    found = set()
    for group in groups:
        if len(group) > 1:
            found.update(itertools.combinations(sorted(group), 2))
    return found


def grouped(assignment: dict[str, str]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for record_id, cluster_id in assignment.items():
        groups[cluster_id].append(record_id)
    return list(groups.values())


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
    predicted = pairs_of(grouped(index.assignment))
    gold = pairs_of(grouped(truth))
    true = len(predicted & gold)
    precision = true / len(predicted) if predicted else 1.0
    recall = true / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
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
        again = pairs_of(grouped(full))
        agree = len(again & predicted) / max(1, len(again | predicted))
        print(
            f"full recomputation of {len(final):,}: {elapsed:.1f} s; pairs agreeing with the"
            f" incremental result: {agree:.4f} (Jaccard)"
        )


def surf() -> None:
    """The SURF items listed by two protocols (same UUID): do their records cluster?"""
    from lxml import etree

    from aggregator.pipeline import map_payload

    pairs_file = SURF / "DERIVED_same_uuid_pairs.csv"
    if not pairs_file.exists():
        print("\nSURF: data not found")
        return
    with open(pairs_file, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    oai = "{http://www.openarchives.org/OAI/2.0/}"
    mapped: dict[tuple[str, str], Member] = {}
    feeds: dict[str, int] = {}
    for path in sorted(SURF.glob("edurep-oaipmh.*.xml")):
        feed_id = feeds.setdefault(path.name, len(feeds) + 1)
        for record in etree.parse(str(path)).iter(f"{oai}record"):
            header = record.find(f"{oai}header")
            identifier = header.findtext(f"{oai}identifier") if header is not None else None
            metadata = record.find(f"{oai}metadata")
            if identifier is None or metadata is None or not len(metadata):
                continue
            payload = etree.tostring(metadata[0], encoding="unicode")
            try:
                data = map_payload(
                    {"payload": payload, "format": "lom", "media_type": "application/xml",
                     "remote_id": identifier}
                )  # fmt: skip
            except Exception as error:  # noqa: BLE001 - a benchmark reports and goes on
                print(f"  {path.name} {identifier}: not mapped ({error})")
                continue
            mapped[(path.name, identifier)] = Member(
                f"{path.name}:{identifier}", feed_id, "provider", path.name, data
            )
    outcome: Counter[str] = Counter()
    members = list(mapped.values())
    assignment = deduplicate(members).assignment if members else {}
    for row in rows:
        if row["deleted_a"] == "True" or row["deleted_b"] == "True":
            outcome["a side is a deletion (tombstone, nothing to match)"] += 1
            continue
        a = mapped.get((row["file_a"], row["id_a"]))
        b = mapped.get((row["file_b"], row["id_b"]))
        if "sharekit_jsonapi" in (row["source_a"], row["source_b"]):
            outcome["needs the Sharekit JSON:API mapping (none yet)"] += 1
        elif a is None or b is None:
            outcome["LOM record not mapped"] += 1
        elif assignment[a.record_id] == assignment[b.record_id]:
            outcome["LOM / LOM: same cluster"] += 1
        else:
            outcome["LOM / LOM: missed"] += 1
    print(f"\nSURF same-UUID pairs ({len(rows)}), {len(members)} LOM records mapped:")
    for label, count in outcome.most_common():
        print(f"  {count:3d}  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--changed", type=int, default=1000)
    parser.add_argument("--verify", action="store_true", help="also recompute from scratch")
    parser.add_argument("--no-surf", action="store_true")
    args = parser.parse_args()
    for n in args.sizes:
        measure(n, args.seed, args.changed, args.verify)
    if not args.no_surf:
        surf()


if __name__ == "__main__":
    main()
