import type { Db } from '../db/database.ts';

export interface MarkRow {
  id: string;
  platform_id: number;
  seller_id: string;
  subject_id: string;
  origin: string;
  subject_name: string;
  subject_uscc: string | null;
  verification_id: string;
  issued_by: string;
  issued_at: string;
  expires_at: string;
  payload: string;
  signature: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

/** What a mark is issued on: the store as filed now and its latest verification. */
export interface MarkCandidate {
  platform_id: number;
  platform: string;
  seller_id: string;
  status: string;
  store_url: string;
  subject_id: string;
  legal_name: string;
  uscc: string | null;
  verification_id: string | null;
  verdict: string | null;
}

export function marksStore(db: Db) {
  const q = {
    candidate: db.prepare<[number, string], MarkCandidate>(
      `SELECT s.platform_id, p.slug AS platform, s.seller_id, s.status, s.store_url, s.subject_id, s.legal_name,
              sub.uscc, v.id AS verification_id, v.verdict
       FROM sellers s
       JOIN platforms p ON p.id = s.platform_id
       JOIN subjects sub ON sub.id = s.subject_id
       LEFT JOIN verifications v ON v.id = (
         SELECT id FROM verifications WHERE platform_id = s.platform_id AND seller_id = s.seller_id
         ORDER BY finished_at DESC, id DESC LIMIT 1)
       WHERE s.platform_id = ? AND s.seller_id = ?`,
    ),
    insert: db.prepare(
      `INSERT INTO marks (id, platform_id, seller_id, subject_id, origin, subject_name, subject_uscc, verification_id,
         issued_by, issued_at, expires_at, payload, signature)
       VALUES (@id, @platform_id, @seller_id, @subject_id, @origin, @subject_name, @subject_uscc, @verification_id,
         @issued_by, @issued_at, @expires_at, @payload, @signature)`,
    ),
    byId: db.prepare<[string], MarkRow>('SELECT * FROM marks WHERE id = ?'),
    activeOfStore: db.prepare<[number, string, string], MarkRow>(
      'SELECT * FROM marks WHERE platform_id = ? AND seller_id = ? AND revoked_at IS NULL AND expires_at > ?',
    ),
    unrevokedOfStore: db.prepare<[number, string], MarkRow>(
      'SELECT * FROM marks WHERE platform_id = ? AND seller_id = ? AND revoked_at IS NULL',
    ),
    revoke: db.prepare<[string, string, string, string]>(
      'UPDATE marks SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL',
    ),
    unrevokedOfSubject: db.prepare<[string], MarkRow>(
      'SELECT * FROM marks WHERE subject_id = ? AND revoked_at IS NULL',
    ),
    revoked: db.prepare<[string, number], MarkRow>(
      'SELECT * FROM marks WHERE revoked_at IS NOT NULL AND revoked_at > ? ORDER BY revoked_at, id LIMIT ?',
    ),
  };
  return {
    candidate: (platformId: number, sellerId: string) => q.candidate.get(platformId, sellerId),
    insert: (row: Omit<MarkRow, 'revoked_at' | 'revoked_by' | 'revoke_reason'>) => q.insert.run(row),
    byId: (id: string) => q.byId.get(id),
    activeOfStore: (platformId: number, sellerId: string, now: string) =>
      q.activeOfStore.get(platformId, sellerId, now),
    unrevokedOfStore: (platformId: number, sellerId: string) => q.unrevokedOfStore.all(platformId, sellerId),
    unrevokedOfSubject: (subjectId: string) => q.unrevokedOfSubject.all(subjectId),
    /** True when this call revoked it (false: it was revoked already). */
    revoke: (id: string, at: string, by: string, reason: string) =>
      q.revoke.run(at, by, reason, id).changes === 1,
    /** Revocations after `since` (exclusive), oldest first, for paging through the list. */
    revokedSince: (since: string, limit: number) => q.revoked.all(since, limit),
  };
}

export type MarksStore = ReturnType<typeof marksStore>;
