-- Violation leads from platforms (issue 16 part 3, docs/leads.md): a platform reports a violation it found
-- on its own platform (网络交易合规数据报送管理暂行办法, 2025: the seller, the store, the goods, what was
-- found, the records kept, the measures taken). A lead is a lead, never a violation: nothing here writes a
-- credit event; a regulator links it to the penalty or risk warning it fed, and those carry the weight.
--
-- The texts are stored with resident ID numbers and phone numbers masked (src/leads/text.ts): a lead is
-- not a channel for personal data, the seller's identity is in its filing.

CREATE TABLE leads (
  id TEXT PRIMARY KEY,                 -- ULID: ids show arrival order
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  seller_id TEXT NOT NULL,             -- a seller this platform filed
  subject_id TEXT NOT NULL REFERENCES subjects(id), -- the seller's subject when the lead was filed
  store_name TEXT NOT NULL,            -- the store as filed when the lead was filed
  store_url TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('counterfeit', 'false_advertising', 'unlicensed',
    'prohibited_goods', 'identity_mismatch', 'price_fraud', 'other')),
  goods TEXT NOT NULL,                 -- JSON: [{name, sku, url}], 1 to 100
  found TEXT NOT NULL,                 -- what was found (masked)
  records TEXT NOT NULL,               -- JSON: the records kept, 1 to 50 texts (masked)
  measures TEXT NOT NULL,              -- JSON: [{measure, taken_on}], 1 to 10, measures of a closed list
  measures_note TEXT,                  -- what the measures were, in words (masked)
  found_on TEXT NOT NULL,              -- YYYY-MM-DD (China Standard Time)
  reference TEXT,                      -- the platform's own case number, if it gave one
  status TEXT NOT NULL CHECK (status IN ('submitted', 'in_review', 'linked', 'dismissed', 'closed')),
  assignee TEXT,                       -- the regulator working it ('regulator:<id>' or a name)
  decided_by TEXT,                     -- who dismissed or closed it
  decided_at TEXT,
  reason TEXT,                         -- why it was dismissed, or how it was closed (shown to the platform)
  idempotency_key TEXT,                -- the platform's Idempotency-Key, with the digest of the body it sent
  request_hash TEXT,
  submitted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,            -- the last status change, link or file
  CHECK (status NOT IN ('dismissed', 'closed') OR (reason IS NOT NULL AND decided_by IS NOT NULL)),
  CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
) STRICT;
-- serves: the regulator's queue (one status, or the open ones, oldest first)
CREATE INDEX leads_queue ON leads (status, submitted_at, id);
-- serves: a platform's own leads, latest change first, and its polling for changes since a time
CREATE INDEX leads_platform ON leads (platform_id, updated_at DESC, id DESC);
-- serves: a subject's leads (the console's lead page offers its penalties and warnings)
CREATE INDEX leads_subject ON leads (subject_id);
-- serves: Idempotency-Key replays, one key per platform
CREATE UNIQUE INDEX leads_idempotency ON leads (platform_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- What happened to a lead, in order: filed, files added, assigned, linked, dismissed, closed. The platform
-- reads these (without the regulator's id) to follow its lead.
CREATE TABLE lead_events (
  lead_id TEXT NOT NULL REFERENCES leads(id),
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,                -- submit, add_files, assign, link, dismiss, close
  actor TEXT NOT NULL,                 -- 'platform:<slug>', 'regulator:<id>'
  at TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT,                           -- the reason of a dismissal or a closing
  detail TEXT NOT NULL,                -- JSON: the link, the files, the assignee
  PRIMARY KEY (lead_id, seq)
) STRICT, WITHOUT ROWID;

-- What a lead led to: an administrative penalty or a risk warning (of the lead's subject or store).
CREATE TABLE lead_links (
  lead_id TEXT NOT NULL REFERENCES leads(id),
  kind TEXT NOT NULL CHECK (kind IN ('penalty', 'risk_warning')),
  target_id TEXT NOT NULL,             -- penalties(id) or risk_warnings(id), checked by the verb
  note TEXT,
  linked_by TEXT NOT NULL,
  linked_at TEXT NOT NULL,
  PRIMARY KEY (lead_id, kind, target_id)
) STRICT, WITHOUT ROWID;
-- serves: which leads a penalty or a warning came from
CREATE INDEX lead_links_target ON lead_links (kind, target_id);

-- Files the platform attaches (content-addressed under <data>/lead-files; typed by their content).
CREATE TABLE lead_files (
  lead_id TEXT NOT NULL REFERENCES leads(id),
  sha256 TEXT NOT NULL,
  media_type TEXT NOT NULL,            -- from the content, never from the name
  size INTEGER NOT NULL,
  name TEXT NOT NULL,                  -- <first 16 hex digits>.<extension of the sniffed type>
  added_at TEXT NOT NULL,
  PRIMARY KEY (lead_id, sha256)
) STRICT, WITHOUT ROWID;
