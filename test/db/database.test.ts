import fs from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { migrate, openDatabase } from '../../src/db/database.ts';
import { tempDir } from '../helpers/gateway.ts';

const dir = tempDir('mg-db-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the database runs in WAL mode with synchronous=FULL and foreign keys on', () => {
  const db = openDatabase(dir);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(16384);
  db.close();
});

test('migrations apply once, in order, and again is a no-op', () => {
  const db = openDatabase(dir);
  const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
  expect(versions[0]).toBe(1);
  migrate(db);
  expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
    versions,
  );
  db.close();
});

test('foreign keys hold: a seller cannot point at a subject that does not exist', () => {
  const db = openDatabase(dir);
  db.prepare(
    "INSERT INTO platforms (slug, name, uscc, created_at) VALUES ('fk', 'FK', '91330106673959654P', 'now')",
  ).run();
  expect(() =>
    db
      .prepare(
        `INSERT INTO sellers (platform_id, seller_id, subject_id, version, digest, subject_type, legal_name, store_name, store_url, status, first_filed_at, updated_at)
         VALUES (1, 's', 'no-such-subject', 1, x'00', 'enterprise', 'n', 's', 'https://a.cn/', 'active', 'now', 'now')`,
      )
      .run(),
  ).toThrow(/FOREIGN KEY/);
  db.close();
});
