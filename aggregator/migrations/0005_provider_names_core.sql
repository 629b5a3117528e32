-- Microcat store, version 5: provider names keep only their identity (the normalised core
-- was written for every name on every refresh and never read).
ALTER TABLE provider_names DROP COLUMN core;
