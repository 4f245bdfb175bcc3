-- The gateway's identity (issue 21): made once, at random, kept by backups and restores. A ClickHouse
-- database holds one gateway's orders (its load ids are the gateway's own): the gateway claims the
-- database with this id the first time it uses it, and any other gateway is refused there
-- (docs/decisions/0021).
CREATE TABLE gateway_identity (
  id TEXT PRIMARY KEY
) STRICT;

INSERT INTO gateway_identity (id) VALUES (lower(hex(randomblob(16))));
