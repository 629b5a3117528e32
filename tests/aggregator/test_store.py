"""The SQLite store: migrations, feeds, raw-record outcomes, run exclusivity."""

from __future__ import annotations

import pytest

from aggregator.store import FeedError, HarvestInProgress, Outcome, RunState, Store


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "microcat.sqlite3")
    yield store
    store.close()


def raw(remote_id: str, payload: str = "<x/>", deleted: bool = False) -> dict:
    return {
        "feed_id": 1,
        "remote_id": remote_id,
        "payload": payload,
        "deleted": deleted,
        "format": "oai_dc",
        "media_type": "application/xml",
        "datestamp": "2026-01-01",
    }


def test_a_new_store_is_migrated_and_in_wal_mode(store):
    assert store.schema_version >= 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Opening again applies nothing twice.
    again = Store(store.path)
    assert again.schema_version == store.schema_version
    again.close()


def test_registering_the_same_feed_twice_returns_the_same_id(store):
    first = store.add_feed("https://repo.example/oai", "oai-pmh", format="lom", name="Repo")
    second = store.add_feed("https://repo.example/oai", "oai-pmh", format="lom")
    assert first.id == second.id
    assert [f.id for f in store.feeds()] == [first.id]


@pytest.mark.parametrize(
    ("url", "protocol", "why"),
    [
        ("ftp://repo.example/", "oai-pmh", "http"),
        ("https://repo.example/", "gopher", "protocol"),
        ("javascript:alert(1)", "json", "http"),
    ],
)
def test_bad_feed_registrations_say_why(store, url, protocol, why):
    with pytest.raises(FeedError, match=why):
        store.add_feed(url, protocol)


def test_raw_records_report_new_unchanged_changed_and_deleted(store):
    store.add_feed("https://repo.example/oai", "oai-pmh")
    outcome, record_id = store.put_raw(raw("a"))
    assert outcome is Outcome.NEW
    assert store.put_raw(raw("a")) == (Outcome.UNCHANGED, record_id)
    assert store.put_raw(raw("a", "<y/>"))[0] is Outcome.CHANGED
    assert store.put_raw(raw("a", deleted=True))[0] is Outcome.DELETED
    assert store.put_raw(raw("a", deleted=True))[0] is Outcome.UNCHANGED
    assert store.raw_count(1) == 0
    # The payload is kept verbatim through a delete, and a record id is never reassigned.
    row = store.db.execute("SELECT payload, deleted FROM raw_records").fetchone()
    assert (row["payload"], row["deleted"]) == ("<y/>", 1)
    assert store.put_raw(raw("a", "<z/>")) == (Outcome.CHANGED, record_id)


def test_a_tombstone_for_an_unseen_record_is_kept_once(store):
    store.add_feed("https://repo.example/oai", "oai-pmh")
    assert store.put_raw(raw("gone", deleted=True))[0] is Outcome.DELETED
    assert store.put_raw(raw("gone", deleted=True))[0] is Outcome.UNCHANGED
    assert store.raw_count(1) == 0


def test_only_one_run_per_feed_at_a_time(store):
    feed = store.add_feed("https://repo.example/oai", "oai-pmh")
    run = store.start_run(feed.id)
    with pytest.raises(HarvestInProgress):
        store.start_run(feed.id)
    store.finish_run(run.id, RunState.OK, {"new": 3}, None)
    assert store.start_run(feed.id).id != run.id
    assert store.run(run.id).new == 3


def test_a_version_4_store_keeps_its_provider_names_when_the_core_column_goes(tmp_path):
    import sqlite3

    from aggregator.store import _migrations, _split_sql

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for version, script in _migrations():
        if version <= 4:
            for statement in _split_sql(script):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version:d}")
    db.execute(
        "INSERT INTO provider_names (name, core, identity) VALUES"
        " ('Universität Wien', 'wien univ', 'wien univ')"
    )
    db.close()
    store = Store(path)
    try:
        assert store.schema_version >= 5
        assert store.provider_names() == {"Universität Wien": "wien univ"}
        store.put_provider_names({"Uni Wien": "wien univ"}, gone=["Universität Wien"])
        assert store.provider_names() == {"Uni Wien": "wien univ"}
    finally:
        store.close()
