"""The short cuts of the ELM mapping read as the long ways they stand for."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from mappings.formats.elm import (
    ElmMapping,
    _ids,
    _is_text_map,
    _read,
    is_language_map,
)
from mappings.normalise import clean_text, lang_text

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "elm"

# Characters that take clean_text off its quick path: whitespace of every kind, markup,
# entities, controls, combining marks, the byte order mark.
_PIECES = [" ", "\t", "\n", "\x0b", "\x1c", "\x85", "\xa0", "\u3000", "&", "amp;", "lt;", "gt;"]
_PIECES += ["#32;", "<", ">", "b", "p", "/", "!--", "--", "a", "é", "e", "\u0301", ",", "\x00"]
_PIECES += ["\x7f", "\ufeff", "<![CDATA[", "]]>", "x"]


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 10))) for _ in range(count)]


def _nodes(value: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(value, dict):
        found.append(value)
        for item in value.values():
            found += _nodes(item)
    elif isinstance(value, list):
        for item in value:
            found += _nodes(item)
    return found


@pytest.mark.parametrize(
    "name",
    sorted(
        path.name
        for path in SAMPLES.glob("elm3_*.json")
        if not path.name.endswith(".expected.json")
    ),
)
def test_equal_descriptions_of_one_id_are_one_object(name: str) -> None:
    """Where the payload describes an id twice alike, the reader keeps one object."""
    read = _read((SAMPLES / name).read_text(), "elm")
    by_id: dict[str, list[dict[str, Any]]] = {}
    for node in _nodes(read):
        if isinstance(node.get("id"), str):
            by_id.setdefault(node["id"], []).append(node)
    repeated = [nodes for nodes in by_id.values() if len(nodes) > 1]
    assert repeated
    for nodes in repeated:
        for node in nodes[1:]:
            assert node is nodes[0] or node != nodes[0]


def test_one_text_is_read_as_its_pairs() -> None:
    """``_lang`` of one string, clean or not, is ``lang_text`` of its texts."""
    mapping = ElmMapping()
    for text in [*_texts(1, 5000), "", "Data Science", "  two  spaces "]:
        expected = lang_text(mapping.texts(text), join="\n\n")
        assert mapping._lang([text]) == expected, repr(text)
        assert mapping._lang([text], join=None) == lang_text(mapping.texts(text), join=None)


def test_a_part_stripped_first_cleans_alike() -> None:
    """``clean_text`` ends in stripping: a part stripped first cleans to the same text."""
    for text in _texts(2, 20000):
        assert clean_text(text.strip()) == clean_text(text), repr(text)


def test_text_maps_are_language_maps_of_strings() -> None:
    values: list[dict[str, Any]] = [
        {},
        {"en": "x"},
        {"en": "x", "fr": "y"},
        {"en": ["x"]},
        {"en": None},
        {"id": "x"},
        {"url": "x"},
        {"de-AT": "x", "title": "y"},
        {"en": "x", "tag": "y"},
        {"EN": "x"},
        {"en": 5},
    ]
    for value in values:
        expected = is_language_map(value) and all(isinstance(text, str) for text in value.values())
        assert _is_text_map(value) == expected, value


@pytest.mark.parametrize(
    "concept",
    [
        {"id": "http://data.europa.eu/snb/eqf/6", "prefLabel": {"en": "Level 6"}},
        {"id": " ", "prefLabel": {"en": "Level 6", "de": "Niveau 6"}},
        {"prefLabel": {"en": ["a", "b"]}},
        "http://publications.europa.eu/resource/authority/language/ENG",
        {"id": "urn:x", "type": ["Concept"]},
    ],
)
def test_candidates_are_the_ids_then_the_labels(concept: Any) -> None:
    mapping = ElmMapping()
    expected = _ids([concept]) + [text for _, text in mapping.texts(concept)]
    assert list(mapping._candidates(concept)) == expected


def test_reading_is_unchanged_by_shared_nodes() -> None:
    """A credential naming one organisation in full three times maps as the one naming it
    once and referring to it by id."""
    organisation = {
        "id": "urn:x:org",
        "type": "Organisation",
        "legalName": {"en": "University of Zed"},
        "homepage": {"id": "urn:x:page", "type": "WebResource", "contentURL": "https://zed.eu"},
    }
    spec = {"id": "urn:x:spec", "type": "Qualification", "title": {"en": "T"}}
    claim = {
        "id": "urn:x:claim",
        "type": "LearningAchievement",
        "specifiedBy": spec,
        "awardedBy": {"id": "urn:x:award", "awardingBody": organisation},
    }
    nested = {
        "type": "EuropeanDigitalCredential",
        "issuer": organisation,
        "credentialSubject": {"hasClaim": claim},
        "extra": [organisation],
    }
    referred = json.loads(json.dumps(nested))
    referred["issuer"] = "urn:x:org"
    referred["extra"] = ["urn:x:org"]
    assert _read(json.dumps(nested), "elm") == _read(json.dumps(referred), "elm")
