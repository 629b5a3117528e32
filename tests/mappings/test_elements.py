"""Every element of ``Record`` is documented: in ``schema.py`` or in ``mappings.elements``."""

from __future__ import annotations

from typing import Any

from mappings.elements import (
    ELEMENT_DOCS,
    documented_json_schema,
    element_descriptions,
    element_paths,
)


def test_every_element_has_a_description() -> None:
    undocumented = [path for path, text in element_descriptions().items() if not text.strip()]
    assert undocumented == []


def test_element_docs_name_only_existing_undescribed_elements() -> None:
    paths = element_paths()
    assert sorted(set(ELEMENT_DOCS) - set(paths)) == []  # no stale entries
    assert sorted(path for path in ELEMENT_DOCS if paths[path]) == []  # no second description


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(name, prop) for name, prop in schema.get("properties", {}).items()]
    for definition in schema.get("$defs", {}).values():
        found += _properties(definition)
    return found


def test_published_json_schema_describes_every_property() -> None:
    schema = documented_json_schema()
    missing = [name for name, prop in _properties(schema) if not prop.get("description")]
    assert missing == []
