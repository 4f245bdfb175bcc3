-- An order version's seq is its arrival order, and must never be given twice (issue 21, decision 0021).
-- SQLite gives a new row max(seq) + 1: with ClickHouse, the loader removes loaded versions from SQLite,
-- and once the newest went, their seqs would be given again. The loader writes here the highest seq it
-- removes; the filing writer numbers new versions above both this and what the table holds.
CREATE TABLE transaction_seq_floor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
) STRICT;
