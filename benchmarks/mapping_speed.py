"""Mapping + normalisation + transparency throughput per format, in one process (one core).

Real records only: the golden-pair inputs of ``tests/sample_data/mappings/<format>/`` (LOM,
ELM, DIDL + MODS by default), repeated round-robin to ``--records`` per format and mapped
with ``aggregator.pipeline.map_payload`` — exactly what a harvest does with each record
(``map_raw``: parse, map, validate, normalise, transparency; then the JSON dump). Prints
records/s per format (wall clock and CPU time of this process, which is what "per core"
means on a shared machine), the spread over ``--rounds``, and the target; where a format's
samples differ in size class (ELM: single offers of 3-5 KiB and whole credentials of ~100 KiB),
the rate and KiB/s of each class too.

    python benchmarks/mapping_speed.py [--records 20000] [--rounds 3] [--per-sample]
        [--formats lom elm didl_mods] [--profile FORMAT]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time
from pathlib import Path
from typing import Any

from aggregator.config import Settings
from aggregator.pipeline import map_payload, provider_reference
from mappings.base import parse_json, parse_xml
from mappings.reference import ProviderReference
from mappings.registry import get_mapping

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "sample_data" / "mappings"
MEDIA_TYPES = {".xml": "application/xml", ".json": "application/ld+json"}
TARGET = 5_000
"""Records per second per core (issue 4: mapping + normalisation of LOM and ELM records)."""


def samples(format_name: str) -> list[dict[str, Any]]:
    """The golden-pair inputs of a format as the RawRecords a harvest streams."""
    found = []
    for path in sorted((SAMPLES / format_name).iterdir()):
        if path.suffix in MEDIA_TYPES and not path.name.endswith(".expected.json"):
            found.append(
                {
                    "payload": path.read_text(encoding="utf-8"),
                    "format": format_name,
                    "media_type": MEDIA_TYPES[path.suffix],
                    "remote_id": path.stem,
                    "url": None,
                    "name": path.name,
                }
            )
    if not found:
        raise SystemExit(f"no samples in {SAMPLES / format_name}")
    return found


def measure(
    raws: list[dict[str, Any]], records: int, reference: ProviderReference | None
) -> tuple[float, float]:
    """``(wall records/s, CPU records/s)`` mapping ``records`` records round-robin, matching
    providers against ``reference`` (the lists of ``MICROCAT_REFERENCE_DIR``) when given."""
    batch = [raws[i % len(raws)] for i in range(records)]
    wall, cpu = time.perf_counter(), time.process_time()
    for raw in batch:
        map_payload(raw, reference=reference)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return records / wall, records / cpu


LARGE = 20 * 1024
"""Payload size (characters) from which a sample counts as large: whole ELM credentials of
~100 KiB with embedded display data, where single offers and LOM records are 3-20 KiB."""


def parse_rate(raws: list[dict[str, Any]], records: int) -> float:
    """CPU records/s of parsing the payloads alone (lxml for XML, ``json.loads`` for JSON, as
    the mappings do): the ceiling of any mapping of them in this stack."""
    batch = [raws[i % len(raws)] for i in range(records)]
    cpu = time.process_time()
    for raw in batch:
        payload = raw["payload"]
        if payload.lstrip().startswith("<"):
            # (as the format's mapping parses it: LOM leaves out blank text, for one)
            blanks = getattr(get_mapping(raw["format"]), "keep_blank_text", True)
            parse_xml(payload, raw["format"], keep_blank_text=blanks)
        else:
            parse_json(payload, raw["format"])
    return records / (time.process_time() - cpu)


def size_classes(raws: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The samples by size class (only when a format has both), for the rate of each."""
    small = [raw for raw in raws if len(raw["payload"]) < LARGE]
    large = [raw for raw in raws if len(raw["payload"]) >= LARGE]
    if not small or not large:
        return []
    return [("small (< 20 KiB)", small), ("large (>= 20 KiB)", large)]


def spread(rates: list[float]) -> str:
    median, low, high = statistics.median(rates), min(rates), max(rates)
    return f"median {median:>8,.0f}  (min {low:,.0f}, max {high:,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="+", default=["lom", "elm", "didl_mods"])
    parser.add_argument("--records", type=int, default=20_000, help="records per format")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per format")
    parser.add_argument("--per-sample", action="store_true", help="rate of each sample alone")
    parser.add_argument("--profile", metavar="FORMAT", help="cProfile one round of FORMAT")
    args = parser.parse_args()

    reference = provider_reference(Settings.from_env())
    if reference is not None:
        print("MICROCAT_REFERENCE_DIR is set: provider enrichment is measured too")
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores: > 1 means another process competes)")
    print(f"target: {TARGET:,} records/s per core; {args.records:,} records per format\n")
    for format_name in args.formats:
        raws = samples(format_name)
        for raw in raws:  # warm up: vocabularies, compiled patterns, pydantic validators
            map_payload(raw, reference=reference)
        if args.profile == format_name:
            profiler = cProfile.Profile()
            profiler.runcall(measure, raws, args.records, reference)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        results = [measure(raws, args.records, reference) for _ in range(args.rounds)]
        cpu = [result[1] for result in results]
        verdict = "meets" if statistics.median(cpu) >= TARGET else "BELOW"
        size = sum(len(raw["payload"]) for raw in raws) / len(raws) / 1024
        print(f"{format_name:<10} {len(raws)} samples, mean {size:,.1f} KiB")
        print(f"  CPU  records/s {spread(cpu)}  {verdict} the target")
        print(f"  wall records/s {spread([result[0] for result in results])}")
        for label, members in size_classes(raws):
            _, cpu_rate = measure(members, max(args.records // 4, 1), reference)
            kib = sum(len(raw["payload"]) for raw in members) / len(members) / 1024
            ceiling = parse_rate(members, max(args.records // 4, 1))
            print(
                f"    {label:<26} {len(members)} samples, mean {kib:>6.1f} KiB"
                f"  CPU {cpu_rate:>7,.0f} records/s  {cpu_rate * kib:>8,.0f} KiB/s"
                f"  (parsing alone: {ceiling:>7,.0f} records/s)"
            )
        if args.per_sample:
            for raw in raws:
                count = max(args.records // len(raws), 1)
                _, cpu_rate = measure([raw], count, reference)
                kib = len(raw["payload"]) / 1024
                print(
                    f"    {raw['name']:<52} {kib:>7.1f} KiB  CPU {cpu_rate:>8,.0f}/s"
                    f"  (parsing alone {parse_rate([raw], count):>8,.0f}/s)"
                )
        print()


if __name__ == "__main__":
    main()
