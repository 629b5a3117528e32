"""Provider reference lists in the pipeline: a real harvest and remap through the store.

The instance's settings (``MICROCAT_REFERENCE_DIR``) point at the hand-written lists in
``tests/sample_data/reference``; what a learner would notice is checked through the search API
(the QA facet and filter).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from aggregator.config import Settings
from aggregator.pipeline import HarvestFailed, harvest, provider_reference, remap
from aggregator.reports import mapping_report
from aggregator.store import RunState, Store
from mappings.reference import ReferenceListError
from search_api.backends.embedded import EmbeddedBackend
from web import create_app

REFERENCE = Path(__file__).resolve().parents[1] / "sample_data" / "reference"

UPLOAD = """\
id,title,title_lang,provider,provider_country,ects,mode,languages,qa_type,qa_body
wien-1,Data Literacy,en,Universität Wien,,5,online,en,,
tuw-1,Wound Care,en,TU Wien,AT,3,onsite,de,internal,AQ Austria
mooc-1,Negotiation Skills,en,Coursera,,2,online,en,,
"""


@pytest.fixture
def instance(tmp_path):
    settings = Settings(data_dir=tmp_path, harvest_timeout=60)
    store = Store(settings.db_path)
    backend = EmbeddedBackend(settings.index_path)
    feed = store.add_feed("https://uploads.invalid/offers.csv", "csv", name="Uploads")
    upload = tmp_path / "offers.csv"
    upload.write_text(UPLOAD, encoding="utf-8")
    client = create_app({"DATA_DIR": str(tmp_path), "SEARCH": backend, "TESTING": True})
    yield settings, store, backend, feed, str(upload), client.test_client()
    backend.close()
    store.close()


def mapped(store: Store) -> dict[str, dict[str, Any]]:
    """The stored records by their id in the upload."""
    return {data["remote_id"]: data for _, _, data in store.records()}


def qa_counts(client) -> dict[str, int]:
    body = client.get("/api/search?facets=qa").get_json()
    return {value["value"]: value["count"] for value in body["facets"]["qa"]}


def test_a_harvest_matches_the_provider_and_states_its_qa(instance):
    settings, store, backend, feed, upload, client = instance
    settings = replace(settings, reference_dir=REFERENCE)
    run = harvest(store, backend, feed, settings, file=upload).run
    assert (run.state, run.new, run.errors) == (RunState.OK, 3, 0)

    records = mapped(store)
    vienna = records["wien-1"]
    assert vienna["provider"]["country"] == "AT"
    assert vienna["provider"]["identifiers"]["eter"] == "AT0001"
    assert vienna["provider"]["derived"] == ["country", "identifiers.eter", "identifiers.website"]
    assert vienna["quality_assurance"]["type"] == "external-institutional"
    assert vienna["quality_assurance"]["type_derived"] is True
    assert "quality_assurance" not in vienna["missing"]
    # A record that states its QA keeps it; its QA body is recognised as an EQAR agency.
    tu = records["tuw-1"]
    assert tu["provider"]["identifiers"]["eter"] == "AT0005"
    assert tu["quality_assurance"]["type"] == "internal"
    assert tu["quality_assurance"]["body_deqar_id"] == "57"
    assert "type_derived" not in tu["quality_assurance"]
    # A provider that is in no list stays as it is.
    assert records["mooc-1"]["provider"] == {
        "name": {"und": "Coursera"},
        "country": None,
        "identifiers": {},
    }

    assert qa_counts(client) == {"external-institutional": 1, "internal": 1, "none": 1}
    body = client.get("/api/search?qa=external-institutional").get_json()
    assert [hit["title"] for hit in body["hits"]] == ["Data Literacy"]
    assert body["hits"][0]["country"] == "AT"
    # The detail page says the type was inferred, not stated.
    page = client.get(f"/records/{body['hits'][0]['id']}").get_data(as_text=True)
    assert "(inferred: the provider is a listed higher-education institution)" in page


def test_without_reference_lists_nothing_changes_until_a_remap_with_them(instance, monkeypatch):
    settings, store, backend, feed, upload, client = instance
    harvest(store, backend, feed, settings, file=upload)
    vienna = mapped(store)["wien-1"]
    assert vienna["provider"] == {
        "name": {"und": "Universität Wien"},
        "country": None,
        "identifiers": {},
    }
    assert vienna["quality_assurance"]["type"] is None
    assert "external-institutional" not in qa_counts(client)

    # The environment is read once, into the settings: setting it later changes nothing.
    monkeypatch.setenv("MICROCAT_REFERENCE_DIR", str(REFERENCE))
    assert remap(store, backend, settings)["mapped"] == 3
    assert mapped(store)["wien-1"]["provider"]["identifiers"] == {}

    counts = remap(store, backend, Settings.from_env(data_dir=settings.data_dir))
    assert (counts["mapped"], counts["errors"]) == (3, 0)
    assert mapped(store)["wien-1"]["provider"]["identifiers"]["eter"] == "AT0001"
    assert qa_counts(client)["external-institutional"] == 1


def test_a_reference_folder_that_is_not_there_is_refused_at_start(tmp_path):
    with pytest.raises(ValueError, match="MICROCAT_REFERENCE_DIR"):
        Settings.from_env({"MICROCAT_REFERENCE_DIR": str(tmp_path / "nowhere")})
    settings = Settings.from_env({"MICROCAT_REFERENCE_DIR": str(REFERENCE)})
    assert settings.reference_dir == REFERENCE
    assert Settings.from_env({}).reference_dir is None


def test_the_lists_are_loaded_once_per_process(tmp_path):
    assert provider_reference(Settings(data_dir=tmp_path)) is None
    first = provider_reference(Settings(data_dir=tmp_path, reference_dir=REFERENCE))
    assert first is not None
    assert provider_reference(Settings(data_dir=tmp_path / "other", reference_dir=REFERENCE)) is (
        first
    )


def test_a_broken_list_stops_harvest_and_remap_with_its_reason(instance, tmp_path):
    settings, store, backend, feed, upload, client = instance
    harvest(store, backend, feed, settings, file=upload)
    broken = tmp_path / "reference"
    broken.mkdir()
    (broken / "eter_institutions.csv").write_text("eter_id,name\nAT0001,Universität Wien\n")
    settings = replace(settings, reference_dir=broken)

    with pytest.raises(HarvestFailed, match="missing column.*country"):
        harvest(store, backend, feed, settings, file=upload)
    with pytest.raises(ReferenceListError, match="missing column"):
        remap(store, backend, settings)
    # Nothing was started or lost: one finished run, every record as it was mapped.
    assert [run.state for run in store.runs(feed.id)] == [RunState.OK]
    assert len(mapped(store)) == 3
    assert client.get("/api/search").get_json()["total"] == 3


def test_the_mapping_report_tells_derived_values_from_stated_ones(instance):
    settings, store, backend, feed, upload, client = instance
    harvest(store, backend, feed, replace(settings, reference_dir=REFERENCE), file=upload)
    report = mapping_report(store, feed.id).to_json()
    # Two records have a QA type: TU Wien states its own, Vienna's is inferred.
    assert report["elements"]["quality_assurance.type"] == 2
    assert report["derived"]["quality_assurance.type"] == 1
    # TU Wien states its country; Vienna's comes from the list.
    assert report["elements"]["provider.country"] == 2
    assert report["derived"]["provider.country"] == 1
    assert "workload.ects" not in report["derived"]  # every ECTS value is stated
