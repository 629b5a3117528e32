-- Microcat store, version 5: provider names keep only their identity (the normalised core
-- was written for every name on every refresh and never read). The table is rebuilt rather
-- than altered: ALTER TABLE ... DROP COLUMN needs SQLite 3.35.
CREATE TABLE provider_names_v5 (
    name      TEXT PRIMARY KEY,
    identity  TEXT NOT NULL
);
INSERT INTO provider_names_v5 (name, identity) SELECT name, identity FROM provider_names;
DROP TABLE provider_names;
ALTER TABLE provider_names_v5 RENAME TO provider_names;
