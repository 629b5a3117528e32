"""Provider-name matching on real European institutions: the ETER list of ``../shared``.

Each ETER row is one higher-education institution with its national and English names, so
two names of one row name one provider and names of two rows name two. Every distinct name
is given to ``provider_identities`` on its own (as records naming their provider would), and
the identities are scored pairwise: precision says how often two different institutions are
made one provider (their offers could then be merged), recall how often the national and
English names of one institution are found alike (the reference-list match, which gives
both the institution's ETER id, does most of that in a harvest).

    python benchmarks/provider_names_eter.py [--data DIR] [--show 20]

Names that two rows share are left out (they name no single institution).
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import defaultdict
from pathlib import Path

from pairwise import pairs_of, pairwise

from aggregator.providers import provider_identities

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "reference" / "deqar-eter"


def load(folder: Path) -> dict[str, str]:
    """Name -> the ETER id of the one institution it names."""
    owners: dict[str, set[str]] = defaultdict(set)
    with open(folder / "DERIVED_eter_institutions_2018.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for column in ("name", "name_english"):
                if name := (row[column] or "").strip():
                    owners[name].add(row["eter_id"])
    return {name: ids.pop() for name, ids in owners.items() if len(ids) == 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=20, help="merged identities to print")
    args = parser.parse_args()
    institution_of = load(args.data)
    started = time.perf_counter()
    identity_of = provider_identities([name] for name in institution_of).of_name
    elapsed = time.perf_counter() - started
    truth, found = pairs_of(institution_of), pairs_of(identity_of)
    precision, recall, f1 = pairwise(found, truth)
    members: dict[str, list[str]] = defaultdict(list)
    for name, identity in identity_of.items():
        members[identity].append(name)
    merged = [names for names in members.values() if len({institution_of[n] for n in names}) > 1]
    print(
        f"{len(institution_of)} names of {len(set(institution_of.values()))} institutions"
        f" ({elapsed:.2f} s)"
    )
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(
        f"identities joining several institutions: {len(merged)}"
        f" ({sum(len({institution_of[n] for n in names}) for names in merged)} institutions)"
    )
    for names in sorted(merged, key=lambda names: (-len(names), sorted(names)))[: args.show]:
        print("  " + " | ".join(sorted(names)))


if __name__ == "__main__":
    main()
