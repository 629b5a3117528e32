"""Provider-name matching measured on the Leipzig "Affiliations" gold standard.

The gold data is reference only (no licence): it is read from ``../shared/data`` at run time
and never copied into the project. Prints pairwise precision, recall and F1.

    python benchmarks/dedup_providers.py [--data DIR] [--threshold 90]
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from aggregator.providers import normalise_provider_name, provider_identities

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "dedup" / "affiliations"


def load(folder: Path) -> tuple[dict[str, str], set[tuple[str, str]]]:
    with open(folder / "affiliationstrings.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    names = {row[0]: row[1] for row in rows[1:]}
    gold: set[tuple[str, str]] = set()
    with open(folder / "affiliationstrings_mapping.csv", encoding="utf-8", newline="") as handle:
        for a, b in csv.reader(handle):
            if a != b and a in names and b in names:
                gold.add((min(a, b), max(a, b)))
    return names, gold


def predicted_pairs(names: dict[str, str], threshold: float) -> set[tuple[str, str]]:
    identities = provider_identities(([name] for name in names.values()), threshold=threshold)
    groups: dict[str, list[str]] = defaultdict(list)
    for key, name in names.items():
        groups[identities.of_name[name]].append(key)
    pairs = set()
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            pairs.add((a, b))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--threshold", type=float, nargs="+", default=[90.0])
    parser.add_argument("--show", type=int, default=0, help="print this many errors of each kind")
    args = parser.parse_args()
    names, gold = load(args.data)
    print(f"{len(names)} strings, {len(gold)} gold pairs")
    for threshold in args.threshold:
        started = time.perf_counter()
        found = predicted_pairs(names, threshold)
        elapsed = time.perf_counter() - started
        true = len(found & gold)
        precision = true / len(found) if found else 0.0
        recall = true / len(gold) if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"threshold {threshold:.0f}: precision {precision:.3f}  recall {recall:.3f}"
            f"  F1 {f1:.3f}  ({len(found)} pairs predicted, {elapsed:.2f} s)"
        )
        for label, pairs in (("false match", found - gold), ("missed", gold - found)):
            for a, b in sorted(pairs)[: args.show]:
                print(
                    f"  {label}: {names[a]!r} [{normalise_provider_name(names[a]).core}]"
                    f" ~ {names[b]!r} [{normalise_provider_name(names[b]).core}]"
                )


if __name__ == "__main__":
    main()
