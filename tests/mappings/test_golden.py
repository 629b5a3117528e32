"""Golden pairs: every real sample in ``tests/sample_data/mappings/<format>/`` mapped through
``map_raw`` must equal the hand-checked ``<name>.expected.json`` beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mappings.registry import RawInput, formats, map_raw

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings"
MEDIA_TYPES = {".xml": "application/xml", ".json": "application/ld+json"}


def _golden_pairs() -> list[tuple[str, Path, Path]]:
    pairs = []
    for expected in sorted(SAMPLES.glob("*/*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        inputs = [
            path for suffix in MEDIA_TYPES if (path := expected.with_name(stem + suffix)).exists()
        ]
        assert len(inputs) == 1, f"{expected}: expected exactly one input beside it"
        pairs.append((expected.parent.name, inputs[0], expected))
    return pairs


GOLDEN_PAIRS = _golden_pairs()


@pytest.mark.parametrize(
    ("format_name", "source", "expected"),
    GOLDEN_PAIRS,
    ids=[f"{format_name}/{source.name}" for format_name, source, _ in GOLDEN_PAIRS],
)
def test_golden_pair(format_name: str, source: Path, expected: Path) -> None:
    raw = RawInput(
        payload=source.read_text(encoding="utf-8"),
        format=format_name,
        media_type=MEDIA_TYPES[source.suffix],
    )
    record = map_raw(raw)
    assert record.model_dump(mode="json") == json.loads(expected.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "format_name",
    [
        "oai_dc",
        "lom",
        "didl_mods",
        "schema.org",
        "elm",
        "ctdl",
        "xcri-cap",
        "ooapi",
        "ewp",
        "csv",
        "sharekit",
    ],
)
def test_every_format_has_three_real_samples(format_name: str) -> None:
    assert format_name in formats()
    assert sum(1 for pair in GOLDEN_PAIRS if pair[0] == format_name) >= 3


def test_every_sample_folder_names_its_source_and_licence() -> None:
    for folder in {source.parent for _, source, _ in GOLDEN_PAIRS}:
        assert (folder / "SOURCE.txt").exists(), folder
        assert list(folder.glob("LICENSE*")), folder
        sources = (folder / "SOURCE.txt").read_text(encoding="utf-8")
        for source in folder.iterdir():
            if source.suffix in MEDIA_TYPES and not source.name.endswith(".expected.json"):
                assert source.name in sources, f"{source.name} is not in {folder}/SOURCE.txt"
