-- Double-publicity decisions (issue 16, docs/double-publicity.md): administrative licensing and penalty
-- decisions that departments file through the filing machinery. Versions are staged by a filing and
-- published with it, as sellers' are; what a published version does to credit records and events (a
-- penalty recorded and published, withdrawn, a licence announced) is applied after the filing, on the
-- gateway's main connection, and `applied_version` says how far that has come, so that a crash between
-- the two is finished by the next sweep.

CREATE TABLE decision_versions (
  decision_key TEXT NOT NULL,          -- authority_uscc:normalised document number (prepare-decision.ts)
  version INTEGER NOT NULL,
  department_id INTEGER NOT NULL REFERENCES platforms(id),
  filing_id TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('penalty', 'license')),
  status TEXT NOT NULL CHECK (status IN ('in_force', 'withdrawn')),
  decision_number TEXT NOT NULL,       -- as filed
  authority_uscc TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  withdrawn_on TEXT,
  subject_category TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  subject_uscc TEXT,
  subject_id_hash BLOB,                -- keyed hash of a natural person's document number; never the number
  record TEXT NOT NULL,                -- the decision as filed, the document number masked (JSON)
  digest BLOB NOT NULL,
  PRIMARY KEY (decision_key, version)
) STRICT;
-- serves: publishing, and discarding, one filing's staged versions
CREATE INDEX decision_versions_filing ON decision_versions (filing_id);

-- The current version of each decision, and what its publication did.
CREATE TABLE decisions (
  decision_key TEXT PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES platforms(id), -- the department that filed it first: only it files it again
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  decision_number TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  digest BLOB NOT NULL,
  first_filed_at TEXT NOT NULL,        -- when it was first filed: its publication on marketgate
  updated_at TEXT NOT NULL,            -- when the current version was filed
  exchange_seq INTEGER NOT NULL,       -- grows with every published version: the exchange's cursor
  applied_version INTEGER NOT NULL DEFAULT 0,
  subject_id TEXT REFERENCES subjects(id),
  penalty_id TEXT REFERENCES penalties(id),
  publish_by TEXT,                     -- decided_on + 7 working days (GBF 2015 No. 51 §18)
  late INTEGER,                        -- 1 when first filed after publish_by
  apply_note TEXT                      -- why the credit side could not follow, when it could not
) STRICT;
-- serves: the exchange, in the order decisions changed
CREATE UNIQUE INDEX decisions_exchange ON decisions (exchange_seq);
-- serves: finishing what publication left to apply
CREATE INDEX decisions_unapplied ON decisions (exchange_seq) WHERE applied_version < version;
-- serves: a subject's licences on its public page
CREATE INDEX decisions_subject ON decisions (subject_id) WHERE subject_id IS NOT NULL;

-- A decision applied (a licence granted, corrected or withdrawn) changes its subject's public page: the
-- kept page's version moves with it (migration 010). Penalties move it through the penalties table.
CREATE TRIGGER credit_page_decision AFTER UPDATE OF applied_version ON decisions
  WHEN NEW.subject_id IS NOT NULL BEGIN
  INSERT INTO credit_page_versions (subject_id, version) VALUES (NEW.subject_id, 1)
    ON CONFLICT (subject_id) DO UPDATE SET version = version + 1;
END;
