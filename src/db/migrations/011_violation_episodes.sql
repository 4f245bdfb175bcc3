-- Violation episodes (docs/decisions/0014-violation-episodes.md): a violation that a store shows is one
-- episode, however often it is crawled. The first verification that finds it opens the episode and writes
-- its credit event; later ones that find the same thing extend it (kept below as its evidence, no new
-- event, except one further event every 90 days it lasts); one that finds the store compliant again (or
-- the mark genuine, or gone) closes it. One kind of episode is about the store's identity, the other about
-- one trust mark the store shows.
--
-- After this file, the migration runner runs 011_violation_episodes.ts in the same transaction: it
-- rebuilds the episodes from the verifications already stored and cancels, by correction events, the
-- credit events that earlier crawls wrote again for the same violation.
--
-- No kept-page trigger (decision 0011): the public page does not show episodes. What an episode changes
-- there (its credit events, the verification, a revoked mark) is written to tables that have theirs.

CREATE TABLE violation_episodes (
  id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  about TEXT NOT NULL CHECK (about IN ('identity', 'mark')),
  mark_key TEXT NOT NULL,              -- '' for the identity; a mark's issuer and id, or issuer and address
  violation TEXT NOT NULL,             -- what was found: 'identity_missing', 'identity_mismatch/uscc/<code>', a mark verdict
  kind TEXT NOT NULL,                  -- the kind of its credit events
  severity TEXT NOT NULL CHECK (severity IN ('minor', 'moderate', 'serious')),
  opened_by TEXT NOT NULL REFERENCES verifications(id),
  opened_at TEXT NOT NULL,             -- the opening verification's finish
  last_seen_by TEXT NOT NULL REFERENCES verifications(id),
  last_seen_at TEXT NOT NULL,
  seen INTEGER NOT NULL,               -- verifications that found it
  events INTEGER NOT NULL,             -- credit events it wrote: the opening one and one per 90 days it lasted
  last_event_at TEXT,                  -- when the last of them occurred; NULL: none (rebuilt without one)
  closed_by TEXT REFERENCES verifications(id),
  closed_at TEXT,
  close_reason TEXT CHECK (close_reason IN ('resolved', 'replaced', 'gone')),
  FOREIGN KEY (platform_id, seller_id) REFERENCES sellers (platform_id, seller_id),
  CHECK ((closed_at IS NULL) = (close_reason IS NULL))
) STRICT;
-- serves: a store's open episodes, read by every verification of the store; and one open episode per thing
CREATE UNIQUE INDEX violation_episodes_open ON violation_episodes (platform_id, seller_id, about, mark_key)
  WHERE closed_at IS NULL;
-- serves: a store's episodes, newest first (GET /v1/regulator/stores/{platform}/{seller_id}/episodes)
CREATE INDEX violation_episodes_store ON violation_episodes (platform_id, seller_id, opened_at);

-- The evidence of an episode: every verification that found it, and the credit event it wrote, if any.
CREATE TABLE violation_episode_verifications (
  episode_id TEXT NOT NULL REFERENCES violation_episodes(id),
  verification_id TEXT NOT NULL REFERENCES verifications(id),
  credit_event_id TEXT REFERENCES credit_events(id),
  PRIMARY KEY (episode_id, verification_id)  -- serves: an episode's verifications, in order of their ids
) STRICT, WITHOUT ROWID;
