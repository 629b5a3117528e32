-- Microcat store, version 1.
-- Raw payloads are kept verbatim (re-mapping never needs a re-harvest); the identity map
-- (feed + remote id -> record id -> cluster id) lives apart from raw history.

CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL,
    protocol        TEXT NOT NULL CHECK (protocol IN ('oai-pmh', 'json', 'html', 'xcri-cap', 'csv')),
    format          TEXT,
    set_spec        TEXT,
    name            TEXT,
    kind            TEXT NOT NULL DEFAULT 'provider'
                    CHECK (kind IN ('provider', 'catalogue', 'platform')),
    interval_hours  REAL NOT NULL DEFAULT 24 CHECK (interval_hours > 0),
    owner           TEXT,
    watermark       TEXT,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX feeds_source ON feeds (url, protocol, IFNULL(format, ''), IFNULL(set_spec, ''));

CREATE TABLE harvest_runs (
    id           INTEGER PRIMARY KEY,
    feed_id      INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    state        TEXT NOT NULL CHECK (state IN ('running', 'ok', 'partial', 'failed')),
    new          INTEGER NOT NULL DEFAULT 0,
    changed      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    deleted      INTEGER NOT NULL DEFAULT 0,
    errors       INTEGER NOT NULL DEFAULT 0,
    message      TEXT
);
CREATE INDEX harvest_runs_feed ON harvest_runs (feed_id, id);
-- At most one running harvest per feed.
CREATE UNIQUE INDEX harvest_runs_one_running ON harvest_runs (feed_id) WHERE state = 'running';

CREATE TABLE run_errors (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES harvest_runs (id) ON DELETE CASCADE,
    remote_id  TEXT,
    url        TEXT,
    message    TEXT NOT NULL
);
CREATE INDEX run_errors_run ON run_errors (run_id);

CREATE TABLE raw_records (
    feed_id     INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    remote_id   TEXT NOT NULL,
    datestamp   TEXT,
    deleted     INTEGER NOT NULL DEFAULT 0,
    media_type  TEXT,
    format      TEXT,
    payload     TEXT NOT NULL,
    hash        TEXT NOT NULL,
    url         TEXT,
    fetched_at  TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    PRIMARY KEY (feed_id, remote_id)
);

-- Identity map: a record id is assigned once per (feed, remote id) and never reused.
CREATE TABLE identity (
    feed_id     INTEGER NOT NULL,
    remote_id   TEXT NOT NULL,
    record_id   TEXT NOT NULL UNIQUE,
    cluster_id  TEXT,
    PRIMARY KEY (feed_id, remote_id)
);
CREATE INDEX identity_cluster ON identity (cluster_id);

-- Mapped records (the common elements as JSON); a tombstoned raw record has none.
CREATE TABLE records (
    id         TEXT PRIMARY KEY REFERENCES identity (record_id),
    feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    data       TEXT NOT NULL,
    mapped_at  TEXT NOT NULL
);
CREATE INDEX records_feed ON records (feed_id);

-- One canonical, merged record per cluster: what learners see.
CREATE TABLE clusters (
    id          TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
