import type { Db } from '../db/database.ts';

/** SQL of the web console (migration 009): sessions and failed logins, and the dashboard's read models. */

export interface ConsoleSessionRow {
  id_hash: Buffer;
  regulator_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export function consoleStore(db: Db) {
  const q = {
    insertSession: db.prepare(
      `INSERT INTO console_sessions (id_hash, regulator_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES (@id_hash, @regulator_id, @csrf_token, @created_at, @last_seen_at, @expires_at)`,
    ),
    session: db.prepare<[Buffer], ConsoleSessionRow>('SELECT * FROM console_sessions WHERE id_hash = ?'),
    touch: db.prepare<[string, Buffer]>('UPDATE console_sessions SET last_seen_at = ? WHERE id_hash = ?'),
    deleteSession: db.prepare<[Buffer]>('DELETE FROM console_sessions WHERE id_hash = ?'),
    deleteEnded: db.prepare<[string, string]>(
      'DELETE FROM console_sessions WHERE expires_at <= ? OR last_seen_at <= ?',
    ),
    insertFailure: db.prepare<[string, string, string]>(
      'INSERT INTO console_login_failures (scope, key, at) VALUES (?, ?, ?)',
    ),
    failuresSince: db.prepare<[string, string, string], { n: number; last: string | null }>(
      'SELECT count(*) AS n, max(at) AS last FROM console_login_failures WHERE scope = ? AND key = ? AND at > ?',
    ),
    clearFailures: db.prepare<[string, string]>(
      'DELETE FROM console_login_failures WHERE scope = ? AND key = ?',
    ),
    deleteOldFailures: db.prepare<[string]>('DELETE FROM console_login_failures WHERE at <= ?'),
  };
  return {
    insertSession: (row: ConsoleSessionRow) => q.insertSession.run(row),
    session: (idHash: Buffer) => q.session.get(idHash),
    touchSession: (idHash: Buffer, at: string) => q.touch.run(at, idHash),
    deleteSession: (idHash: Buffer) => q.deleteSession.run(idHash),
    /** Removes sessions past their end or idle since `idleBefore`. */
    deleteEndedSessions: (now: string, idleBefore: string) => q.deleteEnded.run(now, idleBefore).changes,
    recordFailure: (scope: 'account' | 'address', key: string, at: string) =>
      q.insertFailure.run(scope, key, at),
    failuresSince: (scope: 'account' | 'address', key: string, since: string) =>
      q.failuresSince.get(scope, key, since)!,
    clearFailures: (scope: 'account' | 'address', key: string) => q.clearFailures.run(scope, key),
    deleteFailuresBefore: (at: string) => q.deleteOldFailures.run(at),
  };
}

export type ConsoleStore = ReturnType<typeof consoleStore>;
