-- Microcat store, version 4: the links of a changed record are found from either side.
CREATE INDEX cluster_links_b ON cluster_links (record_b);
