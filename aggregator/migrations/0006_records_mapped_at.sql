-- Microcat store, version 6: every harvest asks which records were mapped since the last
-- cluster refresh; an index answers without reading every record.
CREATE INDEX records_mapped_at ON records (mapped_at);
