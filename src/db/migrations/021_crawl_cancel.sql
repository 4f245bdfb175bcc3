-- Crawls can be cancelled and listed (issue 18). A crawl's state is 'cancelled' when cancelled_at is set
-- (src/verification/crawl-view.ts crawlState); its status column then says only whether the runner has
-- let go of it ('queued'/'running' while stores in flight finish, then 'done' or 'failed'). The CHECK on
-- status cannot take a new value: SQLite changes a CHECK only by rebuilding the table, and crawls is
-- referenced by crawl_stores and verifications, which a rebuild inside a migration's transaction (foreign
-- keys on) refuses to leave dangling.
ALTER TABLE crawls ADD COLUMN cancelled_at TEXT;
ALTER TABLE crawls ADD COLUMN cancelled_by TEXT;     -- the actor, as requested_by: 'regulator:<id>', 'cli'

CREATE INDEX crawls_created ON crawls (created_at, id); -- serves: the crawl list, newest first (keyset paging)
