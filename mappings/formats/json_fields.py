"""Any provider JSON, with a field map given when the feed is registered (format ``json-fields``).

A provider API that no known profile describes is mapped by naming, per common element, the
path of the value in each record. The elements are the columns of the CSV template
(``mappings.formats.csv_template.COLUMNS``) and mean the same; each record is turned into one
template row and mapped by the CSV template mapping, so both read values identically. A
field map looks like::

    {
      "records": "data.courses",          # where the list of records is (optional)
      "id": "courseCode",                 # the remote id (optional; the harvester's default)
      "language": "nl",                   # language of plain-string texts (optional)
      "fields": {"title": "name", "ects": "studyLoad.value", "isced": "subjects",
                 "provider": "organisation.name", "provider_country": "organisation.country"}
    }

Paths are dotted keys; a list on the way is walked item by item and its values collected
(several values end up as the template's ``|``-separated cells). A text element whose value is
an object of language -> text (``{"en": ..., "de": ...}``) keeps every language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from mappings.base import parse_json
from mappings.formats.csv_template import COLUMNS, SEPARATOR, CsvTemplateMapping
from mappings.normalise import clean_text, language_code
from mappings.registry import MappingError, RawInput, register
from mappings.schema import Record

FORMAT = "json-fields"
FIELD_NAMES = tuple(column for column in COLUMNS if column not in ("id", "title_lang"))
"""Elements a field map may name (the CSV template's columns)."""

_PATH = re.compile(r"^[\w@$:-]+(\.[\w@$:-]+)*$")
_LANGUAGE_TEXTS = ("title", "description", "prerequisites")


def validate_field_map(field_map: Any) -> dict[str, Any]:
    """A field map checked and normalised.

    Raises:
        ValueError: the map is malformed; the message names the wrong part.
    """
    if not isinstance(field_map, Mapping):
        raise ValueError("a field map is a JSON object with a 'fields' object")
    unknown = set(field_map) - {"records", "id", "language", "fields"}
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}; use records, id, language, fields")
    fields = field_map.get("fields")
    if not isinstance(fields, Mapping) or not fields:
        raise ValueError("'fields' must be an object of element -> path")
    wrong = sorted(set(fields) - set(FIELD_NAMES))
    if wrong:
        raise ValueError(f"unknown elements {wrong}; choose from {', '.join(FIELD_NAMES)}")
    if "title" not in fields:
        raise ValueError("'fields' must name the path of 'title'")
    for name, path in [
        *fields.items(),
        *((k, field_map[k]) for k in ("records", "id") if k in field_map),
    ]:
        if not isinstance(path, str) or not _PATH.match(path):
            raise ValueError(f"{name}: {path!r} is not a dotted path such as 'name.en'")
    language = field_map.get("language")
    if language is not None and not language_code(str(language)):
        raise ValueError(f"language: {language!r} is not a language code")
    return {key: field_map[key] for key in ("records", "id", "language") if key in field_map} | {
        "fields": dict(fields)
    }


def lookup(document: Any, path: str) -> list[Any]:
    """Every value at ``path``, walking lists on the way."""
    values = [document]
    for key in path.split("."):
        found: list[Any] = []
        for value in values:
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, Mapping) and key in item and item[key] is not None:
                    found.append(item[key])
        values = found
    flat: list[Any] = []
    for value in values:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


def _cell(values: list[Any]) -> str:
    texts = [str(v) for v in values if not isinstance(v, Mapping | list) and str(v).strip()]
    return SEPARATOR.join(texts)


@register
class JsonFieldsMapping:
    """Provider JSON mapped through the feed's field map."""

    format = FORMAT

    def __init__(self) -> None:
        self._rows = CsvTemplateMapping()

    def map(self, raw: RawInput) -> Record:
        field_map = (raw.options or {}).get("field_map")
        if not field_map:
            raise MappingError(f"{FORMAT}: the feed has no field map")
        field_map = validate_field_map(field_map)
        document = parse_json(raw.payload, FORMAT)
        row = {name: _cell(lookup(document, path)) for name, path in field_map["fields"].items()}
        row["id"] = raw.remote_id or ""
        row["title_lang"] = field_map.get("language", "")
        record = self._rows.map(
            RawInput(json.dumps(row), "csv", "application/json", raw.remote_id, raw.url)
        )
        for name in _LANGUAGE_TEXTS:
            path = field_map["fields"].get(name)
            per_language = (
                [v for v in lookup(document, path) if isinstance(v, Mapping)] if path else []
            )
            if per_language:
                texts = {
                    code: text
                    for lang, value in per_language[0].items()
                    if (code := language_code(str(lang)) or "und") and (text := clean_text(value))
                }
                setattr(record, name, texts)
        return record
