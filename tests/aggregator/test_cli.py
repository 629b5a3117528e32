"""The ``microcat`` command as operators script it: the names in the foundation contract."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from oai_templates import DELETED, RECORD

from aggregator.cli import main


@pytest.fixture
def run(tmp_path, repository, monkeypatch):
    repo, host = repository
    monkeypatch.setenv("MICROCAT_DATA_DIR", str(tmp_path / "instance"))
    monkeypatch.setenv("MICROCAT_FETCH_ALLOWLIST", host)
    runner = CliRunner()

    def invoke(*args: str, code: int = 0) -> str:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result.output

    return invoke, repo, host


def test_register_harvest_search_and_export(run):
    invoke, repo, host = run
    repo.records = [
        RECORD.format(id="a", title="Data Literacy"),
        RECORD.format(id="b", title="Wound Care"),
        DELETED.format(id="c"),
    ]
    assert "schema version" in invoke("init")
    feed_id = invoke(
        "feeds",
        "add",
        f"http://{host}/oai",
        "--protocol",
        "oai-pmh",
        "--format",
        "oai_dc",
        "--name",
        "Nordhafen",
        "--interval",
        "12",
    ).strip()
    assert feed_id == "1"

    output = invoke("harvest", feed_id)
    assert "feed 1: ok — 2 new" in output and "1 deleted" in output

    feeds = json.loads(invoke("feeds", "list", "--json"))
    assert feeds[0]["name"] == "Nordhafen" and feeds[0]["interval_hours"] == 12
    assert feeds[0]["last_run"]["state"] == "ok" and feeds[0]["records"] == 2

    found = json.loads(invoke("search", "wound", "--json"))
    assert [hit["title"] for hit in found["hits"]] == ["Wound Care"]
    filtered = json.loads(invoke("search", "--filter", "lang=en", "--json"))
    assert filtered["total"] == 2

    lines = invoke("export", "--format", "jsonl").splitlines()
    exported = [json.loads(line) for line in lines]
    assert sorted(r["title"]["en"] for r in exported) == ["Data Literacy", "Wound Care"]
    assert all(r["sources"][0]["feed_name"] == "Nordhafen" for r in exported)

    assert "indexed 2 records" in invoke("reindex")
    assert json.loads(invoke("search", "--json"))["total"] == 2


def test_a_failed_harvest_exits_non_zero_and_says_why(run):
    invoke, repo, host = run
    feed_id = invoke(
        "feeds", "add", f"http://{host}/oai", "--protocol", "oai-pmh", "--format", "oai_dc"
    ).strip()
    repo.status = 503
    output = invoke("harvest", feed_id, code=1)
    assert "failed" in output and "503" in output


def test_a_harvest_that_cannot_refresh_in_time_exits_non_zero_and_says_what_follows(
    run, tmp_path, monkeypatch
):
    invoke, repo, host = run
    repo.records = [RECORD.format(id="a", title="Data Literacy")]
    feed_id = invoke(
        "feeds", "add", f"http://{host}/oai", "--protocol", "oai-pmh", "--format", "oai_dc"
    ).strip()
    import aggregator.pipeline as pipeline
    from aggregator.store import Store

    monkeypatch.setattr(pipeline, "REFRESH_WAIT", 0.0)
    holder = Store(tmp_path / "instance" / "microcat.sqlite3")
    with holder.refresh_lock():  # a refresh of another process, still running
        output = invoke("harvest", feed_id, code=1)
    holder.close()
    assert "feed 1: failed — 1 new" in output
    assert "not yet searchable" in output and "microcat clusters refresh" in output
    assert "1 clusters written" in invoke("clusters", "refresh")
    assert json.loads(invoke("search", "--json"))["total"] == 1


def test_bad_input_gets_a_clear_error(run):
    invoke, _, _ = run
    assert "http" in invoke("feeds", "add", "ftp://x.example/", "--protocol", "json", code=2)
    assert "eqf" in invoke("search", "--filter", "eqf=11", code=2)
    assert "FEED_ID or --all" in invoke("harvest", code=2)
    assert "no feed with id 9" in invoke("harvest", "9", code=2)


def test_the_schema_documents_every_element():
    schema = json.loads(CliRunner().invoke(main, ["schema"]).output)
    missing = [name for name, prop in schema["properties"].items() if not prop.get("description")]
    assert missing == []


def test_the_mapping_report_counts_elements_per_feed(run):
    invoke, repo, host = run
    repo.records = [
        RECORD.format(id="a", title="Data Literacy"),
        RECORD.format(id="b", title="Wound Care"),
    ]
    feed_id = invoke(
        "feeds", "add", f"http://{host}/oai", "--protocol", "oai-pmh", "--format", "oai_dc"
    ).strip()
    invoke("harvest", feed_id)
    report = json.loads(invoke("report", feed_id, "--json"))
    assert report["records"] == 2
    assert report["elements"]["title"] == 2
    assert report["elements"]["provider.name"] == 2
    assert report["elements"]["workload.ects"] == 0
    assert report["missing"]["workload"] == 2
    assert "title" in invoke("report", feed_id)
    assert "no feed with id 42" in invoke("report", "42", code=2)


def test_an_uploaded_csv_file_is_harvested_without_fetching(run, tmp_path):
    invoke, _, _ = run
    upload = Path(__file__).parents[1] / "sample_data" / "harvest" / "csv" / "offers.csv"
    rows = len(upload.read_text(encoding="utf-8").strip().splitlines()) - 1
    # The URL is never fetched: nothing listens there.
    feed_id = invoke(
        "feeds",
        "add",
        "https://uploads.invalid/offers.csv",
        "--protocol",
        "csv",
        "--name",
        "Uploaded",
    ).strip()
    output = invoke("harvest", feed_id, "--file", str(upload))
    assert f"feed {feed_id}: ok" in output
    assert json.loads(invoke("search", "--json"))["total"] >= 1
    exported = invoke("export").splitlines()
    assert 1 <= len(exported) <= rows
    oai = invoke("feeds", "add", "https://repo.invalid/oai", "--protocol", "oai-pmh").strip()
    assert "only csv and xcri-cap" in invoke("harvest", oai, "--file", str(upload), code=2)


def test_remap_matches_providers_against_the_reference_lists_of_the_settings(
    run, tmp_path, monkeypatch
):
    invoke, _, _ = run
    monkeypatch.delenv("MICROCAT_REFERENCE_DIR", raising=False)
    upload = tmp_path / "offers.csv"
    upload.write_text(
        "id,title,title_lang,provider,ects,languages\n"
        "wien-1,Data Literacy,en,Universität Wien,5,en\n",
        encoding="utf-8",
    )
    feed_id = invoke(
        "feeds", "add", "https://uploads.invalid/offers.csv", "--protocol", "csv"
    ).strip()
    invoke("harvest", feed_id, "--file", str(upload))
    provider = json.loads(invoke("export").splitlines()[0])["provider"]
    assert provider["identifiers"] == {}

    reference = Path(__file__).parents[1] / "sample_data" / "reference"
    monkeypatch.setenv("MICROCAT_REFERENCE_DIR", str(reference))
    assert "mapped 1 records, 0 errors" in invoke("remap", "--all")
    provider = json.loads(invoke("export").splitlines()[0])["provider"]
    assert (provider["country"], provider["identifiers"]["eter"]) == ("AT", "AT0001")

    monkeypatch.setenv("MICROCAT_REFERENCE_DIR", str(tmp_path / "nowhere"))
    assert "MICROCAT_REFERENCE_DIR" in invoke("remap", "--all", code=2)


def test_the_demo_uses_the_shared_lists_unless_the_settings_name_others(tmp_path, monkeypatch):
    from aggregator import cli
    from aggregator.config import Settings

    shared = Path(__file__).parents[1] / "sample_data" / "reference"
    monkeypatch.setattr(cli, "SHARED_REFERENCE_DIR", shared)
    monkeypatch.delenv("MICROCAT_REFERENCE_DIR", raising=False)
    instance = cli.Instance(Settings(data_dir=tmp_path))
    cli._demo_reference_lists(instance)
    assert instance.settings.reference_dir == shared
    assert "MICROCAT_REFERENCE_DIR" not in os.environ  # the settings carry it

    own = tmp_path / "own"
    instance = cli.Instance(Settings(data_dir=tmp_path, reference_dir=own))
    cli._demo_reference_lists(instance)
    assert instance.settings.reference_dir == own


def test_threads_of_one_instance_have_store_connections_of_their_own(tmp_path):
    # The worker harvests feeds in parallel threads of one Instance.
    import threading
    import time

    from aggregator import cli
    from aggregator.config import Settings

    instance = cli.Instance(Settings(data_dir=tmp_path))
    mine = instance.store
    seen: dict[str, bool] = {}

    def harvest_thread() -> None:
        store = instance.store
        seen["own connection"] = store is not mine
        with store.transaction():  # waits for the other thread's transaction to end
            seen["wrote"] = True

    with mine.transaction():
        thread = threading.Thread(target=harvest_thread)
        thread.start()
        time.sleep(0.3)
        assert "wrote" not in seen
    thread.join(timeout=30)
    assert seen == {"own connection": True, "wrote": True}
    assert instance.store is mine  # one per thread, kept


@pytest.mark.parametrize("error", [OSError("disk unreadable"), KeyError("format")])
def test_harvest_all_goes_on_after_a_feed_whose_harvest_raised(run, monkeypatch, error):
    invoke, repo, host = run
    repo.records = [RECORD.format(id="a", title="Data Literacy")]
    for name in ("Broken", "Nordhafen"):
        invoke(
            "feeds", "add", f"http://{host}/oai?{name}", "--protocol", "oai-pmh",
            "--format", "oai_dc", "--name", name,
        )  # fmt: skip
    import aggregator.pipeline as pipeline

    real = pipeline.harvest

    def first_breaks(store, backend, feed, *args, **kwargs):
        if feed.name == "Broken":
            raise error  # an error no harvest foresees
        return real(store, backend, feed, *args, **kwargs)

    monkeypatch.setattr(pipeline, "harvest", first_breaks)
    output = invoke("harvest", "--all", code=1)
    assert f"feed 1: failed — {error!r}" in output
    assert "feed 2: ok — 1 new" in output
