"""Pairwise precision, recall and F1 of a clustering, shared by the deduplication benchmarks."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping


def pairs_of(assignment: Mapping[str, str]) -> set[tuple[str, str]]:
    """Every pair ``(a, b)``, ``a < b``, of items that ``assignment`` (item -> cluster) puts in
    one cluster."""
    groups: dict[str, list[str]] = defaultdict(list)
    for item, cluster in assignment.items():
        groups[cluster].append(item)
    found: set[tuple[str, str]] = set()
    for group in groups.values():
        found.update(itertools.combinations(sorted(group), 2))
    return found


def pairwise(
    predicted: set[tuple[str, str]], gold: set[tuple[str, str]]
) -> tuple[float, float, float]:
    """``(precision, recall, F1)`` of ``predicted`` pairs against ``gold``; an empty side
    counts as perfect (nothing claimed is nothing wrong)."""
    true = len(predicted & gold)
    precision = true / len(predicted) if predicted else 1.0
    recall = true / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
