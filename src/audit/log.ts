import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { canonicalJson } from '../lib/canonical-json.ts';

/** What an entry says: who did what to which record, why, and the particulars. */
export interface AuditAction {
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | { ok: false; entries: number; broken_at: number; why: string };

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of an entry: SHA-256 over its predecessor's hash, a newline, and its fields as canonical JSON. */
export function entryHash(prevHash: string, entry: Omit<AuditEntry, 'hash' | 'prev_hash'>): string {
  const { seq, at, actor, action, target_type, target_id, reason, detail } = entry;
  const body = canonicalJson({ seq, at, actor, action, target_type, target_id, reason, detail });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** The hash-chained audit log (migration 007). Appends run inside the caller's transaction when there is one. */
export function auditLog(db: Db) {
  const q = {
    last: db.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    ),
    insert: db.prepare(
      `INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, reason, detail, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @target_type, @target_id, @reason, @detail, @prev_hash, @hash)`,
    ),
    all: db.prepare<[], AuditEntry>('SELECT * FROM audit_log ORDER BY seq'),
    entry: db.prepare<[number], AuditEntry>('SELECT * FROM audit_log WHERE seq = ?'),
    ofTarget: db.prepare<[string, string, number], AuditEntry>(
      'SELECT * FROM audit_log WHERE target_type = ? AND target_id = ? ORDER BY seq DESC LIMIT ?',
    ),
    recent: db.prepare<[number, number], AuditEntry>(
      'SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?',
    ),
  };
  const append = db.transaction((action: AuditAction, now: Date): AuditEntry => {
    const last = q.last.get();
    const fields = {
      seq: (last?.seq ?? 0) + 1,
      at: now.toISOString(),
      actor: action.actor,
      action: action.action,
      target_type: action.target_type,
      target_id: action.target_id,
      reason: action.reason ?? null,
      detail: canonicalJson(action.detail ?? {}),
    };
    const prev_hash = last?.hash ?? GENESIS_HASH;
    const entry = { ...fields, prev_hash, hash: entryHash(prev_hash, fields) };
    q.insert.run(entry);
    return entry;
  });
  return {
    append: (action: AuditAction, now = new Date()) => append.immediate(action, now),
    /** The last entry's number and hash (0 and the genesis hash when the log is empty). */
    head(): { seq: number; hash: string } {
      return q.last.get() ?? { seq: 0, hash: GENESIS_HASH };
    },
    entry: (seq: number) => q.entry.get(seq),
    /** The entries about one record, newest first. */
    ofTarget: (type: string, id: string, limit = 100) => q.ofTarget.all(type, id, limit),
    /** Entries before `beforeSeq`, newest first (paging). */
    recent: (beforeSeq: number, limit: number) => q.recent.all(beforeSeq, limit),
    /** Walks the whole chain, one entry at a time, and says where it first breaks. */
    verify(): ChainCheck {
      let prev = GENESIS_HASH;
      let count = 0;
      let head: { seq: number; hash: string } | null = null;
      for (const entry of q.all.iterate()) {
        count++;
        const { hash, prev_hash, ...fields } = entry;
        if (entry.seq !== count)
          return { ok: false, entries: count, broken_at: entry.seq, why: `expected entry ${count} here` };
        if (prev_hash !== prev)
          return {
            ok: false,
            entries: count,
            broken_at: entry.seq,
            why: 'prev_hash is not the previous hash',
          };
        if (entryHash(prev_hash, fields) !== hash)
          return {
            ok: false,
            entries: count,
            broken_at: entry.seq,
            why: 'the entry does not match its hash',
          };
        prev = hash;
        head = { seq: entry.seq, hash };
      }
      return { ok: true, entries: count, head };
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;
