import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addWorker, authenticate } from '../../src/accounts/service.ts';
import { issueKey } from '../../src/accounts/secrets.ts';
import { accountsStore } from '../../src/accounts/store.ts';
import { migrate } from '../../src/db/database.ts';
import { tempDir } from '../helpers/gateway.ts';

describe('crawl worker accounts (migration 023)', () => {
  it('keeps the keys of a database made before workers, and gives workers keys of their own', () => {
    const db = new Database(path.join(tempDir(), 'marketgate.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, { upTo: 22 });
    // A platform and its key as a gateway before issue 20 made them (no worker_id column then).
    const platform = issueKey('mgp');
    db.prepare(
      "INSERT INTO platforms (id, slug, name, uscc, created_at) VALUES (1, 'old-shop', 'Old Shop', '91330106673959654P', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      `INSERT INTO api_keys (prefix, secret_hash, platform_id, regulator_id, created_at)
       VALUES (?, ?, 1, NULL, '2026-01-01T00:00:00Z')`,
    ).run(platform.prefix, platform.secretHash);
    migrate(db);
    const store = accountsStore(db);
    expect(authenticate(store, platform.key)).toMatchObject({ kind: 'platform', slug: 'old-shop' });

    const worker = addWorker(store, { name: 'crawler-7' });
    expect(authenticate(store, worker.token)).toMatchObject({ kind: 'worker', name: 'crawler-7' });
    expect(() => addWorker(store, { name: 'crawler 7' })).toThrow(/worker name/);
    // A key belongs to exactly one owner.
    expect(() =>
      db
        .prepare(
          `INSERT INTO api_keys (prefix, secret_hash, platform_id, worker_id, created_at)
           VALUES ('mgw_TWOOWNER', x'00', 1, 1, '2026-12-06T00:00:00Z')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
