"""The Sharekit mapping beyond its golden pairs: variants of real items, and the identifiers it
shares with the LOM mapping of the same items (Edurep's OAI-PMH feed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mappings.formats.sharekit import learning_objectives, sharekit_identifiers
from mappings.registry import MappingError, RawInput, map_raw
from mappings.schema import Record

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings"
SHAREKIT = SAMPLES / "sharekit"
ITEM = json.loads((SHAREKIT / "big_history_first_exploration.json").read_text(encoding="utf-8"))


def _map(doc: Any) -> Record:
    return map_raw(RawInput(payload=json.dumps(doc), format="sharekit"))


def _with(**attributes: Any) -> dict[str, Any]:
    return {**ITEM, "attributes": {**ITEM["attributes"], **attributes}}


def test_golden_pairs_cover_the_format() -> None:
    assert len(list(SHAREKIT.glob("*.expected.json"))) >= 3


# The same SURF items as Sharekit JSON:API items and as NL-LOM records of Edurep.
SAME_ITEMS = [
    ("big_history_first_exploration.json", "edurep_big_history_mooc.xml"),
    ("exercises_codarts_hbo.json", "edurep_exercises_hbo.xml"),
    ("e_module_laryngologie.json", "edurep_e_module_wo_master.xml"),
]


@pytest.mark.parametrize(("sharekit", "lom"), SAME_ITEMS)
def test_identifiers_match_the_lom_mapping_of_the_same_item(sharekit: str, lom: str) -> None:
    from_sharekit = map_raw(
        RawInput(payload=(SHAREKIT / sharekit).read_text(encoding="utf-8"), format="sharekit")
    )
    from_lom = map_raw(
        RawInput(payload=(SAMPLES / "lom" / lom).read_text(encoding="utf-8"), format="lom")
    )
    uuid = f"urn:uuid:{from_sharekit.remote_id}"
    assert uuid in from_sharekit.identifiers
    assert uuid in from_lom.identifiers


def test_a_page_with_one_item_is_read_as_the_item() -> None:
    record = _map({"meta": {"totalCount": 1}, "data": [ITEM]})
    assert record.title == {"en": "1. A first exploration of big history"}


def test_a_deleted_item_is_refused() -> None:
    deleted = {
        "attributes": {},
        "type": "repoItem",
        "meta": {"status": "deleted", "deletedAt": "2021-10-07T09:16:44Z"},
        "id": "63903863-6c93-4bda-b850-277f3c9ec00e",
    }
    with pytest.raises(MappingError, match="deleted"):
        _map(deleted)


def test_a_payload_without_attributes_is_refused() -> None:
    with pytest.raises(MappingError):
        _map({"id": "x", "type": "repoItem"})


def test_persistent_identifiers_in_resolvable_forms() -> None:
    item = _with(doi="10.1234/abc.5", handle="20.500.12345/678", **{"urn:nbn": "urn:nbn:nl:ui:1"})
    assert sharekit_identifiers(item) == [
        "urn:uuid:3c2b4e81-e9a1-41bc-8b6a-97bfe7e4048b",
        "https://doi.org/10.1234/abc.5",
        "https://hdl.handle.net/20.500.12345/678",
        "urn:nbn:nl:ui:1",
    ]
    assert _map(item).identifiers == sharekit_identifiers(item)
    assert sharekit_identifiers({**item, "id": "3C2B4E81-E9A1-41BC-8B6A-97BFE7E4048B"})[0] == (
        "urn:uuid:3c2b4e81-e9a1-41bc-8b6a-97bfe7e4048b"
    )
    doi_url = _with(doi="https://doi.org/10.1234/abc.5")
    assert "https://doi.org/10.1234/abc.5" in sharekit_identifiers(doi_url)


@pytest.mark.parametrize(
    ("attributes", "provider"),
    [
        ({"institutes": "Codarts Rotterdam", "publishers": "SURFnet"}, "Codarts Rotterdam"),
        ({"institutes": None, "publishers": "SURFnet"}, None),
        ({"institutes": None, "publishers": ["SURFnet", "Hanze"]}, "Hanze"),
        (
            {"owner": {"id": "1", "name": "Hogeschool Utrecht"}, "institutes": "X"},
            "Hogeschool Utrecht",
        ),
        ({"institutes": [{"name": "Fontys"}], "publishers": "Y"}, "Fontys"),
    ],
)
def test_provider(attributes: dict[str, Any], provider: str | None) -> None:
    record = _map(_with(**attributes))
    assert (record.provider.name if record.provider else None) == (
        {"und": provider} if provider else None
    )


def test_the_url_is_the_first_file_then_the_first_link() -> None:
    files = [
        {"fileName": "a.imscc", "url": None, "resourceMimeType": None},
        {
            "fileName": "b.zip",
            "url": "https://surfsharekit.nl/objectstore/b",
            "resourceMimeType": "application/x-zip",
        },
    ]
    assert _map(_with(files=files)).url == "https://surfsharekit.nl/objectstore/b"
    assert _map(_with(files=None)).url == "https://youtu.be/D6_p6y3dvXw"
    assert _map(_with(files=None, links=None)).url is None


@pytest.mark.parametrize(
    ("abstract", "objectives"),
    [
        (
            "Learning objective:\r\n- Explain the effect of changes in the labour market.",
            ["Explain the effect of changes in the labour market."],
        ),
        (
            "Intro.\n\nLeerdoelen:\n\n1. Je kunt X uitleggen\n2) Je kunt Y toepassen"
            "\nMeer tekst\n- no",
            ["Je kunt X uitleggen", "Je kunt Y toepassen"],
        ),
        ("Learning outcome: students can model a vortex.", ["students can model a vortex."]),
        ("Learning objectives:\nSee the course page.\n- not one", []),
        ("Fifth exercises of the course", []),
        (None, []),
    ],
)
def test_learning_objectives(abstract: Any, objectives: list[str]) -> None:
    assert learning_objectives(abstract) == objectives


def test_learning_outcomes_carry_the_item_language() -> None:
    record = _map(_with(language="nl", abstract="Leerdoel: je kunt een vortex gebruiken"))
    assert [outcome.text for outcome in record.learning_outcomes] == [
        {"nl": "je kunt een vortex gebruiken"}
    ]
    assert record.description == {"nl": "Leerdoel: je kunt een vortex gebruiken"}
    assert record.title == {"nl": "1. A first exploration of big history"}


@pytest.mark.parametrize(
    ("values", "cycle"),
    [
        (["WO"], None),
        (["HBO", "HBO"], None),
        (["WO - Master"], "second"),
        (["HBO - Bachelor", "WO - Master"], None),
    ],
)
def test_educational_levels_give_a_cycle_only_when_named(
    values: list[str], cycle: str | None
) -> None:
    levels = [
        {"source": "http://purl.edustandaard.nl/begrippenkader", "value": value} for value in values
    ]
    assert _map(_with(educationalLevels=levels)).level.qf_ehea == cycle


def test_ects_only_where_stated() -> None:
    assert _map(ITEM).workload.ects is None
    assert _map(_with(keywords=["mooc", "5 ECTS"])).workload.ects == 5


def test_cost_no_is_free_and_nothing_else_is_read() -> None:
    assert _map(ITEM).price is None
    assert _map(_with(cost={"source": "LOMv1.0", "value": "no"})).price == "0"
    assert _map(_with(cost={"source": "LOMv1.0", "value": "yes"})).price is None


def test_updated_falls_back_to_a_real_publication_date() -> None:
    assert _map(_with(modifiedAt=None)).updated.isoformat() == "2016-11-26T00:00:00+00:00"
    assert _map(_with(modifiedAt=None, publishedAt="1970-01-01")).updated is None


def test_vocabulary_terms_are_keywords() -> None:
    vocabularies = {
        "vocabularyZiezo": [],
        "vocabularyDas": [
            {"source": "http://purl.edustandaard.nl/concept/x", "value": "Term - Sub"}
        ],
    }
    assert _map(_with(vocabularies=vocabularies)).subject.keywords == ["mooc", "Term - Sub"]
