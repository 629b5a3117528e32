-- Microcat store, version 2: fuzzy deduplication.
-- Administrators' decisions outlive every recomputation; the evidence of each merge is kept
-- beside its cluster; provider identities and the blocking keys let a harvest match its
-- changed records without clustering everything again.

CREATE TABLE cluster_decisions (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('merge', 'separate', 'split')),
    record_a    TEXT NOT NULL,
    record_b    TEXT,
    author      TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL,
    CHECK ((kind = 'split') = (record_b IS NULL))
);
CREATE INDEX cluster_decisions_a ON cluster_decisions (record_a);
CREATE INDEX cluster_decisions_b ON cluster_decisions (record_b);

-- The pairs whose match joined a cluster, with the score explained (feature -> contribution).
CREATE TABLE cluster_links (
    record_a    TEXT NOT NULL,
    record_b    TEXT NOT NULL,
    cluster_id  TEXT NOT NULL,
    score       REAL NOT NULL,
    evidence    TEXT NOT NULL,
    PRIMARY KEY (record_a, record_b)
);
CREATE INDEX cluster_links_cluster ON cluster_links (cluster_id);

-- Provider names as sources give them -> normalised core -> provider identity.
CREATE TABLE provider_names (
    name      TEXT PRIMARY KEY,
    core      TEXT NOT NULL,
    identity  TEXT NOT NULL
);

-- Blocking keys of every clustered record: shared identifiers ("url:...", "id:...") and the
-- sorted-neighbourhood keys ("sn:<pass>:<key>").
CREATE TABLE dedup_keys (
    key        TEXT NOT NULL,
    record_id  TEXT NOT NULL
);
CREATE INDEX dedup_keys_key ON dedup_keys (key);
CREATE INDEX dedup_keys_record ON dedup_keys (record_id);

CREATE TABLE dedup_state (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
