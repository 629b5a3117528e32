"""Mapping reports: how well a feed's records fill the common elements."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aggregator.store import Store

REPORT_ELEMENTS: tuple[str, ...] = (
    "title",
    "description",
    "url",
    "provider.name",
    "provider.country",
    "awarding_bodies",
    "learning_outcomes",
    "workload.ects",
    "workload.hours",
    "level.eqf",
    "level.qf_ehea",
    "level.nqf",
    "subject.isced",
    "subject.keywords",
    "assessment.type",
    "participation.mode",
    "participation.languages",
    "quality_assurance.type",
    "stackability.option",
    "prerequisites",
    "start_date",
    "price",
)
"""Elements (dotted paths into ``Record`` JSON) counted by a mapping report."""


DERIVED_FLAGS: dict[str, str] = {
    "workload.ects": "workload.ects_derived",
    "quality_assurance.type": "quality_assurance.type_derived",
}
"""Elements whose value may be derived rather than stated -> the flag that says so (the
provider's derived fields are listed in ``provider.derived``)."""


def _derived(data: dict[str, Any], path: str) -> bool:
    """Whether the record's value of ``path`` was derived (hours, reference lists), not stated."""
    if path in DERIVED_FLAGS:
        return bool(_value(data, DERIVED_FLAGS[path]))
    if path.startswith("provider."):
        return path.removeprefix("provider.") in (_value(data, "provider.derived") or [])
    return False


def _value(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _filled(value: Any) -> bool:
    if isinstance(value, dict | list | str):
        return bool(value)
    return value is not None


@dataclass
class MappingReport:
    feed_id: int
    records: int = 0
    elements: Counter[str] = field(default_factory=Counter)
    derived: Counter[str] = field(default_factory=Counter)
    """Of ``elements``, how many values were derived rather than stated by the feed."""
    transparency: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        return {
            "feed_id": self.feed_id,
            "records": self.records,
            "elements": {name: self.elements[name] for name in REPORT_ELEMENTS},
            "derived": {name: self.derived[name] for name in REPORT_ELEMENTS if self.derived[name]},
            "transparency": dict(self.transparency),
            "missing": dict(self.missing.most_common()),
        }


def mapping_report(store: Store, feed_id: int) -> MappingReport:
    """Count, for each element, how many of the feed's mapped records carry it."""
    store.feed(feed_id)  # KeyError for an unknown feed
    report = MappingReport(feed_id)
    for _, _, data in store.records(feed_id=feed_id):
        report.records += 1
        for path in REPORT_ELEMENTS:
            if _filled(_value(data, path)):
                report.elements[path] += 1
                if _derived(data, path):
                    report.derived[path] += 1
        report.transparency[data.get("transparency") or "unknown"] += 1
        report.missing.update(data.get("missing") or [])
    return report
