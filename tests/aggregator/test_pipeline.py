"""The harvest pipeline against a real OAI-PMH server on 127.0.0.1 whose answers change.

Each run starts the real harvester subprocess; what a learner would notice is checked through
the search backend.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from oai_templates import DELETED, NO_TITLE, RECORD

from aggregator.config import Settings
from aggregator.pipeline import _ingest_batch, harvest, reconcile
from aggregator.store import HarvestInProgress, RefreshBusy, RunState, Store
from search_api.backends.embedded import EmbeddedBackend
from search_api.query import SearchQuery

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings"


@pytest.fixture
def instance(tmp_path, repository):
    repo, host = repository
    settings = Settings(data_dir=tmp_path, fetch_allowlist=(host,), harvest_timeout=60)
    store = Store(settings.db_path)
    backend = EmbeddedBackend(settings.index_path)
    feed = store.add_feed(f"http://{host}/oai", "oai-pmh", format="oai_dc", name="Nordhafen")
    yield repo, settings, store, backend, feed
    backend.close()
    store.close()


def titles(backend) -> list[str]:
    return sorted(hit.title for hit in backend.search(SearchQuery(size=100)).hits)


def test_runs_add_change_and_delete_what_learners_find(instance):
    repo, settings, store, backend, feed = instance
    repo.records = [
        RECORD.format(id="a", title="Data Literacy"),
        RECORD.format(id="b", title="Wound Care"),
    ]
    first = harvest(store, backend, feed, settings).run
    assert (first.state, first.new) == (RunState.OK, 2)
    assert titles(backend) == ["Data Literacy", "Wound Care"]
    watermark = store.feed(feed.id).watermark
    assert watermark

    repo.records = [RECORD.format(id="a", title="Data Literacy II"), DELETED.format(id="b")]
    second = harvest(store, backend, store.feed(feed.id), settings).run
    assert (second.state, second.changed, second.deleted) == (RunState.OK, 1, 1)
    assert titles(backend) == ["Data Literacy II"]
    # The incremental run asked only for what changed since the last good run.
    assert repo.requests[-1].get("from") == [watermark]


def test_a_failed_run_deletes_nothing_and_keeps_the_watermark(instance):
    repo, settings, store, backend, feed = instance
    repo.records = [RECORD.format(id="a", title="Data Literacy")]
    harvest(store, backend, feed, settings)
    watermark = store.feed(feed.id).watermark

    repo.status = 500
    result = harvest(store, backend, store.feed(feed.id), settings)
    assert result.run.state == RunState.FAILED
    assert result.run.message
    assert titles(backend) == ["Data Literacy"]
    assert store.feed(feed.id).watermark == watermark


def test_a_malformed_record_is_reported_and_the_rest_goes_on(instance):
    repo, settings, store, backend, feed = instance
    repo.records = [RECORD.format(id="a", title="Data Literacy"), NO_TITLE.format(id="broken")]
    result = harvest(store, backend, feed, settings)
    assert result.run.state == RunState.OK
    assert result.run.errors == 1
    assert [(e["remote_id"], "title" in e["message"]) for e in result.errors] == [("broken", True)]
    assert titles(backend) == ["Data Literacy"]
    # The raw payload is kept, so a better mapping can pick it up later.
    assert store.raw_count(feed.id) == 2


def test_reconcile_removes_only_after_a_complete_identifier_list(instance):
    repo, settings, store, backend, feed = instance
    repo.records = [
        RECORD.format(id="a", title="Data Literacy"),
        RECORD.format(id="b", title="Wound Care"),
    ]
    harvest(store, backend, feed, settings)

    # The repository forgets "b" without a tombstone; a failed listing removes nothing.
    repo.records = [RECORD.format(id="a", title="Data Literacy")]
    repo.status = 500
    state, removed, reason = reconcile(store, backend, store.feed(feed.id), settings)
    assert (state, removed) == (RunState.FAILED, 0) and reason
    assert titles(backend) == ["Data Literacy", "Wound Care"]

    repo.status = 200
    state, removed, _ = reconcile(store, backend, store.feed(feed.id), settings)
    assert (state, removed) == (RunState.OK, 1)
    assert titles(backend) == ["Data Literacy"]
    assert repo.requests[-1]["verb"] == ["ListIdentifiers"]


@pytest.mark.parametrize(
    ("repository_time", "expected"),
    [
        ("2026-11-01T10:00:00Z", "2026-11-01T09:55:00Z"),
        ("2026-11-01", "2026-10-31"),
        (None, "2026-11-21"),
    ],
)
def test_the_next_run_starts_before_this_one_in_the_repositorys_granularity(
    repository_time, expected
):
    from datetime import UTC, datetime

    from aggregator.pipeline import next_watermark

    started = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    assert next_watermark(repository_time, started) == expected


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt("disk full")])
def test_a_run_stopped_by_an_unexpected_error_is_closed_and_the_feed_harvests_again(
    instance, monkeypatch, error
):
    repo, settings, store, backend, feed = instance
    repo.records = [RECORD.format(id="a", title="Data Literacy")]
    import aggregator.pipeline as pipeline

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(pipeline, "refresh_clusters", broken)
    with pytest.raises(type(error), match="disk full"):
        harvest(store, backend, feed, settings)
    stopped = store.runs(feed.id)[0]
    assert stopped.state == RunState.FAILED and "disk full" in (stopped.message or "")
    assert store.feed(feed.id).watermark is None  # moved only once the records are clustered
    assert store.raw_count(feed.id) == 1  # what was stored stays

    monkeypatch.undo()
    again = harvest(store, backend, store.feed(feed.id), settings).run
    assert again.state == RunState.OK
    assert titles(backend) == ["Data Literacy"]


def test_a_run_its_process_abandoned_no_longer_blocks_the_feed(instance):
    repo, settings, store, backend, feed = instance
    repo.records = [RECORD.format(id="a", title="Data Literacy")]
    killed = store.start_run(feed.id)  # as a harvest killed before it could record an end
    with pytest.raises(HarvestInProgress):
        harvest(store, backend, feed, settings)  # it may still be running: refused
    store.db.execute(
        "UPDATE harvest_runs SET started_at = '2026-01-01T00:00:00Z' WHERE id = ?", (killed.id,)
    )
    run = harvest(store, backend, feed, settings).run
    assert run.state == RunState.OK
    abandoned = store.run(killed.id)
    assert abandoned.state == RunState.FAILED and "abandoned" in (abandoned.message or "")


def test_a_refresh_held_elsewhere_past_the_runs_time_fails_the_run_and_loses_nothing(
    instance, monkeypatch
):
    repo, settings, store, backend, feed = instance
    repo.records = [RECORD.format(id="a", title="Data Literacy")]
    import aggregator.pipeline as pipeline

    # The refresh is tried once, not waited for.
    monkeypatch.setattr(pipeline, "REFRESH_WAIT", 0.0)
    with store.refresh_lock():  # another refresh holds the lock throughout
        stopped = harvest(store, backend, feed, settings).run
    assert (stopped.state, stopped.new) == (RunState.FAILED, 1)
    assert "not yet searchable" in (stopped.message or "")
    assert stopped == store.runs(feed.id)[0]  # recorded so
    assert store.raw_count(feed.id) == 1 and titles(backend) == []
    assert store.feed(feed.id).watermark is None

    monkeypatch.undo()
    again = harvest(store, backend, store.feed(feed.id), settings).run
    assert (again.state, again.unchanged) == (RunState.OK, 1)
    assert titles(backend) == ["Data Literacy"]  # the stored record, clustered now


def test_a_bounded_wait_for_the_refresh_lock_gives_up_and_then_takes_it(tmp_path):
    store, other = Store(tmp_path / "m.sqlite3"), Store(tmp_path / "m.sqlite3")
    with (
        store.refresh_lock(),
        pytest.raises(RefreshBusy, match="0.3 s this one could wait"),
        other.refresh_lock(wait=0.3),
    ):
        pass
    with other.refresh_lock(wait=0.3):
        pass  # free again once the holder is done
    store.close()
    other.close()


def _ooapi_line(feed_id: int, remote_id: str, **changes) -> dict:
    document = json.loads((SAMPLES / "ooapi" / "demo04_program.json").read_text())
    document.update(changes)
    return {
        "type": "record",
        "feed_id": feed_id,
        "remote_id": remote_id,
        "format": "ooapi",
        "media_type": "application/json",
        "payload": json.dumps(document),
    }


def test_records_a_mapping_or_the_store_cannot_take_are_reported_and_the_rest_is_kept(tmp_path):
    """Lines as the JSON harvester writes them for a hostile feed: one record's value breaks
    its mapping (a number where a list belongs), another holds a lone surrogate, which UTF-8
    cannot store. Each is one run error; the good records of the same batch are stored."""
    store = Store(tmp_path / "m.sqlite3")
    feed = store.add_feed("https://ooapi.example/", "json", format="ooapi")
    run = store.start_run(feed.id)
    lines = [
        _ooapi_line(feed.id, "good-1"),
        _ooapi_line(feed.id, "broken", learningOutcomes=-1),
        _ooapi_line(feed.id, "good-2"),
        _ooapi_line(feed.id, "surrogate-\ud800"),
        {**_ooapi_line(feed.id, "ignored", learningOutcomes=-1), "remote_id": 7},  # not a str
        _ooapi_line(feed.id, "good-3"),
    ]
    counts: Counter[str] = Counter()
    _ingest_batch(store, run.id, lines, counts, None, {}, None)
    assert (counts["new"], counts["errors"]) == (5, 3)
    messages = {error["remote_id"]: error["message"] for error in store.run_errors(run.id)}
    assert "could not be read (TypeError" in messages["broken"]
    assert "could not be read (TypeError" in messages["7"]
    assert "record refused" in messages["surrogate-\\ud800"]
    assert store.raw_count(feed.id) == 5  # a broken one's payload kept for a later mapping
    assert store.record_count() == 3
    store.close()


@pytest.mark.parametrize(
    ("repository_time", "expected"),
    [
        ("Mon, 01 Jan 2024 00:00:00 GMT", "2026-11-21"),  # not OAI-PMH's form: our clock
        ("9999-12-31T00:00:00Z", "2026-11-21"),  # far ahead: would freeze the feed
        ("2026-02-30", "2026-11-21"),
        ("2026-02-30T00:00:00Z", "2026-11-21"),  # the form, but no moment
        ("2026-11-21T24:00:00Z", "2026-11-21"),
        ("2026-11-21T23:59:60Z", "2026-11-21"),  # a leap second
        ("2026-11-22T07:59:00Z", "2026-11-22T07:54:00Z"),
    ],
)
def test_a_repository_clock_that_is_no_date_or_runs_ahead_is_not_taken(repository_time, expected):
    from datetime import UTC, datetime

    from aggregator.pipeline import next_watermark

    started = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    assert next_watermark(repository_time, started) == expected


def test_a_list_leaving_out_most_records_removes_nothing_unless_forced(instance):
    repo, settings, store, backend, feed = instance
    repo.records = [RECORD.format(id=name, title=f"Course {name}") for name in "abc"]
    harvest(store, backend, feed, settings)

    repo.records = [RECORD.format(id="a", title="Course a")]  # two of three left out
    state, removed, reason = reconcile(store, backend, store.feed(feed.id), settings)
    assert (state, removed) == (RunState.FAILED, 0)
    assert "leaves out 2 of the feed's 3 records" in reason and "--force" in reason
    assert len(titles(backend)) == 3

    state, removed, _ = reconcile(store, backend, store.feed(feed.id), settings, force=True)
    assert (state, removed) == (RunState.OK, 2)
    assert titles(backend) == ["Course a"]


def test_a_refused_reconcile_still_removes_what_the_list_marks_deleted(instance):
    repo, settings, store, backend, feed = instance
    repo.records = [RECORD.format(id=name, title=f"Course {name}") for name in "abcde"]
    harvest(store, backend, feed, settings)

    # a listed, b marked deleted, c-e left out: three of five, too many to trust.
    repo.records = [RECORD.format(id="a", title="Course a"), DELETED.format(id="b")]
    state, removed, reason = reconcile(store, backend, store.feed(feed.id), settings)
    assert (state, removed) == (RunState.FAILED, 1)
    assert "leaves out 3 of the feed's 5 records" in reason
    assert titles(backend) == ["Course a", "Course c", "Course d", "Course e"]
