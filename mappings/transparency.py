"""Derived elements: the Annex I traffic light, missing elements, the micro-credential flag."""

from __future__ import annotations

from mappings.schema import Record, Transparency

ANNEX_I_ELEMENTS: tuple[str, ...] = (
    "title",
    "awarding_body",
    "country",
    "learning_outcomes",
    "workload",
    "level",
    "assessment",
    "participation",
    "quality_assurance",
)
"""The nine Annex I elements a catalogue entry can carry (DESIGN.md, "Transparency")."""

_CORE = ("title", "awarding_body", "country")
_CORE_SET = frozenset(_CORE)
_AMBER_OTHERS = 3
"""Elements besides the core three that an amber record carries at least."""

MAX_MICROCREDENTIAL_ECTS = 59
MIN_MICROCREDENTIAL_ECTS = 1


def _present(record: Record) -> dict[str, bool]:
    bodies = record.awarding_bodies or ([record.provider] if record.provider else [])
    # (``any([...])``, not ``any(...)`` over a generator: the lists are short, and a generator
    # costs a frame; every record passes here.)
    return {
        "title": bool(record.title),
        "awarding_body": any([body.name for body in bodies]),
        "country": any([body.country for body in bodies]),
        "learning_outcomes": any([outcome.text for outcome in record.learning_outcomes]),
        "workload": record.workload.ects is not None or record.workload.hours is not None,
        "level": record.level.eqf is not None
        or record.level.qf_ehea is not None
        or record.level.nqf is not None,
        "assessment": record.assessment.type is not None or bool(record.assessment.text),
        "participation": record.participation.mode is not None,
        "quality_assurance": record.quality_assurance.type is not None,
    }


def missing_elements(record: Record) -> list[str]:
    """The Annex I elements the record does not carry, in Annex I order."""
    return _missing(_present(record))


def _missing(present: dict[str, bool]) -> list[str]:
    return [element for element in ANNEX_I_ELEMENTS if not present[element]]


def transparency_level(record: Record) -> Transparency:
    """Green: all nine; amber: title, awarding body, country and three more; red: less."""
    return _level(_missing(_present(record)))


def _level(missing: list[str]) -> Transparency:
    # From the missing elements (which ``finalise`` has at hand): one list, not a test per
    # element.
    if not missing:
        return Transparency.GREEN
    others = len(ANNEX_I_ELEMENTS) - len(_CORE) - len(missing)  # (when no core one is missing)
    if others >= _AMBER_OTHERS and _CORE_SET.isdisjoint(missing):
        return Transparency.AMBER
    return Transparency.RED


def is_microcredential(record: Record) -> bool | None:
    """DEQAR: 1-59 ECTS; unknown (None) when no ECTS is known."""
    ects = record.workload.ects
    if ects is None:
        return None
    return MIN_MICROCREDENTIAL_ECTS <= ects <= MAX_MICROCREDENTIAL_ECTS


def finalise(record: Record) -> Record:
    """Fill the derived elements of a mapped record (in place) and return it."""
    missing = _missing(_present(record))
    record.missing = missing
    record.transparency = _level(missing)
    record.is_microcredential = is_microcredential(record)
    return record
