"""The registry of mappings: one mapping per metadata format, picked by format name."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping as MappingOf
from dataclasses import dataclass
from typing import Any, Protocol

from mappings.schema import Record
from mappings.transparency import finalise


class MappingError(ValueError):
    """A payload that its mapping cannot read; the message says why."""


@dataclass(frozen=True)
class RawInput:
    """What a mapping sees of a harvested record."""

    payload: str
    format: str
    media_type: str = "application/octet-stream"
    remote_id: str | None = None
    url: str | None = None
    options: MappingOf[str, Any] | None = None
    """Per-feed configuration a mapping may need (``field_map`` for ``json-fields``)."""


class Mapping(Protocol):
    """One metadata format onto ``Record``; ``aliases`` (optional) names the same format."""

    format: str

    def map(self, raw: RawInput) -> Record: ...


_MAPPINGS: dict[str, Mapping] = {}


def register(mapping_class: Callable[[], Mapping]) -> Callable[[], Mapping]:
    """Class decorator: make a mapping available under its ``format`` name."""
    instance = mapping_class()
    for name in (instance.format, *getattr(instance, "aliases", ())):
        _MAPPINGS[name] = instance
    return mapping_class


_BUILTIN_LOADED = False


def _load_builtin() -> None:
    # Importing the formats package registers every built-in mapping (once: an import
    # statement costs a look-up in ``sys.modules`` each time, and every record asks).
    global _BUILTIN_LOADED
    if not _BUILTIN_LOADED:
        import mappings.formats  # noqa: F401

        _BUILTIN_LOADED = True


def formats() -> list[str]:
    """Names of the formats a mapping exists for."""
    _load_builtin()
    return sorted(_MAPPINGS)


def get_mapping(format_name: str) -> Mapping:
    _load_builtin()
    try:
        return _MAPPINGS[format_name]
    except KeyError:
        raise MappingError(f"no mapping for format {format_name!r}") from None


def map_raw(raw: RawInput) -> Record:
    """Map one payload and derive transparency, micro-credential flag and missing elements.

    Raises:
        MappingError: the payload cannot be read as its format, or has no title.
    """
    record = get_mapping(raw.format).map(raw)
    if record.remote_id is None:
        record.remote_id = raw.remote_id
    if record.url is None:
        record.url = raw.url
    if not record.title:
        raise MappingError("record has no title")
    return finalise(record)
